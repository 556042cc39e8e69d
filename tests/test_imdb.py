"""The IMDB loader on made-up data (every error a user can meet) and on the real archive."""

import os
import socket
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from conftest import FAKE_REVIEWS, fake_aclimdb, fake_archive

from lstm_helpers import imdb
from lstm_helpers.imdb import IMDB_ENV, IMDB_URL, IMDBDataError, load_imdb


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.rglob("*") if p.is_file())


def test_reads_an_archive_in_the_official_layout(tmp_path, course_cache):
    data = load_imdb(fake_archive(tmp_path), val_fraction=1 / 3)
    assert data.counts() == {
        "train": {"reviews": 4, "positive": 2, "negative": 2},
        "val": {"reviews": 2, "positive": 1, "negative": 1},
        "test": {"reviews": 6, "positive": 3, "negative": 3},
    }
    expected = {f"test: {t}": (int(label == "pos"), 8 + i if label == "pos" else 1 + i)
                for label, texts in FAKE_REVIEWS.items() for i, t in enumerate(texts)}
    got = {t: (int(lab), int(r)) for t, lab, r in zip(data.test.texts, data.test.labels,
                                                      data.test.ratings, strict=True)}
    assert got == expected
    assert all(t.startswith("train: ") for t in data.train.texts + data.val.texts)


def test_an_extracted_folder_reads_the_same_as_the_archive(tmp_path, course_cache):
    from_archive = load_imdb(fake_archive(tmp_path / "a"), val_fraction=0.5)
    for folder in (fake_aclimdb(tmp_path / "b"), tmp_path / "b"):  # aclImdb/ or its parent
        from_folder = load_imdb(folder, val_fraction=0.5)
        assert from_folder.test.texts == from_archive.test.texts
        assert from_folder.val.texts == from_archive.val.texts


def test_the_environment_variable_points_the_loader(tmp_path, course_cache, monkeypatch):
    archive = fake_archive(tmp_path)
    monkeypatch.setenv(IMDB_ENV, str(archive))
    assert load_imdb(val_fraction=0.5).source == str(archive)


def test_second_load_comes_from_the_cache(tmp_path, course_cache, monkeypatch):
    archive = fake_archive(tmp_path)
    first = load_imdb(archive, val_fraction=0.5)
    assert len(cache_files(course_cache)) == 1

    def must_not_parse(path):
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(imdb, "read_reviews", must_not_parse)
    second = load_imdb(archive, val_fraction=0.5)
    assert second.train.texts == first.train.texts
    np.testing.assert_array_equal(second.test.ratings, first.test.ratings)


def test_a_damaged_cache_is_rebuilt(tmp_path, course_cache):
    archive = fake_archive(tmp_path)
    first = load_imdb(archive, val_fraction=0.5)
    (cached,) = course_cache.rglob("*.npz")
    cached.write_bytes(b"not a cache")
    assert load_imdb(archive, val_fraction=0.5).test.texts == first.test.texts


def test_missing_path_names_the_variable_and_the_url(tmp_path, course_cache, monkeypatch):
    monkeypatch.setenv(IMDB_ENV, str(tmp_path / "nowhere.tar.gz"))
    with pytest.raises(IMDBDataError) as err:
        load_imdb()
    message = str(err.value)
    assert "nowhere.tar.gz" in message and IMDB_ENV in message and IMDB_URL in message
    print(message)


def test_no_archive_and_no_network_says_what_to_set(tmp_path, course_cache, monkeypatch):
    monkeypatch.delenv(IMDB_ENV, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))

    def offline(*args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    with pytest.raises(IMDBDataError) as err:
        load_imdb()
    message = str(err.value)
    assert "Could not download the IMDB dataset" in message
    assert IMDB_ENV in message and IMDB_URL in message and "internet" in message
    assert not any((tmp_path / "keras").rglob("*.gz")), "a failed download left a file behind"
    print(message)


@pytest.mark.parametrize("damage", ["truncated", "garbage"])
def test_corrupt_archive_is_refused_and_nothing_is_cached(tmp_path, course_cache, damage):
    archive = fake_archive(tmp_path)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2] if damage == "truncated" else os.urandom(4096))
    with pytest.raises(IMDBDataError) as err:
        load_imdb(archive)
    assert "truncated or corrupt" in str(err.value) and IMDB_ENV in str(err.value)
    assert cache_files(course_cache) == []
    print(err.value)


def test_a_folder_without_the_layout_says_what_was_expected(tmp_path, course_cache):
    (tmp_path / "reviews" / "train" / "pos").mkdir(parents=True)
    with pytest.raises(IMDBDataError) as err:
        load_imdb(tmp_path / "reviews")
    message = str(err.value)
    assert "train/pos, train/neg, test/pos, test/neg" in message
    assert "missing train/neg, test/pos, test/neg" in message
    assert cache_files(course_cache) == []
    print(message)


def test_an_archive_without_reviews_says_what_was_expected(tmp_path, course_cache):
    import tarfile

    archive = tmp_path / "other.tar.gz"
    (tmp_path / "notes.txt").write_text("hello")
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "notes.txt", arcname="notes.txt")
    with pytest.raises(IMDBDataError, match="expected the aclImdb layout"):
        load_imdb(archive)


def test_status_line_without_data_gives_the_next_step(tmp_path, monkeypatch):
    monkeypatch.delenv(IMDB_ENV, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert "Next step" in imdb.imdb_status() and IMDB_ENV in imdb.imdb_status()
    monkeypatch.setenv(IMDB_ENV, str(tmp_path / "missing"))
    assert "does not exist" in imdb.imdb_status()


@pytest.fixture(scope="module")
def real_imdb():
    source = os.environ.get(IMDB_ENV)
    if not source or not Path(source).exists():
        pytest.skip(f"the real IMDB data is not available here: set {IMDB_ENV} to run this test")
    return load_imdb(source)


def test_real_archive_has_the_published_sizes(real_imdb):
    assert real_imdb.counts() == {
        "train": {"reviews": 20000, "positive": 10000, "negative": 10000},
        "val": {"reviews": 5000, "positive": 2500, "negative": 2500},
        "test": {"reviews": 25000, "positive": 12500, "negative": 12500},
    }


def test_real_ratings_match_the_labels(real_imdb):
    for split in (real_imdb.train, real_imdb.val, real_imdb.test):
        assert set(np.unique(split.ratings[split.labels == 1])) <= {7, 8, 9, 10}
        assert set(np.unique(split.ratings[split.labels == 0])) <= {1, 2, 3, 4}


def test_real_validation_comes_from_train_only(real_imdb):
    # IMDB repeats some reviews, so compare multisets of texts, not sets.
    official_train = imdb.read_cached(Path(real_imdb.source))["train"]
    assert Counter(real_imdb.train.texts) + Counter(real_imdb.val.texts) == Counter(
        official_train.texts
    )


def test_real_fast_mode_subset_is_balanced_and_repeatable(real_imdb):
    a = load_imdb(real_imdb.source, n_train=200, n_val=50, n_test=100)
    b = load_imdb(real_imdb.source, n_train=200, n_val=50, n_test=100)
    assert a.counts()["train"] == {"reviews": 200, "positive": 100, "negative": 100}
    assert a.train.texts == b.train.texts and a.test.texts == b.test.texts
    assert set(a.val.texts) <= set(real_imdb.val.texts)


def test_a_relative_path_says_where_it_was_read_from(tmp_path, course_cache, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(IMDB_ENV, "../shared/data/missing.tar.gz")
    with pytest.raises(IMDBDataError, match=f"relative to {tmp_path}"):
        load_imdb()
