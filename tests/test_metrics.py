"""Accuracy, ROC curve, ROC AUC and confusion matrix against scikit-learn."""

import numpy as np
import pytest
from sklearn import metrics as sk

from lstm_helpers.core import metrics


@pytest.fixture(params=[0, 1, 2])
def scored(request):
    rng = np.random.default_rng(request.param)
    y = rng.integers(0, 2, 400)
    p = np.clip(0.3 * y + rng.normal(0.35, 0.25, 400), 0, 1)
    if request.param == 2:
        p = np.round(p, 1)  # many ties
    return y, p


def test_roc_auc_and_curve_match_sklearn(scored):
    y, p = scored
    assert metrics.roc_auc(y, p) == pytest.approx(sk.roc_auc_score(y, p), abs=1e-12)
    fpr, tpr, thresholds = metrics.roc_curve(y, p)
    sk_fpr, sk_tpr, _ = sk.roc_curve(y, p, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr)
    np.testing.assert_allclose(tpr, sk_tpr)
    assert thresholds[0] == np.inf and np.all(np.diff(thresholds[1:]) < 0)


def test_confusion_and_accuracy_match_sklearn(scored):
    y, p = scored
    for threshold in (0.3, 0.5, 0.7):
        c = metrics.confusion(y, p, threshold)
        np.testing.assert_array_equal(c.matrix, sk.confusion_matrix(y, p >= threshold))
        assert c.precision == pytest.approx(sk.precision_score(y, p >= threshold))
        assert c.recall == pytest.approx(sk.recall_score(y, p >= threshold))
        assert metrics.accuracy(y, p, threshold) == pytest.approx(
            sk.accuracy_score(y, p >= threshold))


def test_closed_form_values():
    assert metrics.roc_auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert metrics.roc_auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]) == 0.0
    assert metrics.roc_auc([0, 1], [0.5, 0.5]) == 0.5  # a tie counts half


def test_bad_inputs_are_explained():
    with pytest.raises(ValueError, match="both positive and negative"):
        metrics.roc_curve([1, 1], [0.2, 0.3])
    with pytest.raises(ValueError, match="one score per label"):
        metrics.accuracy([0, 1], [0.2])
    with pytest.raises(ValueError, match="0 .negative. or 1"):
        metrics.accuracy([0, 2], [0.2, 0.3])
