"""The LSTM (and GRU) cell diagram, with the live numbers on its wires.

The picture every course draws: the cell-state line across the top, the gates below it,
the pointwise × and +. Here every wire is as wide *and* as dark as the gate that opens it
lets through (never colour alone), every gate shows its value, and the cell-state line says
how much of c_{t−1} survives and how much is written. ``lstm_cell_figure`` builds it from
the numbers of one step of one unit; ``update_cell_figure`` restyles it in place, so a
slider or an animation moves the wires without redrawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_helpers.viz.style import GATE_COLORS, style

INK = "#222222"
ALWAYS = "1"  # a wire that is always fully open (the inputs, the cell line itself)


@dataclass(frozen=True)
class Wire:
    """A path of line segments whose width and opacity follow ``gate`` (a key of the
    values, or ALWAYS); ``color`` names a GATE_COLORS key or is a colour itself."""

    points: tuple[tuple[float, float], ...]
    gate: str = ALWAYS
    color: str = INK


@dataclass(frozen=True)
class Box:
    """A gate: a box at ``center`` showing ``label`` and the gate's value, shaded by it."""

    gate: str
    center: tuple[float, float]
    label: str  # "σ" or "tanh"


@dataclass(frozen=True)
class Node:
    """A pointwise operation (×, +, tanh, 1−) drawn as a circle."""

    center: tuple[float, float]
    symbol: str


@dataclass(frozen=True)
class Label:
    """A text whose content is ``template`` filled with the values (and their names)."""

    key: str
    position: tuple[float, float]
    template: str
    anchor: str = "center"


@dataclass(frozen=True)
class CellSpec:
    wires: tuple[Wire, ...]
    boxes: tuple[Box, ...]
    nodes: tuple[Node, ...]
    labels: tuple[Label, ...]
    title: str


LSTM = CellSpec(
    wires=(
        Wire(((0.3, 4.6), (3.0, 4.6))),  # c_{t-1} comes in
        Wire(((3.0, 4.6), (4.6, 4.6)), "f", "f"),  # what survives the forget gate
        Wire(((3.0, 2.6), (3.0, 4.35)), "f", "f"),
        Wire(((4.0, 2.6), (4.0, 3.4), (4.35, 3.4)), "i", "i"),
        Wire(((5.2, 2.6), (5.2, 3.4), (4.85, 3.4)), ALWAYS, "g"),
        Wire(((4.6, 3.65), (4.6, 4.35)), "i", "i"),  # what is written onto the line
        Wire(((4.6, 4.6), (9.7, 4.6))),  # c_t goes out
        Wire(((8.0, 4.6), (8.0, 3.75))),
        Wire(((8.0, 3.25), (8.0, 2.45))),
        Wire(((7.42, 2.2), (7.75, 2.2)), "o", "o"),
        Wire(((8.0, 1.95), (8.0, 1.2), (9.7, 1.2)), "o", "o"),  # h_t goes out
        Wire(((0.3, 1.2), (2.2, 1.2))),  # h_{t-1} comes in
        Wire(((2.2, 0.2), (2.2, 1.2))),  # x_t comes in
        Wire(((2.2, 1.2), (7.0, 1.2))),
        *(Wire(((x, 1.2), (x, 1.8))) for x in (3.0, 4.0, 5.2, 7.0)),
    ),
    boxes=(Box("f", (3.0, 2.2), "σ"), Box("i", (4.0, 2.2), "σ"), Box("g", (5.2, 2.2), "tanh"),
           Box("o", (7.0, 2.2), "σ")),
    nodes=(Node((3.0, 4.6), "×"), Node((4.6, 4.6), "+"), Node((4.6, 3.4), "×"),
           Node((8.0, 3.5), "tanh"), Node((8.0, 2.2), "×")),
    labels=(
        Label("c_prev", (0.3, 5.0), "c<sub>t−1</sub> = {c_prev:+.2f}", "left"),
        Label("kept", (3.8, 5.05), "kept: f·c<sub>t−1</sub> = {kept:+.2f}"),
        Label("written", (5.5, 3.95), "written: i·g = {written:+.2f}", "left"),
        Label("c", (9.7, 5.0), "c<sub>t</sub> = {c:+.2f}", "right"),
        Label("h_prev", (0.3, 0.85), "h<sub>t−1</sub> = {h_prev:+.2f}", "left"),
        Label("x", (2.35, 0.25), "x<sub>t</sub> = {x}", "left"),
        Label("h", (9.7, 0.85), "h<sub>t</sub> = o·tanh(c<sub>t</sub>) = {h:+.2f}", "right"),
    ),
    title="LSTM cell",
)

