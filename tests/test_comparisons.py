"""Lesson 07's and 08's experiment helpers: rows from real (toy) runs, and mean ± std by hand."""

import numpy as np
import pytest

from lstm_helpers.models.sentiment_models import VARIANTS
from lstm_helpers.training import comparisons as ve
from lstm_helpers.training.experiments import EncodedReviews


def toy_reviews(rng, n):
    """Ids 2..9; positive reviews contain id 9 ('great')."""
    seqs = [rng.integers(2, 9, rng.integers(3, 12)).astype(np.int32) for _ in range(n)]
    labels = rng.integers(0, 2, n)
    for s, y in zip(seqs, labels, strict=True):
        if y:
            s[rng.integers(len(s))] = 9
    return seqs, labels


@pytest.fixture(scope="module")
def toy_data():
    rng = np.random.default_rng(0)
    parts = {s: toy_reviews(rng, n) for s, n in (("train", 240), ("val", 60), ("test", 80))}
    return EncodedReviews({s: p[0] for s, p in parts.items()}, {s: p[1] for s, p in parts.items()})


def small(name):
    return VARIANTS[name].with_(vocab_size=10, max_len=12, embed_dim=6, units=6, filters=6,
                                kernel_size=3, pool_size=2, batch_size=16, epochs=2,
                                learning_rate=0.02)


@pytest.mark.slow
def test_compare_gives_one_row_per_variant_and_seed(toy_data):
    recipes = {"lstm": small("lstm"), "cnn_lstm": small("cnn_lstm")}
    rows = ve.compare(recipes, toy_data, seeds=[1, 2])
    assert [(r["variant"], r["seed"]) for r in rows] == [("lstm", 1), ("cnn_lstm", 1),
                                                         ("lstm", 2), ("cnn_lstm", 2)]
    for r in rows:
        assert 0 <= r["test acc"] <= 1 and 0 <= r["ROC AUC"] <= 1 and r["n_train"] == 240
        assert 1 <= r["epochs"] <= 2 and r["s / epoch"] > 0
    # the same seed gives the same run: seeds are the only source of the spread
    again = ve.run_row("lstm", recipes["lstm"], toy_data, seed=1)
    assert again["test acc"] == rows[0]["test acc"] and again["val acc"] == rows[0]["val acc"]


@pytest.mark.slow
def test_learning_curve_trains_on_the_first_n_reviews(toy_data):
    rows = ve.learning_curve({"lstm": small("lstm")}, toy_data, sizes=[40, 120], seed=0)
    assert [r["n_train"] for r in rows] == [40, 120]
    for r in rows:  # scored on the training reviews after training: whole reviews right
        assert r["train acc"] * r["n_train"] == pytest.approx(round(r["train acc"] * r["n_train"]))


@pytest.mark.slow
def test_a_start_function_sets_the_starting_weights(toy_data):
    seen = []
    ve.run_row("lstm", small("lstm").with_(epochs=1), toy_data, seed=0,
               start=lambda model: seen.append(model.name))
    assert seen == ["sentiment_lstm"]


def test_summarize_mean_and_sample_std_by_hand():
    rows = [{"variant": "a", "x": 1.0}, {"variant": "b", "x": 5.0}, {"variant": "a", "x": 3.0}]
    summary = ve.summarize(rows, columns=("x",))
    assert [s["variant"] for s in summary] == ["a", "b"]
    assert summary[0]["x"] == 2.0 and summary[0]["x ±"] == pytest.approx(np.sqrt(2))
    assert summary[1]["runs"] == 1 and summary[1]["x ±"] is None  # unknown, not zero


def test_format_summary_and_best_variant_choose_on_validation():
    rows = [{"variant": v, "parameters": 10, "epochs": 2, "s / epoch": 1.5, "val acc": val,
             "test acc": test, "ROC AUC": 0.9} for v, val, test in
            (("a", 0.80, 0.90), ("a", 0.82, 0.88), ("b", 0.85, 0.70))]
    summary = ve.summarize(rows)
    assert ve.best_variant(summary)["variant"] == "b"  # best on validation, not on test
    shown = ve.format_summary(summary)
    assert shown[0]["test acc"] == "89.00% ± 1.41%" and shown[1]["test acc"] == "70.00%"
    assert shown[0]["parameters"] == "10"
