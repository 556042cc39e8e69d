"""Install an LSTM Lab class server on this machine, as root, in one command (make class-server).

    sudo make class-server                        # /opt/lstm-lab, /srv/lstm-lab, /var/lib/...
    sudo python3 classroom/install.py --prefix /tmp/x --class-dir /tmp/x/class \\
         --state-dir /tmp/x/state --imdb /path/to/any-name.tar.gz --learners "ada grace"

Why each step (classroom/README.md, 3b): learners' servers run as the learners, so everything
they execute or read must live outside every home and be readable by all (the course
environment, installed as a package, not editable); everything they must not read is private
(the hub's database and secrets, the instructor's checkout with the worked solutions).

1. ``<prefix>/env``: a virtual environment from a Python every user can run, with the course
   and its ``[classroom]`` extra (JupyterHub, the idle culler, nbgitpuller).
2. ``<prefix>/node``: Node's configurable-http-proxy, linked into ``<prefix>/env/bin``.
3. ``<class dir>``: ``student/`` (the student edition only), ``data/`` (the IMDB copy, any
   name) and ``cache/`` (it parsed once), readable by all, writable by root only; any
   notebook with worked solutions packed into the environment is replaced by its student
   twin (learners can read the environment).
4. ``<state dir>``: the hub's database and cookie secret, 0700.
5. ``<prefix>/etc``: the hub's config, ``class.env`` (who may log in), a systemd unit;
   ``<prefix>/bin/lstm-lab-hub`` starts the hub.
6. The checkout made private (0700) unless ``--keep-checkout-readable``.
Running it again updates everything in place; learners' own copies are never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
LAUNCHER = "lstm-lab-hub"
# Parse the data once into the class cache, keyed as the lessons will ask for it (the
# official counts); a trimmed copy is parsed as it is.
PARSE_ONCE = """
from lstm_helpers.data.imdb import IMDBDataError, load_imdb
try:
    print("IMDB parsed into the class cache:", load_imdb().counts())
except IMDBDataError as err:
    print("Not the official IMDB counts; parsed as it is:", load_imdb(expected=None).counts())
