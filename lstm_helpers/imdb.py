"""The Large Movie Review Dataset (Maas et al., 2011): find it, read it once, cache it.

Real users get the official archive through Keras's download/cache utility (hash
checked). ``LSTM_LAB_IMDB`` or the ``source`` argument points at a local copy
instead: the ``.tar.gz`` or its extracted ``aclImdb`` folder (CI uses a shared copy).
The parsed reviews are cached so a second load takes about a second.
"""

from __future__ import annotations

import hashlib
import os
import re
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_helpers import config
from lstm_helpers.reviews import Reviews, balanced_subset, stratified_split

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"
IMDB_FILENAME = "aclImdb_v1.tar.gz"
IMDB_ENV = "LSTM_LAB_IMDB"
LAYOUT = ("train/pos", "train/neg", "test/pos", "test/neg")
_CACHE_FORMAT = "1"
LABELLED_REVIEWS = 50_000  # 25k train + 25k test in the official archive: the progress total
_REVIEW = re.compile(r"(?:^|/)(train|test)/(pos|neg)/(\d+)_(\d+)\.txt$")


class IMDBDataError(RuntimeError):
    """The IMDB data could not be found, downloaded or read; the message says what to do."""


@dataclass(frozen=True)
class IMDB:
    """The labelled reviews, split three ways: validation is carved from train."""

    train: Reviews
    val: Reviews
    test: Reviews
    source: str

    def counts(self) -> dict[str, dict[str, int]]:
        """Reviews per split and per label."""
        return {name: getattr(self, name).counts() for name in ("train", "val", "test")}


def load_imdb(
    source: str | os.PathLike | None = None,
    *,
    val_fraction: float = 0.2,
    n_train: int | None = None,
    n_val: int | None = None,
    n_test: int | None = None,
    seed: int = config.DEFAULT_SEED,
) -> IMDB:
    """Load IMDB as train/validation/test reviews; ``n_*`` take balanced subsets (fast mode).

    ``source``: a ``.tar.gz`` or an extracted ``aclImdb`` folder; default
    ``$LSTM_LAB_IMDB``, else the official archive via Keras's download cache.
    Used in lessons 00, 04, 05, 06.
    """
    path = locate_imdb(source)
    splits = read_cached(path)
    train, val = stratified_split(splits["train"], val_fraction, seed)
    return IMDB(
        train=balanced_subset(train, n_train, seed),
        val=balanced_subset(val, n_val, seed + 1),
        test=balanced_subset(splits["test"], n_test, seed + 2),
        source=str(path),
    )


def locate_imdb(source: str | os.PathLike | None = None) -> Path:
    """The local archive or folder to read: argument, then ``$LSTM_LAB_IMDB``, then download."""
    given = source if source is not None else os.environ.get(IMDB_ENV) or None
    if given is None:
        return download_imdb()
    path = Path(given).expanduser()
    if not path.exists():
        origin = "the argument" if source is not None else f"${IMDB_ENV}"
        if not path.is_absolute():
            origin += f", read relative to {Path.cwd()}: an absolute path is safer"
        raise IMDBDataError(
            f"IMDB data not found at {path} (from {origin}). Point {IMDB_ENV} at a copy of "
            f"{IMDB_FILENAME} or its extracted aclImdb folder, or unset it to download "
            f"{IMDB_URL} (84 MB, needs internet)."
        )
    return path


def download_imdb(origin: str | None = None, cache_dir: str | os.PathLike | None = None) -> Path:
    """Fetch (once) and hash-check the official archive with ``keras.utils.get_file``.

    It lands in Keras's own cache (``$KERAS_HOME/datasets``, default ``~/.keras``).
    """
    import keras  # only here: the rest of the loader works without TensorFlow

    origin = origin or IMDB_URL
    home = Path(cache_dir) if cache_dir is not None else _keras_home()
    try:
        fetched = keras.utils.get_file(
            fname=IMDB_FILENAME, origin=origin, file_hash=IMDB_SHA256, cache_dir=str(home)
        )
    except Exception as exc:  # Keras raises a bare Exception for URL failures
        # A download that failed its hash check stays on disk: remove it, keep nothing half-done.
        (home / "datasets" / IMDB_FILENAME).unlink(missing_ok=True)
        raise IMDBDataError(
            f"Could not download the IMDB dataset from {origin} ({exc}). Connect to the "
            f"internet and try again, or set {IMDB_ENV} to a local copy of {IMDB_FILENAME} "
            f"or of its extracted aclImdb folder."
        ) from exc
    return Path(fetched)


def _keras_home() -> Path:
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras").expanduser()


def read_cached(path: Path) -> dict[str, Reviews]:
    """``read_reviews`` with a cache of the parsed result, keyed on the file's identity."""
    cache_file = _cache_path(path)
    if cache_file.exists():
        try:
            return _load_cache(cache_file)
        except (OSError, ValueError, KeyError, zlib.error):
            cache_file.unlink(missing_ok=True)  # a damaged cache is rebuilt, not trusted
    splits = read_reviews(path)
    _save_cache(cache_file, splits)
    return splits


