"""Pretrained starts for lesson 06's classifiers: word vectors computed before any label is
seen, and the weights of lesson 04's language model.

Word vectors here come from counting which words appear near which (a positive-PMI matrix,
factorised by a truncated SVD): the closed-form cousin of word2vec and GloVe, which Levy &
Goldberg (2014) showed factorise much the same matrix. It needs no download, so it works
offline; ``read_word_vectors`` loads GloVe-format files for learners who have one.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from lstm_helpers.core.errors import LabInputError, check_int, damaged
from lstm_helpers.data.tokens import OOV_ID, PAD_ID


def cooccurrence(seqs: list[np.ndarray], vocab_size: int, window: int = 5):
    """Counts of word j within ``window`` words of word i, weighted 1/distance (as GloVe).

    Returns a symmetric ``scipy.sparse.csr_matrix`` (vocab_size × vocab_size). Ids outside
    the vocabulary, padding and ``[UNK]`` are left out; reviews do not run into each other.
    """
    from scipy import sparse

    check_int("vocab_size", vocab_size, low=OOV_ID + 1)
    window = check_int("window", window, low=1)
    gap = np.zeros(window, np.int64)
    parts = []
    for s in seqs:
        parts.extend([np.asarray(s, np.int64), gap])
    stream = np.concatenate(parts) if parts else np.zeros(0, np.int64)
    stream = np.where((stream < vocab_size) & (stream >= 0), stream, 0)
    rows, cols, weights = [], [], []
    for d in range(1, window + 1):
        a, b = stream[:-d], stream[d:]
        keep = (a > OOV_ID) & (b > OOV_ID)
        rows.append(a[keep])
        cols.append(b[keep])
        weights.append(np.full(int(keep.sum()), 1.0 / d))
    i, j, w = (np.concatenate(x) for x in (rows, cols, weights))
    counts = sparse.coo_matrix((w, (i, j)), shape=(vocab_size, vocab_size)).tocsr()
    return (counts + counts.T).tocsr()


def ppmi(counts, smoothing: float = 0.75):
    """Positive pointwise mutual information, max(0, log P(i, j) / (P(i) P_α(j))).

    ``smoothing`` raises context counts to a power below 1 (Levy et al., 2015), so rare
    context words do not get huge PMI values.
    """
    from scipy import sparse

    counts = sparse.csr_matrix(counts, dtype=np.float64)
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** smoothing
    col = col / col.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data / total / (row[coo.row] / total) / col[coo.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def ppmi_svd_vectors(seqs: list[np.ndarray], vocab_size: int, dim: int, window: int = 5,
                     seed: int = 0, scale: float = 0.05) -> np.ndarray:
    """Word vectors from the reviews' own text: PPMI matrix → truncated SVD, U·√S.

    Rows are scaled to an RMS of ``scale`` per entry, near what a Keras ``Embedding`` starts
    from, so only the directions are pretrained, not the sizes. Padding and ``[UNK]`` get
    zero and the mean vector. Returns a (vocab_size, dim) float32 matrix. Lesson 06.
    """
    from sklearn.utils.extmath import randomized_svd

    check_int("vocab_size", vocab_size, low=OOV_ID + 2)
    check_int("dim", dim, low=1)
    if dim >= vocab_size:
        raise LabInputError(f"dim={dim} must be smaller than vocab_size={vocab_size}.")
    u, s, _ = randomized_svd(ppmi(cooccurrence(seqs, vocab_size, window)), dim,
                             random_state=seed)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    vectors *= scale * np.sqrt(dim)
    vectors[PAD_ID] = 0.0
    vectors[OOV_ID] = vectors[2:].mean(axis=0)
    return vectors.astype(np.float32)


def nearest_words(vectors: np.ndarray, word: str, word_index: dict[str, int],
                  index_word: dict[int, str], k: int = 5) -> list[tuple[str, float]]:
    """The ``k`` words whose vectors point most nearly the same way (cosine similarity)."""
    if word not in word_index:
        raise KeyError(f"{word!r} is not in the vocabulary; try a more common word.")
    norms = np.linalg.norm(vectors, axis=1)
    sims = vectors @ vectors[word_index[word]] / np.maximum(norms * norms[word_index[word]], 1e-12)
    sims[[PAD_ID, OOV_ID, word_index[word]]] = -np.inf
    best = np.argsort(-sims)[:k]
    return [(index_word[int(i)], float(sims[i])) for i in best]


def read_word_vectors(path: str | Path, vocabulary: list[str], dim: int,
                      scale: float = 0.05, seed: int = 0) -> tuple[np.ndarray, float]:
    """Load a GloVe-format text file (``word v1 v2 …`` per line) for ``vocabulary``.

    Words the file lacks start random (as Keras would). Returns ``(matrix, coverage)``,
    coverage being the share of vocabulary words (padding and ``[UNK]`` aside) found.
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(f"no word-vector file at {path}; GloVe's glove.6B.100d.txt "
                                "(from https://nlp.stanford.edu/projects/glove/) has this format.")
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(-scale, scale, (len(vocabulary), dim)).astype(np.float32)
    matrix[PAD_ID] = 0.0
    index = {w: i for i, w in enumerate(vocabulary) if i > OOV_ID}
    found = np.zeros(len(vocabulary), bool)
    with path.open(encoding="utf-8", errors="replace") as lines:
        for n, line in enumerate(lines, 1):
            word, *values = line.rstrip().split(" ")
            if word not in index:
                continue
            try:
                vector = np.asarray(values, np.float32)
            except ValueError:
                vector = np.zeros(0, np.float32)  # text where numbers should be
            if len(values) != dim or not np.isfinite(vector).all() or vector.size != dim:
                raise damaged(f"{path}:{n}", f"{len(values)} values for {word!r} where {dim} "
                              "finite numbers were expected (is it the file for this dim?)",
                              "Download it again (GloVe: https://nlp.stanford.edu/projects/"
                              "glove/) or give the dim it was made with.")
            matrix[index[word]] = vector
            found[index[word]] = True
    if found.any():  # bring the file's vectors to the scale a Keras embedding starts at
        rms = np.sqrt(np.mean(matrix[found] ** 2))
        matrix[found] *= scale / max(rms, 1e-12)
    return matrix, float(found[2:].mean()) if len(vocabulary) > 2 else 0.0


