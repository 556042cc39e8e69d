"""A value is shown only when it ends its cell: a confirmation (✓) or a check's verdict in
the middle of a cell would vanish, so one there must be wrapped in ``display(...)``."""

import ast
from pathlib import Path

import jupytext
import pytest

LESSONS = sorted((Path(__file__).resolve().parents[1] / "lessons_src").glob("[0-9][0-9]_*.py"))
SHOWN_ONLY_LAST = ("confirm", "check_")


def _vanishing(source: str) -> list[str]:
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython magics: not a lesson style
        return []
    lost = []
    for node in body[:-1]:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith(SHOWN_ONLY_LAST):
                lost.append(ast.get_source_segment(source, node).splitlines()[0])
    return lost


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_no_confirmation_or_verdict_vanishes_mid_cell(path):
    cells = [c for c in jupytext.read(path).cells if c.cell_type == "code"]
    lost = [line for cell in cells for line in _vanishing(cell.source)]
    assert not lost, f"{path.stem}: wrap in display(...) or end the cell with it: {lost}"


def test_the_scan_finds_a_mid_cell_confirmation():
    assert _vanishing("checks.confirm(True, 'x')\nfigure(1)") == ["checks.confirm(True, 'x')"]
    assert _vanishing("display(checks.confirm(True, 'x'))\nfigure(1)") == []
