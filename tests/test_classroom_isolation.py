"""A private class, by construction: the real hub (classroom/jupyterhub_config.py, plain mode,
started by the launcher classroom/install.py writes) with the real per-user spawner
(LocalProcessSpawner, which setuid's to each learner) and PAM's accounts: two throw-away Unix
users made with useradd, their homes open (0755, Debian's default) until the hub starts them.
Code run in one learner's kernel, as that learner, must not read the other's home, the
instructor edition (worked solutions) or the hub's database and secret, nor write the class's
shared folders, and finds no worked solution anywhere in the course environment or class
folder. Users, processes and folders are removed at the end, even on failure.

Needs root (CI runs as root) to create users and to run the hub; skipped, with the reason,
elsewhere. The course environment is built as make class-server builds it (the course's own
wheel, then the installer's removal of worked solutions from it), except that its third-party
packages are hard links to .venv's (1 s instead of a 3-minute pip install).
"""

from __future__ import annotations

import importlib.util
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

import pytest

from lstm_helpers.course.editions import write_edition

pytestmark = pytest.mark.hub

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ["00_welcome", "02_lstm_cell"]
TOKEN = uuid.uuid4().hex


def load_install():
    spec = importlib.util.spec_from_file_location("class_install", ROOT / "classroom" /
                                                  "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


install = load_install()


def need_root_and_tools(repo_root: Path) -> tuple[Path, Path]:
    """(a Python learners can run, the proxy), or a skip that says what is missing."""
    if os.geteuid() != 0:
        pytest.skip("creating throw-away Unix users and a hub that setuid's to them needs "
                    "root (CI runs as root)")
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is missing: users cannot be created here")
    pytest.importorskip("jupyterhub", reason="JupyterHub is not installed (make test does it)")
    proxy = shutil.which("configurable-http-proxy") or repo_root / ".venv" / "node" / "bin" / \
        "configurable-http-proxy"
    if not Path(proxy).exists():
        pytest.skip("Node's configurable-http-proxy is not installed (make test does it)")
    try:
        python = install.base_python(None)
    except install.InstallError as err:
        pytest.skip(str(err))
    minor = subprocess.run([str(python), "-c", "import sys; print(sys.version_info[:2])"],
                           capture_output=True, text=True).stdout.strip()
    if minor != str(sys.version_info[:2]):
        pytest.skip(f"{python} is Python {minor}, .venv is {sys.version_info[:2]}: the test "
                    "environment reuses .venv's compiled packages")
    return python, Path(proxy)


def course_env(root: Path, python: Path, proxy: Path) -> Path:
    """``root/env`` as make class-server makes it: a venv from a Python every user can run,
    the course copied in as a package (not editable), the proxy beside its Python."""
    env = root / "env"
    subprocess.run([str(python), "-m", "venv", "--without-pip", str(env)], check=True)
    site = next((env / "lib").glob("python3.*")) / "site-packages"
    venv = Path(sys.prefix)
    deps = root / "deps"
    subprocess.run(["cp", "-al", str(next((venv / "lib").glob("python3.*")) / "site-packages"),
                    str(deps)], check=True)  # hard links: nothing written into .venv
    for editable in [*deps.glob("__editable__*"), *deps.glob("lstm_lab-*.dist-info")]:
        shutil.rmtree(editable) if editable.is_dir() else editable.unlink()
    (site / "course-deps.pth").write_text(f"import site; site.addsitedir({str(deps)!r})\n")
    with tempfile.TemporaryDirectory() as private:  # 0700: the sources hold the solutions
        source = install.source_tree(ROOT, Path(private) / "src")
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                        "--no-build-isolation", "-w", private, str(source)], check=True)
        with zipfile.ZipFile(next(Path(private).glob("lstm_lab-*.whl"))) as wheel:
            wheel.extractall(site)  # what pip does with a pure-Python wheel
    (env / "bin" / "configurable-http-proxy").symlink_to(proxy.resolve())
    install.open_up(env)  # before the hard links below, whose modes are .venv's own
    for shared in ("share", "etc"):  # Jupyter's data and server-extension settings
        if (venv / shared).is_dir():
            subprocess.run(["cp", "-al", str(venv / shared), str(env / shared)], check=True)
    return env


def fake_archive(fake_imdb, root: Path, target: Path) -> Path:
    """The made-up IMDB copy under a name that is not aclImdb_v1.tar.gz."""
    built = fake_imdb.archive(root / "imdb-src")
    shutil.move(built, target)
    shutil.rmtree(root / "imdb-src")
    return target


