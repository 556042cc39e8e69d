"""The Large Movie Review Dataset (Maas et al., 2011): find it, read it once, check it.

Real users get the official archive through Keras's download/cache utility (hash
checked). ``LSTM_LAB_IMDB`` or the ``source`` argument points at a local copy
instead: a tar archive of it under any file name (``.tar.gz``, ``.tgz``, ``.tar``...) or
its extracted ``aclImdb`` folder (CI and a class server use a shared copy).
Parsed reviews are cached (``imdb_cache``), so a second load takes under a second.
"""

from __future__ import annotations

import os
import re
import tarfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lstm_helpers import config
from lstm_helpers.core.errors import (
    LabInputError,
    LabTypeError,
    check_choice,
    check_int,
    check_number,
)
from lstm_helpers.data.reviews import Reviews, balanced_subset, film_split, stratified_split

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"
IMDB_FILENAME = "aclImdb_v1.tar.gz"
IMDB_ENV = "LSTM_LAB_IMDB"
LAYOUT = ("train/pos", "train/neg", "test/pos", "test/neg")
# What the official archive holds: a copy with fewer reviews is incomplete.
OFFICIAL_COUNTS = {folder: 12_500 for folder in LAYOUT}
OFFICIAL_UNLABELLED = 50_000
_REVIEW = re.compile(r"(?:^|/)(train|test)/(pos|neg|unsup)/(\d+)_(\d+)\.txt$")
_URLS = re.compile(r"(?:^|/)(train|test)/urls_(pos|neg|unsup)\.txt$")
_FILM = re.compile(r"tt\d+")


class IMDBDataError(RuntimeError):
    """The IMDB data could not be found, downloaded or read; the message says what to do."""


@dataclass(frozen=True)
class IMDB:
    """The labelled reviews, split three ways: validation is carved from train."""

    train: Reviews
    val: Reviews
    test: Reviews
    source: str
    split: str  # how validation was carved: "film" (no film on both sides) or "random"

    def counts(self) -> dict[str, dict[str, int]]:
        """Reviews per split and per label."""
        return {name: getattr(self, name).counts() for name in ("train", "val", "test")}


def load_imdb(
    source: str | os.PathLike | None = None,
    *,
    val_fraction: float = 0.2,
    split: str = "film",
    n_train: int | None = None,
    n_val: int | None = None,
    n_test: int | None = None,
    seed: int = config.DEFAULT_SEED,
    expected: dict[str, int] | None = OFFICIAL_COUNTS,
) -> IMDB:
    """Load IMDB as train/validation/test reviews; ``n_*`` take balanced subsets (fast mode).

    ``source``: a ``.tar.gz`` or an extracted ``aclImdb`` folder; default
    ``$LSTM_LAB_IMDB``, else the official archive via Keras's download cache.
    ``split="film"`` keeps every film's reviews on one side of the train/validation cut,
    as the official train and test films are; ``"random"`` cuts review by review.
    ``expected`` reviews per folder (the official counts); ``None`` accepts any copy.
    Used in lessons 04, 05, 06, 07.
    """
    check_choice("split", split, ("film", "random"))
    fraction = check_number("val_fraction", val_fraction, above=0.0)
    if not fraction < 1.0:
        raise LabInputError(f"val_fraction must be between 0 and 1 (exclusive); got "
                                    f"{val_fraction}: 0.2 keeps a fifth of train for validation.")
    for name, n in (("n_train", n_train), ("n_val", n_val), ("n_test", n_test)):
        if n is not None:
            check_int(name, n, low=2, hint="A balanced subset needs one review of each label; "
                      "None keeps them all.")
    check_int("seed", seed)
    if expected is not None and not (isinstance(expected, dict) and set(expected) <= set(LAYOUT)
                                     and all(isinstance(n, int) for n in expected.values())):
        raise LabInputError(f"expected must be None (accept any copy) or reviews per folder "
                            f"such as {{'train/pos': 12500, ...}} over {', '.join(LAYOUT)}; "
                            f"got {expected!r:.80}.")
    from lstm_helpers.data.imdb_cache import read_cached

    path = locate_imdb(source)
    splits = read_cached(path, "labelled", expected)
    if split == "film":
        _check_films(path, splits["train"])
    cut = film_split if split == "film" else stratified_split
    train, val = cut(splits["train"], val_fraction, seed)
    return IMDB(
        train=balanced_subset(train, n_train, seed),
        val=balanced_subset(val, n_val, seed + 1),
        test=balanced_subset(splits["test"], n_test, seed + 2),
        source=str(path),
        split=split,
    )


