"""Lesson 10's forecasting helpers against hand computations and Keras: windows, MASE, the
naive baselines, walk-forward evaluation that cannot leak the future, the forecasters, the
look inside, and the build check."""

import sys

import numpy as np
import pytest

from lstm_helpers.core import forecasting
from lstm_helpers.core.sequences import LSTMTrace
from lstm_helpers.course import build_checks
from lstm_helpers.data import series as series_data
from lstm_helpers.models.forecasters import (
    ExponentialSmoothingForecaster,
    NeuralForecaster,
    ResidualHybrid,
    make_windows,
)
from lstm_helpers.training.forecasting import unit_correlations, window_trace


def synthetic(n=120, season=12):
    t = np.arange(n, dtype=float)
    return 300 + 0.1 * t + 2 * np.sin(2 * np.pi * t / season)


def test_windows_are_every_slice_in_order():
    values = np.arange(10.0)
    x, y = make_windows(values, window=4, horizon=2)
    assert x.shape == (5, 4, 1) and y.shape == (5, 2)
    for i in range(5):
        np.testing.assert_array_equal(x[i, :, 0], values[i:i + 4])
        np.testing.assert_array_equal(y[i], values[i + 4:i + 6])
    with pytest.raises(ValueError, match="shorten the window"):
        make_windows(values, window=8, horizon=3)


def test_mase_is_mae_over_the_seasonal_naive_in_sample_error():
    history = np.array([1.0, 2.0, 4.0, 3.0, 5.0, 8.0])  # season 2: |4-1|, |3-2|, |5-4|, |8-3|
    scale = (3 + 1 + 1 + 5) / 4
    actual, forecast = np.array([6.0, 9.0]), np.array([7.0, 7.0])
    assert forecasting.mase(actual, forecast, history, 2) == pytest.approx(1.5 / scale)
    with pytest.raises(ValueError, match="more than one season"):
        forecasting.mase(actual, forecast, history[:2], 2)
    with pytest.raises(ValueError, match="MASE is undefined"):
        forecasting.mase(actual, forecast, np.array([1.0, 2.0, 1.0, 2.0]), 2)


def test_naive_forecasts():
    history = np.array([1.0, 2.0, 3.0, 10.0, 20.0, 30.0])
    np.testing.assert_array_equal(forecasting.last_value(history, 2), [30.0, 30.0])
    np.testing.assert_array_equal(forecasting.seasonal_naive(3)(history, 5),
                                  [10.0, 20.0, 30.0, 10.0, 20.0])


def test_origins_leave_room_for_training_and_the_horizon():
    starts = forecasting.origins(100, horizon=12, count=4, min_train=40)
    assert starts[-1] == 88 and starts[0] >= 40 and len(starts) == 4
    with pytest.raises(ValueError, match="cannot give"):
        forecasting.origins(30, horizon=12, count=2, min_train=25)


def test_walk_forward_never_shows_a_forecaster_the_future():
    values = synthetic()
    seen = []

    def peeking(history, horizon):
        seen.append(len(history))
        history[:] = 0  # a forecaster that scribbles on its input changes nothing outside
        return np.zeros(horizon)

    starts = [60, 84]
    forecasting.walk_forward(values, {"peek": peeking}, starts, 12, 12)
    assert seen == starts
    np.testing.assert_array_equal(values, synthetic())


@pytest.mark.slow
def test_a_trained_forecaster_gives_the_same_forecast_whatever_the_future_holds():
    """The check that would catch scaling or training on values after the origin."""
    values = synthetic(96)
    changed = values.copy()
    changed[72:] *= 10  # a wildly different future
    make = lambda: NeuralForecaster("lstm", window=12, horizon=6, units=4, epochs=2)  # noqa: E731
    a = forecasting.walk_forward(values, {"lstm": make()}, [72], 6, 12)[0]["forecast"]
    b = forecasting.walk_forward(changed, {"lstm": make()}, [72], 6, 12)[0]["forecast"]
    np.testing.assert_allclose(a, b, rtol=1e-5)
    forecaster = make().fit(values[:72])
    assert forecaster.scale == pytest.approx(np.std(np.diff(values[:72])))


