"""Numerically safe activations shared by the NumPy cells, figures and checks.

No overflow warnings and no NaN for any finite input, so a slider dragged to its
extreme still draws a picture.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.errors import check_number


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """1 / (1 + e^-z), computed as (1 + tanh(z/2)) / 2, which never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def tanh(z: np.ndarray | float) -> np.ndarray:
    """np.tanh on float64: already safe, named here so every cell reads alike."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Softmax of ``logits / temperature`` along the last axis, without overflow.

    Temperature below 1 sharpens the distribution, above 1 flattens it. Used in lesson 04.
    """
    check_number("temperature", temperature, above=0.0,
                 hint="Below 1 sharpens the distribution, above 1 flattens it.")
    with np.errstate(over="ignore"):
        z = np.asarray(logits, dtype=np.float64) / temperature
    z = np.clip(z, -1e300, 1e300)  # huge logits over a tiny temperature: no inf - inf
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