def load_unlabelled(source: str | os.PathLike | None = None, *, n: int | None = None,
                    seed: int = config.DEFAULT_SEED,
                    expected: int | None = OFFICIAL_UNLABELLED) -> list[str]:
    """The 50,000 unlabelled reviews of ``train/unsup`` (for pretraining), or ``n`` of them.

    They come with the official archive; a labelled-only copy gets an error that says so.
    """
    if n is not None:
        check_int("n", n, low=0, hint="None keeps all 50,000 unlabelled reviews.")
    if expected is not None:
        check_int("expected", expected, low=1, hint="None accepts any number of unlabelled "
                  "reviews.")
    check_int("seed", seed)
    from lstm_helpers.data.imdb_cache import read_cached

    path = locate_imdb(source)
    texts = read_cached(path, "unlabelled", expected)["unsup"].texts
    if n is not None and n < len(texts):
        keep = np.sort(np.random.default_rng(seed).permutation(len(texts))[:n])
        texts = [texts[i] for i in keep]
    return texts


def _check_films(path: Path, train: Reviews) -> None:
    """A film split needs every training review's film (from ``urls_pos/neg.txt``): a damaged
    urls file would turn it, silently, into a review-by-review split."""
    missing = train.films.astype(str) == ""
    if not missing.any() or missing.all():  # all missing: film_split itself says so
        return
    files = [f"train/urls_{label}.txt ({int(np.sum(missing & (train.labels == value))):,} "
             f"reviews without a film)" for label, value in (("pos", 1), ("neg", 0))
             if np.any(missing & (train.labels == value))]
    raise IMDBDataError(
        f"{path}: {', '.join(files)}: the urls file is damaged or short, so a film split "
        f"cannot keep each film on one side. Extract or download {IMDB_URL} again, or "
        f"load with split='random'.")


def locate_imdb(source: str | os.PathLike | None = None) -> Path:
    """The local archive or folder to read: argument, then ``$LSTM_LAB_IMDB``, then download."""
    if source is not None and not isinstance(source, str | os.PathLike):
        raise LabTypeError(f"source must be a path (text or pathlib.Path) to the IMDB archive "
                           f"or its aclImdb folder; got {type(source).__name__}.")
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
    if not path.is_dir():
        check_archive(path, "the argument" if source is not None else f"${IMDB_ENV}")
    return path


def check_archive(path: Path, origin: str) -> None:
    """Refuse, before any parsing or caching, a file that is not a tar archive: any file
    name is fine (a class copy need not be called aclImdb_v1.tar.gz), any content is not.
    Used by ``locate_imdb`` (lessons 04-07, the class server's kernels)."""
    try:
        is_archive = path.is_file() and tarfile.is_tarfile(path)
        problem = "" if is_archive else "not a file" if not path.is_file() else "not a tar archive"
    except OSError as exc:
        is_archive, problem = False, f"{type(exc).__name__}: {exc.strerror or exc}"
    if not is_archive:
        raise IMDBDataError(
            f"{path} (from {origin}) cannot be the IMDB data: {problem}; it may be truncated "
            f"or corrupt, or another file. {IMDB_ENV} takes any file name, but it must name "
            f"a tar archive of the aclImdb folder ({IMDB_FILENAME}, or .tgz, .tar, .tar.bz2, "
            f".tar.xz) or the extracted aclImdb folder itself; a .zip must be extracted first."
        )


