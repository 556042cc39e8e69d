"""Bad inputs meet a clear error at the boundary (issue 25).

Every case gives a bad argument or a damaged file to a public helper and asserts the
project's own error type *and* that the message names the problem (the argument, the
value or the file, and what to do). Tiny fake data only: no training, no download.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from lstm_helpers import config
from lstm_helpers.core import forecasting, gradients, metrics
from lstm_helpers.core.cells import LSTMWeights
from lstm_helpers.core.errors import DamagedFileError, LabInputError, LabTypeError
from lstm_helpers.core.initializers import random_lstm_weights
from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.data import batches, text
from lstm_helpers.data.imdb import IMDBDataError, load_imdb, load_unlabelled
from lstm_helpers.data.series import SeriesUnavailable, load_series

# --------------------------------------------------------------------------- loader


@pytest.fixture
def aclimdb(tmp_path: Path, course_cache: Path, fake_imdb) -> Path:
    return fake_imdb.folder(tmp_path / "data", unlabelled=True)


def test_a_damaged_urls_file_is_named_instead_of_a_silent_review_split(aclimdb):
    (aclimdb / "train" / "urls_pos.txt").write_text("garbage\n")
    with pytest.raises(IMDBDataError, match=r"urls_pos\.txt.*split='random'"):
        load_imdb(aclimdb, split="film", expected=None)
    assert load_imdb(aclimdb, split="random", expected=None).split == "random"


@pytest.mark.parametrize("kwargs, pattern", [
    ({"split": "films"}, r"split must be one of 'film', 'random'; got 'films'"),
    ({"val_fraction": 1.5}, r"val_fraction must be between 0 and 1.*1\.5"),
    ({"val_fraction": float("nan")}, r"val_fraction must be a finite number; got nan"),
    ({"n_train": -3}, r"n_train must be at least 2; got -3"),
    ({"n_test": 2.5}, r"n_test must be a whole number; got 2\.5"),
    ({"expected": "all"}, r"expected must be None \(accept any copy\) or reviews per folder"),
])
def test_load_imdb_refuses_bad_arguments_before_reading(aclimdb, kwargs, pattern):
    with pytest.raises(LabInputError, match=pattern):
        load_imdb(aclimdb, **({"expected": None} | kwargs))


@pytest.mark.parametrize("n, error, pattern", [
    (-5, LabInputError, r"n must be at least 0; got -5"),
    ("10", LabTypeError, r"n must be a whole number; got '10'"),
    (True, LabTypeError, r"n must be a whole number; got True"),
])
def test_load_unlabelled_refuses_a_bad_count(aclimdb, n, error, pattern):
    with pytest.raises(error, match=pattern):
        load_unlabelled(aclimdb, n=n, expected=None)


def refuse_reading_under(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file under ``folder`` answers as an unreadable one does (the tests run as root,
    who can read anything)."""
    real = Path.is_file

    def refused(self: Path) -> bool:
        if folder in self.parents:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", refused)


def test_an_unreadable_shared_cache_is_skipped_with_one_line(aclimdb, tmp_path, monkeypatch,
                                                             capsys):
    shared = tmp_path / "shared"
    (shared / "imdb").mkdir(parents=True)
    monkeypatch.setenv(config.SHARED_CACHE_ENV, str(shared))
    refuse_reading_under(shared, monkeypatch)
    assert len(load_imdb(aclimdb, expected=None, split="random").test) == 6
    out = capsys.readouterr().out
    assert config.SHARED_CACHE_ENV in out and str(shared) in out and out.count("\n") == 1


def test_folders_made_under_umask_077_stay_readable_by_the_class(tmp_path, monkeypatch):
    root = tmp_path / "class-cache"
    root.mkdir()
    root.chmod(0o755)
    monkeypatch.setenv(config.CACHE_ENV, str(root / "lstm_lab"))
    old = os.umask(0o077)
    try:
        folder = config.make_folder(config.cache_dir() / "imdb")
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert stat.S_IMODE((root / "lstm_lab").stat().st_mode) == 0o755


