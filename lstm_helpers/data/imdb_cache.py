"""The parsed-IMDB cache: one ``.npz`` per source (UTF-8 text blob + offsets, no pickle).

An optimisation only: a damaged cache is deleted and rebuilt (one line says so), an
unusable cache folder is reported once and the data is returned anyway, and files are
written atomically and readable by everyone (the data is public), so a cache an instructor
builds can serve a whole class read-only (``LSTM_LAB_SHARED_CACHE``).
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from pathlib import Path

import numpy as np

from lstm_helpers import config
from lstm_helpers.data.imdb import IMDBDataError, folder_files, read_reviews
from lstm_helpers.data.reviews import Reviews

_FORMAT = "2"
_TMP = re.compile(r"\.(\d+)\.tmp$")


class CacheWarning(UserWarning):
    """The cache could not be used; loading went on without it."""


def read_cached(path: Path, kind: str, expected) -> dict[str, Reviews]:
    """``read_reviews`` with a cache of the parsed result, keyed on what the source holds.

    ``kind`` is "labelled" (train and test) or "unlabelled" (train/unsup). Looks in the
    instructor's shared caches, then the learner's own; parses and saves on a miss.
    """
    name = cache_name(path, kind, expected)
    for folder in config.shared_cache_dirs():
        try:
            found = (folder / "imdb" / name).is_file()
        except OSError as exc:  # a shared cache made under umask 077: skip it, say so once
            config.skip_shared_cache(folder, exc)
            continue
        if found:
            splits = _load_checked(folder / "imdb" / name, path, expected, remove=False)
            if splits is not None:
                return splits
    folder = _user_folder()
    if folder is not None and (folder / name).is_file():
        splits = _load_checked(folder / name, path, expected, remove=True)
        if splits is not None:
            return splits
    splits = read_reviews(path, unlabelled=kind == "unlabelled", expected=expected)
    if folder is not None:
        save(folder / name, splits)
    return splits


def cache_name(path: Path, kind: str, expected) -> str:
    """A file name that changes whenever the source's contents (or the format) change.

    An archive is keyed on its path, size and modification time; an extracted folder on
    the name, size and modification time of every review and urls file in it, so a file
    added, removed or edited inside ``train/pos`` is a new key.
    """
    key = hashlib.sha1(f"{_FORMAT}|{kind}|{expected}|{path.resolve()}".encode())
    if path.is_dir():
        for name, _ in sorted(folder_files(path, unlabelled=kind == "unlabelled")):
            stat = (_root(path) / name).stat()
            key.update(f"|{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    else:
        stat = path.stat()
        key.update(f"|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return f"parsed-{kind}-{key.hexdigest()[:16]}.npz"


def _root(path: Path) -> Path:
    return path / "aclImdb" if (path / "aclImdb").is_dir() else path


def _user_folder() -> Path | None:
    try:
        return config.make_folder(config.cache_dir() / "imdb")
    except OSError as exc:
        _warn_unusable(exc)
        return None


def _warn_unusable(exc: OSError) -> None:
    warnings.warn(f"IMDB cache not used: {exc}. Loading goes on without it (every load then "
                  f"parses the reviews again); set {config.CACHE_ENV} to a writable folder.",
                  CacheWarning, stacklevel=4)


def _load_checked(file: Path, source: Path, expected, remove: bool) -> dict[str, Reviews] | None:
    try:
        splits = load(file)
        if isinstance(expected, dict):
            for split in ("train", "test"):
                if len(splits[split]) != sum(n for f, n in expected.items() if f.startswith(split)):
                    raise ValueError(f"{split} has {len(splits[split])} reviews")
        return splits
    except PermissionError as exc:
        if remove:
            raise
        config.skip_shared_cache(file.parent.parent, exc)
        return None
    except Exception as exc:  # zip, CRC, decoding, shape: any damage means "rebuild"
        what = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'damaged'}"
        if remove:
            file.unlink(missing_ok=True)
            print(f"IMDB cache {file} was damaged ({what}); deleted, rebuilding it from {source}.")
        else:
            print(f"Shared IMDB cache {file} is damaged ({what}); reading {source} instead. "
                  "Tell your instructor.")
        return None


def save(file: Path, splits: dict[str, Reviews]) -> None:
    """Write atomically (a crash leaves the old state), readable by everyone, and clear
    temporaries that killed writers left behind."""
    _remove_stale_temporaries(file.parent)
    arrays = {}
    for split, reviews in splits.items():
        lengths = np.array([len(t) for t in reviews.texts], dtype=np.int64)
        arrays[f"{split}_text"] = np.frombuffer("".join(reviews.texts).encode("utf-8"), np.uint8)
        arrays[f"{split}_ends"] = np.cumsum(lengths)
        arrays[f"{split}_labels"] = reviews.labels
        arrays[f"{split}_ratings"] = reviews.ratings
        arrays[f"{split}_films"] = np.array(reviews.films, dtype=str)
    tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            np.savez(handle, **arrays)
        os.chmod(tmp, 0o644)
        os.replace(tmp, file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        _warn_unusable(exc)


def load(file: Path) -> dict[str, Reviews]:
    """The splits saved by ``save``; raises on any damage (the caller rebuilds)."""
    with np.load(file, allow_pickle=False) as data:
        splits = {}
        for split in sorted({k.rsplit("_", 1)[0] for k in data.files}):
            text = data[f"{split}_text"].tobytes().decode("utf-8")
            ends = data[f"{split}_ends"]
            starts = np.concatenate([[0], ends[:-1]])
            labels, ratings = data[f"{split}_labels"], data[f"{split}_ratings"]
            if len(ends) and ends[-1] != len(text) or not np.isin(labels, (0, 1)).all():
                raise ValueError(f"the {split} arrays do not fit together")
            splits[split] = Reviews(
                texts=[text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)],
                labels=labels, ratings=ratings, films=data[f"{split}_films"].astype(object))
    if not splits:
        raise ValueError("no reviews in the file")
    return splits


def _remove_stale_temporaries(folder: Path) -> None:
    """Delete ``*.<pid>.tmp`` files whose writer is no longer running."""
    for tmp in folder.glob("*.tmp"):
        match = _TMP.search(tmp.name)
        if match is None or not _running(int(match.group(1))):
            tmp.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


__all__ = ["CacheWarning", "IMDBDataError", "cache_name", "load", "read_cached", "save"]
