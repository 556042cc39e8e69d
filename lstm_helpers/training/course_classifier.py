"""The course's IMDB classifier as lesson 05 makes it (choose the epochs on validation, then
refit on train + validation), in one place, so that lesson 06 can train the very same model
when lesson 05's checkpoint is missing (a new Colab session, a learner who skipped 05).
"""

from __future__ import annotations

from collections.abc import Callable

from lstm_helpers.core.errors import LabInputError
from lstm_helpers.data.imdb import IMDB
from lstm_helpers.models.sentiment_models import Recipe
from lstm_helpers.training.callbacks import Points
from lstm_helpers.training.experiments import (
    EncodedReviews,
    encode_imdb,
    refit_on_all_training,
    train_and_test,
)

CHECKPOINT = "course LSTM"  # the name lesson 05 saves it under, and lesson 06 loads


def refit(recipe: Recipe, data: EncodedReviews, epochs: int, vocabulary: list[str]) -> dict:
    """A fresh model trained on train + validation for ``epochs`` (chosen on validation),
    with its test P(positive) and the vocabulary it reads, as lesson 06 needs it.

    Returns ``{"model", "run", "probs", "vocabulary"}``. Used in lesson 05."""
    model, run, probs = refit_on_all_training(recipe, data, epochs=epochs)
    return {"model": model, "run": run, "probs": probs,
            "vocabulary": [str(word) for word in vocabulary]}


def choose_epochs(recipe: Recipe, data: EncodedReviews,
                  draw: Callable[[Points], None] | None = None):
    """The training run that chooses the number of epochs (early stopping on validation);
    the model it trained is dropped at once, as only the run is used. Used in lesson 05."""
    _, run, _ = train_and_test(recipe, data, score_test=False, draw=draw)
    return run


def train_from_scratch(imdb: IMDB, recipe: Recipe) -> dict:
    """Lesson 05's two trainings in a row (choose, then refit): ``refit``'s dict.

    Used in lesson 06 when lesson 05's checkpoint is missing."""
    vectorizer, data = encode_imdb(imdb, recipe.vocab_size)
    run = choose_epochs(recipe, data)
    return refit(recipe, data, run.best_epoch, vectorizer.get_vocabulary())


def vectorizer_for(vocabulary: list[str]):
    """A ``TextVectorization`` that maps words to the ids of the saved ``vocabulary`` (what
    the classifier reads), without re-adapting on the training reviews. Used in lesson 06."""
    import keras

    from lstm_helpers.data import text

    words = [str(word) for word in vocabulary]
    if words[:2] != ["", "[UNK]"]:
        raise LabInputError("vocabulary must start with '' and '[UNK]', as "
                            "TextVectorization.get_vocabulary() returns it; got "
                            f"{words[:2]!r}.")
    return keras.layers.TextVectorization(vocabulary=words[2:], standardize=text.standardize_tf)
