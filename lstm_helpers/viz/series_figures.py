"""Lesson 10's figures: the series with its windows, forecasts from one origin, the error
table as a chart, and hidden units under the series. Pure: numbers in, plotly figure out
(plus an in-place updater for the window explorer)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.viz.style import (
    BLUE,
    GREY,
    ORANGE,
    PALETTE,
    STATE_SCALE,
    VERMILLION,
    colorbar,
    style,
)


def _window_traces(values: np.ndarray, window: int, horizon: int, start: int) -> list[dict]:
    """The window (what the network reads) and the horizon (what it must forecast)."""
    w = np.arange(start, start + window)
    h = np.arange(start + window, start + window + horizon)
    return [{"x": w.tolist(), "y": values[w].tolist()}, {"x": h.tolist(), "y": values[h].tolist()}]


def windows_figure(values: np.ndarray, labels: list[str], window: int, horizon: int,
                   start: int, unit: str = "") -> go.Figure:
    """The series (grey) with one training example on it: the input window (blue, thick) and
    the horizon it must forecast (orange, dotted markers)."""
    fig = go.Figure()
    fig.add_scatter(x=list(range(len(values))), y=values, mode="lines", name="series",
                    line={"color": GREY, "width": 1})
    win, hor = _window_traces(values, window, horizon, start)
    fig.add_scatter(**win, mode="lines", name=f"input window ({window} steps)",
                    line={"color": BLUE, "width": 4})
    fig.add_scatter(**hor, mode="lines+markers", name=f"horizon ({horizon} steps)",
                    line={"color": ORANGE, "width": 2, "dash": "dot"}, marker={"size": 6})
    _tick_labels(fig, labels)
    return style(fig, title=_window_title(window, horizon, len(values)), height=330,
                 yaxis_title=unit, legend={"orientation": "h", "y": -0.25})


def update_windows_figure(fig: go.Figure, values: np.ndarray, window: int, horizon: int,
                          start: int) -> None:
    """Move the window and horizon in place (the explorer's sliders)."""
    win, hor = _window_traces(values, window, horizon, start)
    with fig.batch_update():
        fig.data[1].update(**win, name=f"input window ({window} steps)")
        fig.data[2].update(**hor, name=f"horizon ({horizon} steps)")
        fig.layout.title.text = _window_title(window, horizon, len(values))


def _window_title(window: int, horizon: int, n: int) -> str:
    count = n - window - horizon + 1
    return f"One training example: read {window}, forecast {horizon} ({count:,} windows)"


def _tick_labels(fig: go.Figure, labels: list[str], every: int | None = None) -> None:
    every = every or max(1, len(labels) // 10)
    ticks = list(range(0, len(labels), every))
    fig.update_xaxes(tickvals=ticks, ticktext=[labels[t] for t in ticks])


def forecasts_figure(values: np.ndarray, labels: list[str], rows: list[dict], origin: int,
                     horizon: int, context: int | None = None, unit: str = "") -> go.Figure:
    """What each model forecast from one origin, against what happened: ``context`` steps
    of history (two horizons by default, so the forecasts take a third of the width, not a
    sliver), labelled about every eighth of the visible steps."""
    context = 2 * horizon if context is None else context
    lo = max(0, origin - context)
    fig = go.Figure()
    seen = np.arange(lo, origin)
    fig.add_scatter(x=seen.tolist(), y=values[seen], mode="lines", name="history",
                    line={"color": GREY, "width": 2})
    future = np.arange(origin, origin + horizon)
    fig.add_scatter(x=future.tolist(), y=values[future], mode="lines+markers",
                    name="what happened", line={"color": "black", "width": 3})
    dashes = ("dash", "dot", "dashdot", "longdash", "longdashdot", "solid")
    for k, row in enumerate(r for r in rows if r["origin"] == origin):
        fig.add_scatter(x=future.tolist(), y=row["forecast"], mode="lines",
                        name=f"{row['model']} (MASE {row['MASE']:.2f})",
                        line={"color": PALETTE[k % len(PALETTE)], "dash": dashes[k % 6]})
    fig.add_vline(x=origin - 0.5, line={"color": GREY, "dash": "dot"})
    shown = range(lo, min(origin + horizon, len(labels)), max(1, (origin + horizon - lo) // 8))
    fig.update_xaxes(tickvals=list(shown), ticktext=[labels[t] for t in shown],
                     range=[lo - 0.5, origin + horizon - 0.5])
    return style(fig, title=f"Forecasts from {labels[origin]} (left of the dotted line: "
                 "all the models saw)", height=380, yaxis_title=unit)


def error_chart(summary: list[dict]) -> go.Figure:
    """Mean MASE per model with its spread over origins; the line at 1 is seasonal naive's
    in-sample error, so a bar below it beats repeating last season."""
    names = [row["model"] for row in summary]
    fig = go.Figure(go.Bar(
        x=names, y=[row["MASE"] for row in summary],
        error_y={"type": "data", "array": [row["MASE ±"] for row in summary]},
        marker={"color": [VERMILLION if row["MASE"] >= 1 else BLUE for row in summary]},
        hovertemplate="%{x}: MASE %{y:.3f}<extra></extra>"))
    for row in summary:  # each label above its whisker's top, where no whisker crosses it
        fig.add_annotation(x=row["model"], y=row["MASE"] + (row["MASE ±"] or 0.0),
                           text=f"{row['MASE']:.2f}", showarrow=False, yanchor="bottom",
                           yshift=2)
    top = max(row["MASE"] + (row["MASE ±"] or 0.0) for row in summary) if summary else 1.0
    fig.add_hline(y=1.0, line={"color": GREY, "dash": "dash"})
    fig.add_annotation(xref="paper", x=1.01, xanchor="left", y=1.0, showarrow=False,
                       text="← 1 = seasonal naive's<br>in-sample error", align="left",
                       font={"color": GREY})  # right of the bars: no label or whisker under it
    return style(fig, title="MASE over forecast origins (lower is better; bars: mean ± std)",
                 height=360, margin={"r": 170},
                 yaxis={"title": "MASE", "range": [0, max(top, 1.0) * 1.15]})


def units_figure(values: np.ndarray, labels: list[str], ends: np.ndarray, states: np.ndarray,
                 units: list[int], notes: list[str]) -> go.Figure:
    """The series on top; below it, the chosen units' final states for the window ending at
    each step (what the network carries into a forecast made there)."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.4, 0.6],
                        vertical_spacing=0.08,
                        subplot_titles=["the series", "hidden state h of chosen units, "
                                        "at the end of the window that ends at each step"])
    fig.add_scatter(x=list(range(len(values))), y=values, mode="lines", name="series",
                    line={"color": GREY}, row=1, col=1)
    fig.add_heatmap(x=(np.asarray(ends) - 1).tolist(), y=notes, z=states[:, units].T,
                    colorscale=STATE_SCALE, zmid=0, colorbar=colorbar("h", y=0.3, len=0.6),
                    row=2, col=1)
    _tick_labels(fig, labels)
    fig.update_xaxes(tickvals=fig.layout.xaxis.tickvals, ticktext=fig.layout.xaxis.ticktext,
                     row=2, col=1)
    return style(fig, title="Inside the forecasting LSTM", height=460, showlegend=False)
