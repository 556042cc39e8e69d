"""The helper package's layers hold: no lower layer imports a higher one (import-linter's
contract in pyproject.toml), and the NumPy layers start without TensorFlow or widgets.

Each rule is also shown to fail on a copy of the package with one wrong import added.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lstm_helpers"
LIGHT_LAYERS = ("core", "data", "viz")  # importing these must stay instant
HEAVY = ("tensorflow", "keras", "ipywidgets")

# Imports every module of the given layers, one after another, in a fresh interpreter, and
# reports the first module after whose import a heavy package appeared.
PROBE = f"""
import importlib, json, pkgutil, sys
HEAVY = {HEAVY!r}
found = {{}}
for layer in sys.argv[1:]:
    package = importlib.import_module("lstm_helpers." + layer)
    for info in pkgutil.iter_modules(package.__path__):
        name = f"lstm_helpers.{{layer}}.{{info.name}}"
        importlib.import_module(name)
        for heavy in HEAVY:
            if heavy in sys.modules and heavy not in found:
                found[heavy] = name
print(json.dumps(found))
"""


def heavy_imports(root: Path, layers=LIGHT_LAYERS) -> dict[str, str]:
    """{heavy package: the first light module that loaded it} for the package under ``root``."""
    done = subprocess.run([sys.executable, "-c", PROBE, *layers], capture_output=True, text=True,
                          cwd=root, env={"PYTHONPATH": str(root), "PATH": ""}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    return subprocess.run([lint or "lint-imports", "--config", str(root / "pyproject.toml")],
                          capture_output=True, text=True, cwd=root,
                          env={"PYTHONPATH": str(root), "PATH": str(Path(sys.executable).parent)})


def test_numpy_layers_load_neither_tensorflow_nor_widgets():
    assert heavy_imports(ROOT) == {}


def test_the_layer_contract_is_kept():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 kept, 0 broken" in done.stdout


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "lstm_helpers",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_line(module: Path, line: str) -> None:
    source = module.read_text()
    cut = source.index("\nimport ") if "\nimport " in source else source.index("\nfrom ")
    module.write_text(source[:cut] + "\n" + line + source[cut:])


def test_a_core_module_importing_a_figure_module_breaks_the_contract(package_copy):
    _add_line(package_copy / "lstm_helpers" / "core" / "cells.py",
              "from lstm_helpers.viz import style  # noqa: F401  (wrong on purpose)")
    done = lint_imports(package_copy)
    assert done.returncode != 0 and "BROKEN" in done.stdout
    assert "lstm_helpers.core.cells -> lstm_helpers.viz.style" in done.stdout


def test_training_and_figures_may_not_import_each_other(package_copy):
    _add_line(package_copy / "lstm_helpers" / "training" / "callbacks.py",
              "from lstm_helpers.viz import training_figures  # noqa: F401")
    assert lint_imports(package_copy).returncode != 0


@pytest.mark.slow
def test_a_data_module_importing_keras_at_import_time_is_caught(package_copy):
    _add_line(package_copy / "lstm_helpers" / "data" / "batches.py", "import keras  # noqa: F401")
    assert heavy_imports(package_copy, ("data",)).get("keras") == "lstm_helpers.data.batches"
