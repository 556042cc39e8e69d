"""Lesson 11's training and scoring: teacher-forced ``model.fit`` with a progress bar, and
exact-match accuracy of greedy decoding, length by length."""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.errors import LabTypeError, check_int
from lstm_helpers.data.seq2seq_task import PAD, Split
from lstm_helpers.models.seq2seq_models import Seq2Seq
from lstm_helpers.training.callbacks import LiveCurves, TrainingRun


def _check_model(seq2seq: object) -> Seq2Seq:
    if not isinstance(seq2seq, Seq2Seq):
        raise LabTypeError(f"expected a Seq2Seq from seq2seq_models.build_lstm_seq2seq or "
                           f"transformer_models.build_transformer_seq2seq; got "
                           f"{type(seq2seq).__name__}.")
    return seq2seq


def train(seq2seq: Seq2Seq, split: Split, epochs: int, batch_size: int = 64,
          desc: str | None = None) -> TrainingRun:
    """Teacher forcing: ``model.fit`` on (input, answer shifted right) → answer, padding
    weighted 0. Shows a progress bar; returns the history and seconds per epoch. Used in
    lesson 11."""
    seq2seq = _check_model(seq2seq)
    if not isinstance(split, Split):
        raise LabTypeError(f"split must be a seq2seq_task.Split (task.train); got "
                           f"{type(split).__name__}.")
    epochs = check_int("epochs", epochs, low=1)
    batch_size = check_int("batch_size", batch_size, low=1)
    run = TrainingRun(seq2seq.name)
    steps = -(-len(split) // batch_size)
    weights = (split.targets != PAD).astype("float32")
    seq2seq.model.fit([split.inputs, split.decoder_inputs], split.targets, sample_weight=weights,
                      epochs=epochs, batch_size=batch_size, shuffle=True, verbose=0,
                      callbacks=[LiveCurves(run, steps, desc=desc or f"training {seq2seq.name}")])
    return run


def _matches(tokens: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Per example: does the output equal the answer up to and including its end token?"""
    width = targets.shape[1]
    got = np.full((len(targets), width), PAD, "int32")
    got[:, :min(width, tokens.shape[1])] = tokens[:, :width]
    got = np.where(targets != PAD, got, PAD)  # after the end token, nothing is compared
    return np.all(got == targets, axis=1)


def exact_match(seq2seq: Seq2Seq, split: Split) -> float:
    """Share of the examples in ``split`` whose greedy output is the whole answer.
    Used in lesson 11."""
    tokens, _ = _check_model(seq2seq).greedy(split.inputs, split.targets.shape[1])
    return float(np.mean(_matches(tokens, split.targets)))


def accuracy_by_length(seq2seq: Seq2Seq, split: Split) -> dict[int, float]:
    """Exact-match accuracy of greedy decoding for each input length in ``split`` (decoded
    in one batch: the encoder's padding is masked). Used in lesson 11."""
    tokens, _ = _check_model(seq2seq).greedy(split.inputs, split.targets.shape[1])
    return {int(n): float(np.mean(_matches(tokens, split.targets)[split.lengths == n]))
            for n in np.unique(split.lengths)}


def bucket_accuracy(by_length: dict[int, float], buckets: list[tuple[int, int]]
                    ) -> dict[str, float]:
    """Mean of ``accuracy_by_length``'s values over each (shortest, longest) bucket (equal
    counts per length), keyed 'a–b'. Used in lesson 11 and tools/bench_seq2seq.py."""
    if not isinstance(buckets, list | tuple) or not all(
            isinstance(b, tuple | list) and len(b) == 2 for b in buckets):
        raise LabTypeError(f"buckets must be a list of (shortest, longest) pairs, e.g. "
                           f"[(3, 6), (7, 10)]; got {buckets!r:.60}.")
    out = {}
    for low, high in buckets:
        values = [v for n, v in by_length.items() if low <= n <= high]
        if values:
            out[f"{low}–{high}"] = float(np.mean(values))
    return out
