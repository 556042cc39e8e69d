"""Random cell weights with the two knobs the lessons turn: recurrent scale and forget bias."""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.cells import GRUWeights, LSTMWeights, SimpleRNNWeights
from lstm_helpers.core.errors import check_int, check_number


def _orthogonal(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """Columns of an orthogonal matrix: every direction kept at length 1 (Keras's default)."""
    q, r = np.linalg.qr(rng.normal(size=(max(rows, cols), min(rows, cols))))
    q = q * np.sign(np.diag(r))
    return q if rows >= cols else q.T


def _check_sizes(input_dim: int, units: int, recurrent_scale: float) -> None:
    check_int("input_dim", input_dim, low=1)
    check_int("units", units, low=1)
    check_number("recurrent_scale", recurrent_scale)


def random_rnn_weights(
    input_dim: int, units: int, recurrent_scale: float = 1.0, seed: int = 0
) -> SimpleRNNWeights:
    """SimpleRNN weights; the recurrent kernel is ``recurrent_scale`` times orthogonal.

    Scale below 1 shrinks the hidden state's memory at every step, above 1 it grows. Lesson 01.
    """
    _check_sizes(input_dim, units, recurrent_scale)
    rng = np.random.default_rng(seed)
    return SimpleRNNWeights(
        kernel=rng.normal(scale=1 / np.sqrt(input_dim), size=(input_dim, units)),
        recurrent_kernel=recurrent_scale * _orthogonal(rng, units, units),
        bias=np.zeros(units),
    )


def random_lstm_weights(
    input_dim: int, units: int, recurrent_scale: float = 1.0, forget_bias: float = 1.0,
    seed: int = 0,
) -> LSTMWeights:
    """LSTM weights in Keras layout; ``forget_bias`` 1.0 is Keras's unit_forget_bias. Lesson 01."""
    _check_sizes(input_dim, units, recurrent_scale)
    check_number("forget_bias", forget_bias)
    rng = np.random.default_rng(seed)
    recurrent = np.concatenate([_orthogonal(rng, units, units) for _ in range(4)], axis=1)
    bias = np.zeros(4 * units)
    bias[units: 2 * units] = forget_bias
    return LSTMWeights(
        kernel=rng.normal(scale=1 / np.sqrt(input_dim), size=(input_dim, 4 * units)),
        recurrent_kernel=recurrent_scale * recurrent,
        bias=bias,
    )


def random_gru_weights(input_dim: int, units: int, seed: int = 0) -> GRUWeights:
    """GRU weights in Keras's default layout (two bias rows)."""
    _check_sizes(input_dim, units, 1.0)
    rng = np.random.default_rng(seed)
    return GRUWeights(
        kernel=rng.normal(scale=1 / np.sqrt(input_dim), size=(input_dim, 3 * units)),
        recurrent_kernel=np.concatenate([_orthogonal(rng, units, units) for _ in range(3)], 1),
        bias=rng.normal(scale=0.1, size=(2, 3 * units)),
    )
