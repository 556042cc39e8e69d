"""Words to integers and back: the n-word lines of lesson 04 and Keras 3's TextVectorization.

``TextVectorization`` reserves index 0 for padding and 1 for out-of-vocabulary words
('[UNK]'); the legacy ``Tokenizer`` reserved only 0. The dictionaries built here follow the
legacy names (``word_index``, ``index_word``) so older tutorials read the same.
"""

from __future__ import annotations

import re

import numpy as np

PAD, OOV = "", "[UNK]"
_HTML_BREAK = re.compile(r"<br\s*/?>", flags=re.IGNORECASE)


class TextInputError(ValueError):
    """Text the lesson cannot use; the message says what to type instead."""


def clean_review(text: str) -> str:
    """IMDB reviews carry HTML line breaks (``<br />``): make them spaces. Lessons 04-06."""
    return _HTML_BREAK.sub(" ", text)


def make_lines(words: list[str], seq_len: int) -> list[str]:
    """Every run of ``seq_len`` consecutive words, as lines: the classic n-word windows.

    ``range(seq_len, len(words) + 1)`` gives one line ending at each word from the
    ``seq_len``-th on. Used in lesson 04.
    """
    if seq_len < 2:
        raise ValueError(f"seq_len must be at least 2 (context + next word); got {seq_len}.")
    return [" ".join(words[i - seq_len:i]) for i in range(seq_len, len(words) + 1)]


def vocabulary_maps(vocabulary: list[str]) -> tuple[dict[str, int], dict[int, str]]:
    """``word_index`` and ``index_word`` from ``TextVectorization.get_vocabulary()``.

    Index 0 (padding) is left out, as in the legacy Tokenizer, so the model's output size
    is ``len(word_index) + 1``. '[UNK]' keeps index 1. Used in lesson 04.
    """
    words = [str(w) for w in vocabulary]  # get_vocabulary() returns numpy strings
    if words[:2] != [PAD, OOV]:
        raise ValueError("expected a TextVectorization vocabulary starting with '' and '[UNK]'.")
    word_index = {w: i for i, w in enumerate(words) if i > 0}
    return word_index, {i: w for w, i in word_index.items()}


def decode(ids, index_word: dict[int, str]) -> str:
    """Token ids back to words; padding (0) is dropped. Used in lessons 04-05."""
    return " ".join(index_word.get(int(i), OOV) for i in np.asarray(ids).ravel() if int(i) != 0)


# TextVectorization's default: lower-case, then strip this punctuation (DEFAULT_STRIP_REGEX).
_PUNCTUATION = re.compile(r"[!\"#$%&()\*\+,\-\./:;<=>?@\[\\\]^_`{|}~']")


def standardize(text: str) -> list[str]:
    """The words TextVectorization sees in ``text``: lower-cased, HTML breaks and punctuation
    removed, split on whitespace. Mirrors ``standardize_tf``. Used in lessons 04-05."""
    return _PUNCTUATION.sub("", clean_review(text).lower()).split()


def standardize_tf(texts):
    """``standardize`` for TextVectorization (TensorFlow string ops). Used in lessons 04-06."""
    import tensorflow as tf

    texts = tf.strings.regex_replace(tf.strings.lower(texts), r"<br\s*/?>", " ")
    return tf.strings.regex_replace(texts, _PUNCTUATION.pattern, "")


def words_of(text: str, vectorize) -> tuple[np.ndarray, list[str]]:
    """A learner's text as token ids, and the words that were read as '[UNK]'.

    Raises TextInputError, with what to type, on empty or word-less input. Lesson 04.
    """
    if not text or not text.strip():
        raise TextInputError("Type a few words first, e.g. 'this movie was'.")
    tokens = standardize(text)
    if not tokens:
        raise TextInputError(f"No words found in {text!r} (only punctuation or symbols?). "
                             "Type a few words, e.g. 'this movie was'.")
    ids = np.asarray(vectorize([" ".join(tokens)]))[0]
    ids = ids[ids != 0]
    unknown = [word for word, i in zip(tokens, ids, strict=False) if i == 1]
    return ids, unknown
