"""Pooling an LSTM's outputs over time, padding excluded: what a classifier reads besides
the last state.

A review's sentiment can sit anywhere in it; the last hidden state must carry it to the
end, while the maximum and the mean over every step see it wherever it was. Keras's own
``GlobalMaxPooling1D`` ignores a padding mask, so padded steps could win the max: these
layers use the mask.
"""

from __future__ import annotations

import keras
from keras import ops

from lstm_helpers.core.errors import LabInputError

MODES = ("max", "mean", "concat")


@keras.saving.register_keras_serializable("lstm_lab")
class TimePooling(keras.layers.Layer):
    """(batch, steps, units) → max, mean, or [max, mean, last state] over the real steps.

    Call it as ``TimePooling("concat")([outputs, last_state])``; "max" and "mean" take the
    outputs alone. A mask (from ``Embedding(mask_zero=True)``) marks the real steps.
    """

    def __init__(self, mode: str = "concat", **kwargs):
        super().__init__(**kwargs)
        if mode not in MODES:
            raise LabInputError(f"mode must be one of {', '.join(MODES)}; got {mode!r}.")
        self.mode = mode
        self.supports_masking = True

    def call(self, inputs, mask=None):
        outputs, last = (inputs[0], inputs[1]) if self.mode == "concat" else (inputs, None)
        if isinstance(mask, list | tuple):
            mask = mask[0]
        if mask is None:
            mask = ops.ones(ops.shape(outputs)[:2], dtype="bool")
        real = ops.expand_dims(ops.cast(mask, outputs.dtype), -1)
        count = ops.maximum(ops.sum(real, axis=1), 1.0)
        mean = ops.sum(outputs * real, axis=1) / count
        very_low = ops.cast(-1e9, outputs.dtype)
        highest = ops.max(ops.where(real > 0, outputs, very_low), axis=1)
        if self.mode == "max":
            return highest
        if self.mode == "mean":
            return mean
        return ops.concatenate([highest, mean, last], axis=-1)

    def compute_mask(self, inputs, mask=None):
        return None  # one vector per review: nothing left to mask

    def get_config(self):
        return {**super().get_config(), "mode": self.mode}
