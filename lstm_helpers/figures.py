"""Figure builders: pure functions from numbers to plotly figures, plus in-place updaters.

Widgets call the updaters so a slider move restyles the existing figure rather
than drawing a new one.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_helpers.activations import sigmoid

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
    """A gate's sigmoid σ(w·x + b) against x, with the current input marked. Used in lesson 00."""
    x, y = _gate_curve(weight, bias, n_points)
    fig = go.Figure(
        [
            go.Scatter(x=x, y=y, mode="lines", name="σ(w·x + b)", line={"width": 3}),
            go.Scatter(
                x=[x_value], y=[float(sigmoid(weight * x_value + bias))], mode="markers",
                name="your input", marker={"size": 14, "color": "crimson"},
            ),
        ]
    )
    fig.update_layout(
        title=_gate_title(weight, bias, x_value), height=360, margin={"t": 60, "b": 40},
        xaxis={"title": "input x", "range": list(X_RANGE)},
        yaxis={"title": "gate value (0 = closed, 1 = open)", "range": [-0.05, 1.05]},
        template="plotly_white",
    )
    return fig


def update_sigmoid_gate_figure(
    fig: go.Figure, weight: float, bias: float, x_value: float
) -> None:
    """Restyle a figure made by ``sigmoid_gate_figure`` in place. Used in lesson 00."""
    x, y = _gate_curve(weight, bias, len(fig.data[0].x))
    gate = float(sigmoid(weight * x_value + bias))
    with fig.batch_update():
        fig.data[0].y = y
        fig.data[1].x = [x_value]
        fig.data[1].y = [gate]
        fig.layout.title.text = _gate_title(weight, bias, x_value)
