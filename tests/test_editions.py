"""The student edition leaks no answers: no solution cells, no launch badges that open the
instructor notebooks, no instructor guide."""

import re

import nbformat
import pytest

from lstm_helpers.course import catalog
from lstm_helpers.course.editions import edition_of, write_edition

INSTRUCTOR_LINKS = re.compile(r"colab\.research\.google\.com/github/|mybinder\.org/v2/")


def _text(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells)


@pytest.mark.parametrize("lesson", catalog.available(), ids=lambda lesson: lesson.slug)
def test_student_edition_has_no_launch_badges_and_no_solutions(lesson):
    source = nbformat.read(catalog.NOTEBOOKS / lesson.notebook, as_version=4)
    assert catalog.launch_badges(lesson.slug) in _text(source)  # the instructor's has them
    student = edition_of(source, "student")
    assert not INSTRUCTOR_LINKS.search(_text(student)), lesson.slug
    assert not any("solution" in cell.metadata.get("tags", []) for cell in student.cells)
    assert student.cells[0].source.startswith("# ")  # the title is kept
    assert catalog.launch_badges(lesson.slug) in _text(edition_of(source, "instructor"))


def test_without_launch_badges_keeps_the_rest():
    text = f"# 02 · Title\n\n{catalog.launch_badges('02_lstm_cell')}\n\nFirst paragraph."
    assert catalog.without_launch_badges(text) == "# 02 · Title\n\nFirst paragraph."


def test_make_student_leaves_out_the_instructor_guide(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "instructor-guide.md").write_text("stale copy")
    written = write_edition(tmp_path, "student", ["00_welcome"])
    assert [p.name for p in written] == ["00_welcome.ipynb"]
    assert (tmp_path / "docs" / "glossary.md").exists()
    assert not (tmp_path / "docs" / "instructor-guide.md").exists()
    write_edition(tmp_path / "teacher", "instructor", ["00_welcome"])
    assert (tmp_path / "teacher" / "docs" / "instructor-guide.md").exists()
