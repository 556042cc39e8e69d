"""``LSTM_LAB_IMDB`` takes the IMDB copy under any file name (a class server's copy need not
be called aclImdb_v1.tar.gz), and refuses, before any parsing or caching and with the variable
named, a path that does not exist or a file that is not a tar archive."""

from __future__ import annotations

import functools
import tarfile
import zipfile

import pytest

from lstm_helpers.data.imdb import IMDB_ENV, IMDBDataError, load_imdb, locate_imdb


@pytest.fixture
def load_fake(fake_imdb):
    return functools.partial(load_imdb, expected=fake_imdb.counts, val_fraction=0.5)


@pytest.mark.parametrize("name, mode", [("imdb for the class.tgz", "w:gz"),
                                        ("reviews", "w:gz"),
                                        ("aclImdb.tar", "w"),
                                        ("aclImdb.tar.xz", "w:xz"),
                                        ("aclImdb_v1.tar.bz2", "w:bz2")])
def test_any_archive_name_and_compression_reads_the_same_reviews(tmp_path, course_cache,
                                                                  monkeypatch, load_fake,
                                                                  fake_imdb, name, mode):
    official = load_fake(fake_imdb.archive(tmp_path / "official"))
    renamed = tmp_path / name
    with tarfile.open(renamed, mode) as tar:
        tar.add(fake_imdb.folder(tmp_path / "src"), arcname="aclImdb")
    monkeypatch.setenv(IMDB_ENV, str(renamed))
    assert locate_imdb() == renamed
    loaded = load_fake()
    assert loaded.source == str(renamed)
    assert loaded.test.texts == official.test.texts and loaded.train.texts == official.train.texts


def test_a_path_that_does_not_exist_names_the_variable(tmp_path, course_cache, monkeypatch):
    monkeypatch.setenv(IMDB_ENV, str(tmp_path / "imdb-copy.tgz"))
    with pytest.raises(IMDBDataError, match=rf"not found at .*imdb-copy.tgz \(from \${IMDB_ENV}"):
        locate_imdb()


@pytest.mark.parametrize("kind", ["text", "zip", "empty"])
def test_a_file_that_is_not_a_tar_archive_is_refused_before_parsing(tmp_path, course_cache,
                                                                     monkeypatch, fake_imdb,
                                                                     kind):
    if kind == "zip":  # the likeliest mistake: the reviews zipped
        bad = tmp_path / "aclImdb.zip"
        with zipfile.ZipFile(bad, "w") as archive:
            for path in fake_imdb.folder(tmp_path / "src").rglob("*.txt"):
                archive.write(path, path.relative_to(tmp_path / "src"))
    else:
        bad = tmp_path / "aclImdb_v1.tar.gz"
        bad.write_text("" if kind == "empty" else "these are my notes about IMDB\n")
    monkeypatch.setenv(IMDB_ENV, str(bad))
    with pytest.raises(IMDBDataError) as err:
        load_imdb(expected=None)
    message = str(err.value)
    assert str(bad) in message and f"${IMDB_ENV}" in message and "not a tar archive" in message
    assert "any file name" in message and ".zip must be extracted" in message
    assert not course_cache.exists() or not any(course_cache.rglob("*.npz"))
    with pytest.raises(IMDBDataError, match="from the argument"):
        locate_imdb(bad)


def test_an_extracted_folder_under_any_name_still_works(tmp_path, course_cache, monkeypatch,
                                                         load_fake, fake_imdb):
    folder = fake_imdb.folder(tmp_path / "class data")
    monkeypatch.setenv(IMDB_ENV, str(folder))
    assert locate_imdb() == folder and len(load_fake().test) == 6
