"""Live figures load plotly's widget bundle once per page, with no deadline to miss.

The behaviour in a page (figures that answer every move under load) is what the browser tests
and `make soak` check; these tests pin down what the kernel sends, so that a plotly upgrade
which renames its edit messages or moves its bundle fails here, by name.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest
from plotly.basewidget import BaseFigureWidget

from lstm_helpers.ui import shared_bundle
from lstm_helpers.ui.display import LiveFigure, live_figure


def plotly_edit_messages() -> set[str]:
    """The Python -> page messages plotly's FigureWidget declares (its ``_py2js_*`` traits)."""
    return {name for name in BaseFigureWidget.class_trait_names() if name.startswith("_py2js")}


def test_the_loader_keeps_every_edit_message_plotly_declares():
    """An edit the loader does not hold back while the bundle loads would be lost."""
    assert set(shared_bundle.EDIT_KEYS) == plotly_edit_messages()
    module = shared_bundle.loader_module()
    for key in plotly_edit_messages():
        assert f'"{key}"' in module


def test_a_live_figure_sends_the_loader_and_the_bundle_apart():
    state = live_figure(go.Figure(go.Bar(y=[1, 2]))).get_state()
    assert state["_esm"] == shared_bundle.loader_module()
    assert len(state["_esm"]) < 10_000, "the module each figure imports stays small"
    assert state["_plotly_bundle"] == shared_bundle.BUNDLE_PATH.read_text(encoding="utf-8")
    assert "export" in state["_plotly_bundle"] and "FigureView" in state["_plotly_bundle"]


def test_the_page_keeps_one_bundle_per_plotly_version():
    key = re.search(r'Symbol\.for\("([^"]+)"\)', shared_bundle.loader_module())
    assert key and key.group(1).endswith("/" + plotly.__version__)


def test_the_loader_never_waits_in_initialize():
    """anywidget rejects a model whose initialize takes over two seconds, for good; the
    loader's initialize must start the import and return, and only render may wait."""
    module = shared_bundle.loader_module()
    initialize = module[module.index("initialize({"):module.index("async render(")]
    assert "await" not in initialize.split("ready = bundle(")[0]
    assert "async initialize" not in module
    assert "await ready" in module[module.index("async render("):]


def test_plotlys_own_widget_still_imports_its_bundle_per_figure():
    """Why LiveFigure exists: a plain FigureWidget's module is the whole 5 MB bundle."""
    assert len(go.FigureWidget().get_state()["_esm"]) > 1_000_000
    assert issubclass(LiveFigure, go.FigureWidget)


NODE_CHECK = Path(__file__).parent / "js" / "shared_bundle_check.mjs"

# Plausible wrong loaders the check must reject: one that waits in initialize (anywidget's
# deadline again), one that drops edits sent before the bundle is in, one that imports the
# bundle for every figure.
WRONG_LOADERS = {
    "waits in initialize": ("    initialize({model, ...context}) {",
                            "    async initialize({model, ...context}) {"),
    "drops early edits": ("of early.splice(0)) {", "of early.splice(0).slice(0, 0)) {"),
    "imports per figure": ("let loading = globalThis[KEY];", "let loading = undefined;"),
}


def run_node_check(loader: str, tmp_path: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (the class server's proxy needs it too)")
    module = tmp_path / "loader.mjs"
    module.write_text(loader, encoding="utf-8")
    return subprocess.run([node, str(NODE_CHECK), str(module)], capture_output=True, text=True,
                          timeout=60)


def test_the_loader_draws_early_edits_once_and_imports_the_bundle_once(tmp_path):
    done = run_node_check(shared_bundle.loader_module(), tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


@pytest.mark.parametrize("mistake", sorted(WRONG_LOADERS))
def test_the_node_check_rejects_a_wrong_loader(tmp_path, mistake):
    old, new = WRONG_LOADERS[mistake]
    loader = shared_bundle.loader_module()
    assert old in loader
    done = run_node_check(loader.replace(old, new), tmp_path)
    assert done.returncode != 0, f"a loader that {mistake} passed the check"
