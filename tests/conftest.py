"""Shared fixtures: everything two test files need lives here, once: the repository root,
the made-up IMDB dataset, the "is the real IMDB copy here?" skip, a tools/ script as a
module, starting a server and polling it, Chromium, the learner's JupyterLab, the exercises
of a lesson. No test imports another test module or a conftest: they ask for fixtures. The
session-wide wiring (markers, run log, xdist scheduling) is in the repository's conftest.py.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import tarfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


# --- the repository and its tools -------------------------------------------------------

@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def load_tool(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], ModuleType]:
    """Import a script from tools/ as a module. tools/ is on sys.path only for this test
    (the scripts import their shared ``bench_common`` as a sibling)."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    return importlib.import_module


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$LSTM_LAB_TEST_ARTIFACTS`` when set (``make screenshots``
    sets artifacts/), otherwise a temporary folder: a plain test run writes nothing into
    the repository."""
    chosen = os.environ.get("LSTM_LAB_TEST_ARTIFACTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def course_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty course cache, so cache tests never touch the real one."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("LSTM_LAB_CACHE", str(cache))
    return cache


# --- IMDB: a made-up copy, and the real one where it is available --------------------------

@dataclass(frozen=True)
class FakeIMDB:
    """A tiny made-up dataset in the official aclImdb layout (no real reviews): three reviews
    per label and split, review i of each label about film i of its split, and three
    unlabelled reviews for train/unsup when asked."""

    reviews: dict[str, list[str]] = field(default_factory=lambda: {
        "pos": ["A wonderful film, truly moving.", "Great acting<br /><br />and a great story.",
                "Loved every minute of it."],
        "neg": ["Dull and far too long.", "The plot made no sense at all.",
                "I want those two hours back."],
    })
    unlabelled: list[str] = field(default_factory=lambda: [
        "An unlabelled review.", "Another one, about a film.", "A third."])

    @property
    def counts(self) -> dict[str, int]:
        """What ``load_imdb(expected=...)`` must be told to accept this dataset."""
        return {f"{split}/{label}": len(texts) for split in ("train", "test")
                for label, texts in self.reviews.items()}

    @staticmethod
    def film(split: str, i: int) -> str:
        return f"tt{1 if split == 'train' else 2}00000{i}"

    def folder(self, root: Path, unlabelled: bool = False) -> Path:
        """Write the dataset under ``root`` and return its ``aclImdb`` folder."""
        for split in ("train", "test"):
            for label, texts in self.reviews.items():
                folder = root / "aclImdb" / split / label
                folder.mkdir(parents=True)
                for i, text in enumerate(texts):
                    rating = 8 + i if label == "pos" else 1 + i
                    (folder / f"{i}_{rating}.txt").write_text(f"{split}: {text}", "utf-8")
                urls = [f"http://www.imdb.com/title/{self.film(split, i)}/usercomments"
                        for i in range(len(texts))]
                (root / "aclImdb" / split / f"urls_{label}.txt").write_text(
                    "\n".join(urls) + "\n")
        if unlabelled:
            folder = root / "aclImdb" / "train" / "unsup"
            folder.mkdir()
            for i, text in enumerate(self.unlabelled):
                (folder / f"{i}_0.txt").write_text(text, encoding="utf-8")
            (root / "aclImdb" / "train" / "urls_unsup.txt").write_text(
                "".join(f"http://www.imdb.com/title/tt30000{i}/usercomments\n"
                        for i in range(len(self.unlabelled))))
        (root / "aclImdb" / "README").write_text("made up for tests")
        return root / "aclImdb"

    def archive(self, tmp_path: Path, unlabelled: bool = False) -> Path:
        """The dataset packed as ``aclImdb_v1.tar.gz`` in ``tmp_path``, like the download."""
        folder = self.folder(tmp_path / "src", unlabelled)
        archive = tmp_path / "aclImdb_v1.tar.gz"
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            tar.add(folder, arcname="aclImdb")
        archive.write_bytes(buffer.getvalue())
        return archive


@pytest.fixture(scope="session")
def fake_imdb() -> FakeIMDB:
    return FakeIMDB()


@pytest.fixture(scope="session")
def real_imdb_source() -> Path:
    """The real IMDB copy named by LSTM_LAB_IMDB (make test and .ci/run set it), or a skip
    that says how to run the test."""
    source = os.environ.get("LSTM_LAB_IMDB")
    if not source or not Path(source).exists():
        pytest.skip("the real IMDB data is not available here: set LSTM_LAB_IMDB to a copy "
                    "of aclImdb (../shared/data/aclImdb_labelled.tar.gz) to run this test")
    return Path(source)


# --- servers and the browser -------------------------------------------------------------

def wait_until_serving(server: subprocess.Popen, url: str, log: Path,
                       timeout_s: float = 90) -> None:
    """Poll ``url`` until it answers; fail with the end of the server's log if the server
    exits or the time runs out."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"{url} did not come up in {timeout_s:.0f} s:\n"
                            f"{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)


