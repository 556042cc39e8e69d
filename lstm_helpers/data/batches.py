"""Token ids in batches: reviews for a classifier (truncate, pad, batch by length) and
token streams cut into windows for a language model.

An LSTM pays for every step it reads, padding included, so how reviews are cut and
batched decides most of the training time. Pure NumPy except ``bucketed_dataset``
(which hands the batches to ``tf.data``).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int
from lstm_helpers.data.tokens import OOV_ID, PAD_ID

SIDES = ("pre", "post")


def encode(texts: list[str], vectorize, max_len: int | None = None, *, truncating: str = "pre",
           batch: int = 1000) -> list[np.ndarray]:
    """Each review's token ids (no padding), cut to ``max_len`` tokens.

    ``truncating="pre"`` drops the *start* of a long review and keeps its ending, where
    reviewers tend to sum up; ``"post"`` keeps the start. Used in lessons 05, 06.
    """
    _check_side("truncating", truncating)
    if max_len is not None:
        check_int("max_len", max_len, low=1, hint="None keeps every token.")
    check_int("batch", batch, low=1)
    out = []
    for start in range(0, len(texts), batch):
        for row in np.asarray(vectorize(texts[start:start + batch])):
            ids = row[row != PAD_ID].astype(np.int32)
            if max_len is not None and len(ids) > max_len:
                ids = ids[-max_len:] if truncating == "pre" else ids[:max_len]
            out.append(ids)
    return out


def cut(sequences: list[np.ndarray], max_len: int) -> list[np.ndarray]:
    """Keep the last ``max_len`` tokens of each review (``truncating="pre"``)."""
    return [s[-max_len:] if len(s) > max_len else s for s in sequences]


def limit_vocabulary(sequences: list[np.ndarray], vocab_size: int,
                     oov_id: int = OOV_ID) -> list[np.ndarray]:
    """Read ids encoded with a larger vocabulary as a smaller one would: rarer words → [UNK].

    TextVectorization orders its vocabulary by frequency, so the first ``vocab_size`` ids of
    a big vocabulary *are* the small one.
    """
    check_int("vocab_size", vocab_size, low=OOV_ID + 1,
              hint="Ids 0 (padding) and 1 ([UNK]) are always in the vocabulary.")
    return [np.where(s < vocab_size, s, oov_id).astype(np.int32) for s in sequences]


def pad(sequences: list[np.ndarray], length: int | None = None, *, padding: str = "post",
        truncating: str = "pre") -> np.ndarray:
    """A (reviews, length) int32 array, zeros on the ``padding`` side.

    Same result as ``keras.utils.pad_sequences(..., padding=, truncating=)``
    (tests/test_batches.py); ``length`` defaults to the longest.
    """
    _check_side("padding", padding)
    _check_side("truncating", truncating)
    if length is None:
        length = max((len(s) for s in sequences), default=0)
    check_int("length", length, low=0, hint="It is the number of token ids per padded row; "
              "None pads to the longest sequence.")
    out = np.zeros((len(sequences), length), dtype=np.int32)
    for row, seq in enumerate(sequences):
        seq = np.asarray(seq)[-length:] if truncating == "pre" else np.asarray(seq)[:length]
        if len(seq) and length:
            if padding == "post":
                out[row, :len(seq)] = seq
            else:
                out[row, length - len(seq):] = seq
    return out


def batch_order(lengths: np.ndarray, batch_size: int, *, bucketed: bool,
                rng: np.random.Generator | None = None, jitter: float = 20.0) -> list[np.ndarray]:
    """Indices of each batch. Bucketed: reviews of similar length share a batch.

    Sorting by length (plus a little random ``jitter``, so batches differ between epochs)
    and then shuffling the *order of batches* keeps training random while cutting padding.
    Used in lesson 05.
    """
    check_int("batch_size", batch_size, low=1)
    lengths = np.asarray(lengths, dtype=np.float64)
    if bucketed:
        noise = rng.uniform(0, jitter, len(lengths)) if rng is not None else 0.0
        order = np.argsort(lengths + noise, kind="stable")
    else:
        order = rng.permutation(len(lengths)) if rng is not None else np.arange(len(lengths))
    batches = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    if rng is not None and bucketed:
        rng.shuffle(batches)
    return batches


def padding_share(lengths: np.ndarray, batches: list[np.ndarray],
                  fixed_length: int | None = None) -> float:
    """Fraction of the steps an LSTM reads that are padding, for a given batching.

    ``fixed_length`` pads every batch to that length (classic ``pad_sequences``);
    otherwise each batch is padded only to its own longest review. Used in lesson 05.
    """
    lengths = np.asarray(lengths)
    real = padded = 0
    for batch in batches:
        width = fixed_length if fixed_length is not None else int(lengths[batch].max())
        real += int(np.minimum(lengths[batch], width).sum())
        padded += width * len(batch)
    return 1.0 - real / padded if padded else 0.0


def iterate_batches(sequences: list[np.ndarray], labels: np.ndarray, batch_size: int, *,
                    bucketed: bool = True, shuffle: bool = True, seed: int = 0,
                    fixed_length: int | None = None, padding: str = "post",
                    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """One epoch of ``(x, y)`` batches, padded per batch (or all to ``fixed_length``)."""
    rng = np.random.default_rng(seed) if shuffle else None
    lengths = np.array([len(s) for s in sequences])
    for batch in batch_order(lengths, batch_size, bucketed=bucketed, rng=rng):
        width = fixed_length or max(1, int(lengths[batch].max()))
        yield (pad([sequences[i] for i in batch], width, padding=padding),
               np.asarray(labels)[batch].astype(np.float32))


def bucketed_dataset(sequences: list[np.ndarray], labels: np.ndarray, batch_size: int, *,
                     shuffle: bool = True, seed: int = 0, bucketed: bool = True,
                     fixed_length: int | None = None, padding: str = "post"):
    """A ``tf.data.Dataset`` of ``iterate_batches``, new batches every epoch.

    The time axis is declared ``None`` so Keras traces the model once for all batch
    lengths.
    """
    import tensorflow as tf

    epoch = [seed]

    def generate():
        epoch[0] += 1  # a fresh shuffle each epoch, the same sequence of shuffles every run
        yield from iterate_batches(sequences, labels, batch_size, bucketed=bucketed,
                                   shuffle=shuffle, seed=epoch[0], fixed_length=fixed_length,
                                   padding=padding)

    signature = (tf.TensorSpec((None, None), tf.int32), tf.TensorSpec((None,), tf.float32))
    dataset = tf.data.Dataset.from_generator(generate, output_signature=signature)
    # A known length lets Keras count steps (progress bars) instead of running dry each epoch.
    size = n_batches(len(sequences), batch_size)
    return dataset.apply(tf.data.experimental.assert_cardinality(size)).prefetch(2)


def n_batches(n_items: int, batch_size: int) -> int:
    """Batches per epoch, for progress bars (a generator dataset has no length)."""
    check_int("batch_size", batch_size, low=1)
    return -(-n_items // batch_size)


def _check_side(name: str, value: str) -> None:
    if value not in SIDES:
        raise LabInputError(f"{name} must be 'pre' or 'post'; got {value!r}.")


def token_stream(texts: list[str], vectorize, batch: int = 1000) -> np.ndarray:
    """Every review's token ids, one after another, as one int32 array (padding dropped)."""
    parts = []
    for start in range(0, len(texts), batch):
        ids = np.asarray(vectorize(texts[start:start + batch]))
        parts.append(ids[ids != PAD_ID])
    return np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)


