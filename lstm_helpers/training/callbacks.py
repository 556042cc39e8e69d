"""Keras callbacks: one progress bar for every training, and curves that grow while it trains.

Nothing here draws: ``LiveCurves`` hands the points gathered so far to a function it is
given (a lesson passes ``viz.training_figures.update_training_curves`` bound to a figure),
so the training layer never imports the figure layer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import keras
import numpy as np
from tqdm.auto import tqdm

# Lessons train many models in a row, and TensorFlow then warns that it is "retracing"
# functions: expected here, and only noise to a learner.
logging.getLogger("tensorflow").setLevel(logging.ERROR)

MAX_DESC = 28  # a longer description squeezes a notebook progress bar to a sliver


def progress_bar(total: int, desc: str, unit: str, **kwargs):
    """A tqdm bar (a widget in a notebook) whose description stays short enough to leave
    the bar its room; the full description goes after the counts."""
    short = desc if len(desc) <= MAX_DESC else desc[: MAX_DESC - 1] + "…"
    bar = tqdm(total=total, desc=short, unit=unit, leave=True, **kwargs)
    if short != desc:
        bar.set_postfix_str(desc)
    return bar


class EpochBar(keras.callbacks.Callback):
    """A progress bar over epochs showing loss and validation accuracy; stops at ``target``."""

    def __init__(self, epochs: int, desc: str, target: float | None = None):
        super().__init__()
        self.epochs, self.desc, self.target = epochs, desc, target
        self.bar = None

    def on_train_begin(self, logs=None):
        self.bar = progress_bar(self.epochs, self.desc, "epoch")

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


@dataclass
class TrainingRun:
    """What one training produced: per-epoch history, timings, and the epoch kept."""

    name: str
    history: dict[str, list[float]] = field(default_factory=dict)
    epoch_seconds: list[float] = field(default_factory=list)
    best_epoch: int = 0  # 1-based epoch whose weights the model kept

    @property
    def epochs(self) -> int:
        return len(self.epoch_seconds)

    @property
    def train_seconds(self) -> float:
        return float(sum(self.epoch_seconds))

    @property
    def seconds_per_epoch(self) -> float:
        """Median over epochs: the first one also pays for tracing the graph."""
        return float(np.median(self.epoch_seconds)) if self.epoch_seconds else float("nan")


Points = dict[str, list[tuple[float, float]]]


class LiveCurves(keras.callbacks.Callback):
    """Progress bar over batches; ``draw(points)`` is called ``points_per_epoch`` times an
    epoch with every (epoch, value) point of loss, accuracy and their validation twins."""

    def __init__(self, run: TrainingRun, steps_per_epoch: int,
                 draw: Callable[[Points], None] | None = None, points_per_epoch: int = 10,
                 desc: str = "training"):
        super().__init__()
        self.run, self.steps, self.draw, self.desc = run, steps_per_epoch, draw, desc
        self.every = max(1, steps_per_epoch // points_per_epoch)
        self.points: Points = {}

    def on_train_begin(self, logs=None):
        total = self.steps * self.params.get("epochs", 1)
        self.bar = progress_bar(total, self.desc, "batch")

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch, self.started = epoch, time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.bar.update(1)
        if (batch + 1) % self.every == 0 and logs:
            x = self.epoch + (batch + 1) / self.steps
            for key in ("loss", "accuracy"):
                if key in logs:
                    self.points.setdefault(key, []).append((x, float(logs[key])))
            self._redraw()

    def on_epoch_end(self, epoch, logs=None):
        self.run.epoch_seconds.append(time.perf_counter() - self.started)
        for key, value in (logs or {}).items():
            self.run.history.setdefault(key, []).append(float(value))
            if key.startswith("val_"):
                self.points.setdefault(key, []).append((epoch + 1.0, float(value)))
        shown = {k: f"{v:.3f}" for k, v in (logs or {}).items() if "acc" in k or "loss" in k}
        self.bar.set_postfix(shown)
        self._redraw()

    def on_train_end(self, logs=None):
        self.bar.close()

    def _redraw(self):
        if self.draw is not None:
            self.draw(self.points)
