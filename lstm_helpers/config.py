"""The course's one switch (fast vs full mode), its seeds and its cache folder.

Fast mode is read here and nowhere else, so every lesson shrinks the same way:
CI and ``make test`` set ``LSTM_LAB_FAST=1``; a learner gets full mode by default.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path
from typing import TypeVar

import numpy as np

FAST_ENV = "LSTM_LAB_FAST"
CACHE_ENV = "LSTM_LAB_CACHE"
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

    Lessons that import Keras later seed it themselves with ``keras.utils.set_random_seed``.
    """
    random.seed(seed)
    np.random.seed(seed)
    import sys

    if "keras" in sys.modules:  # never import TensorFlow just to seed it
        sys.modules["keras"].utils.set_random_seed(seed)


def cache_dir() -> Path:
    """Folder for the course's own caches (parsed IMDB, saved models); made on first use.

    ``LSTM_LAB_CACHE`` overrides the default ``~/.cache/lstm_lab``.
    """
    root = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "lstm_lab"
    path = Path(root).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def start_lesson(lesson: str, seed: int = DEFAULT_SEED) -> str:
    """Seed everything, quiet TensorFlow's start-up logs, print the mode and return it.

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
        print(f"{lesson}: FAST mode ({FAST_ENV}=1): small sizes, numbers are only a smoke test.")
    else:
        print(f"{lesson}: full mode: real sizes and real results. Seed {seed}.")
    log = os.environ.get(RUN_LOG_ENV)
    if log:
        entry = {"lesson": lesson, "mode": mode, "seed": seed, "time": time.time()}
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
    return mode