GRU = CellSpec(
    wires=(
        Wire(((0.3, 4.6), (3.4, 4.6))),  # h_{t-1} along the top
        Wire(((3.4, 4.6), (6.0, 4.6)), "z", "z"),  # what the update gate keeps
        Wire(((3.4, 2.7), (3.4, 4.35)), "z", "z"),
        Wire(((3.4, 3.0), (4.75, 3.0)), "z", "z"),  # z, on to 1 − z
        Wire(((5.25, 3.0), (6.0, 3.0), (6.0, 3.45)), "keep_new", "z"),
        Wire(((7.2, 2.7), (7.2, 3.7), (6.25, 3.7)), "keep_new", "g"),  # the candidate h̃
        Wire(((6.0, 3.95), (6.0, 4.35)), "keep_new", "g"),  # (1 − z)·h̃ is written
        Wire(((6.0, 4.6), (9.7, 4.6))),  # h_t goes out
        Wire(((0.3, 1.0), (2.2, 1.0))),  # h_{t-1} into the gates
        Wire(((2.2, 0.2), (2.2, 1.0))),  # x_t
        Wire(((2.2, 1.0), (7.2, 1.0), (7.2, 1.3))),
        Wire(((7.2, 1.6), (7.2, 1.9)), "r", "r"),  # what the candidate reads of h_{t-1}
        Wire(((3.4, 1.0), (3.4, 1.9))),
        Wire(((4.6, 1.0), (4.6, 1.9))),
        Wire(((5.02, 2.3), (6.3, 2.3), (6.3, 1.45), (6.95, 1.45)), "r", "r"),
    ),
    boxes=(Box("z", (3.4, 2.3), "σ"), Box("r", (4.6, 2.3), "σ"), Box("g", (7.2, 2.3), "tanh")),
    nodes=(Node((3.4, 4.6), "×"), Node((6.0, 4.6), "+"), Node((5.0, 3.0), "1−"),
           Node((6.0, 3.7), "×"), Node((7.2, 1.45), "×")),
    labels=(
        Label("h_prev", (0.3, 5.0), "h<sub>t−1</sub> = {h_prev:+.2f}", "left"),
        Label("kept", (4.7, 5.05), "kept: z·h<sub>t−1</sub> = {kept:+.2f}"),
        Label("written", (7.45, 3.85), "new: (1−z)·h̃ = {written:+.2f}", "left"),
        Label("h", (9.7, 5.0), "h<sub>t</sub> = {h:+.2f}", "right"),
        Label("h_prev_in", (0.3, 0.65), "h<sub>t−1</sub>", "left"),
        Label("x", (2.35, 0.25), "x<sub>t</sub> = {x}", "left"),
        Label("reset", (7.45, 1.45), "× r: h̃ reads {r:.0%} of h<sub>t−1</sub>'s part", "left"),
    ),
    title="GRU cell (Keras: h<sub>t</sub> = z·h<sub>t−1</sub> + (1−z)·h̃)",
)

GATE_NAMES = {"f": "forget f", "i": "input i", "g": "candidate g", "o": "output o",
              "z": "update z", "r": "reset r"}


