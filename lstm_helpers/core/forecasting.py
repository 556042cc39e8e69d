"""Forecast evaluation in NumPy: errors, the naive baselines, and walk-forward (rolling
origin) evaluation that never lets a forecaster see a value after its origin. Used in
lesson 08.

A *forecaster* is any function ``forecaster(history, horizon) -> forecast``: it receives
the series up to the origin (and nothing after it) and returns ``horizon`` values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

Forecaster = Callable[[np.ndarray, int], np.ndarray]


def mae(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean absolute error."""
    actual, forecast = np.asarray(actual, float), np.asarray(forecast, float)
    if actual.shape != forecast.shape:
        raise ValueError(f"actual {actual.shape} and forecast {forecast.shape} differ in shape.")
    return float(np.mean(np.abs(actual - forecast)))


def seasonal_naive_scale(history: np.ndarray, season: int) -> float:
    """The in-sample MAE of the seasonal-naive forecast (each value predicted by the value one
    season earlier): MASE's denominator (Hyndman & Koehler, 2006)."""
    history = np.asarray(history, float)
    if len(history) <= season:
        raise ValueError(f"MASE needs more than one season ({season} steps) of history.")
    scale = float(np.mean(np.abs(history[season:] - history[:-season])))
    if scale == 0:
        raise ValueError("the history repeats exactly every season, so MASE is undefined "
                         "(seasonal naive makes no error to scale by): report MAE instead.")
    return scale


def mase(actual: np.ndarray, forecast: np.ndarray, history: np.ndarray, season: int) -> float:
    """Mean absolute scaled error: the forecast's MAE over the seasonal-naive in-sample MAE.
    Below 1: better than repeating last season, on the history's own scale."""
    return mae(actual, forecast) / seasonal_naive_scale(history, season)


def last_value(history: np.ndarray, horizon: int) -> np.ndarray:
    """Repeat the last observed value."""
    return np.full(horizon, float(np.asarray(history)[-1]))


def seasonal_naive(season: int) -> Forecaster:
    """Repeat the last observed season."""
    def forecast(history: np.ndarray, horizon: int) -> np.ndarray:
        last = np.asarray(history, float)[-season:]
        return np.resize(last, horizon)  # repeats the season as often as needed
    return forecast


def origins(n: int, horizon: int, count: int, min_train: int) -> list[int]:
    """``count`` forecast origins, evenly spaced, the last one leaving exactly ``horizon``
    values to forecast, none with fewer than ``min_train`` values before it."""
    last = n - horizon
    first = max(min_train, last - (count - 1) * horizon)
    if first > last:
        raise ValueError(f"a series of {n} values cannot give {min_train} training values "
                         f"and a {horizon}-step forecast.")
    return sorted({int(round(v)) for v in np.linspace(first, last, count)})


def walk_forward(values: np.ndarray, forecasters: dict[str, Forecaster], starts: Sequence[int],
                 horizon: int, season: int, progress: Callable | None = None) -> list[dict]:
    """Forecast ``horizon`` steps from every origin in ``starts`` with every forecaster; one
    row per (forecaster, origin): MAE and MASE. Each forecaster gets a *copy* of the values
    before the origin, so it cannot read (or change) the future. ``progress(name, origin)`` is
    called before each forecast."""
    values = np.asarray(values, float)
    rows = []
    for name, forecaster in forecasters.items():
        for start in starts:
            if progress is not None:
                progress(name, start)
            actual = values[start:start + horizon]
            forecast = np.asarray(forecaster(values[:start].copy(), horizon), float).reshape(-1)
            if forecast.shape != (horizon,):
                raise ValueError(f"{name} returned {forecast.shape[0]} values for a "
                                 f"{horizon}-step horizon.")
            rows.append({"model": name, "origin": start, "forecast": forecast,
                         "MAE": mae(actual, forecast),
                         "MASE": mase(actual, forecast, values[:start], season)})
    return rows


def summarize(rows: list[dict]) -> list[dict]:
    """Mean and standard deviation over origins of MAE and MASE, per model, in first-seen
    order."""
    out: dict[str, dict] = {}
    for row in rows:
        out.setdefault(row["model"], {"model": row["model"], "MAE": [], "MASE": []})
        out[row["model"]]["MAE"].append(row["MAE"])
        out[row["model"]]["MASE"].append(row["MASE"])
    summary = []
    for item in out.values():
        mae_v, mase_v = np.array(item["MAE"]), np.array(item["MASE"])
        summary.append({"model": item["model"], "origins": len(mae_v),
                        "MAE": float(mae_v.mean()), "MAE ±": float(mae_v.std()),
                        "MASE": float(mase_v.mean()), "MASE ±": float(mase_v.std())})
    return summary