"""
PROXY = "configurable-http-proxy"


class InstallError(RuntimeError):
    """A step cannot be done; the message says what to change."""


def step(text: str) -> None:
    print(f"==> {text}", flush=True)


def run(command: list[str], **kwargs) -> None:
    """Run a command, echoed; a failure stops the install with the command named."""
    print("    $ " + shlex.join(command), flush=True)
    try:
        subprocess.run(command, check=True, **kwargs)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise InstallError(f"`{shlex.join(command)}` failed ({exc}).") from exc


def reachable_by_all(path: Path) -> bool:
    """Whether any user may reach ``path`` (every folder on the way o+x, the file o+r or o+x):
    a Python under root's 0700 home is not, and every learner's spawn would fail."""
    path = path.resolve()
    for folder in path.parents:
        if not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & (stat.S_IROTH | stat.S_IXOTH))


def base_python(given: str | None) -> Path:
    """The interpreter the class environment is made from: ``given``, else this one, else
    /usr/bin/python3, the first that is Python 3.11+ and runnable by every user."""
    candidates = [given] if given else [sys.executable, "/usr/bin/python3"]
    refused = []
    for candidate in candidates:
        path = Path(shutil.which(candidate) or candidate)
        if not path.exists():
            refused.append(f"{candidate}: not found")
            continue
        if not reachable_by_all(path):
            refused.append(f"{path.resolve()}: not reachable by other users (under a private "
                           "home?)")
            continue
        version = subprocess.run([str(path), "-c", "import sys; print(sys.version_info >= "
                                  "(3, 11))"], capture_output=True, text=True).stdout.strip()
        if version != "True":
            refused.append(f"{path}: older than Python 3.11")
            continue
        return path
    raise InstallError("No Python every learner can run: " + "; ".join(refused) + ". Install "
                       "python3 (3.11+) from the system's packages or pass --python.")


def open_up(root: Path) -> None:
    """Folders 0755 and files a+r (a+x where executable), whatever the umask was."""
    for folder, _dirs, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                mode = stat.S_IMODE(path.stat().st_mode)
                path.chmod((mode | 0o444 | (0o111 if mode & 0o100 else 0)) & ~0o022)


def source_tree(checkout: Path, into: Path) -> Path:
    """A clean copy of the checkout's files (tracked and new, not ignored), so building the
    package writes nothing into the checkout."""
    listed = subprocess.run(["git", "-C", str(checkout), "ls-files", "-co", "--exclude-standard",
                             "-z"], capture_output=True)
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = checkout / name
            if source.is_file():
                (into / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, into / name)
    else:  # not a git checkout (a release tarball): everything but the usual litter
        shutil.copytree(checkout, into, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".venv", ".git", "artifacts", "site", "student", "build", "*.egg-info",
            "__pycache__", ".ci-cache"))
    return into


def build_env(env: Path, python: Path, checkout: Path) -> Path:
    """The course environment: the course installed as a package with its classroom extra."""
    if not (env / "bin" / "python").exists():
        run([str(python), "-m", "venv", str(env)])
    pip = [str(env / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run([*pip, "--upgrade", "pip"])
    with tempfile.TemporaryDirectory(prefix="lstm-lab-src-") as tmp:
        source = source_tree(checkout, Path(tmp))
        run([*pip, "--upgrade", f"{source}[classroom]"])
        run([*pip, "--no-deps", "--force-reinstall", str(source)])  # this checkout's code
    open_up(env)
    return env / "bin" / "python"


def install_proxy(prefix: Path) -> Path:
    """Node's configurable-http-proxy under ``<prefix>/node``, linked beside the env's Python,
    where the hub's config and the launcher's PATH find it."""
    proxy = prefix / "node" / "bin" / PROXY
    if not proxy.exists():
        if shutil.which("npm") is None:
            raise InstallError("npm is missing: install Node and npm (apt-get install npm), "
                               "then run this again.")
        run(["npm", "install", "--silent", "--no-fund", "--no-audit", "-g", "--prefix",
             str(prefix / "node"), "configurable-http-proxy@4"])
    open_up(prefix / "node")
    link = prefix / "env" / "bin" / PROXY
    link.unlink(missing_ok=True)
    link.symlink_to(proxy)
    return link


def check_imdb(source: Path) -> Path:
    """The IMDB copy to serve: any file name, but an existing tar archive or aclImdb folder."""
    if not source.exists():
        raise InstallError(f"--imdb {source}: no such file or folder.")
    if source.is_file() and not tarfile.is_tarfile(source):
        raise InstallError(f"--imdb {source} is not a tar archive: give the aclImdb archive "
                           "(any name: .tar.gz, .tgz, .tar) or its extracted folder.")
    return source


def prepare_class_dir(class_dir: Path, python: Path, checkout: Path,
                      imdb: Path | None = None, lessons: list[str] | None = None) -> Path:
    """``student/`` (the student edition), ``data/`` and ``cache/``: read by all, written by
    root only. The edition is built from the checkout's notebooks, then swapped in whole."""
    for sub in ("data", "cache"):
        (class_dir / sub).mkdir(parents=True, exist_ok=True)
    if imdb is not None:
        check_imdb(imdb)
        others = [p for p in (class_dir / "data").iterdir() if p.name != imdb.name]
        if others:
            raise InstallError(f"{class_dir / 'data'} already holds "
                               f"{', '.join(p.name for p in others)}: remove it, so the hub "
                               "knows which IMDB copy to serve.")
        target = class_dir / "data" / imdb.name
        if not target.exists():
            (shutil.copytree if imdb.is_dir() else shutil.copy2)(imdb, target)
        env = dict(os.environ, LSTM_LAB_IMDB=str(target), TQDM_DISABLE="1",
                   LSTM_LAB_CACHE=str(class_dir / "cache"))
        run([str(python), "-c", PARSE_ONCE], env=env, cwd="/")
    fresh = class_dir / "student.new"
    shutil.rmtree(fresh, ignore_errors=True)
    # Run from the checkout: its notebooks/ are the source (the package does not ship them).
    run([str(python), "-m", "lstm_helpers.course.editions", "--edition", "student", "--out",
         str(fresh), *(lessons or [])], cwd=checkout, stdout=subprocess.DEVNULL)
    leaked = [p.name for p in (fresh / "notebooks").glob("*.ipynb") if solution_cells(p)]
    if leaked:
        raise InstallError(f"the student edition holds worked solutions ({', '.join(leaked)}); "
                           "not installed.")
    old = class_dir / "student.old"
    shutil.rmtree(old, ignore_errors=True)
    if (class_dir / "student").exists():
        (class_dir / "student").rename(old)
    fresh.rename(class_dir / "student")
    shutil.rmtree(old, ignore_errors=True)
    if os.geteuid() == 0:
        for path in [class_dir, *class_dir.rglob("*")]:
            os.chown(path, 0, 0, follow_symlinks=False)
    open_up(class_dir)
    return class_dir


