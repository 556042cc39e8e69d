"""Lesson 11's build check (exercise 4): it decodes held-out inputs itself, so it refuses
the wrong attention layer, an untrained model and a model of the wrong kind, and accepts
the worked solution's kind of model once trained."""

from __future__ import annotations

from functools import cache

import pytest

from lstm_helpers.course import build_checks
from lstm_helpers.course.verdicts import CORRECT, UNANSWERED, WRONG
from lstm_helpers.data import seq2seq_task
from lstm_helpers.data.seq2seq_task import VOCAB_SIZE


@cache
def task():
    return seq2seq_task.make_task("copy", n_train=512, n_test_per_length=10,
                                  train_lengths=(2, 3), longest_test=3, seed=0)


def build(attention):
    import keras

    from lstm_helpers.models import seq2seq_models

    keras.utils.set_random_seed(0)
    return seq2seq_models.build_lstm_seq2seq(VOCAB_SIZE, 16, 8, attention=attention,
                                             learning_rate=0.02)


def test_an_unanswered_exercise_is_a_reminder_not_a_failure():
    result = build_checks.check_seq2seq_model(..., task().test, 0.9, layer="Attention")
    assert result.status == UNANSWERED


def test_the_wrong_kind_of_answer_and_the_wrong_layer_are_refused():
    import keras

    plain = build_checks.check_seq2seq_model(build("additive").model, task().test, 0.0,
                                             layer="Attention")
    assert plain.status == WRONG and "Seq2Seq" in str(plain)
    additive = build_checks.check_seq2seq_model(build("additive"), task().test, 0.0,
                                                layer="Attention")
    assert additive.status == WRONG and "no Attention layer" in str(additive)
    assert "keras.layers.Attention()" in str(additive)
    untrained = build_checks.check_seq2seq_model(build(keras.layers.Attention()),
                                                 task().test, 0.9, layer="Attention")
    assert untrained.status == WRONG and "short of 90%" in str(untrained)
    smoke = build_checks.check_seq2seq_model(build(keras.layers.Attention()), task().test,
                                             0.0, layer="Attention")
    assert smoke.status == CORRECT  # fast mode's target: it builds, trains and decodes


@pytest.mark.slow
def test_a_trained_dot_product_model_passes():
    import keras

    from lstm_helpers.training import seq2seq_training

    model = build(keras.layers.Attention())
    seq2seq_training.train(model, task().train, epochs=15, batch_size=64)
    result = build_checks.check_seq2seq_model(model, task().test, 0.9, layer="Attention")
    assert result.status == CORRECT, result
