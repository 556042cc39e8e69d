"""Lesson 11's figures: the bottleneck plot (exact-match accuracy against input length),
the attention weights as a heatmap (updated in place for a typed input), and how time and
memory grow with length for recurrent and attention models. Pure figures: every number
comes in as an argument."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.core.errors import LabInputError, finite_array
from lstm_helpers.viz.style import GATE_SCALE, PALETTE, colorbar, style

# (colour, dash, marker) per model, in the order given: never colour alone.
LINES = ((PALETTE[3], "dot", "circle"), (PALETTE[0], "solid", "square"),
         (PALETTE[1], "dash", "diamond"), (PALETTE[2], "dashdot", "triangle-up"))


def _line(fig: go.Figure, k: int, name: str, points: dict, **where) -> None:
    color, dash, symbol = LINES[k % len(LINES)]
    xs = sorted(points)
    fig.add_scatter(x=xs, y=[points[x] for x in xs], name=name, mode="lines+markers",
                    line={"color": color, "width": 3, "dash": dash}, legendgroup=name,
                    marker={"size": 9, "symbol": symbol}, **where)


def bottleneck_figure(by_model: dict[str, dict[int, float]], longest_train: int
                      ) -> go.Figure:
    """Exact-match test accuracy against input length, one line per model (colour, dash
    and marker each differ); the lengths no training input had are shaded and labelled.
    Used in lesson 11."""
    if not by_model:
        raise LabInputError("by_model is empty: give {model name: {length: accuracy}}.")
    fig = go.Figure()
    for k, (name, points) in enumerate(by_model.items()):
        _line(fig, k, name, points)
    longest = max(max(p) for p in by_model.values())
    if longest > longest_train:
        fig.add_vrect(x0=longest_train + 0.5, x1=longest + 0.5, fillcolor="#999", opacity=0.15,
                      line_width=0, annotation_text="longer than any training input",
                      annotation_position="top left")
    return style(fig, height=400, margin={"t": 60},
                 title="The bottleneck: whole answers right, by input length",
                 xaxis={"title": "input length (digits)", "dtick": 1},
                 yaxis={"title": "exact-match accuracy (test)", "range": [-0.02, 1.05],
                        "tickformat": ".0%"},
                 legend={"orientation": "h", "y": -0.2})


def _heatmap_checked(weights: object, input_labels: list[str], output_labels: list[str]
                     ) -> np.ndarray:
    weights = finite_array("weights", weights, ndim=2)
    if weights.shape != (len(output_labels), len(input_labels)):
        raise LabInputError(f"weights has shape {weights.shape}, but there are "
                            f"{len(output_labels)} output and {len(input_labels)} input "
                            "labels: give one row per output step, one column per input step.")
    return weights


def attention_heatmap(weights: object, input_labels: list[str], output_labels: list[str],
                      title: str = "Where the decoder looks") -> go.Figure:
    """Attention weights (output steps × input steps) as a heatmap with a colour bar; each
    row is one output token and sums to 1. Used in lesson 11."""
    fig = go.Figure(go.Heatmap(colorscale=GATE_SCALE, zmin=0.0, zmax=1.0,
                               colorbar=colorbar("attention weight"),
                               hovertemplate="writing %{y}<br>reading %{x}<br>"
                                             "weight %{z:.2f}<extra></extra>"))
    style(fig, height=420, margin={"t": 60},
          xaxis={"title": "input digit (position: digit)", "side": "top"},
          yaxis={"title": "output token (step: token)", "autorange": "reversed"})
    update_attention_heatmap(fig, weights, input_labels, output_labels, title)
    return fig


def update_attention_heatmap(fig: go.Figure, weights: object, input_labels: list[str],
                             output_labels: list[str], title: str) -> None:
    """Put new weights and labels into an existing heatmap (a FigureWidget updates in
    place). Labels are made unique by their position. Used in lesson 11."""
    weights = _heatmap_checked(weights, input_labels, output_labels)
    xs = [f"{k + 1}: {label}" for k, label in enumerate(input_labels)]
    ys = [f"{k + 1}: {label}" for k, label in enumerate(output_labels)]
    with fig.batch_update():
        fig.data[0].update(z=weights.round(3).tolist(), x=xs, y=ys,
                           text=[[f"{v:.2f}" for v in row] for row in weights],
                           texttemplate="%{text}" if weights.size <= 300 else None)
        fig.layout.title = {"text": title}


def scaling_figure(train_seconds: dict[str, dict[int, float]],
                   token_seconds: dict[str, dict[int, float]],
                   state_bytes: dict[str, dict[int, int]]) -> go.Figure:
    """Three panels, one line per model: seconds per training step against sequence length;
    milliseconds to generate one token against its position; bytes the decoder must keep
    against position. Used in lesson 11."""
    fig = make_subplots(1, 3, horizontal_spacing=0.09, subplot_titles=(
        "training: seconds per batch", "generation: ms per token", "memory kept to go on"))
    names = list(dict.fromkeys([*train_seconds, *token_seconds, *state_bytes]))
    for k, name in enumerate(names):
        for col, data, scale in ((1, train_seconds, 1.0), (2, token_seconds, 1000.0),
                                 (3, state_bytes, 1 / 1024)):
            if name in data:
                _line(fig, k, name, {x: v * scale for x, v in data[name].items()},
                      row=1, col=col, showlegend=col == 1 or name not in train_seconds)
    fig.update_xaxes(title_text="sequence length (input and output)", row=1, col=1)
    fig.update_xaxes(title_text="position of the token written", row=1, col=2)
    fig.update_xaxes(title_text="position of the token written", row=1, col=3)
    fig.update_yaxes(title_text="seconds", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="milliseconds", rangemode="tozero", row=1, col=2)
    fig.update_yaxes(title_text="KiB (float32)", rangemode="tozero", row=1, col=3)
    return style(fig, height=420, margin={"t": 70}, legend={"orientation": "h", "y": -0.25},
                 title="How cost grows with length, measured on this machine")


def row_sums(fig: go.Figure) -> np.ndarray:
    """The sum of each row of a heatmap figure's weights (1 for attention). Used in tests."""
    return np.asarray(fig.data[0].z, dtype=float).sum(axis=1)
