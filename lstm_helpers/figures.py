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


LOG_FLOOR = 1e-30  # a log axis cannot show 0: smaller norms are drawn at this floor


def gradient_norms_figure(rnn_norms: np.ndarray, lstm_norms: np.ndarray) -> go.Figure:
    """‖∂h_T/∂h_t‖ against how many steps back t lies, log scale, RNN next to LSTM. Lesson 01."""
    steps_back = np.arange(len(rnn_norms))[::-1]
    fig = go.Figure(
        [
            go.Scatter(x=steps_back, y=np.maximum(rnn_norms, LOG_FLOOR), name="SimpleRNN",
                       mode="lines+markers", line={"color": "#E45756"}),
            go.Scatter(x=steps_back, y=np.maximum(lstm_norms, LOG_FLOOR), name="LSTM",
                       mode="lines+markers", line={"color": "#4C78A8"}),
        ]
    )
    fig.update_layout(
        height=380, template="plotly_white", margin={"t": 50},
        title="How strongly h_T still depends on the hidden state T − t steps back",
        xaxis={"title": "steps back (T − t)"},
        yaxis={"title": "‖∂h_T / ∂h_t‖ (log scale)", "type": "log", "exponentformat": "power"},
        legend={"x": 0.01, "y": 0.01},
    )
    return fig


def update_gradient_norms_figure(fig: go.Figure, rnn_norms: np.ndarray,
                                 lstm_norms: np.ndarray) -> None:
    """Restyle a ``gradient_norms_figure`` in place. Lesson 01."""
    with fig.batch_update():
        fig.data[0].y = np.maximum(rnn_norms, LOG_FLOOR)
        fig.data[1].y = np.maximum(lstm_norms, LOG_FLOOR)


def accuracy_vs_length_figure(results: dict[str, dict[int, float]], chance: float) -> go.Figure:
    """Test accuracy against the number of distractors, one line per model kind. Lesson 03."""
    colors = {"SimpleRNN": "#E45756", "LSTM": "#4C78A8"}
    fig = go.Figure()
    for kind, by_length in results.items():
        lengths = sorted(by_length)
        fig.add_scatter(x=lengths, y=[by_length[n] for n in lengths], name=kind,
                        mode="lines+markers", line={"color": colors.get(kind), "width": 3},
                        marker={"size": 10})
    fig.add_hline(y=chance, line_dash="dot", annotation_text=f"chance ({chance:.0%})")
    fig.update_layout(height=380, template="plotly_white", margin={"t": 50},
                      title="Recall the first symbol after N distractors",
                      xaxis_title="distractors N between the symbol and the question",
                      yaxis={"title": "test accuracy", "range": [0, 1.05], "tickformat": ".0%"})
    return fig


def next_word_figure(words: list[str], probs: list[float], title: str) -> go.Figure:
    """Horizontal bars: the top next words and their probabilities. Lesson 04."""
    fig = go.Figure(go.Bar(x=probs[::-1], y=words[::-1], orientation="h",
                           marker_color="#4C78A8", text=[f"{p:.1%}" for p in probs[::-1]],
                           textposition="outside"))
    fig.update_layout(height=320, template="plotly_white", title=title, margin={"t": 50},
                      xaxis={"title": "probability", "tickformat": ".0%",
                             "range": [0, max(probs) * 1.25 if probs else 1]})
    return fig


def update_next_word_figure(fig: go.Figure, words: list[str], probs: list[float],
                            title: str) -> None:
    """Restyle a ``next_word_figure`` in place. Lesson 04."""
    with fig.batch_update():
        fig.data[0].x, fig.data[0].y = probs[::-1], words[::-1]
        fig.data[0].text = [f"{p:.1%}" for p in probs[::-1]]
        fig.layout.title.text = title
        fig.layout.xaxis.range = [0, max(probs) * 1.25 if probs else 1]


def temperature_figure(words: list[str],
                       probs_by_temperature: dict[float, np.ndarray]) -> go.Figure:
    """The same next-word distribution at several temperatures, side by side. Lesson 04."""
    fig = go.Figure()
    for temperature, probs in probs_by_temperature.items():
        fig.add_bar(x=words, y=probs, name=f"T = {temperature:g}")
    fig.update_layout(height=360, template="plotly_white", barmode="group",
                      title="Temperature reshapes the next-word distribution",
                      yaxis={"title": "probability", "tickformat": ".0%"}, margin={"t": 50})
    return fig
