"""Train a sentiment recipe on token ids, predict with it, and time its training steps.

Shared by lessons 05-08 and the benchmark scripts, so both measure the same thing.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import keras
import numpy as np

from lstm_helpers.core.errors import LabInputError
from lstm_helpers.data import batches
from lstm_helpers.models.sentiment_models import Recipe
from lstm_helpers.training.callbacks import LiveCurves, Points, TrainingRun


def train(model, recipe: Recipe, train_seqs: list[np.ndarray], y_train: np.ndarray,
          val_seqs: list[np.ndarray] | None = None, y_val: np.ndarray | None = None, *,
          draw: Callable[[Points], None] | None = None, desc: str | None = None,
          seed: int = 0) -> TrainingRun:
    """Fit ``model`` as ``recipe`` says; with ``recipe.patience``, stop early and keep the
    epoch with the best validation accuracy.

    ``val_*`` is what early stopping watches: a split of *train* in this course (the
    ``validate_on_test`` recipe passes the test set here, to show why not). Without early
    stopping it may be None: no validation pass, the last epoch is kept. ``draw`` receives
    the curves' points as they grow.
    """
    if recipe.patience is not None and val_seqs is None:
        raise LabInputError(f"{recipe.name}: early stopping needs validation reviews.")
    fixed = None if recipe.bucketed else recipe.max_len
    data = batches.bucketed_dataset(batches.cut(train_seqs, recipe.max_len), y_train,
                                    recipe.batch_size, shuffle=True, seed=seed,
                                    bucketed=recipe.bucketed, fixed_length=fixed,
                                    padding=recipe.padding)
    val = None if val_seqs is None else batches.bucketed_dataset(
        batches.cut(val_seqs, recipe.max_len), y_val, 512, shuffle=False,
        bucketed=recipe.bucketed, fixed_length=fixed, padding=recipe.padding)
    run = TrainingRun(recipe.name)
    steps = batches.n_batches(len(train_seqs), recipe.batch_size)
    callbacks = [LiveCurves(run, steps, draw, desc=desc or recipe.name)]
    if recipe.patience is not None:
        callbacks.append(keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=recipe.patience, restore_best_weights=True))
    model.fit(data, validation_data=val, epochs=recipe.epochs, verbose=0, shuffle=False,
              callbacks=callbacks)
    scores = run.history.get("val_accuracy")
    run.best_epoch = int(np.argmax(scores)) + 1 if recipe.patience is not None else run.epochs
    return run


def predict(model, seqs: list[np.ndarray], recipe: Recipe, batch_size: int = 1024) -> np.ndarray:
    """P(positive) for every review, batched by length (order restored)."""
    seqs = batches.cut(seqs, recipe.max_len)
    lengths = np.array([len(s) for s in seqs])
    order = np.argsort(lengths, kind="stable")
    out = np.empty(len(seqs), dtype=np.float64)
    for start in range(0, len(seqs), batch_size):
        idx = order[start:start + batch_size]
        width = recipe.max_len if not recipe.bucketed else max(1, int(lengths[idx].max()))
        x = batches.pad([seqs[i] for i in idx], width, padding=recipe.padding)
        out[idx] = np.asarray(model(x, training=False), dtype=np.float64).ravel()
    return out


def seconds_per_batch(model, seqs: list[np.ndarray], labels: np.ndarray, recipe: Recipe,
                      n_batches: int = 20) -> float:
    """Median seconds of one training step on ``recipe``-shaped batches (after a warm-up).

    Used in lessons 05, 07.
    """
    fixed = None if recipe.bucketed else recipe.max_len
    seqs = batches.cut(seqs, recipe.max_len)
    shaped = list(batches.iterate_batches(seqs, labels, recipe.batch_size,
                                          bucketed=recipe.bucketed, fixed_length=fixed,
                                          padding=recipe.padding))[:n_batches + 2]
    times = []
    for k, (x, y) in enumerate(shaped):
        start = time.perf_counter()
        model.train_on_batch(x, y)
        if k >= 2:  # the first calls trace the graph
            times.append(time.perf_counter() - start)
    return float(np.median(times))
