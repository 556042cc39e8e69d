"""Export the course, executed, as static HTML pages anyone can read without a kernel.

    python -m lstm_helpers.course.export [--out site] [--fast] [lesson ...]     (make site)

Each lesson is run top to bottom, every plotly figure (widgets included, through their
static fallback) becomes an interactive plotly.js figure, and an index page links them.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import time
from pathlib import Path

import nbformat
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lstm_helpers.course import catalog
from lstm_helpers.ui.display import PLOTLY_MIME, WIDGET_MIME

PLOTLY_JS = "plotly.min.js"
SNAPSHOT_NOTE = ("<p><em>A snapshot of an interactive widget: open the notebook in JupyterLab "
                 "to move its controls.</em></p>")


def execute(notebook: Path, fast: bool, timeout: int = 1800) -> nbformat.NotebookNode:
    """Run a lesson top to bottom in a fresh kernel, in its own folder."""
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    previous = os.environ.get("LSTM_LAB_FAST")
    os.environ["LSTM_LAB_FAST"] = "1" if fast else "0"  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("LSTM_LAB_FAST", None)
        else:
            os.environ["LSTM_LAB_FAST"] = previous
    return nb


def make_static(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Plotly outputs → HTML figures; widgets → their static figure, or nothing (progress bars)."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if PLOTLY_MIME in data:
                figure_html = pio.to_html(data[PLOTLY_MIME], include_plotlyjs=False,
                                          full_html=False, auto_play=False)
                note = SNAPSHOT_NOTE if WIDGET_MIME in data else ""
                output["data"] = {"text/html": note + figure_html}
                output.get("metadata", {}).pop(PLOTLY_MIME, None)
            elif WIDGET_MIME in data:
                continue  # a widget with no figure behind it: a progress bar or a control
            kept.append(output)
        cell["outputs"] = kept
    return nb


def to_html(nb: nbformat.NotebookNode) -> str:
    """One lesson page; links to other lessons point at their pages."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    body = re.sub(r'href="([\w-]+)\.ipynb"', r'href="\1.html"', body)
    return body.replace("</head>", f'<script src="{PLOTLY_JS}"></script>\n</head>', 1)


def index_html(pages: list[tuple[catalog.Lesson, str]], mode: str) -> str:
    """The site's front page: one row per exported lesson."""
    rows = "\n".join(
        f'<tr><td>{lesson.slug[:2]}</td><td><a href="{page}">{html.escape(lesson.title)}</a>'
        f"</td><td>{html.escape(lesson.learn)}</td></tr>" for lesson, page in pages
    )
    stamp = time.strftime("%Y-%m-%d")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LSTM Lab</title>
<style>body{{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.5em;
text-align:left}}</style></head>
<body><h1>LSTM Lab</h1>
<p>An interactive course on Long Short-Term Memory networks. These pages were executed in
<b>{mode}</b> mode on {stamp}; figures are interactive, sliders are shown as the figure they
drew. To move the sliders yourself, open the notebooks with <code>make lab</code>.</p>
<table><tr><th>#</th><th>Lesson</th><th>What you learn</th></tr>
{rows}
</table></body></html>
"""


def export_site(out: Path, names: list[str] | None = None, fast: bool = False) -> list[Path]:
    """Execute and export the chosen lessons (default: all) into ``out`` with an index page."""
    from tqdm.auto import tqdm

    out.mkdir(parents=True, exist_ok=True)
    (out / PLOTLY_JS).write_text(get_plotlyjs(), encoding="utf-8")
    lessons = [lesson for lesson in catalog.available() if not names or lesson.slug in names]
    if names and len(lessons) != len(names):
        known = ", ".join(lesson.slug for lesson in catalog.available())
        raise SystemExit(f"unknown lesson in {names}; choose from: {known}")
    pages, written = [], []
    for lesson in tqdm(lessons, desc="Exporting lessons", unit="lesson"):
        nb = make_static(execute(catalog.NOTEBOOKS / lesson.notebook, fast=fast))
        page = out / f"{lesson.slug}.html"
        page.write_text(to_html(nb), encoding="utf-8")
        pages.append((lesson, page.name))
        written.append(page)
    index = out / "index.html"
    index.write_text(index_html(pages, "fast" if fast else "full"), encoding="utf-8")
    return [index, *written]


def main() -> None:
    parser = argparse.ArgumentParser(description="Export the executed course as static HTML.")
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--fast", action="store_true", help="small sizes (seconds, not minutes)")
    args = parser.parse_args()
    for path in export_site(args.out, args.lessons or None, args.fast):
        print(path)


if __name__ == "__main__":
    main()
