"""Labelled review collections and the reproducible ways the course cuts them.

Kept apart from the IMDB loader so splitting and subsetting can be tested on a
handful of made-up reviews.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Reviews:
    """Texts with their labels (1 = positive, 0 = negative) and star ratings (1-10)."""

    texts: list[str]
    labels: np.ndarray
    ratings: np.ndarray

    def __post_init__(self) -> None:
        if not (len(self.texts) == len(self.labels) == len(self.ratings)):
            raise ValueError(
                f"texts, labels and ratings must have one entry per review; got "
                f"{len(self.texts)}, {len(self.labels)} and {len(self.ratings)}."
            )

    def __len__(self) -> int:
        return len(self.texts)

    def take(self, indices: np.ndarray) -> Reviews:
        """The reviews at ``indices``, in that order."""
        indices = np.asarray(indices, dtype=np.int64)
        return Reviews(
            texts=[self.texts[i] for i in indices],
            labels=self.labels[indices],
            ratings=self.ratings[indices],
        )

    def counts(self) -> dict[str, int]:
        """How many reviews, and how many of each label."""
        positive = int(np.sum(self.labels == 1))
        return {"reviews": len(self), "positive": positive, "negative": len(self) - positive}


def stratified_split(
    reviews: Reviews, fraction: float, seed: int
) -> tuple[Reviews, Reviews]:
    """Split off ``fraction`` of the reviews, keeping the label balance, reproducibly.

    Returns ``(rest, held_out)``. The course carves validation from *train* with
    this, never from test. Used in lessons 04-06.
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"fraction must be between 0 and 1 (exclusive); got {fraction}.")
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


def balanced_subset(reviews: Reviews, n: int | None, seed: int) -> Reviews:
    """Up to ``n`` reviews with as many positive as negative ones (fast mode).

    ``None`` or an ``n`` at least the size of ``reviews`` returns them all,
    shuffled the same way every time. Used in lessons 04-06.
    """
    rng = np.random.default_rng(seed)
    if n is None or n >= len(reviews):
        return reviews.take(rng.permutation(len(reviews)))
    if n < 2:
        raise ValueError(f"a balanced subset needs at least 2 reviews; got n={n}.")
    pos = rng.permutation(np.flatnonzero(reviews.labels == 1))
    neg = rng.permutation(np.flatnonzero(reviews.labels == 0))
    n_pos = min(len(pos), n // 2)
    n_neg = min(len(neg), n - n_pos)
    chosen = np.concatenate([pos[:n_pos], neg[:n_neg]])
    return reviews.take(rng.permutation(chosen))
