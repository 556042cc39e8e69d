"""The IMDB loader on made-up data (every error a user can meet) and on the real archive."""

import functools
import os
import socket
import stat
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from lstm_helpers.data import imdb, imdb_cache
from lstm_helpers.data.imdb import IMDB_ENV, IMDB_URL, IMDBDataError, load_imdb, load_unlabelled
from lstm_helpers.data.imdb_cache import CacheWarning


@pytest.fixture
def load_fake(fake_imdb):
    """``load_imdb`` told to expect the made-up dataset's counts."""
    return functools.partial(load_imdb, expected=fake_imdb.counts)


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.rglob("*") if p.is_file())


def test_reads_an_archive_in_the_official_layout(tmp_path, course_cache, load_fake, fake_imdb):
    data = load_fake(fake_imdb.archive(tmp_path), val_fraction=1 / 3)
    assert data.counts() == {
        "train": {"reviews": 4, "positive": 2, "negative": 2},
        "val": {"reviews": 2, "positive": 1, "negative": 1},
        "test": {"reviews": 6, "positive": 3, "negative": 3},
    }
    expected = {f"test: {t}": (int(label == "pos"), 8 + i if label == "pos" else 1 + i,
                               fake_imdb.film("test", i))
                for label, texts in fake_imdb.reviews.items() for i, t in enumerate(texts)}
    got = {t: (int(lab), int(r), f) for t, lab, r, f in zip(
        data.test.texts, data.test.labels, data.test.ratings, data.test.films, strict=True)}
    assert got == expected
    assert all(t.startswith("train: ") for t in data.train.texts + data.val.texts)


def test_validation_is_split_by_film(tmp_path, course_cache, load_fake, fake_imdb):
    data = load_fake(fake_imdb.archive(tmp_path), val_fraction=1 / 3)
    assert data.split == "film"
    assert not set(data.val.films) & set(data.train.films)  # no film on both sides
    random = load_fake(fake_imdb.archive(tmp_path / "r"), val_fraction=1 / 3, split="random")
    assert random.split == "random" and len(random.val) == 2
    with pytest.raises(ValueError, match="'film', 'random'"):
        load_fake(fake_imdb.archive(tmp_path / "x"), split="by star")


def test_an_extracted_folder_reads_the_same_as_the_archive(tmp_path, course_cache, load_fake,
                                                           fake_imdb):
    from_archive = load_fake(fake_imdb.archive(tmp_path / "a"), val_fraction=0.5)
    for folder in (fake_imdb.folder(tmp_path / "b"), tmp_path / "b"):  # aclImdb/ or its parent
        from_folder = load_fake(folder, val_fraction=0.5)
        assert from_folder.test.texts == from_archive.test.texts
        assert from_folder.val.texts == from_archive.val.texts
        assert list(from_folder.val.films) == list(from_archive.val.films)


def test_the_environment_variable_points_the_loader(tmp_path, course_cache, monkeypatch,
                                                    load_fake, fake_imdb):
    archive = fake_imdb.archive(tmp_path)
    monkeypatch.setenv(IMDB_ENV, str(archive))
    assert load_fake(val_fraction=0.5).source == str(archive)


