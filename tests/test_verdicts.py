"""The verdict line never changes the case of maths (σ stays σ, not Σ; c_t stays c_t)."""

import pytest

from lstm_helpers.course.verdicts import CORRECT, UNANSWERED, WRONG, Verdict


@pytest.mark.parametrize("message", [
    "σ(0.5·2 + 0) = 0.731.",
    "c_t = 0.900·1.0 + 0.500·0.762 = 1.281.",
    "h = tanh(0.40) = 0.380.",
    "e^(−z) overflows for z = −1000: NumPy warns.",
    "tanh squashes z into (−1, 1).",
    "i times the candidate is added.",
    "x = 2 gives 0.88.",
    "∂h_T/∂h_t shrinks.",
])
@pytest.mark.parametrize("status", [CORRECT, WRONG])
def test_maths_at_the_start_keeps_its_case(message, status):
    line = str(Verdict(status, message))
    assert line.endswith(message), line


@pytest.mark.parametrize(("message", "shown"), [
    ("the gate is 0.982 open.", "The gate is 0.982 open."),
    ("a large negative bias shuts it.", "A large negative bias shuts it."),
    ("close: that is a list of words.", "Close: that is a list of words."),
])
def test_plain_words_are_capitalised(message, shown):
    assert str(Verdict(WRONG, message)).endswith(shown)


def test_unanswered_reminder_reads_as_a_sentence():
    assert str(Verdict(UNANSWERED, "replace the ... with your answer.")).endswith(
        "Replace the ... with your answer.")


def test_html_keeps_sigma():
    assert "σ(0)" in Verdict(WRONG, "σ(0) is a half.")._repr_html_()
