"""Lesson 03's long-memory task: read a symbol, then N distractors, then name the symbol.

Chance is 1 in 4. A network must carry the first symbol across every distractor, which
is exactly what a plain RNN's vanishing gradient makes hard to learn.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int, check_number

SYMBOLS = ("A", "B", "C", "D")  # to remember
DISTRACTORS = ("w", "x", "y", "z")  # to ignore
VOCAB = SYMBOLS + DISTRACTORS


class SequenceError(LabInputError):
    """A typed sequence the task cannot read; the message says how to write one."""


def make_recall_data(
    n: int, distractors: int, seed: int, noise: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` one-hot sequences (n, 1 + distractors, 8) and the index of each first symbol.

    ``noise`` adds Gaussian noise of that standard deviation to every feature of every
    distractor step (the symbol step stays clean): a plain RNN must add it into its state,
    an LSTM can shut its input gate against it. Used in lesson 03.
    """
    n = check_int("n", n, low=1)
    distractors = check_int("distractors", distractors, low=0)
    noise = check_number("noise", noise, low=0.0, hint="It is a standard deviation.")
    rng = np.random.default_rng(seed)
    first = rng.integers(0, len(SYMBOLS), n)
    rest = rng.integers(len(SYMBOLS), len(VOCAB), (n, distractors))
    x = one_hot(np.concatenate([first[:, None], rest], axis=1))
    if noise:
        x[:, 1:] += rng.normal(scale=noise, size=x[:, 1:].shape).astype("float32")
    return x, first


def one_hot(tokens: np.ndarray) -> np.ndarray:
    """Token indices (..., steps) → one-hot float32 (..., steps, len(VOCAB))."""
    return np.eye(len(VOCAB), dtype="float32")[tokens]


def parse_sequence(text: str) -> list[str]:
    """'A w x y' or 'Awxy' → ['A', 'w', 'x', 'y'], or a SequenceError that says what to type."""
    how = (f"Type one of {' '.join(SYMBOLS)} to remember, then distractors from "
           f"{' '.join(DISTRACTORS)}, e.g. 'B w x z y w'.")
    if text is not None and not isinstance(text, str):
        raise SequenceError(f"Expected text, got {type(text).__name__}. {how}")
    text = (text or "").strip()
    if not text:
        raise SequenceError(f"The sequence is empty. {how}")
    tokens = text.split() if any(ch.isspace() for ch in text) else list(text)
    unknown = sorted({t for t in tokens if t not in VOCAB})
    if unknown:
        raise SequenceError(f"Unknown symbol(s) {', '.join(map(repr, unknown))}. {how}")
    if tokens[0] not in SYMBOLS:
        raise SequenceError(f"The first symbol must be one to remember, not {tokens[0]!r}. {how}")
    return tokens


def encode(tokens: list[str]) -> np.ndarray:
    """Tokens → one sequence, one-hot: shape (1, steps, len(VOCAB))."""
    return one_hot(np.array([[VOCAB.index(t) for t in tokens]]))
