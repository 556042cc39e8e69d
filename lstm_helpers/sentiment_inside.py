"""Look inside a trained sentiment LSTM with the NumPy cell of lesson 02.

The Keras model's embedding, LSTM and readout weights are copied out once; from then on
every number (the verdict after each word, any unit's cell state, a gate forced open or
shut) is plain NumPy, fast enough to follow a slider. Pure NumPy: no TensorFlow import.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers import text
from lstm_helpers.activations import sigmoid, tanh
from lstm_helpers.cells import LSTMWeights, lstm_step
from lstm_helpers.keras_bridge import weights_from_keras
from lstm_helpers.language_model import OOV_ID
from lstm_helpers.sequences import LSTMTrace, run_lstm

GATE_NAMES = {"f": "forget", "i": "input", "o": "output"}
MOSTLY_UNKNOWN = 0.5  # above this share of [UNK] words, the verdict comes with a warning


@dataclass(frozen=True)
class Classifier:
    """A trained Embedding → LSTM → Dense(1, sigmoid) classifier's weights, in NumPy."""

    embedding: np.ndarray  # (vocab_size, embed_dim)
    lstm: LSTMWeights
    readout_kernel: np.ndarray  # (units, 1)
    readout_bias: np.ndarray  # (1,)

    @classmethod
    def from_keras(cls, model) -> Classifier:
        """Copy the weights of a model built by ``sentiment_models.build_classifier``."""
        kernel, bias = model.get_layer("readout").get_weights()
        return cls(embedding=np.asarray(model.get_layer("embedding").get_weights()[0],
                                        dtype=np.float64),
                   lstm=weights_from_keras(model.get_layer("lstm")),
                   readout_kernel=np.asarray(kernel, np.float64),
                   readout_bias=np.asarray(bias, np.float64))

    def inputs(self, ids: np.ndarray) -> np.ndarray:
        """Word vectors of one review, (1, steps, embed_dim)."""
        return self.embedding[np.asarray(ids, dtype=np.int64)][None]

    def prefix_probs(self, h: np.ndarray) -> np.ndarray:
        """P(positive) had the review stopped after each word; ``h`` is (steps, units)."""
        return sigmoid(h @ self.readout_kernel + self.readout_bias)[:, 0]

    def trace(self, ids: np.ndarray) -> tuple[LSTMTrace, np.ndarray]:
        """Every state and gate over the review, and the verdict after each word. Lesson 05."""
        run = run_lstm(self.inputs(ids), self.lstm)
        return run, self.prefix_probs(run.h[0])


def run_with_override(xs: np.ndarray, w: LSTMWeights, unit: int, gates: dict[str, float],
                      window: tuple[int, int] | None = None) -> LSTMTrace:
    """``run_lstm`` with one unit's gates forced to fixed values during ``window`` steps.

    ``gates`` maps 'f', 'i' or 'o' to a value in [0, 1]. Inside ``[start, stop)`` that
    unit's gate takes the value before the cell and hidden state are computed, so the
    change flows on to every later step and every other unit through h. Lesson 05.
    """
    unknown = set(gates) - set(GATE_NAMES)
    if unknown:
        raise ValueError(f"gates can be 'f', 'i' or 'o'; got {sorted(unknown)}.")
    if not 0 <= unit < w.units:
        raise ValueError(f"unit must be between 0 and {w.units - 1}; got {unit}.")
    xs = np.asarray(xs, dtype=np.float64)
    start, stop = window if window is not None else (0, xs.shape[1])
    h = np.zeros((xs.shape[0], w.units))
    c = np.zeros_like(h)
    kept = {k: [] for k in "hcifgo"}
    for t in range(xs.shape[1]):
        step = lstm_step(xs[:, t], h, c, w)
        values = {k: getattr(step, k).copy() for k in "ifgo"}
        if start <= t < stop and gates:
            for name, value in gates.items():
                values[name][:, unit] = float(np.clip(value, 0.0, 1.0))
            c_new = values["f"] * c + values["i"] * values["g"]
            h, c = values["o"] * tanh(c_new), c_new
        else:
            h, c = step.h, step.c
        for k, v in (*values.items(), ("h", h), ("c", c)):
            kept[k].append(v)
    return LSTMTrace(**{k: np.stack(v, axis=1) for k, v in kept.items()})


