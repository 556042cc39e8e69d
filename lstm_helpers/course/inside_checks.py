"""Lesson 06's check of a function the learner builds: the classifier's readout, run on the
last hidden state of real reviews and compared with the verdicts Keras gave them."""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.inside import Classifier
from lstm_helpers.course.verdicts import Verdict, as_number, unanswered, verdict


def check_readout(readout: object, classifier: Classifier, reviews: list[np.ndarray],
                  probs) -> Verdict:
    """Does the learner's ``readout(h)`` turn each review's last hidden state into the
    P(positive) Keras gave it (``probs``, one per review), as ``Dense(1, sigmoid)`` does?
    Used in lesson 06."""
    from lstm_helpers.course.build_checks import _call_learner

    check = "check_readout"
    if (reminder := unanswered(readout, check=check)) is not None:
        return reminder
    if not callable(readout):
        return verdict(False, "", "give a function, `def readout(h): return ...`, that takes "
                       "the hidden state after the last word.", check)
    expected_all = np.asarray(probs, dtype=np.float64).ravel()
    if len(expected_all) != len(reviews) or not len(reviews):
        return verdict(False, "", f"the check needs one Keras verdict per review: got "
                       f"{len(expected_all)} for {len(reviews)}.", check)
    for review, expected in zip(reviews, expected_all, strict=True):
        h = classifier.trace(review)[0].h[0, -1]  # Shape: (units,)
        got = _call_learner(check, lambda h=h: readout(h.copy()),
                            "call it with one hidden state, a NumPy array of shape (units,).")
        if isinstance(got, Verdict):
            return got
        values = np.asarray(got, dtype=object).ravel()
        value = as_number(values[0]) if values.size == 1 else None
        if value is None:
            return verdict(False, "", f"it must return one number, P(positive); got "
                           f"{got!r:.60}.", check)
        if abs(value - expected) > 1e-4:
            fix = ("that is not a probability: apply the sigmoid σ(z) = 1 / (1 + e^(−z)) to "
                   "the logit." if not 0.0 <= value <= 1.0 else
                   "multiply h by the readout kernel, add the bias, then apply the sigmoid "
                   "σ(z) = 1 / (1 + e^(−z)).")
            return verdict(False, "", f"for a review Keras says P(positive) = {expected:.4f}, "
                           f"your readout {value:.4f}: {fix}", check)
    return verdict(True, f"it gives Keras's verdict on all {len(reviews)} reviews: the readout "
                   "is σ(h · w + b), nothing more.", "", check)
