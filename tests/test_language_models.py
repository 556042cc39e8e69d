"""Lesson 04's language-model helpers against hand-computed values and brute force."""

import keras
import numpy as np
import pytest

from lstm_helpers.core.activations import softmax
from lstm_helpers.data.batches import token_stream, windows
from lstm_helpers.models import language_models as lm
from lstm_helpers.models.baselines import BigramBaseline

STREAM = np.array([2, 3, 2, 3, 2, 4])  # pairs: (2,3) twice, (3,2) twice, (2,4) once


def test_token_stream_drops_padding():
    def vectorize(texts):
        return np.array([[5, 6, 0], [7, 0, 0]])[: len(texts)]

    assert token_stream(["a", "b"], vectorize).tolist() == [5, 6, 7]


def test_bigram_probabilities_by_hand():
    model = BigramBaseline(STREAM, vocab_size=5, weight=0.8)
    unigram_3 = (2 + 1) / (6 + 5)
    expected = 0.8 * 2 / 3 + 0.2 * unigram_3
    assert model.prob(np.array([2]), np.array([3]))[0] == pytest.approx(expected)
    assert model.prob(np.array([4]), np.array([3]))[0] == pytest.approx(unigram_3)  # 4 never led
    for prev in range(5):
        total = model.prob(np.full(5, prev), np.arange(5)).sum()
        assert total == pytest.approx(1.0), prev


def test_bigram_top_k_is_the_brute_force_ranking():
    rng = np.random.default_rng(0)
    model = BigramBaseline(rng.integers(0, 30, 2000), vocab_size=30)
    for prev in (0, 7, 29):
        brute = np.argsort(-model.prob(np.full(30, prev), np.arange(30)), kind="stable")[:5]
        np.testing.assert_array_equal(np.sort(model.top_k(prev)), np.sort(brute))


def test_bigram_scores_skip_unknown_targets_and_tuning_picks_the_best():
    rng = np.random.default_rng(1)
    train, held = rng.integers(1, 20, 3000), rng.integers(1, 20, 500)
    model = BigramBaseline(train, vocab_size=20)
    scores = model.score(held)
    prev, nxt = held[:-1], held[1:]
    keep = nxt != 1
    assert scores.words == keep.sum()
    expected = np.exp(-np.log(model.prob(prev[keep], nxt[keep])).mean())
    assert scores.perplexity == pytest.approx(expected)
    grid = (0.1, 0.5, 0.9)
    best = model.tune(held, grid)
    by_hand = {w: BigramBaseline(train, 20, w).score(held).perplexity for w in grid}
    assert best == min(by_hand, key=by_hand.get)


def test_softmax_and_temperature():
    logits = np.array([2.0, 1.0, 0.0])
    np.testing.assert_allclose(softmax(logits), np.exp(logits) / np.exp(logits).sum())
    assert softmax(logits, 0.01)[0] == pytest.approx(1.0)
    np.testing.assert_allclose(softmax(logits, 1e6), [1 / 3] * 3, atol=1e-5)
    assert np.isfinite(softmax(np.array([1e308, -1e308]), 0.001)).all()
    with pytest.raises(ValueError, match="temperature must be above 0"):
        softmax(logits, 0.0)


def test_sampling_never_writes_padding_or_unknown():
    probs = np.array([0.5, 0.4, 0.06, 0.04])  # padding and [UNK] hold most of the mass
    rng = np.random.default_rng(2)
    draws = [lm.sample_words(probs, 1.0, rng) for _ in range(300)]
    assert set(draws) <= {2, 3}
    assert all(lm.sample_words(probs, 0.05, rng) == 2 for _ in range(50))  # cold: the likeliest


@pytest.fixture(scope="module")
def tiny_model():
    keras.utils.set_random_seed(0)
    return lm.build_language_model(vocab_size=9, embed_dim=4, units=3)


def test_next_word_probs_read_only_the_last_words(tiny_model):
    ids = np.array([2, 3, 4, 5, 6, 7, 8] * 50)
    bounded = lm.next_word_probs(tiny_model, ids, max_context=7)
    np.testing.assert_allclose(bounded, lm.next_word_probs(tiny_model, ids[-7:]), atol=1e-6)
    with pytest.raises(ValueError, match="at least one word"):
        lm.next_word_probs(tiny_model, np.array([], int))


