"""Walk-forward evaluation of lesson 10's forecasters with a progress bar, and the look
inside a trained forecasting LSTM (its units over the whole series, in NumPy)."""

from __future__ import annotations

import numpy as np

from lstm_helpers.core import forecasting
from lstm_helpers.core.sequences import LSTMTrace, run_lstm
from lstm_helpers.models.bridge import weights_from_keras
from lstm_helpers.training.callbacks import progress_bar


def evaluate(forecasters: dict, values: np.ndarray, starts: list[int], horizon: int,
             season: int) -> list[dict]:
    """``core.forecasting.walk_forward`` with a bar that names the model and origin."""
    bar = progress_bar(len(forecasters) * len(starts), "walk-forward", "forecast")

    def progress(name: str, origin: int) -> None:
        if bar.n or progress.started:
            bar.update(1)
        progress.started = True
        bar.set_postfix_str(f"{name} from step {origin}")

    progress.started = False
    try:
        rows = forecasting.walk_forward(values, forecasters, starts, horizon, season, progress)
        bar.update(1)
    finally:
        bar.close()
    return rows


def window_inputs(forecaster, values: np.ndarray, end: int) -> np.ndarray:
    """The input the forecaster's network reads for the window ending just before ``end``:
    the window's values minus its last value, in the forecaster's scale, shape (1, window, 1)."""
    window = np.asarray(values, np.float64)[end - forecaster.window:end]
    return ((window - window[-1]) / forecaster.scale)[None, :, None]


def window_trace(forecaster, values: np.ndarray, end: int) -> LSTMTrace:
    """Every gate and state of a trained ``NeuralForecaster``'s LSTM, run in NumPy, over the
    window it reads to forecast from ``end``."""
    return run_lstm(window_inputs(forecaster, values, end),
                    weights_from_keras(forecaster.model.get_layer("lstm")))


def states_along_series(forecaster, values: np.ndarray) -> tuple[np.ndarray, LSTMTrace]:
    """The LSTM's final state for every window of the series, as the network would read it
    to forecast from each step: (window ends, trace over a batch of all windows)."""
    ends = np.arange(forecaster.window, len(values) + 1)
    batch = np.concatenate([window_inputs(forecaster, values, e) for e in ends])
    return ends, run_lstm(batch, weights_from_keras(forecaster.model.get_layer("lstm")))


def unit_correlations(ends: np.ndarray, trace: LSTMTrace, season: int) -> dict[str, np.ndarray]:
    """How strongly each unit's final state (one per window, ``states_along_series``) follows
    the seasonal phase (the larger |correlation| with a sine or a cosine of the season) and
    the trend (|correlation| with the step number)."""
    h = trace.final_h  # (windows, units)
    t = np.asarray(ends, float)
    phase = 2 * np.pi * t / season

    def corr(a, b):
        a, b = a - a.mean(), b - b.mean()
        denom = np.sqrt((a**2).sum() * (b**2).sum())
        return float((a * b).sum() / denom) if denom else 0.0

    seasonal = np.array([max(abs(corr(h[:, u], np.sin(phase))), abs(corr(h[:, u], np.cos(phase))))
                         for u in range(h.shape[1])])
    trend = np.array([abs(corr(h[:, u], t.astype(float))) for u in range(h.shape[1])])
    return {"seasonal": seasonal, "trend": trend}


def course_forecasters(season: int, window: int, horizon: int, epochs: int, seed: int = 42,
                       units: int = 32, trend: str | None = "add") -> dict:
    """Lesson 10's contestants, by name: two naive baselines, exponential smoothing, the LSTM
    and the GRU (direct), the LSTM fed back one step at a time, and the residual hybrid."""
    from lstm_helpers.models.forecasters import (
        ExponentialSmoothingForecaster,
        NeuralForecaster,
        ResidualHybrid,
    )

    def neural(kind: str, recursive: bool = False) -> NeuralForecaster:
        return NeuralForecaster(kind, window, horizon, units, epochs, recursive, seed)

    return {"last value": forecasting.last_value,
            "seasonal naive": forecasting.seasonal_naive(season),
            "exponential smoothing": ExponentialSmoothingForecaster(season, trend),
            "LSTM": neural("lstm"),
            "GRU": neural("gru"),
            "LSTM, recursive": neural("lstm", recursive=True),
            "smoothing + LSTM on residuals": ResidualHybrid(
                ExponentialSmoothingForecaster(season, trend), neural("lstm"))}
