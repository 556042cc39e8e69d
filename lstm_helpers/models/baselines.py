"""The counting baselines the LSTMs must beat.

- ``BigramBaseline`` (lesson 04): next-word probabilities from word-pair counts.
- ``NBLogisticBaseline`` (lesson 05): Wang & Manning (2012, "NBSVM") scale each binary
  n-gram feature by its naive-Bayes log-count ratio r = log(P(feature | pos) /
  P(feature | neg)) before a linear classifier; here logistic regression (scikit-learn).
  Word order is ignored beyond pairs of words, and on IMDB that is hard to beat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import LabInputError, LabTypeError, check_int, check_number
from lstm_helpers.data.text import clean_review
from lstm_helpers.data.tokens import OOV_ID
from lstm_helpers.models.language_models import FIRST_SCORED_ID, Scores, scores_of

_WORD = r"(?u)\b\w[\w']*\b|[!?]"  # words (with apostrophes) and !/? which carry sentiment
C_GRID = (0.1, 0.3, 1.0)


def _prepare(review: str) -> str:
    return clean_review(review).lower()


def nb_ratios(x, labels: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """Naive-Bayes log-count ratio of every column of a binary feature matrix ``x``."""
    labels = np.asarray(labels)
    pos = alpha + np.asarray(x[labels == 1].sum(axis=0)).ravel()
    neg = alpha + np.asarray(x[labels == 0].sum(axis=0)).ravel()
    return np.log((pos / pos.sum()) / (neg / neg.sum()))


@dataclass
class NBLogisticBaseline:
    """Fit with ``fit``; then ``predict_proba(texts)`` gives P(positive) per review."""

    ngram_range: tuple[int, int] = (1, 2)
    min_df: int = 2
    C: float = 0.3
    seed: int = 0

    def fit(self, texts: list[str], labels: np.ndarray) -> NBLogisticBaseline:
        from sklearn.feature_extraction.text import CountVectorizer

        self.vectorizer = CountVectorizer(ngram_range=self.ngram_range, min_df=self.min_df,
                                          binary=True, preprocessor=_prepare,
                                          token_pattern=_WORD, dtype=np.float32)
        x = self.vectorizer.fit_transform(texts)
        self.ratios = nb_ratios(x, labels).astype(np.float32)
        self._x, self._y = x, np.asarray(labels)
        self.model = self._fit_linear(self.C)
        return self

    def _features(self, texts: list[str]):
        return self.vectorizer.transform(texts).multiply(self.ratios).tocsr()

    def _fit_linear(self, c: float):
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=1000, solver="liblinear",
                                   random_state=self.seed)
        return model.fit(self._x.multiply(self.ratios).tocsr(), self._y)

    def tune(self, texts: list[str], labels: np.ndarray, grid=C_GRID) -> float:
        """Pick the regularisation strength C by accuracy on validation reviews."""
        features, labels = self._features(texts), np.asarray(labels)
        models = {c: self._fit_linear(c) for c in grid}
        scores = {c: float(np.mean(m.predict(features) == labels)) for c, m in models.items()}
        self.C = max(grid, key=lambda c: (scores[c], -c))
        self.model = models[self.C]  # already fitted: no extra fit
        return self.C

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """P(positive) for each review."""
        return self.model.predict_proba(self._features(texts))[:, 1]

    @property
    def n_features(self) -> int:
        return len(self.vectorizer.vocabulary_)

    def strongest(self, k: int = 10) -> dict[str, list[str]]:
        """The n-grams that push hardest towards each label: the model, readable."""
        names = self.vectorizer.get_feature_names_out()
        weights = self.model.coef_[0] * self.ratios
        order = np.argsort(weights)
        return {"positive": [str(names[i]) for i in order[::-1][:k]],
                "negative": [str(names[i]) for i in order[:k]]}


class BigramBaseline:
    """P(next | previous) = λ·count(previous, next)/count(previous) + (1 − λ)·P_add-one(next)
    for every pair (a previous word never seen gets the unigram part alone).

    ``weight`` (λ) says how much to trust the bigram counts; ``tune`` picks it on validation.
    Used in lesson 04.
    """

    def __init__(self, stream: np.ndarray, vocab_size: int, weight: float = 0.8):
        vocab_size = check_int("vocab_size", vocab_size, low=OOV_ID + 1,
                               hint="Give the size of the vocabulary the ids come from.")
        weight = _check_weight(weight)
        stream = _ids("stream", stream, vocab_size)
        if len(stream) < 2:
            raise LabInputError(f"stream must hold at least 2 word ids to count a pair; got "
                                f"{len(stream)}.")
        self.vocab_size, self.weight = vocab_size, weight
        self.unigram = (np.bincount(stream, minlength=vocab_size) + 1) / (len(stream) + vocab_size)
        self.codes, self.counts = np.unique(stream[:-1] * vocab_size + stream[1:],
                                            return_counts=True)
        self.prev_counts = np.bincount(stream[:-1], minlength=vocab_size)
        self._top_unigrams = np.argsort(self.unigram)[::-1]

    def pair_counts(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        codes = np.asarray(prev, np.int64) * self.vocab_size + np.asarray(nxt, np.int64)
        pos = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        return np.where(self.codes[pos] == codes, self.counts[pos], 0)

    def prob(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        """P(nxt | prev) for arrays of word ids (each below ``vocab_size``)."""
        prev, nxt = _ids("prev", prev, self.vocab_size), _ids("nxt", nxt, self.vocab_size)
        seen = self.prev_counts[prev]
        lam = np.where(seen > 0, self.weight, 0.0)
        bigram = self.pair_counts(prev, nxt) / np.maximum(seen, 1)
        return lam * bigram + (1 - lam) * self.unigram[nxt]

    def scored_prob(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        """P(nxt | prev) renormalised over the scored words: divided by the share that
        ``prob`` leaves for words other than padding and '[UNK]' (0 for those two).

        Why: the counts keep a share of every prediction for '[UNK]', which is never scored;
        the LSTM is trained not to spend any there. Renormalising both models over the same
        words is what makes lesson 04's comparison fair. A previous word whose counts give
        the scored words nothing (only with λ = 1) falls back on the unigram part.
        """
        prev, nxt = _ids("prev", prev, self.vocab_size), _ids("nxt", nxt, self.vocab_size)
        if self.vocab_size <= FIRST_SCORED_ID:
            raise LabInputError(f"vocab_size={self.vocab_size} holds only padding and "
                                "'[UNK]': there is no word to score.")
        reserved = sum(self.prob(prev, np.full_like(prev, r)) for r in range(FIRST_SCORED_ID))
        unigram_scored = self.unigram[nxt] / self.unigram[FIRST_SCORED_ID:].sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            p = np.where(reserved < 1.0, self.prob(prev, nxt) / (1.0 - reserved), unigram_scored)
        return np.where(nxt >= FIRST_SCORED_ID, p, 0.0)

    def unscored_share(self, x: np.ndarray, y: np.ndarray) -> float:
        """The mean probability put on padding and '[UNK]' at the scored positions of
        windows (x, y), like ``language_models.unscored_share``: what ``scored_prob`` takes
        out."""
        prev = _ids("x", x, self.vocab_size).ravel()
        keep = _ids("y", y, self.vocab_size).ravel() >= FIRST_SCORED_ID
        reserved = sum(self.prob(prev[keep], np.full(keep.sum(), r))
                       for r in range(FIRST_SCORED_ID))
        return float(np.mean(reserved))

    def target_log_probs(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """log P(y | x) at every position of windows, renormalised over the scored words
        like ``language_models.target_log_probs`` (-inf where y is '[UNK]')."""
        with np.errstate(divide="ignore"):
            return np.log(self.scored_prob(np.asarray(x).ravel(),
                                           np.asarray(y).ravel())).reshape(np.shape(y))

    def top_k(self, prev: int, k: int = 5) -> np.ndarray:
        """The ``k`` most likely next words after ``prev``, among the scored words (never
        padding or '[UNK]': a guess that can never be right would waste a slot)."""
        prev = int(_ids("prev", [prev], self.vocab_size)[0])
        k = check_int("k", k, low=1)
        lo, hi = np.searchsorted(self.codes, [prev * self.vocab_size,
                                              (prev + 1) * self.vocab_size])
        candidates = np.concatenate([self.codes[lo:hi] % self.vocab_size,
                                     self._top_unigrams[:k + FIRST_SCORED_ID]])
        candidates = np.unique(candidates[candidates >= FIRST_SCORED_ID])
        scores = self.prob(np.full(len(candidates), prev), candidates)
        return candidates[np.argsort(-scores, kind="stable")[:k]]

    def score(self, stream: np.ndarray) -> Scores:
        """Perplexity and top-5 accuracy on a held-out stream ('[UNK]' targets skipped), with
        ``scored_prob``: the probabilities renormalised over the scored words."""
        stream = _ids("stream", stream, self.vocab_size)
        prev, nxt = stream[:-1], stream[1:]
        keep = nxt >= FIRST_SCORED_ID
        prev, nxt = prev[keep], nxt[keep]
        log_p = np.log(self.scored_prob(prev, nxt))
        hits = np.zeros(len(nxt), dtype=bool)
        for word in np.unique(prev):
            rows = prev == word
            hits[rows] = np.isin(nxt[rows], self.top_k(int(word)))
        return scores_of([log_p], [hits])

    def tune(self, stream: np.ndarray, grid=(0.5, 0.6, 0.7, 0.8, 0.9, 0.95)) -> float:
        """Set λ to the grid value with the lowest (renormalised) perplexity on ``stream``
        (validation)."""
        grid = [_check_weight(w) for w in grid]
        stream = _ids("stream", stream, self.vocab_size)
        prev, nxt = stream[:-1], stream[1:]
        keep = nxt >= FIRST_SCORED_ID
        best = min(grid, key=lambda w: -np.log(
            self._with(w).scored_prob(prev[keep], nxt[keep])).mean())
        self.weight = float(best)
        return self.weight

    def _with(self, weight: float) -> BigramBaseline:
        clone = object.__new__(BigramBaseline)
        clone.__dict__.update(self.__dict__, weight=weight)
        return clone


def _check_weight(weight: float) -> float:
    weight = check_number("weight", weight, low=0.0)
    if weight > 1.0:
        raise LabInputError(f"weight (λ, the trust in bigram counts) must be between 0 and 1; "
                            f"got {weight}.")
    return weight


def _ids(name: str, ids, vocab_size: int) -> np.ndarray:
    """``ids`` as int64 word ids in [0, vocab_size), or an error naming the first outside:
    an id past the vocabulary would give a probability above 1."""
    array = np.asarray(ids)
    if array.size and not (np.issubdtype(array.dtype, np.integer) or array.dtype == bool):
        raise LabTypeError(f"{name} must be whole-number word ids; got {array.dtype} values.")
    array = array.astype(np.int64)
    outside = array[(array < 0) | (array >= vocab_size)]
    if outside.size:
        raise LabInputError(f"{name} holds id {int(outside[0])} ({outside.size} outside in "
                            f"all), but vocab_size={vocab_size} allows ids 0 to "
                            f"{vocab_size - 1}: count with the vocabulary the ids come from.")
    return array


def words(review: str) -> list[str]:
    """The tokens the baseline sees (for tests and for showing its view of a review)."""
    return re.findall(_WORD, _prepare(review))
