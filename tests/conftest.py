"""Shared fixtures, and the wiring that lets a test prove the notebooks ran in fast mode."""

from __future__ import annotations

import io
import os
import tarfile
import tempfile
from pathlib import Path

import pytest

AFTER_NOTEBOOKS = "test_notebook_runs.py"  # reads what the executed notebooks logged
RUN_LOG_KEY = pytest.StashKey[Path]()
NOTEBOOKS_KEY = pytest.StashKey[list[str]]()


def pytest_configure(config: pytest.Config) -> None:
    # Set before nbval starts any kernel: kernels inherit the environment and each lesson's
    # `config.start_lesson` appends a line here.
    log = Path(tempfile.mkdtemp(prefix="lstm-lab-runs-")) / "lesson_starts.jsonl"
    os.environ["LSTM_LAB_RUN_LOG"] = str(log)
    config.stash[RUN_LOG_KEY] = log


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Remember which notebooks nbval will run, and run the fast-mode check after them."""
    notebooks = sorted({Path(str(item.fspath)).stem for item in items
                        if str(item.fspath).endswith(".ipynb")})
    config.stash[NOTEBOOKS_KEY] = notebooks
    last = [item for item in items if str(item.fspath).endswith(AFTER_NOTEBOOKS)]
    items[:] = [item for item in items if item not in last] + last


@pytest.fixture
def executed_notebooks(request: pytest.FixtureRequest) -> list[str]:
    return request.config.stash.get(NOTEBOOKS_KEY, [])


@pytest.fixture
def run_log(request: pytest.FixtureRequest) -> Path:
    return request.config.stash[RUN_LOG_KEY]


@pytest.fixture
def course_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty course cache, so cache tests never touch the real one."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("LSTM_LAB_CACHE", str(cache))
    return cache


FAKE_REVIEWS = {
    "pos": ["A wonderful film, truly moving.", "Great acting<br /><br />and a great story.",
            "Loved every minute of it."],
    "neg": ["Dull and far too long.", "The plot made no sense at all.",
            "I want those two hours back."],
}


FAKE_COUNTS = {f"{split}/{label}": 3 for split in ("train", "test") for label in ("pos", "neg")}
FAKE_UNLABELLED = ["An unlabelled review.", "Another one, about a film.", "A third."]


def fake_film(split: str, i: int) -> str:
    """Review i of each label is about film i of its split: each film has one of each."""
    return f"tt{1 if split == 'train' else 2}00000{i}"


def fake_aclimdb(root: Path, unlabelled: bool = False) -> Path:
    """A tiny made-up dataset in the official aclImdb layout (no real reviews), with the
    urls_*.txt files that name each review's film (and train/unsup when asked)."""
    for split in ("train", "test"):
        for label, texts in FAKE_REVIEWS.items():
            folder = root / "aclImdb" / split / label
            folder.mkdir(parents=True)
            for i, text in enumerate(texts):
                rating = 8 + i if label == "pos" else 1 + i
                (folder / f"{i}_{rating}.txt").write_text(f"{split}: {text}", encoding="utf-8")
            urls = [f"http://www.imdb.com/title/{fake_film(split, i)}/usercomments"
                    for i in range(len(texts))]
            (root / "aclImdb" / split / f"urls_{label}.txt").write_text("\n".join(urls) + "\n")
    if unlabelled:
        folder = root / "aclImdb" / "train" / "unsup"
        folder.mkdir()
        for i, text in enumerate(FAKE_UNLABELLED):
            (folder / f"{i}_0.txt").write_text(text, encoding="utf-8")
        (root / "aclImdb" / "train" / "urls_unsup.txt").write_text(
            "".join(f"http://www.imdb.com/title/tt30000{i}/usercomments\n"
                    for i in range(len(FAKE_UNLABELLED))))
    (root / "aclImdb" / "README").write_text("made up for tests")
    return root / "aclImdb"


def fake_archive(tmp_path: Path, unlabelled: bool = False) -> Path:
    """``fake_aclimdb`` packed as a ``.tar.gz``, like the official download."""
    folder = fake_aclimdb(tmp_path / "src", unlabelled)
    archive = tmp_path / "aclImdb_v1.tar.gz"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(folder, arcname="aclImdb")
    archive.write_bytes(buffer.getvalue())
    return archive
