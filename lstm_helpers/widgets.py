"""Widget wiring only: controls that call figure updaters. No maths lives here."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from lstm_helpers.display import FallbackBox, static_copy
from lstm_helpers.figures import sigmoid_gate_figure, update_sigmoid_gate_figure


def _slider(description: str, value: float, low: float, high: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=0.1, description=description,
        continuous_update=True, readout_format=".1f",
        style={"description_width": "170px"}, layout={"width": "440px"},
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
    box = FallbackBox([widgets.HBox([weight, bias]), x_value, fig], lambda: static_copy(fig))
    box.figure = fig  # handle for tests and for the learner to inspect
    box.controls = {"weight": weight, "bias": bias, "x": x_value}
    return box


def vanishing_gradient_explorer(xs, units: int = 16, seed: int = 0) -> widgets.VBox:
    """Sliders for the recurrent weight scale and the forget bias over the BPTT norms. Lesson 01."""
    from lstm_helpers import figures, gradients, initializers

    input_dim = xs.shape[1]
    scale = _slider("recurrent weight scale", 1.0, 0.1, 2.0)
    scale.step = 0.05
    forget = _slider("LSTM forget-gate bias", 1.0, -4.0, 8.0)

    def norms() -> tuple:
        rnn = initializers.random_rnn_weights(input_dim, units, scale.value, seed)
        lstm = initializers.random_lstm_weights(input_dim, units, scale.value, forget.value, seed)
        return gradients.rnn_gradient_norms(xs, rnn), gradients.lstm_gradient_norms(xs, lstm)

    fig = go.FigureWidget(figures.gradient_norms_figure(*norms()))

    def redraw(_change: object = None) -> None:
        figures.update_gradient_norms_figure(fig, *norms())

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
    from lstm_helpers import gate_figures
    from lstm_helpers.cells import LSTMWeights, lstm_step

    state = {"x": _slider("input xₜ", 1.0, -3.0, 3.0),
             "h": _slider("previous hₜ₋₁", 0.0, -1.0, 1.0),
             "c": _slider("old memory cₜ₋₁", 1.0, -3.0, 3.0)}
    gates = {}
    for gate, label in zip("figo", ("forget f", "input i", "candidate g", "output o"), strict=True):
        if simple:
            gates[gate] = {"b": _slider(f"z_{gate} ({label})", 0.0, -8.0, 8.0)}
        else:
            gates[gate] = {"wx": _slider(f"{label}: weight on x", 0.5, -4.0, 4.0),
                           "wh": _slider(f"{label}: weight on h", 0.5, -4.0, 4.0),
                           "b": _slider(f"{label}: bias", 0.0, -8.0, 8.0)}
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

    fig = go.FigureWidget(gate_figures.gate_explorer_figure(step(), state["c"].value))
    holding = {"on": False}

    def redraw(_change: object = None) -> None:
        if not holding["on"]:
            gate_figures.update_gate_explorer_figure(fig, step(), state["c"].value)

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
    box = FallbackBox([widgets.HBox(buttons, layout=wrap), *rows, fig], lambda: static_copy(fig))
    box.figure, box.apply_preset = fig, apply_preset
    box.controls = {**{k: v for k, v in state.items()},
                    **{f"{g}_{k}": s for g, d in gates.items() for k, s in d.items()}}
    return box


def recall_sequence_explorer(model, default: str, max_units: int = 8) -> widgets.VBox:
    """Type a recall sequence, see the trained LSTM's gates animate over it. Lesson 03."""
    from lstm_helpers import animations, recall_task
    from lstm_helpers.keras_bridge import classifier_trace

    text = widgets.Text(value=default, description="sequence", layout={"width": "420px"},
                        placeholder="e.g. C w x y z w", continuous_update=False)
    button = widgets.Button(description="animate", button_style="primary")
    out = widgets.Output()
    shown: dict = {"figure": None}  # the last animation, also the static fallback

    def animate(_button: object = None) -> None:
        out.outputs = ()  # works with or without a live kernel, unlike clear_output
        try:
            tokens = recall_task.parse_sequence(text.value)
        except recall_task.SequenceError as err:
            out.append_stdout(f"⚠️  {err}\n")
            return
        trace, probs = classifier_trace(model, recall_task.encode(tokens))
        guess = recall_task.SYMBOLS[int(probs[0, -1].argmax())]
        out.append_stdout(f"The LSTM answers {guess} (p = {probs[0, -1].max():.2f}); "
                          f"the first symbol was {tokens[0]}.\n")
        units = animations.most_active_units(trace, max_units)
        shown["figure"] = animations.gate_animation_figure(tokens, trace, probs,
                                                          recall_task.SYMBOLS, units)
        out.append_display_data(shown["figure"])

    button.on_click(animate)
    text.observe(animate, names="value")  # Enter in the box animates too
    animate()
    box = FallbackBox([widgets.HBox([text, button]), out], lambda: shown["figure"])
    box.text, box.animate, box.output = text, animate, out
    return box
