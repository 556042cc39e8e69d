"""The NumPy cells against Keras's own layers, with the same weights."""

import keras
import numpy as np
import pytest

from lstm_helpers.core import initializers
from lstm_helpers.core.cells import (
    GRUWeights,
    LSTMWeights,
    SimpleRNNWeights,
    gru_step,
    lstm_step,
    simple_rnn_step,
)
from lstm_helpers.core.sequences import run_gru, run_lstm, run_simple_rnn
from lstm_helpers.models.bridge import weights_from_keras, weights_to_keras

SHAPES = [(2, 5, 3, 4), (1, 1, 1, 1), (3, 9, 2, 8)]  # batch, steps, input_dim, units


def keras_layer(kind: str, units: int, input_dim: int, seed: int):
    layer = getattr(keras.layers, kind)(units, return_sequences=True, return_state=True)
    layer.build((None, None, input_dim))
    rng = np.random.default_rng(seed)
    # Random, non-zero biases too, so every term of the equations is exercised.
    layer.set_weights([rng.normal(scale=0.6, size=v.shape) for v in layer.get_weights()])
    return layer


@pytest.mark.parametrize(("batch", "steps", "input_dim", "units"), SHAPES)
def test_lstm_equals_keras(batch, steps, input_dim, units):
    layer = keras_layer("LSTM", units, input_dim, seed=steps)
    xs = np.random.default_rng(1).normal(size=(batch, steps, input_dim)).astype("float32")
    seq, h_last, c_last = (np.asarray(a) for a in layer(xs))
    trace = run_lstm(xs, weights_from_keras(layer))
    np.testing.assert_allclose(trace.h, seq, atol=1e-5)
    np.testing.assert_allclose(trace.final_h, h_last, atol=1e-5)
    np.testing.assert_allclose(trace.final_c, c_last, atol=1e-5)


@pytest.mark.parametrize(("kind", "run"), [("SimpleRNN", run_simple_rnn), ("GRU", run_gru)])
@pytest.mark.parametrize(("batch", "steps", "input_dim", "units"), SHAPES)
def test_simple_rnn_and_default_gru_equal_keras(kind, run, batch, steps, input_dim, units):
    layer = keras_layer(kind, units, input_dim, seed=steps)
    xs = np.random.default_rng(2).normal(size=(batch, steps, input_dim)).astype("float32")
    seq, h_last = (np.asarray(a) for a in layer(xs))
    ours = run(xs, weights_from_keras(layer))
    np.testing.assert_allclose(ours, seq, atol=1e-5)
    np.testing.assert_allclose(ours[:, -1], h_last, atol=1e-5)


def test_initial_states_match_keras():
    layer = keras.layers.LSTM(3, return_sequences=True)
    layer.build((None, None, 2))
    w = initializers.random_lstm_weights(2, 3, seed=4)
    weights_to_keras(layer, w)
    rng = np.random.default_rng(5)
    xs, h0, c0 = (rng.normal(size=s).astype("float32") for s in ((2, 4, 2), (2, 3), (2, 3)))
    expected = np.asarray(layer(xs, initial_state=[h0, c0]))
    np.testing.assert_allclose(run_lstm(xs, w, h0, c0).h, expected, atol=1e-5)


def test_gates_lie_strictly_between_0_and_1():
    w = initializers.random_lstm_weights(3, 5, seed=6)
    trace = run_lstm(np.random.default_rng(7).normal(size=(4, 20, 3)), w)
    for gate in (trace.i, trace.f, trace.o):
        assert np.all((gate > 0) & (gate < 1))
    assert np.all(np.abs(trace.g) < 1)


def test_extreme_inputs_stay_finite_without_warnings():
    w = initializers.random_lstm_weights(2, 3, recurrent_scale=50.0, forget_bias=1e6, seed=8)
    xs = np.array([[[1e300, -1e300], [-1e300, 1e300], [0.0, 0.0]]])
    with np.errstate(all="raise"):
        trace = run_lstm(xs, w)
        rnn = run_simple_rnn(xs, initializers.random_rnn_weights(2, 3, 50.0, seed=9))
        gru = run_gru(xs, initializers.random_gru_weights(2, 3, seed=10))
    for values in (trace.h, trace.c, rnn, gru):
        assert np.all(np.isfinite(values))


