"""Binary-classifier scores in NumPy: accuracy, ROC curve, ROC AUC, confusion matrix.

Written out (rather than imported) so a learner can read how each number is made;
tests/test_metrics.py checks them against scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_number, finite_array


def _as_arrays(labels, scores) -> tuple[np.ndarray, np.ndarray]:
    """Labels (0/1) and finite scores, one per label; scikit-learn refuses NaN too, and a NaN
    score would otherwise count as a confident wrong (or right) answer."""
    raw = finite_array("labels", labels).ravel()
    p = finite_array("scores", scores, hint="a model that outputs NaN has diverged; retrain "
                     "it (lower learning rate, clipnorm) before scoring it.").ravel()
    if raw.shape != p.shape:
        raise LabInputError(f"need one score per label; got {raw.size} labels and {p.size} "
                            "scores.")
    wrong = raw[~np.isin(raw, (0, 1))]
    if wrong.size:
        raise LabInputError(f"labels must be 0 (negative) or 1 (positive); got "
                            f"{wrong[0]:g} ({wrong.size} such label(s)).")
    return raw.astype(np.int64), p


def accuracy(labels, scores, threshold: float = 0.5) -> float:
    """Share of reviews whose score falls on the right side of ``threshold``. Lessons 05-08."""
    y, p = _as_arrays(labels, scores)
    threshold = check_number("threshold", threshold)
    return float(np.mean((p >= threshold) == (y == 1)))


def roc_curve(labels, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False-positive rate, true-positive rate and thresholds, from the strictest down.

    Each distinct score is one threshold; the curve starts at (0, 0). Lesson 05.
    """
    y, p = _as_arrays(labels, scores)
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    if n_pos == 0 or n_neg == 0:
        raise LabInputError("a ROC curve needs both positive and negative labels.")
    order = np.argsort(-p, kind="mergesort")
    p, y = p[order], y[order]
    last_of_tie = np.r_[np.flatnonzero(np.diff(p)), len(p) - 1]  # one point per distinct score
    tps = np.cumsum(y)[last_of_tie]
    fps = (last_of_tie + 1) - tps
    return (np.r_[0.0, fps / n_neg], np.r_[0.0, tps / n_pos], np.r_[np.inf, p[last_of_tie]])


def roc_auc(labels, scores) -> float:
    """Area under the ROC curve: the chance that a random positive review scores above a
    random negative one (ties count half). Lessons 05-08."""
    fpr, tpr, _ = roc_curve(labels, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))  # trapezoids


@dataclass(frozen=True)
class Confusion:
    """Counts of a binary confusion matrix at one threshold."""

    tn: int
    fp: int
    fn: int
    tp: int

    @property
    def matrix(self) -> np.ndarray:
        """[[tn, fp], [fn, tp]]: rows are the true label, columns the prediction."""
        return np.array([[self.tn, self.fp], [self.fn, self.tp]])

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def confusion(labels, scores, threshold: float = 0.5) -> Confusion:
    """True/false negatives and positives when ``score >= threshold`` means positive. Lesson 05."""
    y, p = _as_arrays(labels, scores)
    pred = p >= check_number("threshold", threshold)
    return Confusion(tn=int(np.sum(~pred & (y == 0))), fp=int(np.sum(pred & (y == 0))),
                     fn=int(np.sum(~pred & (y == 1))), tp=int(np.sum(pred & (y == 1))))
