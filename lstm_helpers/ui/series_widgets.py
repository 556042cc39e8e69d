"""Lesson 10's panels: window and horizon sliders over the series, and one LSTM unit's
gates stepped through a window on the cell diagram. Wiring only: the pictures are in
``viz``."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from lstm_helpers.core.errors import LabInputError, check_int, finite_array
from lstm_helpers.core.sequences import LSTMTrace
from lstm_helpers.ui.display import FallbackBox, live_figure, static_copy
from lstm_helpers.viz import cell_diagram, series_figures

STEP_MS = 400  # the Play widget's pace: 2.5 steps per second


def window_explorer(values: np.ndarray, labels: list[str], window: int = 24,
                    horizon: int = 12, unit: str = "") -> FallbackBox:
    """Sliders for the window length, the horizon and where the example starts; the figure
    moves in place. Every slider is bounded so a window and its horizon always fit.

    Raises LabInputError, before any widget is made, when the series is too short for the
    starting window and horizon, holds NaN, or has not one label per value. Used in lesson 10.
    """
    values = finite_array("values", values, ndim=1)
    n = len(values)
    if len(labels) != n:
        raise LabInputError(f"labels must give one label per value: {n} values, got "
                            f"{len(labels)} labels.")
    window = check_int("window", window, low=2)
    horizon = check_int("horizon", horizon, low=1)
    if window > n // 3 or horizon > max(1, n // 6) or window + horizon > n:
        raise LabInputError(
            f"a series of {n} values is too short to explore a window of {window} and a "
            f"horizon of {horizon}: the sliders allow a window up to a third of the series "
            f"({n // 3}) and a horizon up to a sixth ({n // 6}). Pick smaller ones or a "
            "longer series.")
    win = widgets.IntSlider(value=window, min=2, max=n // 3, description="window",
                            continuous_update=True)
    hor = widgets.IntSlider(value=horizon, min=1, max=n // 6, description="horizon",
                            continuous_update=True)
    start = widgets.IntSlider(value=0, min=0, max=n - window - horizon, description="start at",
                              continuous_update=True, layout={"width": "520px"})
    fig = go.FigureWidget(series_figures.windows_figure(values, labels, window, horizon, 0, unit))

    def redraw(_change: object = None) -> None:
        start.max = n - win.value - hor.value
        series_figures.update_windows_figure(fig, values, win.value, hor.value,
                                             min(start.value, start.max))

    for control in (win, hor, start):
        control.observe(redraw, names="value")
    box = FallbackBox([widgets.HBox([win, hor]), start, fig], lambda: static_copy(fig))
    box.window, box.horizon, box.start, box.figure = win, hor, start, fig
    return box


def gate_stepper(trace: LSTMTrace, unit: int, labels: list[str], title: str) -> FallbackBox:
    """One unit of the forecasting LSTM on the cell diagram, step by step through the window
    it read (▶ plays it): how much of c each step keeps and writes. Steps count from 1, on
    the slider as in the title. Used in lesson 10."""
    steps = trace.h.shape[1]
    play = widgets.Play(value=1, min=1, max=steps, step=1, interval=STEP_MS,
                        description="play")
    step = widgets.IntSlider(value=1, min=1, max=steps, description="step",
                             continuous_update=True, layout={"width": "480px"})
    widgets.jslink((play, "value"), (step, "value"))

    def values_at(t: int) -> dict:
        return cell_diagram.lstm_values_at(trace, t, unit, x_label=labels[t])

    fig = live_figure(cell_diagram.cell_figure(cell_diagram.LSTM, values_at(0),
                                               title=f"{title}, step 1: {labels[0]}"))

    def redraw(_change: object = None) -> None:
        t = step.value - 1  # the slider counts from 1, the arrays from 0
        cell_diagram.update_cell_figure(fig, cell_diagram.LSTM, values_at(t),
                                        title=f"{title}, step {t + 1}: {labels[t]}")

    step.observe(redraw, names="value")
    box = FallbackBox([widgets.HBox([play, step]), fig], lambda: static_copy(fig))
    box.play, box.step, box.figure = play, step, fig
    return box