def _x_text(x: np.ndarray | float) -> str:
    x = np.asarray(x, dtype=float).ravel()
    if x.size == 1:
        return "(not shown)" if np.isnan(x[0]) else f"{x[0]:+.2f}"
    return f"{x.size} numbers, ‖x‖ = {np.linalg.norm(x):.2f}"


def lstm_values(step, c_prev, h_prev, x, unit: int = 0) -> dict:
    """The numbers the LSTM diagram shows, for one unit of one step (``core.cells.LSTMStep``
    with batch 1; ``c_prev``, ``h_prev`` the states before it; ``x`` the input vector)."""
    def at(a):
        return float(np.asarray(a, dtype=float).reshape(-1)[unit])

    f, i, g, o, c = (at(getattr(step, k)) for k in "figoc")
    c_prev_u = at(c_prev)
    return {"f": f, "i": i, "g": g, "o": o, "c": c, "h": at(step.h), "c_prev": c_prev_u,
            "h_prev": at(h_prev), "kept": f * c_prev_u, "written": i * g, "x": _x_text(x)}


def lstm_values_at(trace, t: int, unit: int, xs: np.ndarray | None = None,
                   x_label: str | None = None) -> dict:
    """``lstm_values`` for step ``t`` of a ``core.sequences.LSTMTrace`` (sequence 0): the
    states before step t are those after t − 1 (zeros at the start). ``x_label`` names the
    input (a word, a symbol) instead of its numbers."""
    def at(name: str, step: int) -> float:
        return float(getattr(trace, name)[0, step, unit]) if step >= 0 else 0.0

    f, i, g, o = (at(k, t) for k in "figo")
    c_prev = at("c", t - 1)
    x = x_label if x_label is not None else _x_text(xs[0, t] if xs is not None else np.nan)
    return {"f": f, "i": i, "g": g, "o": o, "c": at("c", t), "h": at("h", t), "c_prev": c_prev,
            "h_prev": at("h", t - 1), "kept": f * c_prev, "written": i * g, "x": x}


def gru_values(step, h_prev, x, unit: int = 0) -> dict:
    """The numbers the GRU diagram shows (``core.cells.GRUStep``), for one unit."""
    def at(a):
        return float(np.asarray(a, dtype=float).reshape(-1)[unit])

    z, r, g, h_prev_u = at(step.z), at(step.r), at(step.candidate), at(h_prev)
    return {"z": z, "r": r, "g": g, "h": at(step.h), "h_prev": h_prev_u, "keep_new": 1 - z,
            "kept": z * h_prev_u, "written": (1 - z) * g, "x": _x_text(x)}


def _openness(values: dict, gate: str) -> float:
    if gate == ALWAYS:
        return 1.0
    value = values[gate]
    return float(abs(value)) if gate == "g" else float(np.clip(value, 0.0, 1.0))


def _wire_style(values: dict, wire: Wire) -> tuple[float, float]:
    """Line width (1-11 px) and opacity (0.15-1) from how open the wire's gate is."""
    if wire.gate == ALWAYS:
        return 3.0, 0.9
    value = _openness(values, wire.gate)
    return 1.0 + 10.0 * value, 0.15 + 0.85 * value


def _box_text(values: dict, box: Box) -> str:
    return f"<b>{box.label}</b><br>{box.gate} = {values[box.gate]:+.2f}" if box.gate == "g" \
        else f"<b>{box.label}</b><br>{box.gate} = {values[box.gate]:.2f}"