def test_model_scores_match_brute_force(tiny_model):
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 9, (5, 6)), rng.integers(1, 9, (5, 6))
    scores = lm.score_model(tiny_model, x, y, batch_size=2)
    probs = softmax(np.asarray(tiny_model(x)))
    keep = y != 1
    p_true = np.take_along_axis(probs, y[..., None], -1)[..., 0][keep]
    assert scores.perplexity == pytest.approx(np.exp(-np.log(p_true).mean()), rel=1e-5)
    top5 = np.argsort(-probs, axis=-1)[..., :5]
    assert scores.top5 == pytest.approx((top5 == y[..., None]).any(-1)[keep].mean())


def test_generation_continues_the_seed(tiny_model):
    new = lm.generate(tiny_model, np.array([2, 3]), n_words=4, temperature=1.0, seed=0)
    assert len(new) == 4 and all(2 <= w < 9 for w in new)
    assert new == lm.generate(tiny_model, np.array([2, 3]), 4, 1.0, seed=0)  # seeded


def test_saved_model_round_trips_and_a_missing_one_says_what_to_run(tiny_model, course_cache):
    with pytest.raises(FileNotFoundError, match="run lesson 04"):
        lm.load_language_model("full")
    vocabulary = ["", "[UNK]", *"abcdefg"]
    lm.save_language_model(tiny_model, vocabulary, "fast")
    model, vocab = lm.load_language_model("fast")
    x = np.array([[2, 3, 4]])
    np.testing.assert_allclose(np.asarray(model(x)), np.asarray(tiny_model(x)), atol=1e-6)
    assert vocab == vocabulary
    assert model.get_layer("embedding") and model.get_layer("lstm")


@pytest.fixture(scope="module")
def panel_parts(tiny_model):
    from lstm_helpers.data import text

    vec = keras.layers.TextVectorization(max_tokens=9, standardize=text.standardize_tf)
    vec.adapt(["the movie was good", "the film was bad", "a movie"])
    _, index_word = text.vocabulary_maps(vec.get_vocabulary())
    return tiny_model, vec, index_word


def test_next_word_panel_follows_the_text_and_explains_bad_input(panel_parts):
    from lstm_helpers.ui.text_widgets import next_word_panel

    model, vec, index_word = panel_parts
    panel = next_word_panel(model, vec, index_word, default="the movie", k=3)
    bars = list(panel.figure.data[0].x)
    assert len(bars) == 3 and abs(sum(bars)) <= 1.0
    panel.text.value = "the zebra"
    assert "zebra" in panel.note.value and "[UNK]" in panel.note.value
    for bad in ("", "?!", "<!-- a comment"):
        panel.text.value = bad
        assert "⚠️" in panel.note.value or "[UNK]" in panel.note.value
    assert "<!--" not in panel.note.value


def test_generation_panel_writes_and_explains_bad_input(panel_parts):
    from lstm_helpers.ui.text_widgets import generation_panel

    model, vec, index_word = panel_parts
    panel = generation_panel(model, vec, index_word, default="the movie")
    assert "<b>" in panel.output.value and "temperature 1.00" in panel.output.value
    panel.seed_text.value = "   "
    panel.run()
    assert "Type a few words" in panel.output.value
    panel.seed_text.value = "<!-- -->"  # quoted in the message, escaped: it cannot hide it
    panel.run()
    assert "&lt;!--" in panel.output.value and "<!--" not in panel.output.value


def test_panels_read_a_bounded_context_and_stop_updating_on_every_key(panel_parts):
    from lstm_helpers.ui.text_widgets import LONG_TEXT, MAX_CONTEXT, next_word_panel

    model, vec, index_word = panel_parts
    panel = next_word_panel(model, vec, index_word, default="the movie", k=3)
    panel.text.value = "great " * 20_000
    assert f"last {MAX_CONTEXT} words" in panel.note.value
    assert panel.text.continuous_update is False and "press Enter" in panel.note.value
    assert len(panel.text.value) > LONG_TEXT
    panel.text.value = "the film"
    assert panel.text.continuous_update is True


def test_bigram_and_lstm_are_scored_on_the_same_words(tiny_model):
    stream = np.random.default_rng(4).integers(1, 9, 103)
    x, y = windows(stream, 10)
    bigram = BigramBaseline(stream, vocab_size=9)
    assert bigram.score(stream[: y.size + 1]).words == lm.score_model(tiny_model, x, y).words
