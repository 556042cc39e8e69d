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


def test_clipping_matches_tensorflow():
    import tensorflow as tf

    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(3, 4)) * 10, rng.normal(size=5)]
    ours = gradients.clip_by_global_norm(grads, 1.0)
    theirs, _ = tf.clip_by_global_norm([tf.constant(g) for g in grads], 1.0)
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a, b.numpy(), rtol=1e-12)
    for a, g in zip(gradients.clip_each_by_norm(grads, 1.0), grads, strict=True):
        np.testing.assert_allclose(a, tf.clip_by_norm(tf.constant(g), 1.0).numpy(), rtol=1e-12)
    np.testing.assert_array_equal(gradients.clip_by_value(grads, 0.5)[1],
                                  tf.clip_by_value(grads[1], -0.5, 0.5).numpy())
    small = [np.array([0.1, 0.2])]
    np.testing.assert_array_equal(gradients.clip_by_global_norm(small, 1.0)[0], small[0])


def test_global_clipping_keeps_the_direction_and_value_clipping_does_not():
    g = [np.array([100.0, 1.0])]
    by_norm = gradients.clip_by_global_norm(g, 1.0)[0]
    by_value = gradients.clip_by_value(g, 1.0)[0]
    cos = float(by_norm @ g[0] / np.linalg.norm(by_norm) / np.linalg.norm(g[0]))
    assert cos == pytest.approx(1.0) and np.linalg.norm(by_norm) == pytest.approx(1.0)
    assert by_value.tolist() == [1.0, 1.0]  # now pointing 45 degrees away


@pytest.mark.slow
def test_the_exploding_rnn_explodes_and_clipping_saves_it():
    import keras

    from lstm_helpers.training import clipping

    plain = clipping.train(keras.optimizers.SGD(0.2), batches=12)
    clipped = clipping.train(keras.optimizers.SGD(0.2, clipnorm=1.0), batches=12)
    assert plain["gradient norm"][0] > 1000  # thousands long before any step
    assert not np.all(np.isfinite(plain["loss"])) or max(plain["loss"]) > 1e6
    assert np.all(np.isfinite(clipped["loss"])) and max(clipped["loss"]) < 10
