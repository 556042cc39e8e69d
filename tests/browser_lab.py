"""A learner's JupyterLab in headless Chromium, for the real-browser tests.

One JupyterLab server (127.0.0.1, fixed token) serves the *student edition* of the course,
built into a temporary folder as ``make student`` builds it, so the browser tests also prove
that edition runs. Each test opens a lesson, runs all its cells in fast mode, and drives its
widgets the way a learner does. Nothing here downloads a browser: Debian's Chromium is
driven by Playwright.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "browser"
TOKEN = "lstm-lab-browser-test"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Failed to load model class")

NOTEBOOK_STATE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext) return null;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const code = w.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  for (const c of code) {
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
    }
  }
  return {path: w.context.path, kernel: k ? k.status : 'none', total: code.length,
          done: code.filter(c => c.model.executionCount !== null).length, errors};
}"""


def need_browser() -> None:
    if CHROMIUM is None:
        pytest.skip("no Chromium found: install Debian's `chromium` package to run the "
                    "real-browser tests (.ci/run does this)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                        "(pip install -e '.[dev]')")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab: its URL and the folder it serves."""

    url: str
    root: Path

    def notebook_url(self, name: str) -> str:
        # ?reset: a fresh workspace, so the lesson opened before is not restored beside it
        return f"{self.url}/lab/tree/notebooks/{name}.ipynb?reset&token={TOKEN}"


def start_lab(root: Path, env: dict[str, str]) -> tuple[subprocess.Popen, Lab]:
    """JupyterLab from this environment on 127.0.0.1, serving ``root``; news pop-ups off."""
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port = free_port()
    env = {**env, "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings")}
    log = open(root / "lab.log", "w")  # noqa: SIM115 (closed with the server)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}",
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    server.log_file = log
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            return server, Lab(url, root)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail(f"JupyterLab did not start:\n{(root / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)


def stop_lab(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
    server.log_file.close()


def lab_env() -> dict[str, str]:
    """The kernels' environment: fast mode, the tests' data, no run log (the browser runs the
    student edition, whose exercises are unanswered on purpose)."""
    env = dict(os.environ, LSTM_LAB_FAST="1")
    env.pop("LSTM_LAB_RUN_LOG", None)
    return env


class LessonPage:
    """One lesson open in the browser, with the moves a learner makes."""

    def __init__(self, page, lab: Lab, name: str):
        self.page, self.lab, self.name = page, lab, name

    def open_and_run(self, timeout_s: float = 240) -> None:
        """Open the notebook, wait for its kernel, run every cell, wait until all ran."""
        self.open()
        self.start_run()
        self.wait_run(timeout_s)

    def open(self) -> None:
        """Open the notebook and wait until its tab is in front with its kernel ready."""
        self.page.goto(self.lab.notebook_url(self.name))
        self.page.wait_for_function(
            "(name) => { const s = (" + NOTEBOOK_STATE + ")(); "
            "return s && s.kernel === 'idle' && s.path.endsWith(name + '.ipynb'); }",
            arg=self.name, timeout=120_000)

    def start_run(self) -> None:
        """Run all cells (Run ▸ Run All Cells), without waiting."""
        self.page.evaluate(
            "() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.deadline_from = time.monotonic()

    def wait_run(self, timeout_s: float = 240) -> None:
        """Wait until every cell ran and the kernel is idle; fail on a cell's error."""
        deadline = getattr(self, "deadline_from", time.monotonic()) + timeout_s
        while True:
            state = self.page.evaluate(NOTEBOOK_STATE)
            if state["errors"]:
                pytest.fail(f"{self.name}: a cell failed in the browser: {state['errors']}")
            if state["done"] == state["total"] and state["kernel"] == "idle":
                break
            if time.monotonic() > deadline:
                self.screenshot("stalled")
                pytest.fail(f"{self.name}: only {state['done']} of {state['total']} cells ran "
                            f"in {timeout_s:.0f} s (kernel {state['kernel']})")
            time.sleep(1)
        self.page.wait_for_timeout(1500)  # let the last widgets render

    def widget_errors(self) -> list[str]:
        text = self.page.locator("#main").inner_text()
        return [e for e in WIDGET_ERRORS if e in text]

    def plot_with_title(self, fragment: str, last: bool = False):
        """The plotly figure (a ``.js-plotly-plot`` element) whose title, or one of whose
        subplot titles, contains ``fragment``; figures inside widgets included. The first
        such figure on the page, or with ``last`` the last one."""
        index = self.page.evaluate(
            """([fragment, last]) => {
                const plots = [...document.querySelectorAll('.js-plotly-plot')];
                const titles = gd => gd.layout ? [gd.layout.title && gd.layout.title.text,
                    ...(gd.layout.annotations || []).map(a => a.text)] : [];  // subplot titles
                const match = gd => titles(gd).some(t => String(t || '').includes(fragment));
                return last ? plots.findLastIndex(match) : plots.findIndex(match);
            }""", [fragment, last])
        assert index >= 0, f"{self.name}: no figure titled like {fragment!r}"
        return self.page.locator(".js-plotly-plot").nth(index)

    @staticmethod
    def figure_state(plot, expression: str):
        """Evaluate ``expression`` on the plot's element ``gd`` (JSON round trip)."""
        return json.loads(plot.evaluate(f"gd => JSON.stringify({expression})"))

    def slider(self, description: str):
        return self.page.locator(".widget-hslider, .widget-hprogress", has_text=description).first

    def drag(self, slider, dx: float) -> None:
        """Drag a slider's handle ``dx`` pixels, as a hand on a mouse would."""
        slider.scroll_into_view_if_needed()
        handle = slider.locator(".noUi-handle").first
        box = handle.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        self.page.mouse.move(x, y)
        self.page.mouse.down()
        self.page.mouse.move(x + dx, y, steps=12)
        self.page.mouse.up()

    def press_keys(self, slider, key: str, times: int) -> None:
        """Focus a slider's handle and press ``key`` (ArrowRight, PageUp…) ``times`` times."""
        handle = slider.locator(".noUi-handle").first
        handle.focus()
        for _ in range(times):
            handle.press(key)

    def wait_changed(self, plot, expression: str, before, timeout_ms: int = 15_000) -> None:
        """Wait until ``expression`` on the plot differs from ``before``."""
        self.page.wait_for_function(
            "([gd, expr, old]) => JSON.stringify(eval(expr)) !== old",
            arg=[plot.element_handle(), expression, json.dumps(before)], timeout=timeout_ms)

    def screenshot(self, name: str, element=None) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{self.name}-{name}.png"
        if element is not None:
            element.scroll_into_view_if_needed()
        self.page.screenshot(path=str(path))
        return path
