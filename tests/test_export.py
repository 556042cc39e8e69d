"""The static export: widgets become their figure, figures become plotly.js, links follow."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from lstm_helpers.course import export
from lstm_helpers.ui.display import PLOTLY_MIME, WIDGET_MIME

FIGURE = {"data": [{"type": "bar", "y": [1, 2]}], "layout": {}}


def notebook_with_outputs():
    widget_view = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    cell = new_code_cell("explorer", outputs=[
        new_output("display_data", data={WIDGET_MIME: widget_view, PLOTLY_MIME: FIGURE,
                                         "text/plain": "FallbackBox(...)"}),
        new_output("display_data", data={WIDGET_MIME: widget_view, "text/plain": "HBox(...)"}),
        new_output("display_data", data={PLOTLY_MIME: FIGURE, "text/plain": "Figure"}),
        new_output("stream", name="stdout", text="kept\n"),
    ])
    nb = new_notebook(cells=[new_markdown_cell("See [lesson 01](01_rnn_basics.ipynb)."), cell])
    nb.metadata["widgets"] = {"state": "lots of it"}
    return nb


def test_widgets_become_their_figure_and_progress_bars_go():
    nb = export.make_static(notebook_with_outputs())
    outputs = nb.cells[1].outputs
    assert len(outputs) == 3  # the widget without a figure (a progress bar) is dropped
    assert export.SNAPSHOT_NOTE in outputs[0].data["text/html"]
    assert "Plotly.newPlot" in outputs[0].data["text/html"]
    assert export.SNAPSHOT_NOTE not in outputs[1].data["text/html"]
    assert all(WIDGET_MIME not in o.get("data", {}) for o in outputs)
    assert "widgets" not in nb.metadata


def test_pages_link_to_pages_and_load_plotly_once():
    page = export.to_html(export.make_static(notebook_with_outputs()))
    assert 'href="01_rnn_basics.html"' in page and ".ipynb\"" not in page
    assert page.count(f'<script src="{export.PLOTLY_JS}"></script>') == 1


@pytest.mark.slow
def test_export_runs_a_lesson_and_writes_an_index(tmp_path):
    written = export.export_site(tmp_path, ["00_welcome"], fast=True)
    assert [p.name for p in written] == ["index.html", "00_welcome.html"]
    index = (tmp_path / "index.html").read_text()
    assert 'href="00_welcome.html"' in index and "fast" in index
    page = (tmp_path / "00_welcome.html").read_text()
    assert "Plotly.newPlot" in page and WIDGET_MIME not in page
    assert (tmp_path / export.PLOTLY_JS).stat().st_size > 1_000_000
    committed = nbformat.read(export.catalog.NOTEBOOKS / "00_welcome.ipynb", 4)
    assert not any(cell.get("outputs") for cell in committed.cells)  # executed a copy only


def test_side_by_side_escapes_code_and_keeps_both_columns():
    from lstm_helpers.ui.display import SideBySide

    shown = SideBySide("if a < b:\n    pass\n", "x = [1]", "TF1", "Keras 3")
    page = shown._repr_html_()
    assert "a &lt; b" in page and "<b>TF1</b>" in page and "<b>Keras 3</b>" in page
    assert page.count("<pre") == 2
    assert repr(shown) == "# TF1\nif a < b:\n    pass\n\n# Keras 3\nx = [1]"
