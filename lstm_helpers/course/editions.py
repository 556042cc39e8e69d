"""The two editions of the course: the instructor's (the notebooks as they are, every worked
solution included) and the student's (the same notebooks without the cells tagged
``solution``, made by nbconvert's own ``TagRemovePreprocessor``, and without the launch
badges, which open the instructor edition: see ``catalog.without_launch_badges``).

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

from lstm_helpers import config
from lstm_helpers.core.errors import LabInputError, check_choice, damaged
from lstm_helpers.course import catalog

EDITIONS = ("student", "instructor")
SOLUTION_TAG = "solution"
INSTRUCTOR_ONLY_DOCS = ("instructor-guide.md",)  # never copied into the student edition


def edition_of(notebook: nbformat.NotebookNode, edition: str) -> nbformat.NotebookNode:
    """A copy of ``notebook`` for ``edition``: outputs cleared; for students, no solutions."""
    check_choice("edition", edition, EDITIONS)
    notebook = nbformat.from_dict(notebook)  # a deep copy: the caller's notebook is kept
    resources: dict = {}
    notebook, resources = ClearOutputPreprocessor().preprocess(notebook, resources)
    if edition == "student":
        remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, enabled=True)
        notebook, resources = remover.preprocess(notebook, resources)
        for cell in notebook.cells:  # the badges open the instructor edition's notebooks
            if cell.cell_type == "markdown":
                cell.source = catalog.without_launch_badges(cell.source)
    notebook.metadata.pop("widgets", None)
    return notebook


def write_edition(out: Path, edition: str, names: list[str] | None = None) -> list[Path]:
    """Write every lesson (or those in ``names``) of ``edition`` under ``out/notebooks``,
    with the glossary beside it in ``out/docs`` (the instructor guide only in the instructor
    edition). Returns the notebooks written.

    Every notebook is read and checked before anything is written, so a damaged one stops
    the build with its name (DamagedFileError) instead of leaving half an edition; each
    notebook is written atomically."""
    check_choice("edition", edition, EDITIONS)
    docs = catalog.checkout_folder("docs", "the editions (make student)")
    catalog.checkout_folder("notebooks", "the editions (make student)")
    lessons = catalog.available()
    slugs = [lesson.slug for lesson in lessons]
    unknown = [name for name in names or () if name not in slugs]
    if unknown:
        raise LabInputError(f"no lesson {unknown[0]!r}; the lessons are: {', '.join(slugs)}.")
    converted = [(lesson, edition_of(_read_notebook(lesson), edition))
                 for lesson in lessons if not names or lesson.slug in names]
    notebooks = config.make_folder(out / "notebooks")
    written = []
    for lesson, notebook in converted:
        target = notebooks / lesson.notebook
        text = nbformat.writes(notebook)
        config.atomic_write_text(target, text if text.endswith("\n") else text + "\n")
        written.append(target)
    keep_out = INSTRUCTOR_ONLY_DOCS if edition == "student" else ()
    shutil.copytree(docs, out / "docs", dirs_exist_ok=True,
                    ignore=lambda _folder, entries: [e for e in entries if e in keep_out])
    for name in keep_out:  # one left by an older `make student`
        (out / "docs" / name).unlink(missing_ok=True)
    return written


def _read_notebook(lesson: catalog.Lesson) -> nbformat.NotebookNode:
    """``lesson``'s notebook, read and validated, or a DamagedFileError naming the file and
    the step that remakes it from its source."""
    path = catalog.NOTEBOOKS / lesson.notebook
    try:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
    except Exception as exc:  # JSON, schema, encoding, a missing file: all mean "remake it"
        raise damaged(path, "nbformat cannot read it as a notebook",
                      f"Remake it from lessons_src/{lesson.slug}.py with `make notebooks` (or "
                      f"`.venv/bin/python tools/build_notebooks.py {lesson.slug}`).", exc
                      ) from exc
    return notebook


def main(argv: list[str] | None = None) -> None:
    """The command line (``make student``); a bad argument gets argparse's usage line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edition", choices=EDITIONS, default="student")
    parser.add_argument("--out", type=Path, default=Path("student"))
    parser.add_argument("lessons", nargs="*", help="lesson basenames; default: every lesson")
    args = parser.parse_args(argv)
    try:
        written = write_edition(args.out, args.edition, args.lessons or None)
    except LabInputError as err:  # a damaged notebook included: nothing was written
        parser.error(str(err))
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