def test_second_load_comes_from_the_cache(tmp_path, course_cache, monkeypatch, load_fake,
                                          fake_imdb):
    archive = fake_imdb.archive(tmp_path)
    first = load_fake(archive, val_fraction=0.5)
    assert len(cache_files(course_cache)) == 1

    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed again instead of using the cache")

    monkeypatch.setattr(imdb_cache, "read_reviews", must_not_parse)
    second = load_fake(archive, val_fraction=0.5)
    assert second.train.texts == first.train.texts
    np.testing.assert_array_equal(second.test.ratings, first.test.ratings)
    assert list(second.test.films) == list(first.test.films)


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["truncated", "emptied", "byte flipped", "garbage"])
def test_a_damaged_cache_is_deleted_rebuilt_and_reported(tmp_path, course_cache, capsys, damage,
                                                         load_fake, fake_imdb):
    archive = fake_imdb.archive(tmp_path)
    first = load_fake(archive, val_fraction=0.5)
    (cached,) = course_cache.rglob("*.npz")
    if damage == "truncated":
        cached.write_bytes(cached.read_bytes()[: cached.stat().st_size // 2])
    elif damage == "emptied":
        cached.write_bytes(b"")
    elif damage == "byte flipped":
        _flip_a_byte(cached)
    else:
        cached.write_bytes(b"not a cache")
    capsys.readouterr()
    again = load_fake(archive, val_fraction=0.5)
    assert again.test.texts == first.test.texts and again.val.texts == first.val.texts
    report = capsys.readouterr().out.strip().splitlines()
    assert len(report) == 1 and str(cached) in report[0] and "damaged" in report[0]
    assert load_fake(archive, val_fraction=0.5).test.texts == first.test.texts  # rebuilt
    assert capsys.readouterr().out == ""  # and the rebuilt cache is sound


@pytest.mark.parametrize("kind", ["archive", "folder"])
def test_an_incomplete_copy_says_what_is_missing_and_caches_nothing(tmp_path, course_cache,
                                                                    kind, load_fake, fake_imdb):
    folder = fake_imdb.folder(tmp_path / "src")
    (folder / "train" / "pos" / "1_9.txt").unlink()
    source = folder
    if kind == "archive":
        import tarfile

        source = tmp_path / "aclImdb_v1.tar.gz"
        with tarfile.open(source, "w:gz") as tar:
            tar.add(folder, arcname="aclImdb")
    with pytest.raises(IMDBDataError) as err:
        load_fake(source)
    message = str(err.value)
    print(message)
    assert "incomplete" in message and "train/pos has 2 of 3 reviews" in message
    assert "expected=None" in message and IMDB_URL in message
    assert cache_files(course_cache) == []
    assert len(load_imdb(source, val_fraction=0.5, expected=None).train) >= 2  # on purpose


def test_the_official_counts_are_what_a_real_copy_must_have(tmp_path, course_cache, fake_imdb):
    with pytest.raises(IMDBDataError, match="train/pos has 3 of 12,500 reviews"):
        load_imdb(fake_imdb.archive(tmp_path))  # the default expects the official dataset


@pytest.mark.parametrize("change", ["removed", "added", "edited"])
def test_a_folder_cache_follows_changes_inside_the_folder(tmp_path, course_cache, change,
                                                          fake_imdb):
    folder = fake_imdb.folder(tmp_path)
    # split="random": an added review has no line in urls_pos.txt, so no film to split by
    before = load_imdb(folder, val_fraction=0.5, expected=None, split="random")
    target = folder / "train" / "pos" / "0_8.txt"
    if change == "removed":
        target.unlink()
    elif change == "added":
        (folder / "train" / "pos" / "7_7.txt").write_text("train: a new review")
    else:
        target.write_text("train: an edited review, longer than before")
    after = load_imdb(folder, val_fraction=0.5, expected=None, split="random")
    total = len(after.train) + len(after.val)
    assert total == {"removed": 5, "added": 7, "edited": 6}[change]
    if change == "edited":
        assert any("edited" in t for t in after.train.texts + after.val.texts)
    assert (before.train.texts + before.val.texts) != (after.train.texts + after.val.texts)


@pytest.mark.parametrize("problem", ["read-only", "under a file", "a file in its place"])
def test_an_unusable_cache_folder_warns_once_and_returns_the_data(tmp_path, monkeypatch,
                                                                  problem, load_fake, fake_imdb):
    if problem == "read-only":
        cache = tmp_path / "cache"
        (cache / "imdb").mkdir(parents=True)
        (cache / "imdb").chmod(stat.S_IRUSR | stat.S_IXUSR)

        def refuse(path, *args, **kwargs):  # as the kernel would for a learner (not root)
            raise PermissionError(13, "Permission denied", str(path))

        monkeypatch.setattr(imdb_cache, "open", refuse, raising=False)
    elif problem == "under a file":
        (tmp_path / "file").write_text("x")
        cache = tmp_path / "file" / "cache"
    else:
        cache = tmp_path / "cache"
        cache.write_text("a file where the folder should be")
    monkeypatch.setenv("LSTM_LAB_CACHE", str(cache))
    with pytest.warns(CacheWarning, match="LSTM_LAB_CACHE") as caught:
        data = load_fake(fake_imdb.archive(tmp_path / "a"), val_fraction=0.5)
    assert len(data.test) == 6 and len(caught) == 1
    print(caught[0].message)


def test_cache_files_are_readable_by_everyone_and_written_atomically(tmp_path, course_cache,
                                                                     load_fake, fake_imdb):
    load_fake(fake_imdb.archive(tmp_path), val_fraction=0.5)
    (cached,) = course_cache.rglob("*.npz")
    assert stat.S_IMODE(cached.stat().st_mode) & 0o044 == 0o044
    assert not list(course_cache.rglob("*.tmp"))


def test_temporaries_of_killed_writers_are_cleared_on_the_next_write(tmp_path, course_cache,
                                                                     load_fake, fake_imdb):
    (course_cache / "imdb").mkdir(parents=True)
    dead = course_cache / "imdb" / "parsed-labelled-x.npz.999999999.tmp"  # no such process
    alive = course_cache / "imdb" / f"parsed-labelled-y.npz.{os.getpid()}.tmp"
    dead.write_bytes(b"x" * 1000)
    alive.write_bytes(b"x")
    load_fake(fake_imdb.archive(tmp_path), val_fraction=0.5)
    assert not dead.exists() and alive.exists()


def test_a_shared_read_only_cache_serves_a_learner_who_cannot_write(tmp_path, monkeypatch,
                                                                    load_fake, fake_imdb):
    archive = fake_imdb.archive(tmp_path)
    shared = tmp_path / "class" / "cache"
    monkeypatch.setenv("LSTM_LAB_CACHE", str(shared))  # the instructor prepares it
    load_fake(archive, val_fraction=0.5)
    learner = tmp_path / "learner-cache"
    monkeypatch.setenv("LSTM_LAB_CACHE", str(learner))
    monkeypatch.setenv("LSTM_LAB_SHARED_CACHE", str(shared))
    monkeypatch.setattr(imdb_cache, "read_reviews", lambda *a, **k: pytest.fail("parsed again"))
    assert len(load_fake(archive, val_fraction=0.5).test) == 6
    assert cache_files(learner) == []


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
def test_corrupt_archive_is_refused_and_nothing_is_cached(tmp_path, course_cache, damage,
                                                          load_fake, fake_imdb):
    archive = fake_imdb.archive(tmp_path)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2] if damage == "truncated" else os.urandom(4096))
    with pytest.raises(IMDBDataError) as err:
        load_fake(archive)
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
        load_imdb(archive, expected=None)


