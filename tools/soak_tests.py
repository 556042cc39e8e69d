"""Run the browser and class-server tests N times in a row, optionally beside a CPU hog, and
print pass/fail counts and the slowest run: a test is trusted once it passes five times in a
row on a busy machine (CONVENTIONS.md).

    .venv/bin/python tools/soak_tests.py --runs 5 --hog
    make soak SOAK_ARGS="--runs 5 --hog"

Each run is a fresh ``pytest -m "browser or hub"`` as ``make test`` starts it (fast mode, two
xdist workers). The hog is one process that keeps a core busy for the whole soak. Screenshots
of the last run go to artifacts/browser/ (or --artifacts).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench_common import positive_int  # a sibling script: tools/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
HOG = "while True: pass\n"
SUMMARY = re.compile(r"(\d+) (passed|failed|error|errors|skipped)")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=positive_int, default=5, help="runs in a row (default 5)")
    parser.add_argument("--hog", action="store_true", help="keep one core busy meanwhile")
    parser.add_argument("--marker", default="browser or hub",
                        help='which tests (a pytest -m expression; default "browser or hub")')
    parser.add_argument("--workers", type=positive_int, default=2, help="xdist workers (default 2)")
    parser.add_argument("--artifacts", type=Path, default=ROOT / "artifacts" / "browser",
                        help="where the screenshots go")
    return parser.parse_args(argv)


def counts(output: str) -> dict[str, int]:
    """pytest's closing line as numbers: {"passed": 9, "failed": 0, ...}."""
    found = {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
    lines = [ln for ln in output.splitlines() if " in " in ln and SUMMARY.search(ln)]
    for number, kind in SUMMARY.findall(lines[-1] if lines else ""):
        found["error" if kind.startswith("error") else kind] += int(number)
    return found


def one_run(args: argparse.Namespace, index: int) -> tuple[dict[str, int], float, list[str]]:
    env = dict(os.environ, LSTM_LAB_FAST="1", LSTM_LAB_TEST_ARTIFACTS=str(args.artifacts))
    command = [sys.executable, "-m", "pytest", "tests", "-m", args.marker, "-q", "-rfE",
               "-p", "no:randomly", "--durations=0"]
    if args.workers > 1:
        command += ["-n", str(args.workers), "--dist", "loadgroup"]
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - started
    output = done.stdout + done.stderr
    log = ROOT / "artifacts" / f"soak-run-{index}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(output)
    failures = [ln for ln in output.splitlines() if ln.startswith(("FAILED", "ERROR"))]
    found = counts(output)
    if done.returncode not in (0, 1) and not failures:
        failures = [f"pytest exited {done.returncode}: see {log}"]
    if (found["failed"] or found["error"]) and not failures:
        failures = [f"{found['failed']} failed, {found['error']} errors: see {log}"]
    if found["passed"] == 0 and not failures:
        failures = [f"no test passed: see {log}"]
    return found, seconds, failures


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.artifacts.mkdir(parents=True, exist_ok=True)
    hog = subprocess.Popen([sys.executable, "-c", HOG]) if args.hog else None
    results = []
    try:
        for index in range(1, args.runs + 1):
            found, seconds, failures = one_run(args, index)
            results.append((found, seconds, failures))
            verdict = "ok" if not failures else "FAILED"
            print(f"run {index}/{args.runs}: {verdict} · {found['passed']} passed, "
                  f"{found['failed']} failed, {found['error']} errors, "
                  f"{found['skipped']} skipped · {seconds:.0f} s", flush=True)
            for line in failures:
                print(f"    {line}", flush=True)
    finally:
        if hog is not None:
            hog.kill()
            hog.wait()
    bad = sum(1 for _, _, failures in results if failures)
    slowest = max(results, key=lambda r: r[1])[1]
    print(f"\n{args.runs - bad} of {args.runs} runs passed{' beside a CPU hog' if args.hog else ''}"
          f"; tests passed {sum(r[0]['passed'] for r in results)}, failed "
          f"{sum(r[0]['failed'] + r[0]['error'] for r in results)}, skipped "
          f"{sum(r[0]['skipped'] for r in results)}; slowest run {slowest:.0f} s, median "
          f"{sorted(r[1] for r in results)[len(results) // 2]:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
