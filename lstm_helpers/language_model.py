"""Lesson 04's word-level language model on IMDB reviews, and the bigram baseline it must beat.

The model reads a window of words and predicts, at every position, the next word
(Embedding → LSTM(return_sequences) → Dense over the vocabulary). Both models are scored
the same way on held-out reviews: perplexity and top-5 accuracy over every next word that
is in the vocabulary ('[UNK]' targets are skipped for both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OOV_ID = 1


def token_stream(texts: list[str], vectorize, batch: int = 1000) -> np.ndarray:
    """Every review's token ids, one after another, as one int32 array (padding dropped)."""
    parts = []
    for start in range(0, len(texts), batch):
        ids = np.asarray(vectorize(texts[start:start + batch]))
        parts.append(ids[ids != 0])
    return np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)


def windows(stream: np.ndarray, length: int) -> tuple[np.ndarray, np.ndarray]:
    """Cut a stream into non-overlapping windows: inputs x and the same shifted by one, y."""
    n = (len(stream) - 1) // length
    if n < 1:
        raise ValueError(f"need more than {length} tokens to make one window; got {len(stream)}.")
    x = stream[: n * length].reshape(n, length)
    y = stream[1: n * length + 1].reshape(n, length)
    return x, y


@dataclass(frozen=True)
class Scores:
    """Perplexity (lower is better) and top-5 accuracy over the scored next words."""

    perplexity: float
    top5: float
    words: int


def _scores(log_probs: list[np.ndarray], hits: list[np.ndarray]) -> Scores:
    log_p, hit = np.concatenate(log_probs), np.concatenate(hits)
    return Scores(float(np.exp(-log_p.mean())), float(hit.mean()), int(log_p.size))


