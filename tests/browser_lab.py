"""A learner's JupyterLab in headless Chromium: what the browser and class-server fixtures in
conftest.py build on (tests ask for those fixtures; none imports this module).

The JupyterLab serves the *student edition*, built as ``make student`` builds it. A test opens
a lesson, runs it *through the cell of the widget it drives* (what a learner has done when
they reach that widget; nbval runs every cell of every lesson anyway), and drives the widget
the way a learner does. Every wait is on a condition in the page; every element is found by
a stable name: a figure's title or a trace's name/meta, a widget's description.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

TOKEN = "lstm-lab-browser-test"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Failed to load model class")

# The open notebook's state: its path, kernel status, and for the code cells up to `upto`
# (all when null) how many ran and which errors they show.
NOTEBOOK_STATE = """(upto) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext) return null;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const cells = w.content.widgets.slice(0, upto === null ? undefined : upto + 1);
  const code = cells.filter(c => c.model.type === 'code');
  const errors = [];
  for (const c of code) {
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
    }
  }
  return {path: w.context.path, kernel: k ? k.status : 'none', total: code.length,
          done: code.filter(c => c.model.executionCount !== null).length, errors,
          busy: !!w.content.widgets.find(c => c.model.type === 'code' &&
                c.node.classList.contains('jp-mod-running'))};
}"""


def need_browser() -> None:
    if CHROMIUM is None:
        pytest.skip("no Chromium found: install Debian's `chromium` package to run the "
                    "real-browser tests (.ci/run does this)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed "
                        "(pip install -e '.[dev]')")


def free_port() -> int:
    import socket

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


def student_lab_server(root: Path, start_server) -> Lab:
    """The student edition in ``root``, served by JupyterLab on 127.0.0.1 with a fixed
    token, news pop-ups off, kernels in fast mode without the run log (the student edition's
    exercises are unanswered on purpose)."""
    import os

    from lstm_helpers.course.editions import write_edition

    write_edition(root, "student")
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    env = dict(os.environ, LSTM_LAB_FAST="1", JUPYTERLAB_SETTINGS_DIR=str(root / ".settings"))
    env.pop("LSTM_LAB_RUN_LOG", None)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    start_server(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}",
         f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True"],
        f"{url}/api/status?token={TOKEN}", root / "lab.log", env=env)
    return Lab(url, root)


KERNEL_REPORT = """
import warnings as _warnings
import ipywidgets as _w, plotly.graph_objects as _go
with _warnings.catch_warnings():
    _warnings.simplefilter('ignore')
    _all = list(_w.Widget.widgets.values())
for _x in _all:
    if isinstance(_x, _w.FloatSlider):
        print('slider', _x.model_id[:6], repr(_x.description), _x.value)
    elif isinstance(_x, _go.FigureWidget):
        _t = _x.layout.title.text or ''
        _gates = [(t.meta['gate'], t.line.width) for t in _x.data
                  if isinstance(t.meta, dict) and 'gate' in t.meta]
        print('figure', _x.model_id[:6], repr(_t[:50]), _gates or (
            list(_x.data[0].y[:2]) if _x.data and _x.data[0].y is not None else None))
