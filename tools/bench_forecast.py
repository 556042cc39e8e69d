"""Benchmark: lesson 08's forecasters on the Mauna Loa CO₂ series, walk-forward.

    .venv/bin/python tools/bench_forecast.py [--models lstm,ets] [--seeds 42,7,1] [--fast]

Every model forecasts 12 months ahead from 10 origins (the last 10 years, one a year), each
time trained on the months before its origin only; MAE and MASE (scaled by seasonal naive's
in-sample error) with their spread over origins. One process per (model, seed). Writes the
rows, with the command, date and machine, to benchmarks/forecast.json for the README and
lesson 08.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "forecast.json"
NAMES = {"last": "last value", "snaive": "seasonal naive", "ets": "exponential smoothing",
         "lstm": "LSTM", "gru": "GRU", "lstm-recursive": "LSTM, recursive",
         "hybrid": "smoothing + LSTM on residuals"}
MODELS = tuple(NAMES)
COLUMNS = ("model", "seed", "origins", "MAE", "MAE ±", "MASE", "MASE ±", "seconds")
WINDOW, HORIZON, EPOCHS = 24, 12, 20  # lesson 08's full mode


def measure(name: str, seed: int, fast: bool) -> dict:
    """Walk-forward one model with one seed in this process; return its row."""
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config
    from lstm_helpers.core import forecasting
    from lstm_helpers.data.series import load_series
    from lstm_helpers.training.forecasting import course_forecasters

    config.set_seeds(seed)
    config.seed_keras(seed)
    series = load_series("co2")
    starts = forecasting.origins(len(series), HORIZON, 2 if fast else 10, min_train=240)
    forecaster = course_forecasters(series.season, WINDOW, HORIZON, 2 if fast else EPOCHS,
                                    seed)[NAMES[name]]
    began = time.perf_counter()
    rows = forecasting.walk_forward(series.values, {name: forecaster}, starts, HORIZON,
                                    series.season)
    (summary,) = forecasting.summarize(rows)
    return {**summary, "seed": seed, "seconds": round(time.perf_counter() - began, 1)}


def main() -> None:
    import bench_common

    for column in ("MAE", "MAE ±", "MASE", "MASE ±"):
        bench_common.FORMATS[column] = "{:.3f}"
    rows = bench_common.run(__file__, __doc__, MODELS, COLUMNS, measure, default_seeds="42")
    if rows:
        fast = "--fast" in sys.argv
        path = bench_common.write_results(
            ROOT / "artifacts" / "forecast-fast.json" if fast else RESULTS, rows, COLUMNS,
            script="tools/bench_forecast.py")
        print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
