"""The NB-weighted bigram baseline: its ratios by hand, and it learns a clear signal."""

import numpy as np
import pytest
import scipy.sparse as sp

from lstm_helpers.models import baselines as bow_baseline


def test_nb_ratios_by_hand():
    x = sp.csr_matrix(np.array([[1, 0, 1], [1, 1, 0], [0, 1, 0]], dtype=float))
    labels = np.array([1, 1, 0])
    pos = 1 + np.array([2, 1, 1])  # alpha = 1 added to each column's count
    neg = 1 + np.array([0, 1, 0])
    expected = np.log((pos / pos.sum()) / (neg / neg.sum()))
    np.testing.assert_allclose(bow_baseline.nb_ratios(x, labels), expected)


def test_words_keep_apostrophes_and_sentiment_punctuation():
    assert bow_baseline.words("Didn't LIKE it!<br />Boring?") == [
        "didn't", "like", "it", "!", "boring", "?"]


def test_learns_bigrams_and_tunes_c():
    rng = np.random.default_rng(0)
    filler = ["the", "plot", "actor", "scene", "film", "story", "music", "end"]

    def review(positive):
        words = list(rng.choice(filler, 12))
        words[rng.integers(12)] = "not bad" if positive else "not good"
        return " ".join(words)

    labels = rng.integers(0, 2, 300)
    texts = [review(y) for y in labels]
    model = bow_baseline.NBLogisticBaseline().fit(texts[:200], labels[:200])
    assert model.tune(texts[200:250], labels[200:250]) in bow_baseline.C_GRID
    probs = model.predict_proba(texts[250:])
    assert np.mean((probs >= 0.5) == labels[250:]) == 1.0
    strongest = model.strongest(3)
    assert "not bad" in strongest["positive"] or "bad" in strongest["positive"]
    assert model.n_features > 0
    assert probs.shape == (50,) and np.all((probs > 0) & (probs < 1))
    with pytest.raises(AttributeError):
        bow_baseline.NBLogisticBaseline().predict_proba(["unfitted"])
