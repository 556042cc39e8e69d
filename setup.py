"""One build step pyproject.toml cannot say: pack the repository files a lesson reads at run
time into the wheel, so a package installed without its repository (Colab's
``pip install lstm-lab @ git+...``) still shows the course map and the benchmark results.

The repository's ``notebooks/`` and ``benchmarks/`` stay the only copy in the source tree; the
build copies them into ``lstm_helpers/course/shipped/`` of the build folder only (never into
the checkout). The folders and patterns are ``catalog.SHIPPED_FOLDERS``, read from its source
text because the package cannot be imported while it is being built (its dependencies may be
missing). An editable install (``pip install -e .``) packs nothing: it reads the checkout.
tests/test_installed_outside.py builds the wheel and checks the packed copy equals the
repository's.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
CATALOG = HERE / "lstm_helpers" / "course" / "catalog.py"


def shipped_folders() -> tuple[str, dict[str, str]]:
    """``catalog.SHIPPED`` and ``catalog.SHIPPED_FOLDERS``, read from catalog.py's source."""
    found: dict[str, object] = {}
    for node in ast.parse(CATALOG.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("SHIPPED", "SHIPPED_FOLDERS"):
                found[target.id] = ast.literal_eval(node.value)
    if set(found) != {"SHIPPED", "SHIPPED_FOLDERS"}:
        raise SystemExit(f"{CATALOG} must assign SHIPPED and SHIPPED_FOLDERS as literals "
                         f"(the build packs those folders); found {sorted(found)}.")
    return found["SHIPPED"], found["SHIPPED_FOLDERS"]  # type: ignore[return-value]


class BuildPyWithCourseFiles(build_py):
    """``build_py``, then a fresh copy of the shipped folders beside the course modules."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the package runs from the checkout and reads it directly
            return
        shipped, folders = shipped_folders()
        if not (HERE / "notebooks").is_dir():
            raise SystemExit(f"notebooks/ is missing beside {Path(__file__).name}: build "
                             f"from a clone of the repository, or from an sdist made by "
                             f"`python -m build` (MANIFEST.in packs it).")
        target = Path(self.build_lib) / "lstm_helpers" / "course" / shipped
        shutil.rmtree(target, ignore_errors=True)  # a file deleted since the last build goes
        for name, pattern in folders.items():
            for source in sorted((HERE / name).glob(pattern)):
                copy = target / name / source.name
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildPyWithCourseFiles})
