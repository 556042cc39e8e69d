"""Run the NumPy cells over whole sequences, keeping every step for plots and animations."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.cells import (
    CellWeights,
    GRUWeights,
    LSTMWeights,
    SimpleRNNWeights,
    as_input,
    as_state,
    gru_step,
    lstm_step,
    simple_rnn_step,
)
from lstm_helpers.core.errors import LabInputError


@dataclass(frozen=True)
class LSTMTrace:
    """An LSTM run: every array is (batch, steps, units); ``h[:, -1]`` is the final output."""

    h: np.ndarray
    c: np.ndarray
    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray

    @property
    def final_h(self) -> np.ndarray:
        return self.h[:, -1]

    @property
    def final_c(self) -> np.ndarray:
        return self.c[:, -1]


def as_sequences(xs: np.ndarray, w: CellWeights) -> np.ndarray:
    """``xs`` as (batch, steps, input_dim) float64 with at least one step, or a clear error."""
    xs = as_input(xs, w, ndim=3)
    if xs.shape[1] == 0:
        raise LabInputError(f"{w.name} input has 0 steps (shape {xs.shape}): give each sequence "
                            "at least one step.")
    return xs


def run_simple_rnn(
    xs: np.ndarray, w: SimpleRNNWeights, h0: np.ndarray | None = None
) -> np.ndarray:
    """Hidden states (batch, steps, units) of a SimpleRNN; Keras's return_sequences=True.

    Used in lesson 01.
    """
    xs = as_sequences(xs, w)
    h = as_state(h0, xs.shape[0], w, "h0")
    out = []
    for t in range(xs.shape[1]):
        h = simple_rnn_step(xs[:, t], h, w)
        out.append(h)
    return np.stack(out, axis=1)


def run_gru(xs: np.ndarray, w: GRUWeights, h0: np.ndarray | None = None) -> np.ndarray:
    """Hidden states (batch, steps, units) of Keras's default GRU. Used in lesson 07."""
    xs = as_sequences(xs, w)
    h = as_state(h0, xs.shape[0], w, "h0")
    out = []
    for t in range(xs.shape[1]):
        h = gru_step(xs[:, t], h, w).h
        out.append(h)
    return np.stack(out, axis=1)


def run_lstm(
    xs: np.ndarray, w: LSTMWeights, h0: np.ndarray | None = None, c0: np.ndarray | None = None
) -> LSTMTrace:
    """Every state and gate of an LSTM over a batch of sequences. Used in lesson 02."""
    xs = as_sequences(xs, w)
    h = as_state(h0, xs.shape[0], w, "h0")
    c = as_state(c0, xs.shape[0], w, "c0")
    steps = []
    for t in range(xs.shape[1]):
        step = lstm_step(xs[:, t], h, c, w)
        h, c = step.h, step.c
        steps.append(step)
    stacked = {k: np.stack([getattr(s, k) for s in steps], axis=1) for k in "hcifgo"}
    return LSTMTrace(**stacked)
