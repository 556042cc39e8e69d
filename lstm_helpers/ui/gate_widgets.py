"""Lessons 00-02's explorers: a gate's sigmoid, vanishing gradients, and the LSTM cell under
sliders. Wiring only: the maths is in ``core``, the pictures in ``viz``.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from lstm_helpers.core import gradients, initializers
from lstm_helpers.core.cells import GRUWeights, LSTMWeights, gru_step, lstm_step
from lstm_helpers.ui.display import FallbackBox, live_figure, static_copy
from lstm_helpers.viz import cell_diagram, gate_figures, gradient_figures


def slider(description: str, value: float, low: float, high: float, step: float = 0.1,
           width: str = "170px") -> widgets.FloatSlider:
    """A continuous slider whose whole description fits (no "temperat…")."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        continuous_update=True, readout_format=".2f" if step < 0.1 else ".1f",
        style={"description_width": width},
        layout={"width": f"{int(width.removesuffix('px')) + 270}px"},
    )


def sigmoid_gate_explorer(n_points: int = 201) -> widgets.VBox:
    """Sliders for w, b and x next to a live σ(w·x + b) figure. Used in lesson 00."""
    weight = slider("weight w", 1.0, -10.0, 10.0, width="80px")
    bias = slider("bias b", 0.0, -10.0, 10.0, width="80px")
    x_value = slider("input x", 1.0, -6.0, 6.0, width="80px")
    fig = live_figure(gate_figures.sigmoid_gate_figure(weight.value, bias.value,
                                                           x_value.value, n_points))

    def redraw(_change: object = None) -> None:
        gate_figures.update_sigmoid_gate_figure(fig, weight.value, bias.value, x_value.value)

    for control in (weight, bias, x_value):
        control.observe(redraw, names="value")
    box = FallbackBox([widgets.HBox([weight, bias]), x_value, fig], lambda: static_copy(fig))
    box.figure = fig  # handle for tests and for the learner to inspect
    box.controls = {"weight": weight, "bias": bias, "x": x_value}
    return box


def vanishing_gradient_explorer(xs, units: int = 16, seed: int = 0) -> widgets.VBox:
    """Sliders for the recurrent weight scale and the forget bias over the BPTT norms.

    Used in lesson 01.
    """
    input_dim = xs.shape[1]
    scale = slider("recurrent weight scale", 1.0, 0.1, 2.0, step=0.05)
    forget = slider("LSTM forget-gate bias", 1.0, -4.0, 8.0)

    def norms() -> tuple:
        rnn = initializers.random_rnn_weights(input_dim, units, scale.value, seed)
        lstm = initializers.random_lstm_weights(input_dim, units, scale.value, forget.value, seed)
        return gradients.rnn_gradient_norms(xs, rnn), gradients.lstm_gradient_norms(xs, lstm)

    fig = live_figure(gradient_figures.gradient_norms_figure(*norms()))

    def redraw(_change: object = None) -> None:
        gradient_figures.update_gradient_norms_figure(fig, *norms())

    for control in (scale, forget):
        control.observe(redraw, names="value")
    box = FallbackBox([widgets.HBox([scale, forget]), fig], lambda: static_copy(fig))
    box.figure, box.controls = fig, {"scale": scale, "forget_bias": forget}
    return box


# Biases that push a gate fully shut (−6 → σ ≈ 0.002) or fully open (+6 → σ ≈ 0.998).
PRESETS = {
    "forget everything": {"f": -6.0, "i": -6.0},
    "keep memory": {"f": 6.0, "i": -6.0},
    "write new": {"f": -6.0, "i": 6.0},
    "read out": {"o": 6.0},
}


