"""Lesson 02's gate explorer figure: the four gates and the memory path of one LSTM step.

Built from an ``LSTMStep`` (lstm_helpers.cells); updated in place on every slider move.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_helpers.cells import LSTMStep

GATE_LABELS = ("f (forget)", "i (input)", "g (candidate)", "o (output)")
PATH_LABELS = ("c<sub>t−1</sub>", "× f → f·c<sub>t−1</sub>", "i·g (new)", "sum → c<sub>t</sub>",
               "tanh(c<sub>t</sub>)", "× o → h<sub>t</sub>")
GATE_COLORS = ("#E45756", "#54A24B", "#B279A2", "#4C78A8")
PATH_COLORS = ("#9D9D9D", "#E45756", "#54A24B", "#F58518", "#F2CF5B", "#4C78A8")


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
    return (f"keeps {f:.0%} of the old memory, writes {i:.0%} of the candidate, "
            f"reads out {o:.0%}: c<sub>t</sub> = {path[3]:+.2f}, h<sub>t</sub> = {path[5]:+.2f}")


def gate_explorer_figure(step: LSTMStep, c_prev: float) -> go.Figure:
    """Bars for f, i, g, o and for c_{t-1} → f·c_{t-1} + i·g → tanh → ·o. Used in lesson 02."""
    gates, path = gate_values(step, c_prev)
    fig = make_subplots(1, 2, column_widths=[0.4, 0.6], horizontal_spacing=0.08,
                        subplot_titles=("the gates", "the memory path, left to right"))
    fig.add_bar(x=list(GATE_LABELS), y=gates, marker_color=list(GATE_COLORS),
                text=[f"{v:.2f}" for v in gates], textposition="outside", row=1, col=1)
    fig.add_bar(x=list(PATH_LABELS), y=path, marker_color=list(PATH_COLORS),
                text=[f"{v:+.2f}" for v in path], textposition="outside", row=1, col=2)
    fig.update_yaxes(range=[-1.25, 1.25], row=1, col=1, zeroline=True)
    fig.update_yaxes(range=[-5, 5], row=1, col=2, zeroline=True)
    fig.update_layout(height=420, showlegend=False, template="plotly_white",
                      title={"text": _headline(gates, path), "font": {"size": 14}},
                      margin={"t": 80, "b": 60}, uniformtext={"minsize": 9})
    return fig


def update_gate_explorer_figure(fig: go.Figure, step: LSTMStep, c_prev: float) -> None:
    """Restyle a ``gate_explorer_figure`` in place: new bar heights, labels and headline."""
    gates, path = gate_values(step, c_prev)
    with fig.batch_update():
        fig.data[0].y, fig.data[0].text = gates, [f"{v:.2f}" for v in gates]
        fig.data[1].y, fig.data[1].text = path, [f"{v:+.2f}" for v in path]
        fig.layout.title.text = _headline(gates, path)
