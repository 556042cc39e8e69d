import numpy as np
import pytest

from lstm_helpers.data.reviews import (
    Reviews,
    balanced_subset,
    film_split,
    shared_films,
    stratified_split,
)


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


def reviews_about_films(n_films: int, seed: int = 0) -> Reviews:
    """1 to 30 reviews per film (IMDB's pattern), mixed labels."""
    rng = np.random.default_rng(seed)
    films = np.repeat([f"tt{k:07d}" for k in range(n_films)], rng.integers(1, 31, n_films))
    labels = rng.integers(0, 2, len(films)).astype(np.int8)
    return Reviews(texts=[f"review {i}" for i in range(len(films))], labels=labels,
                   ratings=np.where(labels == 1, 9, 2).astype(np.int8),
                   films=films.astype(object))


def test_film_split_keeps_every_film_on_one_side():
    reviews = reviews_about_films(400)
    rest, held = film_split(reviews, 0.2, seed=3)
    assert not set(rest.films) & set(held.films)
    assert len(rest) + len(held) == len(reviews)
    assert abs(len(held) / len(reviews) - 0.2) < 0.02
    share = held.counts()["positive"] / len(held)
    assert abs(share - reviews.counts()["positive"] / len(reviews)) < 0.03
    assert shared_films(rest, held) == 0.0


def test_a_random_split_shares_films_and_the_film_split_does_not():
    reviews = reviews_about_films(300)
    rest, held = stratified_split(reviews, 0.2, seed=1)
    assert shared_films(rest, held) > 0.5  # most held-out reviews have a sibling in training
    rest, held = film_split(reviews, 0.2, seed=1)
    assert shared_films(rest, held) == 0.0


def test_film_split_repeats_with_its_seed_and_needs_films():
    reviews = reviews_about_films(100)
    a, b = film_split(reviews, 0.2, seed=5)[1], film_split(reviews, 0.2, seed=5)[1]
    assert a.texts == b.texts
    with pytest.raises(ValueError, match="split='random'"):
        film_split(make_reviews(10, 10), 0.2, seed=0)
