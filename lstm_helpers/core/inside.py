"""Look inside a trained recurrent classifier with the NumPy cell of lesson 02.

A classifier's embedding, LSTM and readout weights, once copied out of Keras
(``models.bridge.numpy_classifier``), run here in plain NumPy: the verdict after each
word, any unit's cell state, a gate forced open or shut, fast enough to follow a slider.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.activations import sigmoid, tanh
from lstm_helpers.core.cells import LSTMWeights, lstm_step
from lstm_helpers.core.errors import LabInputError
from lstm_helpers.core.sequences import LSTMTrace, run_lstm

GATE_NAMES = {"f": "forget", "i": "input", "o": "output"}


@dataclass(frozen=True)
class Classifier:
    """A trained Embedding → LSTM → Dense(1, sigmoid) classifier's weights, in NumPy."""

    embedding: np.ndarray  # (vocab_size, embed_dim)
    lstm: LSTMWeights
    readout_kernel: np.ndarray  # (units, 1)
    readout_bias: np.ndarray  # (1,)

    def inputs(self, ids: np.ndarray) -> np.ndarray:
        """Word vectors of one review, (1, steps, embed_dim)."""
        return self.embedding[np.asarray(ids, dtype=np.int64)][None]

    def prefix_probs(self, h: np.ndarray) -> np.ndarray:
        """P(positive) had the review stopped after each word; ``h`` is (steps, units)."""
        return sigmoid(h @ self.readout_kernel + self.readout_bias)[:, 0]

    def trace(self, ids: np.ndarray) -> tuple[LSTMTrace, np.ndarray]:
        """Every state and gate over the review, and the verdict after each word."""
        run = run_lstm(self.inputs(ids), self.lstm)
        return run, self.prefix_probs(run.h[0])


def run_with_override(xs: np.ndarray, w: LSTMWeights, unit: int, gates: dict[str, float],
                      window: tuple[int, int] | None = None) -> LSTMTrace:
    """``run_lstm`` with one unit's gates forced to fixed values during ``window`` steps.

    ``gates`` maps 'f', 'i' or 'o' to a value in [0, 1]. Inside ``[start, stop)`` that
    unit's gate takes the value before the cell and hidden state are computed, so the
    change flows on to every later step and every other unit through h.
    """
    unknown = set(gates) - set(GATE_NAMES)
    if unknown:
        raise LabInputError(f"gates can be 'f', 'i' or 'o'; got {sorted(unknown)}.")
    if not 0 <= unit < w.units:
        raise LabInputError(f"unit must be between 0 and {w.units - 1}; got {unit}.")
    xs = np.asarray(xs, dtype=np.float64)
    start, stop = window if window is not None else (0, xs.shape[1])
    h = np.zeros((xs.shape[0], w.units))
    c = np.zeros_like(h)
    kept: dict[str, list[np.ndarray]] = {k: [] for k in "hcifgo"}
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


def unit_ranking(run: LSTMTrace, probs: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` units whose cell state follows the verdict most closely over the review.

    Ranks by |correlation| between each unit's c and the prefix P(positive); units that
    never move rank last.
    """
    c = run.c[0]
    centred_c = c - c.mean(axis=0)
    centred_p = probs - probs.mean()
    denom = np.sqrt((centred_c**2).sum(axis=0) * (centred_p**2).sum()) + 1e-12
    score = np.abs(centred_c.T @ centred_p) / denom
    return np.argsort(-score, kind="stable")[:k]


def most_active_units(trace: LSTMTrace, k: int) -> np.ndarray:
    """The ``k`` units whose cell state moves most over the sequence (by mean |c|), sorted.

    Used in lesson 03.
    """
    activity = np.abs(trace.c[0]).mean(axis=0)
    return np.sort(np.argsort(activity)[::-1][:k])
