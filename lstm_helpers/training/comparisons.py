"""Lesson 06's experiments: several classifiers on the same split over several seeds, a
learning curve, and pretrained starts, all through ``experiments.train_and_test`` so the
lesson and ``tools/bench_variants.py`` measure the same thing; then what the rows say.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from lstm_helpers.core import metrics
from lstm_helpers.core.errors import LabInputError
from lstm_helpers.models.sentiment_models import Recipe
from lstm_helpers.training import sentiment_training
from lstm_helpers.training.callbacks import Points
from lstm_helpers.training.experiments import EncodedReviews, train_and_test

SCORES = ("parameters", "epochs", "s / epoch", "val acc", "test acc", "ROC AUC")


def run_row(name: str, recipe: Recipe, data: EncodedReviews, seed: int,
            n_train: int | None = None, *, start: Callable | None = None,
            draw: Callable[[Points], None] | None = None, score_train: bool = False) -> dict:
    """Train one recipe with one seed; its scores as a table row.

    ``start(model)``, if given, sets starting weights (a pretrained start) before training.
    ``val acc`` is the best epoch's, the one kept. ``train acc`` is that epoch's running
    average (dropout on, weights still moving) unless ``score_train``: then the kept model
    is scored on its training reviews afterwards, as the validation split is.
    """
    n_reviews = min(n_train or len(data.labels["train"]), len(data.labels["train"]))
    shown = recipe.with_(name=f"{name} · seed {seed} · {n_reviews:,}")  # the progress bar
    model, run, probs = train_and_test(shown, data, n_train=n_train, draw=draw,
                                       seed=seed, start=start)
    labels = data.labels["test"]
    best = run.best_epoch - 1
    train_acc = run.history["accuracy"][best]
    if score_train:
        seqs, train_labels = data.view("train", recipe.vocab_size, n_train)
        train_acc = metrics.accuracy(train_labels,
                                     sentiment_training.predict(model, seqs, recipe))
    return {"variant": name, "seed": seed, "n_train": n_reviews,
            "parameters": model.count_params(), "epochs": run.epochs,
            "s / epoch": run.seconds_per_epoch, "train s": run.train_seconds,
            "train acc": train_acc,
            "val acc": run.history["val_accuracy"][best],
            "test acc": metrics.accuracy(labels, probs), "ROC AUC": metrics.roc_auc(labels, probs)}


def compare(recipes: dict[str, Recipe], data: EncodedReviews, seeds: list[int],
            n_train: int | None = None, starts: dict[str, Callable] | None = None) -> list[dict]:
    """Every recipe with every seed on the same split: one row per run. Used in lesson 06.

    ``starts[name](model)``, where given, sets that recipe's starting weights.
    """
    starts = starts or {}
    return [run_row(name, recipe, data, seed, n_train, start=starts.get(name))
            for seed in seeds for name, recipe in recipes.items()]


def summarize(rows: list[dict], by: str = "variant",
              columns: tuple[str, ...] = SCORES) -> list[dict]:
    """Mean and sample standard deviation of each column, per ``by`` value, in first-seen
    order: ``{"variant": …, "runs": n, "test acc": mean, "test acc ±": std, …}``.

    With one run the standard deviation is None (unknown, not zero). Used in lesson 06.
    """
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[by], []).append(row)
    out = []
    for key, group in groups.items():
        summary = {by: key, "runs": len(group)}
        for col in columns:
            values = np.array([r[col] for r in group], dtype=np.float64)
            summary[col] = float(values.mean())
            summary[col + " ±"] = float(values.std(ddof=1)) if len(values) > 1 else None
        out.append(summary)
    return out


def format_summary(summary: list[dict], by: str = "variant") -> list[dict]:
    """Rows of ``summarize`` as display strings ('88.90% ± 0.30%', '1,333,633'); columns
    that were not summarised are left out. Used in lesson 06."""
    def pct(row, col):
        std = row.get(col + " ±")
        return f"{row[col]:.2%}" + ("" if std is None else f" ± {std:.2%}")

    def num(row, col, fmt):
        std = row.get(col + " ±")
        return fmt.format(row[col]) + ("" if std is None else " ± " + fmt.format(std))

    shown = {"parameters": lambda r, c: f"{r[c]:,.0f}",
             "s / epoch": lambda r, c: num(r, c, "{:.1f}"),
             "epochs": lambda r, c: num(r, c, "{:.1f}"),
             "val acc": pct, "test acc": pct,
             "ROC AUC": lambda r, c: num(r, c, "{:.4f}")}
    return [{by: row[by], "runs": row["runs"],
             **{col: show(row, col) for col, show in shown.items() if col in row}}
            for row in summary]


def learning_curve(recipes: dict[str, Recipe], data: EncodedReviews, sizes: list[int],
                   seed: int, starts: dict[str, Callable] | None = None) -> list[dict]:
    """Each recipe trained on the first n training reviews, for every n in ``sizes``, with its
    training accuracy measured after training (``score_train``). Used in lesson 06."""
    starts = starts or {}
    return [run_row(name, recipe, data, seed, n_train=n, start=starts.get(name),
                    score_train=True)
            for n in sizes for name, recipe in recipes.items()]


def best_variant(summary: list[dict], by: str = "variant") -> dict:
    """The summary row with the highest mean validation accuracy (never chosen on test).

    Used in lesson 06.
    """
    return max(summary, key=lambda row: row["val acc"])


def spread(row: dict, column: str = "test acc") -> str:
    """'±0.24 points' from a summary row, or 'unknown from one seed'."""
    std = row.get(column + " ±")
    return "unknown from one seed" if std is None else f"±{std * 100:.2f} points"


def memorisation_gaps(rows: list[dict], deeper: str, simpler: str,
                      margin: float = 0.01) -> list[dict]:
    """For each training-set size of a learning curve: each model's train − validation gap
    and a verdict on which memorises more (a difference under ``margin`` is "about the
    same"). Used in lesson 06."""
    out = []
    for n in sorted({r["n_train"] for r in rows}):
        at = {r["variant"]: r for r in rows if r["n_train"] == n}
        gap = {k: at[k]["train acc"] - at[k]["val acc"] for k in (deeper, simpler)}
        extra = gap[deeper] - gap[simpler]
        verdict = (f"{deeper} memorises more" if extra > margin else
                   f"{simpler} memorises more" if extra < -margin else "about the same gap")
        out.append({"training reviews": n, f"gap {deeper}": gap[deeper],
                    f"gap {simpler}": gap[simpler], f"val {deeper}": at[deeper]["val acc"],
                    f"val {simpler}": at[simpler]["val acc"], "verdict": verdict})
    return out


def gains_over(rows: list[dict], baseline: str = "random") -> list[dict]:
    """Test-accuracy gain of every start over ``baseline`` at each training-set size, in
    points. Used in lesson 06."""
    out = []
    for n in sorted({r["n_train"] for r in rows}):
        at = {r["variant"]: r for r in rows if r["n_train"] == n}
        if baseline not in at:
            raise LabInputError(f"no {baseline!r} row for {n} training reviews.")
        out += [{"training reviews": n, "start": name,
                 "gain (points)": (row["test acc"] - at[baseline]["test acc"]) * 100}
                for name, row in at.items() if name != baseline]
    return out
