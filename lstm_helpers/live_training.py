"""Train a sentiment recipe with a progress bar and curves that grow while it trains.

The figure is a plotly ``FigureWidget`` inside a ``FallbackBox``: JupyterLab shows it live,
and once training ends the display is refreshed so exported pages keep the final curves.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import keras
import numpy as np
from tqdm.auto import tqdm

from lstm_helpers import review_batches, sentiment_figures
from lstm_helpers.sentiment_models import Recipe

# Lessons train many models in a row, and TensorFlow then warns that it is "retracing"
# functions: expected here, and only noise to a learner.
logging.getLogger("tensorflow").setLevel(logging.ERROR)


@dataclass
class TrainingRun:
    """What one training produced: per-epoch history, timings, and the epoch kept."""

    recipe: Recipe
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


class LiveCurves(keras.callbacks.Callback):
    """Progress bar over batches; the curves grow ``points_per_epoch`` times an epoch."""

    def __init__(self, run: TrainingRun, steps_per_epoch: int, figure=None,
                 points_per_epoch: int = 10, desc: str = "training"):
        super().__init__()
        self.run, self.steps, self.figure, self.desc = run, steps_per_epoch, figure, desc
        self.every = max(1, steps_per_epoch // points_per_epoch)
        self.points: dict[str, list[tuple[float, float]]] = {}

    def on_train_begin(self, logs=None):
        total = self.steps * self.params.get("epochs", 1)
        self.bar = tqdm(total=total, desc=self.desc, unit="batch", leave=True)

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch, self.started = epoch, time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        self.bar.update(1)
        if (batch + 1) % self.every == 0 and logs:
            x = self.epoch + (batch + 1) / self.steps
            for key in ("loss", "accuracy"):
                self.points.setdefault(key, []).append((x, float(logs[key])))
            self.bar.set_postfix(loss=f"{logs['loss']:.3f}", acc=f"{logs['accuracy']:.3f}")
            self._redraw()

    def on_epoch_end(self, epoch, logs=None):
        self.run.epoch_seconds.append(time.perf_counter() - self.started)
        for key, value in (logs or {}).items():
            self.run.history.setdefault(key, []).append(float(value))
            if key.startswith("val_"):
                self.points.setdefault(key, []).append((epoch + 1.0, float(value)))
        self._redraw()

    def on_train_end(self, logs=None):
        self.bar.close()

    def _redraw(self):
        if self.figure is not None:
            sentiment_figures.update_training_curves(self.figure, self.points)


def train(model, recipe: Recipe, train_seqs: list[np.ndarray], y_train: np.ndarray,
          val_seqs: list[np.ndarray] | None = None, y_val: np.ndarray | None = None,
          figure=None, desc: str | None = None, seed: int = 0) -> TrainingRun:
    """Fit ``model`` as ``recipe`` says; with ``recipe.patience``, stop early and keep the
    epoch with the best validation accuracy.

    ``val_*`` is what early stopping watches: a split of *train* in this course (the
    ``validate_on_test`` recipe passes the test set here, to show why not). Without early
    stopping it may be None: no validation pass, the last epoch is kept. Lessons 05-06.
    """
    if recipe.patience is not None and val_seqs is None:
        raise ValueError(f"{recipe.name}: early stopping needs validation reviews.")
    fixed = None if recipe.bucketed else recipe.max_len
    data = review_batches.bucketed_dataset(review_batches.cut(train_seqs, recipe.max_len),
                                           y_train, recipe.batch_size, True, seed,
                                           recipe.bucketed, fixed, recipe.padding)
    val = None if val_seqs is None else review_batches.bucketed_dataset(
        review_batches.cut(val_seqs, recipe.max_len), y_val, 512, False, 0, recipe.bucketed,
        fixed, recipe.padding)
    run = TrainingRun(recipe)
    steps = review_batches.n_batches(len(train_seqs), recipe.batch_size)
    callbacks = [LiveCurves(run, steps, figure, desc=desc or recipe.name)]
    if recipe.patience is not None:
        callbacks.append(keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=recipe.patience, restore_best_weights=True))
    model.fit(data, validation_data=val, epochs=recipe.epochs, verbose=0, shuffle=False,
              callbacks=callbacks)
    scores = run.history.get("val_accuracy")
    run.best_epoch = int(np.argmax(scores)) + 1 if recipe.patience is not None else run.epochs
    return run


def predict(model, seqs: list[np.ndarray], recipe: Recipe, batch_size: int = 1024) -> np.ndarray:
    """P(positive) for every review, batched by length (order restored). Lessons 05-06."""
    seqs = review_batches.cut(seqs, recipe.max_len)
    lengths = np.array([len(s) for s in seqs])
    order = np.argsort(lengths, kind="stable")
    out = np.empty(len(seqs), dtype=np.float64)
    for start in range(0, len(seqs), batch_size):
        idx = order[start:start + batch_size]
        width = recipe.max_len if not recipe.bucketed else max(1, int(lengths[idx].max()))
        x = review_batches.pad([seqs[i] for i in idx], width, recipe.padding)
        out[idx] = np.asarray(model(x, training=False), dtype=np.float64).ravel()
    return out


def seconds_per_batch(model, seqs: list[np.ndarray], labels: np.ndarray, recipe: Recipe,
                      n_batches: int = 20) -> float:
    """Median seconds of one training step on ``recipe``-shaped batches (after a warm-up)."""
    fixed = None if recipe.bucketed else recipe.max_len
    seqs = review_batches.cut(seqs, recipe.max_len)
    batches = list(review_batches.iterate_batches(seqs, labels, recipe.batch_size, recipe.bucketed,
                                                  True, 0, fixed, recipe.padding))[:n_batches + 2]
    times = []
    for k, (x, y) in enumerate(batches):
        start = time.perf_counter()
        model.train_on_batch(x, y)
        if k >= 2:  # the first calls trace the graph
            times.append(time.perf_counter() - start)
    return float(np.median(times))
