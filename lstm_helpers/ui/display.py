"""Live widgets that degrade to a static figure where widgets cannot render.

A ``FallbackBox`` displays as the live widget in JupyterLab, and also carries the
current figure as plain plotly JSON. A viewer without the widget manager (a notebook
viewer, an HTML export, a Lab missing its widgets extension) shows that figure instead
of an empty box or "Error displaying widget".
"""

from __future__ import annotations

import json
from collections.abc import Callable

import ipywidgets as widgets
import plotly.graph_objects as go
import traitlets

from lstm_helpers.ui import shared_bundle

PLOTLY_MIME = "application/vnd.plotly.v1+json"
MODE_BAR = {"displayModeBar": "hover", "displaylogo": False}
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


class FallbackBox(widgets.VBox):
    """A VBox whose display also holds ``static()``'s figure as a plotly fallback."""

    def __init__(self, children: list, static: Callable[[], go.Figure | None], **kwargs):
        super().__init__(children, **kwargs)
        self._static = static

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:  # a closed widget displays nothing
            return None
        figure = self._static()
        if figure is not None:
            bundle[PLOTLY_MIME] = json.loads(figure.to_json())
        return bundle


class LiveFigure(go.FigureWidget):
    """A ``FigureWidget`` whose front-end model is born with its traces and layout.

    plotly's ``FigureWidget`` opens its comm (the message that creates the model in the
    browser) *before* it copies the figure in, so the model starts with no data, and the
    layout and data follow as two later updates. Its view reads the data once, when it is
    first drawn, and ignores later ``_widget_data`` updates: a view drawn between those
    messages (a busy page after Run All) stayed an empty axis with 0 traces, as lesson 07's
    GRU explorer did. Here the comm opens only once the figure is in, so the first message
    already carries every trace.

    Its front end is ``shared_bundle.LOADER``: plotly's 5 MB bundle imported once per page
    instead of once per figure, with no deadline that a busy page can miss (a missed one left
    the figure drawn but deaf to every later update).

    Its mode bar (zoom, download) shows only while the pointer is over the figure: always
    shown, it covered the right end of every explorer's title."""

    _esm = shared_bundle.loader_module()
    _plotly_bundle = traitlets.Unicode(shared_bundle.bundle_code()).tag(sync=True)

    def __init__(self, *args, **kwargs):
        self._opening_later = True
        super().__init__(*args, **kwargs)
        self._config = {**self._config, **MODE_BAR}
        self._opening_later = False
        self.open()

    def open(self) -> None:
        if not getattr(self, "_opening_later", False):
            super().open()


def live_figure(figure: go.Figure) -> go.FigureWidget:
    """``figure`` as a widget that updates in place, created with its data before any
    front end sees it (``LiveFigure``). Every explorer's figure is made here.

    Used in lessons 00-03, 05, 06, 08.
    """
    return LiveFigure(figure)


def show_live(figure: go.Figure) -> tuple[go.FigureWidget, Callable[[], None]]:
    """Display ``figure`` as a live widget; return it and a ``done()`` that refreshes the
    display, so pages exported after the cell ran keep the final picture. Used in lesson 05."""
    from IPython.display import display

    live = live_figure(figure)
    box = FallbackBox([live], lambda: static_copy(live))
    handle = display(box, display_id=True)
    return live, lambda: handle.update(box) if handle is not None else None


def static_copy(figure: go.Figure) -> go.Figure:
    """A plain ``go.Figure`` with the current state of a (Figure)Widget's figure."""
    return go.Figure(figure.to_dict())


def markdown_table(rows: list[dict], formats: dict[str, str] | None = None) -> str:
    """Rows of dicts as a Markdown table (columns from the first row); ``formats`` maps a
    column to a format spec such as ``".1%"``. None shows as a dash.

    Used in lessons 05-08.
    """
    if not rows:
        return ""
    formats = formats or {}
    columns = list(rows[0])

    def cell(column: str, value: object) -> str:
        if value is None:
            return "–"
        spec = formats.get(column)
        text = format(value, spec) if spec else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(c, row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


class SideBySide:
    """Two code listings in columns (HTML in Jupyter, both listings in plain text).

    A listing may be a string or a function defined in the lesson: its source is shown, so
    the code that runs and the code on the page are one and the same. Used in lesson 09.
    """

    def __init__(self, left, right, left_title: str, right_title: str):
        self.columns = [(left_title, _listing(left)), (right_title, _listing(right))]

    def _repr_html_(self) -> str:
        import html

        cells = "".join(
            f'<div style="flex:1;min-width:0"><b>{html.escape(title)}</b>'
            f'<pre style="font-size:12px;line-height:1.35;overflow-x:auto;white-space:pre;'
            f'word-break:normal;overflow-wrap:normal;background:#f7f7f7;padding:8px;'
            f'border-radius:4px"><code style="white-space:pre;word-break:normal;'
            f'overflow-wrap:normal">{html.escape(code)}</code></pre></div>'
            for title, code in self.columns)
        return f'<div style="display:flex;gap:12px;align-items:flex-start">{cells}</div>'

    def __repr__(self) -> str:
        return "\n\n".join(f"# {title}\n{code}" for title, code in self.columns)


def _listing(code) -> str:
    if callable(code):
        import inspect

        code = inspect.getsource(code)
    return str(code).strip("\n")
