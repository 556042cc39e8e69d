"""Every lesson source has its notebook and back, with the same cells, and no outputs committed."""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {p.stem: p for p in (ROOT / "lessons_src").glob("*.py")}
NOTEBOOKS = {p.stem: p for p in (ROOT / "notebooks").glob("*.ipynb")}


def inputs(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """Cell type, source and tags of every cell: what a learner runs, nothing else."""
    notebook = jupytext.read(path)
    return [
        (cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", ())))
        for cell in notebook.cells
    ]


def test_there_are_lessons():
    assert SOURCES, "no lessons found in lessons_src/"


def test_every_source_has_a_notebook_and_back():
    assert sorted(SOURCES) == sorted(NOTEBOOKS), (
        "lessons_src/ and notebooks/ must hold the same basenames; run `make notebooks` "
        "or pair the notebook in JupyterLab"
    )


@pytest.mark.parametrize("name", sorted(set(SOURCES) & set(NOTEBOOKS)))
def test_source_and_notebook_hold_the_same_cells(name):
    assert inputs(SOURCES[name]) == inputs(NOTEBOOKS[name]), (
        f"{name}: the notebook and its source differ. Edit lessons_src/{name}.py and run "
        f"`make notebooks`, or save the notebook in JupyterLab with pairing on."
    )


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_committed_notebooks_carry_no_outputs(name):
    notebook = json.loads(NOTEBOOKS[name].read_text(encoding="utf-8"))
    dirty = [i for i, cell in enumerate(notebook["cells"])
             if cell.get("outputs") or cell.get("execution_count") is not None]
    assert not dirty, f"{name}.ipynb has outputs in cells {dirty}: clear them before committing"
    assert "widgets" not in notebook["metadata"], f"{name}.ipynb stores widget state"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_lesson_has_one_parameters_cell_and_starts_the_lesson(name):
    cells = inputs(SOURCES[name])
    tagged = [source for kind, source, tags in cells if "parameters" in tags]
    assert len(tagged) == 1, f"{name}: expected exactly one cell tagged 'parameters'"
    assert any(f'config.start_lesson("{name}")' in source for _, source, _ in cells), (
        f'{name}: its imports cell must call config.start_lesson("{name}")'
    )


def test_the_pairing_test_catches_drift(tmp_path):
    """Edit a notebook's code without syncing: the comparison above must see it."""
    name = sorted(NOTEBOOKS)[0]
    notebook = json.loads(NOTEBOOKS[name].read_text(encoding="utf-8"))
    code = next(cell for cell in notebook["cells"] if cell["cell_type"] == "code")
    code["source"] = "".join(code["source"]) + "\nprint('edited only in the notebook')"
    edited = tmp_path / f"{name}.ipynb"
    edited.write_text(json.dumps(notebook), encoding="utf-8")
    assert inputs(edited) != inputs(SOURCES[name])
