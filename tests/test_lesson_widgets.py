"""Lessons 01, 02 and 04: the gradient and gate explorers and the generate button, driven like
a learner."""

import keras
import numpy as np
import pytest

from lstm_helpers.core import gradients, initializers
from lstm_helpers.core.activations import sigmoid
from lstm_helpers.course import checks
from lstm_helpers.ui import gate_widgets as widgets
from lstm_helpers.viz import diagrams


def test_gradient_explorer_recomputes_on_every_slider():
    xs = np.random.default_rng(0).normal(size=(12, 3))
    box = widgets.vanishing_gradient_explorer(xs, units=4, seed=1)
    fig = box.figure
    box.controls["scale"].value = 0.5
    expected = gradients.rnn_gradient_norms(xs, initializers.random_rnn_weights(3, 4, 0.5, 1))
    np.testing.assert_allclose(fig.data[0].y, np.maximum(expected, 1e-30))
    box.controls["forget_bias"].value = 6.0
    lstm = initializers.random_lstm_weights(3, 4, 0.5, 6.0, 1)
    np.testing.assert_allclose(fig.data[1].y, np.maximum(gradients.lstm_gradient_norms(xs, lstm),
                                                         1e-30))


def test_gradient_explorer_extremes_stay_drawable():
    xs = np.random.default_rng(0).normal(size=(40, 3))
    box = widgets.vanishing_gradient_explorer(xs, units=4)
    for name in ("scale", "forget_bias"):
        for end in ("min", "max"):
            box.controls[name].value = getattr(box.controls[name], end)
            for trace in box.figure.data:
                assert np.all(np.isfinite(trace.y)) and np.all(np.asarray(trace.y) > 0)


def bars(box):
    gates, path = (np.asarray(trace.y, dtype=float) for trace in box.figure.data)
    return dict(zip("figo", gates, strict=True)), path


def test_simple_explorer_follows_the_lstm_equations():
    box = widgets.gate_explorer(simple=True)
    box.controls["f_b"].value, box.controls["i_b"].value = 2.0, -1.0
    box.controls["g_b"].value, box.controls["o_b"].value = 0.5, 3.0
    box.controls["c"].value = -2.0
    f, i, g, o = sigmoid(2.0), sigmoid(-1.0), np.tanh(0.5), sigmoid(3.0)
    c = f * -2.0 + i * g
    gates, path = bars(box)
    np.testing.assert_allclose([gates[k] for k in "figo"], [f, i, g, o])
    np.testing.assert_allclose(path, [-2.0, f * -2.0, i * g, c, np.tanh(c), o * np.tanh(c)])


def test_full_explorer_uses_weights_on_x_and_h():
    box = widgets.gate_explorer(simple=False)
    ctl = box.controls
    ctl["x"].value, ctl["h"].value = 2.0, -0.5
    ctl["f_wx"].value, ctl["f_wh"].value, ctl["f_b"].value = 1.5, 2.0, 0.3
    gates, _ = bars(box)
    assert gates["f"] == pytest.approx(float(sigmoid(1.5 * 2.0 + 2.0 * -0.5 + 0.3)))


@pytest.mark.parametrize(("preset", "expect"), [
    ("forget everything", {"f": 0.0, "i": 0.0}), ("keep memory", {"f": 1.0, "i": 0.0}),
    ("write new", {"f": 0.0, "i": 1.0}), ("read out", {"o": 1.0}),
])
@pytest.mark.parametrize("simple", [True, False])
def test_presets_set_the_named_gates(preset, expect, simple):
    box = widgets.gate_explorer(simple=simple)
    box.apply_preset(preset)
    gates, _ = bars(box)
    for gate, value in expect.items():
        assert gates[gate] == pytest.approx(value, abs=0.003), gate


def test_every_explorer_slider_at_its_extremes_gives_finite_bars():
    box = widgets.gate_explorer(simple=False)
    for control in box.controls.values():
        for end in (control.min, control.max):
            control.value = end
            gates, path = bars(box)
            assert np.all(np.isfinite(list(gates.values()))) and np.all(np.isfinite(path))