def test_a_private_parent_keeps_the_users_private_umask(tmp_path, monkeypatch):
    root = tmp_path / "mine"
    root.mkdir()
    root.chmod(0o700)
    old = os.umask(0o077)
    try:
        folder = config.make_folder(root / "imdb")
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_the_users_own_default_cache_keeps_their_private_umask(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv(config.CACHE_ENV, raising=False)
    old = os.umask(0o077)
    try:
        folder = config.make_folder(config.cache_dir() / "imdb")
    finally:
        os.umask(old)
    assert folder == home / ".cache" / "lstm_lab" / "imdb"
    for made in (folder, folder.parent, folder.parent.parent):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700


def test_files_are_written_atomically_and_readable(tmp_path):
    target = tmp_path / "out.json"
    config.atomic_write_text(target, "{}")
    assert target.read_text() == "{}" and not list(tmp_path.glob("*.tmp"))

    def boom(handle):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        config.atomic_write(target, boom)
    assert target.read_text() == "{}" and not list(tmp_path.glob("*.tmp"))


@pytest.mark.parametrize("source", [42, ["a.tar.gz"]])
def test_load_imdb_wants_a_path(course_cache, source):
    with pytest.raises(LabTypeError, match=r"source must be a path .*got (int|list)"):
        load_imdb(source)


@pytest.mark.parametrize("name", ["co3", "", None])
def test_load_series_names_the_choices(name):
    with pytest.raises(LabInputError, match=r"name must be one of 'co2', 'sunspots'"):
        load_series(name)


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("seq_len, error, pattern", [
    (1, LabInputError, r"seq_len must be at least 2; got 1"),
    ("3", LabTypeError, r"seq_len must be a whole number; got '3'"),
])
def test_make_lines_refuses_a_bad_window(seq_len, error, pattern):
    with pytest.raises(error, match=pattern):
        text.make_lines(["a", "b", "c"], seq_len)


def test_vocabulary_maps_wants_the_reserved_tokens():
    with pytest.raises(LabInputError, match=r"vocabulary.*''.*\[UNK\]"):
        text.vocabulary_maps(["the", "a"])


def test_a_learner_text_that_is_not_text_gets_a_text_error():
    with pytest.raises(text.TextInputError, match=r"Expected text.*int"):
        text.words_of(42, vectorize=None)
    assert issubclass(text.TextInputError, LabInputError)


@pytest.mark.parametrize("length, pattern", [
    (0, r"length must be at least 1; got 0"),
    (-2, r"length must be at least 1; got -2"),
    (1.5, r"length must be a whole number; got 1\.5"),
])
def test_windows_refuse_a_bad_length(length, pattern):
    with pytest.raises(LabInputError, match=pattern):
        batches.windows(np.arange(20), length)


def test_windows_refuse_a_2d_stream():
    with pytest.raises(LabInputError, match=r"stream must be one token stream.*\(2, 10\)"):
        batches.windows(np.zeros((2, 10), int), 3)


@pytest.mark.parametrize("length", [-1, -100])
def test_pad_refuses_a_negative_length(length):
    with pytest.raises(LabInputError, match=rf"length must be at least 0; got {length}"):
        batches.pad([np.array([1, 2, 3])], length)


def test_pad_refuses_an_unknown_side():
    with pytest.raises(LabInputError, match=r"padding must be 'pre' or 'post'; got 'middle'"):
        batches.pad([np.array([1, 2])], 4, padding="middle")


@pytest.mark.parametrize("vocab_size", [0, 1, -4])
def test_limit_vocabulary_keeps_padding_and_unknown(vocab_size):
    with pytest.raises(LabInputError, match=r"vocab_size must be at least 2"):
        batches.limit_vocabulary([np.array([1, 5])], vocab_size)


def test_encode_refuses_a_negative_max_len():
    with pytest.raises(LabInputError, match=r"max_len must be at least 1; got -1"):
        batches.encode(["a b"], lambda t: np.array([[2, 3]]), max_len=-1)


# --------------------------------------------------------------------------- language models


class _TinyLM:
    """A stand-in language model: logits (batch, steps, vocab), the last word favoured."""

    def __init__(self, vocab: int):
        self.vocab = vocab

    def __call__(self, ids, training=False):
        ids = np.asarray(ids)
        return np.zeros((*ids.shape, self.vocab), np.float32)


@pytest.mark.parametrize("vocab_size, error, pattern", [
    (10**7, LabInputError, r"vocab_size must be between 3 and 1,000,000; got 10,000,000"),
    (0, LabInputError, r"vocab_size must be between 3 and"),
    (-5, LabInputError, r"vocab_size must be between 3 and .*got -5"),
    (2.5, LabTypeError, r"vocab_size must be a whole number; got 2\.5"),
])
def test_build_language_model_refuses_a_bad_vocabulary_size(vocab_size, error, pattern):
    from lstm_helpers.models.language_models import build_language_model

    with pytest.raises(error, match=pattern):
        build_language_model(vocab_size, 8, 8)


@pytest.mark.parametrize("field, pattern", [("embed_dim", r"embed_dim must be between 1"),
                                            ("units", r"units must be between 1")])
def test_build_language_model_refuses_bad_layer_sizes(field, pattern):
    from lstm_helpers.models.language_models import build_language_model

    sizes = {"vocab_size": 50, "embed_dim": 8, "units": 8, field: 0}
    with pytest.raises(LabInputError, match=pattern):
        build_language_model(**sizes)


def test_generate_refuses_a_vocabulary_of_only_padding_and_unknown():
    from lstm_helpers.models.language_models import generate

    with pytest.raises(LabInputError, match=r"2 entries.*only padding and '\[UNK\]'"):
        generate(_TinyLM(2), [1], 3, 1.0)


def test_generate_never_returns_padding_or_unknown_for_a_tiny_vocabulary():
    from lstm_helpers.models.language_models import generate

    words = generate(_TinyLM(3), [2], 20, 0.5)
    assert words == [2] * 20


@pytest.mark.parametrize("kwargs, pattern", [
    ({"n_words": -1}, r"n_words must be at least 0; got -1"),
    ({"temperature": 0.0}, r"temperature must be above 0"),
    ({"temperature": float("nan")}, r"temperature must be a finite number"),
    ({"seed_ids": []}, r"seed_ids must hold at least one word id"),
    ({"seed_ids": [2, 9]}, r"seed_ids.*9.*vocabulary of 5"),
])
def test_generate_refuses_bad_arguments(kwargs, pattern):
    from lstm_helpers.models.language_models import generate

    args = {"seed_ids": [2], "n_words": 3, "temperature": 1.0} | kwargs
    with pytest.raises(LabInputError, match=pattern):
        generate(_TinyLM(5), **args)


@pytest.fixture
def saved_lm(course_cache: Path) -> tuple[Path, Path]:
    from lstm_helpers.models.language_models import saved_model_paths

    model_path, vocab_path = saved_model_paths("fast")
    model_path.parent.mkdir(parents=True)
    model_path.write_bytes(b"PK\x03\x04 not really a keras file")
    vocab_path.write_text(json.dumps(["", "[UNK]", "film"]))
    return model_path, vocab_path


def test_a_damaged_saved_language_model_is_named_with_the_lesson_that_remakes_it(saved_lm):
    from lstm_helpers.models.language_models import load_language_model

    with pytest.raises(DamagedFileError, match=r"imdb_language_model-fast\.keras.*lesson 04"):
        load_language_model("fast")


@pytest.mark.parametrize("content, pattern", [
    ('["", "[UNK]", "fil', r"vocabulary\.json.*not valid JSON.*lesson 04"),
    ('{"a": 1}', r"vocabulary\.json.*list of words.*lesson 04"),
    ('["the", "a"]', r"vocabulary\.json.*'' and '\[UNK\]'.*lesson 04"),
])
def test_a_damaged_vocabulary_file_is_named(saved_lm, content, pattern):
    from lstm_helpers.models.language_models import load_language_model

    saved_lm[1].write_text(content)
    with pytest.raises(DamagedFileError, match=pattern):
        load_language_model("fast")


def test_load_language_model_names_an_unknown_mode(course_cache):
    from lstm_helpers.models.language_models import load_language_model

    with pytest.raises(LabInputError, match=r"mode must be one of 'fast', 'full'; got 'quick'"):
        load_language_model("quick")


@pytest.mark.parametrize("stream, vocab_size, pattern", [
    ([2, 3, 7], 5, r"stream holds id 7.*vocab_size=5"),
    ([2, -1, 3], 5, r"stream holds id -1"),
    ([2.5, 3], 5, r"stream must be whole-number word ids"),
    ([2, 3], 1, r"vocab_size must be at least 2"),
])
def test_bigram_baseline_refuses_ids_outside_its_vocabulary(stream, vocab_size, pattern):
    from lstm_helpers.models.baselines import BigramBaseline

    with pytest.raises(LabInputError, match=pattern):
        BigramBaseline(np.array(stream), vocab_size)


@pytest.mark.parametrize("weight", [1.5, -0.1, float("nan")])
def test_bigram_baseline_refuses_a_bad_weight(weight):
    from lstm_helpers.models.baselines import BigramBaseline

    with pytest.raises(LabInputError, match=r"weight"):
        BigramBaseline(np.array([2, 3, 2]), 5, weight=weight)


def test_bigram_probabilities_refuse_ids_outside_the_vocabulary():
    from lstm_helpers.models.baselines import BigramBaseline

    model = BigramBaseline(np.array([2, 3, 2, 4]), 5)
    with pytest.raises(LabInputError, match=r"nxt holds id 9.*vocab_size=5"):
        model.prob(np.array([2]), np.array([9]))


# --------------------------------------------------------------------------- cells


def test_lstm_weights_refuse_nan():
    w = random_lstm_weights(2, 3, seed=0)
    kernel = w.kernel.copy()
    kernel[0, 0] = np.nan
    with pytest.raises(LabInputError, match=r"LSTM kernel holds 1 NaN or infinite"):
        LSTMWeights(kernel, w.recurrent_kernel, w.bias)


def test_lstm_weights_name_a_shape_that_does_not_fit():
    w = random_lstm_weights(2, 3, seed=0)
    with pytest.raises(LabInputError, match=r"LSTM bias must have shape \(12,\).*got \(4,\)"):
        LSTMWeights(w.kernel, w.recurrent_kernel, np.zeros(4))


def test_a_cell_run_names_the_input_width():
    w = random_lstm_weights(2, 3, seed=0)
    with pytest.raises(LabInputError, match=r"input"):
        run_lstm(np.zeros((1, 4, 5)), w)


def test_a_cell_run_refuses_nan_inputs():
    w = random_lstm_weights(2, 3, seed=0)
    xs = np.zeros((1, 4, 2))
    xs[0, 1, 1] = np.inf
    with pytest.raises(LabInputError, match=r"NaN or infinite"):
        run_lstm(xs, w)


# --------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("clip", [gradients.clip_by_global_norm, gradients.clip_each_by_norm,
                                  gradients.clip_by_value])
