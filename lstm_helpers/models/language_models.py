"""Lesson 04's word-level language model on IMDB reviews: build, score, sample, save.

The model reads a window of words and predicts, at every position, the next word
(Embedding → LSTM(return_sequences) → Dense over the vocabulary). It and the bigram
baseline (``baselines.BigramBaseline``) are scored the same way on held-out reviews:
perplexity and top-5 accuracy over every next word that is in the vocabulary ('[UNK]'
targets are skipped for both), each model's distribution renormalised over those scored
words first, so that neither gains nor loses by what it puts on padding or '[UNK]'.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers.core.activations import softmax
from lstm_helpers.core.errors import (
    LabInputError,
    LabTypeError,
    check_choice,
    check_int,
    check_number,
    damaged,
)
from lstm_helpers.data.tokens import MAX_VOCAB, OOV_ID, OOV_TOKEN, PAD_TOKEN

MAX_LAYER = 4096
# Ids below this (padding 0, '[UNK]' 1) are never scored: a model's probability there is
# taken out and the rest renormalised (``scored_log_softmax``, ``BigramBaseline.scored_prob``).
FIRST_SCORED_ID = OOV_ID + 1
MODES = ("fast", "full")
_REMAKE = ("Run lesson 04 (notebooks/04_next_word.ipynb) again in {mode} mode: it trains and "
           "saves the model and its vocabulary.")


@dataclass(frozen=True)
class Scores:
    """Perplexity (lower is better) and top-5 accuracy over the scored next words."""

    perplexity: float
    top5: float
    words: int

    def __str__(self) -> str:  # what print() shows in lesson 04
        return (f"perplexity {self.perplexity:,.1f}, top-5 accuracy {self.top5:.1%} "
                f"over {self.words:,} next words")


def scores_of(log_probs: list[np.ndarray], hits: list[np.ndarray]) -> Scores:
    log_p, hit = np.concatenate(log_probs), np.concatenate(hits)
    return Scores(float(np.exp(-log_p.mean())), float(hit.mean()), int(log_p.size))


def scored_log_softmax(logits: np.ndarray) -> np.ndarray:
    """log P(word) over the last axis, renormalised over the scored words: padding and
    '[UNK]' get -inf and the other words' probabilities sum to 1.

    Why: the LSTM is trained with '[UNK]' targets weighted 0 and learns to put little there,
    while the bigram's counts keep a share for it; neither is scored on '[UNK]'. Scoring
    both on P(word | the next word is a scored one) makes the comparison even by
    construction. Used in lesson 04.
    """
    logits = np.array(logits, np.float64)
    if logits.ndim == 0 or logits.shape[-1] <= FIRST_SCORED_ID:
        _check_output_size(logits.shape[-1] if logits.ndim else 0)
    logits[..., :FIRST_SCORED_ID] = -np.inf
    logits -= logits.max(axis=-1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))


def score_model(model, x: np.ndarray, y: np.ndarray, batch_size: int = 64) -> Scores:
    """Perplexity and top-5 accuracy of a logits-output model on windows (x, y), over the
    scored next words with its distribution renormalised over them (``scored_log_softmax``);
    the top 5 are five scored words."""
    log_probs, hits = [], []
    for start in range(0, len(x), batch_size):
        log_p = scored_log_softmax(model(x[start:start + batch_size], training=False))
        target = y[start:start + batch_size]
        keep = target >= FIRST_SCORED_ID
        top5 = np.argpartition(-log_p, 5, axis=-1)[..., :5]
        log_probs.append(np.take_along_axis(log_p, target[..., None], axis=-1)[..., 0][keep])
        hits.append((top5 == target[..., None]).any(axis=-1)[keep])
    return scores_of(log_probs, hits)


def target_log_probs(model, x: np.ndarray, y: np.ndarray, batch_size: int = 64) -> np.ndarray:
    """log P(true next word) at every position of windows (x, y), renormalised over the
    scored words as ``score_model`` does: a (windows, length) array, -inf where the target
    is '[UNK]' (never scored; ``perplexity_by_position`` skips it)."""
    out = np.empty(y.shape, np.float64)
    for start in range(0, len(x), batch_size):
        log_p = scored_log_softmax(model(x[start:start + batch_size], training=False))
        target = y[start:start + batch_size]
        out[start:start + batch_size] = np.take_along_axis(log_p, target[..., None], -1)[..., 0]
    return out


def unscored_share(model, x: np.ndarray, y: np.ndarray, batch_size: int = 64) -> float:
    """The mean probability a logits-output model puts on padding and '[UNK]' at the scored
    positions of windows (x, y): the share that renormalising takes out. Used in lesson 04.
    """
    shares = []
    for start in range(0, len(x), batch_size):
        logits = np.asarray(model(x[start:start + batch_size], training=False), np.float64)
        probs = softmax(logits)
        keep = y[start:start + batch_size] >= FIRST_SCORED_ID
        shares.append(probs[..., :FIRST_SCORED_ID].sum(axis=-1)[keep])
    return float(np.concatenate(shares).mean())


def perplexity_by_position(log_probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Perplexity at each position of a window ('[UNK]' targets skipped): position k has
    seen k words of context, since the model's state starts fresh at every window.

    Used in lesson 04.
    """
    keep = np.asarray(y) >= FIRST_SCORED_ID
    means = [log_probs[keep[:, k], k].mean() for k in range(y.shape[1])]
    return np.exp(-np.asarray(means))