def cell_figure(spec: CellSpec, values: dict, title: str | None = None,
                height: int = 420) -> go.Figure:
    """Draw ``spec`` with ``values``; ``update_cell_figure`` restyles it in place."""
    fig = go.Figure()
    for wire in spec.wires:
        width, opacity = _wire_style(values, wire)
        xs, ys = zip(*wire.points, strict=True)
        fig.add_scatter(x=xs, y=ys, mode="lines", opacity=opacity, hoverinfo="skip",
                        line={"width": width, "color": GATE_COLORS.get(wire.color, wire.color)},
                        showlegend=False, name=f"wire {wire.gate}", meta={"gate": wire.gate})
    for node in spec.nodes:
        fig.add_scatter(x=[node.center[0]], y=[node.center[1]], mode="markers+text",
                        text=[node.symbol], textfont={"size": 13 if len(node.symbol) == 1
                                                      else 10, "color": INK},
                        marker={"size": 26, "color": "white", "line": {"width": 2, "color": INK}},
                        hoverinfo="skip", showlegend=False)
    for box in spec.boxes:
        x, y = box.center
        fig.add_shape(type="rect", x0=x - 0.42, x1=x + 0.42, y0=y - 0.4, y1=y + 0.4,
                      line={"color": INK, "width": 1.5}, fillcolor=GATE_COLORS[box.gate],
                      opacity=0.25 + 0.75 * _openness(values, box.gate), layer="below")
        fig.add_annotation(x=x, y=y, text=_box_text(values, box), showarrow=False,
                           font={"size": 12, "color": INK}, bgcolor="rgba(255,255,255,0.75)")
    for label in spec.labels:
        fig.add_annotation(x=label.position[0], y=label.position[1], showarrow=False,
                           text=label.template.format(**values), xanchor=label.anchor,
                           font={"size": 12, "color": INK})
    fig.add_shape(type="rect", x0=1.6, x1=8.9, y0=0.75, y1=5.35, layer="below",
                  line={"color": "#bbbbbb", "width": 1, "dash": "dot"})
    return style(fig, title=title or spec.title, height=height,
                 margin={"l": 10, "r": 10, "t": 45, "b": 10}, plot_bgcolor="white",
                 xaxis={"visible": False, "range": [0, 10]},
                 yaxis={"visible": False, "range": [0, 5.6], "scaleanchor": "x"})


def update_cell_figure(fig: go.Figure, spec: CellSpec, values: dict,
                       title: str | None = None) -> None:
    """Restyle a ``cell_figure`` in place: wire widths and shades, gate values, labels."""
    n_wires = len(spec.wires)
    box_notes = len(spec.boxes)
    with fig.batch_update():
        for trace, wire in zip(fig.data[:n_wires], spec.wires, strict=True):
            if wire.gate != ALWAYS:  # the others never change
                trace.line.width, trace.opacity = _wire_style(values, wire)
        for shape, box in zip(fig.layout.shapes, spec.boxes, strict=False):
            shape.opacity = 0.25 + 0.75 * _openness(values, box.gate)
        notes = fig.layout.annotations
        for note, box in zip(notes[:box_notes], spec.boxes, strict=True):
            note.text = _box_text(values, box)
        for note, label in zip(notes[box_notes:], spec.labels, strict=True):
            note.text = label.template.format(**values)
        if title is not None:
            fig.layout.title.text = title


def lstm_cell_figure(values: dict, title: str | None = None, height: int = 420) -> go.Figure:
    """The LSTM cell with ``lstm_values``'s numbers on it. Used in lessons 02, 03, 05."""
    return cell_figure(LSTM, values, title, height)


def gru_cell_figure(values: dict, title: str | None = None, height: int = 420) -> go.Figure:
    """The GRU cell with ``gru_values``'s numbers on it. Used in lesson 07."""
    return cell_figure(GRU, values, title, height)


def wire_widths(fig: go.Figure, spec: CellSpec) -> dict[str, float]:
    """The drawn width of the widest wire of each gate: what a test (or a learner) reads
    off the picture."""
    widths: dict[str, float] = {}
    for trace, wire in zip(fig.data[: len(spec.wires)], spec.wires, strict=True):
        if wire.gate != ALWAYS:
            widths[wire.gate] = max(widths.get(wire.gate, 0.0), float(trace.line.width))
    return widths
