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
    assert config.start_lesson("99_test") == "fast"
    assert "FAST mode" in capsys.readouterr().out
    entry = json.loads(log.read_text().splitlines()[-1])
    assert entry["lesson"] == "99_test" and entry["mode"] == "fast"


def test_cache_dir_follows_the_environment(course_cache):
    assert config.cache_dir() == course_cache
    assert course_cache.is_dir()
