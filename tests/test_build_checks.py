"""Checks of built things run what was built, and never raise on a wrong attempt."""

import numpy as np
import pytest

from lstm_helpers.course import build_checks
from lstm_helpers.course.verdicts import UNANSWERED


def test_a_sigmoid_that_overflows_is_told_why():
    def naive(z):
        return 1 / (1 + np.exp(-z))

    verdict = build_checks.check_sigmoid_function(naive)
    assert not verdict and "overflow" in str(verdict)


def test_a_safe_sigmoid_passes_and_a_stub_is_unanswered():
    def safe(z):
        return 0.5 * (1 + np.tanh(np.asarray(z) / 2))

    def stub(z):
        ...

    assert build_checks.check_sigmoid_function(safe)
    assert build_checks.check_sigmoid_function(stub).status == UNANSWERED
    assert not build_checks.check_sigmoid_function(lambda z: 0.5)  # not one value per input
    assert not build_checks.check_sigmoid_function(lambda z: z / 0)  # crashes: a hint instead
    assert not build_checks.check_sigmoid_function(42)


def weights(b_i, b_f, w_i=8.0, w_g=2.0):
    return [w_i, 0.0, w_g, 0.0], [b_i, b_f, 0.0, 0.0]


def test_remembering_weights_are_run_for_twenty_steps():
    assert build_checks.check_remembering_weights(*weights(b_i=-4.0, b_f=8.0))
    forgetful = build_checks.check_remembering_weights(*weights(b_i=-4.0, b_f=1.0))
    assert not forgetful and "forget" in str(forgetful)
    nothing_written = build_checks.check_remembering_weights(*weights(-4.0, 8.0, w_i=0.0))
    assert not nothing_written and "input gate" in str(nothing_written)
    assert not build_checks.check_remembering_weights("weights", [1])
    assert not build_checks.check_remembering_weights([1, 2], [3, 4])
    blank = build_checks.check_remembering_weights([..., 0, 0, 0], [0, 0, 0, 0])
    assert blank.status == UNANSWERED


def test_clipped_optimizer_check_runs_the_training():
    import keras

    def train(optimizer):
        return [5.0, 3.0, 1.0] if optimizer.clipnorm else [5.0, float("nan")]

    assert build_checks.check_clipped_optimizer(
        lambda: keras.optimizers.SGD(0.1, clipnorm=1.0), train)
    unclipped = build_checks.check_clipped_optimizer(lambda: keras.optimizers.SGD(0.1), train)
    assert not unclipped and "does not clip" in str(unclipped)
    assert not build_checks.check_clipped_optimizer(lambda: 1 / 0, train)


@pytest.mark.parametrize("kind", [None, "GRU"])
def test_model_accuracy_is_measured_not_taken(kind):
    import keras

    model = keras.Sequential([keras.Input((3, 2)), keras.layers.GRU(2),
                              keras.layers.Dense(2, activation="softmax")])
    x = np.zeros((10, 3, 2), "float32")
    y = np.full(10, int(np.argmax(model.predict(x[:1], verbose=0))))
    assert build_checks.check_model_accuracy(model, x, y, at_least=0.9, kind=kind)
    assert not build_checks.check_model_accuracy(model, x, 1 - y, at_least=0.9)
    no_lstm = build_checks.check_model_accuracy(model, x, y, at_least=0.5, kind="LSTM")
    assert not no_lstm and "no LSTM layer" in str(no_lstm)


def test_model_accuracy_checks_the_layer_settings_asked_for():
    import keras

    def hybrid(pool):
        return keras.Sequential([keras.Input((16, 2)), keras.layers.Conv1D(2, 3),
                                 keras.layers.MaxPooling1D(pool, padding="same"),
                                 keras.layers.LSTM(2), keras.layers.Dense(1, "sigmoid")])

    x = np.zeros((6, 16, 2), "float32")
    asked = {"Conv1D": {"kernel_size": 3}, "MaxPooling1D": {"pool_size": 8}}
    right = hybrid(8)
    y = (right.predict(x, verbose=0).ravel() >= 0.5).astype(int)
    assert build_checks.check_model_accuracy(right, x, y, at_least=0.9, settings=asked)
    wrong = build_checks.check_model_accuracy(hybrid(4), x, y, at_least=0.0, settings=asked)
    assert not wrong and "pool_size" in str(wrong)


def test_a_tf1_port_is_run_against_the_tf1_cell():
    from lstm_helpers.core import legacy

    assert build_checks.check_tf1_port(legacy.keras_weights_from_tf1)

    def no_reorder(kernel, bias, input_dim, forget_bias):
        return [kernel[:input_dim], kernel[input_dim:], bias]

    def no_forget_bias(kernel, bias, input_dim, forget_bias):
        return legacy.keras_weights_from_tf1(kernel, bias, input_dim, forget_bias=0.0)

    result = build_checks.check_tf1_port(no_reorder)
    assert not result and "i, f, c, o" in str(result)
    result = build_checks.check_tf1_port(no_forget_bias)  # right only when forget_bias is 0
    assert not result and "forget_bias argument" in str(result)
    assert not build_checks.check_tf1_port(lambda *a: [1, 2])


def test_an_unwritten_port_is_unanswered_not_wrong():
    def port(kernel, bias, input_dim, forget_bias):
        ...

    result = build_checks.check_tf1_port(port)
    assert "Not answered yet" in str(result) and "Not yet." not in str(result)