def read_reviews(path: Path) -> dict[str, Reviews]:
    """Parse every labelled review of an ``aclImdb`` archive or folder into train and test."""
    if path.is_dir():
        root = path / "aclImdb" if (path / "aclImdb").is_dir() else path
        missing = [sub for sub in LAYOUT if not (root / sub).is_dir()]
        if missing:
            raise IMDBDataError(
                f"{path} does not look like the IMDB dataset: expected folders "
                f"{', '.join(LAYOUT)} (directly or under aclImdb/) holding <id>_<rating>.txt "
                f"files; missing {', '.join(missing)}."
            )
        files = (
            (str(f.relative_to(root)), f.read_bytes)
            for sub in LAYOUT
            for f in (root / sub).iterdir()
        )
        return _collect(files, path)
    try:
        with tarfile.open(path, "r:*") as archive:
            files = (
                (m.name, archive.extractfile(m).read)
                for m in archive
                if m.isfile() and _REVIEW.search(m.name)
            )
            return _collect(files, path)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise IMDBDataError(
            f"{path} is not a readable IMDB archive ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'unreadable'}); it may be "
            f"truncated or corrupt. Delete it and download {IMDB_URL} again, or point "
            f"{IMDB_ENV} at a good copy."
        ) from exc


def _collect(files, path: Path) -> dict[str, Reviews]:
    """Group ``(name, read)`` pairs into sorted train/test ``Reviews``."""
    from tqdm.auto import tqdm

    rows = []
    for name, read in tqdm(files, desc="Reading IMDB reviews", total=LABELLED_REVIEWS,
                           unit=" reviews"):
        match = _REVIEW.search(name)
        if match:
            split, label, review_id, rating = match.groups()
            text = read().decode("utf-8", errors="replace")
            rows.append((split, int(label == "pos"), int(review_id), int(rating), text))
    rows.sort(key=lambda r: r[:3])
    splits = {}
    for split in ("train", "test"):
        chosen = [r for r in rows if r[0] == split]
        if not chosen or len({r[1] for r in chosen}) < 2:
            raise IMDBDataError(
                f"{path} has no {split}/pos and {split}/neg reviews: expected the aclImdb "
                f"layout {', '.join(LAYOUT)} with <id>_<rating>.txt files."
            )
        splits[split] = Reviews(
            texts=[r[4] for r in chosen],
            labels=np.array([r[1] for r in chosen], dtype=np.int8),
            ratings=np.array([r[3] for r in chosen], dtype=np.int8),
        )
    return splits


def _cache_path(path: Path) -> Path:
    stat = path.stat()
    key = f"{_CACHE_FORMAT}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:16]
    return config.cache_dir() / "imdb" / f"parsed-{digest}.npz"


def _save_cache(cache_file: Path, splits: dict[str, Reviews]) -> None:
    """Write atomically: a crash leaves the old state, never half a file."""
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    arrays = {}
    for split, reviews in splits.items():
        lengths = np.array([len(t) for t in reviews.texts], dtype=np.int64)
        blob = "".join(reviews.texts).encode("utf-8")
        arrays[f"{split}_text"] = np.frombuffer(blob, dtype=np.uint8)
        arrays[f"{split}_ends"] = np.cumsum(lengths)
        arrays[f"{split}_labels"] = reviews.labels
        arrays[f"{split}_ratings"] = reviews.ratings
    fd, tmp = tempfile.mkstemp(dir=cache_file.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, cache_file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_cache(cache_file: Path) -> dict[str, Reviews]:
    with np.load(cache_file) as data:
        splits = {}
        for split in ("train", "test"):
            text = data[f"{split}_text"].tobytes().decode("utf-8")
            ends = data[f"{split}_ends"]
            starts = np.concatenate([[0], ends[:-1]])
            splits[split] = Reviews(
                texts=[text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)],
                labels=data[f"{split}_labels"],
                ratings=data[f"{split}_ratings"],
            )
    return splits


def imdb_status() -> str:
    """One line on where the data would come from, without downloading. Used in lesson 00."""
    env = os.environ.get(IMDB_ENV)
    if env:
        if Path(env).expanduser().exists():
            return f"IMDB data: local copy at {env} (from ${IMDB_ENV})."
        return f"IMDB data: ${IMDB_ENV} points at {env}, which does not exist. Fix or unset it."
    cached = _keras_home() / "datasets" / IMDB_FILENAME
    if cached.exists():
        return f"IMDB data: downloaded already ({cached})."
    return (
        f"IMDB data: not downloaded yet. Next step: run `load_imdb()` once with internet "
        f"(84 MB from {IMDB_URL}), or set {IMDB_ENV} to a local copy."
    )
