"""TF1's BasicLSTMCell in NumPy, checked against a Keras 3 LSTM given the converted weights."""

import keras
import numpy as np
import pytest

from lstm_helpers.core import legacy


def tf1_weights(rng, features, units):
    return (rng.normal(scale=0.5, size=(features + units, 4 * units)),
            rng.normal(scale=0.3, size=4 * units))


@pytest.mark.parametrize("forget_bias", [1.0, 0.0, 2.5])
def test_tf1_cell_equals_keras_lstm_with_converted_weights(forget_bias):
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(3, 7, 5)).astype("float32")
    kernel, bias = tf1_weights(rng, 5, 4)
    outputs, (c, h) = legacy.tf1_dynamic_rnn(xs, kernel, bias, forget_bias)
    layer = keras.layers.LSTM(4, return_sequences=True, return_state=True)
    layer.build(xs.shape)
    layer.set_weights(legacy.keras_weights_from_tf1(kernel, bias, 5, forget_bias))
    seq, keras_h, keras_c = (np.asarray(a) for a in layer(xs))
    np.testing.assert_allclose(outputs, seq, atol=1e-5)
    np.testing.assert_allclose(h, keras_h, atol=1e-5)
    np.testing.assert_allclose(c, keras_c, atol=1e-5)
    # the transpose idiom takes the last step: what a Keras LSTM returns by default
    np.testing.assert_allclose(legacy.last_step_by_transpose(outputs), keras_h, atol=1e-5)
    np.testing.assert_array_equal(legacy.last_step_by_transpose(outputs), outputs[:, -1])


def test_converting_there_and_back_is_exact():
    rng = np.random.default_rng(1)
    kernel, bias = tf1_weights(rng, 3, 2)
    back = legacy.tf1_weights_from_keras(legacy.keras_weights_from_tf1(kernel, bias, 3, 1.0), 1.0)
    np.testing.assert_allclose(back[0], kernel, atol=1e-12)
    np.testing.assert_allclose(back[1], bias, atol=1e-12)


def test_forget_bias_lands_on_the_keras_forget_block():
    kernel, bias = np.zeros((5, 8)), np.zeros(8)
    _, _, b = legacy.keras_weights_from_tf1(kernel, bias, 3, forget_bias=1.0)
    np.testing.assert_array_equal(b, [0, 0, 1, 1, 0, 0, 0, 0])  # Keras order i, f, c, o
    fresh = keras.layers.LSTM(2)  # unit_forget_bias=True starts the same way
    fresh.build((1, 1, 3))
    np.testing.assert_array_equal(fresh.get_weights()[2], b)


def test_shapes_that_do_not_fit_are_refused():
    with pytest.raises(ValueError, match="do not fit 5 features and 4 units"):
        legacy.tf1_dynamic_rnn(np.zeros((1, 2, 5)), np.zeros((8, 16)), np.zeros(16))


def test_pytorch_lstm_weights_convert_to_keras():
    """PyTorch's documented equations (gate order i, f, g, o; W·x; b_ih + b_hh), written out
    here, against a Keras LSTM loaded with the converted weights."""
    import keras

    rng = np.random.default_rng(3)
    inputs, units, steps = 3, 4, 7
    w_ih, w_hh = rng.normal(0, 0.4, (4 * units, inputs)), rng.normal(0, 0.4, (4 * units, units))
    b_ih, b_hh = rng.normal(0, 0.3, 4 * units), rng.normal(0, 0.3, 4 * units)
    xs = rng.normal(size=(2, steps, inputs))

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    h, c = np.zeros((2, units)), np.zeros((2, units))
    for t in range(steps):  # torch.nn.LSTM, batch_first=True
        gates = xs[:, t] @ w_ih.T + b_ih + h @ w_hh.T + b_hh
        i, f, g, o = np.split(gates, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    lstm = keras.layers.LSTM(units)
    lstm.build((None, None, inputs))
    lstm.set_weights(legacy.keras_weights_from_pytorch(w_ih, w_hh, b_ih, b_hh))
    np.testing.assert_allclose(np.asarray(lstm(xs.astype("float32"))), h, atol=1e-5)
    with pytest.raises(ValueError, match="proj_size"):
        legacy.keras_weights_from_pytorch(w_ih, rng.normal(size=(4 * units, 2)), b_ih, b_hh)
