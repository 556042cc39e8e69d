"""A learner's view: JupyterLab in headless Chromium, the gate explorer run and a slider moved.

nbval proves the notebooks execute; this proves a slider renders and drives its figure.
Skipped, with the reason, where no browser can run (CI installs Chromium in .ci/run).
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
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "browser"
LESSON = "02_lstm_cell.ipynb"
TOKEN = "lstm-lab-browser-test"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Failed to load model class")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _need_browser() -> None:
    if CHROMIUM is None:
        pytest.skip("no Chromium found: install Debian's `chromium` package to run the "
                    "real-browser tests (.ci/run does this)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                        "(pip install -e '.[dev]')")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab from this environment on 127.0.0.1, serving a copy of the lesson."""
    _need_browser()
    root = tmp_path_factory.mktemp("lab")
    shutil.copy(ROOT / "notebooks" / LESSON, root / LESSON)  # outputs never reach the repo
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    port = _free_port()
    env = dict(os.environ, LSTM_LAB_FAST="1", JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"))
    log = open(root / "lab.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}",
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail(f"JupyterLab did not start:\n{(root / 'lab.log').read_text()[-3000:]}")
            time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""


def test_gate_explorer_slider_moves_its_figure(lab):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            page.goto(f"{lab}/lab/tree/{LESSON}?token={TOKEN}")
            page.wait_for_function(KERNEL_IDLE, timeout=120_000)
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            slider = page.locator(".widget-hslider", has_text="z_f (forget f)").first
            slider.wait_for(timeout=120_000)
            page.wait_for_function(KERNEL_IDLE, timeout=120_000)
            explorer = page.locator(".widget-vbox", has=slider).last
            plot = explorer.locator(".js-plotly-plot").first
            plot.wait_for(timeout=60_000)
            slider.scroll_into_view_if_needed()
            before = plot.evaluate("gd => JSON.stringify(gd.data.map(t => t.y))")
            title_before = plot.locator(".gtitle").text_content()

            handle = slider.locator(".noUi-handle")
            box = handle.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            page.mouse.move(x, y)
            page.mouse.down()
            page.mouse.move(x + 150, y, steps=15)
            page.mouse.up()
            page.wait_for_function(
                "([gd, old]) => JSON.stringify(gd.data.map(t => t.y)) !== old",
                arg=[plot.element_handle(), before], timeout=15_000,
            )
            after = json.loads(plot.evaluate("gd => JSON.stringify(gd.data.map(t => t.y))"))
            title_after = plot.locator(".gtitle").text_content()
            explorer.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "gate_explorer_slider_moved.png"))
            text = page.locator("#main").inner_text()
        finally:
            browser.close()
    forget_gate = after[0][0]
    assert forget_gate > 0.5, "dragging z_f to the right must open the forget gate"
    assert title_after != title_before, "the headline must follow the slider"
    for error in WIDGET_ERRORS:
        assert error not in text, f"the page shows {error!r}"



def test_exported_site_opens_and_draws_its_figures(tmp_path):
    """`make site`'s output, read as a learner without a kernel would: index, link, figures."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    from lstm_helpers.course.export import export_site

    export_site(tmp_path, ["00_welcome"], fast=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        try:
            page.goto((tmp_path / "index.html").as_uri())
            page.click("text=Welcome")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            drawn = page.locator(".js-plotly-plot").count()
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "static_site_welcome.png"))
            url = page.url
        finally:
            browser.close()
    assert url.endswith("00_welcome.html")
    assert drawn >= 1
