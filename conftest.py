"""Session-wide test wiring for the whole repository (the fixtures are in tests/conftest.py).

- ``notebook`` marks nbval's cells of ``notebooks/*.ipynb`` and the run-log checks after them;
  ``browser``, ``hub`` and ``slow`` are set by the test files (all four are registered in
  pyproject.toml and ``--strict-markers`` refuses any other). ``make test-fast`` runs
  everything without them.
- The run log: every lesson's ``config.start_lesson`` and every check append a line to
  ``$LSTM_LAB_RUN_LOG``, which tests/test_notebook_runs.py reads to prove the notebooks ran in
  fast mode and every worked solution was judged correct.
- Under pytest-xdist (``make test`` runs ``-n 2``) the scheduler below keeps every notebook
  *and* the run-log check on one worker, in order, and every test file on one worker (the
  browser tests share one JupyterLab). The notebooks go first, then the browser and class
  server tests, then the units, so the two workers finish together.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

# After the notebooks, on the same worker: the run-log check reads what the executed notebooks
# logged; the catch-up test reuses the checkpoints their training lessons just saved.
AFTER_NOTEBOOKS = ("test_notebook_runs.py", "test_catch_up.py")
RUN_LOG_KEY = pytest.StashKey[Path]()
NOTEBOOKS_KEY = pytest.StashKey[list[str]]()
ORDER = ("notebook", "after notebooks", "browser", "hub")  # then everything else


def pytest_configure(config: pytest.Config) -> None:
    # Set before nbval starts any kernel: kernels inherit the environment. A worker of xdist
    # has its own log (its notebooks, its check); removed again in pytest_unconfigure.
    # When this session began: what a test may reuse from the notebooks it ran (their
    # catch-up checkpoints) is what was written since.
    os.environ.setdefault("LSTM_LAB_TEST_SESSION_START", str(time.time()))
    folder = Path(tempfile.mkdtemp(prefix="lstm-lab-runs-"))
    os.environ["LSTM_LAB_RUN_LOG"] = str(folder / "lesson_starts.jsonl")
    config.stash[RUN_LOG_KEY] = folder / "lesson_starts.jsonl"


def pytest_unconfigure(config: pytest.Config) -> None:
    log = config.stash.get(RUN_LOG_KEY, None)
    if log is not None:
        shutil.rmtree(log.parent, ignore_errors=True)


def _is_notebook(item: pytest.Item) -> bool:
    return str(item.fspath).endswith(".ipynb")


def _kind(item: pytest.Item) -> int:
    if _is_notebook(item):
        return 0
    if str(item.fspath).endswith(AFTER_NOTEBOOKS):
        return 1
    for rank, marker in enumerate(ORDER[2:], start=2):
        if item.get_closest_marker(marker) is not None:
            return rank
    return len(ORDER)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark nbval's cells ``notebook``; order the collection: notebooks, their run-log check,
    the browser tests, the class server, the rest (each file keeps its own order)."""
    for item in items:
        if _is_notebook(item) or str(item.fspath).endswith(AFTER_NOTEBOOKS):
            item.add_marker(pytest.mark.notebook)
    items.sort(key=_kind)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Remember which notebooks this session runs (after ``-m`` deselected any)."""
    session.config.stash[NOTEBOOKS_KEY] = sorted(
        {Path(str(item.fspath)).stem for item in session.items if _is_notebook(item)})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A notebook cell that writes to stderr fails: JupyterLab shows stderr as a red box,
    which a learner reads as an error (a warning, a serialization failure, a library's log)."""
    outcome = yield
    report = outcome.get_result()
    if call.when != "call" or not report.passed or not _is_notebook(item):
        return
    stderr = [out.get("text", "") for out in (getattr(item, "test_outputs", None) or [])
              if out.get("output_type") == "stream" and out.get("name") == "stderr"]
    if stderr:
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} wrote to stderr, which the learner sees as a red "
                           f"box:\n{''.join(stderr)[:2000]}")


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """One scope for all notebooks and their run-log check, one per test file otherwise;
    scopes handed out in collection order."""
    from xdist.scheduler import LoadScopeScheduling

    class ByKind(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "notebooks" if path.endswith((".ipynb", *AFTER_NOTEBOOKS)) else path

    config.option.loadscopereorder = False
    return ByKind(config, log)


@pytest.fixture
def executed_notebooks(request: pytest.FixtureRequest) -> list[str]:
    return request.config.stash.get(NOTEBOOKS_KEY, [])


@pytest.fixture
def run_log(request: pytest.FixtureRequest) -> Path:
    return request.config.stash[RUN_LOG_KEY]
