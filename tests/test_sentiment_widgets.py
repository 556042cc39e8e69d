"""Lesson 06's panels, driven like a learner: typing, odd input, forcing gates."""

import numpy as np
import pytest

from lstm_helpers.core import inside as sentiment_inside
from lstm_helpers.core.initializers import random_lstm_weights
from lstm_helpers.core.inside import Classifier
from lstm_helpers.models.review_verdicts import judge
from lstm_helpers.ui import sentiment_widgets
from lstm_helpers.ui.display import PLOTLY_MIME, markdown_table

VOCAB = ["", "[UNK]", "the", "film", "was", "great", "dull", "a", "plot", "ending"]
INDEX_WORD = dict(enumerate(VOCAB))


def vectorize(texts):
    index = {w: i for i, w in enumerate(VOCAB)}
    rows = [[index.get(w, 1) for w in t.split()] for t in texts]
    width = max(len(r) for r in rows)
    return np.array([r + [0] * (width - len(r)) for r in rows])


@pytest.fixture
def classifier():
    rng = np.random.default_rng(0)
    return Classifier(embedding=rng.normal(size=(len(VOCAB), 3)),
                      lstm=random_lstm_weights(3, 6, 1.0, 1.0, 0),
                      readout_kernel=rng.normal(0, 2, (6, 1)), readout_bias=np.zeros(1))


def test_review_panel_follows_the_text_and_explains_bad_input(classifier):
    panel = sentiment_widgets.review_panel(classifier, vectorize, INDEX_WORD, max_len=50,
                                           default="the film was great", n_units=4)
    _, probs = classifier.trace(np.array([2, 3, 4, 5]))
    assert f"{probs[-1]:.3f}" in panel.verdict.value
    np.testing.assert_allclose(panel.trajectory.data[0].y, probs)
    assert len(panel.heatmap.data[0].y) == 4
    for bad in ("", "?!", "😀", "kein einziges wort"):
        panel.text.value = bad
        assert "⚠️" in panel.verdict.value
    panel.text.value = "the film was dull"  # typed (no blur yet): the button reads it
    panel.button.click()
    _, dull = classifier.trace(np.array([2, 3, 4, 6]))
    assert f"{dull[-1]:.3f}" in panel.verdict.value
    panel.text.value = "a dull plot<br />a dull ending"
    assert "⚠️" not in panel.verdict.value and len(panel.trajectory.data[0].y) == 6
    assert PLOTLY_MIME in panel._repr_mimebundle_()  # a static copy for viewers without widgets


def test_gate_surgery_panel_moves_the_curves(classifier):
    reviews = {"one": np.array([2, 3, 4, 5, 7, 8, 4, 6]), "two": np.array([7, 6, 8, 9])}
    panel = sentiment_widgets.gate_surgery_panel(classifier, reviews, INDEX_WORD, n_units=6)
    learned_c, new_c, learned_p, new_p = (np.asarray(t.y) for t in panel.figure.data)
    np.testing.assert_allclose(new_c, learned_c)  # nothing forced yet
    u = panel.unit.value
    panel.span.value = (3, 6)
    panel.value["f"].value, panel.value["i"].value = 1.0, 0.0
    panel.forced["f"].value = True
    panel.forced["i"].value = True
    windows = [(r.x0, r.x1) for r in panel.figure.layout.shapes if r.type == "rect"]
    assert windows == [(2.5, 6.5), (2.5, 6.5)]  # shaded in both panels
    new_c = np.asarray(panel.figure.data[1].y)
    np.testing.assert_allclose(new_c[2:6], new_c[1])  # frozen from word 3 to 6
    run, _ = classifier.trace(reviews["one"])
    np.testing.assert_allclose(learned_c, run.c[0, :, u])
    assert "with your gates" in panel.figure.layout.title.text
    panel.step.value = 4
    assert "word 4" in panel.readout.value and "1.00</b>" in panel.readout.value
    notes = [a.text for a in panel.diagram.layout.annotations]
    assert "with your gates" in panel.diagram.layout.title.text
    assert any("f = 1.00" in n for n in notes) and any("i = 0.00" in n for n in notes)
    panel.forced["o"].value = True
    panel.value["o"].value = 0.0
    expected = sentiment_inside.run_with_override(
        classifier.inputs(reviews["one"]), classifier.lstm, u, {"f": 1.0, "i": 0.0, "o": 0.0},
        (2, 6))
    np.testing.assert_allclose(panel.figure.data[3].y, classifier.prefix_probs(expected.h[0]))
    panel.pick.value = "two"  # a shorter review: the sliders follow
    assert panel.span.max == 4 and panel.step.value <= 4
    assert len(panel.figure.data[0].y) == 4


def test_judge_never_raises(classifier):
    for review in ("", "!!!", "the film was great " * 30, "völlig unbekannt"):
        result = judge(classifier, vectorize, review, max_len=20)
        assert result["label"] in ("positive", "negative", "(no verdict)")
    assert judge(classifier, vectorize, "the film " * 30, 20)["words read"] == 20


def test_markdown_table_formats_and_escapes():
    table = markdown_table([{"a": 0.1234, "b": "x|y", "c": None}], {"a": ".1%"})
    assert table.splitlines() == ["| a | b | c |", "|---|---|---|", "| 12.3% | x\\|y | – |"]
    assert markdown_table([]) == ""


def test_two_overlapping_reads_show_the_second_review_everywhere(classifier):
    """A second read arrives while the first is still computing (the learner presses again):
    the verdict, the P(positive) line and the heatmap must all come from the second review."""
    first, second = "a dull plot a dull ending", "the film was great the ending was great"
    calls = []

    class SlowClassifier:  # the classifier, with a hook inside its (slow) compute step
        def __getattr__(self, name):
            return getattr(classifier, name)

        def trace(self, ids):
            calls.append(len(ids))
            if len(calls) == 2:  # while the first read computes, the second press comes in
                panel.text.value = second
                assert not panel.button.disabled  # the second read re-enabled it
            return classifier.trace(ids)

    panel = sentiment_widgets.review_panel(SlowClassifier(), vectorize, INDEX_WORD,
                                           max_len=50, default="the film was great",
                                           n_units=4)
    panel.text.value = first
    assert calls == [4, 6, 8]  # both reads computed; the first one's result was dropped
    _, probs = classifier.trace(np.array([2, 3, 4, 5, 2, 9, 4, 5]))
    words = second.split()
    assert f"{probs[-1]:.3f}" in panel.verdict.value
    assert sentiment_widgets.review_label(words) in panel.verdict.value
    np.testing.assert_allclose(panel.trajectory.data[0].y, probs)
    assert list(panel.trajectory.data[0].text) == words
    assert list(panel.heatmap.data[0].customdata[0]) == words
    assert np.asarray(panel.heatmap.data[0].z).shape[1] == len(words)
    label = sentiment_widgets.review_label(words)
    assert label in panel.trajectory.layout.title.text
    assert label in panel.heatmap.layout.title.text
    assert not panel.button.disabled


def test_a_read_applies_verdict_and_figures_together_and_bad_input_clears_them(classifier):
    panel = sentiment_widgets.review_panel(classifier, vectorize, INDEX_WORD, max_len=50,
                                           default="the film was great", n_units=4)
    panel.text.value = "?!"
    assert "⚠️" in panel.verdict.value
    assert len(panel.trajectory.data[0].y) == 0  # no line left over from another review
    assert np.size(panel.heatmap.data[0].z) == 0
    before = panel.trajectory.layout.title.text
    panel.button.click()  # same text again: nothing recomputed, nothing changes
    assert panel.trajectory.layout.title.text == before
