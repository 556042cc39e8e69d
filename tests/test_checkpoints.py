"""Catch-up checkpoints (``training.checkpoints``): what is saved comes back the same, other
parameters or another mode make another checkpoint, and a damaged or mismatched file is
refused with the file named and the lesson that remakes it; ``keep`` trains only when it
must, and ``earlier`` never skips a missing model silently."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from lstm_helpers.core.errors import DamagedFileError, LabInputError, LabTypeError
from lstm_helpers.training import checkpoints, course_classifier, next_word_training
from lstm_helpers.training.callbacks import TrainingRun

LESSON = "05_imdb_classifier"
PARAMS = {"recipe": {"units": 4, "epochs": 2}, "n_train": 600}


def tiny_model():
    import keras

    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input((None,), dtype="int32"),
                             keras.layers.Embedding(20, 3, name="embedding"),
                             keras.layers.LSTM(2, name="lstm"),
                             keras.layers.Dense(1, activation="sigmoid", name="readout")])


def a_result():
    run = TrainingRun("course LSTM", history={"val_accuracy": [0.6, 0.7]},
                      epoch_seconds=[3.0, 2.0], best_epoch=2)
    return {"model": tiny_model(), "run": run, "probs": np.array([0.1, 0.9]),
            "rows": [{"variant": "GRU", "test acc": np.float64(0.8), "seed": 42}],
            "pair": (np.arange(3, dtype=np.int32), "words")}


def test_what_is_saved_comes_back_the_same(course_cache):
    value = a_result()
    path = checkpoints.save(value, LESSON, "course LSTM", PARAMS)
    assert path.parent == course_cache / "checkpoints" / "05-imdb-classifier"
    back = checkpoints.load(LESSON, "course LSTM", PARAMS)
    x = np.array([[1, 4, 7]], np.int32)
    np.testing.assert_allclose(np.asarray(back["model"](x)), np.asarray(value["model"](x)),
                               atol=1e-6)
    assert back["run"].best_epoch == 2 and back["run"].history == {"val_accuracy": [0.6, 0.7]}
    assert back["run"].seconds_per_epoch == 2.5
    np.testing.assert_array_equal(back["probs"], [0.1, 0.9])
    assert back["rows"] == [{"variant": "GRU", "test acc": 0.8, "seed": 42}]
    assert isinstance(back["pair"], tuple) and back["pair"][1] == "words"
    assert back["pair"][0].dtype == np.int32


def test_other_parameters_seeds_and_modes_are_other_checkpoints(course_cache, monkeypatch):
    checkpoints.save({"probs": np.ones(2)}, LESSON, "recipe A", PARAMS)
    with pytest.raises(FileNotFoundError, match="run lesson 05_imdb_classifier in fast"):
        checkpoints.load(LESSON, "recipe A", {**PARAMS, "n_train": 300})
    with pytest.raises(FileNotFoundError):
        checkpoints.load(LESSON, "recipe A", PARAMS, seed=7)
    monkeypatch.setenv("LSTM_LAB_FAST", "0")
    with pytest.raises(FileNotFoundError, match="in full mode"):
        checkpoints.load(LESSON, "recipe A", PARAMS)
    paths = {checkpoints.checkpoint_path(LESSON, "recipe A", p)
             for p in (PARAMS, {**PARAMS, "n_train": 300}, {"n_train": 600, **PARAMS})}
    assert len(paths) == 2  # the order of the keys does not matter, their values do


def test_a_cut_short_file_is_named_with_the_step_that_remakes_it(course_cache):
    path = checkpoints.save({"probs": np.ones(5)}, LESSON, "recipe A", PARAMS)
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(DamagedFileError) as caught:
        checkpoints.load(LESSON, "recipe A", PARAMS)
    message = str(caught.value)
    assert str(path) in message and "CATCH_UP = False" in message and "lesson 05" in message


def test_a_checkpoint_saved_for_other_settings_is_refused(course_cache):
    other = checkpoints.save({"probs": np.ones(5)}, LESSON, "recipe A", {"n_train": 1})
    wanted = checkpoints.checkpoint_path(LESSON, "recipe A", PARAMS)
    shutil.copy(other, wanted)  # a file renamed by hand, or copied from another run
    with pytest.raises(DamagedFileError, match="saved for other settings.*params"):
        checkpoints.load(LESSON, "recipe A", PARAMS)


def test_a_model_file_that_is_not_the_one_saved_is_refused(course_cache):
    path = checkpoints.save({"model": tiny_model()}, LESSON, "course LSTM", PARAMS)
    model_file = next(path.parent.glob("*.keras"))
    model_file.write_bytes(b"not a model")
    with pytest.raises(DamagedFileError, match=r"\.keras is damaged: it is missing, or not"):
        checkpoints.load(LESSON, "course LSTM", PARAMS)
    model_file.unlink()
    with pytest.raises(DamagedFileError, match="missing"):
        checkpoints.load(LESSON, "course LSTM", PARAMS)


def test_bad_names_and_parameters_are_refused_naming_the_argument(course_cache):
    with pytest.raises(LabInputError, match="name must be"):
        checkpoints.checkpoint_path(LESSON, "  ", PARAMS)
    with pytest.raises(LabTypeError, match="params must be a dict"):
        checkpoints.checkpoint_path(LESSON, "x", [1, 2])
    with pytest.raises(LabTypeError, match=r"params\['f'\] must hold numbers"):
        checkpoints.checkpoint_path(LESSON, "x", {"f": object()})
    with pytest.raises(LabTypeError, match="key that is not a string"):
        checkpoints.save({1: 2}, LESSON, "x", PARAMS)


def test_keep_trains_by_default_and_loads_when_catching_up(course_cache, capsys):
    calls = []

    def train():
        calls.append(1)
        return {"probs": np.array([0.25])}

    first = checkpoints.keep("recipe A", train, params=PARAMS, catch_up=False, lesson=LESSON)
    again = checkpoints.keep("recipe A", train, params=PARAMS, catch_up=False, lesson=LESSON)
    assert len(calls) == 2  # a learner who does not ask to catch up always trains

    def must_not_train():
        raise AssertionError("trained although a checkpoint was there")

    loaded = checkpoints.keep("recipe A", must_not_train, params=PARAMS, catch_up=True,
                              lesson=LESSON)
    assert loaded["probs"].tolist() == first["probs"].tolist() == again["probs"].tolist()
    assert "catch-up: loaded 'recipe A'" in capsys.readouterr().out
    checkpoints.keep("recipe B", train, params=PARAMS, catch_up=True, lesson=LESSON)
    assert len(calls) == 3 and "no saved 'recipe B'" in capsys.readouterr().out


def test_keep_needs_to_know_the_lesson(course_cache, monkeypatch):
    from lstm_helpers import config

    monkeypatch.setitem(config._LESSON, "name", None)
    with pytest.raises(LabInputError, match="lesson is unknown"):
        checkpoints.keep("x", lambda: 1, params={}, catch_up=False)


def test_earlier_loads_or_trains_saying_so_never_skips(course_cache, capsys):
    trained = checkpoints.earlier(LESSON, "course LSTM", lambda: {"probs": np.array([0.5])},
                                  params=PARAMS)
    out = capsys.readouterr().out
    assert "has not saved 'course LSTM'" in out and "training it now" in out
    assert trained["probs"].tolist() == [0.5]

    def must_not_train():
        raise AssertionError("trained although lesson 05 saved it")

    loaded = checkpoints.earlier(LESSON, "course LSTM", must_not_train, params=PARAMS)
    assert loaded["probs"].tolist() == [0.5] and "loaded lesson" in capsys.readouterr().out
    path = checkpoints.checkpoint_path(LESSON, "course LSTM", PARAMS)
    path.write_bytes(b"garbage")
    again = checkpoints.earlier(LESSON, "course LSTM", lambda: {"probs": np.array([0.7])},
                                params=PARAMS)
    out = capsys.readouterr().out
    assert "is damaged" in out and "training it now" in out and again["probs"][0] == 0.7


def test_lesson_04s_model_is_trained_when_missing_or_damaged(course_cache, monkeypatch,
                                                            capsys):
    from lstm_helpers.models import language_models

    sizes = next_word_training.NextWordSizes(vocab_size=20, n_train=4, n_val=2, n_test=2,
                                             window=4, embed_dim=3, units=2, epochs=1)
    vocabulary = ["", "[UNK]"] + [f"w{i}" for i in range(18)]
    calls = []

    def fake_training(given):
        calls.append(given)
        return language_models.build_language_model(20, 3, 2), vocabulary

    monkeypatch.setattr(next_word_training, "train_language_model", fake_training)
    model, words = next_word_training.load_or_train(sizes)
    assert calls == [sizes] and words == vocabulary
    assert "has not saved its fast-mode language model" in capsys.readouterr().out
    next_word_training.load_or_train(sizes)  # now saved: loaded, not trained
    assert len(calls) == 1 and "loaded lesson 04's" in capsys.readouterr().out
    language_models.saved_model_paths("fast")[1].write_text("not json")
    next_word_training.load_or_train(sizes)
    assert len(calls) == 2 and "is damaged" in capsys.readouterr().out
    with pytest.raises(LabInputError, match="NextWordSizes"):
        next_word_training.load_or_train({"vocab_size": 20})
    with pytest.raises(LabInputError, match="units must be"):
        next_word_training.NextWordSizes(vocab_size=20, n_train=4, n_val=2, n_test=2,
                                         window=4, embed_dim=3, units=0, epochs=1)


def test_the_saved_vocabulary_gives_back_the_classifier_s_word_ids():
    vectorizer = course_classifier.vectorizer_for(["", "[UNK]", "good", "film"])
    assert np.asarray(vectorizer(["a good film"])).tolist() == [[1, 2, 3]]
    with pytest.raises(LabInputError, match="must start with '' and"):
        course_classifier.vectorizer_for(["good", "film"])


def test_a_class_catches_up_from_the_instructor_s_shared_cache(course_cache, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "instructor"))
    checkpoints.save({"probs": np.array([0.3])}, LESSON, "recipe A", PARAMS)
    monkeypatch.setenv("LSTM_LAB_CACHE", str(course_cache))  # a learner, own cache empty
    monkeypatch.setenv("LSTM_LAB_SHARED_CACHE", str(tmp_path / "instructor"))
    assert checkpoints.load(LESSON, "recipe A", PARAMS)["probs"].tolist() == [0.3]
    monkeypatch.delenv("LSTM_LAB_SHARED_CACHE")
    with pytest.raises(FileNotFoundError):
        checkpoints.load(LESSON, "recipe A", PARAMS)