"""

# Counts how often plotly's widget view (re)draws each figure element ("plotlywidget-after-
# render" is plotly's own event), so a failure report can say whether a figure was redrawn
# from scratch after the moves it missed.
COUNT_RENDERS = """
document.addEventListener('plotlywidget-after-render', e => {
  const el = e.detail && e.detail.element;
  if (el) el.dataset.renders = String((+el.dataset.renders || 0) + 1);
});
"""

# Records the widget messages that carry plotly's edits (kernel -> page) and every widget
# message the page sends, so a report can say whether an edit the kernel made ever arrived.
LOG_WIDGET_MESSAGES = """() => {
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  if (window.__widgetLog && window.__widgetLog.kernel === kernel.id) return;
  window.__widgetLog = {kernel: kernel.id, entries: []};
  const t0 = performance.now();
  kernel.anyMessage.connect((_, args) => {
    const msg = args.msg;
    if (msg.header.msg_type !== 'comm_msg') return;
    const data = msg.content.data || {};
    const keys = Object.keys(data.state || {});
    if (args.direction === 'recv' && !keys.some(k => k.startsWith('_py2js'))) return;
    window.__widgetLog.entries.push([Math.round(performance.now() - t0), args.direction,
        msg.content.comm_id.slice(0, 6), data.method,
        keys.map(k => k + (data.state[k] === null ? '=null' : ''))].join(' '));
  });
}"""

# What the page shows of one figure: how often it was drawn, whether it is still on the page,
# how many figures share its title, and its gate wires (or first trace) as drawn.
PAGE_REPORT = """gd => {
  const title = gd.layout && gd.layout.title && gd.layout.title.text;
  const same = [...document.querySelectorAll('.js-plotly-plot')].filter(
      g => g.layout && g.layout.title && g.layout.title.text === title).length;
  const gates = (gd.data || []).filter(t => t.meta && t.meta.gate).map(
      t => [t.meta.gate, t.line && t.line.width]);
  return {renders: gd.dataset.renders || '0', connected: gd.isConnected,
          figures_with_this_title: same,
          shown: gates.length ? gates : (gd.data && gd.data[0] && gd.data[0].y &&
                                         Array.from(gd.data[0].y).slice(0, 2))};
}"""


class LessonPage:
    """One lesson open in the browser, with the moves a learner makes."""

    found = 0  # figures named so far (each gets its own data-test-figure name)

    def __init__(self, page, lab, name: str, artifacts: Path):
        self.page, self.lab, self.name, self.artifacts = page, lab, name, artifacts
        self.upto: int | None = None
        self.console_errors: list[str] = []
        page.add_init_script(COUNT_RENDERS)
        # A diagnosis switch: anywidget gives a widget model 2 s to initialise and then drops
        # every later update to it (lstm_helpers/ui/shared_bundle.py). With this set the page
        # allows 120 s, so a failure that vanishes with it was that deadline.
        if os.environ.get("LSTM_LAB_DIAG_LONG_INIT"):
            page.add_init_script("""{ const t = AbortSignal.timeout.bind(AbortSignal);
                AbortSignal.timeout = ms => t(ms === 2000 ? 120000 : ms); }""")
        page.on("console", lambda msg: (msg.type == "error" or "anywidget" in msg.text) and
                self.console_errors.append(f"{msg.type}: {msg.text[:300]}"))
        page.on("pageerror", lambda error: self.console_errors.append(
            f"page error: {str(error)[:300]}"))

    # --- running the lesson ---------------------------------------------------------------

    def open(self) -> None:
        """Open the notebook and wait until its tab is in front with its kernel ready."""
        self.page.goto(self.lab.notebook_url(self.name))
        self.page.wait_for_function(
            "([name, state]) => { const s = eval(state)(null); "
            "return s && s.kernel === 'idle' && s.path.endsWith(name + '.ipynb'); }",
            arg=[self.name, NOTEBOOK_STATE], timeout=120_000)
        self.page.evaluate(LOG_WIDGET_MESSAGES)

    def start_run(self, through: str | None = None) -> None:
        """Run every cell (Run ▸ Run All Cells), or with ``through`` every cell up to and
        including the first cell whose source contains that text; does not wait."""
        if through is None:
            self.upto = None
            self.page.evaluate(
                "() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            return
        self.upto = self.page.evaluate(
            """(text) => {
                const nb = window.jupyterapp.shell.currentWidget.content;
                const i = nb.widgets.findIndex(c => c.model.type === 'code' &&
                                               c.model.sharedModel.getSource().includes(text));
                if (i < 0) return -1;
                nb.activeCellIndex = i;
                return i;
            }""", through)
        assert self.upto >= 0, f"{self.name}: no code cell contains {through!r}"
        self.page.evaluate(
            """async () => {
                const commands = window.jupyterapp.commands;
                await commands.execute('notebook:run-all-above');
                await commands.execute('notebook:run-cell');
            }""")

    def wait_run(self, timeout_s: float = 240) -> None:
        """Wait until every cell asked for ran and the kernel is idle; fail on a cell's
        error (with its name) or on a timeout (with a screenshot and the count)."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.page.evaluate(NOTEBOOK_STATE, self.upto)
            if state["errors"]:
                pytest.fail(f"{self.name}: a cell failed in the browser: {state['errors']}")
            if (state["done"] == state["total"] and state["kernel"] == "idle"
                    and not state["busy"]):
                return
            if time.monotonic() > deadline:
                self.screenshot("stalled")
                pytest.fail(f"{self.name}: only {state['done']} of {state['total']} cells ran "
                            f"in {timeout_s:.0f} s (kernel {state['kernel']})")
            self.page.wait_for_timeout(250)  # poll the condition above

    def run(self, through: str | None = None, timeout_s: float = 240) -> None:
        """Open, run (through a cell) and wait; no widget may show an error."""
        self.open()
        self.start_run(through)
        self.wait_run(timeout_s)
        assert not self.widget_errors(), f"{self.name}: {self.widget_errors()}"

    def shut_down(self) -> None:
        """Shut the lesson's kernel down, as File ▸ Close and Shut Down Notebook does, so
        the next lesson does not run beside an idle kernel holding its memory."""
        try:
            self.page.evaluate("""async () => {
                const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
                if (w && w.sessionContext) await w.sessionContext.shutdown();
            }""")
        except Exception:
            pass

    def widget_errors(self) -> list[str]:
        text = self.page.locator("#main").inner_text()
        return [e for e in WIDGET_ERRORS if e in text]

    # --- finding what the learner sees ----------------------------------------------------

    def plot_with_title(self, fragment: str, last: bool = False, timeout_ms: int = 30_000):
        """The plotly figure (a ``.js-plotly-plot``) whose title, or a subplot title, contains
        ``fragment`` (figures inside widgets included), once it is drawn with data: the
        first such figure on the page, or with ``last`` the last one. Waits for it.

        The element found is tagged with a name of its own (``data-test-figure``) and the
        locator returned points at that name, never at a position among the page's figures:
        a figure drawn later above it (a busy page renders outputs late) cannot take its
        place."""
        LessonPage.found += 1
        name = f"{self.name}-{LessonPage.found}"
        finder = """([fragment, last, name]) => {
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            const titles = gd => gd.layout ? [gd.layout.title && gd.layout.title.text,
                ...(gd.layout.annotations || []).map(a => a.text)] : [];
            const match = gd => titles(gd).some(t => String(t || '').includes(fragment));
            const i = last ? plots.findLastIndex(match) : plots.findIndex(match);
            if (i < 0) return -1;
            const gd = plots[i];
            if (!(gd.data && gd.data.length > 0 && gd.querySelector('.main-svg'))) return -2;
            gd.setAttribute('data-test-figure', name);
            return 1;
        }"""
        try:
            self.page.wait_for_function(f"(args) => ({finder})(args) === 1",
                                        arg=[fragment, last, name], timeout=timeout_ms)
        except Exception:
            found = self.page.evaluate(finder, [fragment, last, name])
            self.screenshot(f"missing-{fragment[:20]}")
            pytest.fail(f"{self.name}: no figure titled like {fragment!r}" if found == -1 else
                        f"{self.name}: the figure titled like {fragment!r} stayed blank "
                        f"(no traces drawn) for {timeout_ms / 1000:.0f} s")
        return self.page.locator(f'[data-test-figure="{name}"]')

    def all_figures_drawn(self, timeout_ms: int = 60_000) -> int:
        """Wait until every plotly figure on the page has its traces drawn (the explorers
        inside widgets included); return how many there are. On a timeout, fail naming the
        figures that stayed blank."""
        blank = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(
            gd => !(gd.data && gd.data.length > 0 && gd.querySelector('.main-svg'))).map(
            gd => String((gd.layout && gd.layout.title && gd.layout.title.text) || '(untitled)'))"""
        try:
            self.page.wait_for_function(
                f"() => document.querySelectorAll('.js-plotly-plot').length > 0 && "
                f"({blank})().length === 0", timeout=timeout_ms)
        except Exception:
            shot = self.screenshot("blank-figures")
            pytest.fail(f"{self.name}: figures still blank after {timeout_ms / 1000:.0f} s: "
                        f"{self.page.evaluate(blank)} (screenshot {shot}); console "
                        f"{self.console_errors[-5:]}")
        return self.page.evaluate("() => document.querySelectorAll('.js-plotly-plot').length")

    @staticmethod
    def figure_state(plot, expression: str):
        """Evaluate ``expression`` on the plot's element ``gd`` (JSON round trip)."""
        return json.loads(plot.evaluate(f"gd => JSON.stringify({expression})"))

    def slider(self, description: str):
        """The slider (or progress-like slider) whose description contains ``description``."""
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
        """Focus a slider's handle and press ``key`` (ArrowRight, PageUp, Home…) ``times``."""
        slider.scroll_into_view_if_needed()
        handle = slider.locator(".noUi-handle").first
        handle.focus()
        for _ in range(times):
            handle.press(key)

    def press_until_readout(self, slider, key: str, readout: float, tries: int = 3) -> None:
        """Press ``key`` on a slider's handle until its readout shows ``readout``: on a busy
        page a key press that arrives before the handle listens is lost, and a learner
        would simply press again. Fails if the slider never shows it."""
        box = slider.locator(".widget-readout").first
        for _ in range(tries):
            self.press_keys(slider, key, 1)
            try:
                self.page.wait_for_function(  # d3's readout writes − (U+2212) for minus
                    "([el, want]) => parseFloat(el.innerText.trim().replace('\u2212', '-'))"
                    " === want", arg=[box.element_handle(), readout], timeout=10_000)
                return
            except Exception:
                continue
        pytest.fail(f"{self.name}: the slider never showed {readout!r} "
                    f"(it shows {box.inner_text()!r})")

    def wait_for(self, plot, condition: str, timeout_ms: int = 45_000) -> None:
        """Wait until the JavaScript ``condition`` on the plot's element ``gd`` holds (a
        kernel round trip: generous, the machine may be busy); on a timeout, fail with a
        screenshot and the figure's title."""
        try:
            self.page.wait_for_function(f"gd => {condition}", arg=plot.element_handle(),
                                        timeout=timeout_ms)
        except Exception:
            title = self.figure_state(plot, "gd.layout.title && gd.layout.title.text")
            shot = self.screenshot("timeout")
            shown = plot.evaluate(PAGE_REPORT)
            pytest.fail(f"{self.name}: on the figure {title!r}, `{condition}` did not hold "
                        f"within {timeout_ms / 1000:.0f} s (screenshot {shot}); the page "
                        f"shows {shown}; console errors {self.console_errors[-8:]}; "
                        f"what the kernel holds:\n{self.kernel_report()}\nwidget messages "
                        f"(ms, direction, comm, method, keys), the last 40:\n"
                        + "\n".join(self.page.evaluate(
                            "() => window.__widgetLog ? window.__widgetLog.entries.slice(-40)"
                            " : ['(no log)']")))

    def kernel_report(self) -> str:
        """Every slider's value and every live figure's first trace, as the kernel holds
        them: after a lost round trip this says which side dropped it (the slider's value
        never reached the kernel, or the kernel redrew and the page did not follow)."""
        try:
            return self.page.evaluate("""async (code) => {
                const kernel = window.jupyterapp.shell.currentWidget.sessionContext
                                     .session.kernel;
                const future = kernel.requestExecute({code, silent: false,
                                                      store_history: false});
                let text = '';
                future.onIOPub = msg => {
                    if (msg.header.msg_type === 'stream') text += msg.content.text;
                    if (msg.header.msg_type === 'error') text += msg.content.evalue;
                };
                await future.done;
                return text;
            }""", KERNEL_REPORT)
        except Exception as error:  # the report must never hide the failure it explains
            return f"(no report: {error})"

    def wait_changed(self, plot, expression: str, before, timeout_ms: int = 20_000) -> None:
        """Wait until ``expression`` on the plot differs from ``before``."""
        self.page.wait_for_function(
            "([gd, expr, old]) => JSON.stringify(eval(expr)) !== old",
            arg=[plot.element_handle(), expression, json.dumps(before)], timeout=timeout_ms)

    def screenshot(self, name: str, element=None) -> Path:
        path = self.artifacts / f"{self.name}-{name}.png"
        if element is not None:
            element.scroll_into_view_if_needed()
        self.page.screenshot(path=str(path))
        return path
