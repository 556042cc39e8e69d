"""The welcome lesson's environment check: versions, mode, data, widgets.

Reads installed versions from package metadata instead of importing the
packages, so the check takes milliseconds rather than TensorFlow's seven seconds.
"""

from __future__ import annotations

import platform
from importlib import metadata

from lstm_helpers import config
from lstm_helpers.imdb import imdb_status

PACKAGES = (
    ("numpy", ("numpy",)),
    ("TensorFlow", ("tensorflow-cpu", "tensorflow")),
    ("Keras", ("keras",)),
    ("JupyterLab", ("jupyterlab",)),
    ("ipywidgets", ("ipywidgets",)),
    ("JupyterLab widgets extension", ("jupyterlab_widgets",)),
    ("plotly", ("plotly",)),
    ("anywidget", ("anywidget",)),
    ("jupytext", ("jupytext",)),
)
FIX = "Run `make lab` again (or `pip install -e .` in this folder), then restart the kernel."


def installed_version(*distributions: str) -> str | None:
    """The version of the first of ``distributions`` that is installed, else None."""
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def environment_report() -> list[tuple[str, str, bool]]:
    """Rows of (what, value, ok). Used in lesson 00."""
    rows = [("Python", platform.python_version(), True)]
    for label, names in PACKAGES:
        version = installed_version(*names)
        rows.append((label, version or f"MISSING. {FIX}", version is not None))
    fast = config.is_fast()
    rows.append(
        ("Mode", "fast (LSTM_LAB_FAST=1: CI sizes)" if fast else "full (real sizes)", True)
    )
    status = imdb_status()
    rows.append(("IMDB data", status.removeprefix("IMDB data: "), "does not exist" not in status))
    return rows


def report_text() -> str:
    """The report as aligned text lines, a ✓ or ✗ in front of each."""
    rows = environment_report()
    width = max(len(what) for what, _, _ in rows)
    return "\n".join(
        f"{'✓' if ok else '✗'} {what.ljust(width)}  {value}" for what, value, ok in rows
    )
