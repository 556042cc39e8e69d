"""Results that a lesson shows but does not compute in its own run: files written by the
project's benchmark scripts (``benchmarks/*.json``), shown with the command, date and machine
that produced them. tests/test_benchmark_files.py checks each file against its script.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from lstm_helpers.core.errors import LabInputError, damaged
from lstm_helpers.course import catalog

# Where the results are read; None: the course's own ``benchmarks/``, the checkout's or the
# copy packed into an installed package (``catalog.course_folder``). Tests point it elsewhere.
FOLDER: Path | None = None
PERCENT = ("val acc", "test acc")


def load(name: str) -> dict | None:
    """``benchmarks/<name>.json``, or None (with a note) when it has not been written.

    A damaged file (not JSON, or without its ``rows``) raises DamagedFileError naming the
    file and the script that remakes it. Used in lessons 05, 07, 08, 10.
    """
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
        raise LabInputError(f"name must be a benchmark's name such as 'sentiment' (the file "
                            f"benchmarks/<name>.json); got {name!r}.")
    folder = catalog.course_folder("benchmarks") if FOLDER is None else FOLDER
    path = folder / f"{name}.json"
    if not path.is_file():
        print(f"No {path.name} yet: run `{_script(name)}` in a checkout of the course to "
              f"make it.")
        return None
    remake = f"Remake it with `{_script(name)}` (or restore it with git)."
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise damaged(path, "it is not valid JSON", remake, exc) from exc
    if not (isinstance(results, dict) and isinstance(results.get("rows"), list)
            and all(isinstance(row, dict) for row in results["rows"])
            and isinstance(results.get("columns"), list)):
        raise damaged(path, "it should be a JSON object with 'rows' (a list of rows) and "
                      "'columns'", remake)
    missing = [key for key in ("command", "date", "machine") if key not in results]
    if missing:
        raise damaged(path, f"it lacks {', '.join(missing)} (where the numbers came from)",
                      remake)
    return results


def _script(name: str) -> str:
    return f".venv/bin/python tools/bench_{name}.py"


def provenance(results: dict) -> str:
    """'Measured by <command> on <date>, <machine>.'"""
    said = f"Measured by `{results['command']}` on {results['date']}, {results['machine']}."
    return f"{said} {results['note']}" if results.get("note") else said


def rows(results: dict | None, models: list[str] | None = None) -> list[dict]:
    """The rows for ``models`` (every row when None), in that order; a row is named by the
    file's first column (model, variant, lesson...)."""
    if results is None:
        return []
    if models is None:
        return list(results["rows"])
    key = results["columns"][0]
    found = {row[key]: row for row in results["rows"]}
    return [found[m] for m in models if m in found]


def show_summary(results: dict | None, models: list[str] | None = None,
                 columns: tuple[str, ...] = ("labelled reviews", "val acc", "test acc",
                                             "ROC AUC", "train s")) -> None:
    """Display the chosen rows as a table, with the provenance line above it.

    Used in lessons 05, 07, 08.
    """
    from IPython.display import Markdown, display

    from lstm_helpers.ui.display import markdown_table

    chosen = rows(results, models)
    if not chosen:
        return
    key = results["columns"][0]
    table = [{key: r[key], **{c: r.get(c) for c in columns if c in results["columns"]}}
             for r in chosen]
    formats = {c: ".2%" for c in PERCENT} | {"ROC AUC": ".4f", "train s": ",.0f",
                                             "labelled reviews": ",", "seconds": ",.0f"} | {
        c: ".3f" for c in ("MAE", "MAE ±", "MASE", "MASE ±")}  # lesson 10's errors
    display(Markdown(provenance(results) + "\n\n" + markdown_table(table, formats)))
