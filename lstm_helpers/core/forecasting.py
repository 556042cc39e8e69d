"""Forecast evaluation in NumPy: errors, the naive baselines, and walk-forward (rolling
origin) evaluation that never lets a forecaster see a value after its origin. Used in
lesson 10.

A *forecaster* is any function ``forecaster(history, horizon) -> forecast``: it receives
the series up to the origin (and nothing after it) and returns ``horizon`` values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from lstm_helpers.core.errors import LabInputError, LabTypeError, check_int, finite_array

Forecaster = Callable[[np.ndarray, int], np.ndarray]


def mae(actual: np.ndarray, forecast: np.ndarray) -> float:
    """Mean absolute error."""
    actual, forecast = finite_array("actual", actual), finite_array("forecast", forecast)
    if actual.shape != forecast.shape:
        raise LabInputError(f"actual {actual.shape} and forecast {forecast.shape} differ in "
                            "shape: give one forecast per actual value.")
    return float(np.mean(np.abs(actual - forecast)))


def seasonal_naive_scale(history: np.ndarray, season: int) -> float:
    """The in-sample MAE of the seasonal-naive forecast (each value predicted by the value one
    season earlier): MASE's denominator (Hyndman & Koehler, 2006)."""
    season = check_int("season", season, low=1, hint="It is the number of steps per season, "
                       "e.g. 12 for monthly data.")
    history = finite_array("history", history, ndim=1)
    if len(history) <= season:
        raise LabInputError(f"MASE needs more than one season ({season} steps) of history; "
                            f"got {len(history)} values.")
    scale = float(np.mean(np.abs(history[season:] - history[:-season])))
    if scale == 0:
        raise LabInputError("the history repeats exactly every season, so MASE is undefined "
                            "(seasonal naive makes no error to scale by): report MAE instead.")
    return scale


def mase(actual: np.ndarray, forecast: np.ndarray, history: np.ndarray, season: int) -> float:
    """Mean absolute scaled error: the forecast's MAE over the seasonal-naive in-sample MAE.
    Below 1: better than repeating last season, on the history's own scale."""
    return mae(actual, forecast) / seasonal_naive_scale(history, season)


def last_value(history: np.ndarray, horizon: int) -> np.ndarray:
    """Repeat the last observed value."""
    horizon = check_int("horizon", horizon, low=1)
    history = finite_array("history", history, ndim=1)
    if history.size == 0:
        raise LabInputError("history is empty: a forecast needs at least one past value.")
    return np.full(horizon, float(history[-1]))


def seasonal_naive(season: int) -> Forecaster:
    """Repeat the last observed season (``season`` steps, at least 1). Used in lesson 10."""
    season = check_int("season", season, low=1, hint="It is the number of steps per season, "
                       "e.g. 12 for monthly data.")

    def forecast(history: np.ndarray, horizon: int) -> np.ndarray:
        horizon = check_int("horizon", horizon, low=1)
        history = finite_array("history", history, ndim=1)
        if len(history) < season:
            raise LabInputError(f"history has {len(history)} values, less than one season of "
                                f"{season}: seasonal naive has no season to repeat.")
        return np.resize(history[-season:], horizon)  # repeats the season as needed
    return forecast


def origins(n: int, horizon: int, count: int, min_train: int) -> list[int]:
    """``count`` forecast origins, evenly spaced, the last one leaving exactly ``horizon``
    values to forecast, none with fewer than ``min_train`` values before it."""
    n, horizon = check_int("n", n, low=1), check_int("horizon", horizon, low=1)
    count, min_train = check_int("count", count, low=1), check_int("min_train", min_train, low=1)
    last = n - horizon
    first = max(min_train, last - (count - 1) * horizon)
    if first > last:
        raise LabInputError(f"a series of {n} values cannot give {min_train} training values "
                            f"and a {horizon}-step forecast.")
    return sorted({int(round(v)) for v in np.linspace(first, last, count)})


def walk_forward(values: np.ndarray, forecasters: dict[str, Forecaster], starts: Sequence[int],
                 horizon: int, season: int, progress: Callable | None = None) -> list[dict]:
    """Forecast ``horizon`` steps from every origin in ``starts`` with every forecaster; one
    row per (forecaster, origin): MAE and MASE. Each forecaster gets a *copy* of the values
    before the origin, so it cannot read (or change) the future. ``progress(name, origin)`` is
    called before each forecast. Used in lesson 10."""
    values = finite_array("values", values, ndim=1)
    horizon = check_int("horizon", horizon, low=1)
    season = check_int("season", season, low=1, hint="e.g. 12 for monthly data.")
    starts = _check_starts(starts, len(values), horizon, season)
    if not isinstance(forecasters, dict) or not all(map(callable, forecasters.values())):
        raise LabTypeError("forecasters must be a dict of name → function(history, horizon).")
    rows = []
    for name, forecaster in forecasters.items():
        for start in starts:
            if progress is not None:
                progress(name, start)
            actual = values[start:start + horizon]
            forecast = np.asarray(forecaster(values[:start].copy(), horizon), float).reshape(-1)
            if forecast.shape != (horizon,):
                raise LabInputError(f"{name!r} returned {forecast.shape[0]} values for a "
                                    f"{horizon}-step horizon.")
            if not np.isfinite(forecast).all():
                raise LabInputError(f"{name!r} returned NaN or infinite values from origin "
                                    f"{start}: its forecast cannot be scored. Check its "
                                    "training (a diverged model) or its arithmetic.")
            rows.append({"model": name, "origin": start, "forecast": forecast,
                         "MAE": mae(actual, forecast),
                         "MASE": mase(actual, forecast, values[:start], season)})
    return rows


def _check_starts(starts: Sequence[int], n: int, horizon: int, season: int) -> list[int]:
    """The origins as ints, each leaving ``horizon`` values after it and more than one
    season before it (MASE's scale), or a LabInputError naming the first that does not."""
    if isinstance(starts, str | bytes) or not hasattr(starts, "__iter__"):
        raise LabTypeError(f"starts must be a list of origins (indices); got "
                           f"{type(starts).__name__}.")
    starts = [check_int("each origin in starts", s) for s in starts]
    if not starts:
        raise LabInputError("starts must name at least one origin; origins() makes them.")
    for start in starts:
        if start + horizon > n:
            raise LabInputError(f"origin {start} leaves fewer than the {horizon}-step horizon "
                                f"in a series of {n} values: use origins() to place them.")
        if start <= season:
            raise LabInputError(f"origin {start} leaves no more than one season ({season} "
                                "steps) of history, which MASE needs: start later.")
    return starts


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
