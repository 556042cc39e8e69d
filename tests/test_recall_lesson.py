"""Lesson 03's task, models, NumPy read-out, animation and sequence box."""

import keras
import numpy as np
import pytest

from lstm_helpers.core.inside import most_active_units
from lstm_helpers.data import recall_task
from lstm_helpers.data.recall_task import SequenceError, parse_sequence
from lstm_helpers.models.bridge import classifier_trace
from lstm_helpers.models.recall_models import build_recall_model
from lstm_helpers.ui.recall_widgets import recall_sequence_explorer
from lstm_helpers.viz import recall_figures


def test_recall_data_answers_are_the_first_symbols():
    x, y = recall_task.make_recall_data(50, distractors=7, seed=1)
    assert x.shape == (50, 8, len(recall_task.VOCAB))
    np.testing.assert_array_equal(x[:, 0].argmax(axis=1), y)
    assert np.all(x[:, 1:].argmax(axis=2) >= len(recall_task.SYMBOLS))  # only distractors after
    np.testing.assert_array_equal(x.sum(axis=2), 1.0)


def test_noise_touches_only_the_distractor_steps():
    clean, y = recall_task.make_recall_data(40, distractors=5, seed=4)
    noisy, y_noisy = recall_task.make_recall_data(40, distractors=5, seed=4, noise=1.0)
    np.testing.assert_array_equal(y, y_noisy)
    np.testing.assert_array_equal(noisy[:, 0], clean[:, 0])
    assert 0.8 < np.std(noisy[:, 1:] - clean[:, 1:]) < 1.2


@pytest.mark.parametrize(("text", "tokens"), [("A w x", ["A", "w", "x"]), ("Bzz", ["B", "z", "z"]),
                                              ("  D  ", ["D"])])
def test_sequences_parse_with_or_without_spaces(text, tokens):
    assert parse_sequence(text) == tokens


@pytest.mark.parametrize(("text", "message"), [
    ("", "The sequence is empty"), ("   ", "The sequence is empty"),
    ("A q 7", "Unknown symbol(s) '7', 'q'"), ("w A", "first symbol must be one to remember"),
])
def test_bad_sequences_say_what_to_type(text, message):
    with pytest.raises(SequenceError) as err:
        parse_sequence(text)
    assert message in str(err.value) and "A B C D" in str(err.value)


@pytest.fixture(scope="module")
def small_model():
    keras.utils.set_random_seed(0)
    return build_recall_model("LSTM", 6, len(recall_task.VOCAB), len(recall_task.SYMBOLS))


def test_lstm_starts_with_open_forget_and_half_shut_input_gates(small_model):
    bias = small_model.get_layer("lstm").get_weights()[2]
    np.testing.assert_array_equal(bias[:6], -1.0)
    np.testing.assert_array_equal(bias[6:12], 3.0)


def test_numpy_readout_equals_keras_predict(small_model):
    x, _ = recall_task.make_recall_data(16, 9, seed=2)
    trace, probs = classifier_trace(small_model, x)
    np.testing.assert_allclose(probs[:, -1], small_model.predict(x, verbose=0), atol=1e-5)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, atol=1e-12)
    assert trace.c.shape == (16, 10, 6)


def test_animation_has_one_frame_per_token_and_plays_without_a_transition(small_model):
    tokens = parse_sequence("C w x y")
    trace, probs = classifier_trace(small_model, recall_task.encode(tokens))
    units = most_active_units(trace, 3)
    fig = recall_figures.gate_animation_figure(tokens, trace, probs, recall_task.SYMBOLS, units)
    assert len(fig.frames) == 4 and len(fig.layout.sliders[0].steps) == 4
    last = fig.frames[-1].data
    np.testing.assert_allclose(last[2].z, trace.c[0][:, units].T)  # every column revealed
    assert np.isnan(fig.frames[0].data[0].z[:, 1:]).all()  # later tokens hidden at first
    play = fig.layout.updatemenus[0].buttons[0].args[1]
    assert play["transition"]["duration"] == 0  # heatmaps go blank while a transition runs
    assert all(step.args[1]["transition"]["duration"] == 0 for step in fig.layout.sliders[0].steps)
    assert all(trace.colorbar.title.text for trace in fig.data[:3])  # read by a colour bar


def test_sequence_box_redraws_the_figure_in_place_for_a_new_sequence(small_model):
    box = recall_sequence_explorer(small_model, default="A w w")
    figure = box.figure
    box.text.value = "D w w w w x y z x y z"
    assert box.figure is figure  # the same widget, updated
    assert list(figure.layout.xaxis.ticktext) == "D w w w w x y z x y z".split()
    assert len(figure.data[0].z[0]) == 11
    box.step.value = 5
    revealed = np.array([[v is not None for v in row] for row in figure.data[0].z])
    assert revealed[:, :6].all() and not revealed[:, 6:].any()
    assert "first symbol was <b>D</b>" in box.answer.value
    static = box._repr_mimebundle_()["application/vnd.plotly.v1+json"]
    assert len(static["frames"]) == 11  # viewers without widgets get the animation


def test_sequence_box_explains_a_typo_instead_of_raising(small_model):
    box = recall_sequence_explorer(small_model, default="A w w")
    box.text.value = "A q"
    assert "Unknown symbol(s) &#x27;q&#x27;" in box.answer.value


def test_recall_model_refuses_other_kinds_and_builds_a_gru():
    with pytest.raises(ValueError, match="'SimpleRNN', 'LSTM', 'GRU'"):
        build_recall_model("Transformer", 4, 8, 4)
    assert build_recall_model("GRU", 4, 8, 4).get_layer("gru").units == 4
