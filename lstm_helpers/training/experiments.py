"""One IMDB sentiment experiment, the same in the lessons and in the benchmark scripts:
encode the reviews once, train a recipe on one split, watch another, score the test set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lstm_helpers import config
from lstm_helpers.core import metrics
from lstm_helpers.core.errors import LabInputError, check_int
from lstm_helpers.data import batches, text
from lstm_helpers.data.imdb import IMDB
from lstm_helpers.data.tokens import MAX_VOCAB, OOV_ID
from lstm_helpers.models.sentiment_models import Recipe, build_classifier
from lstm_helpers.training import sentiment_training
from lstm_helpers.training.callbacks import Points

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class EncodedReviews:
    """Every review as whole-length token ids (largest vocabulary), with its label."""

    seqs: dict[str, list[np.ndarray]]
    labels: dict[str, np.ndarray]

    def view(self, split: str, vocab_size: int, n: int | None = None
             ) -> tuple[list[np.ndarray], np.ndarray]:
        """The first ``n`` reviews of ``split`` as a recipe with ``vocab_size`` words sees them."""
        return (batches.limit_vocabulary(self.seqs[split][:n], vocab_size),
                self.labels[split][:n])


def encode_imdb(imdb: IMDB, vocab_size: int, vocabulary: list[str] | None = None):
    """Adapt a ``TextVectorization`` on the training reviews only (or take ``vocabulary``,
    e.g. a pretrained language model's); encode every split.

    Returns ``(vectorizer, EncodedReviews)``. Smaller vocabularies are views of this one
    (``EncodedReviews.view``). Used in lessons 05, 06.
    """
    import keras

    check_int("vocab_size", vocab_size, low=OOV_ID + 2, high=MAX_VOCAB,
              hint="It counts padding and [UNK] too: 20,000 in lesson 05.")
    if vocabulary is not None:
        vectorizer = keras.layers.TextVectorization(vocabulary=vocabulary[2:],
                                                    standardize=text.standardize_tf)
        if [str(w) for w in vectorizer.get_vocabulary()] != list(vocabulary):
            raise LabInputError("the vocabulary must start with '' and '[UNK]', as "
                                "TextVectorization.get_vocabulary() returns it.")
    else:
        vectorizer = keras.layers.TextVectorization(max_tokens=vocab_size,
                                                    standardize=text.standardize_tf)
        vectorizer.adapt(imdb.train.texts, batch_size=512)
    seqs = {s: batches.encode(getattr(imdb, s).texts, vectorizer) for s in SPLITS}
    return vectorizer, EncodedReviews(seqs, {s: getattr(imdb, s).labels for s in SPLITS})


def train_and_test(recipe: Recipe, data: EncodedReviews, n_train: int | None = None, *,
                   draw: Callable[[Points], None] | None = None,
                   seed: int = config.DEFAULT_SEED, score_test: bool = True,
                   start: Callable | None = None):
    """Train ``recipe`` on the first ``n_train`` training reviews, early-stopping on the
    validation split (on the test split for a ``validate_on_test`` recipe, the classic
    mistake; on nothing for ``patience=None``); then P(positive) for every test review.

    ``start(model)``, if given, sets the starting weights (lesson 06's pretrained starts).
    Returns ``(model, run, probs)``; ``probs`` is None with ``score_test=False`` (a run
    that only chooses the number of epochs). ``draw`` receives the training curves' points.
    Used in lesson 05.
    """
    train_seqs, train_labels = data.view("train", recipe.vocab_size, n_train)
    steps = batches.n_batches(len(train_seqs), recipe.batch_size)
    model = build_classifier(recipe, seed=seed, steps_per_epoch=steps)
    if start is not None:
        start(model)
    watch = "test" if recipe.validate_on_test else "val"
    val = data.view(watch, recipe.vocab_size) if recipe.patience is not None else (None, None)
    run = sentiment_training.train(model, recipe, train_seqs, train_labels, *val, draw=draw,
                                   seed=seed)
    if not score_test:
        return model, run, None
    probs = sentiment_training.predict(model, data.view("test", recipe.vocab_size)[0], recipe)
    return model, run, probs


def refit_on_all_training(recipe: Recipe, data: EncodedReviews, epochs: int, *,
                          draw: Callable[[Points], None] | None = None,
                          seed: int = config.DEFAULT_SEED, start: Callable | None = None):
    """Train a fresh model on train + validation for ``epochs`` (chosen on validation first),
    then P(positive) for every test review.

    The validation reviews were needed only to choose; once chosen, they are more data to
    learn from. Nothing here looks at the test set until the final scoring. Returns
    ``(model, run, probs)``; ``start(model)`` as in ``train_and_test``. Used in lesson 05.
    """
    train, val = (data.view(s, recipe.vocab_size) for s in ("train", "val"))
    seqs = train[0] + val[0]
    labels = np.concatenate([train[1], val[1]])
    final = recipe.with_(epochs=epochs, patience=None)
    steps = batches.n_batches(len(seqs), final.batch_size)
    model = build_classifier(final, seed=seed, steps_per_epoch=steps)
    if start is not None:
        start(model)
    run = sentiment_training.train(model, final, seqs, labels, draw=draw,
                                   desc=f"refit: {recipe.name}", seed=seed)
    probs = sentiment_training.predict(model, data.view("test", recipe.vocab_size)[0], final)
    return model, run, probs


def test_scores(name: str, labels: np.ndarray, probs: np.ndarray, **extra) -> dict:
    """One row of a comparison table: a model's test accuracy and ROC AUC, plus ``extra``
    columns (what it was trained on, a note). Used in lesson 05."""
    return {"model": name, "test accuracy": metrics.accuracy(labels, probs),
            "ROC AUC": metrics.roc_auc(labels, probs), **extra}