def solution_cells(notebook: Path) -> int:
    """How many cells of ``notebook`` are tagged ``solution`` (worked solutions)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    return sum("solution" in cell.get("metadata", {}).get("tags", []) for cell in cells)


def strip_solutions(env: Path, student: Path) -> list[Path]:
    """Every notebook in the environment that holds worked solutions (the wheel packs the
    repository's notebooks/, the instructor edition, for the course map) replaced by its
    student-edition twin, or removed when it has none. Returns the notebooks changed."""
    changed = []
    for notebook in env.rglob("*.ipynb"):
        if notebook.is_file() and not notebook.is_symlink() and solution_cells(notebook):
            twin = student / "notebooks" / notebook.name
            if twin.is_file():
                shutil.copyfile(twin, notebook)
            else:
                notebook.unlink()
            changed.append(notebook)
    left = [str(p) for p in env.rglob("*.ipynb") if p.is_file() and solution_cells(p)]
    if left:
        raise InstallError(f"worked solutions left in the environment: {', '.join(left)}")
    return changed


def make_state_dir(state: Path, checkout: Path = CHECKOUT) -> Path:
    """The hub's private folder (database, cookie secret): 0700, outside the checkout."""
    state = state.resolve()
    if state == checkout or checkout in state.parents:
        raise InstallError(f"--state-dir {state} is inside the course checkout: pick a folder "
                           "outside it (default /var/lib/lstm-lab/hub).")
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    state.chmod(0o700)
    return state


def write_launcher(prefix: Path, class_dir: Path, state: Path, learners: str | None,
                   instructors: str | None, hub_ip: str) -> Path:
    """``<prefix>/etc``: the config, class.env and a systemd unit; ``<prefix>/bin``: the
    launcher, which puts the env (and the proxy) first on PATH and starts the hub."""
    etc, bin_ = prefix / "etc", prefix / "bin"
    etc.mkdir(parents=True, exist_ok=True)
    bin_.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CHECKOUT / "classroom" / "jupyterhub_config.py", etc / "jupyterhub_config.py")
    class_env = etc / "class.env"
    if not class_env.exists() or learners is not None or instructors is not None:
        lines = ["# Who may log in (system accounts). Read by lstm-lab-hub; a value given on "
                 "its command line wins.",
                 f': "${{LSTM_LAB_LEARNERS:={learners or ""}}}"',
                 f': "${{LSTM_LAB_INSTRUCTORS:={instructors or ""}}}"',
                 f': "${{LSTM_LAB_HUB_IP:={hub_ip}}}"', ""]
        class_env.write_text("\n".join(lines))
    launcher = bin_ / LAUNCHER
    launcher.write_text(f"""#!/bin/sh
# Starts the LSTM Lab class hub (written by classroom/install.py; run it as root).
set -e
. {shlex.quote(str(class_env))}
export LSTM_LAB_LEARNERS LSTM_LAB_INSTRUCTORS LSTM_LAB_HUB_IP
export LSTM_LAB_HUB_MODE=plain
export LSTM_LAB_CLASS_DIR={shlex.quote(str(class_dir))}
export LSTM_LAB_HUB_STATE={shlex.quote(str(state))}
export PATH={shlex.quote(str(prefix / "env" / "bin"))}:"$PATH"
cd "$LSTM_LAB_HUB_STATE"
# LSTM_LAB_HUB_CONFIG: a config of your own (HTTPS, another login) that starts with
#   load_subconfig("{etc / "jupyterhub_config.py"}")
exec {shlex.quote(str(prefix / "env" / "bin" / "python"))} -m jupyterhub \\
    -f "${{LSTM_LAB_HUB_CONFIG:-{etc / "jupyterhub_config.py"}}}" "$@"
""")
    launcher.chmod(0o755)
    (etc / "lstm-lab-hub.service").write_text(f"""[Unit]
Description=LSTM Lab class hub (JupyterHub)
After=network.target

[Service]
ExecStart={launcher}
# Stopping or restarting the hub stops every learner's server (cleanup_servers).
KillMode=mixed
Restart=on-failure

[Install]
WantedBy=multi-user.target
""")
    return launcher


