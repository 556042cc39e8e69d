"""Lesson 01's exploding gradients, for real: a SimpleRNN whose recurrent weights stretch
every step, trained with plain SGD with and without gradient clipping.

The task: 60 small random inputs, answer with the sign of the very first one. The RNN's
recurrent kernel is an orthogonal matrix times ``gain`` (2 by default), so while its state
is small, backpropagating through a step *doubles* the gradient: the first gradient is
thousands long, and one unclipped step throws the weights so far that training dies.
"""

from __future__ import annotations

import keras
import numpy as np


def make_task(n: int = 512, steps: int = 60, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Inputs (n, steps, 3) of scale 0.1, and targets ±1: the sign of the first input."""
    rng = np.random.default_rng(seed)
    x = (0.1 * rng.normal(size=(n, steps, 3))).astype("float32")
    return x, np.sign(x[:, 0, :1]).astype("float32")


def build_rnn(gain: float = 2.0, units: int = 16, steps: int = 60, seed: int = 0):
    """SimpleRNN(units) with an orthogonal recurrent kernel scaled by ``gain`` → Dense(1)."""
    keras.utils.set_random_seed(seed)
    return keras.Sequential([
        keras.Input((steps, 3)),
        keras.layers.SimpleRNN(units, recurrent_initializer=keras.initializers.Orthogonal(gain)),
        keras.layers.Dense(1),
    ])


def train(optimizer, batches: int = 40, batch_size: int = 32, gain: float = 2.0,
          seed: int = 0) -> dict[str, list[float]]:
    """Train a fresh ``build_rnn(gain)`` with ``optimizer`` for ``batches`` steps; the loss
    and the (unclipped) gradient length at every step. NaN once the weights are destroyed.

    Used in lesson 01.
    """
    import tensorflow as tf

    x, y = make_task(batches * batch_size, seed=seed)
    model = build_rnn(gain, seed=seed)
    model.compile(optimizer=optimizer, loss="mse")
    losses, norms = [], []
    for k in range(batches):
        xb, yb = x[k * batch_size:(k + 1) * batch_size], y[k * batch_size:(k + 1) * batch_size]
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(xb, training=True) - yb))
        grads = tape.gradient(loss, model.trainable_variables)
        norms.append(float(tf.linalg.global_norm(grads)))
        losses.append(float(model.train_on_batch(xb, yb)))
    return {"loss": losses, "gradient norm": norms}


def losses_with(optimizer, **kwargs) -> list[float]:
    """Only the losses of ``train``: what an exercise check needs."""
    return train(optimizer, **kwargs)["loss"]