def target_weights(y: np.ndarray) -> np.ndarray:
    """Weight 0 for '[UNK]' targets, 1 otherwise: 'some rare word' is not worth learning."""
    return (np.asarray(y) != OOV_ID).astype("float32")


def build_language_model(vocab_size: int, embed_dim: int, units: int,
                         learning_rate: float = 1e-2):
    """Embedding → LSTM(return_sequences) → Dense logits over the vocabulary. Lesson 04.

    Layer names 'embedding' and 'lstm' let a later lesson start a classifier from them.
    Sizes are checked first: a vocabulary above ``MAX_VOCAB`` words is refused before any
    memory is taken.
    """
    check_int("vocab_size", vocab_size, low=OOV_ID + 2, high=MAX_VOCAB,
              hint="It counts the vocabulary with padding and [UNK]: "
                   "len(vectorizer.get_vocabulary()), 20,000 in lesson 04.")
    check_int("embed_dim", embed_dim, low=1, high=MAX_LAYER)
    check_int("units", units, low=1, high=MAX_LAYER)
    check_number("learning_rate", learning_rate, above=0.0)
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
    check_int("max_context", max_context, low=1)
    ids = _word_ids("ids", ids)[-max_context:]
    if ids.size == 0:
        raise LabInputError("need at least one word id to predict the next one.")
    logits = np.asarray(model(ids[None], training=False))[0, -1]
    return softmax(logits, temperature)


