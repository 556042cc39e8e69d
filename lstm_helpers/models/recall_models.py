"""Lesson 03's recurrent classifiers for the recall task (SimpleRNN, LSTM, GRU)."""

from __future__ import annotations

import keras

from lstm_helpers.core.errors import LabInputError, check_int, check_number

KINDS = ("SimpleRNN", "LSTM", "GRU")


def build_recall_model(kind: str, units: int, vocab_size: int, n_classes: int,
                       learning_rate: float = 0.005, forget_bias: float = 3.0,
                       input_bias: float = -1.0) -> keras.Model:
    """SimpleRNN, LSTM or GRU → softmax, for the recall task; reads sequences of any length.

    The LSTM starts with its forget gate open (bias ``forget_bias``, σ(3) ≈ 0.95) and its
    input gate half shut (``input_bias``), so a memory written at step 1 survives long enough
    for the gradient to find it; ``forget_bias=1, input_bias=0`` gives Keras's own start.
    Gradients are clipped at norm 1 for every kind (lesson 01's cure for exploding
    gradients). Used in lesson 03.
    """
    if kind not in KINDS:
        raise LabInputError(f"kind must be one of {', '.join(map(repr, KINDS))}; got {kind!r}.")
    for name, value in (("units", units), ("vocab_size", vocab_size), ("n_classes", n_classes)):
        check_int(name, value, low=1)
    check_number("learning_rate", learning_rate, above=0.0)
    recurrent = getattr(keras.layers, kind)(units, name=kind.lower())
    model = keras.Sequential([
        keras.Input((None, vocab_size)),
        recurrent,
        keras.layers.Dense(n_classes, activation="softmax", name="readout"),
    ])
    if kind == "LSTM":
        kernel, recurrent_kernel, bias = recurrent.get_weights()
        bias[:units] = input_bias  # Keras's order: i, f, c, o
        bias[units:2 * units] = forget_bias
        recurrent.set_weights([kernel, recurrent_kernel, bias])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate, clipnorm=1.0),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
