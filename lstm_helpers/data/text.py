"""Words to integers and back: the n-word lines of lesson 04 and Keras 3's TextVectorization.

``TextVectorization`` reserves index 0 for padding and 1 for out-of-vocabulary words
('[UNK]'); the legacy ``Tokenizer`` reserved only 0. The dictionaries built here follow the
legacy names (``word_index``, ``index_word``) so older tutorials read the same.
"""

from __future__ import annotations

import re

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int
from lstm_helpers.data.tokens import OOV_ID, OOV_TOKEN, PAD_ID, PAD_TOKEN

_HTML_BREAK = re.compile(r"<br\s*/?>", flags=re.IGNORECASE)
MOSTLY_UNKNOWN = 0.5  # above this share of [UNK] words, a verdict comes with a warning
# A pasted text is read from its end: this many characters per word kept is plenty.
_CHARS_PER_WORD = 40


class TextInputError(LabInputError):
    """Text the lesson cannot use; the message says what to type instead."""


def clean_review(text: str) -> str:
    """IMDB reviews carry HTML line breaks (``<br />``): make them spaces."""
    return _HTML_BREAK.sub(" ", text)


def make_lines(words: list[str], seq_len: int) -> list[str]:
    """Every run of ``seq_len`` consecutive words, as lines: the classic n-word windows.

    ``range(seq_len, len(words) + 1)`` gives one line ending at each word from the
    ``seq_len``-th on. Used in lesson 04.
    """
    check_int("seq_len", seq_len, low=2, hint="A line needs context and a next word.")
    return [" ".join(words[i - seq_len:i]) for i in range(seq_len, len(words) + 1)]


class IndexWord(dict):
    """id → word, like the legacy Tokenizer's ``index_word``, except that the padding id 0
    reads as '' (the vocabulary's own entry 0) instead of raising KeyError, so decoding a
    padded sequence word by word does not crash; any other unknown id says what ids exist."""

    def __missing__(self, key):
        if key == PAD_ID:
            return PAD_TOKEN
        raise KeyError(f"{key!r} is not a token id of this vocabulary: ids run from 1 to "
                       f"{max(self, default=0)} (0 is padding).")


def vocabulary_maps(vocabulary: list[str]) -> tuple[dict[str, int], IndexWord]:
    """``word_index`` and ``index_word`` from ``TextVectorization.get_vocabulary()``.

    Index 0 (padding) is left out, as in the legacy Tokenizer, so the model's output size
    is ``len(word_index) + 1``. '[UNK]' keeps index 1. Used in lessons 04, 05, 06.
    """
    if isinstance(vocabulary, str | bytes) or not hasattr(vocabulary, "__iter__"):
        raise LabInputError(f"vocabulary must be a list of words, as "
                            f"TextVectorization.get_vocabulary() gives; got "
                            f"{type(vocabulary).__name__}.")
    words = [str(w) for w in vocabulary]  # get_vocabulary() returns numpy strings
    if words[:2] != [PAD_TOKEN, OOV_TOKEN]:
        raise LabInputError(
            f"vocabulary must start with '' (padding) and '[UNK]', as "
            f"TextVectorization.get_vocabulary() does; it starts with {words[:2]}.")
    word_index = {w: i for i, w in enumerate(words) if i > PAD_ID}
    return word_index, IndexWord({i: w for w, i in word_index.items()})


def continuations(lines: list[str], context: str) -> dict[str, int]:
    """How often each word follows ``context`` (its words, space-separated) in ``lines``:
    what a model trained on those lines can at best learn. Used in lesson 04."""
    size = len(context.split())
    counts: dict[str, int] = {}
    for line in lines:
        words = line.split()
        if len(words) > size and words[:size] == context.split():
            counts[words[size]] = counts.get(words[size], 0) + 1
    return counts


def decode(ids, index_word: dict[int, str]) -> str:
    """Token ids back to words; padding (0) is dropped. Used in lesson 05."""
    return " ".join(index_word.get(int(i), OOV_TOKEN) for i in np.asarray(ids).ravel()
                    if int(i) != PAD_ID)


# TextVectorization's default: lower-case, then strip this punctuation (DEFAULT_STRIP_REGEX).
_PUNCTUATION = re.compile(r"[!\"#$%&()\*\+,\-\./:;<=>?@\[\\\]^_`{|}~']")


