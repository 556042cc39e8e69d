"""The cell diagram shows the step's own numbers, its wires follow the gates, and an
in-place update draws exactly what a fresh figure would."""

import numpy as np
import pytest

from lstm_helpers.core import initializers
from lstm_helpers.core.cells import gru_step, lstm_step
from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.viz import cell_diagram as cd


def one_step(seed=0, units=3):
    w = initializers.random_lstm_weights(2, units, seed=seed)
    rng = np.random.default_rng(seed)
    x, h, c = rng.normal(size=(1, 2)), rng.normal(size=(1, units)), rng.normal(size=(1, units))
    return lstm_step(x, h, c, w), x, h, c


@pytest.mark.parametrize("unit", [0, 2])
def test_values_are_the_steps_own_numbers(unit):
    step, x, h, c = one_step()
    v = cd.lstm_values(step, c, h, x, unit=unit)
    assert v["f"] == pytest.approx(step.f[0, unit]) and v["o"] == pytest.approx(step.o[0, unit])
    assert v["kept"] == pytest.approx(step.f[0, unit] * c[0, unit])
    assert v["written"] == pytest.approx(step.i[0, unit] * step.g[0, unit])
    assert v["c"] == pytest.approx(v["kept"] + v["written"])
    assert v["h"] == pytest.approx(v["o"] * np.tanh(v["c"]))
    assert v["x"].startswith("2 numbers")


def test_values_along_a_sequence_match_the_steps():
    w = initializers.random_lstm_weights(2, 3, seed=1)
    xs = np.random.default_rng(1).normal(size=(1, 5, 2))
    trace = run_lstm(xs, w)
    v = cd.lstm_values_at(trace, 3, unit=1, xs=xs)
    step = lstm_step(xs[:, 3], trace.h[:, 2], trace.c[:, 2], w)
    assert v["c_prev"] == pytest.approx(trace.c[0, 2, 1]) and v["i"] == pytest.approx(step.i[0, 1])
    first = cd.lstm_values_at(trace, 0, unit=1, x_label="“A”")
    assert first["c_prev"] == 0.0 and first["h_prev"] == 0.0 and first["x"] == "“A”"


def test_wires_widen_and_darken_with_their_gate_and_colour_never_works_alone():
    step, x, h, c = one_step()
    values = cd.lstm_values(step, c, h, x)
    shut = {**values, "f": 0.0}
    wide = {**values, "f": 1.0}
    thin_fig, wide_fig = cd.lstm_cell_figure(shut), cd.lstm_cell_figure(wide)
    assert cd.wire_widths(thin_fig, cd.LSTM)["f"] == pytest.approx(1.0)
    assert cd.wire_widths(wide_fig, cd.LSTM)["f"] == pytest.approx(11.0)
    k = next(n for n, w in enumerate(cd.LSTM.wires) if w.gate == "f")
    assert thin_fig.data[k].opacity < 0.2 < 0.99 < wide_fig.data[k].opacity  # shade, too
    assert thin_fig.data[k].line.color == wide_fig.data[k].line.color  # same hue: not colour


def test_an_update_in_place_draws_what_a_fresh_figure_would():
    step, x, h, c = one_step(seed=2)
    later, *_ = one_step(seed=5)
    values, other = cd.lstm_values(step, c, h, x), cd.lstm_values(later, c, h, x, unit=1)
    fig = cd.lstm_cell_figure(values)
    cd.update_cell_figure(fig, cd.LSTM, other, title="moved")
    fresh = cd.lstm_cell_figure(other, title="moved")
    assert fig.to_dict() == fresh.to_dict()


def test_gru_diagram_uses_kerass_update_gate_convention():
    w = initializers.random_gru_weights(2, 2, seed=3)
    rng = np.random.default_rng(3)
    x, h = rng.normal(size=(1, 2)), rng.normal(size=(1, 2))
    step = gru_step(x, h, w)
    v = cd.gru_values(step, h, x, unit=1)
    assert v["h"] == pytest.approx(v["kept"] + v["written"])
    assert v["kept"] == pytest.approx(v["z"] * h[0, 1])
    assert v["keep_new"] == pytest.approx(1 - v["z"])
    fig = cd.gru_cell_figure(v)
    widths = cd.wire_widths(fig, cd.GRU)
    assert widths["z"] == pytest.approx(1 + 10 * v["z"])
    assert widths["keep_new"] == pytest.approx(1 + 10 * (1 - v["z"]))