@pytest.mark.parametrize("limit", [-1.0, 0.0, float("nan")])
def test_clipping_refuses_a_threshold_that_is_not_positive(clip, limit):
    with pytest.raises(LabInputError, match=r"(max_norm|limit) must be"):
        clip([np.ones(3)], limit)


def test_clipping_refuses_nan_gradients():
    with pytest.raises(LabInputError, match=r"grads\[1\] holds 1 NaN"):
        gradients.clip_by_global_norm([np.ones(2), np.array([1.0, np.nan])], 1.0)


def test_gradient_norms_want_one_sequence():
    from lstm_helpers.core.initializers import random_rnn_weights

    with pytest.raises(LabInputError, match=r"one sequence of shape \(steps, input_dim\)"):
        gradients.rnn_gradient_norms(np.zeros((2, 3, 1)), random_rnn_weights(1, 2))


# --------------------------------------------------------------------------- metrics


@pytest.mark.parametrize("score", [float("nan"), float("inf")])
@pytest.mark.parametrize("metric", [metrics.accuracy, metrics.roc_auc, metrics.confusion])
def test_metrics_refuse_a_non_finite_score(metric, score):
    with pytest.raises(LabInputError, match=r"scores holds 1 NaN or infinite"):
        metric([0, 1, 1, 0], [0.1, score, 0.8, 0.3])