def standardize(text: str) -> list[str]:
    """The words TextVectorization sees in ``text``: lower-cased, HTML breaks and punctuation
    removed, split on whitespace. Mirrors ``standardize_tf``. Used in lesson 04."""
    return _PUNCTUATION.sub("", clean_review(text).lower()).split()


def standardize_tf(texts):
    """``standardize`` for TextVectorization (TensorFlow string ops). Used in lesson 04."""
    import tensorflow as tf

    texts = tf.strings.regex_replace(tf.strings.lower(texts), r"<br\s*/?>", " ")
    return tf.strings.regex_replace(texts, _PUNCTUATION.pattern, "")


def _require_text(text: object, example: str) -> str:
    if not isinstance(text, str):
        raise TextInputError(f"Expected text (a string), got {type(text).__name__} "
                             f"{text!r:.40}. Type words in quotes, e.g. '{example}'.")
    return text


def words_of(text: str, vectorize, max_words: int | None = None
             ) -> tuple[np.ndarray, list[str], list[str]]:
    """A learner's text as token ids, the words read as '[UNK]', and notes for the reader.

    Only the last ``max_words`` words are read (a long paste costs no more than a short
    text); a note says so. Raises TextInputError, with what to type, on empty, word-less or
    non-text input. Used in lesson 04.
    """
    text = _require_text(text, "this movie was")
    if not text.strip():
        raise TextInputError("Type a few words first, e.g. 'this movie was'.")
    notes = []
    if max_words is not None:
        check_int("max_words", max_words, low=1, hint="None reads every word.")
    if max_words is not None and len(text) > max_words * _CHARS_PER_WORD:
        text = text[-max_words * _CHARS_PER_WORD:]
    tokens = standardize(text)
    if not tokens:
        raise TextInputError(f"No words found in {text!r:.60} (only punctuation or symbols?). "
                             "Type a few words, e.g. 'this movie was'.")
    if max_words is not None and len(tokens) > max_words:
        notes.append(f"Long text: the model reads its last {max_words} words.")
        tokens = tokens[-max_words:]
    ids = np.asarray(vectorize([" ".join(tokens)]))[0]
    ids = ids[ids != PAD_ID]
    unknown = [word for word, i in zip(tokens, ids, strict=False) if i == OOV_ID]
    return ids, unknown, notes


def review_ids(review: str, vectorize, max_len: int) -> tuple[np.ndarray, list[str]]:
    """A typed review as the token ids a classifier reads, plus notes for the reader.

    Raises ``TextInputError`` with what to do for empty text, text without words
    (punctuation, emoji), non-text input, or text with no word the model knows. Long
    reviews keep their last ``max_len`` tokens, as in training; mostly unknown words get a
    warning.
    """
    review = _require_text(review, "A gripping, moving film.")
    check_int("max_len", max_len, low=1)
    if not review.strip():
        raise TextInputError("Type or paste a review first, e.g. 'A gripping, moving film.'")
    if len(review) > max_len * _CHARS_PER_WORD:  # read from the end, as training did
        total = len(standardize(review))
        review = review[-max_len * _CHARS_PER_WORD:]
    else:
        total = None
    tokens = [t for t in standardize(review) if any(ch.isalnum() for ch in t)]
    if not tokens:
        raise TextInputError(
            "No words found (only punctuation, symbols or emoji?). The model reads English "
            "words: type a sentence, e.g. 'The plot was dull.'")
    ids = np.asarray(vectorize([" ".join(tokens)]))[0]
    ids = ids[ids != PAD_ID].astype(np.int32)
    notes = []
    unknown = float(np.mean(ids == OOV_ID))
    if unknown == 1.0:
        raise TextInputError(
            f"None of the {len(ids)} words is in the model's vocabulary (not English, or "
            "misspelt?), so it has nothing to judge. Try an English review.")
    if unknown > MOSTLY_UNKNOWN:
        notes.append(f"{unknown:.0%} of the words are unknown to the model ([UNK]): is the "
                     "review in English? Take the verdict with a grain of salt.")
    total = total or len(ids)
    if total > max_len:
        notes.append(f"Long review: the model reads its last {max_len} of {total:,} words, "
                     "as in training.")
        ids = ids[-max_len:]
    return ids, notes