class BigramBaseline:
    """P(next | previous word), counted, interpolated with add-one unigram probabilities.

    ``weight`` (λ) says how much to trust the bigram counts; ``tune`` picks it on validation.
    """

    def __init__(self, stream: np.ndarray, vocab_size: int, weight: float = 0.8):
        stream = np.asarray(stream, dtype=np.int64)
        self.vocab_size, self.weight = vocab_size, weight
        self.unigram = (np.bincount(stream, minlength=vocab_size) + 1) / (len(stream) + vocab_size)
        self.codes, self.counts = np.unique(stream[:-1] * vocab_size + stream[1:],
                                            return_counts=True)
        self.prev_counts = np.bincount(stream[:-1], minlength=vocab_size)
        self._top_unigrams = np.argsort(self.unigram)[::-1]

    def pair_counts(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        codes = np.asarray(prev, np.int64) * self.vocab_size + np.asarray(nxt, np.int64)
        pos = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        return np.where(self.codes[pos] == codes, self.counts[pos], 0)

    def prob(self, prev: np.ndarray, nxt: np.ndarray) -> np.ndarray:
        """P(nxt | prev) for arrays of word ids."""
        prev, nxt = np.asarray(prev), np.asarray(nxt)
        seen = self.prev_counts[prev]
        lam = np.where(seen > 0, self.weight, 0.0)
        bigram = self.pair_counts(prev, nxt) / np.maximum(seen, 1)
        return lam * bigram + (1 - lam) * self.unigram[nxt]

    def top_k(self, prev: int, k: int = 5) -> np.ndarray:
        """The ``k`` most likely next words after ``prev``."""
        lo, hi = np.searchsorted(self.codes, [prev * self.vocab_size,
                                              (prev + 1) * self.vocab_size])
        candidates = np.concatenate([self.codes[lo:hi] % self.vocab_size,
                                     self._top_unigrams[:k]])
        candidates = np.unique(candidates)
        scores = self.prob(np.full(len(candidates), prev), candidates)
        return candidates[np.argsort(-scores, kind="stable")[:k]]

    def score(self, stream: np.ndarray) -> Scores:
        """Perplexity and top-5 accuracy on a held-out stream ('[UNK]' targets skipped)."""
        prev, nxt = np.asarray(stream[:-1]), np.asarray(stream[1:])
        keep = nxt != OOV_ID
        prev, nxt = prev[keep], nxt[keep]
        log_p = np.log(self.prob(prev, nxt))
        hits = np.zeros(len(nxt), dtype=bool)
        for word in np.unique(prev):
            rows = prev == word
            hits[rows] = np.isin(nxt[rows], self.top_k(int(word)))
        return _scores([log_p], [hits])

    def tune(self, stream: np.ndarray, grid=(0.5, 0.6, 0.7, 0.8, 0.9, 0.95)) -> float:
        """Set λ to the grid value with the lowest perplexity on ``stream`` (validation)."""
        prev, nxt = np.asarray(stream[:-1]), np.asarray(stream[1:])
        keep = nxt != OOV_ID
        best = min(grid, key=lambda w: -np.log(self._with(w).prob(prev[keep], nxt[keep])).mean())
        self.weight = float(best)
        return self.weight

    def _with(self, weight: float) -> BigramBaseline:
        clone = object.__new__(BigramBaseline)
        clone.__dict__.update(self.__dict__, weight=weight)
        return clone


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Softmax of ``logits / temperature`` along the last axis, without overflow."""
    if not temperature > 0:
        raise ValueError(f"temperature must be above 0; got {temperature}.")
    with np.errstate(over="ignore"):
        z = np.asarray(logits, dtype=np.float64) / temperature
    z = np.clip(z, -1e300, 1e300)  # huge logits over a tiny temperature: no inf - inf
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def score_model(model, x: np.ndarray, y: np.ndarray, batch_size: int = 64) -> Scores:
    """Perplexity and top-5 accuracy of a logits-output model on windows (x, y)."""
    log_probs, hits = [], []
    for start in range(0, len(x), batch_size):
        logits = np.asarray(model(x[start:start + batch_size], training=False), np.float64)
        target = y[start:start + batch_size]
        keep = target != OOV_ID
        logits -= logits.max(axis=-1, keepdims=True)
        log_z = np.log(np.exp(logits).sum(axis=-1))
        target_logit = np.take_along_axis(logits, target[..., None], axis=-1)[..., 0]
        top5 = np.argpartition(-logits, 5, axis=-1)[..., :5]
        log_probs.append((target_logit - log_z)[keep])
        hits.append((top5 == target[..., None]).any(axis=-1)[keep])
    return _scores(log_probs, hits)


def target_weights(y: np.ndarray) -> np.ndarray:
    """Weight 0 for '[UNK]' targets, 1 otherwise: 'some rare word' is not worth learning."""
    return (np.asarray(y) != OOV_ID).astype("float32")


def build_language_model(vocab_size: int, embed_dim: int, units: int,
                         learning_rate: float = 1e-2):
    """Embedding → LSTM(return_sequences) → Dense logits over the vocabulary. Lesson 04.

    Layer names 'embedding' and 'lstm' let a later lesson start a classifier from them.
    """
    import keras

    model = keras.Sequential([
        keras.Input((None,), dtype="int32"),
        keras.layers.Embedding(vocab_size, embed_dim, name="embedding"),
        keras.layers.LSTM(units, return_sequences=True, name="lstm"),
        keras.layers.Dense(vocab_size, name="next_word_logits"),
    ], name="imdb_language_model")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate, clipnorm=1.0),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    return model


def next_word_probs(model, ids: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """P(next word) after reading ``ids``: a (vocab_size,) array. Used in lesson 04."""
    logits = np.asarray(model(np.asarray(ids, dtype=np.int32)[None], training=False))[0, -1]
    return softmax(logits, temperature)


def sample_words(probs: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """One word id drawn from ``probs`` re-shaped by ``temperature``; never padding or '[UNK]'.

    Low temperature sharpens the distribution towards the likeliest word (repetitive text),
    high temperature flattens it towards uniform (random text).
    """
    logits = np.log(np.maximum(probs, 1e-300))
    logits[: OOV_ID + 1] = -np.inf
    return int(rng.choice(len(probs), p=softmax(logits, temperature)))


def generate(model, seed_ids: np.ndarray, n_words: int, temperature: float,
             seed: int = 0) -> list[int]:
    """``n_words`` new word ids continuing ``seed_ids``. Used in lesson 04."""
    rng = np.random.default_rng(seed)
    ids = [int(i) for i in seed_ids]
    for _ in range(n_words):
        ids.append(sample_words(next_word_probs(model, ids), temperature, rng))
    return ids[len(seed_ids):]


def saved_model_paths(mode: str):
    """Where lesson 04 keeps its trained model and vocabulary for later lessons (per mode)."""
    from lstm_helpers import config

    folder = config.cache_dir() / "models"
    return (folder / f"imdb_language_model-{mode}.keras",
            folder / f"imdb_language_model-{mode}.vocabulary.json")


def save_language_model(model, vocabulary: list[str], mode: str):
    """Save the model and its vocabulary to the course cache. Used in lesson 04."""
    import json

    model_path, vocab_path = saved_model_paths(mode)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model.save(model_path)
    vocab_path.write_text(json.dumps([str(w) for w in vocabulary]), encoding="utf-8")
    return model_path, vocab_path


def load_language_model(mode: str):
    """The model and vocabulary lesson 04 saved; a clear error if it has not run yet."""
    import json

    import keras

    model_path, vocab_path = saved_model_paths(mode)
    if not (model_path.exists() and vocab_path.exists()):
        raise FileNotFoundError(
            f"No {mode}-mode language model in {model_path.parent}: run lesson 04 "
            f"(notebooks/04_next_word.ipynb) in {mode} mode first."
        )
    model = keras.models.load_model(model_path, compile=False)  # later lessons reuse weights
    return model, json.loads(vocab_path.read_text("utf-8"))
