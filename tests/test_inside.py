"""The NumPy look inside a trained classifier equals Keras; gate surgery does what it says."""

import numpy as np
import pytest

from lstm_helpers.core import inside as sentiment_inside
from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.data import text
from lstm_helpers.models.bridge import numpy_classifier
from lstm_helpers.models.sentiment_models import Recipe, build_classifier

TINY = Recipe("tiny", vocab_size=30, max_len=12, embed_dim=5, units=6, batch_size=4, epochs=1,
              mask=True, padding="post", bucketed=True)


@pytest.fixture(scope="module")
def model():
    model = build_classifier(TINY, seed=3)
    # Non-trivial weights: a random readout so P(positive) moves with every word.
    rng = np.random.default_rng(1)
    readout = model.get_layer("readout")
    readout.set_weights([rng.normal(0, 1.5, (6, 1)), np.array([0.2])])
    return model


def test_prefix_probabilities_equal_keras_on_every_prefix(model):
    ids = np.array([3, 17, 4, 29, 8, 2, 11], dtype=np.int32)
    inside = numpy_classifier(model)
    _, probs = inside.trace(ids)
    keras_probs = [float(model(ids[None, :t], training=False)[0, 0])
                   for t in range(1, len(ids) + 1)]
    np.testing.assert_allclose(probs, keras_probs, atol=1e-5)
    # Padded at the end in a batch, the mask makes Keras give the same final verdict.
    padded = np.zeros((2, 10), np.int32)
    padded[0, :7], padded[1, :3] = ids, ids[:3]
    np.testing.assert_allclose(np.asarray(model(padded, training=False))[:, 0],
                               [probs[-1], probs[2]], atol=1e-5)


def weights(units=3, seed=0):
    from lstm_helpers.core.initializers import random_lstm_weights
    return random_lstm_weights(4, units, 1.0, 1.0, seed)


def test_no_override_is_the_plain_lstm():
    xs = np.random.default_rng(0).normal(size=(1, 9, 4))
    w = weights()
    plain, same = run_lstm(xs, w), sentiment_inside.run_with_override(xs, w, 1, {})
    for k in "hcifgo":
        np.testing.assert_allclose(getattr(same, k), getattr(plain, k))


def test_forget_open_input_shut_freezes_the_memory():
    xs = np.random.default_rng(0).normal(size=(1, 12, 4))
    w = weights()
    run = sentiment_inside.run_with_override(xs, w, unit=2, gates={"f": 1.0, "i": 0.0},
                                             window=(4, 9))
    c = run.c[0, :, 2]
    np.testing.assert_allclose(c[4:9], c[3])  # held exactly over the window
    assert not np.allclose(c[9:], c[3])  # learned gates take over again afterwards
    plain = run_lstm(xs, w)
    np.testing.assert_allclose(run.c[0, :4], plain.c[0, :4])  # before the window: untouched
    np.testing.assert_allclose(run.f[0, 4:9, 2], 1.0)


def test_output_gate_shut_silences_the_unit_and_forget_shut_erases():
    xs = np.random.default_rng(2).normal(size=(1, 6, 4))
    w = weights()
    silent = sentiment_inside.run_with_override(xs, w, 0, {"o": 0.0})
    np.testing.assert_allclose(silent.h[0, :, 0], 0.0)
    erased = sentiment_inside.run_with_override(xs, w, 0, {"f": 0.0, "i": 0.0})
    np.testing.assert_allclose(erased.c[0, :, 0], 0.0)
    clipped = sentiment_inside.run_with_override(xs, w, 0, {"f": 7.0})  # slider values clip
    np.testing.assert_allclose(clipped.f[0, :, 0], 1.0)


def test_override_arguments_are_checked():
    xs = np.zeros((1, 3, 4))
    with pytest.raises(ValueError, match="'f', 'i' or 'o'"):
        sentiment_inside.run_with_override(xs, weights(), 0, {"g": 1.0})
    with pytest.raises(ValueError, match="between 0 and 2"):
        sentiment_inside.run_with_override(xs, weights(), 3, {"f": 1.0})


VOCAB = ["", "[UNK]", "the", "film", "was", "great", "dull", "a"]


def vectorize(texts):
    index = {w: i for i, w in enumerate(VOCAB)}
    rows = [[index.get(w, 1) for w in t.split()] for t in texts]
    width = max(len(r) for r in rows)
    return np.array([r + [0] * (width - len(r)) for r in rows])


@pytest.mark.parametrize("review", ["", "   \n", "!!! ... ???", "😀🎬👍", None, 5, b"bytes"])
def test_reviews_without_words_get_a_message(review):
    with pytest.raises(text.TextInputError) as err:
        text.review_ids(review, vectorize, 10)
    print(err.value)  # what a learner reads
    assert "e.g." in str(err.value)


def test_unknown_long_and_html_reviews():
    with pytest.raises(text.TextInputError, match="vocabulary"):
        text.review_ids("Das Kino war großartig", vectorize, 10)
    ids, notes = text.review_ids("the film war großartig und schön", vectorize, 10)
    assert len(ids) == 6 and "unknown" in notes[0]
    ids, notes = text.review_ids("the film was great. " * 25_000, vectorize, 10)
    assert ids.tolist() == [4, 5, 2, 3, 4, 5, 2, 3, 4, 5]  # the ending is kept
    assert "last 10 of 100,000 words" in notes[0]
    plain, _ = text.review_ids("the film was great a dull film", vectorize, 20)
    broken, _ = text.review_ids("the film<br />was great<br/>a dull film", vectorize, 20)
    np.testing.assert_array_equal(plain, broken)


def test_unit_ranking_finds_the_unit_that_follows_the_verdict():
    from lstm_helpers.core.sequences import LSTMTrace

    probs = np.linspace(0.1, 0.9, 20)
    rng = np.random.default_rng(0)
    c = rng.normal(size=(1, 20, 5))
    c[0, :, 3] = -2 * probs + 0.01 * rng.normal(size=20)  # anti-correlated counts too
    c[0, :, 1] = 0.0  # never moves
    zeros = np.zeros_like(c)
    run = LSTMTrace(h=zeros, c=c, i=zeros, f=zeros, g=zeros, o=zeros)
    ranked = sentiment_inside.unit_ranking(run, probs, 5)
    assert ranked[0] == 3 and ranked[-1] == 1
