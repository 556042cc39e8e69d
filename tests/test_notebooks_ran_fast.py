"""Proof from outside the kernels that every notebook nbval ran used fast mode."""

import json

import pytest


def test_every_executed_notebook_ran_in_fast_mode(executed_notebooks, run_log):
    if not executed_notebooks:
        pytest.skip("no notebook was executed in this session (run the whole suite)")
    starts = [json.loads(line) for line in run_log.read_text().splitlines()] \
        if run_log.exists() else []
    modes = {entry["lesson"]: entry["mode"] for entry in starts if entry.get("event") == "start"}
    for name in executed_notebooks:
        assert name in modes, f"{name} never called config.start_lesson: did it run?"
        assert modes[name] == "fast", f"{name} ran in {modes[name]} mode, not fast"
