"""Labelled review collections and the reproducible ways the course cuts them.

Kept apart from the IMDB loader so splitting and subsetting can be tested on a
handful of made-up reviews.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int, check_number


@dataclass(frozen=True)
class Reviews:
    """Texts with their labels (1 = positive, 0 = negative), star ratings (1-10) and the
    film each review is about (IMDB title ids such as 'tt0453418'; '' where unknown)."""

    texts: list[str]
    labels: np.ndarray
    ratings: np.ndarray
    films: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.films is None:
            object.__setattr__(self, "films", np.full(len(self.texts), "", dtype=object))
        sizes = (len(self.texts), len(self.labels), len(self.ratings), len(self.films))
        if len(set(sizes)) != 1:
            raise LabInputError(
                f"texts, labels, ratings and films must have one entry per review; got "
                f"{', '.join(map(str, sizes))}."
            )

    def __len__(self) -> int:
        return len(self.texts)

    def take(self, indices: np.ndarray) -> Reviews:
        """The reviews at ``indices``, in that order."""
        indices = np.asarray(indices, dtype=np.int64)
        return Reviews(texts=[self.texts[i] for i in indices], labels=self.labels[indices],
                       ratings=self.ratings[indices], films=self.films[indices])

    def counts(self) -> dict[str, int]:
        """How many reviews, and how many of each label."""
        positive = int(np.sum(self.labels == 1))
        return {"reviews": len(self), "positive": positive, "negative": len(self) - positive}

    @property
    def has_films(self) -> bool:
        """Whether the reviews carry film ids (from the dataset's urls_*.txt files)."""
        return bool(len(self)) and any(self.films != "")


def _check_fraction(fraction: float) -> None:
    check_number("fraction", fraction)
    if not 0.0 < fraction < 1.0:
        raise LabInputError(f"fraction must be between 0 and 1 (exclusive); got {fraction}.")


def stratified_split(reviews: Reviews, fraction: float, seed: int) -> tuple[Reviews, Reviews]:
    """Split off ``fraction`` of the reviews at random, keeping the label balance.

    Returns ``(rest, held_out)``. Reviews of one film can land on both sides, so a model
    validated this way has seen the held-out reviews' films: ``film_split`` avoids that.
    """
    _check_fraction(fraction)
    rng = np.random.default_rng(seed)
    held, rest = [], []
    for label in np.unique(reviews.labels):
        idx = rng.permutation(np.flatnonzero(reviews.labels == label))
        n_held = int(round(len(idx) * fraction))
        held.append(idx[:n_held])
        rest.append(idx[n_held:])
    held_idx = rng.permutation(np.concatenate(held))
    rest_idx = rng.permutation(np.concatenate(rest))
    return reviews.take(rest_idx), reviews.take(held_idx)


def film_split(reviews: Reviews, fraction: float, seed: int) -> tuple[Reviews, Reviews]:
    """Split off about ``fraction`` of the reviews by *film*: every review of a film lands
    on the same side, as IMDB's own train and test films are disjoint.

    Films are taken in a seeded random order, each joining the held-out side while its
    positive or negative reviews are still short of their share, so the label balance stays
    close to the whole's. A review without a film id counts as a film of its own. Returns
    ``(rest, held_out)``.
    """
    _check_fraction(fraction)
    if not reviews.has_films:
        raise LabInputError("these reviews carry no film ids (the urls_*.txt files); split "
                            "them with split='random', or load a copy of the dataset that "
                            "has them.")
    rng = np.random.default_rng(seed)
    keys = [f or f"review-{k}" for k, f in enumerate(reviews.films.astype(str))]
    films, film_of = np.unique(keys, return_inverse=True)
    positives = np.bincount(film_of, weights=reviews.labels == 1, minlength=len(films))
    negatives = np.bincount(film_of, minlength=len(films)) - positives
    wanted = np.array([negatives.sum(), positives.sum()]) * fraction
    got = np.zeros(2)
    held_films = np.zeros(len(films), bool)
    for film in rng.permutation(len(films)):
        counts = np.array([negatives[film], positives[film]])
        if np.all(got >= wanted):
            break
        if np.any((got < wanted) & (counts > 0)) and np.all(got + counts <= wanted * 1.02 + 2):
            held_films[film] = True
            got += counts
    held = held_films[film_of]
    held_idx = rng.permutation(np.flatnonzero(held))
    rest_idx = rng.permutation(np.flatnonzero(~held))
    return reviews.take(rest_idx), reviews.take(held_idx)


def balanced_subset(reviews: Reviews, n: int | None, seed: int) -> Reviews:
    """Up to ``n`` reviews with as many positive as negative ones (fast mode).

    ``None`` or an ``n`` at least the size of ``reviews`` returns them all,
    shuffled the same way every time.
    """
    if n is not None:
        check_int("n", n, hint="None keeps every review.")
    rng = np.random.default_rng(seed)
    if n is None or n >= len(reviews):
        return reviews.take(rng.permutation(len(reviews)))
    if n < 2:
        raise LabInputError(f"a balanced subset needs at least 2 reviews; got n={n}.")
    pos = rng.permutation(np.flatnonzero(reviews.labels == 1))
    neg = rng.permutation(np.flatnonzero(reviews.labels == 0))
    n_pos = min(len(pos), n // 2)
    n_neg = min(len(neg), n - n_pos)
    chosen = np.concatenate([pos[:n_pos], neg[:n_neg]])
    return reviews.take(rng.permutation(chosen))


def shared_films(a: Reviews, b: Reviews) -> float:
    """The share of ``b``'s reviews whose film also has a review in ``a``. Used in lesson 05."""
    if not (a.has_films and b.has_films):
        return float("nan")
    return float(np.isin(b.films.astype(str), a.films.astype(str)).mean())
