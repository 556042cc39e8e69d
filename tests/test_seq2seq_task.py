"""Lesson 11's generated task: seeded, held out, longer test inputs, and typed input."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_helpers.data import seq2seq_task as task_module
from lstm_helpers.data.seq2seq_task import DIGIT0, END, PAD, START


def small(kind="reverse", seed=3):
    return task_module.make_task(kind, n_train=300, n_test_per_length=20,
                                 train_lengths=(3, 6), longest_test=9, seed=seed)


def digits(row) -> list[int]:
    return [int(t) - DIGIT0 for t in row if t != PAD]


def test_the_same_seed_gives_the_same_task_and_another_seed_another():
    a, b, c = small(seed=3), small(seed=3), small(seed=4)
    assert np.array_equal(a.train.inputs, b.train.inputs)
    assert np.array_equal(a.test.targets, b.test.targets)
    assert not np.array_equal(a.train.inputs, c.train.inputs)


@pytest.mark.parametrize("kind", task_module.KINDS)
def test_answers_and_teacher_forcing_inputs_are_built_right(kind):
    task = small(kind)
    for split in (task.train, task.test):
        for k in range(0, len(split), 37):
            source = digits(split.inputs[k])
            answer = {"reverse": source[::-1], "copy": source, "sort": sorted(source)}[kind]
            n = len(source)
            assert n == split.lengths[k]
            assert digits(split.targets[k][:n]) == answer and split.targets[k][n] == END
            assert split.decoder_inputs[k][0] == START
            assert list(split.decoder_inputs[k][1:n + 1]) == list(split.targets[k][:n])


def test_test_inputs_are_held_out_and_go_beyond_the_training_lengths():
    task = small()
    train = {tuple(r) for r in task.train.inputs.tolist()}
    test = [tuple(r) for r in task.test.inputs.tolist()]
    width = task.train.inputs.shape[1]
    assert not any(r[:width] in train and not any(r[width:]) for r in test)
    assert task.train.lengths.max() == 6 and task.test.lengths.max() == 9
    assert list(task.longer_than_training) == [7, 8, 9]
    assert sorted(set(task.test.lengths.tolist())) == list(range(3, 10))
    part = task.test.of_length(8)
    assert part.inputs.shape == (20, 8) and part.targets.shape == (20, 9)
    assert (part.lengths == 8).all()


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    ({"kind": "rotate"}, ValueError, "kind must be one of"),
    ({"n_train": 0}, ValueError, "n_train must be at least 1"),
    ({"train_lengths": 5}, TypeError, r"\(shortest, longest\)"),
    ({"train_lengths": (6, 3)}, ValueError, "at least the shortest"),
    ({"longest_test": 2}, ValueError, "longest_test must be at least"),
    ({"n_test_per_length": 2.5}, TypeError, "whole number"),
])
def test_make_task_names_a_bad_argument(kwargs, error, pattern):
    with pytest.raises(error, match=pattern):
        task_module.make_task(**kwargs)


def test_typed_digits_are_encoded_and_decoded():
    tokens = task_module.encode_digits(" 3 1 4 ")
    assert tokens.tolist() == [3 + DIGIT0, 1 + DIGIT0, 4 + DIGIT0]
    assert task_module.encode_digits("314").tolist() == tokens.tolist()
    assert task_module.decode_tokens([START, *tokens, END, 5 + DIGIT0]) == "314"
    assert task_module.token_label(END) == "⟨end⟩" and task_module.token_label(DIGIT0 + 7) == "7"


@pytest.mark.parametrize(("text", "pattern"), [
    ("", "empty"), ("12a4", "Only digits.*'a'"), ("1" * 41, "too long"), (42, "Expected text"),
])
def test_a_bad_typed_input_gets_a_message_that_says_what_to_type(text, pattern):
    with pytest.raises(task_module.DigitsInputError, match=pattern) as err:
        task_module.encode_digits(text)
    assert "Type 1 to" in str(err.value)