def test_unlabelled_reviews_come_from_train_unsup_with_their_films(tmp_path, course_cache,
                                                                   load_fake, fake_imdb):
    archive = fake_imdb.archive(tmp_path, unlabelled=True)
    texts = load_unlabelled(archive, expected=len(fake_imdb.unlabelled))
    assert sorted(texts) == sorted(fake_imdb.unlabelled)
    assert len(load_unlabelled(archive, n=2, expected=3)) == 2
    labelled = load_fake(archive, val_fraction=0.5)  # unsup/ does not leak into train
    assert not set(fake_imdb.unlabelled) & set(labelled.train.texts + labelled.val.texts)


def test_a_labelled_only_copy_says_pretraining_needs_the_full_archive(tmp_path, course_cache,
                                                                      fake_imdb):
    with pytest.raises(IMDBDataError, match="labelled-only copy") as err:
        load_unlabelled(fake_imdb.archive(tmp_path))
    assert imdb.IMDB_FILENAME in str(err.value)


def test_status_line_without_data_gives_the_next_step(tmp_path, monkeypatch):
    monkeypatch.delenv(IMDB_ENV, raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    assert "Next step" in imdb.imdb_status() and IMDB_ENV in imdb.imdb_status()
    monkeypatch.setenv(IMDB_ENV, str(tmp_path / "missing"))
    assert "does not exist" in imdb.imdb_status()


def test_status_line_checks_that_a_local_copy_opens(tmp_path, monkeypatch, fake_imdb):
    junk = tmp_path / "aclImdb_v1.tar.gz"
    junk.write_bytes(os.urandom(2048))
    monkeypatch.setenv(IMDB_ENV, str(junk))
    assert "not usable" in imdb.imdb_status() and "local copy" not in imdb.imdb_status()
    monkeypatch.setenv(IMDB_ENV, str(fake_imdb.archive(tmp_path / "good")))
    assert "local copy" in imdb.imdb_status()


@pytest.fixture(scope="module")
def real_imdb(real_imdb_source):
    return load_imdb(real_imdb_source)


def test_real_archive_has_the_published_sizes_and_a_film_split(real_imdb):
    counts = real_imdb.counts()
    assert counts["test"] == {"reviews": 25000, "positive": 12500, "negative": 12500}
    assert counts["train"]["reviews"] + counts["val"]["reviews"] == 25000
    assert 4900 <= counts["val"]["reviews"] <= 5100  # about 20%, whole films at a time
    assert abs(counts["val"]["positive"] - counts["val"]["negative"]) <= 60
    assert not set(real_imdb.val.films) & set(real_imdb.train.films)
    assert real_imdb.train.has_films and real_imdb.test.has_films


def test_real_ratings_match_the_labels(real_imdb):
    for split in (real_imdb.train, real_imdb.val, real_imdb.test):
        assert set(np.unique(split.ratings[split.labels == 1])) <= {7, 8, 9, 10}
        assert set(np.unique(split.ratings[split.labels == 0])) <= {1, 2, 3, 4}


def test_real_validation_comes_from_train_only(real_imdb):
    # IMDB repeats some reviews, so compare multisets of texts, not sets.
    official_train = imdb_cache.read_cached(Path(real_imdb.source), "labelled",
                                            imdb.OFFICIAL_COUNTS)["train"]
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


def test_no_warning_when_the_cache_works(tmp_path, course_cache, load_fake, fake_imdb):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_fake(fake_imdb.archive(tmp_path), val_fraction=0.5)
