"""Lesson 11's encoder–decoders: the one-step decoder that generation uses gives what the
teacher-forced training model gives on the same tokens (for the LSTM, the LSTM with
attention and the Transformer); attention rows sum to 1 and ignore padding; the Transformer
cannot see ahead; sizes and bad arguments. Tiny, untrained models."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from lstm_helpers.data import seq2seq_task
from lstm_helpers.data.seq2seq_task import END, START, VOCAB_SIZE
from lstm_helpers.models import seq2seq_models, transformer_models
from lstm_helpers.training import seq2seq_timing, seq2seq_training


@cache
def tiny(kind: str):
    import keras

    keras.utils.set_random_seed(1)
    if kind == "transformer":
        return transformer_models.build_transformer_seq2seq(VOCAB_SIZE, dim=8, heads=2,
                                                            feed_forward=8)
    return seq2seq_models.build_lstm_seq2seq(VOCAB_SIZE, units=6, embed_dim=4,
                                             attention="additive" if kind == "attention"
                                             else None)


KINDS = ("lstm", "attention", "transformer")
INPUTS = np.array([[4, 5, 6, 0, 0], [7, 3, 9, 12, 8]], "int32")  # one padded, one full


@pytest.mark.parametrize("kind", KINDS)
def test_step_by_step_decoding_matches_the_teacher_forced_model(kind):
    model = tiny(kind)
    tokens, probs = model.greedy(INPUTS, max_len=4)
    dec_in = np.concatenate([np.full((2, 1), START), tokens[:, :-1]], axis=1)
    forced = np.asarray(model.model([INPUTS, dec_in], training=False))
    np.testing.assert_allclose(probs[..., 2:], forced[..., 2:], atol=1e-5)
    assert np.all(probs[..., :2] == 0)  # padding and start are never written
    assert (tokens != START).all() and (tokens != 0).all()  # never start or padding


@pytest.mark.parametrize("kind", KINDS)
def test_padding_after_an_input_changes_nothing(kind):
    model = tiny(kind)
    short = model.greedy(INPUTS[:1, :3], max_len=4)[1]
    padded = model.greedy(INPUTS[:1], max_len=4)[1]
    np.testing.assert_allclose(short, padded, atol=1e-5)


def test_attention_rows_sum_to_one_and_padding_gets_no_weight():
    model = tiny("attention")
    weights = model.attention_weights(INPUTS[0], np.array([6, 5, 4, END]))
    assert weights.shape == (4, 5)
    np.testing.assert_allclose(weights.sum(axis=1), 1.0, atol=1e-6)
    assert np.all(weights[:, 3:] == 0.0) and np.all(weights >= 0)
    with pytest.raises(TypeError, match="no attention layer"):
        tiny("lstm").attention_weights(INPUTS[0], np.array([END]))


def test_the_transformer_decoder_cannot_see_later_tokens():
    model = tiny("transformer")
    a = np.array([[START, 5, 6, 7]], "int32")
    b = np.array([[START, 5, 9, 3]], "int32")
    pa = np.asarray(model.model([INPUTS[:1], a], training=False))
    pb = np.asarray(model.model([INPUTS[:1], b], training=False))
    np.testing.assert_allclose(pa[:, :2], pb[:, :2], atol=1e-6)
    assert not np.allclose(pa[:, 2:], pb[:, 2:])


def test_parameter_counts_follow_the_layer_formulas():
    units, embed = 6, 4
    lstm = 4 * units * (embed + units + 1)
    expected = 2 * VOCAB_SIZE * embed + 2 * lstm + (units + 1) * VOCAB_SIZE
    assert tiny("lstm").parameters == expected
    attention = expected + units + (2 * units + 1) * units  # the additive scale, the mix
    assert tiny("attention").parameters == attention


def test_beam_search_on_a_model_returns_ranked_hypotheses():
    beams = tiny("attention").beam(INPUTS[1], 3)
    assert 1 <= len(beams) <= 3
    assert [h.log_prob for h in beams] == sorted((h.log_prob for h in beams), reverse=True)
    greedy = tiny("attention").greedy(INPUTS[1:])[0][0]
    (one,) = tiny("attention").beam(INPUTS[1], 1)
    assert list(one.tokens) == list(greedy[:len(one.tokens)])


def test_memory_kept_is_constant_for_the_lstm_and_grows_for_the_transformer():
    lstm, transformer = tiny("lstm"), tiny("transformer")
    assert transformer_models.cache_floats(lstm, 0, 5) == transformer_models.cache_floats(
        lstm, 1000, 5) == 2 * 6
    assert transformer_models.cache_floats(tiny("attention"), 9, 5) == 2 * 6 + 6 * 5
    assert transformer_models.cache_floats(transformer, 10, 5) == 2 * 1 * 8 * 15
    assert seq2seq_timing.state_bytes(transformer, [1, 11], 5) == {1: 4 * 80, 11: 4 * 240}


def test_scores_count_whole_answers_only():
    targets = np.array([[6, 5, END, 0], [6, 5, END, 0]])
    tokens = np.array([[6, 5, END, END, END], [6, 5, 4, END, END]])
    assert seq2seq_training._matches(tokens, targets).tolist() == [True, False]
    assert seq2seq_training.bucket_accuracy({3: 1.0, 4: 0.5, 9: 0.0}, [(3, 4), (5, 8), (9, 9)]
                                            ) == {"3–4": 0.75, "9–9": 0.0}


def test_per_token_time_is_measured_at_each_position():
    per_token = seq2seq_timing.seconds_per_token(tiny("transformer"), 3, [1, 4], repeats=1)
    assert set(per_token) == {1, 4} and all(v > 0 for v in per_token.values())


@pytest.mark.slow
def test_timing_puts_the_weights_back():
    model = tiny("lstm")
    before = [w.copy() for w in model.model.get_weights()]
    times = seq2seq_timing.train_seconds_by_length(model, [3], batch_size=4, repeats=1)
    assert set(times) == {3} and times[3] > 0
    for a, b in zip(before, model.model.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(("build", "kwargs", "error", "pattern"), [
    ("lstm", {"units": 0}, ValueError, "units must be at least 1"),
    ("lstm", {"attention": "luong"}, TypeError, "attention must be None"),
    ("lstm", {"learning_rate": -1.0}, ValueError, "learning_rate must be above"),
    ("transformer", {"dim": 10, "heads": 4}, ValueError, "divisible by heads"),
    ("transformer", {"vocab_size": 2}, ValueError, "vocab_size must be at least"),
])
def test_builders_name_a_bad_argument(build, kwargs, error, pattern):
    builder = (seq2seq_models.build_lstm_seq2seq if build == "lstm"
               else transformer_models.build_transformer_seq2seq)
    with pytest.raises(error, match=pattern):
        builder(**{"vocab_size": VOCAB_SIZE, **kwargs})


def test_training_and_timing_name_a_bad_argument():
    task = seq2seq_task.make_task(n_train=10, n_test_per_length=2, train_lengths=(3, 4),
                                  longest_test=4)
    with pytest.raises(TypeError, match="expected a Seq2Seq"):
        seq2seq_training.train("model", task.train, 1)
    with pytest.raises(TypeError, match="task.train"):
        seq2seq_training.train(tiny("lstm"), task.train.inputs, 1)
    with pytest.raises(ValueError, match="epochs must be at least 1"):
        seq2seq_training.train(tiny("lstm"), task.train, 0)
    with pytest.raises(ValueError, match="non-empty list"):
        seq2seq_timing.seconds_per_token(tiny("lstm"), 3, [])


@pytest.mark.slow
def test_training_lowers_the_loss_and_times_each_epoch():
    import keras

    keras.utils.set_random_seed(2)
    task = seq2seq_task.make_task(n_train=256, n_test_per_length=4, train_lengths=(3, 4),
                                  longest_test=5)
    model = seq2seq_models.build_lstm_seq2seq(VOCAB_SIZE, units=16, embed_dim=8,
                                              attention="dot", learning_rate=0.01)
    run = seq2seq_training.train(model, task.train, epochs=3, batch_size=32)
    assert run.epochs == 3 and run.history["loss"][-1] < run.history["loss"][0]
    by_length = seq2seq_training.accuracy_by_length(model, task.test)
    assert set(by_length) == {3, 4, 5} and all(0 <= v <= 1 for v in by_length.values())


def test_decoding_and_scoring_name_a_bad_argument():
    with pytest.raises(TypeError, match="token ids of shape"):
        tiny("lstm").greedy(np.array([1.5, 2.0]))
    with pytest.raises(TypeError, match=r"\(steps,\)"):
        tiny("attention").beam(INPUTS, 2)
    with pytest.raises(TypeError, match="encode_digits"):
        tiny("attention").attention_weights(np.array([], "int32"), np.array([END]))
    with pytest.raises(TypeError, match="pairs"):
        seq2seq_training.bucket_accuracy({3: 1.0}, [3, 6])
