"""The hand-derived BPTT gradients of lesson 01 against finite differences."""

import numpy as np
import pytest

from lstm_helpers.core import gradients, initializers


@pytest.mark.parametrize("scale", [0.5, 1.0, 1.5])
def test_rnn_gradient_norms_match_finite_differences(scale):
    w = initializers.random_rnn_weights(2, 4, recurrent_scale=scale, seed=1)
    xs = np.random.default_rng(2).normal(size=(8, 2))
    np.testing.assert_allclose(
        gradients.rnn_gradient_norms(xs, w), gradients.finite_difference_norms(xs, w), rtol=1e-5
    )


@pytest.mark.parametrize("forget_bias", [-2.0, 1.0, 4.0])
def test_lstm_gradient_norms_match_finite_differences(forget_bias):
    w = initializers.random_lstm_weights(2, 3, recurrent_scale=0.8, forget_bias=forget_bias,
                                         seed=3)
    xs = np.random.default_rng(4).normal(size=(7, 2))
    np.testing.assert_allclose(
        gradients.lstm_gradient_norms(xs, w), gradients.finite_difference_norms(xs, w), rtol=1e-5
    )


def test_rnn_gradients_vanish_and_lstm_gradients_persist():
    xs = np.random.default_rng(5).normal(size=(40, 3))
    rnn = gradients.rnn_gradient_norms(xs, initializers.random_rnn_weights(3, 8, 0.5, seed=6))
    lstm = gradients.lstm_gradient_norms(
        xs, initializers.random_lstm_weights(3, 8, recurrent_scale=0.5, forget_bias=5.0, seed=6)
    )
    assert rnn[0] < 1e-8  # 39 steps back, each at most 0.5: below 0.5**39
    assert lstm[0] > 1e3 * rnn[0]


def test_one_sequence_only():
    with pytest.raises(ValueError, match=r"\(steps, input_dim\)"):
        gradients.rnn_gradient_norms(np.zeros((2, 3, 4)), initializers.random_rnn_weights(4, 2))