def test_metrics_name_a_label_that_is_not_0_or_1():
    with pytest.raises(LabInputError, match=r"labels must be 0 .* or 1 .*got 2"):
        metrics.accuracy([0, 2], [0.1, 0.9])


def test_metrics_refuse_a_nan_threshold():
    with pytest.raises(LabInputError, match=r"threshold must be a finite number"):
        metrics.accuracy([0, 1], [0.1, 0.9], threshold=float("nan"))


# --------------------------------------------------------------------------- series


SERIES = np.sin(np.arange(60) / 3.0) + np.arange(60) / 10.0


@pytest.mark.parametrize("season, error, pattern", [
    (0, LabInputError, r"season must be at least 1; got 0"),
    (-12, LabInputError, r"season must be at least 1; got -12"),
    (2.5, LabTypeError, r"season must be a whole number"),
])
def test_seasonal_naive_refuses_a_bad_season(season, error, pattern):
    with pytest.raises(error, match=pattern):
        forecasting.seasonal_naive(season)


def test_seasonal_naive_needs_a_full_season_of_history():
    with pytest.raises(LabInputError, match=r"history has 3 values.*season of 12"):
        forecasting.seasonal_naive(12)(np.arange(3.0), 4)


def test_walk_forward_refuses_a_nan_month():
    values = SERIES.copy()
    values[20] = np.nan
    with pytest.raises(LabInputError, match=r"values holds 1 NaN.*index 20"):
        forecasting.walk_forward(values, {"naive": forecasting.last_value}, [40], 6, 12)


