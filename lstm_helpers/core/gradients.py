"""Backpropagation through time by hand: how much h_T depends on the hidden state t steps back.

The lesson-01 picture of vanishing gradients. Jacobians are exact (closed form) and
checked against finite differences in tests/test_gradients.py.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.cells import LSTMWeights, SimpleRNNWeights, lstm_step, simple_rnn_step
from lstm_helpers.core.errors import LabInputError, LabTypeError, check_number, finite_array
from lstm_helpers.core.sequences import run_lstm, run_simple_rnn


def _one_sequence(xs: np.ndarray) -> np.ndarray:
    xs = finite_array("xs", xs)
    if xs.ndim != 2:
        raise LabInputError(f"xs must be one sequence of shape (steps, input_dim); got "
                            f"{xs.shape}. For a batch, pass one row: xs[0].")
    return xs[None]


def rnn_gradient_norms(xs: np.ndarray, w: SimpleRNNWeights) -> np.ndarray:
    """‖∂h_T/∂h_t‖₂ for t = 1..T of a SimpleRNN (last entry is 1). Used in lesson 01."""
    hs = run_simple_rnn(_one_sequence(xs), w)[0]
    grad = np.eye(w.units)  # ∂h_T/∂h_T
    norms = [1.0]
    for k in range(len(hs) - 1, 0, -1):  # step k maps h_{k-1} to h_k (0-based rows of hs)
        jacobian = (1.0 - hs[k] ** 2)[:, None] * w.recurrent_kernel.T
        grad = grad @ jacobian
        norms.append(np.linalg.norm(grad, 2))
    return np.array(norms[::-1])


def lstm_state_jacobian(
    x: np.ndarray, h_prev: np.ndarray, c_prev: np.ndarray, w: LSTMWeights
) -> np.ndarray:
    """∂(h_k, c_k)/∂(h_{k-1}, c_{k-1}) for one sequence: a (2·units, 2·units) matrix."""
    step = lstm_step(x[None], h_prev[None], c_prev[None], w)
    i, f, g, o, c = (a[0] for a in (step.i, step.f, step.g, step.o, step.c))
    u = {name: w.gate(name)[1].T for name in "ifgo"}  # ∂z_gate/∂h_prev
    tanh_c = np.tanh(c)
    dc_dh = ((c_prev * f * (1 - f))[:, None] * u["f"] + (g * i * (1 - i))[:, None] * u["i"]
             + (i * (1 - g**2))[:, None] * u["g"])
    dc_dc = np.diag(f)
    dh_dh = (tanh_c * o * (1 - o))[:, None] * u["o"] + (o * (1 - tanh_c**2))[:, None] * dc_dh
    dh_dc = (o * (1 - tanh_c**2))[:, None] * dc_dc
    return np.block([[dh_dh, dh_dc], [dc_dh, dc_dc]])


def lstm_gradient_norms(xs: np.ndarray, w: LSTMWeights) -> np.ndarray:
    """‖∂h_T/∂h_t‖₂ for t = 1..T of an LSTM, gradients flowing through h and c. Lesson 01."""
    xs = _one_sequence(xs)
    trace = run_lstm(xs, w)
    hs, cs = trace.h[0], trace.c[0]
    units = w.units
    grad = np.hstack([np.eye(units), np.zeros((units, units))])  # ∂h_T/∂(h_T, c_T)
    norms = [1.0]
    for k in range(len(hs) - 1, 0, -1):
        grad = grad @ lstm_state_jacobian(xs[0, k], hs[k - 1], cs[k - 1], w)
        norms.append(np.linalg.norm(grad[:, :units], 2))
    return np.array(norms[::-1])


def finite_difference_norms(
    xs: np.ndarray, w: SimpleRNNWeights | LSTMWeights, eps: float = 1e-6
) -> np.ndarray:
    """The same norms by perturbing each h_t and re-running: slow, only for checking."""
    xs = _one_sequence(xs)[0]
    is_lstm = isinstance(w, LSTMWeights)
    units, steps = w.units, len(xs)

    def final_h(t: int, nudge: np.ndarray) -> np.ndarray:
        h, c = np.zeros((1, units)), np.zeros((1, units))
        for k in range(steps):
            if is_lstm:
                s = lstm_step(xs[k][None], h, c, w)
                h, c = s.h, s.c
            else:
                h = simple_rnn_step(xs[k][None], h, w)
            if k == t:
                h = h + nudge
        return h[0]

    norms = []
    for t in range(steps):
        cols = [(final_h(t, eps * e) - final_h(t, -eps * e)) / (2 * eps) for e in np.eye(units)]
        norms.append(np.linalg.norm(np.array(cols).T, 2))
    return np.array(norms)


def clip_by_global_norm(grads: list[np.ndarray], max_norm: float) -> list[np.ndarray]:
    """Scale every gradient by the same factor so their joint length is at most ``max_norm``:
    the direction of the step is kept, only its size is capped (Keras ``global_clipnorm``).

    Used in lesson 01.
    """
    grads = _gradients(grads)
    max_norm = _threshold("max_norm", max_norm)
    total = float(np.sqrt(sum(np.sum(np.square(g)) for g in grads)))
    factor = min(1.0, max_norm / total) if total > 0 else 1.0
    return [g * factor for g in grads]


def clip_each_by_norm(grads: list[np.ndarray], max_norm: float) -> list[np.ndarray]:
    """Cap each gradient's own length at ``max_norm`` (Keras ``clipnorm``): each weight's step
    keeps its direction, but their proportions change. Used in lesson 01."""
    grads, max_norm = _gradients(grads), _threshold("max_norm", max_norm)
    return [clip_by_global_norm([g], max_norm)[0] for g in grads]


def clip_by_value(grads: list[np.ndarray], limit: float) -> list[np.ndarray]:
    """Cap every component at ±``limit`` (Keras ``clipvalue``): the step's direction can
    change, since large components are cut and small ones are not. Used in lesson 01."""
    grads, limit = _gradients(grads), _threshold("limit", limit)
    return [np.clip(g, -limit, limit) for g in grads]


def _threshold(name: str, value: float) -> float:
    """A clipping threshold: a finite number above 0 (a negative one would reverse steps)."""
    return check_number(name, value, above=0.0,
                        hint="It caps a length, so it must be positive, e.g. 1.0.")


def _gradients(grads: list[np.ndarray]) -> list[np.ndarray]:
    """``grads`` as a list of finite float arrays, or a LabInputError naming the bad one."""
    if isinstance(grads, np.ndarray) or not isinstance(grads, list | tuple):
        raise LabTypeError(f"grads must be a list of arrays, one per weight; got "
                           f"{type(grads).__name__}. Wrap a single array: [g].")
    return [finite_array(f"grads[{k}]", g, hint="the gradient is already broken (NaN or "
                         "inf) before clipping; lower the learning rate or clip earlier.")
            for k, g in enumerate(grads)]
