"""Proof from outside the kernels of what the notebooks did when nbval ran them: every one
ran in fast mode, and every worked solution got a "correct" verdict from its check."""

import json

import jupytext
import pytest


def log_entries(run_log) -> list[dict]:
    return [json.loads(line) for line in run_log.read_text().splitlines()] \
        if run_log.exists() else []


def test_every_executed_notebook_ran_in_fast_mode(executed_notebooks, run_log):
    if not executed_notebooks:
        pytest.skip("no notebook was executed in this session (run the whole suite)")
    starts = [e for e in log_entries(run_log) if e.get("event") == "start"]
    modes = {entry["lesson"]: entry["mode"] for entry in starts}
    for name in executed_notebooks:
        assert name in modes, f"{name} never called config.start_lesson: did it run?"
        assert modes[name] == "fast", f"{name} ran in {modes[name]} mode, not fast"


def test_every_worked_solution_gets_a_correct_verdict(executed_notebooks, run_log, repo_root,
                                                     exercise_cells):
    if not executed_notebooks:
        pytest.skip("no notebook was executed in this session (run the whole suite)")
    verdicts = [e for e in log_entries(run_log) if "status" in e]
    for name in executed_notebooks:
        mine = [e for e in verdicts if e["lesson"] == name]
        wrong = [e["check"] for e in mine if e["status"] == "wrong"]
        assert not wrong, f"{name}: a solution (or an exercise cell) was judged wrong: {wrong}"
        _, solutions = exercise_cells(jupytext.read(repo_root / "notebooks" / f"{name}.ipynb"))
        correct = sum(e["status"] == "correct" for e in mine)
        assert correct >= len(solutions), (
            f"{name}: {len(solutions)} worked solutions but only {correct} correct verdicts")