@pytest.mark.parametrize("kwargs, pattern", [
    ({"horizon": 0}, r"horizon must be at least 1; got 0"),
    ({"horizon": -3}, r"horizon must be at least 1; got -3"),
    ({"season": 0}, r"season must be at least 1; got 0"),
    ({"starts": [58]}, r"origin 58.*6-step horizon.*60 values"),
    ({"starts": [5]}, r"origin 5.*more than one season \(12"),
    ({"starts": []}, r"starts must name at least one origin"),
])
def test_walk_forward_refuses_bad_settings(kwargs, pattern):
    args = {"starts": [40], "horizon": 6, "season": 12} | kwargs
    with pytest.raises(LabInputError, match=pattern):
        forecasting.walk_forward(SERIES, {"naive": forecasting.last_value}, **args)


def test_walk_forward_names_a_forecaster_that_returns_nan():
    with pytest.raises(LabInputError, match=r"'broken' returned NaN or infinite"):
        forecasting.walk_forward(SERIES, {"broken": lambda h, n: np.full(n, np.nan)},
                                 [40], 6, 12)


def test_last_value_needs_history():
    with pytest.raises(LabInputError, match=r"history is empty"):
        forecasting.last_value(np.array([]), 3)


def test_origins_refuse_a_zero_horizon():
    with pytest.raises(LabInputError, match=r"horizon must be at least 1; got 0"):
        forecasting.origins(60, 0, 3, 24)


@pytest.mark.parametrize("window, horizon, pattern", [
    (0, 6, r"window must be at least 1; got 0"),
    (12, -1, r"horizon must be at least 1; got -1"),
    (50, 20, r"60 values cannot give one window of 50 and a horizon of 20"),
])
def test_make_windows_refuses_bad_sizes(window, horizon, pattern):
    from lstm_helpers.models.forecasters import make_windows

    with pytest.raises(LabInputError, match=pattern):
        make_windows(SERIES, window, horizon)


def test_neural_forecaster_refuses_a_nan_history():
    from lstm_helpers.models.forecasters import NeuralForecaster

    values = SERIES.copy()
    values[7] = np.nan
    with pytest.raises(LabInputError, match=r"history holds 1 NaN.*index 7"):
        NeuralForecaster(window=6, horizon=3, epochs=1).fit(values)


def test_neural_forecaster_refuses_a_bad_kind():
    from lstm_helpers.models.forecasters import NeuralForecaster

    with pytest.raises(LabInputError, match=r"kind must be one of 'lstm', 'gru'; got 'rnn'"):
        NeuralForecaster(kind="rnn")


def test_exponential_smoothing_without_statsmodels_says_how_to_install(monkeypatch):
    from lstm_helpers.models.forecasters import ExponentialSmoothingForecaster

    monkeypatch.setitem(sys.modules, "statsmodels.tsa.holtwinters", None)
    with pytest.raises(SeriesUnavailable, match=r"pip install statsmodels"):
        ExponentialSmoothingForecaster(season=12)(SERIES, 6)


def test_exponential_smoothing_refuses_a_nan_history():
    from lstm_helpers.models.forecasters import ExponentialSmoothingForecaster

    values = SERIES.copy()
    values[-1] = np.nan
    with pytest.raises(LabInputError, match=r"history holds 1 NaN"):
        ExponentialSmoothingForecaster(season=12)(values, 6)


@pytest.mark.parametrize("window, horizon, pattern", [
    (24, 12, r"30 values.*window of 24.*horizon of 12"),
    (0, 3, r"window must be at least 2; got 0"),
])
def test_window_explorer_refuses_a_series_too_short(window, horizon, pattern):
    from lstm_helpers.ui.series_widgets import window_explorer

    with pytest.raises(LabInputError, match=pattern):
        window_explorer(SERIES[:30], [str(i) for i in range(30)], window, horizon)


def test_window_explorer_wants_one_label_per_value():
    from lstm_helpers.ui.series_widgets import window_explorer

    with pytest.raises(LabInputError, match=r"labels.*60 values.*got 3"):
        window_explorer(SERIES, ["a", "b", "c"], 6, 3)


# --------------------------------------------------------------------------- checks


