"""Results that a lesson shows but does not compute in its own run: files written by the
project's benchmark scripts (``benchmarks/*.json``), shown with the command, date and machine
that produced them. tests/test_benchmark_files.py checks each file against its script.
"""

from __future__ import annotations

import json

from lstm_helpers.course.catalog import ROOT

FOLDER = ROOT / "benchmarks"
PERCENT = ("val acc", "test acc")


def load(name: str) -> dict | None:
    """``benchmarks/<name>.json``, or None (with a note) when it has not been written."""
    path = FOLDER / f"{name}.json"
    if not path.is_file():
        print(f"No {path.name} yet: run `{_script(name)}` to make it.")
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _script(name: str) -> str:
    return f".venv/bin/python tools/bench_{name}.py"


def provenance(results: dict) -> str:
    """'Measured by <command> on <date>, <machine>.'"""
    return f"Measured by `{results['command']}` on {results['date']}, {results['machine']}."


def rows(results: dict | None, models: list[str] | None = None) -> list[dict]:
    """The rows for ``models`` (all when None), in that order."""
    if results is None:
        return []
    found = {row["model" if "model" in row else "variant"]: row for row in results["rows"]}
    return [found[m] for m in (models or list(found)) if m in found]


def show_summary(results: dict | None, models: list[str] | None = None,
                 columns: tuple[str, ...] = ("labelled reviews", "val acc", "test acc",
                                             "ROC AUC", "train s")) -> None:
    """Display the chosen rows as a table, with the provenance line above it.

    Used in lessons 05, 06.
    """
    from IPython.display import Markdown, display

    from lstm_helpers.ui.display import markdown_table

    chosen = rows(results, models)
    if not chosen:
        return
    key = "model" if "model" in chosen[0] else "variant"
    table = [{key: r[key], **{c: r.get(c) for c in columns if c in results["columns"]}}
             for r in chosen]
    formats = {c: ".2%" for c in PERCENT} | {"ROC AUC": ".4f", "train s": ",.0f",
                                             "labelled reviews": ",", "seconds": ",.0f"} | {
        c: ".3f" for c in ("MAE", "MAE ±", "MASE", "MASE ±")}  # lesson 08's errors
    display(Markdown(provenance(results) + "\n\n" + markdown_table(table, formats)))
