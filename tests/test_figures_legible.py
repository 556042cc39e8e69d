"""What issue 24 found hard to read: labels crossed by whiskers, legends over subtitles, a
headline cut off at 1366 px, printed objects instead of numbers."""

import numpy as np

from lstm_helpers.models.language_models import Scores
from lstm_helpers.viz import sentiment_figures, series_figures, variant_figures


def test_mase_labels_sit_above_their_whiskers():
    summary = [{"model": "seasonal naive", "MASE": 1.0, "MASE ±": 0.3},
               {"model": "LSTM", "MASE": 0.6, "MASE ±": 0.25}]
    fig = series_figures.error_chart(summary)
    labels = {a.x: a for a in fig.layout.annotations if a.x in ("seasonal naive", "LSTM")}
    for row in summary:
        note = labels[row["model"]]
        assert note.y >= row["MASE"] + row["MASE ±"] and note.yanchor == "bottom"
        assert note.text == f"{row['MASE']:.2f}"
    assert fig.layout.yaxis.range[1] > 1.3  # room for the highest label
    assert not fig.data[0].text  # no label inside the whisker's path


def test_legends_stay_off_the_titles():
    surgery = sentiment_figures.surgery_figure(["a", "good", "film"])
    assert surgery.layout.legend.x > 1  # beside the panels, not over the subtitle
    rows = [{"variant": "LSTM", "test acc": 0.85, "val acc": 0.86, "s / epoch": 40.0},
            {"variant": "GRU", "test acc": 0.84, "val acc": 0.85, "s / epoch": 35.0}]
    chart = variant_figures.comparison_chart(rows, title="compared")
    assert chart.layout.legend.y < 0  # under the panels, not over their titles


def test_lesson_02_headline_breaks_before_the_numbers():
    from lstm_helpers.core.cells import LSTMWeights, lstm_step
    from lstm_helpers.viz import gate_figures

    weights = LSTMWeights(kernel=[[0.0] * 4], recurrent_kernel=[[0.0] * 4], bias=[0.0] * 4)
    step = lstm_step(np.array([[1.0]]), np.array([[0.0]]), np.array([[-2.0]]), weights)
    title = gate_figures.gate_explorer_figure(step, -2.0).layout.title.text
    first, second = title.split("<br>")
    assert first.startswith("keeps 50% of the old memory") and "h<sub>t</sub> =" in second


def test_scores_print_as_numbers():
    text = str(Scores(perplexity=170.2012345, top5=0.23456, words=12345))
    assert text == "perplexity 170.2, top-5 accuracy 23.5% over 12,345 next words"


def _arrows(fig, xref):
    return [(a.ax, a.ay, a.x, a.y) for a in fig.layout.annotations
            if a.showarrow and a.xref == xref]


def test_lesson_01_diagrams_connect_encoder_to_decoder_and_forward_layer_to_y():
    from lstm_helpers.viz import diagrams

    fig = diagrams.rnn_kinds_figure()
    encoder_decoder = _arrows(fig, "x4")  # the 4th picture
    assert any(ax < 2.5 < x and ay == y == 1.0 for ax, ay, x, y in encoder_decoder)
    bidirectional = _arrows(fig, "x5")
    forward_to_y = [a for a in bidirectional if abs(a[1] - 1.02) < 1e-9 and a[3] > 2]
    x_to_backward = [a for a in bidirectional if a[1] < 0.5 and 1.2 < a[3] < 1.5]
    assert len(forward_to_y) == 4 and len(x_to_backward) == 4


def test_lesson_03_long_sequences_keep_readable_token_and_unit_labels():
    from lstm_helpers.core.sequences import LSTMTrace
    from lstm_helpers.viz import recall_figures

    steps, units = 241, np.arange(8)
    rng = np.random.default_rng(0)
    trace = LSTMTrace(**{k: rng.uniform(0, 1, (1, steps, 8)) for k in "hcifgo"})
    tokens = ["A"] + ["w"] * (steps - 1)
    probs = np.full((1, steps, 4), 0.25)
    fig = recall_figures.gate_steps_figure(tokens, trace, probs, ("A", "B", "C", "D"), units)
    ticks = fig.layout.xaxis.tickvals
    assert len(ticks) <= recall_figures.MAX_TOKEN_LABELS and ticks[0] == 0
    for axis in ("yaxis", "yaxis2", "yaxis3"):  # the three heatmaps name all 8 units
        assert list(fig.layout[axis].ticktext) == [f"unit {u}" for u in units]


def test_lesson_10_forecasts_take_a_third_of_the_width():
    values = np.arange(120, dtype=float)
    labels = [f"m{t}" for t in range(120)]
    rows = [{"origin": 100, "model": "LSTM", "MASE": 0.5, "forecast": values[100:112]}]
    fig = series_figures.forecasts_figure(values, labels, rows, origin=100, horizon=12)
    low, high = fig.layout.xaxis.range
    assert abs(12 / (high - low) - 1 / 3) < 0.01
    assert 5 <= len(fig.layout.xaxis.tickvals) <= 12
    assert all(low <= t <= high for t in fig.layout.xaxis.tickvals)


def test_side_by_side_listings_never_wrap_mid_line():
    from lstm_helpers.ui.display import SideBySide

    page = SideBySide("a = 1  # " + "x" * 200, "b = 2", "old", "new")._repr_html_()
    assert page.count("white-space:pre;") >= 4  # on each <pre> and each <code>
