"""Widget wiring only: controls that call figure updaters. No maths lives here."""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from lstm_helpers.figures import sigmoid_gate_figure, update_sigmoid_gate_figure


def _slider(description: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=0.1, description=description,
        continuous_update=True, readout_format=".1f",
        style={"description_width": "initial"}, layout={"width": "420px"},
    )


def sigmoid_gate_explorer(n_points: int = 201) -> widgets.VBox:
    """Sliders for w, b and x next to a live σ(w·x + b) figure. Used in lesson 00."""
    weight = _slider("weight w", 1.0, -10.0, 10.0)
    bias = _slider("bias b", 0.0, -10.0, 10.0)
    x_value = _slider("input x", 1.0, -6.0, 6.0)
    fig = go.FigureWidget(sigmoid_gate_figure(weight.value, bias.value, x_value.value, n_points))

    def redraw(_change: object = None) -> None:
        update_sigmoid_gate_figure(fig, weight.value, bias.value, x_value.value)

    for control in (weight, bias, x_value):
        control.observe(redraw, names="value")
    box = widgets.VBox([widgets.HBox([weight, bias]), x_value, fig])
    box.figure = fig  # handle for tests and for the learner to inspect
    box.controls = {"weight": weight, "bias": bias, "x": x_value}
    return box