def stop_server(server: subprocess.Popen, timeout_s: float = 30) -> None:
    """SIGTERM, as a service manager stops it, then SIGKILL if it does not go."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def start_server() -> Iterator[Callable[..., subprocess.Popen]]:
    """``start_server(command, url, log, env=..., cwd=...)``: start a server, wait until
    ``url`` answers, and stop it at the end of the session (or earlier, by the test)."""
    started: list[tuple[subprocess.Popen, io.TextIOBase]] = []

    def start(command: list[str], url: str, log: Path, env: dict[str, str] | None = None,
              cwd: Path | None = None, timeout_s: float = 90) -> subprocess.Popen:
        out = open(log, "w")
        server = subprocess.Popen(command, env=env, cwd=cwd, stdout=out,
                                  stderr=subprocess.STDOUT)
        started.append((server, out))
        wait_until_serving(server, url, log, timeout_s)
        return server

    start.stop = stop_server  # a test may stop its server itself (what happens then?)
    yield start
    for server, out in reversed(started):
        stop_server(server, timeout_s=60)
        out.close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (nothing downloads a browser), or a skip that
    says what to install."""
    from browser_lab import CHROMIUM, CHROMIUM_FLAGS, need_browser

    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def student_lab(chromium, start_server, tmp_path_factory):
    """One JupyterLab for every browser test, serving the student edition built as
    ``make student`` builds it."""
    from browser_lab import student_lab_server

    return student_lab_server(tmp_path_factory.mktemp("student-lab"), start_server)


@pytest.fixture
def open_lesson(chromium, artifacts) -> Iterator[Callable]:
    """``open_lesson(lab, name)``: a fresh browser page on a lesson of ``lab`` (the student
    JupyterLab, or a learner's server on the hub). Pages close after the test."""
    from browser_lab import LessonPage

    opened = []

    def open_(lab, name: str, page=None):
        own = page is None
        if own:
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        lesson = LessonPage(page, lab, name, artifacts)
        opened.append((lesson, own))
        return lesson

    yield open_
    for lesson, own in opened:
        lesson.shut_down()
        if own:
            lesson.page.close()


# --- lessons and their exercises ----------------------------------------------------------

CHECK_CALL = re.compile(r"\b(?:checks|build_checks)\.check_(\w+)\(")


def _exercise_cells(notebook) -> tuple[list[str], list[str]]:
    """The code cells of a (jupytext-read) notebook that call a check: (exercise cells,
    worked-solution cells, tagged ``solution``)."""
    exercises, solutions = [], []
    for cell in notebook.cells:
        if cell.cell_type == "code" and CHECK_CALL.search(cell.source):
            tags = cell.metadata.get("tags", [])
            (solutions if "solution" in tags else exercises).append(cell.source)
    return exercises, solutions


@pytest.fixture(scope="session")
def exercise_cells() -> Callable:
    return _exercise_cells
