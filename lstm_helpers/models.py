"""Small Keras models the lessons train. Each function says which lesson builds it."""

from __future__ import annotations

import keras


def build_recall_model(kind: str, units: int, vocab_size: int, n_classes: int,
                       learning_rate: float = 0.005, forget_bias: float = 3.0,
                       input_bias: float = -1.0) -> keras.Model:
    """SimpleRNN or LSTM → softmax, for the recall task; reads sequences of any length.

    The LSTM starts with its forget gate open (bias ``forget_bias``, σ(3) ≈ 0.95) and its
    input gate half shut (``input_bias``), so a memory written at step 1 survives long enough
    for the gradient to find it. Gradients are clipped at norm 1 for both kinds. Lesson 03.
    """
    if kind not in ("SimpleRNN", "LSTM"):
        raise ValueError(f"kind must be 'SimpleRNN' or 'LSTM'; got {kind!r}.")
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
