"""Training curves that grow while a model trains (loss and accuracy, train vs validation)."""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.viz.style import SPLIT_COLORS, style

_CURVES = (("loss", 1, "train"), ("val_loss", 1, "val"),
           ("accuracy", 2, "train"), ("val_accuracy", 2, "val"))


def training_curves_figure(title: str = "Training curves") -> go.Figure:
    """Empty loss and accuracy panels, train vs validation; ``update_training_curves`` fills.

    Used in lesson 05.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=("loss", "accuracy"))
    for key, col, split in _CURVES:
        fig.add_scatter(x=[], y=[], name=f"{split} {key.removeprefix('val_')}", row=1, col=col,
                        mode="lines" if split == "train" else "lines+markers",
                        line={"color": SPLIT_COLORS[split],
                              "dash": "solid" if split == "train" else "dot"})
    fig.update_xaxes(title_text="epoch")
    return style(fig, height=340, title=title, margin={"t": 70})


def update_training_curves(fig: go.Figure, points: dict[str, list[tuple[float, float]]]) -> None:
    """Put the (epoch, value) points gathered so far into a ``training_curves_figure``."""
    with fig.batch_update():
        for trace, (key, _, _) in zip(fig.data, _CURVES, strict=True):
            xy = points.get(key, [])
            trace.x = [p[0] for p in xy]
            trace.y = [p[1] for p in xy]
