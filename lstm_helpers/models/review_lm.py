"""A word-level language model of IMDB reviews, built to start a sentiment classifier.

It reads each review in windows and carries its LSTM state from one window of a review to
the next (``CarriedLSTM``), starting fresh at every new review, so every word is predicted
from everything before it in its review and nothing of another review. Its vocabulary is
the classifier's (20,000 words). Predicting one of 20,000 words at every position costs a
CPU more than the LSTM itself, so training uses a *sampled* softmax: each step scores the
true next word against 512 words drawn by frequency (``tf.nn.sampled_softmax_loss``); the
full softmax is used only to measure perplexity.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import keras
import numpy as np

from lstm_helpers import config
from lstm_helpers.core.errors import damaged
from lstm_helpers.data.tokens import OOV_ID, PAD_ID


@dataclass(frozen=True)
class LMShape:
    """The sizes that must match between the language model and a classifier it starts."""

    vocab_size: int = 20_000
    embed_dim: int = 128
    units: int = 256


@keras.saving.register_keras_serializable("lstm_lab")
class CarriedLSTM(keras.layers.Layer):
    """An LSTM over a batch of ``rows`` windows whose final state becomes the next batch's
    starting state, row by row, except where ``reset`` is 1 (a new review starts there)."""

    def __init__(self, units: int, rows: int, **kwargs):
        super().__init__(**kwargs)
        self.units, self.rows = units, rows
        self.lstm = keras.layers.LSTM(units, return_sequences=True, return_state=True,
                                      name="lstm")

    def build(self, input_shape):
        self.h = self.add_weight(shape=(self.rows, self.units), initializer="zeros",
                                 trainable=False, name="h")
        self.c = self.add_weight(shape=(self.rows, self.units), initializer="zeros",
                                 trainable=False, name="c")
        self.lstm.build(input_shape)

    def call(self, x, reset):
        keep = 1.0 - keras.ops.expand_dims(keras.ops.cast(reset, self.h.dtype), -1)
        out, h, c = self.lstm(x, initial_state=[self.h * keep, self.c * keep])
        self.h.assign(keras.ops.stop_gradient(h))  # truncated backpropagation through time
        self.c.assign(keras.ops.stop_gradient(c))
        return out

    def get_config(self):
        return {**super().get_config(), "units": self.units, "rows": self.rows}


class ReviewLM(keras.Model):
    """Embedding → CarriedLSTM → sampled softmax over the vocabulary (training only).

    Regularised as AWD-LSTM and ULMFiT regularise theirs, so that its states stay in the
    range a classifier can still move: ``dropout`` on the word vectors and on the outputs,
    and two penalties on the hidden states: ``activation`` × mean(h²) (no large states) and
    ``temporal`` × mean((h_t − h_{t−1})²) (no jumpy ones).
    """

    def __init__(self, shape: LMShape, rows: int, sampled: int = 512, dropout: float = 0.0,
                 activation: float = 0.0, temporal: float = 0.0, **kwargs):
        super().__init__(**kwargs)
        # A vocabulary smaller than the sample (tiny test corpora) samples all but one word.
        self.shape_, self.rows = shape, rows
        self.sampled = min(sampled, shape.vocab_size - 1)
        self.activation_penalty, self.temporal_penalty = activation, temporal
        self.embedding = keras.layers.Embedding(shape.vocab_size, shape.embed_dim,
                                                name="embedding")
        self.word_dropout = keras.layers.SpatialDropout1D(dropout)
        self.output_dropout = keras.layers.Dropout(dropout)
        self.carried = CarriedLSTM(shape.units, rows, name="carried")
        self.softmax_w = self.add_weight(shape=(shape.vocab_size, shape.units),
                                         initializer="glorot_uniform", name="softmax_w")
        self.softmax_b = self.add_weight(shape=(shape.vocab_size,), initializer="zeros",
                                         name="softmax_b")

    def call(self, inputs, training=False):
        x, reset = inputs
        vectors = self.word_dropout(self.embedding(x), training=training)
        return self.carried(vectors, reset)

    def train_step(self, data):
        import tensorflow as tf

        (x, reset), y, weight = data
        with tf.GradientTape() as tape:
            states = self((x, reset), training=True)
            hidden = self.output_dropout(states, training=True)
            flat = tf.reshape(hidden, (-1, self.shape_.units))
            labels = tf.reshape(tf.cast(y, tf.int64), (-1, 1))
            sampler = tf.random.log_uniform_candidate_sampler(
                labels, 1, self.sampled, True, self.shape_.vocab_size)
            per_word = tf.nn.sampled_softmax_loss(
                self.softmax_w, self.softmax_b, labels, flat, self.sampled,
                self.shape_.vocab_size, sampled_values=sampler)
            w = tf.reshape(weight, (-1,))
            loss = tf.reduce_sum(per_word * w) / tf.maximum(tf.reduce_sum(w), 1.0)
            total = loss
            if self.activation_penalty:
                total += self.activation_penalty * tf.reduce_mean(tf.square(hidden))
            if self.temporal_penalty:
                total += self.temporal_penalty * tf.reduce_mean(
                    tf.square(states[:, 1:] - states[:, :-1]))
        grads = tape.gradient(total, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        return {"loss": loss}


def lm_weights(model: ReviewLM) -> dict[str, np.ndarray]:
    """The arrays a classifier (or a perplexity check) needs, by name."""
    kernel, recurrent, bias = model.carried.lstm.get_weights()
    return {"embedding": model.embedding.get_weights()[0], "kernel": kernel,
            "recurrent_kernel": recurrent, "bias": bias,
            "softmax_w": np.asarray(model.softmax_w), "softmax_b": np.asarray(model.softmax_b)}


def perplexity(weights: dict[str, np.ndarray], seqs: list[np.ndarray],
               batch_size: int = 16) -> float:
    """Full-softmax perplexity of the language model on whole reviews ('[UNK]' targets and
    padding skipped): each review read from its start, as the model was trained."""
    units = weights["recurrent_kernel"].shape[0]
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(*weights["embedding"].shape, mask_zero=True)(ids)
    lstm = keras.layers.LSTM(units, return_sequences=True)
    hidden = lstm(x)
    model = keras.Model(ids, hidden)
    model.layers[1].set_weights([weights["embedding"]])
    lstm.set_weights([weights["kernel"], weights["recurrent_kernel"], weights["bias"]])
    total, count = 0.0, 0
    usable = sorted((s for s in seqs if len(s) >= 2), key=len)
    for start in range(0, len(usable), batch_size):
        chunk = usable[start:start + batch_size]
        width = max(len(s) for s in chunk) - 1
        x = np.zeros((len(chunk), width), np.int32)
        y = np.zeros_like(x)
        for r, s in enumerate(chunk):
            x[r, : len(s) - 1], y[r, : len(s) - 1] = s[:-1], s[1:]
        states = np.asarray(model(x), np.float32)
        for r in range(len(chunk)):  # one review at a time: (steps, vocabulary) stays small
            keep = (y[r] != PAD_ID) & (y[r] != OOV_ID)
            if not keep.any():
                continue
            logits = states[r][keep] @ weights["softmax_w"].T + weights["softmax_b"]
            logits = logits.astype(np.float64)
            top = logits.max(axis=-1, keepdims=True)
            log_z = np.log(np.exp(logits - top).sum(axis=-1)) + top[:, 0]
            total += float((log_z - logits[np.arange(len(logits)), y[r][keep]]).sum())
            count += int(keep.sum())
    return float(np.exp(total / max(count, 1)))


WEIGHTS_NAME = "imdb_review_lm"


def saved_paths(folder: Path | None = None) -> tuple[Path, Path]:
    """Where ``tools/pretrain_lm.py`` keeps the weights (.npz) and their record (.json)."""
    folder = folder if folder is not None else config.cache_dir() / "models"
    return folder / f"{WEIGHTS_NAME}.npz", folder / f"{WEIGHTS_NAME}.json"


def save_pretrained(weights: dict[str, np.ndarray], vocabulary: list[str], record: dict,
                    folder: Path | None = None) -> Path:
    """Write the weights and, beside them, the vocabulary and how they were made."""
    npz, meta = saved_paths(folder)
    config.make_folder(npz.parent)
    config.atomic_write(npz, lambda handle: np.savez(handle, **weights))
    config.atomic_write_text(meta, json.dumps({**record, "vocabulary": vocabulary}, indent=1))
    return npz


def find_pretrained() -> tuple[Path, Path] | None:
    """The saved language model: the learner's cache first, then an instructor's shared
    cache (``LSTM_LAB_SHARED_CACHE``); None when neither has it."""
    for folder in [None, *(d / "models" for d in config.shared_cache_dirs())]:
        try:
            npz, meta = saved_paths(folder)
            if npz.is_file() and meta.is_file():
                return npz, meta
        except OSError as exc:  # an unusable cache; a shared one made under umask 077
            if folder is not None:
                config.skip_shared_cache(folder.parent, exc)
    return None


def load_pretrained() -> tuple[dict[str, np.ndarray], dict]:
    """The weights and record ``tools/pretrain_lm.py`` saved, or a FileNotFoundError that
    says how to make them. Used in lesson 08."""
    found = find_pretrained()
    if found is None:
        raise FileNotFoundError(
            "No pretrained IMDB language model yet. Make it once (about 40 minutes on a "
            "2-core laptop, resumable): `.venv/bin/python tools/pretrain_lm.py` from the "
            "course folder, with the full IMDB archive (it learns from the 50,000 unlabelled "
            "reviews). An instructor can share one through LSTM_LAB_SHARED_CACHE.")
    npz, meta = found
    remake = ("Delete it and make it again with `.venv/bin/python tools/pretrain_lm.py` (or ask "
              "your instructor, if it comes from LSTM_LAB_SHARED_CACHE).")
    try:
        with np.load(npz, allow_pickle=False) as data:
            weights = {k: data[k] for k in data.files}
    except Exception as exc:  # zip, CRC, truncated array: any damage means "make it again"
        raise damaged(npz, "NumPy cannot read the saved weights", remake, exc) from exc
    try:
        record = json.loads(meta.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise damaged(meta, "it is not valid JSON", remake, exc) from exc
    vocabulary = record.get("vocabulary") if isinstance(record, dict) else None
    if not (isinstance(vocabulary, list) and vocabulary[:2] == ["", "[UNK]"]):
        raise damaged(meta, "it should be a JSON object whose 'vocabulary' starts with '' and "
                      "'[UNK]'", remake)
    return weights, record


def record_of(shape: LMShape, **facts) -> dict:
    """The JSON record saved with the weights: sizes plus whatever the run measured."""
    return {**asdict(shape), **facts}