def test_step_keeps_pre_activations():
    w = initializers.random_lstm_weights(1, 2, seed=11)
    x, h, c = np.array([[0.5]]), np.array([[0.1, -0.2]]), np.array([[1.0, -1.0]])
    step = lstm_step(x, h, c, w)
    w_f, u_f, b_f = w.gate("f")
    np.testing.assert_allclose(step.z_f, x @ w_f + h @ u_f + b_f)
    np.testing.assert_allclose(step.f, 1 / (1 + np.exp(-step.z_f)))
    np.testing.assert_allclose(step.c, step.f * c + step.i * step.g)
    np.testing.assert_allclose(step.h, step.o * np.tanh(step.c))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: LSTMWeights(np.zeros((3, 10)), np.zeros((2, 8)), np.zeros(8)),
         r"kernel must have shape \(input_dim, 4·units\); got \(3, 10\)"),
        (lambda: LSTMWeights(np.zeros((3, 8)), np.zeros((2, 4)), np.zeros(8)),
         r"recurrent_kernel must have shape \(2, 8\)"),
        (lambda: SimpleRNNWeights(np.zeros((3, 2)), np.zeros((2, 2)), np.zeros(3)),
         r"bias must have shape \(2,\)"),
        (lambda: GRUWeights(np.zeros((3, 6)), np.zeros((2, 6)), np.zeros(6)),
         r"bias must have shape \(2, 6\)"),
    ],
)
def test_wrong_weight_shapes_name_the_expected_shape(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_wrong_input_and_state_shapes_are_explained():
    w = initializers.random_lstm_weights(3, 2)
    with pytest.raises(ValueError, match=r"\(batch, steps, input_dim\) with input_dim 3"):
        run_lstm(np.zeros((1, 4, 5)), w)
    with pytest.raises(ValueError, match=r"h0 must have shape \(batch, units\) = \(1, 2\)"):
        run_lstm(np.zeros((1, 4, 3)), w, h0=np.zeros((1, 3)))


def test_keras_bridge_refuses_mismatches():
    layer = keras.layers.LSTM(4)
    with pytest.raises(ValueError, match="no weights yet"):
        weights_from_keras(layer)
    layer.build((None, None, 2))
    with pytest.raises(ValueError, match="do not fit this layer"):
        weights_to_keras(layer, initializers.random_lstm_weights(3, 4))
    with pytest.raises(TypeError, match="needs LSTMWeights"):
        weights_to_keras(layer, initializers.random_rnn_weights(2, 4))
    with pytest.raises(TypeError, match="SimpleRNN, LSTM or GRU"):
        weights_from_keras(keras.layers.Dense(2))


def test_steps_check_their_shapes_like_the_runs():
    w = initializers.random_lstm_weights(3, 2)
    x = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"c_prev must have shape \(batch, units\) = \(1, 2\)"):
        lstm_step(x, np.zeros((1, 2)), np.zeros((5, 2)), w)  # a batch of 5 against 1
    with pytest.raises(ValueError, match=r"input_dim 3; got \(1, 4\)"):
        lstm_step(np.zeros((1, 4)), np.zeros((1, 2)), np.zeros((1, 2)), w)
    with pytest.raises(ValueError, match="0 steps"):
        run_lstm(np.zeros((1, 0, 3)), w)
    with pytest.raises(ValueError, match="h_prev must have shape"):
        simple_rnn_step(x, np.zeros((1, 7)), initializers.random_rnn_weights(3, 2))
    with pytest.raises(ValueError, match="h_prev must have shape"):
        gru_step(x, np.zeros((2, 2)), initializers.random_gru_weights(3, 2))


def test_gru_step_keeps_its_gates_in_keras_convention():
    w = initializers.random_gru_weights(3, 4, seed=2)
    rng = np.random.default_rng(0)
    x, h = rng.normal(size=(2, 3)), rng.normal(size=(2, 4))
    step = gru_step(x, h, w)
    np.testing.assert_allclose(step.h, step.z * h + (1 - step.z) * step.candidate)
    assert ((step.z > 0) & (step.z < 1) & (step.r > 0) & (step.r < 1)).all()
