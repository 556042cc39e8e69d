"""Lesson 11's sequence-to-sequence task: read a string of digits, write it reversed (or
copied, or sorted).

Generated, seeded and small, so an encoder–decoder trains on a CPU in minutes, and the
input length is under our control: the test set holds every length from the shortest to
some longer than any seen in training, and no test input appears in training.

Tokens: 0 is padding, 1 starts the decoder, 2 ends the output, digits d are d + 3.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.errors import LabInputError, LabTypeError, check_choice, check_int

PAD, START, END = 0, 1, 2
DIGIT0 = 3  # token of the digit 0
VOCAB_SIZE = DIGIT0 + 10
KINDS = ("reverse", "copy", "sort")


class DigitsInputError(LabInputError):
    """A typed input the task cannot read; the message says what to type."""


@dataclass(frozen=True)
class Split:
    """One split of the task. Shapes: inputs (n, max_in); decoder_inputs and targets
    (n, max_in + 1), padded with PAD at the end; lengths (n,)."""

    inputs: np.ndarray  # the digits' tokens, what the encoder reads
    decoder_inputs: np.ndarray  # START, then the answer: what teacher forcing feeds
    targets: np.ndarray  # the answer, then END: what the decoder must output
    lengths: np.ndarray  # input length of each example

    def __len__(self) -> int:
        return len(self.inputs)

    def of_length(self, length: int) -> Split:
        """The examples whose input has ``length`` digits, padding cut to fit."""
        return self._where(self.lengths == length, int(length))

    def up_to(self, longest: int) -> Split:
        """The examples whose input has at most ``longest`` digits, padding cut to fit."""
        return self._where(self.lengths <= longest, int(longest))

    def _where(self, keep: np.ndarray, width: int) -> Split:
        if not keep.any():
            raise LabInputError(f"no example of that length; this split has lengths "
                                f"{self.lengths.min()} to {self.lengths.max()}.")
        return Split(self.inputs[keep, :width], self.decoder_inputs[keep, :width + 1],
                     self.targets[keep, :width + 1], self.lengths[keep])


@dataclass(frozen=True)
class Task:
    """A generated task: training and test splits, and the lengths each covers."""

    kind: str
    train: Split
    test: Split
    train_lengths: tuple[int, int]  # shortest and longest input in training
    test_lengths: tuple[int, int]

    @property
    def longer_than_training(self) -> range:
        """Test lengths no training input has."""
        return range(self.train_lengths[1] + 1, self.test_lengths[1] + 1)


def answer(kind: str, digits: list[int]) -> list[int]:
    """The output the task asks for: ``digits`` reversed, copied or sorted. Used in lesson 11."""
    check_choice("kind", kind, KINDS)
    return {"reverse": digits[::-1], "copy": list(digits), "sort": sorted(digits)}[kind]


def _split(kind: str, rows: list[tuple[int, ...]]) -> Split:
    width = max(len(r) for r in rows)
    inputs = np.full((len(rows), width), PAD, "int32")
    dec_in = np.full((len(rows), width + 1), PAD, "int32")
    targets = np.full((len(rows), width + 1), PAD, "int32")
    for k, row in enumerate(rows):
        out = [d + DIGIT0 for d in answer(kind, list(row))]
        inputs[k, :len(row)] = [d + DIGIT0 for d in row]
        dec_in[k, :len(row) + 1] = [START, *out]
        targets[k, :len(row) + 1] = [*out, END]
    return Split(inputs, dec_in, targets, np.array([len(r) for r in rows], "int32"))


def make_task(kind: str = "reverse", n_train: int = 10_000, n_test_per_length: int = 100,
              train_lengths: tuple[int, int] = (3, 10), longest_test: int = 14,
              seed: int = 42) -> Task:
    """Random digit strings with lengths uniform in ``train_lengths`` for training, and
    ``n_test_per_length`` per length from the shortest up to ``longest_test`` for testing;
    test strings never occur in training. Used in lesson 11."""
    check_choice("kind", kind, KINDS)
    n_train = check_int("n_train", n_train, low=1)
    n_test = check_int("n_test_per_length", n_test_per_length, low=1)
    if not isinstance(train_lengths, tuple | list) or len(train_lengths) != 2:
        raise LabTypeError(f"train_lengths must be (shortest, longest), e.g. (3, 10); got "
                           f"{train_lengths!r}.")
    low = check_int("train_lengths[0]", train_lengths[0], low=1)
    high = check_int("train_lengths[1]", train_lengths[1], low=low,
                     hint="The longest training input must be at least the shortest.")
    longest = check_int("longest_test", longest_test, low=high,
                        hint="Test inputs go up to at least the longest training input.")
    rng = np.random.default_rng(seed)
    train = [tuple(rng.integers(0, 10, rng.integers(low, high + 1)).tolist())
             for _ in range(n_train)]
    seen, test = set(train), []
    for length in range(low, longest + 1):
        found, tries = set(), 0
        while len(found) < n_test and tries < 50 * n_test:  # short lengths may run out
            row = tuple(rng.integers(0, 10, length).tolist())
            if row not in seen:
                found.add(row)
            tries += 1
        test += sorted(found)
    if not test:
        raise LabInputError("every possible test input is already in training: raise "
                            "train_lengths[0] or lower n_train.")
    return Task(kind, _split(kind, train), _split(kind, test), (low, high), (low, longest))


def encode_digits(text: object, max_length: int = 40) -> np.ndarray:
    """'3 1 4' or '314' → the tokens the encoder reads, shape (digits,); a DigitsInputError
    says what to type instead. Used in lesson 11."""
    max_length = check_int("max_length", max_length, low=1)
    how = f"Type 1 to {max_length} digits, e.g. 40213."
    if not isinstance(text, str):
        raise DigitsInputError(f"Expected text, got {type(text).__name__}. {how}")
    digits = "".join(text.split())
    if not digits:
        raise DigitsInputError(f"The input is empty. {how}")
    bad = sorted({ch for ch in digits if ch not in "0123456789"})
    if bad:
        raise DigitsInputError(f"Only digits can be read, not {', '.join(map(repr, bad[:5]))}. "
                               f"{how}")
    if len(digits) > max_length:
        raise DigitsInputError(f"{len(digits)} digits is too long. {how}")
    return np.array([int(ch) + DIGIT0 for ch in digits], "int32")


def decode_tokens(tokens: object) -> str:
    """Tokens → the digits they spell, stopping at END; START and padding are skipped.
    Used in lesson 11."""
    out = []
    for token in np.asarray(tokens, dtype="int64").ravel().tolist():
        if token == END:
            break
        if DIGIT0 <= token < VOCAB_SIZE:
            out.append(str(token - DIGIT0))
    return "".join(out)


def token_label(token: int) -> str:
    """A token as the figures show it: a digit, or ⟨end⟩ / ⟨start⟩ / ⟨pad⟩. Used in lesson 11."""
    return {PAD: "⟨pad⟩", START: "⟨start⟩", END: "⟨end⟩"}.get(int(token),
                                                             str(int(token) - DIGIT0))