def test_a_learner_function_that_never_returns_gets_a_time_limit_verdict(monkeypatch):
    from lstm_helpers.course import build_checks

    monkeypatch.setattr(build_checks, "LEARNER_TIME_LIMIT_S", 0.3)
    release = threading.Event()

    def forever(z):
        release.wait(10)  # stands for `while True: pass`; released when the test ends
        return z

    start = time.perf_counter()
    try:
        verdict = build_checks.check_sigmoid_function(forever)
    finally:
        release.set()
    assert time.perf_counter() - start < 3
    assert not verdict and "took longer than 0.3 s" in str(verdict)


def test_a_learner_loop_that_never_ends_is_stopped_without_the_kernel(monkeypatch):
    from lstm_helpers.course import build_checks

    monkeypatch.setattr(build_checks, "LEARNER_TIME_LIMIT_S", 0.3)

    def spins(z):
        while True:
            pass

    verdict = build_checks.check_sigmoid_function(spins)
    assert not verdict and "took longer than 0.3 s" in str(verdict)
    deadline = time.perf_counter() + 5
    while any("learner's code" in t.name for t in threading.enumerate()):
        assert time.perf_counter() < deadline, "the learner's loop is still running"
        time.sleep(0.05)


class _SequenceModel:
    """Looks like a Keras model whose last LSTM kept return_sequences=True."""

    class _LSTM:
        return_sequences = True

    layers = [_LSTM()]

    def predict(self, x, verbose=0):
        return np.full((len(x), 5, 1), 0.9)


def test_check_model_accuracy_explains_return_sequences_left_on():
    from lstm_helpers.course import build_checks

    verdict = build_checks.check_model_accuracy(_SequenceModel(), np.zeros((4, 5, 3)),
                                                np.array([1, 0, 1, 1]), at_least=0.5)
    assert not verdict and "return_sequences" in str(verdict)


# --------------------------------------------------------------------------- class links


@pytest.mark.parametrize("hub_url, pattern", [
    ("https://hub example.org", r"'https://hub example\.org' is not a hub address"),
    ("https://", r"'https://' is not a hub address"),
    ("hub.example.org", r"give it with https://"),
    ("https://hub.example.org/?x=1", r"is not a hub address"),
])
def test_nbgitpuller_link_refuses_a_bad_hub(hub_url, pattern):
    from lstm_helpers.course.class_links import nbgitpuller_link

    with pytest.raises(LabInputError, match=pattern):
        nbgitpuller_link(hub_url, "02_lstm_cell")


def test_nbgitpuller_link_refuses_a_hub_that_is_not_text():
    from lstm_helpers.course.class_links import nbgitpuller_link

    with pytest.raises(LabTypeError, match=r"hub_url must be text"):
        nbgitpuller_link(None, "02_lstm_cell")


def test_nbgitpuller_link_names_the_lessons():
    from lstm_helpers.course.class_links import nbgitpuller_link

    with pytest.raises(LabInputError, match=r"no lesson '99_x'.*00_welcome"):
        nbgitpuller_link("https://hub.example.org", "99_x")


