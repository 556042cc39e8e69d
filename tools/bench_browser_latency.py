"""Benchmark: a slider move in the browser → the figure redrawn, as a learner sees it.

    .venv/bin/python tools/bench_browser_latency.py [--moves 40]

``tools/bench_gate_explorer.py`` times the kernel's side of a move; this times the whole
round trip in a real page: JupyterLab serving the student edition in headless Chromium
(Debian's package), the lesson run through its explorer in fast mode, then a key press on a
slider's handle (the browser sends the new value to the kernel, the kernel recomputes and
restyles the FigureWidget, the browser redraws) until the figure's data has changed.

- lesson 02: the gate explorer's "z_f (forget f)" slider → the bar chart's values;
- lesson 03: the recall explorer's "token" slider → the cell diagram's title.

Prints median and 95th percentile per lesson. Target: median ≤ 150 ms on an idle 2-core
machine. The page is polled every animation frame (about 16 ms), so times are rounded up
to a frame.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench_common import positive_int  # a sibling script: tools/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' browser helpers: one way to drive a page
sys.path.insert(0, str(ROOT))

from browser_lab import CHROMIUM, CHROMIUM_FLAGS, LessonPage, student_lab_server  # noqa: E402

# lesson, cell to run through, slider, figure title, what changes on the figure, key
CASES = [
    ("02_lstm_cell", "gate_explorer(simple=True)", "z_f (forget f)",
     "keeps 50% of the old memory", "gd.data[0].y", ("ArrowRight", "ArrowLeft")),
    ("03_gate_animations", "recall_sequence_explorer", "token", "unit",
     "gd.layout.title.text", ("ArrowRight", "ArrowLeft")),
]


def start_server(command, url, log, env=None, cwd=None, timeout_s=90):
    """Start a server, wait until ``url`` answers (the tests' fixture does the same)."""
    out = open(log, "w")
    server = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    servers.append(server)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"the server did not start; see {log}")
            time.sleep(0.3)


servers: list[subprocess.Popen] = []


def measure(lesson: LessonPage, slider: str, title: str, expression: str, keys,
            moves: int) -> list[float]:
    plot = lesson.plot_with_title(title, last=True)
    control = lesson.slider(slider)
    control.scroll_into_view_if_needed()
    handle = control.locator(".noUi-handle").first
    handle.focus()
    times = []
    for move in range(moves):
        before = lesson.figure_state(plot, expression)
        started = time.perf_counter()
        handle.press(keys[(move // 4) % 2])  # four steps one way, four back
        lesson.page.wait_for_function(
            "([gd, expr, old]) => JSON.stringify(eval(expr)) !== old",
            arg=[plot.element_handle(), expression, json.dumps(before)],
            polling="raf", timeout=30_000)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=positive_int, default=40, help="moves per lesson")
    args = parser.parse_args(argv)
    if CHROMIUM is None:
        parser.error("no Chromium: install Debian's `chromium` package")
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("LSTM_LAB_IMDB", str(ROOT.parent / "shared" / "data"
                                               / "aclImdb_labelled.tar.gz"))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        lab = student_lab_server(Path(folder), start_server)
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            for name, through, slider, title, expression, keys in CASES:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                lesson = LessonPage(page, lab, name, Path(folder))
                lesson.run(through=through)
                times = sorted(measure(lesson, slider, title, expression, keys, args.moves))
                print(f"{name}: {slider!r} → figure, {len(times)} moves in the browser: median "
                      f"{statistics.median(times):.0f} ms, 95th percentile "
                      f"{times[int(0.95 * (len(times) - 1))]:.0f} ms", flush=True)
                lesson.shut_down()
                page.close()
        finally:
            browser.close()
            for server in servers:
                server.terminate()
                server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
