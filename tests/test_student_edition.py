"""The student edition is the instructor edition without the cells tagged ``solution``, so
nbval's run of the instructor edition also runs every student cell, unanswered exercises
included; what it cannot show is a student cell that needs a name only a worked solution
defines. This test reads each lesson and finds those, so the browser tests may run each
lesson only through the widget they drive."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import jupytext
import pytest

LESSONS = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "lessons_src")
                 .glob("*.py"))


def names_bound(tree: ast.AST) -> set[str]:
    """Names a cell binds: assignments, imports, defs, loop and with targets."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound


def names_read(tree: ast.AST) -> set[str]:
    return {node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}


def code_of(source: str) -> ast.AST:
    # IPython magics and shell lines are not Python: leave them out
    return ast.parse("\n".join(line for line in source.splitlines()
                               if not line.lstrip().startswith(("%", "!"))))


def needs_from_solutions(notebook) -> list[tuple[int, set[str]]]:
    """(cell number, names) for each student cell that reads a name no student cell before it
    bound, but a solution cell did."""
    from_students, from_solutions, found = set(dir(builtins)), set(), []
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        tree = code_of(cell.source)
        if "solution" in cell.metadata.get("tags", []):
            from_solutions |= names_bound(tree)
            continue
        missing = (names_read(tree) - names_bound(tree) - from_students) & from_solutions
        if missing:
            found.append((number, missing))
        from_students |= names_bound(tree)
    return found


def test_a_student_cell_reading_a_solutions_name_is_found():
    notebook = jupytext.reads(
        "# %%\nx = 1\n\n# %% tags=['solution']\nanswer = x + 1\n\n# %%\nprint(answer, x)\n",
        fmt="py:percent")
    assert needs_from_solutions(notebook) == [(2, {"answer"})]
    fixed = jupytext.reads(
        "# %%\nanswer = ...\n\n# %% tags=['solution']\nanswer = 2\n\n# %%\nprint(answer)\n",
        fmt="py:percent")
    assert needs_from_solutions(fixed) == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_student_cell_needs_a_name_only_a_worked_solution_defines(lesson, repo_root):
    notebook = jupytext.read(repo_root / "lessons_src" / f"{lesson}.py")
    assert not needs_from_solutions(notebook), (
        f"{lesson}: in the student edition (solutions removed) these cells read names only "
        f"a worked solution defines: {needs_from_solutions(notebook)}")
