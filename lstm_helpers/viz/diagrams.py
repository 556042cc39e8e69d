"""Schematic pictures of recurrent networks (boxes and arrows), drawn with plotly.

Pictures only: no model runs here.
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.viz.style import BLUE, GREEN, ORANGE, PURPLE, VERMILLION, style

COLORS = {"x": BLUE, "cell": ORANGE, "y": GREEN, "dec": PURPLE, "back": VERMILLION}


class _Canvas:
    """Draws into one subplot of a figure, by its axis names."""

    def __init__(self, fig: go.Figure, index: int):
        suffix = "" if index == 1 else str(index)
        self.fig, self.x, self.y = fig, f"x{suffix}", f"y{suffix}"

    def box(self, x: float, y: float, text: str, color: str, width: float = 0.7) -> None:
        self.fig.add_shape(type="rect", xref=self.x, yref=self.y, x0=x - width / 2,
                           x1=x + width / 2, y0=y - 0.22, y1=y + 0.22, fillcolor=color,
                           line={"color": "white"}, opacity=0.9)
        self.fig.add_annotation(x=x, y=y, xref=self.x, yref=self.y, text=text, showarrow=False,
                                font={"color": "white", "size": 11})

    def arrow(self, x0: float, y0: float, x1: float, y1: float, color: str = "#555",
              width: float = 1.5, label: str = "") -> None:
        self.fig.add_annotation(x=x1, y=y1, ax=x0, ay=y0, xref=self.x, yref=self.y,
                                axref=self.x, ayref=self.y, showarrow=True, arrowhead=2,
                                arrowwidth=width, arrowcolor=color, text="")
        if label:  # above the arrow, clear of its head
            self.fig.add_annotation(x=(x0 + x1) / 2, y=max(y0, y1) + 0.2, xref=self.x,
                                    yref=self.y, text=label, showarrow=False, yanchor="bottom",
                                    font={"size": 11, "color": color})


def _chain(c: _Canvas, steps: int, inputs: list[bool], outputs: list[bool], cell: str = "RNN",
           color: str = COLORS["cell"], start: int = 0, y: float = 1.0,
           step_name: str | None = None) -> None:
    for t in range(steps):
        x = start + t
        index = step_name or str(t + 1 + start)
        c.box(x, y, cell, color)
        if inputs[t]:
            c.box(x, y - 1, f"x<sub>{index}</sub>", COLORS["x"], 0.5)
            c.arrow(x, y - 0.78, x, y - 0.22)
        if outputs[t]:
            c.box(x, y + 1, f"y<sub>{index}</sub>", COLORS["y"], 0.5)
            c.arrow(x, y + 0.22, x, y + 0.78)
        if t:
            c.arrow(x - 0.65, y, x - 0.35, y, label="h")


def _style(fig: go.Figure, rows: int, cols: int, height: int) -> go.Figure:
    fig.update_xaxes(visible=False, range=[-0.6, 5.6])
    fig.update_yaxes(visible=False, range=[-0.4, 2.5])
    return style(fig, height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                 plot_bgcolor="white", showlegend=False)


def unrolled_rnn_figure(steps: int = 4) -> go.Figure:
    """One RNN cell with its loop, and the same cell unrolled over ``steps`` inputs.

    Used in lesson 01.
    """
    fig = make_subplots(1, 2, column_widths=[0.25, 0.75],
                        subplot_titles=("rolled: one cell, a loop", f"unrolled over {steps} steps"))
    rolled, unrolled = _Canvas(fig, 1), _Canvas(fig, 2)
    _chain(rolled, 1, [True], [True], step_name="t")
    fig.add_shape(type="path", xref="x", yref="y", path="M 0.35 1.1 C 1.1 1.8, 1.1 0.2, 0.35 0.9",
                  line={"color": "#555", "width": 1.5})
    fig.add_annotation(x=1.0, y=1.45, xref="x", yref="y", text="h", showarrow=False)
    _chain(unrolled, steps, [True] * steps, [True] * steps)
    _style(fig, 1, 2, 300)
    fig.update_xaxes(range=[-0.6, 1.6], row=1, col=1)
    fig.update_xaxes(range=[-0.6, steps - 0.4], row=1, col=2)
    return fig


KINDS = ("many-to-one", "many-to-many", "one-to-many", "encoder–decoder", "bidirectional",
         "GRU", "LSTM")


def rnn_kinds_figure() -> go.Figure:
    """Seven small pictures: the kinds of recurrent network lesson 01 names.

    Used in lesson 01.
    """
    fig = make_subplots(4, 2, subplot_titles=KINDS, vertical_spacing=0.06)
    canvases = [_Canvas(fig, k) for k in range(1, 8)]
    yes, no = True, False
    _chain(canvases[0], 4, [yes] * 4, [no, no, no, yes])
    _chain(canvases[1], 4, [yes] * 4, [yes] * 4)
    _chain(canvases[2], 4, [yes, no, no, no], [yes] * 4)
    enc, dec = canvases[3], canvases[3]
    _chain(enc, 3, [yes] * 3, [no] * 3, cell="enc")
    _chain(dec, 3, [no] * 3, [yes] * 3, cell="dec", color=COLORS["dec"], start=3)
    enc.arrow(2.35, 1.0, 2.65, 1.0, label="state")  # the encoder's last state starts the decoder
    bi = canvases[4]
    for t in range(4):  # every x feeds both layers and y reads both (slanted past the boxes)
        bi.box(t, 0.0, f"x<sub>{t + 1}</sub>", COLORS["x"], 0.5)
        bi.box(t, 0.8, "→", COLORS["cell"], 0.3)
        bi.box(t, 1.5, "←", COLORS["back"], 0.3)
        bi.box(t, 2.3, f"y<sub>{t + 1}</sub>", COLORS["y"], 0.5)
        bi.arrow(t - 0.08, 0.22, t - 0.08, 0.58)  # x → forward layer
        bi.arrow(t + 0.24, 0.22, t + 0.14, 1.28, color=COLORS["back"])  # x → backward layer
        bi.arrow(t - 0.14, 1.02, t - 0.24, 2.08)  # forward layer → y
        bi.arrow(t + 0.08, 1.72, t + 0.08, 2.08, color=COLORS["back"])  # backward layer → y
        if t:
            bi.arrow(t - 0.85, 0.8, t - 0.15, 0.8)
            bi.arrow(t - 0.15, 1.5, t - 0.85, 1.5, color=COLORS["back"])
    _chain(canvases[5], 4, [yes] * 4, [yes] * 4, cell="GRU")
    lstm = canvases[6]
    _chain(lstm, 4, [yes] * 4, [yes] * 4, cell="LSTM", y=0.9)
    for t in range(1, 4):
        lstm.arrow(t - 0.65, 1.1, t - 0.35, 1.1, color=COLORS["back"], width=3)
    lstm.fig.add_annotation(x=4.2, y=1.1, xref=lstm.x, yref=lstm.y, text="c: the memory lane",
                            showarrow=False, font={"size": 10, "color": COLORS["back"]})
    _style(fig, 4, 2, 900)
    fig.update_yaxes(range=[-0.4, 2.7])
    return fig
