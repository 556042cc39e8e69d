"""Pretrained starts: co-occurrence counts and PPMI by hand, word vectors that group words used
alike, GloVe-format files, and the language model's weights landing where they belong."""

import numpy as np
import pytest

from lstm_helpers.models import language_models as language_model
from lstm_helpers.models import pretrained
from lstm_helpers.models.sentiment_models import Recipe, build_classifier


def test_cooccurrence_counts_by_hand():
    counts = pretrained.cooccurrence([np.array([2, 3, 4]), np.array([5, 6])], 8, window=2)
    dense = counts.toarray()
    expected = np.zeros((8, 8))
    for i, j, w in [(2, 3, 1), (3, 4, 1), (2, 4, 0.5), (5, 6, 1)]:
        expected[i, j] = expected[j, i] = w
    np.testing.assert_allclose(dense, expected)  # no pair across the two reviews (4, 5)


def test_cooccurrence_skips_padding_unknown_and_out_of_vocabulary_ids():
    counts = pretrained.cooccurrence([np.array([2, 0, 3, 1, 9, 2])], 5, window=1)
    assert counts.nnz == 0


def test_ppmi_matches_the_formula_on_a_dense_matrix():
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 5, (6, 6)).astype(float)
    counts = counts + counts.T
    total = counts.sum()
    p_ij, p_i = counts / total, counts.sum(1) / total
    p_j = counts.sum(0) ** 0.75 / (counts.sum(0) ** 0.75).sum()
    with np.errstate(divide="ignore"):
        expected = np.maximum(np.log(p_ij / np.outer(p_i, p_j)), 0)
    np.testing.assert_allclose(pretrained.ppmi(counts).toarray(), expected, atol=1e-12)


def synonym_corpus(rng, n=400):
    """Words 2/3 ("great"/"superb") share contexts 6-9; words 4/5 ("awful"/"dull") share 10-13."""
    seqs = []
    for _ in range(n):
        good = rng.random() < 0.5
        word = rng.choice([2, 3] if good else [4, 5])
        context = rng.integers(6, 10, 6) if good else rng.integers(10, 14, 6)
        seqs.append(np.concatenate([context[:3], [word], context[3:]]).astype(np.int32))
    return seqs


def test_ppmi_svd_vectors_put_words_used_alike_together():
    seqs = synonym_corpus(np.random.default_rng(0))
    vectors = pretrained.ppmi_svd_vectors(seqs, 14, dim=4, window=3)
    assert vectors.shape == (14, 4) and vectors.dtype == np.float32
    assert not vectors[0].any()  # padding stays zero
    words = ["", "[UNK]", "great", "superb", "awful", "dull"] + [f"c{i}" for i in range(6, 14)]
    index = {w: i for i, w in enumerate(words)}
    near = pretrained.nearest_words(vectors, "great", index, dict(enumerate(words)), k=1)
    assert near[0][0] == "superb" and near[0][1] > 0.9
    near = pretrained.nearest_words(vectors, "awful", index, dict(enumerate(words)), k=1)
    assert near[0][0] == "dull"
    rms = np.sqrt(np.mean(vectors[2:] ** 2))
    assert rms == pytest.approx(0.05, rel=1e-4)  # the scale a Keras embedding starts at
    with pytest.raises(KeyError, match="not in the vocabulary"):
        pretrained.nearest_words(vectors, "zzz", index, dict(enumerate(words)))
    with pytest.raises(ValueError, match="must be smaller"):
        pretrained.ppmi_svd_vectors(seqs, 14, dim=14)


def test_read_word_vectors_from_a_glove_format_file(tmp_path):
    path = tmp_path / "vectors.txt"
    path.write_text("great 1 2 3\nawful -1 -2 -3\nunused 9 9 9\n", encoding="utf-8")
    vocab = ["", "[UNK]", "great", "awful", "plot"]
    matrix, coverage = pretrained.read_word_vectors(path, vocab, 3)
    assert coverage == pytest.approx(2 / 3)
    np.testing.assert_allclose(matrix[2] / matrix[2, 0], [1, 2, 3], rtol=1e-6)
    np.testing.assert_allclose(matrix[3], -matrix[2])
    assert np.sqrt(np.mean(matrix[2:4] ** 2)) == pytest.approx(0.05, rel=1e-5)
    assert not matrix[0].any() and np.abs(matrix[4]).max() <= 0.05
    with pytest.raises(ValueError, match="2 values for 'great' where 3 finite numbers"):
        path.write_text("great 1 2\n", encoding="utf-8")
        pretrained.read_word_vectors(path, vocab, 3)
    with pytest.raises(FileNotFoundError, match="GloVe"):
        pretrained.read_word_vectors(tmp_path / "missing.txt", vocab, 3)


def test_start_from_vectors_checks_the_shape():
    model = build_classifier(Recipe("t", vocab_size=6, max_len=5, embed_dim=3, units=2,
                                    batch_size=2, epochs=1))
    vectors = np.arange(18, dtype=np.float32).reshape(6, 3)
    pretrained.start_from_vectors(model, vectors)
    np.testing.assert_array_equal(model.get_layer("embedding").get_weights()[0], vectors)
    with pytest.raises(ValueError, match="do not fit the embedding"):
        pretrained.start_from_vectors(model, vectors[:, :2])


def test_start_from_language_model_copies_shared_words_and_the_lstm():
    lm = language_model.build_language_model(vocab_size=5, embed_dim=3, units=4)
    lm_vocab = ["", "[UNK]", "the", "movie", "great"]
    vocab = ["", "[UNK]", "great", "film", "the", "boring"]
    recipe = Recipe("t", vocab_size=6, max_len=5, embed_dim=3, units=4, batch_size=2, epochs=1)
    model = build_classifier(recipe, seed=0)
    before = model.get_layer("embedding").get_weights()[0].copy()
    assert pretrained.start_from_language_model(model, lm, lm_vocab, vocab) == 2
    emb = model.get_layer("embedding").get_weights()[0]
    lm_emb = lm.get_layer("embedding").get_weights()[0]
    np.testing.assert_array_equal(emb[2], lm_emb[4])  # "great"
    np.testing.assert_array_equal(emb[4], lm_emb[2])  # "the"
    np.testing.assert_array_equal(emb[[0, 1, 3, 5]], before[[0, 1, 3, 5]])  # not shared: kept
    for ours, theirs in zip(model.get_layer("lstm").get_weights(),
                            lm.get_layer("lstm").get_weights(), strict=True):
        np.testing.assert_array_equal(ours, theirs)
    with pytest.raises(ValueError, match="give it 4 units"):
        pretrained.start_from_language_model(build_classifier(recipe.with_(units=5)), lm,
                                             lm_vocab, vocab)
    with pytest.raises(ValueError, match="3 in the language model"):
        pretrained.start_from_language_model(build_classifier(recipe.with_(embed_dim=2)), lm,
                                             lm_vocab, vocab)