def test_the_class_links_cli_reports_a_bad_hub_on_its_usage_line(capsys):
    from lstm_helpers.course import class_links

    with pytest.raises(SystemExit) as exit_info:
        class_links.main(["hub example.org"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage:") and "not a hub address" in err and "Traceback" not in err


# --------------------------------------------------------------------------- editions


@pytest.fixture
def notebooks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from lstm_helpers.course import catalog

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in ("00_welcome", "01_rnn_basics"):
        shutil.copy(catalog.NOTEBOOKS / f"{name}.ipynb", folder)
    monkeypatch.setattr(catalog, "NOTEBOOKS", folder)
    monkeypatch.setattr(catalog, "available",
                        lambda: [item for item in catalog.LESSONS
                                 if (folder / item.notebook).exists()])
    return folder


def test_a_damaged_notebook_stops_the_edition_before_anything_is_written(notebooks, tmp_path):
    from lstm_helpers.course import editions

    (notebooks / "01_rnn_basics.ipynb").write_text('{"cells": [')
    out = tmp_path / "student"
    with pytest.raises(DamagedFileError, match=r"01_rnn_basics\.ipynb.*lessons_src"):
        editions.write_edition(out, "student")
    assert not out.exists()


def test_an_edition_writes_every_notebook_atomically(notebooks, tmp_path):
    from lstm_helpers.course import editions

    written = editions.write_edition(tmp_path / "student", "student")
    assert [p.name for p in written] == ["00_welcome.ipynb", "01_rnn_basics.ipynb"]
    assert not list((tmp_path / "student" / "notebooks").glob("*.tmp"))


def test_an_edition_names_an_unknown_lesson(notebooks, tmp_path):
    from lstm_helpers.course import editions

    with pytest.raises(LabInputError, match=r"no lesson '07_typo'"):
        editions.write_edition(tmp_path / "student", "student", ["07_typo"])


def test_an_edition_names_an_unknown_edition(notebooks, tmp_path):
    from lstm_helpers.course import editions

    with pytest.raises(LabInputError, match=r"edition must be one of 'student', 'instructor'"):
        editions.write_edition(tmp_path / "x", "teacher")


def test_the_editions_cli_reports_an_unknown_lesson_on_its_usage_line(notebooks, tmp_path,
                                                                       capsys):
    from lstm_helpers.course import editions

    with pytest.raises(SystemExit) as exit_info:
        editions.main(["--out", str(tmp_path / "s"), "07_typo"])
    assert exit_info.value.code == 2
    assert "no lesson '07_typo'" in capsys.readouterr().err


# --------------------------------------------------------------------------- benchmark files


@pytest.mark.parametrize("content, pattern", [
    ('{"rows": [', r"forecast\.json.*not valid JSON.*tools/bench_forecast\.py"),
    ('[1, 2]', r"forecast\.json.*rows.*tools/bench_forecast\.py"),
    ('{"rows": "x", "columns": []}', r"forecast\.json.*rows.*tools/bench_forecast\.py"),
    ('{"rows": [], "columns": []}', r"forecast\.json.*lacks command, date, machine"),
])
def test_a_damaged_benchmark_file_is_named_with_its_script(tmp_path, monkeypatch, content,
                                                           pattern):
    from lstm_helpers.course import benchmark_results

    monkeypatch.setattr(benchmark_results, "FOLDER", tmp_path)
    (tmp_path / "forecast.json").write_text(content)
    with pytest.raises(DamagedFileError, match=pattern):
        benchmark_results.load("forecast")


def test_a_benchmark_name_must_be_a_plain_name():
    from lstm_helpers.course import benchmark_results

    with pytest.raises(LabInputError, match=r"name must be a benchmark's name"):
        benchmark_results.load("../secrets")


@pytest.mark.parametrize("tool, args, pattern", [
    ("pretrain_lm.py", ["--epochs", "0"], r"--epochs: expected 1 or more, got 0"),
    ("pretrain_lm.py", ["--fraction", "2"], r"--fraction: expected a share above 0"),
    ("pretrain_lm.py", ["--source", "/no/such/aclImdb"], r"--source /no/such/aclImdb: no such"),
    ("time_lessons.py", ["--modes", "slow"], r"--modes 'slow': give fast, full"),
    ("time_lessons.py", ["99_nope"], r"no lesson 99_nope; the lessons are: 00_welcome"),
    ("bench_imdb_load.py", ["/no/such/archive.tar.gz"], r"/no/such/archive\.tar\.gz: no such"),
])
def test_command_line_tools_report_bad_arguments_on_the_usage_line(repo_root, tool, args,
                                                                    pattern):
    import subprocess

    done = subprocess.run([sys.executable, str(repo_root / "tools" / tool), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("usage:")
    assert re.search(pattern, done.stderr), done.stderr


@pytest.mark.parametrize("seeds, pattern", [
    ("42,x", r"--seeds: expected comma-separated whole numbers such as '42,43', got '42,x'"),
    (",", r"--seeds: expected at least one seed"),
])
def test_benchmark_scripts_refuse_bad_seeds(load_tool, monkeypatch, capsys, seeds, pattern):
    bench_common = load_tool("bench_common")

    monkeypatch.setattr(sys, "argv", ["bench_x.py", "--seeds", seeds])
    with pytest.raises(SystemExit) as exit_info:
        bench_common.run("bench_x.py", "A benchmark.", ("a", "b"), ("model",),
                         lambda name, seed, fast: {}, "42")
    assert exit_info.value.code == 2
    assert re.search(pattern, capsys.readouterr().err)

# --------------------------------------------------------------------------- more models and data


@pytest.fixture
def saved_review_lm(course_cache: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    from lstm_helpers.models import review_lm

    monkeypatch.delenv(config.SHARED_CACHE_ENV, raising=False)
    npz = review_lm.save_pretrained({"embedding": np.ones((3, 2))}, ["", "[UNK]", "a"],
                                    {"vocab_size": 3})
    return npz, npz.with_suffix(".json")


def test_saved_pretrained_weights_are_written_atomically(saved_review_lm):
    npz, meta = saved_review_lm
    assert npz.is_file() and meta.is_file()
    assert not [p for p in npz.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("which, content, pattern", [
    ("npz", b"PK\x03\x04 cut short", r"imdb_review_lm\.npz is damaged.*tools/pretrain_lm\.py"),
    ("json", b'{"vocabulary": ["", "[UNK', r"imdb_review_lm\.json.*not valid JSON"),
    ("json", b'{"vocabulary": ["a", "b"]}', r"imdb_review_lm\.json.*'vocabulary' starts"),
])
def test_damaged_pretrained_weights_are_named_with_the_tool_that_remakes_them(
        saved_review_lm, which, content, pattern):
    from lstm_helpers.models import review_lm

    npz, meta = saved_review_lm
    (npz if which == "npz" else meta).write_bytes(content)
    with pytest.raises(DamagedFileError, match=pattern):
        review_lm.load_pretrained()


def test_a_saved_language_model_needs_a_real_vocabulary(course_cache):
    from lstm_helpers.models.language_models import save_language_model

    with pytest.raises(LabInputError, match=r"vocabulary must start with '' and '\[UNK\]'"):
        save_language_model(object(), ["the", "a"], "fast")


def test_a_word_vector_file_with_text_for_numbers_is_named(tmp_path):
    from lstm_helpers.models import pretrained

    path = tmp_path / "glove.txt"
    path.write_text("great 1 2 3\nawful one two three\n")
    with pytest.raises(DamagedFileError, match=r"glove\.txt:2.*'awful'.*3 finite numbers"):
        pretrained.read_word_vectors(path, ["", "[UNK]", "great", "awful"], 3)


@pytest.mark.parametrize("changes, pattern", [
    ({"vocab_size": 10**8}, r"vocab_size must be between 3 and 1,000,000; got 100,000,000"),
    ({"vocab_size": 1}, r"vocab_size must be between 3"),
    ({"max_len": 0}, r"max_len must be at least 1; got 0"),
    ({"dropout": 1.0}, r"dropout must be at least 0 and below 1"),
    ({"learning_rate": -0.1}, r"learning_rate must be above 0"),
    ({"padding": "middle"}, r"padding must be one of 'pre', 'post'; got 'middle'"),
])
def test_a_sentiment_recipe_refuses_bad_sizes(changes, pattern):
    from lstm_helpers.models.sentiment_models import TUNED

    with pytest.raises(LabInputError, match=pattern):
        TUNED.with_(**changes)


@pytest.mark.parametrize("kwargs, pattern", [
    ({"n": 0}, r"n must be at least 1; got 0"),
    ({"distractors": -1}, r"distractors must be at least 0; got -1"),
    ({"noise": float("nan")}, r"noise must be a finite number"),
])
def test_the_recall_task_refuses_bad_sizes(kwargs, pattern):
    from lstm_helpers.data.recall_task import make_recall_data

    args = {"n": 4, "distractors": 3, "seed": 0} | kwargs
    with pytest.raises(LabInputError, match=pattern):
        make_recall_data(**args)


def test_a_typed_sequence_that_is_not_text_is_named():
    from lstm_helpers.data.recall_task import SequenceError, parse_sequence

    with pytest.raises(SequenceError, match=r"Expected text, got int"):
        parse_sequence(42)


@pytest.mark.parametrize("temperature, pattern", [
    (0.0, r"temperature must be above 0"), (float("inf"), r"temperature must be a finite"),
    ("hot", r"temperature must be a number"),
])
def test_softmax_refuses_a_bad_temperature(temperature, pattern):
    from lstm_helpers.core.activations import softmax

    with pytest.raises(LabInputError, match=pattern):
        softmax(np.zeros(3), temperature)


def test_a_shared_pretrained_model_that_cannot_be_read_is_skipped(course_cache, tmp_path,
                                                                 monkeypatch, capsys):
    from lstm_helpers.models import review_lm

    shared = tmp_path / "shared"
    (shared / "models").mkdir(parents=True)
    monkeypatch.setenv(config.SHARED_CACHE_ENV, str(shared))
    refuse_reading_under(shared, monkeypatch)
    assert review_lm.find_pretrained() is None
    assert config.SHARED_CACHE_ENV in capsys.readouterr().out
