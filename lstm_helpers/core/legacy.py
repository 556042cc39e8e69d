"""Lesson 09: what TensorFlow 1's ``BasicLSTMCell`` + ``dynamic_rnn`` computed, in NumPy, and
how its weights map onto a Keras 3 ``LSTM``.

TF1 kept one kernel for ``[x, h]`` with the gates in the order i, j (the candidate), f, o and
added ``forget_bias`` (1.0) to the forget gate at run time. Keras keeps separate input and
recurrent kernels, orders the gates i, f, c, o, and puts the 1.0 into the initial bias
(``unit_forget_bias=True``). Same cell, different bookkeeping: these functions translate.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.errors import LabInputError


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def tf1_dynamic_rnn(xs: np.ndarray, kernel: np.ndarray, bias: np.ndarray,
                    forget_bias: float = 1.0) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """``tf.nn.dynamic_rnn(BasicLSTMCell(units, forget_bias), xs)`` in NumPy.

    ``xs``: (batch, steps, features); ``kernel``: (features + units, 4·units), gates i, j, f, o;
    ``bias``: (4·units,). Returns ``(outputs, (c, h))`` like TF1: outputs (batch, steps, units)
    hold h at every step, and the final state is the pair (c, h).
    """
    xs = np.asarray(xs, np.float64)
    batch, steps, features = xs.shape
    units = kernel.shape[1] // 4
    if kernel.shape != (features + units, 4 * units) or bias.shape != (4 * units,):
        raise LabInputError(f"kernel {kernel.shape} and bias {bias.shape} do not fit "
                            f"{features} features and {units} units.")
    h = np.zeros((batch, units))
    c = np.zeros((batch, units))
    outputs = np.zeros((batch, steps, units))
    for t in range(steps):
        z = np.concatenate([xs[:, t], h], axis=1) @ kernel + bias
        i, j, f, o = np.split(z, 4, axis=1)
        c = c * _sigmoid(f + forget_bias) + _sigmoid(i) * np.tanh(j)
        h = np.tanh(c) * _sigmoid(o)
        outputs[:, t] = h
    return outputs, (c, h)


def keras_weights_from_tf1(kernel: np.ndarray, bias: np.ndarray, input_dim: int,
                           forget_bias: float = 1.0) -> list[np.ndarray]:
    """TF1 ``BasicLSTMCell`` weights → ``[kernel, recurrent_kernel, bias]`` for a Keras LSTM.

    Splits the stacked kernel into its input rows and recurrent rows, reorders the gate
    blocks from i, j, f, o to Keras's i, f, c, o, and folds ``forget_bias`` into the bias.
    """
    def reorder(m: np.ndarray) -> np.ndarray:
        i, j, f, o = np.split(m, 4, axis=-1)
        return np.concatenate([i, f, j, o], axis=-1)

    bias = np.array(bias, dtype=np.float64)
    units = bias.shape[0] // 4
    bias[2 * units:3 * units] += forget_bias  # TF1's f block
    return [reorder(kernel[:input_dim]), reorder(kernel[input_dim:]), reorder(bias)]


def tf1_weights_from_keras(weights: list[np.ndarray],
                           forget_bias: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """The inverse: a Keras LSTM's ``get_weights()`` → TF1 ``(kernel, bias)``."""
    w, u, b = (np.asarray(a, np.float64) for a in weights)

    def reorder(m: np.ndarray) -> np.ndarray:
        i, f, c, o = np.split(m, 4, axis=-1)
        return np.concatenate([i, c, f, o], axis=-1)

    bias = reorder(b)
    units = bias.shape[0] // 4
    bias[2 * units:3 * units] -= forget_bias
    return reorder(np.concatenate([w, u], axis=0)), bias


def last_step_by_transpose(outputs: np.ndarray) -> np.ndarray:
    """The TF1 idiom ``tf.transpose(outputs, [1, 0, 2])[-1]``: time-major, then the last step."""
    return np.transpose(outputs, (1, 0, 2))[-1]


def keras_weights_from_pytorch(weight_ih: np.ndarray, weight_hh: np.ndarray,
                               bias_ih: np.ndarray, bias_hh: np.ndarray) -> list[np.ndarray]:
    """PyTorch ``nn.LSTM`` weights (one layer, one direction) → ``[kernel, recurrent_kernel,
    bias]`` for a Keras LSTM.

    PyTorch stores ``weight_ih_l0`` as (4·units, inputs) and ``weight_hh_l0`` as
    (4·units, units), both multiplied from the left (W·x), with the gate blocks in the order
    i, f, g, o (g is the candidate, Keras's c), and two biases that are always added together.
    Keras multiplies from the right (x·W) with i, f, c, o: transpose, keep the order, and sum
    the biases. PyTorch has no forget bias constant to fold in.
    """
    w_ih, w_hh = np.asarray(weight_ih, np.float64), np.asarray(weight_hh, np.float64)
    units = w_hh.shape[1]
    if w_ih.shape[0] != 4 * units or w_hh.shape != (4 * units, units):
        raise LabInputError(f"weight_ih {w_ih.shape} and weight_hh {w_hh.shape} are not one "
                            "PyTorch LSTM layer (4·units rows each; weight_hh is 4·units × units); "
                            "with proj_size set, weight_hh has proj_size columns and there is no "
                            "Keras equivalent.")
    return [w_ih.T, w_hh.T, np.asarray(bias_ih, np.float64) + np.asarray(bias_hh, np.float64)]