def download_imdb(origin: str | None = None, cache_dir: str | os.PathLike | None = None) -> Path:
    """Fetch (once) and hash-check the official archive with ``keras.utils.get_file``.

    It lands in Keras's own cache (``$KERAS_HOME/datasets``, default ``~/.keras``).
    """
    import keras  # only here: the rest of the loader works without TensorFlow

    origin = origin or IMDB_URL
    home = Path(cache_dir) if cache_dir is not None else keras_home()
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


def keras_home() -> Path:
    return Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras").expanduser()


def _folder_root(path: Path) -> Path:
    return path / "aclImdb" if (path / "aclImdb").is_dir() else path


def folder_files(path: Path, unlabelled: bool = False):
    """``(name, read)`` pairs of a folder's review and urls files, in the archive's naming."""
    root = _folder_root(path)
    missing = [sub for sub in LAYOUT if not (root / sub).is_dir()]
    if missing:
        raise IMDBDataError(
            f"{path} does not look like the IMDB dataset: expected folders "
            f"{', '.join(LAYOUT)} (directly or under aclImdb/) holding <id>_<rating>.txt "
            f"files; missing {', '.join(missing)}."
        )
    subs = (*LAYOUT, "train/unsup") if unlabelled else LAYOUT
    for sub in subs:
        if (root / sub).is_dir():
            for f in (root / sub).iterdir():
                yield str(f.relative_to(root)), f.read_bytes
    for split in ("train", "test"):
        for f in (root / split).glob("urls_*.txt"):
            yield str(f.relative_to(root)), f.read_bytes


def read_reviews(path: Path, *, unlabelled: bool = False,
                 expected: dict[str, int] | int | None = OFFICIAL_COUNTS) -> dict[str, Reviews]:
    """Parse an ``aclImdb`` archive or folder: ``train`` and ``test`` (labelled), or, with
    ``unlabelled=True``, ``unsup``; each review with its film from the ``urls_*.txt`` files.

    Refuses a copy whose review counts differ from ``expected`` and says what is missing.
    """
    if path.is_dir():
        return _collect(folder_files(path, unlabelled), path, unlabelled, expected)
    try:
        with tarfile.open(path, "r:*") as archive:
            wanted = _REVIEW if not unlabelled else re.compile(r"unsup/\d+_\d+\.txt$|urls_unsup")
            files = ((m.name, archive.extractfile(m).read) if wanted.search(m.name) or
                     _URLS.search(m.name) else (m.name, None)
                     for m in archive if m.isfile())
            return _collect(files, path, unlabelled, expected)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise IMDBDataError(
            f"{path} is not a readable IMDB archive ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'unreadable'}); it may be "
            f"truncated or corrupt. Delete it and download {IMDB_URL} again, or point "
            f"{IMDB_ENV} at a good copy."
        ) from exc


def _collect(files, path: Path, unlabelled: bool, expected) -> dict[str, Reviews]:
    """Group ``(name, read)`` pairs into sorted ``Reviews``, joined with their films."""
    from tqdm.auto import tqdm

    rows, urls, seen = [], {}, {}
    total = sum(expected.values()) if isinstance(expected, dict) else expected
    bar = tqdm(desc="Reading IMDB reviews", total=total, unit=" reviews", leave=False)
    for name, read in files:
        if (match := _URLS.search(name)) and read is not None:
            urls[match.groups()] = read().decode("utf-8", errors="replace").splitlines()
        elif match := _REVIEW.search(name):
            split, label, review_id, rating = match.groups()
            folder = f"{split}/{label}"
            seen[folder] = seen.get(folder, 0) + 1
            if (label == "unsup") == unlabelled and read is not None:
                text = read().decode("utf-8", errors="replace")
                rows.append((split, label, int(review_id), int(rating), text))
                bar.update(1)
    bar.close()
    _check_counts(path, seen, unlabelled, expected)
    rows.sort(key=lambda r: r[:3])
    wanted = {"unsup": ("unsup",)} if unlabelled else {"train": ("pos", "neg"),
                                                        "test": ("pos", "neg")}
    out = {}
    for split, labels in wanted.items():
        chosen = [r for r in rows if r[1] in labels and (r[0] == split or split == "unsup")]
        if not chosen or len({r[1] for r in chosen}) < len(labels):
            raise IMDBDataError(
                f"{path} has no {' and '.join(f'{split}/{lab}' for lab in labels)} reviews: "
                f"expected the aclImdb layout {', '.join(LAYOUT)} with <id>_<rating>.txt files."
            )
        films = [_film(urls, "train" if split == "unsup" else split, r[1], r[2]) for r in chosen]
        out[split] = Reviews(
            texts=[r[4] for r in chosen],
            labels=np.array([int(r[1] == "pos") for r in chosen], dtype=np.int8),
            ratings=np.array([r[3] for r in chosen], dtype=np.int8),
            films=np.array(films, dtype=object),
        )
    return out


