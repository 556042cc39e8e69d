"""Benchmark: wall-clock minutes to run each lesson top to bottom, fast and full mode.

    .venv/bin/python tools/time_lessons.py [00_welcome ...] [--modes fast,full]

Prints one Markdown row per lesson for the README's lesson table. Executes copies
in a temporary folder, so the committed notebooks stay clean.
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


def run_once(notebook: Path, fast: bool, out_dir: Path) -> float:
    env = dict(os.environ, LSTM_LAB_FAST="1" if fast else "0")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=1800", "--output-dir", str(out_dir), str(notebook)],
        check=True, env=env, cwd=notebook.parent, capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="basenames; default: every notebook")
    parser.add_argument("--modes", default="fast,full")
    args = parser.parse_args()
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.lessons:
        notebooks = [n for n in notebooks if n.stem in args.lessons]
    modes = args.modes.split(",")
    print(f"| lesson | {' | '.join(f'{m} (min)' for m in modes)} |")
    print(f"|---|{'---|' * len(modes)}")
    with tempfile.TemporaryDirectory() as tmp:
        for notebook in notebooks:
            minutes = [run_once(notebook, m == "fast", Path(tmp)) / 60 for m in modes]
            print(f"| {notebook.stem} | {' | '.join(f'{m:.2f}' for m in minutes)} |", flush=True)


if __name__ == "__main__":
    main()
