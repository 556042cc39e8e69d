"""Training helpers: a progress bar per run, and stopping once a target is reached.

Imports Keras, so only lessons that train use it.
"""

from __future__ import annotations

import keras
from tqdm.auto import tqdm


class EpochBar(keras.callbacks.Callback):
    """A tqdm bar over epochs showing loss and validation accuracy; stops at ``target``."""

    def __init__(self, epochs: int, desc: str, target: float | None = None):
        super().__init__()
        self.epochs, self.desc, self.target = epochs, desc, target
        self.bar = None

    def on_train_begin(self, logs=None):
        self.bar = tqdm(total=self.epochs, desc=self.desc, unit="epoch", leave=True)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        self.bar.set_postfix({k: f"{v:.3f}" for k, v in logs.items() if "acc" in k or k == "loss"})
        self.bar.update(1)
        if self.target is not None and logs.get("val_accuracy", 0.0) >= self.target:
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        self.bar.close()


def fit_until(model: keras.Model, x, y, validation: tuple, max_epochs: int, desc: str,
              target: float | None = 0.99, batch_size: int = 32) -> dict[str, list[float]]:
    """Fit with a progress bar, stopping early once validation accuracy reaches ``target``.

    Returns Keras's history dict. Used in lesson 03.
    """
    history = model.fit(x, y, validation_data=validation, epochs=max_epochs,
                        batch_size=batch_size, verbose=0,
                        callbacks=[EpochBar(max_epochs, desc, target)])
    return history.history
