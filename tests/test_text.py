"""Lesson 04's text helpers against hand-worked examples and Keras's own TextVectorization."""

import keras
import numpy as np
import pytest

from lstm_helpers.data import text


def test_lines_are_every_run_of_seq_len_words():
    words = "a b c d e".split()
    assert text.make_lines(words, 3) == ["a b c", "b c d", "c d e"]
    assert text.make_lines(words, 5) == ["a b c d e"]
    assert text.make_lines(words, 6) == []
    with pytest.raises(ValueError, match="at least 2"):
        text.make_lines(words, 1)


@pytest.fixture(scope="module")
def vectorizer():
    vec = keras.layers.TextVectorization(standardize=text.standardize_tf)
    vec.adapt(["the cat sat", "the cat ran", "a dog sat"])
    return vec


def test_vocabulary_maps_reserve_padding_and_unknown(vectorizer):
    word_index, index_word = text.vocabulary_maps(vectorizer.get_vocabulary())
    assert 0 not in index_word and "" not in word_index  # 0 is padding, never a word
    assert word_index["[UNK]"] == 1 and index_word[1] == "[UNK]"
    assert word_index["the"] == 2  # the most frequent word comes first
    assert len(word_index) + 1 == vectorizer.vocabulary_size()  # vocab_size = len + 1
    assert all(isinstance(w, str) for w in word_index)  # not numpy strings
    ids = np.asarray(vectorizer(["the cat flew"]))[0]
    assert text.decode(ids, index_word) == "the cat [UNK]"
    assert text.decode([0, 0, *ids], index_word) == "the cat [UNK]"  # padding dropped


def test_a_foreign_vocabulary_is_refused():
    with pytest.raises(ValueError, match="start with '' \\(padding\\) and"):
        text.vocabulary_maps(["the", "cat"])


def test_python_and_tensorflow_standardization_agree():
    samples = ["Great film!<br /><br />Don't miss it.", "  (Really) GOOD, 10/10 ", "é à ü"]
    got = [t.decode() for t in np.asarray(text.standardize_tf(samples))]
    assert [g.split() for g in got] == [text.standardize(s) for s in samples]
    assert "br" not in text.standardize("a<br />b<BR>c")


def test_learner_text_reports_unknown_words(vectorizer):
    ids, unknown, _ = text.words_of("The zebra sat", vectorizer)
    assert ids.tolist()[0] == 2 and unknown == ["zebra"]


@pytest.mark.parametrize(("bad", "message"), [("", "Type a few words"), ("   ", "Type a few words"),
                                              ("?!... :-)", "No words found")])
def test_empty_or_wordless_text_gets_a_friendly_message(vectorizer, bad, message):
    with pytest.raises(text.TextInputError, match=message):
        text.words_of(bad, vectorizer)


def test_emoji_are_read_as_unknown_words(vectorizer):
    ids, unknown, notes = text.words_of("🙂 the", vectorizer)
    assert ids.tolist() == [1, 2] and unknown == ["🙂"] and notes == []


@pytest.mark.parametrize("bad", [5, b"the film", ["the"], None])
def test_text_that_is_not_a_string_is_explained(vectorizer, bad):
    with pytest.raises(text.TextInputError, match="Expected text"):
        text.words_of(bad, vectorizer)


def test_a_long_paste_is_read_from_its_end(vectorizer):
    ids, _, notes = text.words_of("the cat " * 50_000, vectorizer, max_words=6)
    assert len(ids) == 6 and "last 6 words" in notes[0]
