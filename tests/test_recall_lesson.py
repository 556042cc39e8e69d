"""Lesson 03's task, models, NumPy read-out, animation and sequence box."""

import numpy as np
import pytest

from lstm_helpers import animations, recall_task
from lstm_helpers.recall_task import SequenceError, parse_sequence

keras = pytest.importorskip("keras")


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
    from lstm_helpers.models import build_recall_model

    keras.utils.set_random_seed(0)
    return build_recall_model("LSTM", 6, len(recall_task.VOCAB), len(recall_task.SYMBOLS))


def test_lstm_starts_with_open_forget_and_half_shut_input_gates(small_model):
    bias = small_model.get_layer("lstm").get_weights()[2]
    np.testing.assert_array_equal(bias[:6], -1.0)
    np.testing.assert_array_equal(bias[6:12], 3.0)


def test_numpy_readout_equals_keras_predict(small_model):
    x, _ = recall_task.make_recall_data(16, 9, seed=2)
    from lstm_helpers.keras_bridge import classifier_trace

    trace, probs = classifier_trace(small_model, x)
    np.testing.assert_allclose(probs[:, -1], small_model.predict(x, verbose=0), atol=1e-5)
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, atol=1e-12)
    assert trace.c.shape == (16, 10, 6)


def test_animation_has_one_frame_per_token(small_model):
    from lstm_helpers.keras_bridge import classifier_trace

    tokens = parse_sequence("C w x y")
    trace, probs = classifier_trace(small_model, recall_task.encode(tokens))
    units = animations.most_active_units(trace, 3)
    fig = animations.gate_animation_figure(tokens, trace, probs, recall_task.SYMBOLS, units)
    assert len(fig.frames) == 4 and len(fig.layout.sliders[0].steps) == 4
    last = fig.frames[-1].data
    np.testing.assert_allclose(last[2].z, trace.c[0][:, units].T)  # every column revealed
    assert np.isnan(fig.frames[0].data[0].z[:, 1:]).all()  # later tokens hidden at first


def test_sequence_box_explains_a_typo_instead_of_raising(small_model):
    from lstm_helpers.widgets import recall_sequence_explorer

    box = recall_sequence_explorer(small_model, default="A w w")
    box.text.value = "A q"
    assert "Unknown symbol(s) 'q'" in box.output.outputs[0]["text"]


def test_recall_model_refuses_other_kinds():
    from lstm_helpers.models import build_recall_model

    with pytest.raises(ValueError, match="'SimpleRNN' or 'LSTM'"):
        build_recall_model("GRU", 4, 8, 4)
