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


def test_bigram_top_k_is_the_brute_force_ranking_over_scored_words():
    rng = np.random.default_rng(0)
    model = BigramBaseline(rng.integers(0, 30, 2000), vocab_size=30)
    words = np.arange(2, 30)  # padding and [UNK] are never a guess: they are never scored
    for prev in (0, 1, 7, 29):
        brute = words[np.argsort(-model.prob(np.full(28, prev), words), kind="stable")[:5]]
        np.testing.assert_array_equal(np.sort(model.top_k(prev)), np.sort(brute))
        assert 1 not in model.top_k(prev) and 0 not in model.top_k(prev)


def _renormalised_by_hand(model, prev, nxt):
    """P(nxt | prev) / Σ_{w ≥ 2} P(w | prev), from the full table of ``prob``."""
    vocab = model.vocab_size
    table = np.stack([model.prob(np.full(vocab, p), np.arange(vocab)) for p in range(vocab)])
    return table[prev, nxt] / table[prev, 2:].sum(axis=1)


def test_bigram_scores_skip_unknown_targets_and_tuning_picks_the_best():
    rng = np.random.default_rng(1)
    train, held = rng.integers(1, 20, 3000), rng.integers(1, 20, 500)
    model = BigramBaseline(train, vocab_size=20)
    scores = model.score(held)
    prev, nxt = held[:-1], held[1:]
    keep = nxt != 1
    assert scores.words == keep.sum()
    expected = np.exp(-np.log(_renormalised_by_hand(model, prev[keep], nxt[keep])).mean())
    assert scores.perplexity == pytest.approx(expected)
    grid = (0.1, 0.5, 0.9)
    best = model.tune(held, grid)
    by_hand = {w: BigramBaseline(train, 20, w).score(held).perplexity for w in grid}
    assert best == min(by_hand, key=by_hand.get)


# A closed-form case. Ids: 0 padding, 1 [UNK], 2 "a", 3 "b"; λ = 0.5.
# Training stream a b a [UNK] a b: add-one unigram (0+1, 1+1, 3+1, 2+1)/(6+4) = .1 .2 .4 .3;
# pairs after "a": b twice, [UNK] once. So P(·|a) = .5·(0, 1/3, 0, 2/3) + .5·(.1, .2, .4, .3)
# = (.05, 4/15, .2, 29/60): the scored words a, b hold 41/60 of it, so renormalised
# P(b|a) = (29/60)/(41/60) = 29/41. After [UNK], "a" came once: P(·|[UNK]) = (.05, .1, .7,
# .15), scored share .85, renormalised P(a|[UNK]) = .7/.85 = 14/17. The held-out stream
# a b [UNK] a scores b after a and a after [UNK] ([UNK] itself is skipped):
# perplexity = ((41/29)·(17/14))^(1/2).
HAND_TRAIN, HAND_HELD = np.array([2, 3, 2, 1, 2, 3]), np.array([2, 3, 1, 2])
HAND_PERPLEXITY = np.sqrt((41 / 29) * (17 / 14))
UNRENORMALISED = np.sqrt((60 / 29) * (1 / 0.7))  # the [UNK]-tilted score it must not give


def test_bigram_perplexity_is_renormalised_over_scored_words_by_hand():
    model = BigramBaseline(HAND_TRAIN, vocab_size=4, weight=0.5)
    assert model.prob(np.array([2]), np.array([3]))[0] == pytest.approx(29 / 60)
    assert model.scored_prob(np.array([2, 1]), np.array([3, 2])) == pytest.approx(
        [29 / 41, 14 / 17])
    scores = model.score(HAND_HELD)
    assert scores.words == 2
    assert scores.perplexity == pytest.approx(HAND_PERPLEXITY)
    assert scores.perplexity != pytest.approx(UNRENORMALISED, rel=0.05)
    for prev in range(4):  # a distribution over the scored words: it sums to 1 there
        row = model.scored_prob(np.full(4, prev), np.arange(4))
        assert row[:2].tolist() == [0.0, 0.0] and row.sum() == pytest.approx(1.0), prev
    # What renormalising took out at the scored positions (after "a": .05 + 4/15 = 19/60;
    # after [UNK]: .05 + .1 = 9/60), the [UNK] target in the middle left out:
    share = model.unscored_share(np.array([[2, 3, 1]]), np.array([[3, 1, 2]]))
    assert share == pytest.approx((19 / 60 + 9 / 60) / 2)


def test_bigram_renormalisation_survives_a_previous_word_seen_only_before_unknown():
    model = BigramBaseline(np.array([2, 3, 1, 2, 3, 1]), vocab_size=4, weight=1.0)
    row = model.scored_prob(np.full(4, 3), np.arange(4))  # "b" was only followed by [UNK]
    assert np.isfinite(row).all() and row.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="no word to score"):
        BigramBaseline(np.array([0, 1, 1]), vocab_size=2).scored_prob([1], [1])


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
    probs = softmax(np.asarray(tiny_model(x)))[..., 2:]  # the scored words only ...
    probs /= probs.sum(axis=-1, keepdims=True)  # ... renormalised
    keep = y != 1
    p_true = np.take_along_axis(probs, y[..., None] - 2, -1)[..., 0][keep]
    assert scores.perplexity == pytest.approx(np.exp(-np.log(p_true).mean()), rel=1e-5)
    top5 = np.argsort(-probs, axis=-1)[..., :5] + 2
    assert scores.top5 == pytest.approx((top5 == y[..., None]).any(-1)[keep].mean())
    positions = lm.perplexity_by_position(lm.target_log_probs(tiny_model, x, y), y)
    by_hand = [np.exp(-np.log(np.take_along_axis(probs, y[..., None] - 2, -1)[..., 0][
        keep[:, k], k]).mean()) for k in range(6)]
    np.testing.assert_allclose(positions, by_hand, rtol=1e-5)


class _FixedLogits:
    """A 'model' whose next-word logits are the same everywhere: a closed-form case."""

    def __init__(self, logits):
        self.logits = np.asarray(logits, np.float64)

    def __call__(self, x, training=False):
        return np.broadcast_to(self.logits, (*np.shape(x), self.logits.size))


def test_model_perplexity_is_renormalised_over_scored_words_by_hand():
    # P over ids 0..6 ∝ (1, 4, 2, 1, 1, 1, 1): the scored words 2..6 hold 6 of 11 parts, so
    # renormalised P(2) = 2/6 and P(3) = 1/6. Targets 2, 3 and [UNK] (skipped): perplexity
    # (3 · 6)^(1/2); the unrenormalised score would be ((11/2) · 11)^(1/2).
    model = _FixedLogits(np.log([1, 4, 2, 1, 1, 1, 1]))
    x, y = np.zeros((1, 3), int), np.array([[2, 3, 1]])
    scores = lm.score_model(model, x, y)
    assert scores.words == 2
    assert scores.perplexity == pytest.approx(np.sqrt(3 * 6))
    assert scores.perplexity != pytest.approx(np.sqrt(11 / 2 * 11), rel=0.05)
    assert scores.top5 == 1.0  # the top 5 are the five scored words, never [UNK]
    assert lm.unscored_share(model, x, y) == pytest.approx(5 / 11)
    log_p = lm.scored_log_softmax(model.logits)
    assert np.exp(log_p[:2]).tolist() == [0.0, 0.0] and np.exp(log_p).sum() == pytest.approx(1)
    with pytest.raises(ValueError, match="only padding and"):
        lm.scored_log_softmax(np.zeros(2))


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
