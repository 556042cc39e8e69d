"""Installed as Colab installs it (the built wheel, no repository beside it), the package still
shows the welcome lesson's course map and the benchmark tables: setup.py packs the
repository's notebooks/ and benchmarks/ into the wheel, and what it packs equals them.

The slow test builds the wheel from a copy of the files a clone would hold, installs it with
``pip install --target`` into a folder outside the repository, and runs the lessons' calls
there in a Python that sees only that folder and the venv's dependencies (``-S``: not the
venv's editable-install hook, which would lead back to this checkout).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from lstm_helpers.core.errors import LabInputError
from lstm_helpers.course import catalog

ROOT = Path(__file__).resolve().parent.parent

# Runs in the installed package: the welcome lesson's map and every benchmark table, through
# the same calls the lessons make, with IPython's display() caught to read what they show.
PROBE = r"""
import hashlib, json, sys
import IPython.display

shown = []
IPython.display.display = lambda *objects: shown.extend(o.data for o in objects)

import lstm_helpers
from lstm_helpers.course import benchmark_results, catalog

catalog.show_map()
course_map = shown.pop()
tables = {}
for name in sys.argv[1:]:
    benchmark_results.show_summary(benchmark_results.load(name), columns=(
        "origins", "MAE", "MASE", "seconds", "val acc", "test acc", "ROC AUC", "train s"))
    tables[name] = shown.pop() if shown else ""
packed = {name: {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(catalog.course_folder(name).glob(pattern))}
          for name, pattern in catalog.SHIPPED_FOLDERS.items()}
print(json.dumps({"package": lstm_helpers.__file__, "root": str(catalog.ROOT),
                  "notebooks": str(catalog.course_folder("notebooks")),
                  "map": course_map, "tables": tables, "packed": packed}))
"""


def clone_files(into: Path) -> Path:
    """The files a clone of this repository holds (tracked, plus new ones git does not ignore),
    copied into ``into``: what ``pip install git+...`` builds from."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not in a clone
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, into / name)
    return into


def pip(*args: str) -> str:
    """Run this venv's pip; a failure shows pip's own output."""
    run = subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q",
                          *args], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"pip {args[0]} failed:\n{run.stdout[-2000:]}{run.stderr[-3000:]}"
    return run.stdout


def digests(folder: Path, pattern: str) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(pattern))}


@pytest.mark.slow
def test_the_installed_wheel_shows_the_course_map_and_benchmarks_without_the_repository(
        tmp_path):
    source = clone_files(tmp_path / "clone")
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheel"),
        str(source))  # offline: the venv's setuptools builds it
    (wheel,) = (tmp_path / "wheel").glob("lstm_lab-*.whl")
    site = tmp_path / "site"
    pip("install", "--no-deps", "--target", str(site), str(wheel))
    benchmarks = sorted(p.stem for p in (source / "benchmarks").glob("*.json"))
    assert "forecast" in benchmarks, "benchmarks/forecast.json (lesson 10's table) is missing"

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONPATH"] = os.pathsep.join([str(site), sysconfig.get_paths()["purelib"]])
    run = subprocess.run([sys.executable, "-S", "-c", PROBE, *benchmarks], cwd=elsewhere,
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])

    # The installed copy ran, not this checkout: no silent fallback to the repository.
    assert Path(seen["package"]).is_relative_to(site), seen["package"]
    assert Path(seen["notebooks"]).is_relative_to(site), seen["notebooks"]
    assert not (Path(seen["root"]) / "lessons_src").exists()
    # Every lesson of the repository is linked, none "(in preparation)".
    lessons = [lesson for lesson in catalog.LESSONS
               if (source / "notebooks" / lesson.notebook).exists()]
    assert len(lessons) >= 10
    assert "(in preparation)" not in seen["map"], seen["map"]
    for lesson in lessons:
        assert f"[{lesson.title}]({lesson.notebook})" in seen["map"]
    # Every benchmark file gives a table with its provenance and every one of its rows.
    for name in benchmarks:
        results = json.loads((source / "benchmarks" / f"{name}.json").read_text("utf-8"))
        table = seen["tables"][name]
        assert table.startswith("Measured by"), f"{name}: no table shown:\n{run.stdout}"
        for row in results["rows"]:
            key = row[results["columns"][0]]  # the first column names the row
            assert f"| {key} |" in table, f"{name}: row {key!r} missing:\n{table}"
    # What the wheel packed equals the repository, file for file, byte for byte.
    for name, pattern in catalog.SHIPPED_FOLDERS.items():
        assert seen["packed"][name] == digests(source / name, pattern), name
        assert seen["packed"][name], f"the wheel packed no {name}"