def processes_of(uids: set[int]) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.fixture
def classroom(repo_root, fake_imdb, start_server):
    """Users, folders, the class and a running hub; everything removed afterwards."""
    python, proxy = need_root_and_tools(repo_root)
    root = Path(tempfile.mkdtemp(prefix="lstm-lab-isolation-"))
    root.chmod(0o755)  # learners must reach the env and the class folder, as in /opt, /srv
    users = [f"lli{os.getpid() % 100000}{c}" for c in "ab"]
    made, server = [], None
    (root / "homes").mkdir(mode=0o755)
    try:
        for user in users:
            subprocess.run(["useradd", "-m", "-d", str(root / "homes" / user), "-s",
                            "/bin/sh", user], check=True, capture_output=True)
            made.append(user)
            (root / "homes" / user).chmod(0o755)  # Debian's default: readable by everyone
        env = course_env(root, python, proxy)
        class_dir = root / "class"
        (class_dir / "data").mkdir(parents=True)
        fake_archive(fake_imdb, root, class_dir / "data" / "imdb for the class.tgz")
        install.prepare_class_dir(class_dir, env / "bin" / "python", ROOT, lessons=LESSONS)
        install.strip_solutions(env, class_dir / "student")
        checkout = root / "checkout"  # the instructor's copy, as the guide leaves it
        write_edition(checkout, "instructor", LESSONS)
        assert install.protect_checkout(checkout), "the checkout was open to learners"
        state = install.make_state_dir(root / "state")
        launcher = install.write_launcher(root, class_dir, state, " ".join(users), "",
                                          "127.0.0.1")
        extra = root / "test_admin.py"  # the real config, plus a token to drive the hub
        extra.write_text(
            "c = get_config()  # noqa: F821\n"
            f"load_subconfig({str(root / 'etc' / 'jupyterhub_config.py')!r})  # noqa: F821\n"
            f"c.JupyterHub.services.append({{'name': 'isolation-test', 'api_token': {TOKEN!r}}})"
            "\nc.JupyterHub.load_roles.append({'name': 'isolation-test', 'services': "
            "['isolation-test'], 'scopes': ['admin:users', 'admin:servers', "
            "'access:servers']})\n")
        from browser_lab import free_port

        port = free_port()
        hub_env = {k: v for k, v in os.environ.items() if not k.startswith("LSTM_LAB_")}
        hub_env.update(LSTM_LAB_HUB_PORT=str(port), LSTM_LAB_SERVER_IDLE_S="0",
                       LSTM_LAB_HUB_CONFIG=str(extra))
        url = f"http://127.0.0.1:{port}"
        server = start_server(
            [str(launcher), f"--JupyterHub.hub_port={free_port()}",
             f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}"],
            f"{url}/hub/health", root / "hub.log", env=hub_env, cwd=root)
        yield {"url": url, "users": users, "root": root, "class": class_dir, "env": env,
               "state": state, "checkout": checkout, "log": root / "hub.log"}
    finally:
        if server is not None:
            start_server.stop(server)  # cleanup_servers: every learner's server stops too
        uids = {pwd.getpwnam(u).pw_uid for u in made}
        for pid in processes_of(uids):  # whatever outlived the hub (a crash mid-test)
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for user in made:
            subprocess.run(["userdel", "-r", "-f", user], capture_output=True)
        subprocess.run(["rm", "-rf", "--one-file-system", str(root)])  # 60k links: rm is
        shutil.rmtree(root, ignore_errors=True)  # 10x faster than rmtree, which checks


def hub_api(hub: dict, method: str, path: str, **kwargs):
    import requests

    return requests.request(method, f"{hub['url']}/hub/api{path}", timeout=30,
                            headers={"Authorization": f"token {TOKEN}"}, **kwargs)


def start_learner(hub: dict, user: str) -> None:
    assert hub_api(hub, "POST", f"/users/{user}").status_code in (201, 409)
    started = hub_api(hub, "POST", f"/users/{user}/server")
    assert started.status_code in (201, 202), started.text


