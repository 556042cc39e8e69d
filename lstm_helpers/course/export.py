"""Export the course, executed, as static HTML pages anyone can read without a kernel.

    python -m lstm_helpers.course.export [--out site] [--edition student] [--fast] [lesson ...]

Each lesson is run top to bottom, every plotly figure (widgets included, through their
static fallback) becomes an interactive plotly.js figure, and an index page links them.
Everything the pages need is copied beside them: plotly.js, and MathJax (from the
``jupyter-server-mathjax`` package), so a handout read offline still typesets its maths.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import time
from pathlib import Path

import nbformat
import plotly.io as pio
from plotly.offline import get_plotlyjs

from lstm_helpers import config
from lstm_helpers.core.errors import LabInputError
from lstm_helpers.course import catalog
from lstm_helpers.course.editions import EDITIONS, edition_of
from lstm_helpers.ui.display import PLOTLY_MIME, WIDGET_MIME

PLOTLY_JS = "plotly.min.js"
MATHJAX_DIR = "mathjax"
MATHJAX_URL = f"{MATHJAX_DIR}/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
GLOSSARY = "glossary.html"
SNAPSHOT_NOTE = ("<p><em>A snapshot of an interactive widget: open the notebook in JupyterLab "
                 "to move its controls.</em></p>")


def execute(notebook: Path, fast: bool, timeout: int = 1800,
            edition: str = "instructor") -> nbformat.NotebookNode:
    """Run a lesson (of ``edition``) top to bottom in a fresh kernel, in its own folder."""
    from nbclient import NotebookClient

    nb = edition_of(nbformat.read(notebook, as_version=4), edition)
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
    """One page; links to other lessons and to the glossary point at their pages, maths is
    typeset by the MathJax copied beside it."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab", mathjax_url=MATHJAX_URL).from_notebook_node(nb)
    body = re.sub(r'href="([\w-]+)\.ipynb"', r'href="\1.html"', body)
    body = re.sub(r'href="\.\./docs/glossary\.md', f'href="{GLOSSARY}', body)
    return body.replace("</head>", f'<script src="{PLOTLY_JS}"></script>\n</head>', 1)


def copy_assets(out: Path) -> None:
    """plotly.js and MathJax beside the pages: nothing is fetched when they are read."""
    import jupyter_server_mathjax

    config.atomic_write_text(out / PLOTLY_JS, get_plotlyjs())
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    shutil.copytree(static, out / MATHJAX_DIR, dirs_exist_ok=True)


def glossary_html() -> str:
    """The glossary (docs/glossary.md) as a page of its own."""
    from nbformat.v4 import new_markdown_cell, new_notebook

    docs = catalog.checkout_folder("docs", "the static export (make site)")
    text = (docs / "glossary.md").read_text(encoding="utf-8")
    return to_html(new_notebook(cells=[new_markdown_cell(text)]))


def index_html(pages: list[tuple[catalog.Lesson, str]], mode: str,
               edition: str = "instructor") -> str:
    """The site's front page: one row per exported lesson."""
    rows = "\n".join(
        f'<tr><td>{lesson.slug[:2]}</td><td><a href="{page}">{html.escape(lesson.title)}</a>'
        f"</td><td>{html.escape(lesson.learn)}</td></tr>" for lesson, page in pages
    )
    stamp = time.strftime("%Y-%m-%d")
    what = ("exercises without their worked solutions" if edition == "student"
            else "every exercise with its worked solution")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LSTM Lab</title>
<style>body{{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.5em;
text-align:left}}</style></head>
<body><h1>LSTM Lab</h1>
<p>An interactive course on Long Short-Term Memory networks: the <b>{edition}</b> edition
({what}). These pages were executed in <b>{mode}</b> mode on {stamp}; figures
are interactive, sliders are shown as the figure they drew. To move the sliders yourself,
open the notebooks with <code>make lab</code>. Terms are explained in the
<a href="{GLOSSARY}">glossary</a>.</p>
<table><tr><th>#</th><th>Lesson</th><th>What you learn</th></tr>
{rows}
</table></body></html>
"""


def export_site(out: Path, names: list[str] | None = None, fast: bool = False,
                edition: str = "instructor") -> list[Path]:
    """Execute and export the chosen lessons (default: all) of ``edition`` into ``out``, with
    an index page, the glossary, and the scripts the pages need."""
    from tqdm.auto import tqdm

    if edition not in EDITIONS:
        raise SystemExit(f"unknown edition {edition!r}; choose from {', '.join(EDITIONS)}")
    catalog.checkout_folder("notebooks", "the static export (make site)")
    out.mkdir(parents=True, exist_ok=True)
    copy_assets(out)
    config.atomic_write_text(out / GLOSSARY, glossary_html())
    lessons = [lesson for lesson in catalog.available() if not names or lesson.slug in names]
    if names and len(lessons) != len(names):
        known = ", ".join(lesson.slug for lesson in catalog.available())
        raise SystemExit(f"unknown lesson in {names}; choose from: {known}")
    pages, written = [], []
    for lesson in tqdm(lessons, desc="Exporting lessons", unit="lesson"):
        nb = make_static(execute(catalog.NOTEBOOKS / lesson.notebook, fast=fast,
                                 edition=edition))
        page = out / f"{lesson.slug}.html"
        config.atomic_write_text(page, to_html(nb))
        pages.append((lesson, page.name))
        written.append(page)
    index = out / "index.html"
    config.atomic_write_text(index, index_html(pages, "fast" if fast else "full", edition))
    return [index, *written]


def main() -> None:
    parser = argparse.ArgumentParser(description="Export the executed course as static HTML.")
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    parser.add_argument("--out", type=Path, default=Path("site"))
    parser.add_argument("--fast", action="store_true", help="small sizes (seconds, not minutes)")
    parser.add_argument("--edition", choices=EDITIONS, default="instructor",
                        help="instructor (with worked solutions) or student")
    args = parser.parse_args()
    try:
        written = export_site(args.out, args.lessons or None, args.fast, args.edition)
    except LabInputError as err:  # run outside a checkout: the message says where to run it
        parser.error(str(err))
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
