"""Numerically safe activations shared by the NumPy cells, figures and checks.

No overflow warnings and no NaN for any finite input, so a slider dragged to its
extreme still draws a picture.
"""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """1 / (1 + e^-z), computed as (1 + tanh(z/2)) / 2, which never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=np.float64)))


def tanh(z: np.ndarray | float) -> np.ndarray:
    """np.tanh on float64: already safe, named here so every cell reads alike."""
    return np.tanh(np.asarray(z, dtype=np.float64))
