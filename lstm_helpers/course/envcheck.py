"""The welcome lesson's environment check: versions, mode, data, widgets.

Reads installed versions from package metadata instead of importing the
packages, so the check takes milliseconds rather than TensorFlow's seven seconds.
"""

from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

from lstm_helpers import config
from lstm_helpers.data.imdb import imdb_status

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
    """Rows of (what, value, ok)."""
    rows = [("Python", platform.python_version(), True)]
    for label, names in PACKAGES:
        version = installed_version(*names)
        rows.append((label, version or f"MISSING. {FIX}", version is not None))
    rows.append(widget_extension_row())
    fast = config.is_fast()
    rows.append(
        ("Mode", "fast (LSTM_LAB_FAST=1: CI sizes)" if fast else "full (real sizes)", True)
    )
    status = imdb_status()
    ok = "does not exist" not in status and "not usable" not in status
    rows.append(("IMDB data", status.removeprefix("IMDB data: "), ok))
    return rows


def report_text() -> str:
    """The report as aligned text lines, a ✓ or ✗ in front of each. Used in lesson 00."""
    rows = environment_report()
    width = max(len(what) for what, _, _ in rows)
    return "\n".join(
        f"{'✓' if ok else '✗'} {what.ljust(width)}  {value}" for what, value, ok in rows
    )


# The JupyterLab extensions the live widgets need, as installed by their Python packages.
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "jupyterlab_widgets>=3.0.13,<4",
    "anywidget": "anywidget>=0.9.13,<1",
    "jupyterlab-plotly": "plotly>=6.0,<8",
}


def missing_lab_extensions() -> list[str]:
    """Pip requirements whose JupyterLab extension is not installed in any Jupyter data path."""
    from jupyter_core.paths import jupyter_path

    folders = [Path(p) for p in jupyter_path("labextensions")]
    return [req for name, req in LAB_EXTENSIONS.items()
            if not any((folder / name / "package.json").exists() for folder in folders)]


def widget_extension_row() -> tuple[str, str, bool]:
    """The report's line on whether sliders can render in JupyterLab."""
    import sys

    if "google.colab" in sys.modules:
        return ("Widgets in Colab", "the first cell turned on Colab's widget manager", True)
    missing = missing_lab_extensions()
    if not missing:
        return ("Widgets in JupyterLab", "extensions installed: sliders will render", True)
    needed = " ".join(f"'{req}'" for req in missing)
    return ("Widgets in JupyterLab",
            f"MISSING, so sliders will not render (figures fall back to static). "
            f"Fix: pip install {needed}, then restart JupyterLab.", False)
