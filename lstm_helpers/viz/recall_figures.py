"""Lesson 03's figures: accuracy against the gap, and a trained LSTM's gates animated
token by token (plotly frames with play/pause and a step slider; no kernel needed to play).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.core.sequences import LSTMTrace
from lstm_helpers.viz.style import GATE_SCALE, PAIR, PALETTE, STATE_SCALE, colorbar, style

LINE_STYLES = ((PAIR[0], "dot", "circle"), (PALETTE[1], "dash", "diamond"),
               (PALETTE[4], "dashdot", "triangle-up"), (PAIR[1], "solid", "square"),
               (PALETTE[2], "longdash", "x"))


def accuracy_vs_length_figure(results: dict[str, dict[int, float]], chance: float) -> go.Figure:
    """Test accuracy against the number of distractors, one line per model, each with its
    own colour, dash and marker. Used in lesson 03."""
    fig = go.Figure()
    for k, (kind, by_length) in enumerate(results.items()):
        color, dash, symbol = LINE_STYLES[k % len(LINE_STYLES)]
        lengths = sorted(by_length)
        fig.add_scatter(x=lengths, y=[by_length[n] for n in lengths], name=kind,
                        mode="lines+markers", line={"color": color, "width": 3, "dash": dash},
                        marker={"size": 10, "symbol": symbol})
    fig.add_hline(y=chance, line_dash="dot", annotation_text=f"chance ({chance:.0%})")
    return style(fig, height=380, margin={"t": 50},
                 title="Recall the first symbol after N distractors",
                 xaxis_title="distractors N between the symbol and the question",
                 yaxis={"title": "test accuracy", "range": [0, 1.05], "tickformat": ".0%"})


ROWS = (("i", "input gate i: how much is written (bright = open)", GATE_SCALE, 0.0, 1.0),
        ("f", "forget gate f: how much is kept (bright = open)", GATE_SCALE, 0.0, 1.0),
        ("c", "cell state c: the memory (blue +, red −)", STATE_SCALE, -3.0, 3.0))
# Heatmaps cannot be tweened: a non-zero transition blanks them while a frame plays.
PLAY = {"frame": {"duration": 350, "redraw": True}, "transition": {"duration": 0},
        "fromcurrent": True, "mode": "immediate"}
STEP = {"frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0},
        "mode": "immediate"}


def _revealed(values: np.ndarray, upto: int) -> np.ndarray:
    shown = values.astype(float).copy()
    shown[:, upto + 1:] = np.nan
    return shown


def _revealed_list(values: np.ndarray, upto: int) -> list[list[float | None]]:
    """``_revealed`` with None for the hidden cells: a widget's state and messages must be
    valid JSON (a NaN in a ``FigureWidget`` made lesson 03 show "Message serialization
    failed … Out of range float values are not JSON compliant")."""
    return [[float(v) if t <= upto else None for t, v in enumerate(row)] for row in values]


def _unit_rows(trace: LSTMTrace, units: np.ndarray) -> dict[str, np.ndarray]:
    return {name: getattr(trace, name)[0][:, units].T for name, *_ in ROWS}  # (units, steps)


def gate_steps_figure(tokens: list[str], trace: LSTMTrace, probs: np.ndarray,
                      classes: tuple[str, ...], units: np.ndarray, upto: int = 0) -> go.Figure:
    """Heatmaps of i, f and c (units × tokens) and the prediction after each token, shown
    up to token ``upto``; ``update_gate_steps_figure`` moves it on in place (a slider or a
    Play widget drives it). Used in lesson 03."""
    data = _unit_rows(trace, units)
    fig = make_subplots(4, 1, shared_xaxes=True, vertical_spacing=0.05,
                        subplot_titles=[r[1] for r in ROWS] + ["prediction after each token"])
    for row, (name, _, scale, low, high) in enumerate(ROWS, start=1):
        domain = fig.get_subplot(row, 1).yaxis.domain
        fig.add_heatmap(z=_revealed_list(data[name], upto), x=list(range(len(tokens))),
                        y=[f"unit {u}" for u in units], colorscale=scale, zmin=low, zmax=high,
                        colorbar=colorbar(name, y=sum(domain) / 2, len=domain[1] - domain[0]),
                        row=row, col=1, hovertemplate="%{y}: %{z:.2f}<extra></extra>")
    for k, label in enumerate(classes):
        fig.add_scatter(x=list(range(upto + 1)), y=probs[0, : upto + 1, k], name=f"P({label})",
                        mode="lines+markers", line={"color": PALETTE[k % len(PALETTE)]},
                        marker={"symbol": ("circle", "square", "diamond", "triangle-up")[k % 4]},
                        row=4, col=1)
    style(fig, height=760, margin={"t": 60, "b": 90, "r": 130},
          legend={"x": 1.02, "y": 0.0, "yanchor": "bottom"})
    _token_axis(fig, tokens)
    _unit_axes(fig, units)
    fig.update_yaxes(range=[-0.02, 1.02], title="probability", row=4, col=1)
    return fig


MAX_TOKEN_LABELS = 40  # more labels than this smear into one another; the hover has all


def _token_axis(fig: go.Figure, tokens: list[str]) -> None:
    """Every token labelled up to ``MAX_TOKEN_LABELS``, then every k-th one (the first
    symbol, at 0, always)."""
    step = max(1, -(-len(tokens) // MAX_TOKEN_LABELS))
    ticks = list(range(0, len(tokens), step))
    fig.update_xaxes(tickvals=ticks, ticktext=[tokens[t] for t in ticks],
                     range=[-0.5, len(tokens) - 0.5])


def _unit_axes(fig: go.Figure, units: np.ndarray) -> None:
    """Name every unit row (plotly drops every other category label when rows are short)."""
    names = [f"unit {u}" for u in units]
    for row in range(1, len(ROWS) + 1):
        fig.update_yaxes(tickmode="array", tickvals=names, ticktext=names, row=row, col=1)


def update_gate_steps_figure(fig: go.Figure, tokens: list[str], trace: LSTMTrace,
                             probs: np.ndarray, units: np.ndarray, upto: int) -> None:
    """Show a ``gate_steps_figure`` up to token ``upto`` (a new sequence may come with it)."""
    data = _unit_rows(trace, units)
    with fig.batch_update():
        for trace_k, (name, *_) in zip(fig.data, ROWS, strict=False):
            trace_k.z = _revealed_list(data[name], upto)
            trace_k.x = list(range(len(tokens)))
            trace_k.y = [f"unit {u}" for u in units]
        for k, line in enumerate(fig.data[len(ROWS):]):
            line.x, line.y = list(range(upto + 1)), probs[0, : upto + 1, k]
        _token_axis(fig, tokens)
        _unit_axes(fig, units)


def gate_animation_figure(tokens: list[str], trace: LSTMTrace, probs: np.ndarray,
                          classes: tuple[str, ...], units: np.ndarray) -> go.Figure:
    """``gate_steps_figure`` with plotly frames, a play/pause button and a step slider: it
    plays in any browser, no kernel needed. Used in lesson 03."""
    fig = gate_steps_figure(tokens, trace, probs, classes, units, upto=0)
    data = _unit_rows(trace, units)
    frames = []
    for t in range(len(tokens)):
        traces = [go.Heatmap(z=_revealed(data[name], t)) for name, *_ in ROWS]
        traces += [go.Scatter(x=list(range(t + 1)), y=probs[0, : t + 1, k])
                   for k in range(len(classes))]
        frames.append(go.Frame(data=traces, name=str(t), traces=list(range(len(traces)))))
    fig.frames = frames
    fig.update_layout(
        updatemenus=[{"type": "buttons", "x": 0, "y": 1.09, "direction": "left", "buttons": [
            {"label": "▶ play", "method": "animate", "args": [None, PLAY]},
            {"label": "❚❚ pause", "method": "animate", "args": [[None], STEP]}]}],
        sliders=[{"active": 0, "y": -0.02, "currentvalue": {"prefix": "token "},
                  "steps": [{"label": f"{t}:{tok}", "method": "animate",
                             "args": [[str(t)], STEP]} for t, tok in enumerate(tokens)]}])
    return fig
