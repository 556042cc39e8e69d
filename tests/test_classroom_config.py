"""The class server's configuration and installer, without starting a hub: the config read as
JupyterHub reads it (a traitlets Config), for each mode; the installer's steps that decide
privacy (a Python learners can run, the hub's state folder, the checkout) on temp folders.
The real hub with real accounts is tests/test_classroom_isolation.py."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "classroom" / "jupyterhub_config.py"


@pytest.fixture(scope="module")
def install():
    """classroom/install.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("class_install", ROOT / "classroom" /
                                                  "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def hub_env(tmp_path, monkeypatch):
    """A plain-mode environment in temp folders; returns the class folder."""
    for name in ("LSTM_LAB_IMDB", "LSTM_LAB_IMDB_OVERRIDE", "LSTM_LAB_SERVER_IDLE_S",
                 "LSTM_LAB_MEM_LIMIT", "LSTM_LAB_FAST"):
        monkeypatch.delenv(name, raising=False)
    class_dir = tmp_path / "class"
    (class_dir / "data").mkdir(parents=True)
    monkeypatch.setenv("LSTM_LAB_HUB_MODE", "plain")
    monkeypatch.setenv("LSTM_LAB_CLASS_DIR", str(class_dir))
    monkeypatch.setenv("LSTM_LAB_HUB_STATE", str(tmp_path / "state"))
    return class_dir


def read_config(path: Path = CONFIG) -> Config:
    """The config as JupyterHub's loader builds it."""
    config = Config()
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, {"get_config": lambda: config, "__file__": str(path), "__name__": "config"})
    return config


def tar_of(folder: Path, archive: Path) -> Path:
    (folder / "aclImdb" / "train" / "pos").mkdir(parents=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder / "aclImdb", arcname="aclImdb")
    return archive


@pytest.mark.parametrize("name", ["aclImdb_v1.tar.gz", "imdb-for-class.tgz", "IMDB copy.tar"])
def test_the_class_data_is_found_under_any_archive_name(hub_env, tmp_path, monkeypatch, name):
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "0")
    archive = tar_of(tmp_path / "src", hub_env / "data" / name)
    assert read_config().Spawner.environment["LSTM_LAB_IMDB"] == str(archive)


def test_class_data_that_is_missing_ambiguous_or_not_an_archive_stops_the_hub(
        hub_env, tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "0")
    assert "LSTM_LAB_IMDB" not in read_config().Spawner.environment  # none: kernels download
    (hub_env / "data" / "notes.txt").write_text("not the data")
    with pytest.raises(ValueError, match="notes.txt is not a tar archive"):
        read_config()
    tar_of(tmp_path / "src", hub_env / "data" / "imdb.tgz")
    with pytest.raises(ValueError, match="imdb.tgz, notes.txt: keep one"):
        read_config()
    monkeypatch.setenv("LSTM_LAB_IMDB", str(tmp_path / "nowhere.tar.gz"))
    with pytest.raises(ValueError, match="nowhere.tar.gz: no such file"):
        read_config()
    monkeypatch.setenv("LSTM_LAB_IMDB", str(hub_env / "data" / "imdb.tgz"))  # the hub's choice
    assert read_config().Spawner.environment["LSTM_LAB_IMDB"].endswith("imdb.tgz")


def test_plain_mode_keeps_the_hub_state_private_and_out_of_the_checkout(hub_env, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "0")
    state = tmp_path / "state"
    state.mkdir(mode=0o755)
    state.chmod(0o755)  # an open folder given by mistake is closed
    config = read_config()
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    assert config.JupyterHub.db_url == f"sqlite:///{state / 'jupyterhub.sqlite'}"
    assert Path(config.JupyterHub.cookie_secret_file).parent == state
    assert config.JupyterHub.cleanup_servers is True
    assert config.JupyterHub.spawner_class.endswith("LocalProcessSpawner")
    monkeypatch.setenv("LSTM_LAB_HUB_STATE", str(ROOT / "hub-state"))
    with pytest.raises(ValueError, match="inside the course checkout"):
        read_config()
    assert not (ROOT / "hub-state").exists()


def test_the_culler_timeout_must_outlast_the_hubs_activity_interval(hub_env, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "300")
    with pytest.raises(ValueError, match="culls learners who are working"):
        read_config()
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "3600")
    if importlib.util.find_spec("jupyterhub_idle_culler") is None:  # no classroom extra here
        with pytest.raises(ValueError, match="jupyterhub-idle-culler is not installed"):
            read_config()
    else:
        config = read_config()
        command = config.JupyterHub.services[0]["command"]
        assert "--timeout=3600" in command and config.JupyterHub.last_activity_interval == 300