def _film(urls: dict, split: str, label: str, review_id: int) -> str:
    lines = urls.get((split, label), ())
    if review_id < len(lines) and (match := _FILM.search(lines[review_id])):
        return match.group(0)
    return ""


def _check_counts(path: Path, seen: dict[str, int], unlabelled: bool, expected) -> None:
    if expected is None:
        return
    if unlabelled:
        have = seen.get("train/unsup", 0)
        if have == 0:
            raise IMDBDataError(
                f"{path} holds no unlabelled reviews (train/unsup/): it is a labelled-only "
                f"copy. Pretraining needs the full official archive {IMDB_FILENAME} "
                f"({IMDB_URL}); point {IMDB_ENV} at it.")
        short = {"train/unsup": expected} if have != expected else {}
    else:
        short = {f: n for f, n in expected.items() if seen.get(f, 0) != n}
        if expected is OFFICIAL_COUNTS and 0 < seen.get("train/unsup", 0) != OFFICIAL_UNLABELLED:
            short["train/unsup"] = OFFICIAL_UNLABELLED  # unsup/ is there, but not all of it
    if short:
        lines = "; ".join(f"{f} has {seen.get(f, 0):,} of {n:,} reviews" for f, n in short.items())
        raise IMDBDataError(
            f"{path} is an incomplete copy of the IMDB dataset: {lines}. An interrupted "
            f"download or extraction does this: delete it and extract or download {IMDB_URL} "
            f"again (or, if you trimmed it on purpose, pass expected=None).")


def imdb_status() -> str:
    """One line on where the data would come from, without downloading. Used in lesson 00."""
    env = os.environ.get(IMDB_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.exists():
            return f"IMDB data: ${IMDB_ENV} points at {env}, which does not exist. Fix or unset it."
        problem = _unreadable(path)
        if problem:
            return (f"IMDB data: ${IMDB_ENV} points at {env}, which is not usable ({problem}). "
                    f"Point it at {IMDB_FILENAME} or its extracted aclImdb folder.")
        return f"IMDB data: local copy at {env} (from ${IMDB_ENV})."
    cached = keras_home() / "datasets" / IMDB_FILENAME
    if cached.exists():
        return f"IMDB data: downloaded already ({cached})."
    return (
        f"IMDB data: not downloaded yet. Next step: run `load_imdb()` once with internet "
        f"(84 MB from {IMDB_URL}), or set {IMDB_ENV} to a local copy."
    )


def _unreadable(path: Path) -> str | None:
    """Why ``path`` cannot be an IMDB copy, checked in milliseconds, or None if it looks fine."""
    if path.is_dir():
        root = _folder_root(path)
        missing = [sub for sub in LAYOUT if not (root / sub).is_dir()]
        return f"no {', '.join(missing)} folder" if missing else None
    try:
        with tarfile.open(path, "r:*") as archive:
            first = archive.next()
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        return f"not a readable .tar.gz archive: {type(exc).__name__}"
    if first is None or not first.name.startswith("aclImdb"):
        return "an archive, but not of the aclImdb folder"
    return None
