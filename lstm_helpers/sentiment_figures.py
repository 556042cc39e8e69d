"""Plotly figures for the sentiment lessons: pure functions from numbers to figures.

Updaters restyle an existing figure in place, so live training and sliders never redraw
from scratch. Lessons 05-06.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

TEMPLATE = "plotly_white"
COLORS = {"train": "#4C78A8", "val": "#F58518", "pos": "#54A24B", "neg": "#E45756"}
_CURVES = (("loss", 1, "train"), ("val_loss", 1, "val"),
           ("accuracy", 2, "train"), ("val_accuracy", 2, "val"))


def length_histogram(lengths_by_label: dict[str, np.ndarray], cut: int | None = None) -> go.Figure:
    """Review lengths in tokens, one histogram per label, with the truncation length marked."""
    fig = go.Figure()
    for label, lengths in lengths_by_label.items():
        fig.add_histogram(x=lengths, name=label, opacity=0.6, xbins={"size": 25},
                          marker_color=COLORS.get(label[:3]))
    if cut is not None:
        kept = np.mean(np.concatenate(list(lengths_by_label.values())) <= cut)
        fig.add_vline(x=cut, line_dash="dash",
                      annotation_text=f"cut at {cut} tokens: {kept:.0%} of reviews fit whole")
    fig.update_layout(barmode="overlay", height=360, template=TEMPLATE, margin={"t": 50},
                      title="How long are the reviews?", xaxis_title="tokens per review",
                      yaxis_title="reviews")
    return fig


def padding_figure(tokens: list[str], length: int) -> go.Figure:
    """One short review padded both ways to ``length``: where the zeros go, and what the
    LSTM has just read when it stops (its last step decides the prediction)."""
    n = min(len(tokens), length)
    kept = tokens[-n:]
    rows = {"padding='pre'": ["0"] * (length - n) + kept,
            "padding='post'": kept + ["0"] * (length - n)}
    z = [[0 if w == "0" else 1 for w in row] for row in rows.values()]
    fig = go.Figure(go.Heatmap(z=z, x=list(range(1, length + 1)), y=list(rows), showscale=False,
                               colorscale=[[0, "#eeeeee"], [1, "#9ecae9"]],
                               text=list(rows.values()), texttemplate="%{text}", xgap=2, ygap=6))
    fig.add_annotation(x=length, y=1, text="last step: padding!", showarrow=True, ay=-35)
    fig.add_annotation(x=length, y=0, text="last step: a word", showarrow=True, ay=35)
    fig.update_layout(height=230, template=TEMPLATE, margin={"t": 40, "l": 110},
                      title="The LSTM reads left to right and answers after the last step",
                      xaxis={"title": "step", "dtick": 1}, yaxis={"autorange": "reversed"})
    return fig


def training_curves_figure(title: str = "Training curves") -> go.Figure:
    """Empty loss and accuracy panels, train vs validation; ``update_training_curves`` fills."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=("loss", "accuracy"))
    for key, col, split in _CURVES:
        fig.add_scatter(x=[], y=[], name=f"{split} {key.removeprefix('val_')}", row=1, col=col,
                        mode="lines" if split == "train" else "lines+markers",
                        line={"color": COLORS[split], "dash": "solid" if col == 1 else "dot"})
    fig.update_layout(height=340, template=TEMPLATE, title=title, margin={"t": 70})
    fig.update_xaxes(title_text="epoch")
    return fig


def update_training_curves(fig: go.Figure, points: dict[str, list[tuple[float, float]]]) -> None:
    """Put the (epoch, value) points gathered so far into a ``training_curves_figure``."""
    with fig.batch_update():
        for trace, (key, _, _) in zip(fig.data, _CURVES, strict=True):
            xy = points.get(key, [])
            trace.x = [p[0] for p in xy]
            trace.y = [p[1] for p in xy]


