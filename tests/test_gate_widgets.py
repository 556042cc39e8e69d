"""The welcome lesson's gate demo: the figure, its in-place update, its sliders, its checks."""

import numpy as np
import pytest

from lstm_helpers.core.activations import sigmoid
from lstm_helpers.ui import gate_widgets as widgets
from lstm_helpers.viz import gate_figures as figures


def test_sigmoid_matches_the_closed_form_and_survives_extremes():
    z = np.array([-3.0, 0.0, 2.5])
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12)
    with np.errstate(all="raise"):
        extreme = sigmoid(np.array([-1e6, 1e6]))
    np.testing.assert_array_equal(extreme, [0.0, 1.0])


def test_figure_shows_the_gate_at_the_input():
    fig = figures.sigmoid_gate_figure(weight=2.0, bias=-1.0, x_value=1.5, n_points=11)
    curve, marker = fig.data
    np.testing.assert_allclose(curve.y, 1 / (1 + np.exp(-(2.0 * np.asarray(curve.x) - 1.0))))
    assert marker.y[0] == pytest.approx(1 / (1 + np.exp(-2.0)))
    assert "0.881" in fig.layout.title.text


def test_moving_a_slider_updates_the_same_figure():
    explorer = widgets.sigmoid_gate_explorer(n_points=21)
    fig = explorer.figure
    before = np.array(fig.data[0].y)
    explorer.controls["bias"].value = 3.0
    assert explorer.figure is fig
    assert fig.data[1].y[0] == pytest.approx(float(sigmoid(1.0 + 3.0)))
    assert not np.allclose(before, fig.data[0].y)
    assert "+ 3.0" in fig.layout.title.text


def test_sliders_at_their_extremes_stay_finite():
    explorer = widgets.sigmoid_gate_explorer(n_points=21)
    for name, control in explorer.controls.items():
        control.value = control.max
        assert np.all(np.isfinite(explorer.figure.data[0].y)), name
        control.value = control.min
        assert np.all(np.isfinite(explorer.figure.data[0].y)), name
