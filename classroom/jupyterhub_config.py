"""JupyterHub configuration for an LSTM Lab class on one machine.

Three ways to use it (classroom/README.md has the steps):

- ``LSTM_LAB_HUB_MODE=plain`` (default): ``jupyterhub -f classroom/jupyterhub_config.py`` on a
  box you already have, with configurable-http-proxy on PATH. Learners log in with their
  system accounts (PAM) and each server runs as that user (LocalProcessSpawner).
- ``LSTM_LAB_HUB_MODE=tljh``: dropped into The Littlest JupyterHub's
  ``/opt/tljh/config/jupyterhub_config.d/``; TLJH keeps its own authenticator and its
  systemd spawner (which enforces the memory limit); this file adds the course settings.
- ``LSTM_LAB_HUB_MODE=test``: what tests/test_classroom.py starts: a password shared by test
  learners (SharedPasswordAuthenticator) and one process per learner as the current user
  (SimpleLocalProcessSpawner), everything on 127.0.0.1.

Every learner gets the course's Python environment, their own copy of the student edition
(copied on first start, never overwritten), the class's one read-only copy of the IMDB data
and its parsed cache, idle kernels and servers shut down, and a memory limit per learner
(measured: see docs/instructor-guide.md).
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides get_config)

MODE = os.environ.get("LSTM_LAB_HUB_MODE", "plain")
HERE = Path(__file__).resolve().parent
COURSE = HERE.parent
# Where the instructor put the class's shared, read-only things (classroom/README.md, step 2):
#   <class dir>/student/notebooks  the student edition (make student)
#   <class dir>/data/aclImdb_v1.tar.gz, <class dir>/cache  the data and its parsed cache
CLASS_DIR = Path(os.environ.get("LSTM_LAB_CLASS_DIR", "/srv/lstm-lab"))
MEM_LIMIT = os.environ.get("LSTM_LAB_MEM_LIMIT", "2G")  # lessons 05-07 peak below 2 GB
KERNEL_IDLE_S = int(os.environ.get("LSTM_LAB_KERNEL_IDLE_S", "1200"))
SERVER_IDLE_S = int(os.environ.get("LSTM_LAB_SERVER_IDLE_S", "3600"))

c.JupyterHub.ip = os.environ.get("LSTM_LAB_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("LSTM_LAB_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"

# The course's own environment runs every learner's server and kernels.
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
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
shared_data = CLASS_DIR / "data" / "aclImdb_v1.tar.gz"
c.Spawner.environment = {
    "LSTM_LAB_SHARED_CACHE": str(CLASS_DIR / "cache"),
    **({"LSTM_LAB_IMDB": str(shared_data)} if shared_data.exists() else {}),
    **({"LSTM_LAB_FAST": os.environ["LSTM_LAB_FAST"]} if "LSTM_LAB_FAST" in os.environ else {}),
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_NUM_INTEROP_THREADS": "1",  # one learner must not take every core of the box
    "TF_NUM_INTRAOP_THREADS": os.environ.get("LSTM_LAB_THREADS_PER_LEARNER", "2"),
}
if os.environ.get("LSTM_LAB_IMDB_OVERRIDE"):  # tests: the data in a place of their own
    c.Spawner.environment["LSTM_LAB_IMDB"] = os.environ["LSTM_LAB_IMDB_OVERRIDE"]


def copy_student_edition(spawner) -> None:
    """Give the learner their own copy of the student edition on first start; a learner's
    edited notebooks are never overwritten (nbgitpuller links do the same for a git repo)."""
    home = Path(_home_of(spawner))
    target = home / "lstm-lab"
    source = CLASS_DIR / "student"
    if target.exists() or not (source / "notebooks").is_dir():
        return
    shutil.copytree(source, target)
    if MODE == "plain" and os.geteuid() == 0:  # the learner owns their copy
        import pwd

        user = pwd.getpwnam(spawner.user.name)
        for path in [target, *target.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)


def _home_of(spawner) -> str:
    if MODE == "test":
        return spawner.home_dir
    return os.path.expanduser(f"~{spawner.user.name}")


c.Spawner.pre_spawn_hook = copy_student_edition

# Servers idle for an hour are stopped (their notebooks stay on disk).
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={SERVER_IDLE_S}"],
}]

if MODE == "plain":
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
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True
    c.JupyterHub.services = []  # no culler: the test stops everything itself
    c.JupyterHub.load_roles = []
elif MODE != "tljh":
    raise ValueError(f"LSTM_LAB_HUB_MODE={MODE!r}: use plain, tljh or test.")
