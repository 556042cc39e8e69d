"""A class on the course's JupyterHub: a real hub (classroom/jupyterhub_config.py, test mode:
SharedPasswordAuthenticator, SimpleLocalProcessSpawner) behind Node's configurable-http-proxy on
127.0.0.1, four learners logged in from separate browser contexts at the same time. Each
opens lesson 02 from their own copy of the student edition; three times over, all four press
Run All within seconds, every figure of the lesson must be drawn within a minute and a gate
slider's move must reach the figure; no learner can open another's files; every server and
kernel is stopped at the end. Skipped, with the reason, where JupyterHub, configurable-http-proxy or
Chromium is missing (.ci/run installs all three).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from lstm_helpers.course.editions import write_edition

pytestmark = pytest.mark.hub

LEARNERS = ("ada", "grace", "alan", "katherine")
ROUNDS = 3  # Run All by everyone at once, three times: blank figures were intermittent
PASSWORD = "lstm-lab-class"
LESSON = "02_lstm_cell"


def proxy_command(root: Path) -> str | None:
    """configurable-http-proxy on PATH, or where `make test` installs it."""
    import shutil

    local = root / ".venv" / "node" / "bin" / "configurable-http-proxy"
    return shutil.which("configurable-http-proxy") or (str(local) if local.exists() else None)


@dataclass
class LearnerLab:
    """A learner's server behind the hub: what LessonPage needs to open a lesson."""

    url: str
    user: str

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/user/{self.user}/lab/tree/lstm-lab/notebooks/{name}.ipynb?reset"


def processes_under(folder: Path) -> list[int]:
    """Processes whose working directory is inside ``folder`` (learners' servers, kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cwd = Path(os.readlink(entry / "cwd"))
            except OSError:
                continue
            if cwd == folder or folder in cwd.parents:
                found.append(int(entry.name))
    return found


@pytest.fixture
def hub(tmp_path_factory, repo_root, start_server, chromium):
    pytest.importorskip("jupyterhub", reason="JupyterHub is not installed (pip install -e "
                        "'.[dev]')")
    from browser_lab import free_port

    proxy = proxy_command(repo_root)
    if proxy is None:
        pytest.skip("Node's configurable-http-proxy is not installed (npm install -g "
                    "configurable-http-proxy; make test does this)")
    state = tmp_path_factory.mktemp("hub")
    class_dir = state / "class"
    write_edition(class_dir / "student", "student", [LESSON])
    port = free_port()
    env = dict(os.environ, LSTM_LAB_HUB_MODE="test", LSTM_LAB_HUB_STATE=str(state),
               LSTM_LAB_HUB_PASSWORD=PASSWORD, LSTM_LAB_CLASS_DIR=str(class_dir),
               LSTM_LAB_HUB_PORT=str(port), LSTM_LAB_FAST="1",
               PATH=f"{Path(proxy).parent}{os.pathsep}{Path(sys.executable).parent}"
                    f"{os.pathsep}{os.environ['PATH']}")
    env.pop("LSTM_LAB_RUN_LOG", None)
    url = f"http://127.0.0.1:{port}"
    server = start_server(
        [sys.executable, "-m", "jupyterhub", "-f",
         str(repo_root / "classroom" / "jupyterhub_config.py"),
         f"--JupyterHub.hub_port={free_port()}",
         f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"],
        f"{url}/hub/health", state / "hub.log", env=env, cwd=state)
    return url, state, server


def log_in(context, url: str, user: str):
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{url}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(f"**/user/{user}/**", timeout=120_000)  # the server has started
    return page


def test_four_learners_run_lesson_02_at_once_each_in_their_own_space(hub, chromium,
                                                                      open_lesson, start_server):
    url, state, server = hub
    contexts = {user: chromium.new_context() for user in LEARNERS}  # separate cookies
    try:
        lessons = {user: open_lesson(LearnerLab(url, user), LESSON,
                                     page=log_in(contexts[user], url, user)) for user in LEARNERS}
        for round_ in range(1, ROUNDS + 1):
            for lesson in lessons.values():  # everyone presses Run All within seconds
                lesson.open()
                lesson.start_run()
            for lesson in lessons.values():
                lesson.wait_run(timeout_s=300)
                assert not lesson.widget_errors(), lesson.widget_errors()
            for user, lesson in lessons.items():
                drawn = lesson.all_figures_drawn(timeout_ms=60_000)  # none stays blank
                assert drawn >= 4, f"round {round_}, {user}: only {drawn} figures on the page"
                bars = lesson.plot_with_title("keeps 50% of the old memory")  # drawn, with data
                lesson.plot_with_title("LSTM cell")  # the explorer's diagram is drawn too
                # shut the forget gate; the kernel's answer must reach this learner's figure
                lesson.press_until_readout(lesson.slider("z_f (forget f)"), "Home", -8.0)
                lesson.wait_for(bars, "gd.data[0].y[0] < 0.5", timeout_ms=60_000)
                lesson.screenshot(f"hub-{user}-round-{round_}", bars)
        # Each learner has their own copy; nobody can read another's.
        homes = state / "home"
        assert all((homes / u / "lstm-lab" / "notebooks" / f"{LESSON}.ipynb").exists()
                   for u in LEARNERS)
        intruder = contexts["ada"].request.get(
            f"{url}/user/grace/api/contents/lstm-lab/notebooks", max_redirects=10)
        assert intruder.status == 403, f"ada read grace's files: HTTP {intruder.status}"
        own = contexts["ada"].request.get(f"{url}/user/ada/api/contents/lstm-lab/notebooks",
                                          max_redirects=10)
        assert own.ok and f"{LESSON}.ipynb" in own.text()
    finally:
        for context in contexts.values():
            context.close()
    assert processes_under(homes), "the learners' servers ran from their homes"

    # A service manager stops the hub (SIGTERM): with cleanup_servers it first stops every
    # learner's server, and so their kernels: no learner process is left behind.
    start_server.stop(server)
    deadline = time.monotonic() + 60
    while processes_under(homes) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not processes_under(homes), "a learner's server or kernel outlived the hub"
