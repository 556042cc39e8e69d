"""Lesson 11's measurements: how training time and per-token generation time grow with
sequence length, for an LSTM encoder–decoder and a Transformer, on this machine.

Every time is a median over repeats after one warm-up call (the first call of a new shape
also pays for tracing the graph), so a busy moment on a shared machine moves it less.
"""

from __future__ import annotations

import time

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int
from lstm_helpers.data.seq2seq_task import DIGIT0, END, PAD, START, VOCAB_SIZE
from lstm_helpers.models.seq2seq_models import Seq2Seq
from lstm_helpers.models.transformer_models import cache_floats


def _lengths(lengths: object) -> list[int]:
    if not isinstance(lengths, list | tuple) or not lengths:
        raise LabInputError(f"lengths must be a non-empty list of whole numbers, e.g. "
                            f"[8, 16, 32]; got {lengths!r:.60}.")
    return [check_int("each length", n, low=1) for n in lengths]


def _batch(length: int, batch_size: int, seed: int) -> tuple[list[np.ndarray], np.ndarray]:
    """A batch of random digit strings of one length, reversed: model inputs and targets."""
    rng = np.random.default_rng(seed)
    digits = rng.integers(DIGIT0, VOCAB_SIZE, (batch_size, length)).astype("int32")
    answer = digits[:, ::-1]
    dec_in = np.concatenate([np.full((batch_size, 1), START, "int32"), answer], axis=1)
    targets = np.concatenate([answer, np.full((batch_size, 1), END, "int32")], axis=1)
    return [digits, dec_in], targets


def train_seconds_by_length(seq2seq: Seq2Seq, lengths: list[int], batch_size: int = 64,
                            repeats: int = 3, seed: int = 0) -> dict[int, float]:
    """Median seconds of one training step (``train_on_batch``) on batches of inputs of each
    length; the model's weights are put back afterwards. Used in lesson 11."""
    lengths = _lengths(lengths)
    batch_size = check_int("batch_size", batch_size, low=1)
    repeats = check_int("repeats", repeats, low=1)
    saved = seq2seq.model.get_weights()
    out = {}
    try:
        for n in lengths:
            x, y = _batch(n, batch_size, seed + n)
            seq2seq.model.train_on_batch(x, y)  # warm-up: a new length may retrace
            times = []
            for _ in range(repeats):
                started = time.perf_counter()
                seq2seq.model.train_on_batch(x, y)
                times.append(time.perf_counter() - started)
            out[n] = float(np.median(times))
    finally:
        seq2seq.model.set_weights(saved)
    return out


def seconds_per_token(seq2seq: Seq2Seq, input_length: int, positions: list[int],
                      repeats: int = 3, seed: int = 0) -> dict[int, float]:
    """Streaming generation for one input of ``input_length`` digits: the median seconds the
    decoder takes to write the token at each of ``positions`` (1 = the first), with the
    context of every token before it. Runs ``max(positions)`` steps, ``repeats`` times.
    Used in lesson 11."""
    input_length = check_int("input_length", input_length, low=1)
    positions = _lengths(positions)
    repeats = check_int("repeats", repeats, low=1)
    rng = np.random.default_rng(seed)
    inputs = rng.integers(DIGIT0, VOCAB_SIZE, (1, input_length)).astype("int32")
    wanted = set(positions)
    times: dict[int, list[float]] = {p: [] for p in positions}
    for _ in range(repeats + 1):  # the first pass warms up
        states, token = seq2seq.start(inputs), np.array([START], "int32")
        for position in range(1, max(positions) + 1):
            started = time.perf_counter()
            log_probs, states = seq2seq.step(token, states)
            spent = time.perf_counter() - started
            log_probs[:, [PAD, START, END]] = -np.inf  # keep writing digits
            token = log_probs.argmax(-1).astype("int32")
            if position in wanted and _ > 0:
                times[position].append(spent)
    return {p: float(np.median(t)) for p, t in times.items()}


def state_bytes(seq2seq: Seq2Seq, positions: list[int], input_length: int) -> dict[int, int]:
    """Bytes (float32) a decoder keeps to write the token at each position: see
    ``transformer_models.cache_floats``. Used in lesson 11."""
    return {p: 4 * cache_floats(seq2seq, p - 1, input_length) for p in _lengths(positions)}
