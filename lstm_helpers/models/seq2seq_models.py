"""Lesson 11's encoder–decoder LSTM, with or without attention, as Keras functional models.

Each ``Seq2Seq`` holds three models that share their layers: ``model`` (trained with
teacher forcing: it reads the input and the *true* answer shifted right, and outputs the
next token at every step), ``encoder`` (input → the states the decoder starts from) and
``decoder`` (one step: last token and states → next-token probabilities and new states).
``step`` wraps ``decoder`` in the form ``core.beam_search`` wants, so greedy decoding and
beam search run any of them, the Transformer of ``transformer_models`` included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import keras
import numpy as np
from keras import layers, ops

from lstm_helpers.core import beam_search
from lstm_helpers.core.errors import LabTypeError, check_int, check_number
from lstm_helpers.data.seq2seq_task import END, PAD, START

ATTENTION = {"additive": layers.AdditiveAttention, "dot": layers.Attention}
EPS = 1e-12  # log(0) guard


@dataclass
class Seq2Seq:
    """An encoder–decoder: its training model, its encoder and its one-step decoder.
    Used in lesson 11."""

    name: str
    kind: str  # "lstm", "attention" or "transformer"
    model: keras.Model
    encoder: keras.Model
    decoder: keras.Model
    weights_model: keras.Model | None = None  # (input, decoder input) → attention weights
    sizes: dict = field(default_factory=dict)  # the widths it was built with

    @property
    def parameters(self) -> int:
        return int(self.model.count_params())

    def start(self, inputs: np.ndarray) -> beam_search.States:
        """The decoder's first states for a batch of inputs (n, steps)."""
        inputs = _tokens("inputs", inputs, 2)
        if self.kind == "transformer":
            enc = np.asarray(self.encoder(inputs, training=False))
            return enc, inputs, np.zeros((len(inputs), 0), "int32")
        out = [np.asarray(t) for t in self.encoder(inputs, training=False)]
        return tuple(out) + ((inputs,) if self.kind == "attention" else ())

    def step(self, tokens: np.ndarray, states: beam_search.States
             ) -> tuple[np.ndarray, beam_search.States]:
        """One decoding step for k hypotheses: (log-probs (k, vocabulary), new states)."""
        tokens = np.asarray(tokens, dtype="int32")[:, None]
        if self.kind == "transformer":
            enc, inputs, prefix = states
            prefix = np.concatenate([prefix, tokens], axis=1)
            probs = np.asarray(self.decoder([prefix, enc, inputs], training=False))[:, -1]
            return np.log(probs + EPS), (enc, inputs, prefix)
        if self.kind == "attention":
            h, c, enc, inputs = states
            probs, h, c = self.decoder([tokens, h, c, enc, inputs], training=False)
            new = (np.asarray(h), np.asarray(c), enc, inputs)
        else:
            probs, h, c = self.decoder([tokens, *states], training=False)
            new = (np.asarray(h), np.asarray(c))
        return np.log(np.asarray(probs)[:, 0] + EPS), new

    def greedy(self, inputs: np.ndarray, max_len: int | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Greedy outputs (n, steps) and each step's probabilities (n, steps, vocabulary).
        Used in lesson 11."""
        inputs = _tokens("inputs", inputs, 2)
        steps = inputs.shape[1] + 2 if max_len is None else max_len
        tokens, log_probs = beam_search.greedy_decode(self.step, self.start(inputs), START, END,
                                                      steps, banned=(PAD, START))
        return tokens, np.exp(log_probs)

    def beam(self, tokens: np.ndarray, width: int) -> list[beam_search.Hypothesis]:
        """Beam search for one input (steps,). Used in lesson 11."""
        tokens = _tokens("tokens", tokens, 1)[None, :]
        return beam_search.beam_search(self.step, self.start(tokens), START, END, width,
                                       tokens.shape[1] + 2, banned=(PAD, START))

    def attention_weights(self, tokens: np.ndarray, output: np.ndarray) -> np.ndarray:
        """Attention weights (output steps, input steps) while writing ``output`` for input
        ``tokens``: row t is what the decoder read while writing token t; rows sum to 1."""
        if self.weights_model is None:
            raise LabTypeError(f"{self.name} has no attention layer, so no attention weights.")
        tokens, output = _tokens("tokens", tokens, 1), _tokens("output", output, 1)
        dec_in = np.concatenate([[START], output[:-1]]).astype("int32")[None, :]  # as fed
        return np.asarray(self.weights_model([tokens[None, :], dec_in],
                                             training=False))[0]


def _tokens(name: str, tokens: object, ndim: int) -> np.ndarray:
    """``tokens`` as an int32 array of ``ndim`` dimensions with at least one step."""
    array = np.asarray(tokens)
    if array.ndim != ndim or array.shape[-1] == 0 or not np.issubdtype(array.dtype, np.integer):
        shape = "(examples, steps)" if ndim == 2 else "(steps,)"
        raise LabTypeError(f"{name} must be whole-number token ids of shape {shape}; got "
                           f"{array.dtype} of shape {array.shape}. seq2seq_task.encode_digits "
                           "makes them from text.")
    return array.astype("int32")


def _attention_layer(attention: object) -> layers.Layer | None:
    if attention is None or isinstance(attention, layers.Layer):
        return attention
    if isinstance(attention, str) and attention in ATTENTION:
        return ATTENTION[attention](name=f"{attention}_attention")
    raise LabTypeError(f"attention must be None, {' or '.join(map(repr, ATTENTION))}, or a "
                       f"Keras attention layer such as keras.layers.Attention(); got "
                       f"{attention!r:.60}.")


def compile_seq2seq(model: keras.Model, learning_rate: float) -> keras.Model:
    """Adam, cross-entropy on the next token, accuracy weighted so padding does not count.
    Used in lesson 11."""
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), jit_compile=False,
                  loss="sparse_categorical_crossentropy", weighted_metrics=["accuracy"])
    return model


def build_lstm_seq2seq(vocab_size: int, units: int = 64, embed_dim: int = 32,
                       attention: object = None, learning_rate: float = 5e-3,
                       name: str | None = None) -> Seq2Seq:
    """An encoder LSTM whose final (h, c) start a decoder LSTM; with ``attention``
    ("additive" for Bahdanau's score, "dot" for Luong's, or a Keras attention layer) the
    decoder also reads a weighted mix of every encoder output at each step (Luong's
    placement: after the decoder LSTM). Compiled. Used in lesson 11."""
    vocab_size = check_int("vocab_size", vocab_size, low=4)
    units = check_int("units", units, low=1)
    embed_dim = check_int("embed_dim", embed_dim, low=1)
    learning_rate = check_number("learning_rate", learning_rate, above=0.0)
    att = _attention_layer(attention)
    kind = "lstm" if att is None else "attention"
    name = name or ("LSTM" if att is None else "LSTM + attention")

    enc_in = keras.Input((None,), dtype="int32", name="encoder_tokens")
    dec_in = keras.Input((None,), dtype="int32", name="decoder_tokens")
    enc_embed = layers.Embedding(vocab_size, embed_dim, mask_zero=True, name="encoder_embedding")
    enc_lstm = layers.LSTM(units, return_sequences=True, return_state=True, name="encoder_lstm")
    dec_embed = layers.Embedding(vocab_size, embed_dim, name="decoder_embedding")
    dec_lstm = layers.LSTM(units, return_sequences=True, return_state=True, name="decoder_lstm")
    mix = layers.Dense(units, activation="tanh", name="attention_mix")
    head = layers.Dense(vocab_size, activation="softmax", name="next_token")

    def decode(tokens, h, c, enc_out, enc_tokens):
        # Shapes: tokens (batch, T); h, c (batch, units); enc_out (batch, S, units)
        out, h, c = dec_lstm(dec_embed(tokens), initial_state=[h, c])
        if att is None:
            return head(out), h, c, None
        mask = ops.not_equal(enc_tokens, PAD)  # padding gets no attention
        context, scores = att([out, enc_out], mask=[None, mask], return_attention_scores=True)
        return head(mix(layers.concatenate([out, context]))), h, c, scores

    enc_out, h, c = enc_lstm(enc_embed(enc_in))
    probs, _, _, scores = decode(dec_in, h, c, enc_out, enc_in)
    model = compile_seq2seq(keras.Model([enc_in, dec_in], probs, name=name.replace(" ", "_")
                                        .replace("+", "plus")), learning_rate)
    token = keras.Input((1,), dtype="int32", name="last_token")
    h_in, c_in = keras.Input((units,), name="h"), keras.Input((units,), name="c")
    if att is None:
        encoder = keras.Model(enc_in, [h, c])
        step_probs, h2, c2, _ = decode(token, h_in, c_in, None, None)
        decoder = keras.Model([token, h_in, c_in], [step_probs, h2, c2])
        weights = None
    else:
        encoder = keras.Model(enc_in, [h, c, enc_out])
        enc_seq = keras.Input((None, units), name="encoder_outputs")
        tok_seq = keras.Input((None,), dtype="int32", name="encoder_tokens_again")
        step_probs, h2, c2, _ = decode(token, h_in, c_in, enc_seq, tok_seq)
        decoder = keras.Model([token, h_in, c_in, enc_seq, tok_seq], [step_probs, h2, c2])
        weights = keras.Model([enc_in, dec_in], scores)
    return Seq2Seq(name, kind, model, encoder, decoder, weights,
                   {"units": units, "embed_dim": embed_dim})
