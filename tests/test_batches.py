"""Truncation, padding and length-bucketed batches, against Keras's pad_sequences."""

import keras
import numpy as np
import pytest

from lstm_helpers.data import batches as rb
from lstm_helpers.data.tokens import OOV_ID

SEQS = [np.array([5, 6, 7]), np.array([1]), np.array([], dtype=np.int32),
        np.array([9, 8, 7, 6, 5, 4])]


@pytest.mark.parametrize("padding", ["pre", "post"])
@pytest.mark.parametrize("truncating", ["pre", "post"])
@pytest.mark.parametrize("length", [None, 1, 4, 8])
def test_pad_matches_keras(padding, truncating, length):
    expected = keras.utils.pad_sequences([s.tolist() for s in SEQS], maxlen=length,
                                         padding=padding, truncating=truncating)
    got = rb.pad(SEQS, length, padding=padding, truncating=truncating)
    np.testing.assert_array_equal(got, expected)
    assert got.dtype == np.int32


def test_bad_sides_are_named():
    with pytest.raises(ValueError, match="padding must be 'pre' or 'post'"):
        rb.pad(SEQS, 3, padding="left")
    with pytest.raises(ValueError, match="truncating"):
        rb.encode(["a"], lambda t: np.ones((1, 3)), 2, truncating="middle")


def fake_vectorize(texts):
    """Word i → id i + 2, padded at the end like TextVectorization."""
    rows = [[int(w) + 2 for w in t.split()] for t in texts]
    width = max(len(r) for r in rows)
    return np.array([r + [0] * (width - len(r)) for r in rows])


def test_encode_drops_padding_and_keeps_the_ending():
    texts = ["1 2 3 4 5", "7"]
    kept_end = rb.encode(texts, fake_vectorize, max_len=3, truncating="pre", batch=1)
    kept_start = rb.encode(texts, fake_vectorize, max_len=3, truncating="post")
    assert [s.tolist() for s in kept_end] == [[5, 6, 7], [9]]
    assert [s.tolist() for s in kept_start] == [[3, 4, 5], [9]]


def test_batches_cover_every_review_once_and_bucketing_cuts_padding():
    rng = np.random.default_rng(0)
    lengths = rng.integers(5, 500, size=1000)
    for bucketed in (True, False):
        batches = rb.batch_order(lengths, 32, bucketed=bucketed, rng=np.random.default_rng(1))
        assert sorted(np.concatenate(batches).tolist()) == list(range(1000))
        assert max(len(b) for b in batches) == 32
    random_share = rb.padding_share(lengths, rb.batch_order(lengths, 32, bucketed=False, rng=rng))
    bucket_share = rb.padding_share(lengths, rb.batch_order(lengths, 32, bucketed=True, rng=rng))
    assert bucket_share < 0.1 < random_share


def test_padding_share_by_hand():
    lengths = np.array([2, 4, 1, 3])
    batches = [np.array([0, 1]), np.array([2, 3])]
    assert rb.padding_share(lengths, batches) == pytest.approx(1 - 10 / 14)  # widths 4 and 3
    assert rb.padding_share(lengths, batches, fixed_length=5) == pytest.approx(1 - 10 / 20)
    assert rb.padding_share(lengths, batches, fixed_length=2) == pytest.approx(1 - 7 / 8)


def test_iterate_batches_keeps_labels_with_their_reviews():
    seqs = [np.full(n, n, dtype=np.int32) for n in range(1, 41)]
    labels = np.arange(1, 41) % 2
    seen = 0
    for x, y in rb.iterate_batches(seqs, labels, 8, bucketed=True, seed=3):
        lengths = (x != 0).sum(axis=1)
        np.testing.assert_array_equal(x[:, 0], lengths)  # each row is its own review
        np.testing.assert_array_equal(y, lengths % 2)
        assert x.shape[1] == lengths.max()  # padded to the batch's longest, no further
        seen += len(y)
    assert seen == 40
    x, _ = next(rb.iterate_batches(seqs, labels, 8, fixed_length=50, padding="pre"))
    assert x.shape[1] == 50 and (x[:, -1] != 0).all()


def test_dataset_reshuffles_every_epoch_and_repeats_across_runs():
    seqs = [np.full(n, 3, dtype=np.int32) for n in range(1, 65)]
    labels = np.zeros(64)

    def epochs(ds):
        return [[tuple(x.shape) for x, _ in ds.as_numpy_iterator()] for _ in range(2)]

    first, again = epochs(rb.bucketed_dataset(seqs, labels, 8, seed=5)), \
        epochs(rb.bucketed_dataset(seqs, labels, 8, seed=5))
    assert first == again
    assert first[0] != first[1]
    assert rb.n_batches(64, 8) == 8 and rb.n_batches(65, 8) == 9


def test_booleans_are_keyword_only():
    with pytest.raises(TypeError):
        rb.batch_order(np.array([1, 2]), 1, True)
    with pytest.raises(TypeError):
        rb.bucketed_dataset([np.array([3])], np.zeros(1), 1, True, 0)


def test_limit_vocabulary_reads_rare_words_as_unknown():
    limited = rb.limit_vocabulary([np.array([2, 7, 3, 9])], vocab_size=5)
    assert limited[0].tolist() == [2, OOV_ID, 3, OOV_ID]


def test_windows_cut_a_stream_and_shift_by_one():
    x, y = rb.windows(np.arange(10), 3)
    np.testing.assert_array_equal(x, [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
    np.testing.assert_array_equal(y, [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    with pytest.raises(ValueError, match="more than 3 tokens"):
        rb.windows(np.arange(3), 3)


def test_stateful_windows_keep_each_review_whole_and_apart():
    reviews = [np.arange(2, 2 + n, dtype=np.int32) for n in (5, 12, 3, 9, 1, 7)]
    out = rb.stateful_windows(reviews, rows=2, window=4, seed=0)
    x, y, weight, reset = out["x"], out["y"], out["weight"], out["reset"]
    assert x.shape[1:] == (2, 4) and y.shape == x.shape and reset.shape == x.shape[:2]
    found = []
    for r in range(2):  # read each row back, splitting at resets
        current = None
        for t in range(x.shape[0]):
            if reset[t, r]:
                current = []
                found.append(current)
            real = weight[t, r] > 0
            if current is not None:
                current.extend(zip(x[t, r][real].tolist(), y[t, r][real].tolist(), strict=True))
    pairs = sorted(tuple(p) for p in found)
    expected = sorted(tuple(zip(s[:-1].tolist(), s[1:].tolist(), strict=True))
                      for s in reviews if len(s) >= 2)
    assert pairs == expected  # every next-word pair once, never across two reviews
    assert weight.sum() == sum(len(s) - 1 for s in reviews if len(s) >= 2)


def test_stateful_windows_give_unknown_targets_no_weight_and_balance_rows():
    reviews = [np.array([2, OOV_ID, 3, 4], np.int32)] + [np.full(8, 5, np.int32)] * 6
    out = rb.stateful_windows(reviews, rows=3, window=4, seed=1)
    assert (out["weight"][out["y"] == OOV_ID] == 0).all()
    per_row = (out["weight"].sum(axis=(0, 2)))
    assert per_row.max() - per_row.min() <= 8
    with pytest.raises(ValueError, match="two or more tokens"):
        rb.stateful_windows([np.array([3])], rows=1, window=4)
