"""Forecasters for lesson 10: an LSTM or GRU trained on windows of the history (direct: one
output per horizon step; recursive: one step, fed back), exponential smoothing from
statsmodels, and a hybrid of the two. Each is a callable ``forecaster(history, horizon)``
(see ``core.forecasting``) that learns from ``history`` alone, so walk-forward evaluation
cannot leak the future into its scaling or its training.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_choice, check_int, finite_array
from lstm_helpers.data.series import SeriesUnavailable

KINDS = ("lstm", "gru")

def make_windows(values: np.ndarray, window: int, horizon: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (input window, following horizon) pair of ``values``, cut by Keras's own
    ``timeseries_dataset_from_array``: x (n, window, 1), y (n, horizon)."""
    window = check_int("window", window, low=1)
    horizon = check_int("horizon", horizon, low=1)
    values = finite_array("values", values, ndim=1).astype(np.float32)
    span = window + horizon
    if len(values) < span:
        raise LabInputError(f"{len(values)} values cannot give one window of {window} and a "
                            f"horizon of {horizon}: shorten the window or the horizon.")
    import keras

    dataset = keras.utils.timeseries_dataset_from_array(
        values, targets=None, sequence_length=span, sequence_stride=1,
        batch_size=len(values), shuffle=False)
    pieces = np.concatenate([np.asarray(batch) for batch in dataset])
    return pieces[:, :window, None], pieces[:, window:]


def build_network(kind: str, window: int, outputs: int, units: int = 32):
    """Input (window, 1) → LSTM or GRU (named "lstm") → Dense(outputs), compiled."""
    check_choice("kind", kind, KINDS)
    check_int("window", window, low=1)
    check_int("outputs", outputs, low=1)
    check_int("units", units, low=1)
    import keras

    layers = {"lstm": keras.layers.LSTM, "gru": keras.layers.GRU}
    model = keras.Sequential([keras.Input((window, 1)), layers[kind](units, name="lstm"),
                              keras.layers.Dense(outputs, name="forecast")])
    model.compile(optimizer=keras.optimizers.Adam(3e-3, clipnorm=1.0), loss="mse")
    return model


@dataclass
class NeuralForecaster:
    """An LSTM (or GRU) that forecasts the *change from the window's last value*, in units of
    the history's typical one-step change: a trend that leaves the training range then needs
    no extrapolation of the raw level. The scale comes from the history alone.

    ``recursive=False`` (direct): one output per horizon step. ``recursive=True``: one step
    ahead, fed back ``horizon`` times.
    """

    kind: str = "lstm"
    window: int = 24
    horizon: int = 12
    units: int = 32
    epochs: int = 30
    recursive: bool = False
    seed: int = 42
    model: object = field(default=None, repr=False)  # the last trained network
    scale: float = field(default=1.0, repr=False)

    def __post_init__(self) -> None:
        check_choice("kind", self.kind, KINDS)
        for name in ("window", "horizon", "units", "epochs"):
            check_int(name, getattr(self, name), low=1)

    def fit(self, history: np.ndarray) -> NeuralForecaster:
        """Train a fresh network on windows of ``history`` (finite values only)."""
        history = finite_array("history", history, ndim=1,
                               hint="fill the gaps first (e.g. interpolate) or start after them.")
        outputs = 1 if self.recursive else self.horizon
        if len(history) < self.window + outputs + 1:
            raise LabInputError(f"history has {len(history)} values, too few for one window "
                                f"of {self.window} and {outputs} step(s) after it.")
        import keras

        self.scale = float(np.std(np.diff(history))) or 1.0  # fitted on the history only
        x, y = make_windows(history, self.window, outputs)
        last = x[:, -1:, 0]
        keras.utils.set_random_seed(self.seed)
        self.model = build_network(self.kind, self.window, outputs, self.units)
        self.model.fit((x - last[:, :, None]) / self.scale, (y - last) / self.scale,
                       epochs=self.epochs, batch_size=32, verbose=0, shuffle=True)
        return self

    def predict(self, history: np.ndarray, horizon: int) -> np.ndarray:
        """``horizon`` values after ``history`` from the trained network."""
        if self.model is None:
            raise LabInputError("this forecaster is not trained yet: call fit(history) first, "
                                "or call it as forecaster(history, horizon).")
        horizon = check_int("horizon", horizon, low=1)
        history = finite_array("history", history, ndim=1)
        if len(history) < self.window:
            raise LabInputError(f"history has {len(history)} values; the network reads "
                                f"windows of {self.window}.")
        recent = list(history[-self.window:])
        if not self.recursive:
            if horizon > self.horizon:
                raise LabInputError(f"this direct forecaster was trained for {self.horizon} "
                                    f"steps; got horizon={horizon}. Use recursive=True or "
                                    "train it for the longer horizon.")
            return self._step(recent)[:horizon]
        out = []
        for _ in range(horizon):
            nxt = float(self._step(recent)[0])
            out.append(nxt)
            recent = recent[1:] + [nxt]
        return np.array(out)

    def _step(self, recent: list[float]) -> np.ndarray:
        window = np.asarray(recent, np.float64)
        x = ((window - window[-1]) / self.scale)[None, :, None].astype(np.float32)
        return window[-1] + self.scale * np.asarray(self.model(x))[0].astype(np.float64)

    def __call__(self, history: np.ndarray, horizon: int) -> np.ndarray:
        return self.fit(history).predict(history, horizon)


@dataclass
class ExponentialSmoothingForecaster:
    """Holt-Winters exponential smoothing (statsmodels' ``ExponentialSmoothing``): additive
    trend (or none) and additive season, parameters fitted by maximum likelihood."""

    season: int
    trend: str | None = "add"
    fitted: object = field(default=None, repr=False)

    def __call__(self, history: np.ndarray, horizon: int) -> np.ndarray:
        import warnings

        check_int("season", self.season, low=2)
        check_int("horizon", horizon, low=1)
        history = finite_array("history", history, ndim=1,
                               hint="fill the gaps first (e.g. interpolate) or start after them.")
        if len(history) < 2 * self.season:
            raise LabInputError(f"history has {len(history)} values; Holt-Winters needs two "
                                f"full seasons ({2 * self.season}).")
        try:
            from statsmodels.tsa.holtwinters import ExponentialSmoothing
        except ImportError as err:
            raise SeriesUnavailable(
                "Exponential smoothing comes from statsmodels, which is not installed here: "
                "run `pip install statsmodels` (make lab installs it), then restart the "
                "kernel.") from err

        with warnings.catch_warnings():  # convergence chatter; the error table judges the fit
            warnings.simplefilter("ignore")
            self.fitted = ExponentialSmoothing(
                history, trend=self.trend, seasonal="add",
                seasonal_periods=self.season, initialization_method="estimated").fit()
        return np.asarray(self.fitted.forecast(horizon), np.float64)


@dataclass
class ResidualHybrid:
    """Exponential smoothing first, then a neural forecaster on what it left over (its
    in-sample residuals); the forecast is the sum. Smyl's M4 winner combined the two another
    way; this is the simplest version a learner can try."""

    statistical: ExponentialSmoothingForecaster
    neural: NeuralForecaster

    def __call__(self, history: np.ndarray, horizon: int) -> np.ndarray:
        base = self.statistical(history, horizon)
        fitted = np.asarray(self.statistical.fitted.fittedvalues, np.float64)
        residuals = np.asarray(history, np.float64) - fitted
        return base + self.neural(residuals, horizon)
