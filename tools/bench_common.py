"""What the benchmark scripts share: one process per (model, seed), and Markdown rows.

Each script defines ``measure(name, seed, fast) -> dict`` and calls ``run``; the script
re-runs itself with ``--one NAME`` for every model and seed, so a row's peak memory is that
run's alone. Every finished row is also appended to a journal in ``artifacts/`` so that an
interrupted hour-long run resumes where it stopped (``--fresh`` starts over).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = {"train s": "{:.0f}", "s / epoch": "{:.1f}", "val acc": "{:.2%}", "test acc": "{:.2%}",
           "ROC AUC": "{:.4f}", "peak memory": "{:.2f} GB", "parameters": "{:,}"}


def markdown_row(row: dict, columns: tuple[str, ...]) -> str:
    """One Markdown table row; a missing or None value shows as '–'."""
    cells = [("–" if row.get(c) is None else FORMATS.get(c, "{}").format(row[c]))
             for c in columns]
    return "| " + " | ".join(cells) + " |"


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (a bad one gets the usage line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def seed_list(text: str) -> list[int]:
    """An argparse type: comma-separated whole-number seeds such as '42,43,44'."""
    try:
        seeds = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated whole numbers such as "
                                         f"'42,43', got {text!r}") from None
    if not seeds:
        raise argparse.ArgumentTypeError("expected at least one seed, e.g. '42'")
    return seeds


def run(script: str, doc: str, models: tuple[str, ...], columns: tuple[str, ...],
        measure: Callable[[str, int, bool], dict], default_seeds: str) -> list[dict]:
    """Parse the command line; print a header and one row per (seed, model); return the rows.

    With ``--one NAME`` (internal), measure that model in this process and print its row as
    JSON for the parent instead.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--models", default=",".join(models), help=", ".join(models))
    parser.add_argument("--seeds", default=seed_list(default_seeds), type=seed_list,
                        help="comma-separated seeds")
    parser.add_argument("--fast", action="store_true", help="small subsets: a smoke run")
    parser.add_argument("--fresh", action="store_true",
                        help="ignore rows kept from an interrupted run and measure all again")
    parser.add_argument("--note", default="",
                        help="a sentence saved with the results, e.g. what else ran meanwhile")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        if args.one not in models or len(args.seeds) != 1:
            parser.error(f"--one takes one of {', '.join(models)} and --seeds one seed")
        print("ROW " + json.dumps(measure(args.one, args.seeds[0], args.fast)), flush=True)
        return []
    names = [n for n in args.models.split(",") if n]
    unknown = sorted(set(names) - set(models))
    if unknown:
        parser.error(f"unknown models {unknown}; choose from {', '.join(models)}")
    if not names:
        parser.error(f"--models names no model; choose from {', '.join(models)}")
    print(f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, {'fast' if args.fast else 'full'} data\n")
    print("| " + " | ".join(columns) + " |\n|" + "---|" * len(columns), flush=True)
    journal = journal_path(script, args.fast)
    kept = {} if args.fresh else read_journal(journal)
    if args.fresh:
        journal.unlink(missing_ok=True)
    rows = []
    for seed in args.seeds:
        for name in names:
            if (name, seed) in kept:
                rows.append(kept[(name, seed)])
                print(markdown_row(rows[-1], columns) + " (kept from an earlier run)",
                      flush=True)
                continue
            cmd = [sys.executable, script, "--one", name, "--seeds", str(seed)]
            done = subprocess.run(cmd + (["--fast"] if args.fast else []), capture_output=True,
                                  text=True, cwd=ROOT)
            lines = [ln for ln in done.stdout.splitlines() if ln.startswith("ROW ")]
            if done.returncode or not lines:
                print(f"| {name} | {seed} | failed: {done.stderr.strip().splitlines()[-1:]} |")
                continue
            rows.append(json.loads(lines[-1][4:]))
            append_journal(journal, name, seed, rows[-1])
            print(markdown_row(rows[-1], columns), flush=True)
    return rows


def _note() -> str:
    """The ``--note`` of this command line: said beside the results wherever they are shown."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--note" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--note="):
            return arg.split("=", 1)[1]
    return ""


def _without_note(args: list[str]) -> list[str]:
    kept, skip = [], False
    for arg in args:
        if skip or arg.startswith("--note="):
            skip = False
            continue
        if arg == "--note":
            skip = True
            continue
        kept.append(arg)
    return kept


def journal_path(script: str, fast: bool) -> Path:
    """Where a script's finished rows wait until its run completes."""
    folder = Path(os.environ.get("LSTM_LAB_ARTIFACTS", ROOT / "artifacts"))
    return folder / f"{Path(script).stem}{'-fast' if fast else ''}-rows.jsonl"


def read_journal(path: Path) -> dict[tuple[str, int], dict]:
    """Rows an interrupted run finished, by (model, seed); a torn last line is ignored."""
    kept = {}
    if path.exists():
        for line in path.read_text().splitlines():
            try:
                entry = json.loads(line)
                kept[(entry["model"], int(entry["seed"]))] = entry["row"]
            except (ValueError, KeyError, TypeError):
                continue
    return kept


def append_journal(path: Path, name: str, seed: int, row: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as journal:
        journal.write(json.dumps({"model": name, "seed": seed, "row": row}, default=float)
                      + "\n")


def write_results(path: Path, rows: list[dict], columns: tuple[str, ...], script: str,
                  extra: dict | None = None) -> Path:
    """Save the rows as JSON with where they came from (command, date, machine), for a lesson
    to show; ``benchmark_results.load`` reads it back."""
    import time

    import keras

    record = {
        "script": script,
        "command": " ".join([f".venv/bin/python {script}", *_without_note(sys.argv[1:])]),
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
                   f"{platform.processor() or 'CPU'}, Python {platform.python_version()}, "
                   f"Keras {keras.version()}, no GPU",
        "columns": list(columns),
        "rows": [{c: row[c] for c in columns if c in row} for row in rows],  # what it declares
        **({"note": note} if (note := _note()) else {}),
        **(extra or {}),
    }
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config

    config.make_folder(path.parent)
    config.atomic_write_text(path, json.dumps(record, indent=1, default=float) + "\n")
    return path
