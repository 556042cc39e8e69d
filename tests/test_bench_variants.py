"""The variants benchmark runs end to end (fast subsets): a row per run, then mean ± std."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "bench_variants.py"


def test_summary_table_gives_mean_and_std_per_model(load_tool):
    bench_variants = load_tool("bench_variants")

    rows = [{"variant": "gru", "seed": s, "parameters": 10, "epochs": 3, "s / epoch": t,
             "val acc": 0.9, "test acc": acc, "ROC AUC": 0.95} for s, t, acc in
            ((1, 10.0, 0.88), (2, 12.0, 0.90))]
    table = bench_variants.summary_table(rows)
    assert "| gru | 2 | 10 | 11.0 ± 1.4 | 90.00% ± 0.00% | 89.00% ± 1.41% |" in table
    assert "| gru | 1 |" in bench_variants.markdown_row({**rows[0], "peak memory": 1.0})


def test_unknown_models_are_refused():
    done = subprocess.run([sys.executable, str(SCRIPT), "--models", "transformer"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "unknown models ['transformer']" in done.stderr


@pytest.mark.slow
def test_fast_run_prints_rows_the_summary_and_writes_the_results_file(real_imdb_source,
                                                                      tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), "--fast", "--seeds", "1",
                           "--models", "cnn_lstm"], capture_output=True, text=True,
                          timeout=400, env=dict(os.environ, LSTM_LAB_ARTIFACTS=str(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "failed" not in done.stdout
    runs = [line for line in done.stdout.splitlines() if line.startswith("| cnn_lstm |")]
    assert len(runs) == 2  # the run, then its summary line
    written = json.loads((tmp_path / "variants-fast.json").read_text())
    assert written["rows"][0]["variant"] == "cnn_lstm" and written["command"].endswith(
        "--fast --seeds 1 --models cnn_lstm")
