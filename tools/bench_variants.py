"""Benchmark: lesson 06's variants trained and scored on the full IMDB data, over seeds.

    .venv/bin/python tools/bench_variants.py [--models lstm,cnn_lstm] [--seeds 42,7,1]
    .venv/bin/python tools/bench_variants.py --fast      # a smoke run on small subsets

Each (model, seed) runs in its own process, so "peak memory" is that run's alone. Settings
are lesson 06's (at most 3 epochs, early stopping on the validation split, carved by film,
the test set scored once). One row goes beyond the lesson's variants: ``bi-published``,
Embedding(5000, 32) → Bidirectional(LSTM(128)) → Dense on 500 tokens.

Prints every run, then mean ± std per model, and writes them, with the command, date and
machine, to ``benchmarks/variants.json``: the multi-seed comparison lesson 06 shows.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

import bench_common

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "variants.json"
MODELS = ("lstm", "deep", "bidirectional", "cnn_lstm", "gru", "cnn_lstm+vectors",
          "bi-published")
EPOCHS = 3  # lesson 06
COLUMNS = ("variant", "seed", "parameters", "epochs", "train s", "s / epoch", "val acc",
           "test acc", "ROC AUC", "peak memory")


def measure(name: str, seed: int, fast: bool) -> dict:
    """Train and score one model with one seed in this process; return its row."""
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config
    from lstm_helpers.data.imdb import load_imdb
    from lstm_helpers.models import pretrained
    from lstm_helpers.models.sentiment_models import BI_PUBLISHED, VARIANTS
    from lstm_helpers.training import experiments as sentiment_experiment
    from lstm_helpers.training.comparisons import run_row

    config.set_seeds(seed)
    config.seed_keras(seed)
    sizes = {"n_train": 600, "n_val": 200, "n_test": 600} if fast else {}
    imdb = load_imdb(**sizes)
    _, data = sentiment_experiment.encode_imdb(imdb, 20000)
    epochs = 1 if fast else EPOCHS
    start = None
    if name == "cnn_lstm+vectors":
        recipe = VARIANTS["cnn_lstm"]
        vectors = pretrained.ppmi_svd_vectors(data.seqs["train"] + data.seqs["val"],
                                              recipe.vocab_size, recipe.embed_dim, seed=42)

        def start(model):
            pretrained.start_from_vectors(model, vectors)
    else:
        recipe = BI_PUBLISHED if name == "bi-published" else VARIANTS[name]
    row = run_row(name, recipe.with_(epochs=epochs), data, seed, start=start)
    row["peak memory"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    return row


def markdown_row(row: dict) -> str:
    return bench_common.markdown_row(row, COLUMNS)


def summary_table(rows: list[dict]) -> str:
    """Mean ± std over seeds per model, as Markdown."""
    sys.path.insert(0, str(ROOT))
    from lstm_helpers.training.comparisons import format_summary, summarize

    columns = ("parameters", "s / epoch", "val acc", "test acc", "ROC AUC")
    shown = format_summary(summarize(rows, columns=columns))
    heads = ("variant", "runs", *columns)
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(str(row[h]) for h in heads) + " |" for row in shown]
    return "\n".join(lines)


def fast_results() -> Path:
    """Where a --fast smoke run writes: never over the real results. $LSTM_LAB_ARTIFACTS
    (the tests point it at a temporary folder), else artifacts/."""
    return Path(os.environ.get("LSTM_LAB_ARTIFACTS", ROOT / "artifacts")) / "variants-fast.json"


def main() -> None:
    rows = bench_common.run(__file__, __doc__, MODELS, COLUMNS, measure, default_seeds="42,7,1")
    if rows:
        print("\nmean ± std over seeds\n\n" + summary_table(rows), flush=True)
        fast = "--fast" in sys.argv
        path = bench_common.write_results(
            fast_results() if fast else RESULTS, rows, COLUMNS,
            script="tools/bench_variants.py")
        print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
