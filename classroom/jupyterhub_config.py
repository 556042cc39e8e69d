"""JupyterHub configuration for an LSTM Lab class on one machine.

Three ways to use it (classroom/README.md has the steps):

- ``LSTM_LAB_HUB_MODE=plain`` (default): what ``make class-server`` installs and its launcher
  (``/opt/lstm-lab/bin/lstm-lab-hub``) starts, as root. Learners log in with their system
  accounts (PAM) and each server runs as that user (LocalProcessSpawner). The hub's database
  and cookie secret live in ``LSTM_LAB_HUB_STATE`` (made 0700), never in the course checkout.
- ``LSTM_LAB_HUB_MODE=tljh`` (the default when the file sits in The Littlest JupyterHub's
  ``/opt/tljh/config/jupyterhub_config.d/``): TLJH keeps its own authenticator, state and
  systemd spawner (which enforces the memory limit); this file adds the course settings.
- ``LSTM_LAB_HUB_MODE=test``: what tests/test_classroom.py starts: a password shared by test
  learners (SharedPasswordAuthenticator) and one process per learner as the current user
  (SimpleLocalProcessSpawner), everything on 127.0.0.1.

Every learner gets a private home (0700), their own copy of the student edition (copied on
first start, never overwritten; the instructor edition is never served), the class's one
read-only copy of the IMDB data (any archive name) and its parsed cache, idle kernels and
servers shut down, and a memory limit per learner (measured: classroom/README.md, sizing).
"""

import importlib.util
import os
import shutil
import stat
import sys
import tarfile
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides get_config)

# TLJH loads every file of its jupyterhub_config.d/: found there, this file is in tljh mode.
IN_TLJH = Path(__file__).resolve().parent.name == "jupyterhub_config.d"
MODE = os.environ.get("LSTM_LAB_HUB_MODE") or ("tljh" if IN_TLJH else "plain")
if MODE not in ("plain", "tljh", "test"):
    raise ValueError(f"LSTM_LAB_HUB_MODE={MODE!r}: use plain, tljh or test.")
# Where the instructor put the class's shared, read-only things (make class-server does it):
#   <class dir>/student/notebooks  the student edition (no worked solutions)
#   <class dir>/data/<any name>    the IMDB archive (or its aclImdb folder); <class dir>/cache
CLASS_DIR = Path(os.environ.get("LSTM_LAB_CLASS_DIR", "/srv/lstm-lab"))
STATE_DIR = Path(os.environ.get("LSTM_LAB_HUB_STATE", "/var/lib/lstm-lab/hub"))
# Measured (classroom/README.md, "Size the machine"): a learner with lessons 02 and 04 open
# reached 2.7 GB in full mode (server + two kernels); 3 GB holds that, 2 GB killed kernels.
MEM_LIMIT = os.environ.get("LSTM_LAB_MEM_LIMIT", "3G")
KERNEL_IDLE_S = int(os.environ.get("LSTM_LAB_KERNEL_IDLE_S", "1200"))
SERVER_IDLE_S = int(os.environ.get("LSTM_LAB_SERVER_IDLE_S", "3600"))  # 0: no server culling
# How often servers report activity and the hub records it (JupyterHub's default, 300 s):
# the hub's idea of "last active" can be this stale, so a shorter cull timeout would stop
# learners who are working.
ACTIVITY_S = 300
if 0 < SERVER_IDLE_S < 2 * ACTIVITY_S:
    raise ValueError(f"LSTM_LAB_SERVER_IDLE_S={SERVER_IDLE_S}: the hub learns of activity only "
                     f"every {ACTIVITY_S} s, so a timeout under {2 * ACTIVITY_S} s culls "
                     "learners who are working. Use 3600 (the default), or 0 for no culling.")

c.JupyterHub.ip = os.environ.get("LSTM_LAB_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("LSTM_LAB_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.last_activity_interval = ACTIVITY_S
# A graceful hub stop (systemctl restart, Ctrl+C) stops every learner's server too (the
# default, said here because it surprises: classroom/README.md, "Restarting the hub").
c.JupyterHub.cleanup_servers = True

# The course's own environment runs every learner's server and kernels (TLJH: its user env).
if MODE != "tljh":
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    # configurable-http-proxy: the one make class-server linked beside this Python, if any.
    proxy = Path(sys.executable).parent / "configurable-http-proxy"
    if proxy.exists():
        c.ConfigurableHTTPProxy.command = [str(proxy)]
c.Spawner.default_url = "/lab/tree/lstm-lab/notebooks/00_welcome.ipynb"
c.Spawner.notebook_dir = "~"
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
c.Spawner.args = [
    f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE_S}",
    "--MappingKernelManager.cull_interval=60",
    "--MappingKernelManager.cull_connected=False",
]


def class_imdb() -> str | None:
    """The IMDB copy every kernel reads: ``$LSTM_LAB_IMDB`` of the hub, else the one archive
    or folder in ``<class dir>/data`` whatever its name; None (kernels download) if neither.
    A copy that is missing, ambiguous or not an archive stops the hub with the reason."""
    given = os.environ.get("LSTM_LAB_IMDB_OVERRIDE") or os.environ.get("LSTM_LAB_IMDB")
    data = CLASS_DIR / "data"
    if given:
        path = Path(given)
        if not path.exists():
            raise ValueError(f"LSTM_LAB_IMDB={given}: no such file or folder. Point it at the "
                             "class's IMDB archive (any name) or its aclImdb folder.")
    else:
        found = sorted(p for p in data.iterdir() if not p.name.startswith(".")) \
            if data.is_dir() else []
        if not found:
            print(f"LSTM Lab: no IMDB copy in {data}; every learner's kernel will download "
                  "84 MB (classroom/README.md, step 2).", file=sys.stderr)
            return None
        if len(found) > 1:
            raise ValueError(f"{data} holds {', '.join(p.name for p in found)}: keep one IMDB "
                             "archive (or aclImdb folder) there, or set LSTM_LAB_IMDB to it.")
        path = found[0]
    if not path.is_dir() and not tarfile.is_tarfile(path):
        raise ValueError(f"{path} is not a tar archive: the class's IMDB copy must be the "
                         "aclImdb archive (any file name: .tar.gz, .tgz, .tar) or its folder.")
    return str(path)