def wait_ready(hub: dict, user: str, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        server = hub_api(hub, "GET", f"/users/{user}").json().get("servers", {}).get("", {})
        if server.get("ready"):
            return
        if not server:  # the spawn failed and the hub dropped it
            break
        time.sleep(0.5)
    pytest.fail(f"{user}'s server did not start:\n{hub['log'].read_text()[-3000:]}")


def run_in_kernel(hub: dict, user: str, code: str, timeout_s: float = 90) -> str:
    """Start a kernel on ``user``'s server (REST), run ``code`` (websocket), return stdout."""
    import requests
    import websocket

    headers = {"Authorization": f"token {TOKEN}"}
    base = f"{hub['url']}/user/{user}/api/kernels"
    kernel = requests.post(base, headers=headers, json={"name": "python3"}, timeout=60)
    assert kernel.status_code == 201, kernel.text
    kid = kernel.json()["id"]
    ws = websocket.create_connection(
        f"{base.replace('http', 'ws', 1)}/{kid}/channels", timeout=timeout_s,
        header=[f"Authorization: token {TOKEN}"])
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
    out, errors = [], []
    try:
        while True:
            msg = json.loads(ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["header"]["msg_type"]
            if kind == "stream":
                out.append(msg["content"]["text"])
            elif kind == "error":
                errors.append("\n".join(msg["content"]["traceback"]))
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                break
    finally:
        ws.close()
        requests.delete(f"{base}/{kid}", headers=headers, timeout=30)
    assert not errors, errors
    return "".join(out)


PROBE = r'''
import json, os, pwd
from pathlib import Path

def read(path):
    path = Path(path)
    try:
        os.listdir(path) if path.is_dir() else path.read_bytes()
        return "read"
    except OSError as exc:
        return type(exc).__name__

def write(folder):
    probe = Path(folder) / f".probe-{os.getpid()}"
    try:
        probe.write_text("x")
    except OSError as exc:
        return type(exc).__name__
    probe.unlink()
    return "wrote"

def solutions(path):
    try:
        cells = json.loads(Path(path).read_text())["cells"]
    except (OSError, ValueError):
        return 0
    return sum("solution" in c.get("metadata", {}).get("tags", []) for c in cells)

import lstm_helpers
from lstm_helpers.data import imdb
found = imdb.locate_imdb()
home = Path.home()
reachable = [str(p) for top in (ENV, CLASS) for p in Path(top).rglob("*.ipynb")
             if solutions(p)]
print(json.dumps({
    "user": pwd.getpwuid(os.getuid()).pw_name,
    "package": lstm_helpers.__file__,
    "imdb": str(found),
    "imdb_train": len(imdb.load_imdb(expected=None, split="random").train),
    "own_lessons": sorted(os.listdir(home / "lstm-lab" / "notebooks")),
    "own_solutions": sum(solutions(p) for p in (home / "lstm-lab" / "notebooks").iterdir()),
    "other_home": read(OTHER),
    "other_notebook": read(Path(OTHER) / "lstm-lab" / "notebooks" / "02_lstm_cell.ipynb"),
    "instructor_edition": read(Path(CHECKOUT) / "notebooks" / "02_lstm_cell.ipynb"),
    "hub_state": read(STATE),
    "hub_db": read(Path(STATE) / "jupyterhub.sqlite"),
    "cookie_secret": read(Path(STATE) / "jupyterhub_cookie_secret"),
    "write_data": write(Path(CLASS) / "data"),
    "write_cache": write(Path(CLASS) / "cache"),
    "write_student": write(Path(CLASS) / "student" / "notebooks"),
    "write_env": write(Path(lstm_helpers.__file__).parent),
    "solutions_in_reach": reachable,
}))
'''


def probe(hub: dict, user: str, other: str) -> dict:
    code = "\n".join(f"{name} = {value!r}" for name, value in {
        "ENV": str(hub["env"]), "CLASS": str(hub["class"]), "STATE": str(hub["state"]),
        "CHECKOUT": str(hub["checkout"]), "OTHER": str(hub["root"] / "homes" / other)}.items())
    lines = run_in_kernel(hub, user, code + PROBE).strip().splitlines()
    return json.loads(lines[-1])


def test_a_learner_reads_only_their_own_work_and_the_student_edition(classroom):
    hub = classroom
    first, second = hub["users"]
    for user in hub["users"]:
        start_learner(hub, user)
    for user in hub["users"]:
        wait_ready(hub, user)
        home = hub["root"] / "homes" / user
        assert stat.S_IMODE(home.stat().st_mode) == 0o700, "the hub left a home open"
    assert (hub["state"] / "jupyterhub.sqlite").is_file()  # the hub's db is where we probe

    seen = probe(hub, first, other=second)
    print(json.dumps(seen, indent=1))
    assert seen["user"] == first, "the server does not run as its learner"
    assert seen["package"].startswith(str(hub["env"])), "the course is not the installed package"
    assert seen["imdb"].endswith("imdb for the class.tgz") and seen["imdb_train"] > 0
    assert seen["own_lessons"] == [f"{name}.ipynb" for name in LESSONS]
    assert seen["own_solutions"] == 0, "the learner was given worked solutions"
    denied = ("other_home", "other_notebook", "instructor_edition", "hub_state", "hub_db",
              "cookie_secret", "write_data", "write_cache", "write_student", "write_env")
    assert {key: seen[key] for key in denied} == dict.fromkeys(denied, "PermissionError")
    assert seen["solutions_in_reach"] == []

    back = probe(hub, second, other=first)  # and the other way round
    assert back["user"] == second
    assert back["other_home"] == back["other_notebook"] == "PermissionError"