def protect_checkout(checkout: Path) -> bool:
    """Make the checkout (instructor edition, worked solutions) 0700 when others can enter
    it; learners never need it, since the env holds the course as a package. Returns
    whether it changed anything."""
    mode = stat.S_IMODE(checkout.stat().st_mode)
    if not mode & 0o077:
        return False
    checkout.chmod(mode & 0o700)
    return True


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    env = os.environ.get
    parser.add_argument("--prefix", type=Path, default=Path(env("LSTM_LAB_PREFIX") or
                                                             "/opt/lstm-lab"),
                        help="where the env, the proxy and the launcher go ($LSTM_LAB_PREFIX, "
                        "else /opt/lstm-lab)")
    parser.add_argument("--class-dir", type=Path, default=Path(env("LSTM_LAB_CLASS_DIR") or
                                                                "/srv/lstm-lab"),
                        help="the shared read-only class folder ($LSTM_LAB_CLASS_DIR, else "
                        "/srv/lstm-lab)")
    parser.add_argument("--state-dir", type=Path, default=Path(env("LSTM_LAB_HUB_STATE") or
                                                                "/var/lib/lstm-lab/hub"),
                        help="the hub's private database and secrets ($LSTM_LAB_HUB_STATE, "
                        "else /var/lib/lstm-lab/hub)")
    parser.add_argument("--imdb", type=Path, default=Path(env("LSTM_LAB_IMDB")) if
                        env("LSTM_LAB_IMDB") else None,
                        help="the IMDB archive (any name) or aclImdb folder to serve "
                        "($LSTM_LAB_IMDB); default: keep what <class dir>/data holds")
    parser.add_argument("--python", help="the Python the env is made from (3.11+, runnable by "
                        "all users); default: this one, else /usr/bin/python3")
    parser.add_argument("--learners", default=env("LSTM_LAB_LEARNERS"),
                        help='who may log in ($LSTM_LAB_LEARNERS), e.g. "ada grace alan"')
    parser.add_argument("--instructors", default=env("LSTM_LAB_INSTRUCTORS"),
                        help="admins of the hub ($LSTM_LAB_INSTRUCTORS), e.g. you")
    parser.add_argument("--hub-ip", default="127.0.0.1",
                        help="address the hub listens on (0.0.0.0: the whole network)")
    parser.add_argument("--keep-checkout-readable", action="store_true",
                        help="leave this checkout's permissions alone")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        parser.error("run it as root (sudo make class-server): learners' servers run as the "
                     "learners, so the hub must start as root.")
    prefix = args.prefix.resolve()
    try:
        python = base_python(args.python)
        step(f"course environment in {prefix / 'env'} (from {python})")
        env_python = build_env(prefix / "env", python, CHECKOUT)
        step(f"configurable-http-proxy in {prefix / 'node'}")
        install_proxy(prefix)
        step(f"class folder {args.class_dir}: student edition, data, parsed cache")
        prepare_class_dir(args.class_dir.resolve(), env_python, CHECKOUT,
                          args.imdb.resolve() if args.imdb else None)
        changed = strip_solutions(prefix / "env", args.class_dir.resolve() / "student")
        if changed:
            step(f"{len(changed)} instructor notebooks in the environment replaced by the "
                 "student edition (learners can read the environment)")
        step(f"hub state {args.state_dir} (0700)")
        state = make_state_dir(args.state_dir)
        launcher = write_launcher(prefix, args.class_dir.resolve(), state, args.learners,
                                  args.instructors, args.hub_ip)
        if not args.keep_checkout_readable and protect_checkout(CHECKOUT):
            step(f"{CHECKOUT} made private (0700): it holds the worked solutions")
    except InstallError as err:
        sys.exit(f"class-server: {err}")
    print(f"\nDone. Start the hub:   sudo {launcher}\n"
          f"or as a service:      sudo systemctl enable --now {prefix}/etc/lstm-lab-hub.service"
          f"\nWho may log in:       {prefix}/etc/class.env")


if __name__ == "__main__":
    main()
