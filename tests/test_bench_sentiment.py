"""The sentiment benchmark runs end to end (fast subsets) and prints one row per model."""

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "bench_sentiment.py"


def test_rows_are_formatted_for_the_readme(load_tool):
    bench_sentiment = load_tool("bench_sentiment")

    row = {"model": "course", "seed": 42, "parameters": 1_313_409, "epochs": 4,
           "train s": 101.4, "s / epoch": 24.44, "val acc": 0.8908, "test acc": 0.88276,
           "ROC AUC": 0.95111, "peak memory": 1.234}
    assert bench_sentiment.markdown_row(row) == (
        "| course | 42 | 1,313,409 | 4 | 101 | 24.4 | 89.08% | 88.28% | 0.9511 | 1.23 GB |")
    assert "| – |" in bench_sentiment.markdown_row({**row, "epochs": None})


def test_unknown_models_are_refused():
    done = subprocess.run([sys.executable, str(SCRIPT), "--models", "gpt"], capture_output=True,
                          text=True)
    assert done.returncode == 2 and "unknown models ['gpt']" in done.stderr


@pytest.mark.slow
def test_fast_run_prints_a_row_per_model(real_imdb_source):
    done = subprocess.run([sys.executable, str(SCRIPT), "--fast", "--models", "course,baseline"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| course")
            or line.startswith("| baseline")]
    assert len(rows) == 2 and "failed" not in done.stdout
    assert all(row.count("|") == 11 for row in rows)