def test_an_install_with_neither_packed_files_nor_a_checkout_says_how_to_mend_it(
        tmp_path, monkeypatch):
    # In this checkout the package has no packed copy (the build writes it into the wheel
    # only), so moving ROOT away leaves neither.
    monkeypatch.setattr(catalog, "ROOT", tmp_path)
    with pytest.raises(LabInputError, match=r"neither its packed course files.*pip install"):
        catalog.show_map()
    with pytest.raises(LabInputError, match=r"name must be one of 'notebooks', 'benchmarks'"):
        catalog.course_folder("docs")


def test_a_checkout_reads_its_own_folders_and_a_new_benchmark_shows_without_reinstalling():
    assert catalog.course_folder("notebooks") == ROOT / "notebooks"
    assert catalog.course_folder("benchmarks") == ROOT / "benchmarks"
    assert "(in preparation)" not in catalog.course_map_markdown()


def test_the_checkout_only_tools_say_where_to_run_them(tmp_path, monkeypatch):
    from lstm_helpers.course import editions, export

    monkeypatch.setattr(catalog, "ROOT", tmp_path)
    with pytest.raises(LabInputError, match=r"editions \(make student\) runs from a checkout"):
        editions.write_edition(tmp_path / "student", "student")
    assert not (tmp_path / "student").exists()
    with pytest.raises(LabInputError, match=r"static export \(make site\) runs from a checkout"):
        export.export_site(tmp_path / "site")
    assert not (tmp_path / "site").exists()


def binder_facts(text: str, start: str) -> tuple[set[str], set[str], dict[str, float]]:
    """From the paragraph opening with ``start``: the lessons it says fit (ranges such as
    ``00–04`` before "fit"), those it says exceed 2 GB, and every "NN (X GB)" it quotes."""
    paragraph = text[text.index(start):].split("\n\n")[0].replace("\n", " ")
    fit_part, exceed_part = paragraph.split(" fit ", 1)
    fit = {f"{n:02d}" for a, b in re.findall(r"(\d\d)–(\d\d)", fit_part)
           for n in range(int(a), int(b) + 1)}
    sentence = exceed_part[:exceed_part.index(" exceed")].rsplit(". ", 1)[-1]
    exceed = set(re.findall(r"(\d\d) \([\d.]+ GB\)", sentence))
    quoted = {n: float(gb) for n, gb in re.findall(r"(\d\d) \(([\d.]+) GB\)", paragraph)}
    return fit, exceed, quoted


def test_the_binder_lines_follow_the_measured_peak_memory():
    """mybinder.org's 2 GB against the instructor guide's measured peaks (tools/time_lessons.py):
    the README and the guide name the lessons that fit and those that do not, and quote the
    measured numbers. Remeasure or split a lesson and this says which line to update."""
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d\d) [^|]+(?:\|[^|]*){4}\| ([^|]+) \|$", guide, re.MULTILINE)
    peaks = {n: float(m.group(1)) for n, cell in rows
             if (m := re.fullmatch(r"([\d.]+) GB", cell.strip()))}
    # a lesson split off recently may not be measured yet: it must say so, and then neither
    # paragraph may count it among the lessons that fit or those that do not
    unmeasured = {n for n, cell in rows if cell.strip().startswith("not measured yet")}
    assert len(rows) >= 10 and len(peaks) + len(unmeasured) == len(rows), (
        "the guide's time table lost its peak memory column")
    under = {n for n, gb in peaks.items() if gb <= 2.0}
    for name, text, start in [("README.md", (ROOT / "README.md").read_text(encoding="utf-8"),
                               "**Binder's memory.**"),
                              ("docs/instructor-guide.md", guide, "**On Binder**")]:
        fit, exceed, quoted = binder_facts(text, start)
        assert fit == under, f"{name}: the lessons under 2 GB are {sorted(under)}"
        assert exceed == set(peaks) - under, (
            f"{name}: the lessons over 2 GB are {sorted(set(peaks) - under)}")
        assert quoted and all(peaks[n] == gb for n, gb in quoted.items()), (
            f"{name}: quotes {quoted}; the guide's table measured {peaks}")
        if unmeasured:
            assert "not measured yet" in text[text.index(start):].split("\n\n")[0], (
                f"{name}: lessons {sorted(unmeasured)} have no full-mode peak yet: say so")
