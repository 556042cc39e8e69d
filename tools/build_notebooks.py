"""Regenerate notebooks/NN_name.ipynb from lessons_src/NN_name.py, inputs only (`make notebooks`).

Unlike `jupytext --sync`, this never looks at modification times: the source always wins.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parent.parent


def build(source: Path, notebooks: Path) -> Path:
    notebook = jupytext.read(source)
    notebook.metadata.pop("widgets", None)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number:03d}"  # stable ids: rebuilding an unchanged lesson changes nothing
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target = notebooks / f"{source.stem}.ipynb"
    jupytext.write(notebook, target, fmt="ipynb")
    return target


def main(names: list[str]) -> None:
    sources = sorted((ROOT / "lessons_src").glob("*.py"))
    if names:
        sources = [s for s in sources if s.stem in names]
    for source in sources:
        target = build(source, ROOT / "notebooks")
        print(f"{source.relative_to(ROOT)} -> {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
