"""The linear baseline an LSTM must beat: NB-weighted logistic regression on word bigrams.

Wang & Manning (2012, "NBSVM") scale each binary n-gram feature by its naive-Bayes
log-count ratio r = log(P(feature | pos) / P(feature | neg)) before a linear classifier;
here the classifier is logistic regression (scikit-learn). Word order is ignored beyond
pairs of words, and on IMDB that is hard to beat. Lessons 05-06.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from lstm_helpers.text import clean_review

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


def words(review: str) -> list[str]:
    """The tokens the baseline sees (for tests and for showing its view of a review)."""
    return re.findall(_WORD, _prepare(review))
