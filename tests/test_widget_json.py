"""What a widget sends to the browser must be valid JSON: a NaN or inf in a FigureWidget's
state or update shows the learner a red "Message serialization failed … Out of range float
values are not JSON compliant" box (lesson 03). 1-D float arrays travel as binary buffers,
where NaN is allowed; everything else goes through ``json.dumps(allow_nan=False)``."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.serializers import _py_to_js

from lstm_helpers.core.sequences import LSTMTrace
from lstm_helpers.data import recall_task
from lstm_helpers.viz import recall_figures


def _as_wire_json(value) -> str:
    """``value`` serialised as ipywidgets does: plotly's serializer, then strict JSON."""
    return json.dumps(_py_to_js(value, None), allow_nan=False,
                      default=lambda v: None if isinstance(v, memoryview) else repr(v))


def assert_widget_json_safe(figure: go.FigureWidget) -> None:
    """The widget's initial state and its current data both serialise to strict JSON."""
    state = figure.get_state()
    state = {k: v for k, v in state.items() if not isinstance(v, bytes | memoryview)}
    _as_wire_json(state)
    _as_wire_json(figure.to_plotly_json())


def _fake_trace(steps: int, units: int = 4, seed: int = 0) -> LSTMTrace:
    rng = np.random.default_rng(seed)
    gates = {k: rng.uniform(0, 1, (1, steps, units)) for k in "ifo"}
    g = np.tanh(rng.normal(size=(1, steps, units)))
    c = np.cumsum(gates["i"] * g, axis=1)
    return LSTMTrace(h=gates["o"] * np.tanh(c), c=c, g=g, **gates)


def test_recall_figure_widget_state_holds_no_nan():
    tokens = ["A", "w", "x", "y", "z"]
    trace = _fake_trace(len(tokens))
    probs = np.full((1, len(tokens), len(recall_task.SYMBOLS)), 0.25)
    units = np.arange(4)
    fig = go.FigureWidget(recall_figures.gate_steps_figure(
        tokens, trace, probs, recall_task.SYMBOLS, units))
    assert_widget_json_safe(fig)
    assert fig.data[0].z[0][1] is None  # hidden tokens are blanks, not NaN
    for upto in (0, 2, len(tokens) - 1):
        recall_figures.update_gate_steps_figure(fig, tokens, trace, probs, units, upto)
        assert_widget_json_safe(fig)


def test_the_json_check_catches_a_nan_heatmap():
    fig = go.FigureWidget(go.Figure(go.Heatmap(z=[[1.0, np.nan], [0.0, 1.0]])))
    with pytest.raises(ValueError, match="Out of range float"):
        assert_widget_json_safe(fig)


def test_the_lesson_03_explorer_sends_valid_json():
    keras = pytest.importorskip("keras")
    from lstm_helpers.models.recall_models import build_recall_model
    from lstm_helpers.ui.recall_widgets import recall_sequence_explorer

    keras.utils.set_random_seed(0)
    model = build_recall_model("LSTM", 6, len(recall_task.VOCAB), len(recall_task.SYMBOLS))
    box = recall_sequence_explorer(model, default="A y y w x z w y")
    for figure in (box.figure, box.diagram):
        assert_widget_json_safe(figure)
    box.text.value = "D w w w x"
    box.step.value = 2
    for figure in (box.figure, box.diagram):
        assert_widget_json_safe(figure)


@pytest.fixture
def comm_log(monkeypatch):
    """Every comm opened (with its first state) and every state update sent, in order."""
    import ipywidgets.widgets.widget as widget_module

    log, real = [], widget_module.comm.create_comm

    def create_comm(**kwargs):
        state = kwargs["data"]["state"]
        log.append(("open", state.get("_widget_data"), state.get("_widget_layout")))
        opened = real(**kwargs)
        send = opened.send

        def recorded(data=None, **more):
            log.append(("update", sorted((data or {}).get("state", {}))))
            return send(data, **more)

        opened.send = recorded
        return opened

    monkeypatch.setattr(widget_module.comm, "create_comm", create_comm)
    return log


@pytest.mark.parametrize("make", ["gru_explorer", "sigmoid_gate_explorer", "gate_explorer"])
def test_explorer_figures_are_born_with_their_traces(comm_log, make):
    """plotly's own FigureWidget opens its front-end model empty and sends the traces in a
    later update, which a view drawn in between never shows (lesson 07's (then 06's) blank GRU
    explorer). Every explorer figure's first message must already hold its traces."""
    from lstm_helpers.ui import gate_widgets

    getattr(gate_widgets, make)()
    figures = [entry for entry in comm_log if entry[0] == "open" and entry[1] is not None]
    assert figures, "no figure widget opened"
    for _, data, layout in figures:
        assert len(data) > 0 and layout, "a figure widget opened without its traces"
    assert not any(entry[0] == "update" and "_widget_data" in entry[1] for entry in comm_log)


def test_lesson_10_stepper_counts_steps_from_1_like_its_title():
    from lstm_helpers.ui.series_widgets import gate_stepper

    trace = _fake_trace(steps=5)
    labels = ["Jan", "Feb", "Mar", "Apr", "May"]
    box = gate_stepper(trace, unit=2, labels=labels, title="unit 2")
    assert (box.step.min, box.step.max, box.step.value) == (1, 5, 1)
    assert (box.play.min, box.play.max) == (1, 5)
    assert "step 1: Jan" in box.figure.layout.title.text
    box.step.value = 5
    assert "step 5: May" in box.figure.layout.title.text
    assert_widget_json_safe(box.figure)


def test_live_figures_show_the_mode_bar_only_on_hover(comm_log):
    from lstm_helpers.ui.display import live_figure

    fig = live_figure(go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"title": "a title"}))
    assert fig._config["displayModeBar"] == "hover"
    opened = [entry for entry in comm_log if entry[0] == "open"]
    assert len(opened) == 1 and len(opened[0][1]) == 1  # born with its one trace
