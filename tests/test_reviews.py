import numpy as np
import pytest

from lstm_helpers.reviews import Reviews, balanced_subset, stratified_split


def make_reviews(n_pos: int, n_neg: int) -> Reviews:
    labels = np.array([1] * n_pos + [0] * n_neg, dtype=np.int8)
    return Reviews(
        texts=[f"review {i}" for i in range(len(labels))],
        labels=labels,
        ratings=np.where(labels == 1, 9, 2).astype(np.int8),
    )


def test_split_keeps_balance_and_loses_nothing():
    reviews = make_reviews(100, 100)
    rest, held = stratified_split(reviews, 0.2, seed=1)
    assert held.counts() == {"reviews": 40, "positive": 20, "negative": 20}
    assert rest.counts() == {"reviews": 160, "positive": 80, "negative": 80}
    assert sorted(rest.texts + held.texts) == sorted(reviews.texts)
    assert not set(rest.texts) & set(held.texts)


def test_split_repeats_with_the_seed_and_changes_without_it():
    reviews = make_reviews(50, 50)
    assert stratified_split(reviews, 0.3, 5)[1].texts == stratified_split(reviews, 0.3, 5)[1].texts
    assert stratified_split(reviews, 0.3, 5)[1].texts != stratified_split(reviews, 0.3, 6)[1].texts


def test_labels_and_ratings_stay_with_their_text():
    reviews = make_reviews(30, 30)
    pairs = zip(reviews.labels, reviews.ratings, strict=True)
    lookup = dict(zip(reviews.texts, pairs, strict=True))
    _, held = stratified_split(reviews, 0.5, 0)
    for text, label, rating in zip(held.texts, held.labels, held.ratings, strict=True):
        assert lookup[text] == (label, rating)


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1])
def test_split_rejects_impossible_fractions(fraction):
    with pytest.raises(ValueError, match="between 0 and 1"):
        stratified_split(make_reviews(4, 4), fraction, 0)


def test_balanced_subset_is_balanced():
    subset = balanced_subset(make_reviews(300, 100), 60, seed=3)
    assert subset.counts() == {"reviews": 60, "positive": 30, "negative": 30}


def test_balanced_subset_of_none_returns_everything():
    reviews = make_reviews(5, 7)
    assert sorted(balanced_subset(reviews, None, 0).texts) == sorted(reviews.texts)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError, match="one entry per review"):
        Reviews(texts=["a"], labels=np.array([1, 0]), ratings=np.array([9]))