def gate_explorer(simple: bool = False) -> widgets.VBox:
    """One LSTM unit under sliders: x_t, h_{t-1}, c_{t-1} and each gate's weights and bias.

    ``simple=True`` gives one slider per gate pre-activation instead. Preset buttons set the
    gates to the four classic moves. Used in lesson 02.
    """
    state = {"x": slider("input xₜ", 1.0, -3.0, 3.0),
             "h": slider("previous hₜ₋₁", 0.0, -1.0, 1.0),
             "c": slider("old memory cₜ₋₁", 1.0, -3.0, 3.0)}
    gates = {}
    for gate, label in zip("figo", ("forget f", "input i", "candidate g", "output o"), strict=True):
        if simple:
            gates[gate] = {"b": slider(f"z_{gate} ({label})", 0.0, -8.0, 8.0)}
        else:
            gates[gate] = {"wx": slider(f"{label}: weight on x", 0.5, -4.0, 4.0),
                           "wh": slider(f"{label}: weight on h", 0.5, -4.0, 4.0),
                           "b": slider(f"{label}: bias", 0.0, -8.0, 8.0)}
    if simple:  # pre-activations are set directly: inputs play no part
        state = {"c": state["c"]}

    def step():
        order = "ifgo"  # Keras's layout
        wx = [0.0 if simple else gates[g]["wx"].value for g in order]
        wh = [0.0 if simple else gates[g]["wh"].value for g in order]
        weights = LSTMWeights(kernel=[wx], recurrent_kernel=[wh],
                              bias=[gates[g]["b"].value for g in order])
        x = state["x"].value if "x" in state else 0.0
        h = state["h"].value if "h" in state else 0.0
        return lstm_step(np.array([[x]]), np.array([[h]]), np.array([[state["c"].value]]), weights)

    def diagram_values(now) -> dict:
        x = state["x"].value if "x" in state else np.nan  # simple mode: the z sliders only
        h = state["h"].value if "h" in state else 0.0
        return cell_diagram.lstm_values(now, [[state["c"].value]], [[h]], x)

    first = step()
    fig = live_figure(gate_figures.gate_explorer_figure(first, state["c"].value))
    diagram = live_figure(cell_diagram.lstm_cell_figure(diagram_values(first), height=380))
    holding = {"on": False}

    def redraw(_change: object = None) -> None:
        if not holding["on"]:
            now = step()
            gate_figures.update_gate_explorer_figure(fig, now, state["c"].value)
            cell_diagram.update_cell_figure(diagram, cell_diagram.LSTM, diagram_values(now))

    def apply_preset(name: str) -> None:
        holding["on"] = True
        for gate, bias in PRESETS[name].items():
            if not simple:
                gates[gate]["wx"].value = gates[gate]["wh"].value = 0.0
            gates[gate]["b"].value = bias
        holding["on"] = False
        redraw()

    controls = [*state.values(), *(s for g in gates.values() for s in g.values())]
    for control in controls:
        control.observe(redraw, names="value")
    buttons = []
    for name in PRESETS:
        button = widgets.Button(description=name, layout={"width": "150px"})
        button.on_click(lambda _b, name=name: apply_preset(name))
        buttons.append(button)
    wrap = {"flex_flow": "row wrap"}  # narrow screens: sliders wrap instead of overflowing
    rows = [widgets.HBox(list(state.values()), layout=wrap)]
    rows += [widgets.HBox(list(g.values()), layout=wrap) for g in gates.values()]
    box = FallbackBox([widgets.HBox(buttons, layout=wrap), *rows, diagram, fig],
                      lambda: static_copy(diagram))
    box.figure, box.diagram, box.apply_preset = fig, diagram, apply_preset
    box.controls = {**{k: v for k, v in state.items()},
                    **{f"{g}_{k}": s for g, d in gates.items() for k, s in d.items()}}
    return box


def gru_explorer() -> widgets.VBox:
    """One GRU unit under sliders (update and reset pre-activations, candidate input, the
    old state), drawn as the GRU cell diagram. Used in lesson 07."""
    sliders = {"z": slider("z_z (update gate)", 1.0, -8.0, 8.0),
               "r": slider("z_r (reset gate)", 0.0, -8.0, 8.0),
               "x": slider("candidate input xₜ", 0.5, -3.0, 3.0),
               "h": slider("old state hₜ₋₁", 0.8, -1.0, 1.0)}

    def values() -> dict:
        # Pre-activations set directly through the biases; the candidate reads x and h.
        weights = GRUWeights(kernel=[[0.0, 0.0, 1.0]], recurrent_kernel=[[0.0, 0.0, 1.0]],
                             bias=[[sliders["z"].value, sliders["r"].value, 0.0], [0.0] * 3])
        h_prev = np.array([[sliders["h"].value]])
        now = gru_step(np.array([[sliders["x"].value]]), h_prev, weights)
        return cell_diagram.gru_values(now, h_prev, sliders["x"].value)

    diagram = live_figure(cell_diagram.gru_cell_figure(values(), height=380))

    def redraw(_change: object = None) -> None:
        cell_diagram.update_cell_figure(diagram, cell_diagram.GRU, values())

    for control in sliders.values():
        control.observe(redraw, names="value")
    wrap = {"flex_flow": "row wrap"}
    box = FallbackBox([widgets.HBox(list(sliders.values()), layout=wrap), diagram],
                      lambda: static_copy(diagram))
    box.diagram, box.controls = diagram, sliders
    return box
