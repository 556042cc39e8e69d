"""The two editions of the course: the instructor's (the notebooks as they are, every worked
solution included) and the student's (the same notebooks without the cells tagged
``solution``), made by nbconvert's own ``TagRemovePreprocessor``.

    python -m lstm_helpers.course.editions --edition student --out student   (make student)

The output mirrors the project's layout (``notebooks/`` and ``docs/``), so the lessons'
links to each other and to the glossary keep working.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor, TagRemovePreprocessor

from lstm_helpers.course import catalog

EDITIONS = ("student", "instructor")
SOLUTION_TAG = "solution"


def edition_of(notebook: nbformat.NotebookNode, edition: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` for ``edition``: outputs cleared; for students, no solutions."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}; got {edition!r}.")
    notebook = nbformat.from_dict(notebook)  # a deep copy: the caller's notebook is kept
    resources: dict = {}
    notebook, resources = ClearOutputPreprocessor().preprocess(notebook, resources)
    if edition == "student":
        remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
        notebook, resources = remover.preprocess(notebook, resources)
    notebook.metadata.pop("widgets", None)
    return notebook


def write_edition(out: Path, edition: str, names: list[str] | None = None) -> list[Path]:
    """Write every lesson (or those in ``names``) of ``edition`` under ``out/notebooks``,
    with the glossary beside it in ``out/docs``. Returns the notebooks written."""
    notebooks = out / "notebooks"
    notebooks.mkdir(parents=True, exist_ok=True)
    written = []
    for lesson in catalog.available():
        if names and lesson.slug not in names:
            continue
        source = nbformat.read(catalog.NOTEBOOKS / lesson.notebook, as_version=4)
        target = notebooks / lesson.notebook
        nbformat.write(edition_of(source, edition), target)
        written.append(target)
    docs = catalog.ROOT / "docs"
    if docs.is_dir():
        shutil.copytree(docs, out / "docs", dirs_exist_ok=True)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=EDITIONS, default="student")
    parser.add_argument("--out", type=Path, default=Path("student"))
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    args = parser.parse_args()
    for path in write_edition(args.out, args.edition, args.lessons or None):
        print(path)


if __name__ == "__main__":
    main()
