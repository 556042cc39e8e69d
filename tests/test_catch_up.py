"""Catch-up checkpoints, end to end: a fresh kernel with a lesson's checkpoints present
reaches the lesson's last cell without training anything.

Each case runs a training lesson once in fast mode in an empty course cache (which trains
and saves its checkpoints), then runs it again in a fresh kernel with ``CATCH_UP = True``
and ``keras.Model.fit`` replaced by a function that raises: the second run must reach the
last cell, say that it loaded every result, and never say it trained one. A lesson that
needs an earlier lesson's model (06 needs 05's classifier) then runs the same way, after
05's first run, and must load it. Lesson 08's first run finds no lesson 04 language model in
the empty cache and trains it (the path a new Colab session takes); its second run loads it.

Both runs leave out the worked solutions (cells tagged ``solution``), as a learner's
student edition does: a build exercise's solution trains a model by design, which is the
learner's work rather than something to catch up on.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import jupytext
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NO_TRAINING = '''import keras


def _no_training(*args, **kwargs):
    raise RuntimeError("catch-up run: this lesson tried to train a model")


keras.Model.fit = _no_training'''

# (the lesson that trains, the lessons that must then load what it saved)
CASES = [("05_imdb_classifier", ["06_inside_classifier"]), ("07_lstm_variants", []),
         ("08_pretrained_starts", [])]


def _lesson(slug: str, catch_up: bool) -> nbformat.NotebookNode:
    """The lesson without its worked solutions; with ``catch_up``, its switch turned on and
    training forbidden from the cell after the imports on."""
    notebook = jupytext.read(ROOT / "lessons_src" / f"{slug}.py")
    notebook.cells = [c for c in notebook.cells if "solution" not in c.metadata.get("tags", [])]
    if catch_up:
        for at, cell in enumerate(notebook.cells):
            if cell.cell_type == "code" and "config.start_lesson(" in cell.source:
                notebook.cells.insert(at + 1, nbformat.v4.new_code_cell(NO_TRAINING))
                break
        switches = [c for c in notebook.cells if c.cell_type == "code"
                    and re.search(r"^CATCH_UP = False\b", c.source, re.M)]
        if switches:  # a lesson that trains has the switch; one that only loads has none
            assert len(switches) == 1, f"{slug}: one catch-up switch, clearly marked"
            switches[0].source = switches[0].source.replace("CATCH_UP = False", "CATCH_UP = True")
    return notebook


def _run(slug: str, catch_up: bool) -> str:
    """Execute the lesson in a fresh kernel; every text it printed."""
    from nbclient import NotebookClient

    notebook = _lesson(slug, catch_up)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return "\n".join(str(output.get("text", "")) for cell in notebook.cells
                     if cell.cell_type == "code" for output in cell.get("outputs", []))


def _checkpoint_folder(cache: Path, lesson: str) -> Path:
    return cache / "checkpoints" / lesson.replace("_", "-")


def _saved_this_session(cache: Path, lesson: str, saved: int) -> bool:
    """Whether this test session's notebook run (nbval, fast mode, earlier on this worker)
    wrote at least ``saved`` of the lesson's checkpoints into ``cache``; if not, the test
    trains them itself."""
    start = float(os.environ.get("LSTM_LAB_TEST_SESSION_START", "inf"))
    fresh = [f for f in _checkpoint_folder(cache, lesson).glob("*-fast-*.npz")
             if f.stat().st_mtime >= start]
    return len(fresh) >= saved


@pytest.fixture
def notebook_cache() -> Path | None:
    """The course cache the notebooks' kernels use in this session (read before any test
    points it elsewhere); None when it cannot be resolved."""
    from lstm_helpers import config

    try:
        return config.cache_dir()
    except config.CacheDirError:  # an unusable cache: the test then works in its own
        return None


@pytest.fixture
def fast_empty_cache(tmp_path, monkeypatch, notebook_cache):
    """Fast mode and an empty course cache, for the kernels this test starts."""
    monkeypatch.setenv("LSTM_LAB_FAST", "1")
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("LSTM_LAB_SHARED_CACHE", raising=False)
    monkeypatch.delenv("LSTM_LAB_RUN_LOG", raising=False)  # not one of nbval's runs
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
    monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", "0")
    return tmp_path / "cache"


@pytest.mark.slow
@pytest.mark.parametrize(("lesson", "later"), CASES, ids=[c[0][:2] for c in CASES])
def test_a_fresh_kernel_catches_up_without_training(lesson, later, notebook_cache,
                                                     fast_empty_cache, real_imdb_source,
                                                     monkeypatch):
    source = (ROOT / "lessons_src" / f"{lesson}.py").read_text(encoding="utf-8")
    saved = len(re.findall(r"checkpoints\.keep\(", source))
    assert saved, f"{lesson} saves nothing for the catch-up path"

    cache = fast_empty_cache
    if notebook_cache is not None and _saved_this_session(notebook_cache, lesson, saved):
        # the notebook run just trained this lesson: catch up from the cache it saved into
        cache = notebook_cache
        monkeypatch.setenv("LSTM_LAB_CACHE", str(cache))
    else:
        first = _run(lesson, catch_up=False)  # trains, and saves every checkpoint
        assert "catch-up: loaded" not in first
    assert list(_checkpoint_folder(cache, lesson).glob("*.npz"))

    start = time.perf_counter()
    again = _run(lesson, catch_up=True)  # Model.fit raises: nothing may train
    seconds = time.perf_counter() - start
    assert again.count("catch-up: loaded") == saved, again
    assert "training it now" not in again, again
    print(f"{lesson}: caught up in {seconds:.0f} s")
    for slug in later:
        loaded = _run(slug, catch_up=True)
        assert "training it now" not in loaded and "loaded lesson" in loaded, loaded

