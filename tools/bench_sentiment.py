"""Benchmark: lesson 05's IMDB models trained and scored on the full data, one row each.

    .venv/bin/python tools/bench_sentiment.py [--models course,baseline] [--seeds 42,7]
    .venv/bin/python tools/bench_sentiment.py --fast      # a smoke run on small subsets

Each model runs in its own process, so "peak memory" is that model's alone (the data, the
encoding, training and prediction; Python and TensorFlow included). Training settings are
lesson 05's full-mode ones; the two published recipes train on all 20,000 training reviews
here (the lesson gives them fewer, for time). Prints a Markdown table for the README.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

import bench_common
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("recipe-a", "recipe-b-published", "recipe-b-fixed", "course", "baseline")
EPOCHS = {"recipe-a": 5, "recipe-b-published": 3, "recipe-b-fixed": 3, "course": 4}
COLUMNS = ("model", "seed", "parameters", "epochs", "train s", "s / epoch", "val acc",
           "test acc", "ROC AUC", "peak memory")


def measure(name: str, seed: int, fast: bool) -> dict:
    """Train and score one model in this process; return its row."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config
    from lstm_helpers.core import metrics
    from lstm_helpers.data.imdb import load_imdb

    config.set_seeds(seed)
    sizes = {"n_train": 600, "n_val": 200, "n_test": 600} if fast else {}
    imdb = load_imdb(**sizes)
    row: dict = {"model": name, "seed": seed}
    if name == "baseline":
        from lstm_helpers.models.baselines import NBLogisticBaseline

        start = time.perf_counter()
        chosen = NBLogisticBaseline(seed=seed).fit(imdb.train.texts, imdb.train.labels)
        chosen.tune(imdb.val.texts, imdb.val.labels)
        val_acc = metrics.accuracy(imdb.val.labels, chosen.predict_proba(imdb.val.texts))
        baseline = NBLogisticBaseline(C=chosen.C, seed=seed).fit(  # refit on train + val
            imdb.train.texts + imdb.val.texts, np.concatenate([imdb.train.labels,
                                                               imdb.val.labels]))
        row.update({"parameters": baseline.n_features + 1, "epochs": None,
                    "train s": time.perf_counter() - start, "s / epoch": None,
                    "val acc": val_acc})
        probs = baseline.predict_proba(imdb.test.texts)
    else:
        from lstm_helpers.models.sentiment_models import (
            KERAS_EXAMPLE,
            KERAS_EXAMPLE_FIXED,
            SMALL_CLASSIC,
            TUNED,
        )
        from lstm_helpers.training import experiments as sentiment_experiment

        recipe = {"recipe-a": SMALL_CLASSIC, "recipe-b-published": KERAS_EXAMPLE,
                  "recipe-b-fixed": KERAS_EXAMPLE_FIXED, "course": TUNED}[name]
        recipe = recipe.with_(epochs=1 if fast else EPOCHS[name])
        config.seed_keras(seed)
        _, data = sentiment_experiment.encode_imdb(imdb, 20000)
        model, run, probs = sentiment_experiment.train_and_test(
            recipe, data, seed=seed, score_test=name != "course")
        val_scores = run.history.get("val_accuracy")
        row.update({"parameters": model.count_params(), "epochs": run.epochs,
                    "train s": run.train_seconds, "s / epoch": run.seconds_per_epoch,
                    "val acc": val_scores[run.best_epoch - 1] if val_scores else None})
        if name == "course":  # as in the lesson: epochs chosen on validation, then a refit
            model, refit, probs = sentiment_experiment.refit_on_all_training(
                recipe, data, run.best_epoch, seed=seed)
            row.update({"epochs": f"{run.epochs} + {refit.epochs} refit",
                        "train s": run.train_seconds + refit.train_seconds})
        if recipe.validate_on_test:
            row["model"] += " (its 'val' is the test set)"
    row.update({"test acc": metrics.accuracy(imdb.test.labels, probs),
                "ROC AUC": metrics.roc_auc(imdb.test.labels, probs),
                "peak memory": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2})
    return row


def markdown_row(row: dict) -> str:
    return bench_common.markdown_row(row, COLUMNS)


def main() -> None:
    bench_common.run(__file__, __doc__, MODELS, COLUMNS, measure, default_seeds="42")


if __name__ == "__main__":
    main()
