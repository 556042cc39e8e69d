"""Animated figures: the gates and cell state of a trained LSTM, token by token.

Plotly frames with play/pause and a step slider; they need no kernel to play. Lesson 03.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.sequences import LSTMTrace

ROWS = (("i", "input gate i: how much is written", "Greens", 0.0, 1.0),
        ("f", "forget gate f: how much is kept", "Reds_r", 0.0, 1.0),
        ("c", "cell state c: the memory", "RdBu", -3.0, 3.0))


def most_active_units(trace: LSTMTrace, k: int) -> np.ndarray:
    """The ``k`` units whose cell state moves most over the sequence (by mean |c|)."""
    activity = np.abs(trace.c[0]).mean(axis=0)
    return np.sort(np.argsort(activity)[::-1][:k])


def _revealed(values: np.ndarray, upto: int) -> np.ndarray:
    shown = values.astype(float).copy()
    shown[:, upto + 1:] = np.nan
    return shown


def gate_animation_figure(tokens: list[str], trace: LSTMTrace, probs: np.ndarray,
                          classes: tuple[str, ...], units: np.ndarray) -> go.Figure:
    """Heatmaps of i, f and c (units × tokens) and the prediction after each token, animated."""
    steps = len(tokens)
    data = {name: getattr(trace, name)[0][:, units].T for name, *_ in ROWS}  # (units, steps)
    fig = make_subplots(4, 1, shared_xaxes=True, vertical_spacing=0.05,
                        subplot_titles=[r[1] for r in ROWS] + ["prediction after each token"])
    for row, (name, _, scale, low, high) in enumerate(ROWS, start=1):
        fig.add_heatmap(z=_revealed(data[name], 0), x=list(range(steps)),
                        y=[f"unit {u}" for u in units], colorscale=scale, zmin=low, zmax=high,
                        showscale=False, row=row, col=1,
                        hovertemplate="%{y}: %{z:.2f}<extra></extra>")
    colors = ("#4C78A8", "#F58518", "#54A24B", "#B279A2")
    for k, label in enumerate(classes):
        fig.add_scatter(x=[0], y=[probs[0, 0, k]], mode="lines+markers", name=f"P({label})",
                        line={"color": colors[k % len(colors)]}, row=4, col=1)
    frames = []
    for t in range(steps):
        traces = [go.Heatmap(z=_revealed(data[name], t)) for name, *_ in ROWS]
        traces += [go.Scatter(x=list(range(t + 1)), y=probs[0, : t + 1, k])
                   for k in range(len(classes))]
        frames.append(go.Frame(data=traces, name=str(t), traces=list(range(len(traces)))))
    fig.frames = frames
    play = {"frame": {"duration": 350, "redraw": True}, "fromcurrent": True}
    fig.update_layout(
        height=720, template="plotly_white", margin={"t": 60, "b": 90},
        legend={"x": 1.01, "y": 0.0, "yanchor": "bottom"},
        updatemenus=[{"type": "buttons", "x": 0, "y": 1.09, "direction": "left", "buttons": [
            {"label": "▶ play", "method": "animate", "args": [None, play]},
            {"label": "❚❚ pause", "method": "animate",
             "args": [[None], {"mode": "immediate", "frame": {"duration": 0}}]}]}],
        sliders=[{"active": 0, "y": -0.02, "currentvalue": {"prefix": "token "},
                  "steps": [{"label": f"{t}:{tok}", "method": "animate",
                             "args": [[str(t)], {"mode": "immediate",
                                                 "frame": {"redraw": True}}]}
                            for t, tok in enumerate(tokens)]}],
    )
    fig.update_xaxes(tickvals=list(range(steps)), ticktext=tokens, range=[-0.5, steps - 0.5])
    fig.update_yaxes(range=[-0.02, 1.02], title="probability", row=4, col=1)
    return fig
