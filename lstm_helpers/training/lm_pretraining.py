"""Pretrain the review language model (``models.review_lm``) in resumable chunks.

A run is cut into chunks of a few minutes; after each one the weights, the optimizer and
the position are saved, so a run killed (or a laptop closed) goes on where it stopped. A
progress bar counts tokens, with tokens per second and the time left.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import keras
import numpy as np

from lstm_helpers import config
from lstm_helpers.data.batches import stateful_windows
from lstm_helpers.models.review_lm import LMShape, ReviewLM, lm_weights
from lstm_helpers.training.callbacks import progress_bar


@dataclass(frozen=True)
class PretrainPlan:
    """How to train: rows (parallel reviews), window (steps per batch), epochs, AdamW, and
    the regularisation that keeps the LSTM's states where a classifier can still move them
    (weight decay, dropout, penalties on large and on jumpy hidden states)."""

    rows: int = 128
    window: int = 64
    epochs: int = 2
    learning_rate: float = 2e-3
    weight_decay: float = 0.05
    dropout: float = 0.1
    activation: float = 1.0  # × mean(h²)
    temporal: float = 1.0  # × mean((h_t − h_{t−1})²)
    sampled: int = 512
    chunk_steps: int = 250  # batches between checkpoints (a few minutes on 2 cores)
    seed: int = 42


class _TokenBar(keras.callbacks.Callback):
    """Moves the bar by the words each batch trained on, and keeps the chunk's loss as a
    mean weighted by those words (a padding-only last batch would otherwise report 0)."""

    def __init__(self, bar, tokens_per_batch: np.ndarray):
        super().__init__()
        self.bar, self.tokens = bar, tokens_per_batch
        self.loss_sum, self.token_sum = 0.0, 0

    @property
    def mean_loss(self) -> float:
        return self.loss_sum / max(self.token_sum, 1)

    def on_train_batch_end(self, batch, logs=None):
        self.bar.update(int(self.tokens[batch]))
        if logs and self.tokens[batch]:
            self.loss_sum += float(logs["loss"]) * int(self.tokens[batch])
            self.token_sum += int(self.tokens[batch])
        if logs and batch % 20 == 0:
            self.bar.set_postfix(loss=f"{float(logs['loss']):.3f}")


def corpus_key(seqs: list[np.ndarray]) -> str:
    """A short fingerprint of the token ids, so a checkpoint is never resumed on other data."""
    digest = hashlib.sha1()
    for s in seqs:
        digest.update(np.asarray(s, np.int32).tobytes())
        digest.update(b"|")
    return digest.hexdigest()[:16]


def build(shape: LMShape, plan: PretrainPlan, total_steps: int) -> ReviewLM:
    """A compiled language model with Adam on a warm-up-then-cosine learning rate."""
    keras.utils.set_random_seed(plan.seed)
    model = ReviewLM(shape, rows=plan.rows, sampled=plan.sampled, dropout=plan.dropout,
                     activation=plan.activation, temporal=plan.temporal)
    model((np.zeros((plan.rows, plan.window), np.int32), np.zeros(plan.rows, np.float32)))
    rate = keras.optimizers.schedules.CosineDecay(
        plan.learning_rate / 10, decay_steps=max(total_steps, 1), alpha=0.1,
        warmup_target=plan.learning_rate, warmup_steps=min(100, total_steps // 10))
    optimizer = keras.optimizers.AdamW(rate, weight_decay=plan.weight_decay, clipnorm=1.0)
    optimizer.exclude_from_weight_decay(var_names=["bias", "softmax_b"])
    model.compile(optimizer=optimizer)
    model.optimizer.build(model.trainable_variables)
    return model


def pretrain(seqs: list[np.ndarray], shape: LMShape, plan: PretrainPlan,
             checkpoint: Path | None = None, desc: str = "pretraining") -> tuple[ReviewLM, dict]:
    """Train the language model on ``seqs`` (token ids of whole reviews) as ``plan`` says.

    With ``checkpoint`` (a folder), progress is saved after every chunk and a matching
    checkpoint found there is resumed. Returns the model and a record: tokens, seconds,
    tokens per second, loss per chunk.
    """
    layouts = [stateful_windows(seqs, plan.rows, plan.window, seed=plan.seed + e)
               for e in range(plan.epochs)]
    steps = [len(layout["reset"]) for layout in layouts]
    total = int(sum(layout["weight"].sum() for layout in layouts))
    model = build(shape, plan, sum(steps))
    state = {"key": corpus_key(seqs), "plan": asdict(plan), "shape": asdict(shape),
             "epoch": 0, "step": 0, "tokens": 0, "seconds": 0.0, "losses": []}
    if checkpoint is not None:
        state = _resume(model, checkpoint, state)
    bar = progress_bar(total, desc, "tok", unit_scale=True, initial=state["tokens"],
                       smoothing=0.05)
    while state["epoch"] < plan.epochs:
        layout = layouts[state["epoch"]]
        start, stop = state["step"], min(state["step"] + plan.chunk_steps, steps[state["epoch"]])
        chunk = slice(start, stop)
        x, y, w = (layout[k][chunk].reshape(-1, plan.window) for k in ("x", "y", "weight"))
        reset = layout["reset"][chunk].reshape(-1)
        tokens = layout["weight"][chunk].sum(axis=(1, 2))
        began = time.perf_counter()
        tracker = _TokenBar(bar, tokens)
        model.fit((x, reset), y, sample_weight=w, batch_size=plan.rows, epochs=1,
                  shuffle=False, verbose=0, callbacks=[tracker])
        state["seconds"] += time.perf_counter() - began
        state["tokens"] += int(tokens.sum())
        state["losses"].append(tracker.mean_loss)
        state["step"] = stop
        if stop >= steps[state["epoch"]]:
            state["epoch"], state["step"] = state["epoch"] + 1, 0
        if checkpoint is not None:
            _save(model, checkpoint, state)
    bar.close()
    record = {"tokens": state["tokens"], "seconds": round(state["seconds"], 1),
              "tokens_per_second": round(state["tokens"] / max(state["seconds"], 1e-9)),
              "chunk_losses": [round(v, 4) for v in state["losses"]], "plan": asdict(plan)}
    return model, record


def _save(model: ReviewLM, folder: Path, state: dict) -> None:
    config.make_folder(folder)
    tmp = config.make_folder(folder / "next")
    np.savez(tmp / "weights.npz", *model.get_weights())
    np.savez(tmp / "optimizer.npz", *[np.asarray(v) for v in model.optimizer.variables])
    (tmp / "state.json").write_text(json.dumps(state))
    for name in ("weights.npz", "optimizer.npz", "state.json"):  # state.json last: it commits
        (tmp / name).replace(folder / name)


def _resume(model: ReviewLM, folder: Path, fresh: dict) -> dict:
    saved = folder / "state.json"
    if not saved.is_file():
        return fresh
    try:  # read everything before changing the model: a damaged checkpoint starts over
        state = json.loads(saved.read_text())
        if not isinstance(state, dict):
            raise ValueError("state.json is not a JSON object")
        if any(state.get(k) != fresh[k] for k in ("key", "plan", "shape")):
            return fresh  # another corpus or other settings: start over
        with np.load(folder / "weights.npz", allow_pickle=False) as data:
            weights = [data[f"arr_{i}"] for i in range(len(data.files))]
        with np.load(folder / "optimizer.npz", allow_pickle=False) as data:
            slots = [data[f"arr_{i}"] for i in range(len(data.files))]
        variables = model.optimizer.variables
        if len(slots) != len(variables) or any(
                tuple(s.shape) != tuple(v.shape) for s, v in zip(slots, variables, strict=True)):
            raise ValueError("optimizer.npz does not fit this model")
        model.set_weights(weights)
    except Exception as exc:  # zip, JSON, shapes: any damage means "start over"
        print(f"Checkpoint in {folder} is damaged ({type(exc).__name__}: "
              f"{str(exc).splitlines()[0][:120] if str(exc) else 'unreadable'}); starting over.")
        return fresh
    for variable, slot in zip(variables, slots, strict=True):
        variable.assign(slot)
    print(f"Resuming from {folder}: epoch {state['epoch'] + 1}, batch {state['step']}, "
          f"{state['tokens']:,} tokens done.")
    return state


__all__ = ["PretrainPlan", "corpus_key", "lm_weights", "pretrain"]