def review_ids(review: str, vectorize, max_len: int) -> tuple[np.ndarray, list[str]]:
    """A typed review as the token ids the model reads, plus notes for the reader.

    Raises ``text.TextInputError`` with what to do for empty text, text without words
    (punctuation, emoji) or text with no word the model knows. Long reviews keep their
    last ``max_len`` tokens, as in training; mostly unknown words get a warning. Lesson 05.
    """
    if not isinstance(review, str) or not review.strip():
        raise text.TextInputError("Type or paste a review first, e.g. 'A gripping, moving film.'")
    tokens = [t for t in text.standardize(review) if any(ch.isalnum() for ch in t)]
    if not tokens:
        raise text.TextInputError(
            "No words found (only punctuation, symbols or emoji?). The model reads English "
            "words: type a sentence, e.g. 'The plot was dull.'")
    ids = np.asarray(vectorize([" ".join(tokens)]))[0]
    ids = ids[ids != 0].astype(np.int32)
    notes = []
    unknown = float(np.mean(ids == OOV_ID))
    if unknown == 1.0:
        raise text.TextInputError(
            f"None of the {len(ids)} words is in the model's vocabulary (not English, or "
            "misspelt?), so it has nothing to judge. Try an English review.")
    if unknown > MOSTLY_UNKNOWN:
        notes.append(f"{unknown:.0%} of the words are unknown to the model ([UNK]): is the "
                     "review in English? Take the verdict with a grain of salt.")
    if len(ids) > max_len:
        notes.append(f"Long review: the model reads its last {max_len} of {len(ids):,} words, "
                     "as in training.")
        ids = ids[-max_len:]
    return ids, notes


def unit_ranking(run: LSTMTrace, probs: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` units whose cell state follows the verdict most closely over the review.

    Ranks by |correlation| between each unit's c and the prefix P(positive); units that
    never move rank last. Lesson 05.
    """
    c = run.c[0]
    centred_c = c - c.mean(axis=0)
    centred_p = probs - probs.mean()
    denom = np.sqrt((centred_c**2).sum(axis=0) * (centred_p**2).sum()) + 1e-12
    score = np.abs(centred_c.T @ centred_p) / denom
    return np.argsort(-score, kind="stable")[:k]


def judge(classifier: Classifier, vectorize, review: str, max_len: int) -> dict:
    """The verdict on any text: P(positive) and notes, or the message saying what to type.

    Never raises for bad text, so a table of odd inputs always fills. Lesson 05.
    """
    try:
        ids, notes = review_ids(review, vectorize, max_len)
    except text.TextInputError as err:
        return {"p_positive": None, "label": "(no verdict)", "words read": 0, "note": str(err)}
    _, probs = classifier.trace(ids)
    p = float(probs[-1])
    return {"p_positive": p, "label": "positive" if p >= 0.5 else "negative",
            "words read": len(ids), "note": " ".join(notes)}


def example_reviews(seqs: list[np.ndarray], labels: np.ndarray, probs: np.ndarray,
                    index_word: dict[int, str], lengths: tuple[int, int] = (25, 90),
                    per_kind: int = 2) -> dict[str, np.ndarray]:
    """Short test reviews to operate on: the model's surest positives and negatives, and
    the ones it is least sure about, labelled for a dropdown. Lesson 05."""
    fits = [k for k, s in enumerate(seqs) if lengths[0] <= len(s) <= lengths[1]]
    if not fits:
        raise ValueError(f"no review is between {lengths[0]} and {lengths[1]} tokens long.")
    by_p = sorted(fits, key=lambda k: probs[k])
    unsure = sorted(fits, key=lambda k: abs(probs[k] - 0.5))
    picks = by_p[::-1][:per_kind] + by_p[:per_kind] + unsure[:per_kind]
    out = {}
    for k in dict.fromkeys(picks):  # keep order, drop repeats
        first = text.decode(seqs[k][:6], index_word)
        truth = "positive" if labels[k] == 1 else "negative"
        out[f"review {k}: truly {truth}, model P = {probs[k]:.2f}: “{first} …”"] = seqs[k]
    return out
