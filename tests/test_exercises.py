"""Every lesson ends with exercises: each with a check and a worked solution (a cell tagged
``solution`` that runs the same check), and at least one where the learner builds
something that the check runs."""

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.stem for p in (ROOT / "lessons_src").glob("*.py"))
CHECK = re.compile(r"\b(?:checks|build_checks)\.check_(\w+)\(")


def is_check(cell) -> bool:
    return cell.cell_type == "code" and bool(CHECK.search(cell.source))


def exercise_cells(notebook) -> tuple[list[str], list[str]]:
    """The code cells that call a check: (exercise cells, solution cells)."""
    exercises, solutions = [], []
    for cell in notebook.cells:
        if is_check(cell):
            tags = cell.metadata.get("tags", [])
            (solutions if "solution" in tags else exercises).append(cell.source)
    return exercises, solutions


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_exercise_has_a_worked_solution_right_after_it(lesson):
    notebook = jupytext.read(ROOT / "lessons_src" / f"{lesson}.py")
    exercises, solutions = exercise_cells(notebook)
    assert len(exercises) >= 3, f"{lesson}: at least three exercises"
    assert len(solutions) == len(exercises), f"{lesson}: one worked solution per exercise"
    code = [c for c in notebook.cells if is_check(c)]
    for exercise, solution in zip(code[::2], code[1::2], strict=True):
        assert "solution" not in exercise.metadata.get("tags", [])
        assert "solution" in solution.metadata.get("tags", []), (
            f"{lesson}: the cell after an exercise must be its solution:\n{exercise.source}")
        called = CHECK.search(exercise.source).group(1)
        assert f"check_{called}(" in solution.source, f"{lesson}: solution runs another check"
        assert "..." in exercise.source, f"{lesson}: an exercise leaves a ... to fill in"
        assert "..." not in solution.source.replace('"..."', ""), f"{lesson}: unfinished solution"


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_an_exercise_that_builds_something(lesson):
    notebook = jupytext.read(ROOT / "lessons_src" / f"{lesson}.py")
    exercises, _ = exercise_cells(notebook)
    assert any("build_checks." in cell for cell in exercises), (
        f"{lesson}: no exercise makes the learner build something and run it")


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_explanations_are_tagged_too(lesson):
    """A solution's explanation (markdown) must not leak into the student edition."""
    for cell in jupytext.read(ROOT / "lessons_src" / f"{lesson}.py").cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("**Solution"):
            assert "solution" in cell.metadata.get("tags", []), cell.source[:60]
