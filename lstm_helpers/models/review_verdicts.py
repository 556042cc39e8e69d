"""A trained sentiment classifier (in its NumPy form) judging any text a learner types.

Never raises for bad text: a table of odd inputs always fills, a panel always answers.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.errors import LabInputError
from lstm_helpers.core.inside import Classifier
from lstm_helpers.data import text


def judge(classifier: Classifier, vectorize, review: str, max_len: int) -> dict:
    """The verdict on any text: P(positive) and notes, or the message saying what to type.

    Used in lesson 06.
    """
    try:
        ids, notes = text.review_ids(review, vectorize, max_len)
    except text.TextInputError as err:
        return {"p_positive": None, "label": "(no verdict)", "words read": 0, "note": str(err)}
    _, probs = classifier.trace(ids)
    p = float(probs[-1])
    return {"p_positive": p, "label": "positive" if p >= 0.5 else "negative",
            "words read": len(ids), "note": " ".join(notes)}


def example_reviews(seqs: list[np.ndarray], labels: np.ndarray, probs: np.ndarray,
                    index_word: dict[int, str], lengths: tuple[int, int] = (25, 90),
                    per_kind: int = 2) -> dict[str, np.ndarray]:
    """Short test reviews to operate on: the model's surest positives and negatives, and
    the ones it is least sure about, labelled for a dropdown. Used in lesson 06."""
    fits = [k for k, s in enumerate(seqs) if lengths[0] <= len(s) <= lengths[1]]
    if not fits:
        raise LabInputError(f"no review is between {lengths[0]} and {lengths[1]} tokens long.")
    by_p = sorted(fits, key=lambda k: probs[k])
    unsure = sorted(fits, key=lambda k: abs(probs[k] - 0.5))
    picks = by_p[::-1][:per_kind] + by_p[:per_kind] + unsure[:per_kind]
    out = {}
    for k in dict.fromkeys(picks):  # keep order, drop repeats
        first = text.decode(seqs[k][:6], index_word)
        truth = "positive" if labels[k] == 1 else "negative"
        out[f"review {k}: truly {truth}, model P = {probs[k]:.2f}: “{first} …”"] = seqs[k]
    return out