def test_the_memory_limit_holds_the_measured_learner_peak(hub_env, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_SERVER_IDLE_S", "0")
    limit = read_config().Spawner.mem_limit
    assert limit.endswith("G") and float(limit[:-1]) >= 2.7  # 2.7 GB measured (issue 28)


def test_tljh_mode_leaves_the_spawner_command_state_and_culler_to_tljh(hub_env, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_HUB_MODE", "tljh")
    config = read_config()
    assert "cmd" not in config.Spawner and "db_url" not in config.JupyterHub
    assert "services" not in config.JupyterHub
    assert config.Spawner.pre_spawn_hook is not None


@pytest.fixture
def open_tmp():
    """A temp folder every user can reach (pytest's own sits under a 0700 folder)."""
    folder = Path(tempfile.mkdtemp(prefix="lstm-lab-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_the_installer_refuses_a_python_learners_cannot_run(install, open_tmp):
    if not install.reachable_by_all(open_tmp):
        pytest.skip(f"{open_tmp.parent} is not open to other users here")
    private = open_tmp / "root-home"  # like /root (0700), where pyenv puts its Pythons
    private.mkdir(mode=0o700)
    python = private / "python3"
    python.write_text("#!/bin/sh\necho True\n")
    python.chmod(0o755)
    with pytest.raises(install.InstallError, match="not reachable by other users"):
        install.base_python(str(python))
    private.chmod(0o755)  # the same Python, once every user can reach it
    assert install.base_python(str(python)) == python


def test_the_installer_makes_the_state_private_and_refuses_the_checkout(install, tmp_path):
    state = install.make_state_dir(tmp_path / "var" / "hub")
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    with pytest.raises(install.InstallError, match="inside the course checkout"):
        install.make_state_dir(ROOT / "state", checkout=ROOT)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    checkout.chmod(0o755)
    assert install.protect_checkout(checkout) is True
    assert stat.S_IMODE(checkout.stat().st_mode) == 0o700
    assert install.protect_checkout(checkout) is False  # already private: left alone


def test_the_installer_takes_any_archive_name_and_refuses_anything_else(install, tmp_path):
    archive = tar_of(tmp_path / "src", tmp_path / "my class copy.tgz")
    assert install.check_imdb(archive) == archive
    (tmp_path / "reviews.zip").write_bytes(b"PK\x03\x04 not a tar")
    with pytest.raises(install.InstallError, match="not a tar archive"):
        install.check_imdb(tmp_path / "reviews.zip")
    with pytest.raises(install.InstallError, match="no such file"):
        install.check_imdb(tmp_path / "missing.tar.gz")


def test_the_launcher_puts_the_env_and_proxy_first_on_path(install, tmp_path):
    launcher = install.write_launcher(tmp_path / "opt", tmp_path / "srv", tmp_path / "state",
                                      "ada grace", "you", "127.0.0.1")
    assert subprocess.run(["sh", "-n", str(launcher)]).returncode == 0
    fake_python = tmp_path / "opt" / "env" / "bin" / "python"
    fake_python.parent.mkdir(parents=True)
    fake_python.write_text("#!/bin/sh\nenv\n")  # print what the hub would be started with
    fake_python.chmod(0o755)
    (tmp_path / "state").mkdir()
    shown = subprocess.run([str(launcher)], capture_output=True, text=True,
                           env={"PATH": "/usr/bin:/bin", "LSTM_LAB_LEARNERS": "alan"}).stdout
    assert f"PATH={fake_python.parent}:/usr/bin:/bin" in shown
    assert "LSTM_LAB_LEARNERS=alan" in shown  # the command line wins over class.env
    assert "LSTM_LAB_INSTRUCTORS=you" in shown and f"LSTM_LAB_HUB_STATE={tmp_path}/state" in shown
    assert (tmp_path / "opt" / "etc" / "jupyterhub_config.py").read_text() == CONFIG.read_text()
    assert os.access(launcher, os.X_OK)


def test_dropped_into_tljhs_config_folder_it_runs_in_tljh_mode(hub_env, tmp_path, monkeypatch):
    monkeypatch.delenv("LSTM_LAB_HUB_MODE")
    folder = tmp_path / "jupyterhub_config.d"
    folder.mkdir()
    copy = folder / "lstm_lab.py"
    copy.write_text(CONFIG.read_text())
    config = read_config(copy)
    assert "cmd" not in config.Spawner and "authenticator_class" not in config.JupyterHub
    assert not (tmp_path / "state").exists()  # TLJH keeps its own state
