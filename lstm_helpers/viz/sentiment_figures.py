"""Plotly figures for the sentiment lessons: pure functions from numbers to figures.

Updaters restyle an existing figure in place, so sliders never redraw from scratch.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.viz.style import (
    BLUE,
    GREY,
    LABEL_COLORS,
    ORANGE,
    PALETTE,
    STATE_SCALE,
    VERMILLION,
    colorbar,
    style,
)

MAX_WORD_LABELS = 30  # more tick labels than this overlap; every word stays in the hover


def length_histogram(lengths_by_label: dict[str, np.ndarray], cut: int | None = None) -> go.Figure:
    """Review lengths in tokens, one histogram per label, with the truncation length marked.

    Used in lesson 05.
    """
    fig = go.Figure()
    for k, (label, lengths) in enumerate(lengths_by_label.items()):
        fig.add_histogram(x=lengths, name=label, opacity=0.6, xbins={"size": 25},
                          marker={"color": LABEL_COLORS.get(label, PALETTE[k]),
                                  "pattern": {"shape": "" if k == 0 else "/"}})
    if cut is not None:
        kept = np.mean(np.concatenate(list(lengths_by_label.values())) <= cut)
        fig.add_vline(x=cut, line_dash="dash",
                      annotation_text=f"cut at {cut} tokens: {kept:.0%} of reviews fit whole")
    return style(fig, barmode="overlay", height=360, margin={"t": 50},
                 title="How long are the reviews?", xaxis_title="tokens per review",
                 yaxis_title="reviews")


def padding_figure(tokens: list[str], length: int) -> go.Figure:
    """One short review padded both ways to ``length``: where the zeros go, and what the
    LSTM has just read when it stops (its last step decides the prediction).

    Used in lesson 05.
    """
    n = min(len(tokens), length)
    kept = tokens[-n:]
    rows = {"padding='pre'": ["0"] * (length - n) + kept,
            "padding='post'": kept + ["0"] * (length - n)}
    z = [[0 if w == "0" else 1 for w in row] for row in rows.values()]
    fig = go.Figure(go.Heatmap(z=z, x=list(range(1, length + 1)), y=list(rows), showscale=False,
                               colorscale=[[0, "#eeeeee"], [1, "#9ecae9"]],
                               text=list(rows.values()), texttemplate="%{text}", xgap=2, ygap=6,
                               hovertemplate="%{y}, step %{x}: %{text}<extra></extra>"))
    last = {"padding='pre'": "← last step: a word", "padding='post'": "← last step: padding!"}
    for row, note in last.items():  # beside the last cell of each row, outside the grid
        fig.add_annotation(x=length + 0.55, y=row, text=note, showarrow=False, xanchor="left",
                           font={"color": BLUE if "word" in note else VERMILLION})
    return style(fig, height=220, margin={"t": 40, "l": 110, "r": 170},
                 title="The LSTM reads left to right and answers after the last step",
                 xaxis={"title": "step", "dtick": 1, "range": [0.5, length + 0.5]},
                 yaxis={"autorange": "reversed"})


def roc_figure(curves: dict[str, tuple[np.ndarray, np.ndarray, float]]) -> go.Figure:
    """ROC curves: name → (false-positive rate, true-positive rate, AUC). Used in lesson 05."""
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot")
    for k, (name, (fpr, tpr, auc)) in enumerate(curves.items()):
        step = max(1, len(fpr) // 2000)  # thousands of thresholds: thin for the browser
        fig.add_scatter(x=fpr[::step], y=tpr[::step], name=f"{name} (AUC {auc:.3f})",
                        mode="lines", line={"color": PALETTE[k % len(PALETTE)],
                                            "dash": dashes[k % len(dashes)]})
    fig.add_scatter(x=[0, 1], y=[0, 1], name="chance (AUC 0.5)", mode="lines",
                    line={"dash": "dot", "color": GREY})
    return style(fig, height=420, title="ROC curve on the test set",
                 xaxis_title="false-positive rate (negatives called positive)",
                 yaxis_title="true-positive rate (positives found)", margin={"t": 50},
                 legend={"x": 0.35, "y": 0.05})


def confusion_figure(matrix: np.ndarray, title: str) -> go.Figure:
    """A 2×2 confusion matrix with counts and row percentages. Used in lesson 05."""
    matrix = np.asarray(matrix)
    share = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    text = [[f"{matrix[r, c]:,}<br>{share[r, c]:.1%} of row" for c in range(2)] for r in range(2)]
    fig = go.Figure(go.Heatmap(z=share, x=["predicted negative", "predicted positive"],
                               y=["truly negative", "truly positive"], text=text,
                               texttemplate="%{text}", colorscale="Blues", zmin=0, zmax=1,
                               colorbar=colorbar("share of row")))
    return style(fig, height=320, width=520, title=title, margin={"t": 50},
                 yaxis={"autorange": "reversed"})


def comparison_figure(rows: list[dict], metric: str = "test accuracy") -> go.Figure:
    """Horizontal bars of one metric across models (rows: dicts with 'model' and metric).

    Used in lesson 05.
    """
    rows = sorted(rows, key=lambda r: r[metric])
    fig = go.Figure(go.Bar(x=[r[metric] for r in rows], y=[r["model"] for r in rows],
                           orientation="h", text=[f"{r[metric]:.1%}" for r in rows],
                           textposition="outside", marker_color=BLUE))
    # Bars are read by their length: the axis starts at 0 (a cut axis would make sub-point
    # gaps look large); the dotted line marks chance on balanced reviews.
    fig.add_vline(x=0.5, line_dash="dot", annotation_text="chance (50%)",
                  annotation_position="top")
    return style(fig, height=90 + 45 * len(rows), margin={"t": 50, "l": 20},
                 title=f"{metric} on the same test reviews",
                 xaxis={"tickformat": ".0%", "range": [0.0, 1.08]},
                 yaxis={"automargin": True})


def trajectory_figure(words: list[str], probs: np.ndarray, title: str) -> go.Figure:
    """P(positive) after each word: how the verdict moves as the review is read.

    Position carries the value; the shading says which side of 0.5 it is on.
    """
    x = np.arange(1, len(words) + 1)
    fig = go.Figure(go.Scatter(x=x, y=probs, mode="lines+markers", text=words,
                               hovertemplate="%{x}: %{text}<br>P(positive) = %{y:.2f}"
                                             "<extra></extra>",
                               line={"color": "#333333", "width": 2},
                               marker={"color": np.where(np.asarray(probs) >= 0.5, BLUE,
                                                         VERMILLION).tolist(),
                                       "size": 7, "line": {"color": "#333333", "width": 1}}))
    fig.add_hrect(y0=0.5, y1=1.02, fillcolor=BLUE, opacity=0.06, line_width=0)
    fig.add_hrect(y0=-0.02, y1=0.5, fillcolor=VERMILLION, opacity=0.06, line_width=0)
    fig.add_hline(y=0.5, line_dash="dot", annotation_text="undecided (0.5)",
                  annotation_position="bottom right")
    word_axis(fig, words)
    return style(fig, height=360, title=title, margin={"t": 50},
                 yaxis={"title": "P(positive) so far", "range": [-0.02, 1.02]})


def state_heatmap(words: list[str], values: np.ndarray, units: np.ndarray,
                  title: str) -> go.Figure:
    """Chosen units' states (rows) over the words (columns), blue-red around 0, with a
    colour bar."""
    limit = (float(np.abs(values).max()) if np.size(values) else 0.0) or 1.0
    fig = go.Figure(go.Heatmap(z=values, x=np.arange(1, len(words) + 1),
                               y=[f"unit {u}" for u in units], colorscale=STATE_SCALE, zmid=0,
                               zmin=-limit, zmax=limit, colorbar=colorbar("c"),
                               customdata=np.tile(np.asarray(words, dtype=object),
                                                  (len(units), 1)),
                               hovertemplate="%{y}, word %{x} (%{customdata}): %{z:.2f}"
                                             "<extra></extra>"))
    word_axis(fig, words)
    return style(fig, height=140 + 22 * len(units), title=title, margin={"t": 50})


def word_axis(fig: go.Figure, words: list[str], max_labels: int = MAX_WORD_LABELS) -> None:
    """Label the x axis with the words, at most ``max_labels`` of them, evenly spaced."""
    step = max(1, -(-len(words) // max_labels))
    ticks = list(range(1, len(words) + 1, step))
    fig.update_xaxes(tickvals=ticks, ticktext=[words[t - 1] for t in ticks], tickangle=-50)


def surgery_figure(words: list[str]) -> go.Figure:
    """Two panels over the words: one unit's cell state, and P(positive) so far; each
    learned (grey, dotted) vs with the gates overridden (blue, solid). The span where gates
    are forced is shaded in both. ``update_surgery_figure`` fills it. Used in lesson 06."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                        subplot_titles=("cell state c of the chosen unit",
                                        "P(positive) after each word"))
    x = np.arange(1, len(words) + 1)
    for row in (1, 2):
        fig.add_scatter(x=x, y=np.zeros(len(x)), name="learned", row=row, col=1,
                        line={"color": GREY, "dash": "dot", "width": 2}, showlegend=row == 1,
                        text=words, hovertemplate="%{x}: %{text}<br>%{y:.3f}")
        fig.add_scatter(x=x, y=np.zeros(len(x)), name="with your gates", row=row, col=1,
                        line={"color": BLUE, "width": 3}, showlegend=row == 1, text=words,
                        hovertemplate="%{x}: %{text}<br>%{y:.3f}")
    fig.add_vrect(x0=0.5, x1=len(words) + 0.5, fillcolor=ORANGE, opacity=0.15, line_width=0,
                  row="all", col=1)  # the span of words where gates are forced, both panels
    fig.add_hline(y=0.5, line_dash="dot", row=2, col=1)
    word_axis(fig, words)
    fig.update_yaxes(range=[-0.02, 1.02], row=2, col=1)
    # The legend sits right of the panels: above them it covered the title's second line.
    return style(fig, height=540, margin={"t": 90, "r": 150}, title="",
                 legend={"x": 1.02, "xanchor": "left", "y": 1.0, "yanchor": "top"})


def update_surgery_figure(fig: go.Figure, words: list[str], learned_c: np.ndarray,
                          new_c: np.ndarray, learned_p: np.ndarray, new_p: np.ndarray,
                          window: tuple[int, int], title: str) -> None:
    """Restyle a ``surgery_figure``: words, curves, the shaded override window, the title."""
    x = np.arange(1, len(words) + 1)
    with fig.batch_update():
        for trace, y in zip(fig.data, (learned_c, new_c, learned_p, new_p), strict=True):
            trace.x, trace.y, trace.text = x, y, words
        word_axis(fig, words)
        for shape in fig.layout.shapes:
            if shape.type == "rect":
                shape.x0, shape.x1 = window[0] + 0.5, window[1] + 0.5
        fig.layout.title = {"text": title, "font": {"size": 14}}
