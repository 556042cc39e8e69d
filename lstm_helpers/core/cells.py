"""SimpleRNN, LSTM and GRU cells in NumPy, in Keras's weight layout, for whole batches.

Pure NumPy (no TensorFlow import), so gate lessons start instantly and every
intermediate value can be shown. tests/test_cells.py checks them against the Keras layers
(agreement within 1e-5 on random weights and inputs).
Shapes: x is (batch, input_dim) for one step, (batch, steps, input_dim) for a sequence.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from lstm_helpers.core.activations import sigmoid, tanh
from lstm_helpers.core.errors import LabInputError, finite_array

GATES = ("i", "f", "g", "o")  # Keras's order inside kernel/recurrent_kernel/bias: i, f, c, o


@dataclass(frozen=True)
class CellWeights:
    """kernel (input_dim, k·units), recurrent_kernel (units, k·units), bias; k per cell type."""

    kernel: np.ndarray
    recurrent_kernel: np.ndarray
    bias: np.ndarray
    blocks = 1  # gate blocks side by side: 1 SimpleRNN, 4 LSTM, 3 GRU
    name = "SimpleRNN"

    def __post_init__(self) -> None:
        for f in fields(self):
            array = finite_array(f"{self.name} {f.name}", getattr(self, f.name),
                                 hint="give every weight a finite number.")
            object.__setattr__(self, f.name, array)
        kernel = self.kernel
        if kernel.ndim != 2 or kernel.shape[1] % self.blocks:
            raise LabInputError(
                f"{self.name} kernel must have shape (input_dim, {self.blocks}·units); "
                f"got {kernel.shape}."
            )
        units = kernel.shape[1] // self.blocks
        for label, array, expected in (
            ("recurrent_kernel", self.recurrent_kernel, (units, self.blocks * units)),
            ("bias", self.bias, self.bias_shape(units)),
        ):
            if array.shape != expected:
                raise LabInputError(
                    f"{self.name} {label} must have shape {expected} for {units} units "
                    f"(from the kernel {kernel.shape}); got {array.shape}."
                )

    @classmethod
    def bias_shape(cls, units: int) -> tuple[int, ...]:
        return (cls.blocks * units,)

    @property
    def units(self) -> int:
        return self.kernel.shape[1] // self.blocks

    @property
    def input_dim(self) -> int:
        return self.kernel.shape[0]

    def as_list(self) -> list[np.ndarray]:
        """In the order ``layer.set_weights`` takes them."""
        return [self.kernel, self.recurrent_kernel, self.bias]


class SimpleRNNWeights(CellWeights):
    blocks, name = 1, "SimpleRNN"


class LSTMWeights(CellWeights):
    blocks, name = 4, "LSTM"

    def gate(self, name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(W, U, b) of one gate: 'i', 'f', 'g' (candidate, Keras's 'c') or 'o'."""
        k = GATES.index(name)
        cols = slice(k * self.units, (k + 1) * self.units)
        return self.kernel[:, cols], self.recurrent_kernel[:, cols], self.bias[cols]


class GRUWeights(CellWeights):
    """Keras's default GRU (reset_after=True): bias is (2, 3·units), input and recurrent."""

    blocks, name = 3, "GRU"

    @classmethod
    def bias_shape(cls, units: int) -> tuple[int, ...]:
        return (2, 3 * units)


@dataclass(frozen=True)
class LSTMStep:
    """Everything one LSTM step computes; each array is (batch, units)."""

    h: np.ndarray
    c: np.ndarray
    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    z_i: np.ndarray  # pre-activations: z = x·W + h_prev·U + b
    z_f: np.ndarray
    z_g: np.ndarray
    z_o: np.ndarray


def as_input(x: np.ndarray, weights: CellWeights, ndim: int) -> np.ndarray:
    """``x`` as finite float64, or a LabInputError naming the shape the cell expects."""
    x = finite_array(f"{weights.name} input", x)
    if x.ndim != ndim or x.shape[-1] != weights.input_dim:
        shape = "(batch, input_dim)" if ndim == 2 else "(batch, steps, input_dim)"
        raise LabInputError(
            f"{weights.name} input must have shape {shape} with input_dim "
            f"{weights.input_dim}; got {x.shape}."
        )
    return x


def as_state(state: np.ndarray | None, batch: int, weights: CellWeights, label: str) -> np.ndarray:
    """A (batch, units) state as float64 (zeros for None), or a ValueError naming the shape."""
    if state is None:
        return np.zeros((batch, weights.units))
    state = finite_array(label, state)
    if state.shape != (batch, weights.units):
        raise LabInputError(
            f"{label} must have shape (batch, units) = {(batch, weights.units)}; got {state.shape}."
        )
    return state


def simple_rnn_step(x: np.ndarray, h_prev: np.ndarray, w: SimpleRNNWeights) -> np.ndarray:
    """h_t = tanh(x_t·W + h_{t-1}·U + b). Used in lesson 01."""
    x = as_input(x, w, ndim=2)
    h_prev = as_state(h_prev, x.shape[0], w, "h_prev")
    return tanh(x @ w.kernel + h_prev @ w.recurrent_kernel + w.bias)


def lstm_step(x: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray, w: LSTMWeights) -> LSTMStep:
    """One LSTM step with every gate and pre-activation kept. Used in lesson 02.

    Shapes are checked: x (batch, input_dim), h_prev and c_prev (batch, units).
    """
    x = as_input(x, w, ndim=2)
    h_prev = as_state(h_prev, x.shape[0], w, "h_prev")
    c_prev = as_state(c_prev, x.shape[0], w, "c_prev")
    z = x @ w.kernel + h_prev @ w.recurrent_kernel + w.bias
    z_i, z_f, z_g, z_o = np.split(z, 4, axis=-1)
    i, f, g, o = sigmoid(z_i), sigmoid(z_f), tanh(z_g), sigmoid(z_o)
    c = f * c_prev + i * g
    return LSTMStep(h=o * tanh(c), c=c, i=i, f=f, g=g, o=o, z_i=z_i, z_f=z_f, z_g=z_g, z_o=z_o)


@dataclass(frozen=True)
class GRUStep:
    """Everything one GRU step computes; each array is (batch, units)."""

    h: np.ndarray
    z: np.ndarray  # update gate: how much of h_{t-1} is kept (Keras's convention)
    r: np.ndarray  # reset gate: how much of h_{t-1} the candidate may read
    candidate: np.ndarray  # h̃_t, the proposed new state


def gru_step(x: np.ndarray, h_prev: np.ndarray, w: GRUWeights) -> GRUStep:
    """Keras's default GRU step (``reset_after=True``), with its gates kept. Used in lesson 07.

    z = σ(x·W_z + h·U_z + b), r = σ(x·W_r + h·U_r + b),
    h̃ = tanh(x·W_h + b_x + r ⊙ (h·U_h + b_h)), h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃.
    Keras keeps z on the *old* state; some textbooks write (1 − z) there instead.
    """
    x = as_input(x, w, ndim=2)
    h_prev = as_state(h_prev, x.shape[0], w, "h_prev")
    x_z, x_r, x_h = np.split(x @ w.kernel + w.bias[0], 3, axis=-1)
    r_z, r_r, r_h = np.split(h_prev @ w.recurrent_kernel + w.bias[1], 3, axis=-1)
    update, reset = sigmoid(x_z + r_z), sigmoid(x_r + r_r)
    candidate = tanh(x_h + reset * r_h)
    return GRUStep(h=update * h_prev + (1.0 - update) * candidate, z=update, r=reset,
                   candidate=candidate)
