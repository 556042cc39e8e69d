"""Exercise checks: verdicts that display, assert and never raise, judged against the truth."""

import math

import numpy as np
import pytest

from lstm_helpers.core.activations import sigmoid
from lstm_helpers.course import checks
from lstm_helpers.course.verdicts import CORRECT, UNANSWERED, WRONG, Verdict


def test_a_verdict_is_truthy_only_when_correct_and_shows_one_line():
    right = checks.check_gate_value(0.5, weight=0.0, bias=0.0, x=3.0)
    wrong = checks.check_gate_value(0.9, weight=0.0, bias=0.0, x=3.0)
    blank = checks.check_gate_value(..., weight=0.0, bias=0.0, x=3.0)
    assert (bool(right), bool(wrong), bool(blank)) == (True, False, False)
    assert (right.status, wrong.status, blank.status) == (CORRECT, WRONG, UNANSWERED)
    assert str(right).startswith("✅ Correct. Σ") or str(right).startswith("✅ Correct. σ")
    assert str(wrong).startswith("❌ Not yet. Hint: Work out")  # a sentence, capitalised
    assert "✍️" in str(blank) and "<div" in right._repr_html_()
    assert repr(right) == str(right)  # what ends a cell is the verdict, not True/False


def test_praise_starts_with_a_capital():
    verdict = checks.check_choice("f", "f", {"f": "", "i": "no"}, "the forget gate keeps.")
    assert str(verdict) == "✅ Correct. The forget gate keeps."


@pytest.mark.parametrize("bad", [..., None, "abc", float("nan"), 2**1024, [1, 2], True])
def test_numeric_checks_never_raise_on_odd_answers(bad):
    for verdict in (checks.check_gate_value(bad, 0.0, 0.0, 1.0), checks.check_gate_open(bad, 1.0),
                    checks.check_rnn_step(bad, 1, 0.5, 0.8, 0, 0),
                    checks.check_gradient_bound(bad, 0.5, 10)):
        assert isinstance(verdict, Verdict) and not verdict
        assert "Not answered yet" in str(verdict) or "Hint" in str(verdict)


def test_gates_open_and_closed():
    assert checks.check_gate_open(5.0, 0.0)
    assert not checks.check_gate_open(1.0, 0.0)
    assert checks.check_gate_closed(1.0, -5.0, positive_weight=True)
    assert not checks.check_gate_closed(1.0, 0.0)


def test_a_closed_gate_with_a_negative_weight_is_refused_when_a_positive_one_is_asked():
    verdict = checks.check_gate_closed(-10.0, 0.0, positive_weight=True)
    assert not verdict and "positive" in str(verdict)
    assert checks.check_gate_closed(-10.0, 0.0)  # allowed when the exercise does not ask


def test_gradient_bound_accepts_the_value_rounded_to_the_digits_given():
    truth = 0.5**10  # 9.77e-4
    for good in (truth, 0.000977, 9.8e-4, 0.001, 1e-3):
        assert checks.check_gradient_bound(good, 0.5, 10), good
    for bad in (0.01, 0.0009, 0.002, 0.5, 0):
        assert not checks.check_gradient_bound(bad, 0.5, 10), bad


def test_rnn_step_and_cell_state():
    assert checks.check_rnn_step(round(math.tanh(0.5), 2), x=1.0, w=0.5, u=0.8, b=0.0, h_prev=0.0)
    assert not checks.check_rnn_step(0.62, x=1.0, w=0.5, u=0.8, b=0.0, h_prev=0.0)  # σ, not tanh
    assert checks.check_cell_state(2.0, f=float(sigmoid(6)), c_prev=2.0, i=float(sigmoid(-6)),
                                   g=0.5)


def test_choices_ignore_case_and_spaces_and_name_the_options():
    assert checks.check_choice(" F ", "f", {"f": "", "i": "no"}, "yes")
    assert not checks.check_choice("i", "f", {"f": "", "i": "no"}, "yes")
    unknown = checks.check_choice("q", "f", {"f": "", "i": "no"}, "yes")
    assert not unknown and "Answer with one of" in str(unknown)
    assert checks.check_choice("Hybrid  + word vectors", "hybrid + word vectors",
                               {"hybrid + word vectors": ""}, "yes")


def test_parameter_count_says_feature_or_features():
    assert "1 feature has" in str(checks.check_param_count(32, "LSTM", 1, 2))
    assert "3 features has" in str(checks.check_param_count(32, "SimpleRNN", 3, 4))


@pytest.mark.parametrize("bad", [[0, 0, 4.7, 9, 2], "00492", [0, 0, "4", 9, 2], [[0, 0, 4, 9, 2]],
                                 [0, 0, 4, 9, True]])
def test_padding_check_refuses_what_a_conversion_would_truncate(bad):
    verdict = checks.check_padded(bad, [4, 9, 2], length=5, padding="pre")
    assert not verdict


def test_padding_check_accepts_lists_tuples_and_arrays():
    for good in ([0, 0, 4, 9, 2], (0, 0, 4, 9, 2), np.array([0, 0, 4, 9, 2])):
        assert checks.check_padded(good, [4, 9, 2], length=5, padding="pre")
    assert checks.check_padded([4, 9, 2, 0, 0], [4, 9, 2], length=5, padding="post")


def test_lesson_04_checks():
    sentence = "we love long movies"
    assert checks.check_lines(["we love long", "love long movies"], sentence, 3)
    assert not checks.check_lines(["we love long"], sentence, 3)
    assert not checks.check_lines("we love long", sentence, 3)
    assert checks.check_decoded("the cat", [0, 2, 4], {2: "the", 4: "cat"})
    wrong = checks.check_decoded("cat the", [0, 2, 4], {2: "the", 4: "cat"})
    assert not wrong and "Hint" in str(wrong)
    as_list = checks.check_decoded(["", "the", "cat"], [0, 2, 4], {2: "the", 4: "cat"})
    assert not as_list and "join" in str(as_list)


def test_verdicts_are_logged_for_the_tests(tmp_path, monkeypatch):
    import json

    log = tmp_path / "log.jsonl"
    monkeypatch.setenv("LSTM_LAB_RUN_LOG", str(log))
    checks.check_gate_value(0.5, 0.0, 0.0, 1.0)
    checks.check_gate_value(..., 0.0, 0.0, 1.0)
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(e["check"], e["status"]) for e in entries] == [
        ("check_gate_value", "correct"), ("check_gate_value", "unanswered")]


def test_cell_state_check_names_the_half_that_is_missing():
    f, i = float(sigmoid(2.0)), float(sigmoid(0.0))
    assert checks.check_cell_state(round(f * 2.0 + i * 0.5, 2), f=f, c_prev=2.0, i=i, g=0.5)
    kept_only = checks.check_cell_state(round(f * 2.0, 2), f=f, c_prev=2.0, i=i, g=0.5)
    assert not kept_only and "i·g is missing" in str(kept_only)
    no_forget = checks.check_cell_state(2.0 + i * 0.5, f=f, c_prev=2.0, i=i, g=0.5)
    assert not no_forget and "forget gate f was left out" in str(no_forget)
