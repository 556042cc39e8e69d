"""Lesson 04's word-level language model on IMDB reviews: build, score, sample, save.

The model reads a window of words and predicts, at every position, the next word
(Embedding → LSTM(return_sequences) → Dense over the vocabulary). It and the bigram
baseline (``baselines.BigramBaseline``) are scored the same way on held-out reviews:
perplexity and top-5 accuracy over every next word that is in the vocabulary ('[UNK]'
targets are skipped for both).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.activations import softmax
from lstm_helpers.data.tokens import OOV_ID


@dataclass(frozen=True)
class Scores:
    """Perplexity (lower is better) and top-5 accuracy over the scored next words."""

    perplexity: float
    top5: float
    words: int


def scores_of(log_probs: list[np.ndarray], hits: list[np.ndarray]) -> Scores:
    log_p, hit = np.concatenate(log_probs), np.concatenate(hits)
    return Scores(float(np.exp(-log_p.mean())), float(hit.mean()), int(log_p.size))


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
    return scores_of(log_probs, hits)


def target_log_probs(model, x: np.ndarray, y: np.ndarray, batch_size: int = 64) -> np.ndarray:
    """log P(true next word) at every position of windows (x, y): a (windows, length) array."""
    out = np.empty(y.shape, np.float64)
    for start in range(0, len(x), batch_size):
        logits = np.asarray(model(x[start:start + batch_size], training=False), np.float64)
        logits -= logits.max(axis=-1, keepdims=True)
        log_z = np.log(np.exp(logits).sum(axis=-1))
        target = y[start:start + batch_size]
        out[start:start + batch_size] = (np.take_along_axis(logits, target[..., None], -1)[..., 0]
                                         - log_z)
    return out


def perplexity_by_position(log_probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Perplexity at each position of a window ('[UNK]' targets skipped): position k has
    seen k words of context, since the model's state starts fresh at every window.

    Used in lesson 04.
    """
    keep = np.asarray(y) != OOV_ID
    means = [log_probs[keep[:, k], k].mean() for k in range(y.shape[1])]
    return np.exp(-np.asarray(means))


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


MAX_CONTEXT = 200  # words a panel feeds the model: past this, the LSTM's state has moved on


def next_word_probs(model, ids: np.ndarray, temperature: float = 1.0,
                    max_context: int = MAX_CONTEXT) -> np.ndarray:
    """P(next word) after reading the last ``max_context`` of ``ids``: a (vocab_size,) array.

    Used in lesson 04.
    """
    ids = np.asarray(ids, dtype=np.int32)[-max_context:]
    if ids.size == 0:
        raise ValueError("need at least one word id to predict the next one.")
    logits = np.asarray(model(ids[None], training=False))[0, -1]
    return softmax(logits, temperature)


def sample_words(probs: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """One word id drawn from ``probs`` re-shaped by ``temperature``; never padding or '[UNK]'.

    Low temperature sharpens the distribution towards the likeliest word (repetitive text),
    high temperature flattens it towards uniform (random text).
    """
    logits = np.log(np.maximum(probs, 1e-300))
    logits[: OOV_ID + 1] = -np.inf  # padding (0) and [UNK] (1)
    return int(rng.choice(len(probs), p=softmax(logits, temperature)))


def generate(model, seed_ids: np.ndarray, n_words: int, temperature: float,
             seed: int = 0) -> list[int]:
    """``n_words`` new word ids continuing ``seed_ids``. Used in lesson 04."""
    rng = np.random.default_rng(seed)
    ids = [int(i) for i in seed_ids]
    for _ in range(n_words):
        ids.append(sample_words(next_word_probs(model, ids), temperature, rng))
    return ids[len(seed_ids):]


def saved_model_paths(mode: str, folder=None):
    """Where lesson 04 keeps its trained model and vocabulary for later lessons (per mode)."""
    from lstm_helpers import config

    folder = folder if folder is not None else config.cache_dir() / "models"
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
