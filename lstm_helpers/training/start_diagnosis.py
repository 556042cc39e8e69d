"""Why did a pretrained start fail? Measure it before the first step.

For a classifier whose weights were just set (randomly, or copied from a language model):
how saturated its LSTM's gates are on real reviews (a gate stuck near 0 or 1 passes almost
no gradient), how large the gradient of the loss is for each layer at the first step, how
large the copied word vectors are next to fresh ones, and how much of the text the copied
vocabulary covers. Used in lesson 08.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.data import batches
from lstm_helpers.models.bridge import weights_from_keras

SATURATED = 0.05  # a gate below this or above 1 − this is "stuck"


def gate_saturation(model, seqs: list[np.ndarray], n_reviews: int = 32,
                    max_len: int = 200) -> dict[str, float]:
    """The share of input, forget and output gate values within ``SATURATED`` of 0 or 1,
    over the first ``n_reviews`` reviews (their last ``max_len`` words), run in NumPy."""
    embedding = np.asarray(model.get_layer("embedding").get_weights()[0], np.float64)
    lstm = weights_from_keras(model.get_layer("lstm"))
    shares: dict[str, list[float]] = {"i": [], "f": [], "o": []}
    for ids in seqs[:n_reviews]:
        ids = np.asarray(ids[-max_len:], np.int64)
        if len(ids) == 0:
            continue
        trace = run_lstm(embedding[ids][None], lstm)
        for gate in shares:
            values = getattr(trace, gate)
            shares[gate].append(float(np.mean((values < SATURATED) | (values > 1 - SATURATED))))
    return {gate: float(np.mean(v)) for gate, v in shares.items()}


def first_step_gradients(model, seqs: list[np.ndarray], labels: np.ndarray,
                         batch_size: int = 64, max_len: int = 400) -> dict[str, float]:
    """The gradient norm of the loss, per layer (embedding, LSTM, readout), on one batch."""
    import keras
    import tensorflow as tf

    chosen = batches.cut(seqs[:batch_size], max_len)
    x = batches.pad(chosen, padding="post")
    y = np.asarray(labels[:batch_size], np.float32)[:, None]
    loss_fn = keras.losses.BinaryCrossentropy()
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=False))
    grads = tape.gradient(loss, model.trainable_variables)
    norms: dict[str, float] = {}
    for variable, grad in zip(model.trainable_variables, grads, strict=True):
        if grad is None:
            continue
        layer = variable.path.split("/")[0]
        value = tf.convert_to_tensor(grad)
        norms[layer] = float(np.sqrt(norms.get(layer, 0.0) ** 2 + float(tf.reduce_sum(value**2))))
    return norms


def vector_scales(embedding: np.ndarray, copied_rows: np.ndarray) -> dict[str, float]:
    """Root-mean-square size of the copied word vectors next to the others (fresh ones)."""
    embedding = np.asarray(embedding, np.float64)
    copied = np.zeros(len(embedding), bool)
    copied[np.asarray(copied_rows, np.int64)] = True
    rms = {"copied": float(np.sqrt(np.mean(embedding[copied] ** 2))) if copied.any() else 0.0,
           "fresh": float(np.sqrt(np.mean(embedding[~copied][2:] ** 2)))}
    rms["ratio"] = rms["copied"] / rms["fresh"] if rms["fresh"] else float("inf")
    return rms


def vocabulary_coverage(classifier_vocabulary: list[str], start_vocabulary: list[str],
                        seqs: list[np.ndarray]) -> dict[str, float]:
    """How many of the classifier's words the start knows, and what share of the training
    tokens those words are (frequent words count for more)."""
    known = set(start_vocabulary[2:])
    shared = np.array([i > 1 and w in known for i, w in enumerate(classifier_vocabulary)])
    tokens = np.concatenate([np.asarray(s, np.int64) for s in seqs]) if seqs else np.zeros(0, int)
    tokens = tokens[tokens > 1]
    return {"words shared": int(shared.sum()),
            "classifier words": len(classifier_vocabulary) - 2,
            "share of tokens covered": float(shared[tokens].mean()) if tokens.size else 0.0}