def sample_words(probs: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """One word id drawn from ``probs`` re-shaped by ``temperature``; never padding or '[UNK]'.

    Low temperature sharpens the distribution towards the likeliest word (repetitive text),
    high temperature flattens it towards uniform (random text).
    """
    probs = np.asarray(probs, np.float64)
    _check_output_size(probs.shape[-1] if probs.ndim == 1 else 0)
    logits = np.log(np.maximum(probs, 1e-300))
    logits[: OOV_ID + 1] = -np.inf  # padding (0) and [UNK] (1)
    with np.errstate(invalid="ignore"):
        weights = softmax(logits, temperature)
    weights[: OOV_ID + 1] = 0.0  # softmax's clip turns -inf finite; keep them at zero
    weights /= weights.sum()
    return int(rng.choice(len(probs), p=weights))


def _check_output_size(entries: int) -> None:
    """A next-word distribution must cover a word besides padding and '[UNK]'."""
    if entries <= OOV_ID + 1:
        raise LabInputError(
            f"the model's output has {entries} entries: only padding and '[UNK]', no word to "
            "sample. Build it with vocab_size = len(vocabulary), which counts the real words "
            "too.")


def _word_ids(name: str, ids) -> np.ndarray:
    """``ids`` as a 1-D int32 array of non-negative whole numbers, or a clear error."""
    array = np.asarray(ids)
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise LabTypeError(f"{name} must be whole-number word ids; got {array.dtype} values.")
    array = array.astype(np.int64).ravel()
    if array.size and array.min() < 0:
        raise LabInputError(f"{name} holds id {int(array.min())}: word ids are 0 or more.")
    return array.astype(np.int32)


def generate(model, seed_ids: np.ndarray, n_words: int, temperature: float,
             seed: int = 0) -> list[int]:
    """``n_words`` new word ids continuing ``seed_ids``, never padding or '[UNK]'.

    Raises LabInputError for a vocabulary with no real word, seed ids outside it, a
    negative ``n_words`` or a temperature that is not a positive number. Used in lesson 04.
    """
    check_int("n_words", n_words, low=0)
    check_number("temperature", temperature, above=0.0,
                 hint="0.5 is cautious, 1.0 follows the model, 1.5 is adventurous.")
    seed_ids = _word_ids("seed_ids", seed_ids)
    if seed_ids.size == 0:
        raise LabInputError("seed_ids must hold at least one word id to continue from.")
    rng = np.random.default_rng(seed)
    ids = [int(i) for i in seed_ids]
    # One padding id (valid for any model) tells how many words the model knows.
    vocab = np.asarray(model(np.zeros((1, 1), np.int32), training=False)).shape[-1]
    _check_output_size(vocab)
    if max(ids) >= vocab:
        raise LabInputError(f"seed_ids holds id {max(ids)}, outside the model's vocabulary of "
                            f"{vocab} words: encode the seed with the model's own vectorizer.")
    for _ in range(n_words):
        ids.append(sample_words(next_word_probs(model, ids), temperature, rng))
    return ids[len(seed_ids):]


def saved_model_paths(mode: str, folder=None):
    """Where lesson 04 keeps its trained model and vocabulary for later lessons (per mode)."""
    from lstm_helpers import config

    check_choice("mode", mode, MODES)
    folder = folder if folder is not None else config.cache_dir() / "models"
    return (folder / f"imdb_language_model-{mode}.keras",
            folder / f"imdb_language_model-{mode}.vocabulary.json")


def save_language_model(model, vocabulary: list[str], mode: str):
    """Save the model and its vocabulary to the course cache. Used in lesson 04."""
    import json

    from lstm_helpers import config

    words = [str(w) for w in vocabulary]
    if words[:2] != [PAD_TOKEN, OOV_TOKEN]:
        raise LabInputError("vocabulary must start with '' and '[UNK]', as "
                            "TextVectorization.get_vocabulary() does.")
    model_path, vocab_path = saved_model_paths(mode)
    config.make_folder(model_path.parent)
    # Keras writes the .keras zip itself: save under a temporary name, then replace.
    tmp = model_path.with_name(f".{model_path.stem}.partial.keras")
    try:
        model.save(tmp)
        tmp.chmod(0o644)
        tmp.replace(model_path)
    finally:
        tmp.unlink(missing_ok=True)
    config.atomic_write_text(vocab_path, json.dumps(words))
    return model_path, vocab_path


def load_language_model(mode: str):
    """The model and vocabulary lesson 04 saved; a clear error if it has not run yet, and a
    DamagedFileError naming the file and lesson 04 (which remakes it) if either is damaged.

    Used in lesson 08 (through ``training.next_word_training``)."""
    import json
    import zipfile

    import keras

    model_path, vocab_path = saved_model_paths(mode)
    if not (model_path.exists() and vocab_path.exists()):
        raise FileNotFoundError(
            f"No {mode}-mode language model in {model_path.parent}: run lesson 04 "
            f"(notebooks/04_next_word.ipynb) in {mode} mode first."
        )
    remake = _REMAKE.format(mode=mode)
    try:
        vocabulary = json.loads(vocab_path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise damaged(vocab_path, "it is not valid JSON", remake, exc) from exc
    if not isinstance(vocabulary, list) or not all(isinstance(w, str) for w in vocabulary):
        raise damaged(vocab_path, "it should hold a list of words", remake)
    if vocabulary[:2] != [PAD_TOKEN, OOV_TOKEN]:
        raise damaged(vocab_path, "the list should start with '' and '[UNK]'", remake)
    if not zipfile.is_zipfile(model_path):  # Keras would say "File not found" for it
        raise damaged(model_path, "it is not a .keras zip file (cut short or overwritten)",
                      remake)
    try:
        model = keras.models.load_model(model_path, compile=False)  # later lessons reuse it
    except Exception as exc:  # a zip that is not a saved model, a missing layer class
        raise damaged(model_path, "Keras cannot read this saved model", remake, exc) from exc
    return model, vocabulary
