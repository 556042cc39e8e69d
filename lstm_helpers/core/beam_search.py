"""Greedy decoding and beam search over any step function, in NumPy.

A decoder is given as ``step(tokens, states) -> (log_probs, new_states)``: ``tokens`` has
shape (k,), one last token per hypothesis; ``states`` is a tuple of arrays whose first axis
is the hypothesis (an LSTM's h and c, an encoder's outputs, a Transformer's prefix);
``log_probs`` has shape (k, vocabulary). Nothing here knows about Keras, so the same search
runs an LSTM, an LSTM with attention or a Transformer, and the tests run it on a table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import LabInputError, LabTypeError, check_int

States = tuple[np.ndarray, ...]
Step = Callable[[np.ndarray, States], tuple[np.ndarray, States]]


@dataclass(frozen=True)
class Hypothesis:
    """One decoded output: its tokens (END included when it ended) and their total log-prob."""

    tokens: tuple[int, ...]
    log_prob: float


def _check(step: object, states: object, end: int, max_len: int,
           banned: tuple[int, ...]) -> tuple[States, int, int, tuple[int, ...]]:
    if not callable(step):
        raise LabTypeError(f"step must be a function step(tokens, states) -> (log_probs, "
                           f"states); got {type(step).__name__}.")
    if not isinstance(states, tuple | list) or not all(hasattr(s, "shape") for s in states):
        raise LabTypeError("states must be a tuple of arrays whose first axis is the example "
                           f"or hypothesis; got {type(states).__name__}.")
    end = check_int("end", end, low=0)
    max_len = check_int("max_len", max_len, low=1)
    return tuple(np.asarray(s) for s in states), end, max_len, tuple(int(b) for b in banned)


def _log_probs(step: Step, tokens: np.ndarray, states: States,
               banned: tuple[int, ...]) -> tuple[np.ndarray, States]:
    log_probs, states = step(tokens, states)
    log_probs = np.array(log_probs, dtype="float64")  # a copy: banned tokens are set below
    if log_probs.ndim != 2 or len(log_probs) != len(tokens):
        raise LabInputError(f"step returned log-probs of shape {log_probs.shape}; it must "
                            f"return (hypotheses, vocabulary) = ({len(tokens)}, V).")
    log_probs[:, list(banned)] = -np.inf
    return log_probs, tuple(np.asarray(s) for s in states)


def greedy_decode(step: Step, states: States, start: int, end: int, max_len: int,
                  banned: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Decode a batch greedily: at each step take the most likely token. Returns the tokens
    (batch, steps), padded with ``end`` after each output ended, and each step's
    log-probabilities (batch, steps, vocabulary). Stops once every output has ended or at
    ``max_len`` steps. Used in lesson 11."""
    states, end, max_len, banned = _check(step, states, end, max_len, banned)
    batch = len(states[0])
    tokens = np.full(batch, start, dtype="int32")
    done = np.zeros(batch, dtype=bool)
    out, scores = [], []
    for _ in range(max_len):
        log_probs, states = _log_probs(step, tokens, states, banned)
        tokens = np.where(done, end, log_probs.argmax(-1)).astype("int32")
        out.append(tokens)
        scores.append(log_probs)
        done |= tokens == end
        if done.all():
            break
    return np.stack(out, axis=1), np.stack(scores, axis=1)


def beam_search(step: Step, states: States, start: int, end: int, beam_width: int,
                max_len: int, banned: tuple[int, ...] = ()) -> list[Hypothesis]:
    """Beam search for one input (``states`` with a first axis of 1): keep the
    ``beam_width`` most likely partial outputs at each step. Returns up to ``beam_width``
    hypotheses, most likely first; an output that never emits ``end`` stops at ``max_len``
    tokens. A partial output is dropped once ``beam_width`` finished ones beat it (a
    log-probability can only fall as an output grows), so with a beam as wide as every
    possible output it returns the most likely outputs exactly. Used in lesson 11."""
    states, end, max_len, banned = _check(step, states, end, max_len, banned)
    beam_width = check_int("beam_width", beam_width, low=1)
    if len(states[0]) != 1:
        raise LabTypeError(f"beam_search decodes one input: give states with a first axis "
                           f"of 1, not {len(states[0])}.")
    live = [((), 0.0)]  # (tokens so far, log-prob), one per row of states
    last = np.array([start], dtype="int32")
    finished: list[Hypothesis] = []
    for _ in range(max_len):
        log_probs, states = _log_probs(step, last, states, banned)
        totals = np.array([lp for _, lp in live])[:, None] + log_probs
        order = np.argsort(-totals, axis=None, kind="stable")
        keep, rows = [], []
        for flat in order[:len(live) * totals.shape[1]]:
            row, token = divmod(int(flat), totals.shape[1])
            if not np.isfinite(totals[row, token]):
                break
            tokens = (*live[row][0], token)
            if token == end:
                finished.append(Hypothesis(tokens, float(totals[row, token])))
            else:
                keep.append((tokens, float(totals[row, token])))
                rows.append(row)
            if len(keep) == beam_width:
                break
        done = sorted((h.log_prob for h in finished), reverse=True)
        bar = done[beam_width - 1] if len(done) >= beam_width else -np.inf
        live = [(t, lp) for t, lp in keep if lp > bar]  # the rest can never make the top
        rows = rows[:len(live)]
        if not live:
            break
        states = tuple(s[rows] for s in states)
        last = np.array([t[-1] for t, _ in live], dtype="int32")
    else:
        finished += [Hypothesis(t, lp) for t, lp in live]  # ran out of steps: cut here
    finished.sort(key=lambda h: (-h.log_prob, h.tokens))
    return finished[:beam_width]
