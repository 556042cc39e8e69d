"""The course's one switch (fast vs full mode), its seeds and its cache folders.

The bottom layer: every other layer may read it, it imports none of them. Fast mode is
read here and nowhere else, so every lesson shrinks the same way: CI and ``make test`` set
``LSTM_LAB_FAST=1``; a learner always gets full mode (fast-mode numbers are test sizes,
not results).
"""

from __future__ import annotations

import json
import os
import random
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

import numpy as np

FAST_ENV = "LSTM_LAB_FAST"
CACHE_ENV = "LSTM_LAB_CACHE"
SHARED_CACHE_ENV = "LSTM_LAB_SHARED_CACHE"  # read-only caches an instructor prepared
RUN_LOG_ENV = "LSTM_LAB_RUN_LOG"
DEFAULT_SEED = 42

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}

T = TypeVar("T")


def is_fast() -> bool:
    """True when ``LSTM_LAB_FAST`` asks for CI-sized runs. Used in every lesson."""
    raw = os.environ.get(FAST_ENV, "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(
        f"{FAST_ENV}={raw!r} is not understood; use 1 for fast mode or 0 for full mode."
    )


def mode_name() -> str:
    """'fast' or 'full', for banners and benchmark rows. Used in every lesson."""
    return "fast" if is_fast() else "full"


def scale(full: T, fast: T) -> T:
    """Pick a size for the current mode: ``EPOCHS = scale(full=5, fast=1)``.

    Lessons take every size that fast mode shrinks through this, in their
    ``parameters`` cell, so the lesson text is the same in both modes. Used in every lesson.
    """
    return fast if is_fast() else full


def set_seeds(seed: int = DEFAULT_SEED) -> None:
    """Seed Python, NumPy and (if already imported) Keras, so numbers repeat on one machine.

    Lessons that import Keras later call ``seed_keras`` after the import.
    """
    random.seed(seed)
    np.random.seed(seed)
    import sys

    if "keras" in sys.modules:  # never import TensorFlow just to seed it
        seed_keras(seed)


def seed_keras(seed: int = DEFAULT_SEED) -> None:
    """Seed Keras (Python, NumPy, TensorFlow) and turn on TensorFlow's op determinism.

    With op determinism, the same seed gives bit-identical training on the same machine and
    TensorFlow build, however busy the machine is (tests/test_determinism.py runs the same
    training twice, once beside a CPU hog). Used in lessons 03 to 08.
    """
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


class CacheDirError(OSError):
    """The cache folder cannot be used; the message names the variable that moves it."""


def cache_dir() -> Path:
    """Folder for the course's own caches (parsed IMDB, saved models); made on first use.

    ``LSTM_LAB_CACHE`` overrides the default ``~/.cache/lstm_lab``. Raises CacheDirError,
    naming that variable, when the folder cannot be made (a file in its place, no rights).
    """
    root = os.environ.get(CACHE_ENV) or _default_cache()
    path = Path(root).expanduser()
    try:
        make_folder(path)
    except OSError as exc:
        raise CacheDirError(
            f"The course cache folder {path} cannot be used ({type(exc).__name__}: "
            f"{exc.strerror or exc}). Set {CACHE_ENV} to a folder you can write to."
        ) from exc
    if not path.is_dir():
        raise CacheDirError(f"The course cache {path} is not a folder. Set {CACHE_ENV} to a "
                            "folder you can write to.")
    return path


def shared_cache_dirs() -> list[Path]:
    """Read-only cache folders an instructor prepared for a class (``LSTM_LAB_SHARED_CACHE``,
    several separated by ``os.pathsep``), looked in before the learner's own cache.

    A folder that cannot be read is left out, with one line naming the variable."""
    raw = os.environ.get(SHARED_CACHE_ENV, "")
    folders = []
    for folder in (Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()):
        try:
            readable = not folder.is_dir() or os.access(folder, os.R_OK | os.X_OK)
        except OSError as exc:  # a parent folder that cannot be entered
            skip_shared_cache(folder, exc)
            continue
        if readable:
            folders.append(folder)
        else:
            skip_shared_cache(folder, PermissionError(13, "no permission to read it"))
    return folders


