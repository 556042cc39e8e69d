"""Catch-up checkpoints: what a lesson trained, saved in the course cache, so a learner whose
kernel died (or who joins late) loads it in seconds instead of training again.

A checkpoint is named by lesson, name, parameters and seed, and by the mode (fast and full
runs never share one). ``keep(...)`` trains and saves by default; with ``catch_up=True`` it
loads a saved result when there is one, and says so, and trains (saying why) when there is
none: it never skips. What it stores is any nesting of dicts, lists and tuples holding Keras
models, ``TrainingRun``s, NumPy arrays and JSON values (numbers, strings, None).

On disk: ``<cache>/checkpoints/<lesson>/<name>-<mode>-seed<seed>-<digest>.npz`` (the arrays
and a JSON manifest of lesson, name, parameters, seed and mode), and one ``.keras`` file per
model beside it, whose size and SHA-256 the manifest records; the models are written first
and the manifest last, each atomically, so a crash never leaves a half-written file, and a
model that no longer matches its manifest is refused by ``load``, naming the step that
remakes it. A checkpoint in an instructor's shared cache (``LSTM_LAB_SHARED_CACHE``, the same
layout) is found first. Used in lessons 05 to 08.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np

from lstm_helpers import config
from lstm_helpers.core.errors import LabInputError, LabTypeError, damaged
from lstm_helpers.training.callbacks import TrainingRun

FORMAT = 1  # bump when the layout changes: older files then read as "saved by another version"
_NAME = re.compile(r"[^a-z0-9]+")


def _plain(value: Any, where: str) -> Any:
    """``value`` (parameters) as JSON-able data: dataclasses as dicts, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return _plain(asdict(value), where)
    if isinstance(value, Mapping):
        return {str(k): _plain(v, f"{where}[{k!r}]") for k, v in sorted(value.items(), key=str)}
    if isinstance(value, list | tuple):
        return [_plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise LabTypeError(f"{where} must hold numbers, strings, None, lists, dicts or "
                       f"dataclasses (it names the checkpoint); got {type(value).__name__}.")


def checkpoint_path(lesson: str, name: str, params: Mapping, seed: int = config.DEFAULT_SEED,
                    folder: Path | None = None) -> Path:
    """The manifest file of checkpoint ``name`` of ``lesson`` for these ``params``, ``seed``
    and the current mode (its models sit beside it). Different parameters: another file."""
    for arg, text in (("lesson", lesson), ("name", name)):
        if not isinstance(text, str) or not _NAME.sub("", text.lower()):
            raise LabInputError(f"{arg} must be a non-empty name with letters or digits; "
                                f"got {text!r}.")
    if not isinstance(params, Mapping):
        raise LabTypeError(f"params must be a dict of the sizes the result depends on; got "
                           f"{type(params).__name__}.")
    key = json.dumps(_plain(params, "params"), sort_keys=True)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    slug = _NAME.sub("-", name.lower()).strip("-")[:48]
    base = folder if folder is not None else config.cache_dir() / "checkpoints"
    return Path(base) / _NAME.sub("-", lesson.lower()).strip("-") / \
        f"{slug}-{config.mode_name()}-seed{int(seed)}-{digest}.npz"


def _manifest(lesson: str, name: str, params: Mapping, seed: int) -> dict:
    return {"format": FORMAT, "lesson": lesson, "name": name, "mode": config.mode_name(),
            "seed": int(seed), "params": _plain(params, "params")}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save(value: Any, lesson: str, name: str, params: Mapping,
         seed: int = config.DEFAULT_SEED) -> Path:
    """Save ``value`` (a trained result) as checkpoint ``name`` of ``lesson``; its path."""
    path = checkpoint_path(lesson, name, params, seed)
    config.make_folder(path.parent)
    arrays: dict[str, np.ndarray] = {}
    models: list[dict] = []

    def encode(item: Any, where: str) -> Any:
        if hasattr(item, "save") and hasattr(item, "layers"):  # a Keras model
            model_path = path.with_name(f"{path.stem}.model{len(models)}.keras")
            tmp = model_path.with_name(f".{model_path.stem}.partial.keras")
            try:  # Keras writes the zip itself: a temporary name, then replace
                item.save(tmp)
                tmp.chmod(0o644)
                tmp.replace(model_path)
            finally:
                tmp.unlink(missing_ok=True)
            models.append({"file": model_path.name, "bytes": model_path.stat().st_size,
                           "sha256": _sha256(model_path)})
            return {"__model__": len(models) - 1}
        if isinstance(item, TrainingRun):
            return {"__run__": {"name": item.name, "history": _plain(item.history, where),
                                "epoch_seconds": _plain(item.epoch_seconds, where),
                                "best_epoch": int(item.best_epoch)}}
        if isinstance(item, np.ndarray):
            arrays[f"a{len(arrays)}"] = item
            return {"__array__": f"a{len(arrays) - 1}"}
        if isinstance(item, tuple):
            return {"__tuple__": [encode(v, f"{where}[{i}]") for i, v in enumerate(item)]}
        if isinstance(item, list):
            return [encode(v, f"{where}[{i}]") for i, v in enumerate(item)]
        if isinstance(item, dict):
            if not all(isinstance(k, str) for k in item):
                raise LabTypeError(f"{where} has a key that is not a string: checkpoints keep "
                                   "dicts with string keys.")
            return {"__dict__": {k: encode(v, f"{where}[{k!r}]") for k, v in item.items()}}
        return _plain(item, where)

    tree = encode(value, "value")
    manifest = {**_manifest(lesson, name, params, seed), "models": models, "value": tree}
    arrays["manifest"] = np.frombuffer(json.dumps(manifest).encode("utf-8"), dtype=np.uint8)
    config.atomic_write(path, lambda handle: np.savez(handle, **arrays))
    return path


def _find(lesson: str, name: str, params: Mapping, seed: int) -> Path:
    """The checkpoint's manifest in an instructor's shared cache (``LSTM_LAB_SHARED_CACHE``,
    read-only: a class catches up from the instructor's run), else in the learner's own."""
    for folder in config.shared_cache_dirs():
        shared = checkpoint_path(lesson, name, params, seed, folder=folder / "checkpoints")
        try:
            if shared.is_file():
                return shared
        except OSError as exc:  # a shared cache that cannot be entered: say so, go on
            config.skip_shared_cache(folder, exc)
    return checkpoint_path(lesson, name, params, seed)


def load(lesson: str, name: str, params: Mapping, seed: int = config.DEFAULT_SEED) -> Any:
    """The value ``save`` stored for these arguments. FileNotFoundError when there is none;
    DamagedFileError naming the file and the lesson that remakes it when it is cut short,
    overwritten, or was saved for other parameters."""
    path = _find(lesson, name, params, seed)
    if not path.exists():
        raise FileNotFoundError(f"no catch-up checkpoint {path.name} in {path.parent}: run "
                                f"lesson {lesson} in {config.mode_name()} mode first.")
    remake = (f"Delete it and run lesson {lesson} in {config.mode_name()} mode (with "
              "CATCH_UP = False), which trains and saves it again.")
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {k: stored[k] for k in stored.files}
        manifest = json.loads(arrays.pop("manifest").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise damaged(path, "it is not a readable checkpoint (cut short or overwritten)",
                      remake, exc) from exc
    expected = _manifest(lesson, name, params, seed)
    found = {k: manifest.get(k) for k in expected}
    if found != expected:
        differ = ", ".join(k for k in expected if found[k] != expected[k])
        raise damaged(path, f"it was saved for other settings ({differ} differ)", remake)
    models = []
    for entry in manifest.get("models", []):
        model_path = path.with_name(entry["file"])
        if not model_path.exists() or model_path.stat().st_size != entry["bytes"] or \
                _sha256(model_path) != entry["sha256"]:
            raise damaged(model_path, "it is missing, or not the model saved with "
                          f"{path.name}", remake)
        models.append(model_path)
    return _decode(manifest["value"], arrays, models, path, remake)


def _decode(tree: Any, arrays: dict, models: list[Path], path: Path, remake: str) -> Any:
    import keras

    if isinstance(tree, list):
        return [_decode(v, arrays, models, path, remake) for v in tree]
    if not isinstance(tree, dict):
        return tree
    if "__model__" in tree:
        model_path = models[tree["__model__"]]
        try:
            return keras.models.load_model(model_path, compile=False)
        except Exception as exc:  # a zip that is not a saved model
            raise damaged(model_path, "Keras cannot read this saved model", remake,
                          exc) from exc
    if "__run__" in tree:
        run = tree["__run__"]
        return TrainingRun(run["name"], history=run["history"],
                           epoch_seconds=run["epoch_seconds"], best_epoch=run["best_epoch"])
    if "__array__" in tree:
        return arrays[tree["__array__"]]
    if "__tuple__" in tree:
        return tuple(_decode(v, arrays, models, path, remake) for v in tree["__tuple__"])
    if "__dict__" in tree:
        return {k: _decode(v, arrays, models, path, remake) for k, v in tree["__dict__"].items()}
    raise damaged(path, "its manifest holds an entry this version cannot read", remake)


def keep(name: str, train: Callable[[], Any], *, params: Mapping, catch_up: bool,
         lesson: str | None = None, seed: int = config.DEFAULT_SEED) -> Any:
    """``train()``'s result, saved as a catch-up checkpoint; with ``catch_up=True``, the saved
    result instead of training, when there is one.

    ``params`` are the sizes the result depends on (recipe, data sizes, epochs): other
    parameters make another checkpoint. ``lesson`` defaults to the one ``config.start_lesson``
    started. Used in lessons 05 to 08."""
    lesson = lesson or config.current_lesson()
    if lesson is None:
        raise LabInputError("lesson is unknown: call config.start_lesson first, or pass "
                            "lesson='05_imdb_classifier'.")
    if catch_up:
        try:
            value = load(lesson, name, params, seed)
        except FileNotFoundError:
            print(f"catch-up: no saved '{name}' for these parameters yet; training it now.")
        else:
            print(f"catch-up: loaded '{name}' from {_find(lesson, name, params, seed)} "
                  "instead of training it.")
            return value
    value = train()
    save(value, lesson, name, params, seed)
    return value


def earlier(lesson: str, name: str, train: Callable[[], Any], *, params: Mapping,
            seed: int = config.DEFAULT_SEED) -> Any:
    """What an earlier ``lesson`` saved as ``name`` (trained there with these ``params``); when
    it is missing, train it here, saying so (the training's progress bar shows the time
    left), and save it for next time. A damaged file is said and retrained: never a silent
    skip. Used in lessons 06 and 08."""
    try:
        value = load(lesson, name, params, seed)
    except FileNotFoundError:
        reason = f"lesson {lesson} has not saved '{name}' in {config.mode_name()} mode here"
    except LabInputError as exc:  # damaged, or saved for other settings
        reason = str(exc).split(". ")[0]
    else:
        print(f"loaded lesson {lesson}'s '{name}' ({config.mode_name()} mode)")
        return value
    print(f"{reason}: training it now (its progress bar shows how long that takes), then "
          "saving it for next time.")
    value = train()
    save(value, lesson, name, params, seed)
    return value
