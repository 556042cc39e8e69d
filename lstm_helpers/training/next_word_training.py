"""Lesson 04's language model for a later lesson: loaded from the course cache where lesson
04 saved it, or trained here with lesson 04's steps and a progress bar when it is missing or
damaged (a new Colab session, a learner who skipped 04), so no later lesson skips it.
"""

from __future__ import annotations

from dataclasses import dataclass

from lstm_helpers import config
from lstm_helpers.core.errors import LabInputError, check_int
from lstm_helpers.data import batches, text
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.models import language_models
from lstm_helpers.training.callbacks import EpochBar


@dataclass(frozen=True)
class NextWordSizes:
    """Lesson 04's parameters for its IMDB language model (its ``parameters`` cell)."""

    vocab_size: int
    n_train: int
    n_val: int
    n_test: int
    window: int
    embed_dim: int
    units: int
    epochs: int

    def __post_init__(self) -> None:
        for name in ("vocab_size", "n_train", "n_val", "n_test", "window", "embed_dim",
                     "units", "epochs"):
            check_int(name, getattr(self, name), low=1 if name != "vocab_size" else 3,
                      hint="Copy it from lesson 04's parameters cell.")


def train_language_model(sizes: NextWordSizes):
    """Lesson 04's steps: a vocabulary from its training reviews, windows, the LSTM language
    model fitted with early stopping on validation (a progress bar over epochs, with the time
    left). Returns ``(model, vocabulary)``."""
    import keras

    imdb = load_imdb(n_train=sizes.n_train, n_val=sizes.n_val, n_test=sizes.n_test)
    vectorizer = keras.layers.TextVectorization(max_tokens=sizes.vocab_size,
                                                standardize=text.standardize_tf)
    vectorizer.adapt(imdb.train.texts)
    x_train, y_train = batches.windows(batches.token_stream(imdb.train.texts, vectorizer),
                                       sizes.window)
    x_val, y_val = batches.windows(batches.token_stream(imdb.val.texts, vectorizer),
                                   sizes.window)
    model = language_models.build_language_model(sizes.vocab_size, sizes.embed_dim,
                                                 sizes.units)
    model.fit(x_train, y_train, sample_weight=language_models.target_weights(y_train),
              validation_data=(x_val, y_val, language_models.target_weights(y_val)),
              epochs=sizes.epochs, batch_size=128, verbose=0,
              callbacks=[EpochBar(sizes.epochs, "lesson 04's language model"),
                         keras.callbacks.EarlyStopping(restore_best_weights=True, patience=1)])
    return model, [str(word) for word in vectorizer.get_vocabulary()]


def load_or_train(sizes: NextWordSizes):
    """Lesson 04's saved language model and vocabulary for this mode; when it is missing or
    damaged, say so, train it with ``train_language_model`` and save it where lesson 04
    would. Returns ``(model, vocabulary)``. Used in lesson 08."""
    if not isinstance(sizes, NextWordSizes):
        raise LabInputError(f"sizes must be a NextWordSizes (lesson 04's parameters); got "
                            f"{type(sizes).__name__}.")
    mode = config.mode_name()
    try:
        model, vocabulary = language_models.load_language_model(mode)
    except FileNotFoundError:
        reason = f"lesson 04 has not saved its {mode}-mode language model here"
    except LabInputError as exc:  # a damaged file: say which, then remake it
        reason = str(exc).split(". ")[0]
    else:
        print(f"loaded lesson 04's {mode}-mode language model")
        return model, vocabulary
    print(f"{reason}: training it now with lesson 04's {mode}-mode sizes (the progress bar "
          "shows how long that takes), then saving it for next time.")
    model, vocabulary = train_language_model(sizes)
    language_models.save_language_model(model, vocabulary, mode)
    return model, vocabulary