def skip_shared_cache(folder: Path, exc: OSError) -> None:
    """Say, in one line, that a shared cache folder was skipped and why."""
    print(f"Shared cache {folder} (from {SHARED_CACHE_ENV}) cannot be read "
          f"({type(exc).__name__}: {exc.strerror or exc}); skipped, going on without it. Ask "
          f"your instructor to make it readable (chmod -R a+rX), or unset {SHARED_CACHE_ENV}.")


def _shared_with_others(folder: Path) -> bool:
    """Whether everyone may read and enter ``folder`` (o+rx)."""
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_IROTH and mode & stat.S_IXOTH)


def _default_cache() -> Path:
    return Path.home() / ".cache" / "lstm_lab"


def _own_private_cache(path: Path) -> bool:
    """Whether ``path`` is (in, or on the way to) the user's own default cache
    (``LSTM_LAB_CACHE`` unset), where a private umask is theirs to choose."""
    if os.environ.get(CACHE_ENV):
        return False
    default = _default_cache().expanduser()
    return path == default or default in path.parents or path in default.parents


def make_folder(path: Path) -> Path:
    """``mkdir -p path``; every folder made inside a folder the class can read gets 0755,
    whatever the umask (an instructor building a shared cache under ``umask 077``), while
    one made inside a private folder, or in the user's own default cache, keeps the user's
    umask. Returns ``path``."""
    path = Path(path).expanduser()
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    path.mkdir(parents=True, exist_ok=True)
    for folder in reversed(missing):
        if _shared_with_others(folder.parent) and not _own_private_cache(folder):
            try:
                folder.chmod(0o755)
            except OSError:
                pass  # someone else's folder made at the same moment: theirs to set
    return path


def atomic_write(path: Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Write ``path`` through ``write(handle)`` into a temporary file in the same folder,
    then ``os.replace`` it: a crash or an error leaves the old file (or none), never half of
    one. The file is readable by everyone when its folder is (0644), else by the user."""
    path = Path(path)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    tmp = Path(handle.name)
    try:
        with handle:
            write(handle)
        tmp.chmod(0o644 if _shared_with_others(path.parent) else 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """``atomic_write`` of UTF-8 text."""
    return atomic_write(path, lambda handle: handle.write(text.encode("utf-8")))


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """``atomic_write`` of bytes."""
    return atomic_write(path, lambda handle: handle.write(data))


def start_lesson(lesson: str, seed: int = DEFAULT_SEED) -> None:
    """Seed everything, quiet TensorFlow's start-up logs, and print the mode.

    When ``LSTM_LAB_RUN_LOG`` names a file (the notebook tests set it) one JSON
    line per lesson start is appended, so a test can prove the notebooks ran in
    fast mode. Used in every lesson's imports cell.
    """
    # TensorFlow reads these when it is first imported: keep its start-up chatter off the page.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    set_seeds(seed)
    mode = mode_name()
    if mode == "fast":
        print(f"{lesson}: FAST mode ({FAST_ENV}=1): test sizes for CI. The numbers below are "
              "not results and the text that interprets them does not apply; unset "
              f"{FAST_ENV} for the real lesson.")
    else:
        print(f"{lesson}: full mode (real sizes, real results), seed {seed}.")
    _LESSON["name"] = lesson
    log_event({"event": "start", "mode": mode, "seed": seed})


_LESSON = {"name": None}  # the lesson this kernel is running, for the run log


def log_event(entry: dict) -> None:
    """Append one JSON line to ``LSTM_LAB_RUN_LOG`` when the tests set it (else nothing):
    lesson starts and exercise verdicts, each with the lesson it came from, so tests can
    check what the notebooks did."""
    log = os.environ.get(RUN_LOG_ENV)
    if log:
        line = {"lesson": _LESSON["name"], **entry, "time": time.time()}
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")


def current_lesson() -> str | None:
    """The lesson ``start_lesson`` started in this kernel (None before it): what names its
    catch-up checkpoints."""
    return _LESSON["name"]