def windows(stream: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut a stream into non-overlapping windows: inputs x and the same shifted by one, y.

    Used in lesson 04."""
    check_int("length", length, low=1, hint="It is the number of words per window.")
    stream = np.asarray(stream)
    if stream.ndim != 1:
        raise LabInputError(f"stream must be one token stream (a 1-D array of ids); got shape "
                            f"{stream.shape}. Join the reviews with token_stream first.")
    n = (len(stream) - 1) // length
    if n < 1:
        raise LabInputError(f"need more than {length} tokens to make one window of length "
                            f"{length}; got {len(stream)}. Give a longer stream or a shorter "
                            "length.")
    x = stream[: n * length].reshape(n, length)
    y = stream[1: n * length + 1].reshape(n, length)
    return x, y


def stateful_windows(seqs: list[np.ndarray], rows: int, window: int, seed: int = 0
                     ) -> dict[str, np.ndarray]:
    """Reviews laid out for a language model that carries its state across a review's
    windows and starts fresh at the next review.

    The reviews are dealt to ``rows`` parallel rows (longest first, each to the row with
    the fewest windows so far, in a seeded order); each review fills whole windows of
    ``window`` steps, its last one padded with weight 0, so no window mixes two reviews.
    Returns arrays with a leading "step" axis: ``x`` and ``y`` (step, rows, window), the
    inputs and the next words; ``weight`` (step, rows, window), 0 on padding and on '[UNK]'
    targets; ``reset`` (step, rows), 1 where a window starts a new review. Batch ``t`` is
    ``x[t]``: row r of batch t + 1 continues row r of batch t.
    """
    check_int("rows", rows, low=1)
    check_int("window", window, low=1)
    usable = [np.asarray(s, np.int32) for s in seqs if len(s) >= 2]
    if not usable:
        raise LabInputError("need at least one review of two or more tokens.")
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(usable))
    order = order[np.argsort([-len(usable[i]) for i in order], kind="stable")]
    lanes: list[list[int]] = [[] for _ in range(rows)]
    filled = np.zeros(rows, np.int64)
    for i in order:
        lane = int(np.argmin(filled))
        lanes[lane].append(int(i))
        filled[lane] += -(-(len(usable[i]) - 1) // window)
    for lane in lanes:
        rng.shuffle(lane)  # long and short reviews mixed along each row
    steps = int(filled.max())
    x = np.zeros((steps, rows, window), np.int32)
    y = np.zeros_like(x)
    reset = np.zeros((steps, rows), np.float32)
    for r, lane in enumerate(lanes):
        t = 0
        for i in lane:
            ids = usable[i]
            n = -(-(len(ids) - 1) // window)
            flat_x = np.zeros(n * window, np.int32)
            flat_y = np.zeros(n * window, np.int32)
            flat_x[: len(ids) - 1], flat_y[: len(ids) - 1] = ids[:-1], ids[1:]
            x[t:t + n, r], y[t:t + n, r] = (flat_x.reshape(n, window),
                                            flat_y.reshape(n, window))
            reset[t, r] = 1.0
            t += n
    weight = ((y != PAD_ID) & (y != OOV_ID)).astype(np.float32)
    return {"x": x, "y": y, "weight": weight, "reset": reset}
