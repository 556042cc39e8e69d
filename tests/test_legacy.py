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