def roc_figure(curves: dict[str, tuple[np.ndarray, np.ndarray, float]]) -> go.Figure:
    """ROC curves: name → (false-positive rate, true-positive rate, AUC)."""
    fig = go.Figure()
    for name, (fpr, tpr, auc) in curves.items():
        step = max(1, len(fpr) // 2000)  # thousands of thresholds: thin for the browser
        fig.add_scatter(x=fpr[::step], y=tpr[::step], name=f"{name} (AUC {auc:.3f})",
                        mode="lines")
    fig.add_scatter(x=[0, 1], y=[0, 1], name="chance (AUC 0.5)", mode="lines",
                    line={"dash": "dot", "color": "grey"})
    fig.update_layout(height=420, template=TEMPLATE, title="ROC curve on the test set",
                      xaxis_title="false-positive rate (negatives called positive)",
                      yaxis_title="true-positive rate (positives found)", margin={"t": 50},
                      legend={"x": 0.35, "y": 0.05})
    return fig


def confusion_figure(matrix: np.ndarray, title: str) -> go.Figure:
    """A 2×2 confusion matrix with counts and row percentages."""
    matrix = np.asarray(matrix)
    share = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    text = [[f"{matrix[r, c]:,}<br>{share[r, c]:.1%} of row" for c in range(2)] for r in range(2)]
    fig = go.Figure(go.Heatmap(z=share, x=["predicted negative", "predicted positive"],
                               y=["truly negative", "truly positive"], text=text,
                               texttemplate="%{text}", colorscale="Blues", zmin=0, zmax=1,
                               showscale=False))
    fig.update_layout(height=320, width=480, template=TEMPLATE, title=title, margin={"t": 50},
                      yaxis={"autorange": "reversed"})
    return fig


def comparison_figure(rows: list[dict], metric: str = "test accuracy") -> go.Figure:
    """Horizontal bars of one metric across models (rows: dicts with 'model' and metric)."""
    rows = sorted(rows, key=lambda r: r[metric])
    fig = go.Figure(go.Bar(x=[r[metric] for r in rows], y=[r["model"] for r in rows],
                           orientation="h", text=[f"{r[metric]:.1%}" for r in rows],
                           textposition="outside", marker_color="#4C78A8"))
    low = min(r[metric] for r in rows)
    fig.update_layout(height=90 + 45 * len(rows), template=TEMPLATE, margin={"t": 50, "l": 20},
                      title=f"{metric} on the same test reviews",
                      xaxis={"tickformat": ".0%", "range": [max(0.0, low - 0.1), 1.0]},
                      yaxis={"automargin": True})
    return fig


def trajectory_figure(words: list[str], probs: np.ndarray, title: str) -> go.Figure:
    """P(positive) after each word: how the verdict moves as the review is read."""
    x = np.arange(1, len(words) + 1)
    fig = go.Figure(go.Scatter(x=x, y=probs, mode="lines+markers", text=words,
                               hovertemplate="%{x}: %{text}<br>P(positive) = %{y:.2f}",
                               marker={"color": probs, "colorscale": "RdYlGn", "cmin": 0,
                                       "cmax": 1, "size": 7}, line={"color": "#bbbbbb"}))
    fig.add_hline(y=0.5, line_dash="dot")
    _word_axis(fig, words)
    fig.update_layout(height=360, template=TEMPLATE, title=title, margin={"t": 50},
                      yaxis={"title": "P(positive) so far", "range": [-0.02, 1.02]})
    return fig


def state_heatmap(words: list[str], values: np.ndarray, units: np.ndarray,
                  title: str) -> go.Figure:
    """Chosen units' states (rows) over the words (columns), red-blue around 0."""
    limit = (float(np.abs(values).max()) if np.size(values) else 0.0) or 1.0
    fig = go.Figure(go.Heatmap(z=values, x=np.arange(1, len(words) + 1),
                               y=[f"unit {u}" for u in units], colorscale="RdBu", zmid=0,
                               zmin=-limit, zmax=limit,
                               customdata=np.tile(np.asarray(words, dtype=object),
                                                  (len(units), 1)),
                               hovertemplate="%{y}, word %{x} (%{customdata}): %{z:.2f}"))
    _word_axis(fig, words)
    fig.update_layout(height=120 + 22 * len(units), template=TEMPLATE, title=title,
                      margin={"t": 50})
    return fig


def _word_axis(fig: go.Figure, words: list[str], max_labels: int = 60) -> None:
    step = max(1, len(words) // max_labels)
    ticks = list(range(1, len(words) + 1, step))
    fig.update_xaxes(tickvals=ticks, ticktext=[words[t - 1] for t in ticks], tickangle=-60)


def surgery_figure(words: list[str]) -> go.Figure:
    """Two panels over the words: one unit's cell state, and P(positive) so far; each
    learned (grey) vs with the gates overridden (colour). ``update_surgery_figure`` fills."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=("cell state c of the chosen unit",
                                        "P(positive) after each word"))
    x = np.arange(1, len(words) + 1)
    for row in (1, 2):
        fig.add_scatter(x=x, y=np.zeros(len(x)), name="learned", row=row, col=1,
                        line={"color": "#aaaaaa"}, showlegend=row == 1, text=words,
                        hovertemplate="%{x}: %{text}<br>%{y:.3f}")
        fig.add_scatter(x=x, y=np.zeros(len(x)), name="with your gates", row=row, col=1,
                        line={"color": "#4C78A8", "width": 3}, showlegend=row == 1, text=words,
                        hovertemplate="%{x}: %{text}<br>%{y:.3f}")
    fig.add_vrect(x0=0.5, x1=len(words) + 0.5, fillcolor="#F58518", opacity=0.12, line_width=0,
                  row="all", col=1)  # the span of words where gates are forced, both panels
    fig.add_hline(y=0.5, line_dash="dot", row=2, col=1)
    _word_axis(fig, words)
    fig.update_yaxes(range=[-0.02, 1.02], row=2, col=1)
    fig.update_layout(height=520, template=TEMPLATE, margin={"t": 80}, legend={"y": 1.12,
                                                                             "orientation": "h"})
    return fig


def update_surgery_figure(fig: go.Figure, words: list[str], learned_c: np.ndarray,
                          new_c: np.ndarray, learned_p: np.ndarray, new_p: np.ndarray,
                          window: tuple[int, int], title: str) -> None:
    """Restyle a ``surgery_figure``: words, curves, the shaded override window, the title."""
    x = np.arange(1, len(words) + 1)
    with fig.batch_update():
        for trace, y in zip(fig.data, (learned_c, new_c, learned_p, new_p), strict=True):
            trace.x, trace.y, trace.text = x, y, words
        _word_axis(fig, words)
        for shape in fig.layout.shapes:
            if shape.type == "rect":
                shape.x0, shape.x1 = window[0] + 0.5, window[1] + 0.5
        fig.layout.title = {"text": title}
