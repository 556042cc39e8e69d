"""Lesson 11's figures and panel: the attention heatmap's rows sum to 1 and it updates in
place, lines differ by more than colour, and the panel answers bad input with a message."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_helpers.viz import attention_figures


def test_the_heatmap_shows_rows_that_sum_to_one_and_updates_in_place():
    import plotly.graph_objects as go

    weights = np.array([[0.1, 0.9], [0.5, 0.5], [1.0, 0.0]])
    fig = go.FigureWidget(attention_figures.attention_heatmap(weights, ["4", "2"],
                                                              ["2", "4", "⟨end⟩"]))
    np.testing.assert_allclose(attention_figures.row_sums(fig), 1.0)
    trace = fig.data[0]
    attention_figures.update_attention_heatmap(fig, np.eye(3), ["1", "1", "2"],
                                               ["2", "1", "1"], "new")
    assert fig.data[0] is trace  # the same trace, new numbers
    assert list(fig.data[0].x) == ["1: 1", "2: 1", "3: 2"]  # repeated digits stay apart
    assert fig.layout.title.text == "new" and fig.data[0].zmax == 1.0


def test_a_heatmap_with_the_wrong_shape_or_nan_is_refused():
    with pytest.raises(ValueError, match="one row per output step"):
        attention_figures.attention_heatmap(np.ones((2, 3)), ["a", "b"], ["c", "d"])
    with pytest.raises(ValueError, match="NaN"):
        attention_figures.attention_heatmap(np.array([[np.nan]]), ["a"], ["b"])


def test_bottleneck_lines_differ_in_dash_and_marker_and_the_unseen_lengths_are_marked():
    fig = attention_figures.bottleneck_figure(
        {"LSTM": {3: 1.0, 8: 0.2, 10: 0.0}, "LSTM + attention": {3: 1.0, 8: 0.9, 10: 0.4}}, 8)
    dashes = {t.line.dash for t in fig.data}
    symbols = {t.marker.symbol for t in fig.data}
    assert len(dashes) == len(symbols) == 2
    assert fig.layout.shapes[0].x0 == 8.5
    assert "longer than any training input" in fig.layout.annotations[0].text
    with pytest.raises(ValueError, match="empty"):
        attention_figures.bottleneck_figure({}, 8)


def test_scaling_figure_has_three_panels_and_one_legend_entry_per_model():
    fig = attention_figures.scaling_figure(
        {"LSTM": {8: 0.1, 16: 0.2}, "Transformer": {8: 0.1, 16: 0.12}},
        {"LSTM": {1: 0.002, 64: 0.002}, "Transformer": {1: 0.003, 64: 0.01}},
        {"LSTM": {1: 512, 64: 512}, "Transformer": {1: 4000, 64: 40000}})
    assert len(fig.data) == 6
    assert sorted(t.name for t in fig.data if t.showlegend) == ["LSTM", "Transformer"]
    assert fig.data[4].y[-1] == pytest.approx(10.0)  # the Transformer, in milliseconds


@pytest.fixture(scope="module")
def models():
    import keras

    from lstm_helpers.data.seq2seq_task import VOCAB_SIZE
    from lstm_helpers.models import seq2seq_models

    keras.utils.set_random_seed(0)
    return {"LSTM": seq2seq_models.build_lstm_seq2seq(VOCAB_SIZE, 4, 4),
            "LSTM + attention": seq2seq_models.build_lstm_seq2seq(VOCAB_SIZE, 4, 4, "additive")}


def test_the_panel_decodes_a_typed_input_and_its_heatmap_rows_sum_to_one(models):
    from lstm_helpers.ui import seq2seq_widgets

    panel = seq2seq_widgets.decoder_panel(models, "reverse", default="4021", beam_width=2)
    box, report, fig = panel.children
    assert "expected</b> (reverse): <code>1204</code>" in report.value
    assert "step by step" in report.value and "beam search, width 2" in report.value
    np.testing.assert_allclose(attention_figures.row_sums(fig), 1.0, atol=1e-3)
    assert list(fig.data[0].x) == ["1: 4", "2: 0", "3: 2", "4: 1"]
    trace = fig.data[0]
    box.value = "987"
    assert fig.data[0] is trace and len(fig.data[0].x) == 3
    assert "987" in fig.layout.title.text
    box.value = "98x7"
    assert "Only digits" in report.value and len(fig.data[0].x) == 3  # the last good one stays


def test_the_panel_wants_an_attention_model(models):
    from lstm_helpers.ui import seq2seq_widgets

    with pytest.raises(ValueError, match="no attention model"):
        seq2seq_widgets.decoder_panel({"LSTM": models["LSTM"]}, "reverse")
    with pytest.raises(TypeError, match="non-empty dict"):
        seq2seq_widgets.decoder_panel({}, "reverse")
    with pytest.raises(ValueError, match="kind must be one of"):
        seq2seq_widgets.decoder_panel(models, "rotate")