imdb = class_imdb()
c.Spawner.environment = {
    "LSTM_LAB_SHARED_CACHE": str(CLASS_DIR / "cache"),
    **({"LSTM_LAB_IMDB": imdb} if imdb else {}),
    **({"LSTM_LAB_FAST": os.environ["LSTM_LAB_FAST"]} if "LSTM_LAB_FAST" in os.environ else {}),
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_NUM_INTEROP_THREADS": "1",  # one learner must not take every core of the box
    "TF_NUM_INTRAOP_THREADS": os.environ.get("LSTM_LAB_THREADS_PER_LEARNER", "2"),
}


def prepare_home(spawner) -> None:
    """Make the learner's home private (0700: other learners cannot list or read it) and give
    them their own copy of the student edition on first start; a learner's edited notebooks
    are never overwritten. Runs before each start (as root, except in test mode)."""
    home, owner = _home_of(spawner)
    if home is None or (MODE != "test" and not home.is_dir()):
        return
    if MODE != "test" and os.geteuid() == 0 and stat.S_IMODE(home.stat().st_mode) & 0o077:
        home.chmod(0o700)
    target = home / "lstm-lab"
    source = CLASS_DIR / "student"
    if target.exists() or not (source / "notebooks").is_dir():
        return
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".git"))
    if owner is not None and os.geteuid() == 0:  # the learner owns their copy
        for path in [target, *target.rglob("*")]:
            os.chown(path, *owner, follow_symlinks=False)


def _home_of(spawner) -> tuple[Path | None, tuple[int, int] | None]:
    """The learner's home and (uid, gid); TLJH's accounts are called jupyter-<name>."""
    if MODE == "test":
        return Path(spawner.home_dir), None
    import pwd

    name = f"jupyter-{spawner.user.name}" if MODE == "tljh" else spawner.user.name
    try:
        entry = pwd.getpwnam(name)
    except KeyError:  # TLJH: not created yet (its spawner does it in start; next time then)
        return None, None
    return Path(entry.pw_dir), (entry.pw_uid, entry.pw_gid)


c.Spawner.pre_spawn_hook = prepare_home

# Servers idle for an hour are stopped (their notebooks stay on disk). TLJH runs its own
# culler (tljh-config set services.cull.timeout 3600).
if SERVER_IDLE_S and MODE == "plain":
    if importlib.util.find_spec("jupyterhub_idle_culler") is None:
        raise ValueError("jupyterhub-idle-culler is not installed in the hub's environment, so "
                         "no idle server would ever be stopped: install the course with its "
                         "classroom extra (make class-server does), or set "
                         "LSTM_LAB_SERVER_IDLE_S=0.")
    c.JupyterHub.load_roles = [{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }]
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    f"--timeout={SERVER_IDLE_S}", f"--cull-every={ACTIVITY_S}"],
    }]


def private_state_dir(folder: Path) -> Path:
    """The hub's state folder (database, cookie secret, pid files), made 0700 so no learner
    can read it; refused inside the course checkout, which learners must not need."""
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "lessons_src").is_dir() and (folder == checkout or checkout in folder.parents):
        raise ValueError(f"LSTM_LAB_HUB_STATE={folder} is inside the course checkout; keep the "
                         "hub's database and secrets elsewhere (default /var/lib/lstm-lab/hub).")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


if MODE == "plain":
    state = private_state_dir(STATE_DIR)
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")
    c.JupyterHub.authenticator_class = "pam"
    c.Authenticator.allow_all = os.environ.get("LSTM_LAB_ALLOW_ALL", "") == "1"
    c.Authenticator.allowed_users = set(os.environ.get("LSTM_LAB_LEARNERS", "").split())
    c.Authenticator.admin_users = set(os.environ.get("LSTM_LAB_INSTRUCTORS", "").split())
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
elif MODE == "test":
    state = Path(os.environ["LSTM_LAB_HUB_STATE"])  # a folder the test owns
    c.JupyterHub.authenticator_class = "shared-password"
    c.SharedPasswordAuthenticator.user_password = os.environ["LSTM_LAB_HUB_PASSWORD"]
    c.Authenticator.allow_all = True
    c.JupyterHub.spawner_class = "simple"
    # The browser test drives JupyterLab through window.jupyterapp.
    c.Spawner.args = [*c.Spawner.args, "--LabApp.expose_app_in_browser=True"]
    if os.geteuid() == 0:  # CI containers run as root; learners' servers then must be told
        c.Spawner.args = [*c.Spawner.args, "--ServerApp.allow_root=True"]
    c.SimpleLocalProcessSpawner.home_dir_template = str(state / "home" / "{username}")
    c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(state / "cookie_secret")
    c.JupyterHub.pid_file = str(state / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.pid_file = str(state / "proxy.pid")
    c.JupyterHub.cleanup_proxy = True
    c.JupyterHub.services = []  # no culler: the test stops everything itself
    c.JupyterHub.load_roles = []
