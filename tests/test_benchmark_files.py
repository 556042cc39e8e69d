"""Results a lesson shows but does not compute (benchmarks/*.json) must be what the
project's own benchmark script writes today: its columns, only models it knows, and the
command, date and machine that produced them. Holds for every file present, and for a file
written now through the scripts' shared writer."""

import json
from pathlib import Path

import pytest

from lstm_helpers.course import benchmark_results

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {"variants": "bench_variants", "pretraining": "bench_pretraining",
           "forecast": "bench_forecast",
           "sentiment": "bench_sentiment", "classroom": "bench_classroom"}


def check_against_script(results: dict, name: str, load_tool) -> None:
    script = load_tool(SCRIPTS[name])
    assert results["script"] == f"tools/{SCRIPTS[name]}.py"
    assert tuple(results["columns"]) == script.COLUMNS, "columns differ from the script's"
    key = script.COLUMNS[0]
    unknown = {row[key] for row in results["rows"]} - set(script.MODELS)
    assert not unknown, f"models the script does not know: {unknown}"
    for row in results["rows"]:
        assert set(row) <= set(script.COLUMNS), f"a row has columns the script never writes: {row}"
    for field in ("command", "date", "machine"):
        assert results[field], f"no {field}"
    assert results["command"].startswith(f".venv/bin/python tools/{SCRIPTS[name]}.py")


@pytest.mark.parametrize("path", sorted((ROOT / "benchmarks").glob("*.json")),
                         ids=lambda p: p.name)
def test_every_saved_result_matches_its_script(path, load_tool):
    name = path.stem
    assert name in SCRIPTS, f"{path.name} has no benchmark script"
    check_against_script(json.loads(path.read_text(encoding="utf-8")), name, load_tool)


def test_a_file_written_by_the_scripts_writer_is_read_back_and_shown(tmp_path, monkeypatch,
                                                                    capsys, load_tool):
    bench_common, bench_variants = load_tool("bench_common"), load_tool("bench_variants")

    row = {"variant": "gru", "seed": 42, "parameters": 10, "epochs": 3, "train s": 1.0,
           "s / epoch": 0.5, "val acc": 0.9, "test acc": 0.88, "ROC AUC": 0.95,
           "peak memory": 1.2}
    monkeypatch.setattr(benchmark_results, "FOLDER", tmp_path)
    bench_common.write_results(tmp_path / "variants.json", [row], bench_variants.COLUMNS,
                               script="tools/bench_variants.py")
    results = benchmark_results.load("variants")
    check_against_script(results, "variants", load_tool)
    assert benchmark_results.rows(results, ["gru"]) == [row]
    monkeypatch.setattr(benchmark_results, "FOLDER", tmp_path / "empty")
    assert benchmark_results.load("variants") is None
    assert "tools/bench_variants.py" in capsys.readouterr().out  # says how to make it