def test_diagrams_draw_every_kind():
    fig = diagrams.rnn_kinds_figure()
    titles = [a.text for a in fig.layout.annotations][: len(diagrams.KINDS)]
    assert titles == list(diagrams.KINDS)  # make_subplots puts the panel titles first
    assert len(diagrams.unrolled_rnn_figure(steps=5).layout.shapes) > 10


@pytest.mark.parametrize(("kind", "input_dim", "units"),
                         [("SimpleRNN", 3, 4), ("LSTM", 1, 2), ("LSTM", 8, 32), ("GRU", 5, 7)])
def test_parameter_formula_matches_keras(kind, input_dim, units):
    layer = getattr(keras.layers, kind)(units)
    layer.build((None, None, input_dim))
    assert checks.lstm_param_count(kind, input_dim, units) == layer.count_params()


def test_explorers_carry_a_static_figure_for_viewers_without_widgets():
    from lstm_helpers.ui.display import PLOTLY_MIME, WIDGET_MIME

    box = widgets.gate_explorer(simple=True)
    box.apply_preset("keep memory")
    bundle = box._repr_mimebundle_()
    assert WIDGET_MIME in bundle and PLOTLY_MIME in bundle
    notes = [a["text"] for a in bundle[PLOTLY_MIME]["layout"]["annotations"]]
    assert any("f = 1.00" in n for n in notes)  # the diagram as the preset left it
    xs = np.random.default_rng(0).normal(size=(5, 3))
    for live in (widgets.sigmoid_gate_explorer(21), widgets.vanishing_gradient_explorer(xs, 3)):
        assert PLOTLY_MIME in live._repr_mimebundle_()


def test_the_cell_diagram_follows_the_gate_sliders():
    from lstm_helpers.viz import cell_diagram

    box = widgets.gate_explorer(simple=True)
    box.controls["f_b"].value = 8.0
    open_widths = cell_diagram.wire_widths(box.diagram, cell_diagram.LSTM)
    box.controls["f_b"].value = -8.0  # close the forget gate: the kept wire goes thin
    shut_widths = cell_diagram.wire_widths(box.diagram, cell_diagram.LSTM)
    assert open_widths["f"] > 10 and shut_widths["f"] < 1.1
    assert shut_widths["i"] == open_widths["i"]  # the other gates did not move
    notes = [a.text for a in box.diagram.layout.annotations]
    assert any("f = 0.00" in n for n in notes)
    c_prev, f = box.controls["c"].value, float(sigmoid(-8.0))
    assert any(f"kept: f·c<sub>t−1</sub> = {f * c_prev:+.2f}" in n for n in notes)


def test_the_gru_explorer_draws_keras_convention():
    from lstm_helpers.viz import cell_diagram

    box = widgets.gru_explorer()
    box.controls["z"].value = 8.0  # z ≈ 1: keep the old state
    widths = cell_diagram.wire_widths(box.diagram, cell_diagram.GRU)
    assert widths["z"] > 10 and widths["keep_new"] < 1.1
    h = box.controls["h"].value
    notes = [a.text for a in box.diagram.layout.annotations]
    assert any(f"h<sub>t</sub> = {h:+.2f}" in n for n in notes)


def test_generate_draws_with_a_fresh_seed_per_press(monkeypatch):
    """Pressing "generate" again must give new text: the first draw uses the panel's seed,
    each press the next one, so a rerun repeats the same sequence."""
    from lstm_helpers.ui import text_widgets

    vocab = ["", "[UNK]", "the", "film", "was", "good"]
    index = {w: i for i, w in enumerate(vocab)}

    def vectorize(texts):
        return np.array([[index.get(w, 1) for w in t.split()] for t in texts])

    seeds = []

    def generate(model, ids, n_words, temperature, seed):
        seeds.append(seed)
        return [2 + seed % 4] * n_words

    monkeypatch.setattr(text_widgets.language_models, "generate", generate)
    panel = text_widgets.generation_panel(None, vectorize, dict(enumerate(vocab)),
                                          default="the film", seed=5)
    first = panel.output.value
    panel.run()
    panel.run()
    assert seeds == [5, 6, 7]
    assert "random seed 7" in panel.output.value and panel.output.value != first
    panel.seed_text.value = "?!"
    panel.run()  # a message, not a draw: the seeds go on where they were
    panel.seed_text.value = "the film"
    panel.run()
    assert seeds == [5, 6, 7, 8]
