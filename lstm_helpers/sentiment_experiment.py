"""One IMDB sentiment experiment, the same in the lessons and in the benchmark script:
encode the reviews once, train a recipe on one split, watch another, score the test set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lstm_helpers import config, live_training, review_batches, text
from lstm_helpers.imdb import IMDB
from lstm_helpers.sentiment_models import Recipe, build_classifier

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class EncodedReviews:
    """Every review as whole-length token ids (largest vocabulary), with its label."""

    seqs: dict[str, list[np.ndarray]]
    labels: dict[str, np.ndarray]

    def view(self, split: str, vocab_size: int, n: int | None = None
             ) -> tuple[list[np.ndarray], np.ndarray]:
        """The first ``n`` reviews of ``split`` as a recipe with ``vocab_size`` words sees them."""
        return (review_batches.limit_vocabulary(self.seqs[split][:n], vocab_size),
                self.labels[split][:n])


def encode_imdb(imdb: IMDB, vocab_size: int):
    """Adapt a ``TextVectorization`` on the training reviews only; encode every split.

    Returns ``(vectorizer, EncodedReviews)``. Smaller vocabularies are views of this one
    (``EncodedReviews.view``). Lessons 05-06.
    """
    import keras

    vectorizer = keras.layers.TextVectorization(max_tokens=vocab_size,
                                                standardize=text.standardize_tf)
    vectorizer.adapt(imdb.train.texts, batch_size=512)
    seqs = {s: review_batches.encode(getattr(imdb, s).texts, vectorizer) for s in SPLITS}
    return vectorizer, EncodedReviews(seqs, {s: getattr(imdb, s).labels for s in SPLITS})


def train_and_test(recipe: Recipe, data: EncodedReviews, n_train: int | None = None,
                   figure=None, seed: int = config.DEFAULT_SEED, score_test: bool = True,
                   start=None):
    """Train ``recipe`` on the first ``n_train`` training reviews, early-stopping on the
    validation split (on the test split for a ``validate_on_test`` recipe, the classic
    mistake; on nothing for ``patience=None``); then P(positive) for every test review.

    ``start(model)``, if given, sets the starting weights (lesson 06's pretrained starts).
    Returns ``(model, run, probs)``; ``probs`` is None with ``score_test=False`` (a run
    that only chooses the number of epochs). Lessons 05-06 and the benchmark scripts.
    """
    train_seqs, train_labels = data.view("train", recipe.vocab_size, n_train)
    steps = review_batches.n_batches(len(train_seqs), recipe.batch_size)
    model = build_classifier(recipe, seed=seed, steps_per_epoch=steps)
    if start is not None:
        start(model)
    watch = "test" if recipe.validate_on_test else "val"
    val = data.view(watch, recipe.vocab_size) if recipe.patience is not None else (None, None)
    run = live_training.train(model, recipe, train_seqs, train_labels, *val, figure=figure,
                              seed=seed)
    if not score_test:
        return model, run, None
    probs = live_training.predict(model, data.view("test", recipe.vocab_size)[0], recipe)
    return model, run, probs


def refit_on_all_training(recipe: Recipe, data: EncodedReviews, epochs: int, figure=None,
                          seed: int = config.DEFAULT_SEED, start=None):
    """Train a fresh model on train + validation for ``epochs`` (chosen on validation first),
    then P(positive) for every test review.

    The validation reviews were needed only to choose; once chosen, they are more data to
    learn from. Nothing here looks at the test set until the final scoring. Returns
    ``(model, run, probs)``; ``start(model)`` as in ``train_and_test``. Lesson 05 and the
    benchmark scripts.
    """
    train, val = (data.view(s, recipe.vocab_size) for s in ("train", "val"))
    seqs = train[0] + val[0]
    labels = np.concatenate([train[1], val[1]])
    final = recipe.with_(epochs=epochs, patience=None)
    steps = review_batches.n_batches(len(seqs), final.batch_size)
    model = build_classifier(final, seed=seed, steps_per_epoch=steps)
    if start is not None:
        start(model)
    run = live_training.train(model, final, seqs, labels, figure=figure,
                              desc=f"{recipe.name}, refit on all training reviews", seed=seed)
    probs = live_training.predict(model, data.view("test", recipe.vocab_size)[0], final)
    return model, run, probs