def start_from_vectors(model, vectors: np.ndarray) -> None:
    """Put ``vectors`` in the model's ``embedding`` layer (training goes on from there)."""
    layer = model.get_layer("embedding")
    expected = tuple(layer.embeddings.shape)
    if vectors.shape != expected:
        raise LabInputError(f"vectors of shape {vectors.shape} do not fit the embedding "
                            f"{expected}; build the model with the same vocabulary and width.")
    layer.set_weights([vectors])


def start_from_language_model(model, lm, lm_vocabulary: list[str],
                              vocabulary: list[str]) -> int:
    """Copy lesson 04's language-model weights into a classifier: the LSTM's weights as they
    are, and the word vector of every word both vocabularies share (matched by spelling).

    The classifier must have an LSTM called ``lstm`` with as many units as the language
    model's, and the same word-vector width. Returns how many word vectors were copied.
    """
    lm_emb = lm.get_layer("embedding").get_weights()[0]
    emb_layer = model.get_layer("embedding")
    emb = emb_layer.get_weights()[0]
    if emb.shape[1] != lm_emb.shape[1]:
        raise LabInputError(f"word vectors are {emb.shape[1]} wide here but "
                            f"{lm_emb.shape[1]} in the language model.")
    lm_lstm, lstm = lm.get_layer("lstm"), model.get_layer("lstm")
    shapes = [w.shape for w in lstm.get_weights()]
    if shapes != [w.shape for w in lm_lstm.get_weights()]:
        raise LabInputError(f"the classifier's LSTM {shapes} differs from the language model's "
                            f"{[w.shape for w in lm_lstm.get_weights()]}; give it "
                            f"{lm_lstm.units} units.")
    lm_index = {w: i for i, w in enumerate(lm_vocabulary)}
    pairs = [(i, lm_index[w]) for i, w in enumerate(vocabulary[:emb.shape[0]])
             if i > OOV_ID and w in lm_index and lm_index[w] > OOV_ID]
    if pairs:
        ours, theirs = map(np.array, zip(*pairs, strict=True))
        emb[ours] = lm_emb[theirs]
    emb_layer.set_weights([emb])
    lstm.set_weights(lm_lstm.get_weights())
    return len(pairs)
