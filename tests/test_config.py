import json

import numpy as np
import pytest

from lstm_helpers import config


@pytest.mark.parametrize(("raw", "fast"), [("1", True), ("true", True), ("0", False), ("", False)])
def test_fast_switch_reads_the_environment(monkeypatch, raw, fast):
    monkeypatch.setenv("LSTM_LAB_FAST", raw)
    assert config.is_fast() is fast
    assert config.scale(full=5000, fast=200) == (200 if fast else 5000)
    assert config.mode_name() == ("fast" if fast else "full")


def test_unset_switch_means_full_mode(monkeypatch):
    monkeypatch.delenv("LSTM_LAB_FAST", raising=False)
    assert config.scale(full="big", fast="small") == "big"


def test_an_unreadable_switch_says_what_to_use(monkeypatch):
    monkeypatch.setenv("LSTM_LAB_FAST", "maybe")
    with pytest.raises(ValueError, match="use 1 for fast mode or 0 for full mode"):
        config.is_fast()


def test_seeds_make_numpy_repeat():
    config.set_seeds(7)
    first = np.random.rand(3)
    config.set_seeds(7)
    np.testing.assert_array_equal(first, np.random.rand(3))


def test_start_lesson_logs_its_mode(monkeypatch, tmp_path, capsys):
    log = tmp_path / "runs.jsonl"
    monkeypatch.setenv("LSTM_LAB_RUN_LOG", str(log))
    monkeypatch.setenv("LSTM_LAB_FAST", "1")
    assert config.start_lesson("99_test") is None  # nothing echoed under the cell
    assert "FAST mode" in capsys.readouterr().out
    entry = json.loads(log.read_text().splitlines()[-1])
    assert entry["lesson"] == "99_test" and entry["mode"] == "fast" and entry["event"] == "start"


def test_cache_dir_follows_the_environment(course_cache):
    assert config.cache_dir() == course_cache
    assert course_cache.is_dir()


def test_an_unusable_cache_folder_names_the_variable(tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    for bad in (blocker, blocker / "below"):
        monkeypatch.setenv("LSTM_LAB_CACHE", str(bad))
        with pytest.raises(config.CacheDirError, match="LSTM_LAB_CACHE"):
            config.cache_dir()


def test_shared_caches_are_read_from_the_environment(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("LSTM_LAB_SHARED_CACHE", f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
    assert config.shared_cache_dirs() == [tmp_path / "a", tmp_path / "b"]
    monkeypatch.delenv("LSTM_LAB_SHARED_CACHE")
    assert config.shared_cache_dirs() == []
