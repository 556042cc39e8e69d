"""Lesson 00's sigmoid gate and lesson 02's gate explorer: a gate's curve, the four gates
and the memory path of one LSTM step. Pure builders plus in-place updaters.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.core.activations import sigmoid
from lstm_helpers.core.cells import LSTMStep
from lstm_helpers.viz.style import BLUE, GATE_COLORS, GREY, VERMILLION, style

X_RANGE = (-6.0, 6.0)


def _gate_curve(weight: float, bias: float, n_points: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(*X_RANGE, n_points)
    return x, sigmoid(weight * x + bias)


def _gate_title(weight: float, bias: float, x_value: float) -> str:
    gate = float(sigmoid(weight * x_value + bias))
    return (
        f"σ({weight:.1f}·x {'+' if bias >= 0 else '−'} {abs(bias):.1f}) at x = {x_value:.1f}: "
        f"{gate:.3f}, so the gate lets {gate:.0%} through"
    )


def sigmoid_gate_figure(
    weight: float = 1.0, bias: float = 0.0, x_value: float = 1.0, n_points: int = 201
) -> go.Figure:
    """A gate's sigmoid σ(w·x + b) against x, with the current input marked."""
    x, y = _gate_curve(weight, bias, n_points)
    fig = go.Figure(
        [
            go.Scatter(x=x, y=y, mode="lines", name="σ(w·x + b)",
                       line={"width": 3, "color": BLUE}),
            go.Scatter(
                x=[x_value], y=[float(sigmoid(weight * x_value + bias))], mode="markers",
                name="your input", marker={"size": 14, "color": VERMILLION, "symbol": "diamond"},
            ),
        ]
    )
    return style(fig, title=_gate_title(weight, bias, x_value), height=360,
                 margin={"t": 60, "b": 40},
                 xaxis={"title": "input x", "range": list(X_RANGE)},
                 yaxis={"title": "gate value (0 = closed, 1 = open)", "range": [-0.05, 1.05]})


def update_sigmoid_gate_figure(
    fig: go.Figure, weight: float, bias: float, x_value: float
) -> None:
    """Restyle a figure made by ``sigmoid_gate_figure`` in place."""
    x, y = _gate_curve(weight, bias, len(fig.data[0].x))
    gate = float(sigmoid(weight * x_value + bias))
    with fig.batch_update():
        fig.data[0].y = y
        fig.data[1].x = [x_value]
        fig.data[1].y = [gate]
        fig.layout.title.text = _gate_title(weight, bias, x_value)


GATE_LABELS = ("f (forget)", "i (input)", "g (candidate)", "o (output)")
PATH_LABELS = ("c<sub>t−1</sub>", "× f → f·c<sub>t−1</sub>", "i·g (new)", "sum → c<sub>t</sub>",
               "tanh(c<sub>t</sub>)", "× o → h<sub>t</sub>")
_PATH_COLORS = (GREY, GATE_COLORS["f"], GATE_COLORS["i"], GATE_COLORS["c"], GATE_COLORS["c"],
                GATE_COLORS["o"])


def _scalar(values: np.ndarray) -> float:
    return float(np.asarray(values).ravel()[0])


def gate_values(step: LSTMStep, c_prev: float) -> tuple[list[float], list[float]]:
    """The gate bars and the memory-path bars of a one-unit step."""
    f, i, g, o, c = (_scalar(getattr(step, k)) for k in "figoc")
    gates = [f, i, g, o]
    path = [c_prev, f * c_prev, i * g, c, float(np.tanh(c)), _scalar(step.h)]
    return gates, path


def _headline(gates: list[float], path: list[float]) -> str:
    f, i, _, o = gates
    # Two lines: one line of ~100 characters was cut off at 1366 px ("… h_t =").
    return (f"keeps {f:.0%} of the old memory, writes {i:.0%} of the candidate, "
            f"reads out {o:.0%}:<br>c<sub>t</sub> = {path[3]:+.2f}, "
            f"h<sub>t</sub> = {path[5]:+.2f}")


def gate_explorer_figure(step: LSTMStep, c_prev: float) -> go.Figure:
    """Bars for f, i, g, o and for c_{t-1} → f·c_{t-1} + i·g → tanh → ·o."""
    gates, path = gate_values(step, c_prev)
    fig = make_subplots(1, 2, column_widths=[0.4, 0.6], horizontal_spacing=0.08,
                        subplot_titles=("the gates", "the memory path, left to right"))
    fig.add_bar(x=list(GATE_LABELS), y=gates, marker_color=[GATE_COLORS[k] for k in "figo"],
                text=[f"{v:.2f}" for v in gates], textposition="outside", row=1, col=1)
    fig.add_bar(x=list(PATH_LABELS), y=path, marker_color=list(_PATH_COLORS),
                text=[f"{v:+.2f}" for v in path], textposition="outside", row=1, col=2)
    fig.update_yaxes(range=[-1.25, 1.25], row=1, col=1, zeroline=True)
    fig.update_yaxes(range=[-5, 5], row=1, col=2, zeroline=True)
    return style(fig, height=440, showlegend=False,
                 title={"text": _headline(gates, path), "font": {"size": 14}},
                 margin={"t": 100, "b": 60}, uniformtext={"minsize": 9})


def update_gate_explorer_figure(fig: go.Figure, step: LSTMStep, c_prev: float) -> None:
    """Restyle a ``gate_explorer_figure`` in place: new bar heights, labels and headline."""
    gates, path = gate_values(step, c_prev)
    with fig.batch_update():
        fig.data[0].y, fig.data[0].text = gates, [f"{v:.2f}" for v in gates]
        fig.data[1].y, fig.data[1].text = path, [f"{v:+.2f}" for v in path]
        fig.layout.title.text = _headline(gates, path)
