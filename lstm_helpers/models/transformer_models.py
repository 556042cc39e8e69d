"""Lesson 11's small Transformer encoder–decoder (Vaswani et al., 2017), from Keras layers.

One encoder block and one decoder block, each ``MultiHeadAttention`` + a feed-forward layer
with residual connections and layer normalisation; tokens get a fixed sinusoidal position
signal, so any length can be read. It decodes without a key–value cache: each new token
re-reads the whole prefix, the simple way, and ``cache_floats`` says what a cached decoder
would have to keep instead.
"""

from __future__ import annotations

import math

import keras
from keras import layers, ops

from lstm_helpers.core.errors import check_int, check_number
from lstm_helpers.data.seq2seq_task import PAD
from lstm_helpers.models.seq2seq_models import Seq2Seq, compile_seq2seq


@keras.saving.register_keras_serializable(package="lstm_lab")
class PositionalEmbedding(layers.Layer):
    """Token embedding (scaled by √dim) plus a fixed sinusoidal position signal."""

    def __init__(self, vocab_size: int, dim: int, **kwargs):
        super().__init__(**kwargs)
        self.vocab_size, self.dim = vocab_size, dim
        self.tokens = layers.Embedding(vocab_size, dim)

    def build(self, input_shape):
        self.tokens.build(input_shape)
        super().build(input_shape)

    def call(self, tokens):
        # Shape: (batch, T) → (batch, T, dim)
        positions = ops.cast(ops.arange(ops.shape(tokens)[1]), "float32")[:, None]
        rates = ops.power(10000.0, -ops.cast(ops.arange(self.dim // 2), "float32")
                          * 2.0 / self.dim)[None, :]
        angles = positions * rates
        signal = ops.concatenate([ops.sin(angles), ops.cos(angles)], axis=-1)
        return self.tokens(tokens) * math.sqrt(self.dim) + signal[None, :, :]

    def get_config(self):
        return {**super().get_config(), "vocab_size": self.vocab_size, "dim": self.dim}


def build_transformer_seq2seq(vocab_size: int, dim: int = 48, heads: int = 4,
                              feed_forward: int = 96, learning_rate: float = 2e-3,
                              name: str = "Transformer") -> Seq2Seq:
    """A one-block Transformer encoder–decoder, compiled like the LSTMs. ``dim`` must be
    even and divisible by ``heads``. Used in lesson 11."""
    vocab_size = check_int("vocab_size", vocab_size, low=4)
    heads = check_int("heads", heads, low=1)
    dim = check_int("dim", dim, low=2)
    if dim % 2 or dim % heads:
        raise ValueError(f"dim must be even and divisible by heads ({heads}); got {dim}. "
                         f"Try dim={2 * heads * max(1, dim // (2 * heads))}.")
    feed_forward = check_int("feed_forward", feed_forward, low=1)
    learning_rate = check_number("learning_rate", learning_rate, above=0.0)
    key_dim = dim // heads

    def attention(label: str) -> layers.MultiHeadAttention:
        return layers.MultiHeadAttention(heads, key_dim, name=label)

    enc_embed = PositionalEmbedding(vocab_size, dim, name="encoder_embedding")
    dec_embed = PositionalEmbedding(vocab_size, dim, name="decoder_embedding")
    enc_self, dec_self, cross = attention("encoder_self"), attention("decoder_self"), \
        attention("cross")
    norms = [layers.LayerNormalization(name=f"norm_{k}") for k in range(5)]
    ffs = [(layers.Dense(feed_forward, activation="relu", name=f"ff_in_{k}"),
            layers.Dense(dim, name=f"ff_out_{k}")) for k in range(2)]
    head = layers.Dense(vocab_size, activation="softmax", name="next_token")

    def encode(tokens):
        pad_mask = ops.expand_dims(ops.not_equal(tokens, PAD), 1)  # (batch, 1, S)
        x = enc_embed(tokens)
        x = norms[0](x + enc_self(x, x, attention_mask=pad_mask))
        return norms[1](x + ffs[0][1](ffs[0][0](x)))

    def decode(prefix, enc_out, enc_tokens):
        pad_mask = ops.expand_dims(ops.not_equal(enc_tokens, PAD), 1)
        y = dec_embed(prefix)
        y = norms[2](y + dec_self(y, y, use_causal_mask=True))  # no peeking ahead
        y = norms[3](y + cross(y, enc_out, attention_mask=pad_mask))
        return head(norms[4](y + ffs[1][1](ffs[1][0](y))))

    enc_in = keras.Input((None,), dtype="int32", name="encoder_tokens")
    dec_in = keras.Input((None,), dtype="int32", name="decoder_tokens")
    enc_out = encode(enc_in)
    model = compile_seq2seq(keras.Model([enc_in, dec_in], decode(dec_in, enc_out, enc_in),
                                        name=name.replace(" ", "_")), learning_rate)
    encoder = keras.Model(enc_in, enc_out)
    enc_seq = keras.Input((None, dim), name="encoder_outputs")
    tok_seq = keras.Input((None,), dtype="int32", name="encoder_tokens_again")
    prefix = keras.Input((None,), dtype="int32", name="prefix")
    decoder = keras.Model([prefix, enc_seq, tok_seq], decode(prefix, enc_seq, tok_seq))
    return Seq2Seq(name, "transformer", model, encoder, decoder, None,
                   {"dim": dim, "heads": heads, "key_dim": key_dim, "layers": 1,
                    "feed_forward": feed_forward})


def cache_floats(seq2seq: Seq2Seq, generated: int, input_length: int) -> int:
    """Floats a decoder must keep to write token ``generated + 1`` of an answer to an input
    of ``input_length`` tokens: an LSTM its h and c; with attention also every encoder
    output; a Transformer with a key–value cache, the keys and values of every generated
    token in each decoder self-attention layer plus those of the input in cross-attention.
    Computed from the layer sizes. Used in lesson 11."""
    generated = check_int("generated", generated, low=0)
    input_length = check_int("input_length", input_length, low=0)
    sizes = seq2seq.sizes
    if seq2seq.kind == "transformer":
        width = sizes["heads"] * sizes["key_dim"]
        return 2 * sizes["layers"] * width * (generated + input_length)
    state = 2 * sizes["units"]
    return state + (sizes["units"] * input_length if seq2seq.kind == "attention" else 0)
