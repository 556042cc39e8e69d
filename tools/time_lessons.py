"""Benchmark: wall-clock minutes (and peak memory) to run each lesson top to bottom.

    .venv/bin/python tools/time_lessons.py [00_welcome ...] [--modes fast,full]

Prints one Markdown row per lesson for the README's lesson table. Executes copies
in a temporary folder, so the committed notebooks stay clean. Peak memory is the largest
resident size of any process of the run (in practice the kernel).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Runs nbconvert as its own child, so the peak resident size it reports is this run's alone.
_WRAPPER = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_once(notebook: Path, fast: bool, out_dir: Path) -> tuple[float, float]:
    """Seconds and peak GB of one top-to-bottom run."""
    env = dict(os.environ, LSTM_LAB_FAST="1" if fast else "0")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "jupyter", "nbconvert",
         "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=7200",
         "--output-dir", str(out_dir), str(notebook)],
        check=True, env=env, cwd=notebook.parent, capture_output=True, text=True,
    )
    return time.perf_counter() - start, int(done.stdout.split()[-1]) / 1024**2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="basenames; default: every notebook")
    parser.add_argument("--modes", default="fast,full")
    parser.add_argument("--keep", type=Path, help="also keep the executed notebooks here "
                        "(e.g. to read a full-mode run's tables)")
    args = parser.parse_args()
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    unknown = sorted(set(args.lessons) - {n.stem for n in notebooks})
    if unknown:
        parser.error(f"no lesson {', '.join(unknown)}; the lessons are: "
                     f"{', '.join(n.stem for n in notebooks)}")
    if args.lessons:
        notebooks = [n for n in notebooks if n.stem in args.lessons]
    modes = [m for m in args.modes.split(",") if m]
    if not modes or set(modes) - {"fast", "full"}:
        parser.error(f"--modes {args.modes!r}: give fast, full or fast,full")
    if args.keep is not None and args.keep.exists() and not args.keep.is_dir():
        parser.error(f"--keep {args.keep} is a file; give a folder")
    print(f"| lesson | {' | '.join(f'{m} (min) | {m} peak (GB)' for m in modes)} |")
    print(f"|---|{'---|---|' * len(modes)}")
    with tempfile.TemporaryDirectory() as tmp:
        for notebook in notebooks:
            runs = []
            for mode in modes:
                out = Path(tmp) if args.keep is None else args.keep / mode
                out.mkdir(parents=True, exist_ok=True)
                runs.append(run_once(notebook, mode == "fast", out))
            cells = " | ".join(f"{seconds / 60:.2f} | {peak:.2f}" for seconds, peak in runs)
            print(f"| {notebook.stem} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