@pytest.mark.slow
def test_direct_and_recursive_forecasts_have_the_horizon_asked_for():
    values = synthetic(80)
    direct = NeuralForecaster("gru", window=12, horizon=6, units=4, epochs=1)
    recursive = NeuralForecaster("lstm", window=12, horizon=6, units=4, epochs=1, recursive=True)
    assert direct(values, 6).shape == (6,)
    assert recursive(values, 9).shape == (9,)
    with pytest.raises(ValueError, match="trained for 6 steps"):
        direct.predict(values, 7)


@pytest.mark.slow
def test_exponential_smoothing_and_the_hybrid_beat_seasonal_naive_on_trend_and_season():
    values = synthetic(144)
    starts = [108, 120, 132]
    ets = ExponentialSmoothingForecaster(12)
    hybrid = ResidualHybrid(ExponentialSmoothingForecaster(12),
                            NeuralForecaster("lstm", window=12, horizon=12, units=4, epochs=2))
    rows = forecasting.walk_forward(values, {"ets": ets, "hybrid": hybrid,
                                             "naive": forecasting.seasonal_naive(12)},
                                    starts, 12, 12)
    mean = {r["model"]: r["MASE"] for r in forecasting.summarize(rows)}
    assert mean["ets"] < 0.1 < mean["naive"]  # a noiseless trend + season: ETS is near exact
    assert mean["hybrid"] < mean["naive"]
    assert build_checks.check_forecaster(ets, values, starts, 12, 12)
    failed = build_checks.check_forecaster(forecasting.seasonal_naive(12), values, starts, 12, 12)
    assert not failed and "not below" in str(failed)
    assert not build_checks.check_forecaster(lambda h, n: [1.0], values, starts, 12, 12)


def test_summarize_gives_mean_and_spread_over_origins():
    rows = [{"model": "m", "MAE": 1.0, "MASE": 0.5}, {"model": "m", "MAE": 3.0, "MASE": 1.5}]
    (row,) = forecasting.summarize(rows)
    assert row["MAE"] == 2.0 and row["MAE ±"] == 1.0 and row["MASE"] == 1.0 and row["origins"] == 2


def test_unit_correlations_find_a_seasonal_and_a_trend_unit():
    ends = np.arange(48)
    h = np.stack([np.sin(2 * np.pi * ends / 12), ends / 48.0, np.zeros(48) + 0.1], axis=1)
    trace = LSTMTrace(h=h[:, None, :], c=h[:, None, :], i=h[:, None, :], f=h[:, None, :],
                      g=h[:, None, :], o=h[:, None, :])
    found = unit_correlations(ends, trace, 12)
    assert found["seasonal"].argmax() == 0 and found["seasonal"][0] > 0.99
    assert found["trend"].argmax() == 1 and found["trend"][1] > 0.99


@pytest.mark.slow
def test_the_numpy_look_inside_equals_the_keras_network():
    values = synthetic(60)
    forecaster = NeuralForecaster("lstm", window=12, horizon=3, units=4, epochs=1).fit(values)
    trace = window_trace(forecaster, values, 60)
    window = values[48:60]
    x = ((window - window[-1]) / forecaster.scale)[None, :, None].astype("float32")
    keras_h = np.asarray(forecaster.model.get_layer("lstm")(x))
    np.testing.assert_allclose(trace.final_h, keras_h, atol=1e-5)


def test_series_load_offline_and_fail_clearly(monkeypatch):
    co2 = series_data.load_series("co2")
    assert len(co2) == 526 and co2.season == 12 and co2.labels[0] == "1958-03"
    assert not np.isnan(co2.values).any()
    assert series_data.load_series("sunspots").season == 11
    with pytest.raises(ValueError, match="one of 'co2', 'sunspots'"):
        series_data.load_series("temperature")
    monkeypatch.setitem(sys.modules, "statsmodels", None)
    with pytest.raises(series_data.SeriesUnavailable, match="pip install statsmodels"):
        series_data.load_series("co2")


def test_an_unwritten_forecaster_is_unanswered_not_wrong():
    def my_forecaster(history, horizon):
        ...

    result = build_checks.check_forecaster(my_forecaster, synthetic(), [96], 12, 12)
    assert "function" in str(result) and "Not yet" not in str(result)
