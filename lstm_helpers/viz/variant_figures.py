"""Plotly figures for lessons 07 and 08: what flows where in each variant, and how they compare.

The architecture diagram is read off the built Keras model (layer by layer, with the shape
each layer hands on), so it cannot drift from the model it describes.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.viz.style import PALETTE, style

_BOX = {"Embedding": "#c6dbef", "LSTM": "#fdd0a2", "GRU": "#fdd0a2", "Bidirectional": "#fdd0a2",
        "Conv1D": "#c7e9c0", "MaxPooling1D": "#c7e9c0", "Dense": "#dadaeb"}
_SKIP = ("InputLayer", "SpatialDropout1D", "Dropout")


def _shape_text(shape) -> str:
    """(None, None, 64) → '(steps, 64)'; the batch axis is left out."""
    names = ["steps" if d is None else str(d) for d in tuple(shape)[1:]]
    return "(" + ", ".join(names) + ")"


def _label(layer) -> str:
    kind = type(layer).__name__
    if kind == "Bidirectional":
        units = layer.forward_layer.units
        return (f"<b>Bidirectional</b><br>LSTM({units}) reads →<br>LSTM({units}) reads ←"
                f"<br>concatenated")
    if kind in ("LSTM", "GRU"):
        every = "every step" if layer.return_sequences else "last step only"
        return f"<b>{kind}({layer.units})</b><br>hands on: {every}"
    if kind == "Embedding":
        return f"<b>Embedding</b><br>{layer.input_dim:,} words → {layer.output_dim}"
    if kind == "Conv1D":
        return f"<b>Conv1D</b><br>{layer.filters} filters × {layer.kernel_size[0]} words"
    if kind == "MaxPooling1D":
        size = layer.pool_size[0]
        return f"<b>MaxPooling1D({size})</b><br>keeps the max of each {size}"
    if kind == "Dense":
        return f"<b>Dense({layer.units})</b><br>sigmoid: P(positive)"
    return f"<b>{kind}</b>"


def architecture_figure(model, title: str | None = None) -> go.Figure:
    """Boxes for the model's layers, left to right, with the tensor shape on every arrow.

    Dropout layers are left out (they change no shape); the input is the first arrow.
    Used in lessons 07, 08.
    """
    layers = [lay for lay in model.layers if type(lay).__name__ not in _SKIP]
    fig = go.Figure()
    width, gap = 1.0, 0.55
    x = 0.0
    fig.add_annotation(x=x - gap / 2, y=0.62, text="token ids<br>(steps)", showarrow=False,
                       font={"size": 11})
    for k, layer in enumerate(layers):
        left = x + k * (width + gap)
        fig.add_shape(type="rect", x0=left, x1=left + width, y0=0, y1=1, line={"color": "#555"},
                      fillcolor=_BOX.get(type(layer).__name__, "#eeeeee"))
        fig.add_annotation(x=left + width / 2, y=0.5, text=_label(layer), showarrow=False,
                           font={"size": 11})
        fig.add_annotation(x=left, y=0.5, ax=left - gap, ay=0.5, xref="x", yref="y",
                           axref="x", ayref="y", text="", showarrow=True, arrowhead=2)
        shape = _shape_text(layer.output.shape)
        if type(layer).__name__ == "MaxPooling1D":  # the sequence got shorter
            shape = shape.replace("steps", f"steps ÷ {layer.pool_size[0]}")
        fig.add_annotation(x=left + width + gap / 2, y=0.62, text=shape, showarrow=False,
                           font={"size": 11, "color": "#333"})
    right = len(layers) * (width + gap) - gap
    return style(fig, height=190, margin={"t": 40, "b": 10, "l": 10, "r": 10},
                 title=title or f"{model.name}: {model.count_params():,} parameters",
                 xaxis={"visible": False, "range": [-gap - 0.1, right + gap]},
                 yaxis={"visible": False, "range": [-0.1, 1.1]}, showlegend=False)


def comparison_chart(summary: list[dict], by: str = "variant",
                     title: str = "Same split, same pipeline") -> go.Figure:
    """Test and validation accuracy (mean ± std over seeds) beside seconds per epoch.

    Used in lessons 07, 08.
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=("accuracy (mean ± std over seeds)",
                                                        "seconds per training epoch"))
    names = [row[by] for row in summary]

    def err(col):
        values = [row.get(col + " ±") for row in summary]
        return None if any(v is None for v in values) else {"type": "data", "array": values}

    fig.add_bar(x=names, y=[r["test acc"] for r in summary], error_y=err("test acc"),
                name="test", marker_color=PALETTE[0], row=1, col=1,
                text=[f"{r['test acc']:.1%}" for r in summary], textposition="inside")
    fig.add_scatter(x=names, y=[r["val acc"] for r in summary], error_y=err("val acc"),
                    mode="markers", name="validation", marker={"color": PALETTE[1], "size": 10,
                                                               "symbol": "diamond"}, row=1, col=1)
    fig.add_bar(x=names, y=[r["s / epoch"] for r in summary], error_y=err("s / epoch"),
                name="s / epoch", marker_color=PALETTE[2], row=1, col=2, showlegend=False,
                text=[f"{r['s / epoch']:.0f} s" for r in summary], textposition="inside")
    # Bars are read by their length: the axis starts at 0, so a gap of a few tenths of a
    # point looks as small as it is (the whiskers, when there are seeds, show the spread).
    fig.update_yaxes(range=[0.0, 1.0], tickformat=".0%", row=1, col=1)
    fig.update_yaxes(title_text="s", row=1, col=2)
    # The legend goes under the panels: above them it sat on the panel titles.
    return style(fig, height=420, title=title, margin={"t": 80, "b": 120},
                 legend={"orientation": "h", "y": -0.32, "yanchor": "top", "x": 0})


def learning_curve_figure(rows: list[dict], by: str = "variant") -> go.Figure:
    """Training and validation accuracy against training-set size, one colour per variant:
    the gap between the two is how much a model memorises rather than learns.

    Used in lessons 07, 08.
    """
    fig = go.Figure()
    for k, name in enumerate(dict.fromkeys(r[by] for r in rows)):
        mine = sorted((r for r in rows if r[by] == name), key=lambda r: r["n_train"])
        color = PALETTE[k % len(PALETTE)]
        n = [r["n_train"] for r in mine]
        symbol = ("circle", "square", "diamond", "triangle-up")[k % 4]
        fig.add_scatter(x=n, y=[r["val acc"] for r in mine], name=f"{name}: validation",
                        mode="lines+markers", line={"color": color},
                        marker={"symbol": symbol, "size": 9})
        if all("train acc" in r for r in mine):
            fig.add_scatter(x=n, y=[r["train acc"] for r in mine], name=f"{name}: training",
                            mode="lines+markers", line={"color": color, "dash": "dot"},
                            marker={"symbol": symbol + "-open", "size": 9})
    return style(fig, height=400, title="Learning curves: accuracy against training-set size",
                 xaxis={"title": "training reviews", "type": "log"},
                 yaxis={"title": "accuracy (epoch kept)", "tickformat": ".0%"})
