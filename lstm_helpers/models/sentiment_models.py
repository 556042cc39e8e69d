"""The IMDB sentiment classifiers of lessons 05-06, as recipes with names.

Every model reads token ids and ends in one sigmoid unit, P(positive). Layers are named
``embedding``, ``lstm`` and ``readout`` so lesson 05 can run the trained weights through
the NumPy cell (``sentiment_inside``), and lesson 06 can start them from pretrained weights.
Lesson 06's variants change only what sits between the embedding and the readout
(``Recipe.arch``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from difflib import get_close_matches

from lstm_helpers.core.errors import (
    LabInputError,
    LabTypeError,
    check_choice,
    check_int,
    check_number,
)
from lstm_helpers.data.tokens import MAX_VOCAB, OOV_ID


@dataclass(frozen=True)
class Recipe:
    """Everything that defines one classifier and how it is trained."""

    name: str
    vocab_size: int
    max_len: int
    embed_dim: int
    units: int
    batch_size: int
    epochs: int
    learning_rate: float = 1e-3
    lr_decay: float = 1.0  # learning rate multiplied by this over each epoch (smoothly)
    mask: bool = False  # mask_zero=True: the LSTM skips padding
    padding: str = "pre"  # where pad_sequences puts zeros ("post" needs the mask)
    bucketed: bool = False  # batches of similar length, padded per batch
    dropout: float = 0.0  # LSTM input dropout
    recurrent_dropout: float = 0.0  # dropout on h between steps: no fused kernel
    spatial_dropout: float = 0.0  # drops whole embedding channels
    head_dropout: float = 0.0  # dropout on the LSTM's final output, before the readout
    patience: int | None = 1  # epochs without a better validation score before stopping;
    # None: no early stopping, the last epoch's weights are kept
    validate_on_test: bool = False  # the classic mistake, kept to show it
    arch: str = "lstm"  # one of ARCHITECTURES (lesson 06)
    pooling: str = "last"  # what the readout reads: the last state, or "max" / "concat" over
    # every step (lesson 06's pretrained and max-pooling models)
    filters: int = 64  # cnn_lstm: convolution filters
    kernel_size: int = 5  # cnn_lstm: words each filter sees at once
    pool_size: int = 4  # cnn_lstm: the sequence gets this many times shorter

    def __post_init__(self) -> None:
        """Refuse sizes Keras would fail on deep inside (or silently misuse), naming the field."""
        check_int("vocab_size", self.vocab_size, low=OOV_ID + 2, high=MAX_VOCAB,
                  hint="It counts padding and [UNK] too: 20,000 in lesson 05.")
        for name in ("max_len", "embed_dim", "units", "batch_size", "epochs", "filters",
                     "kernel_size", "pool_size"):
            check_int(name, getattr(self, name), low=1)
        check_number("learning_rate", self.learning_rate, above=0.0)
        decay = check_number("lr_decay", self.lr_decay, above=0.0)
        if decay > 1.0:
            raise LabInputError(f"lr_decay must be above 0 and at most 1 (1: no decay); got "
                                f"{decay}.")
        for name in ("dropout", "recurrent_dropout", "spatial_dropout", "head_dropout"):
            rate = check_number(name, getattr(self, name), low=0.0)
            if rate >= 1.0:
                raise LabInputError(f"{name} must be at least 0 and below 1 (the share of "
                                    f"values dropped); got {rate}.")
        if self.patience is not None:
            check_int("patience", self.patience, low=0, hint="None turns early stopping off.")
        check_choice("padding", self.padding, ("pre", "post"))

    def with_(self, **changes) -> Recipe:
        """A copy with ``changes``; an unknown field (Keras 2's ``lr=``) is named with the
        field meant and the valid ones, not a bare dataclass ``TypeError``. A new ``arch``
        without a new ``name`` renames the copy after its layers, so a GRU's progress bar
        and table row do not say "course LSTM"."""
        known = [f.name for f in fields(self)]
        unknown = [name for name in changes if name not in known]
        if unknown:
            aliases = {"lr": "learning_rate", "rnn": "arch", "cell": "arch", "vocab": "vocab_size",
                       "maxlen": "max_len", "batch": "batch_size", "hidden": "units"}
            meant = [aliases.get(n) or next(iter(get_close_matches(n, known, 1)), None)
                     for n in unknown]
            tips = "; ".join(f"{n}= → did you mean {m}=?" if m else f"{n}= is not a field"
                             for n, m in zip(unknown, meant, strict=True))
            raise LabTypeError(f"Recipe has no field {', '.join(map(repr, unknown))} ({tips}). "
                               f"Its fields: {', '.join(known)}.")
        arch = changes.get("arch", self.arch)
        if arch != self.arch and "name" not in changes:
            changes["name"] = (f"{ARCHITECTURES.get(arch, arch).removeprefix('Embedding → ')}"
                               f" (from {self.name.split(':')[0]})")
        return replace(self, **changes)

    def as_dict(self) -> dict:
        return asdict(self)


# A widely copied recipe: reported 83.5% test accuracy, ROC AUC 0.91 after 5 epochs.
SMALL_CLASSIC = Recipe("classic: 5k words, 300 tokens, Embedding(10), LSTM(128)",
                       vocab_size=5000, max_len=300, embed_dim=10, units=128, batch_size=64,
                       epochs=5, patience=None)
# The Keras 2 example imdb_lstm.py: validates on the test set, 15 epochs of batch 32. Its
# reader picks the epoch that looked best on that "validation": restore the best, never stop.
KERAS_EXAMPLE = Recipe("Keras example: 20k words, 80 tokens, LSTM(128, dropouts 0.2)",
                       vocab_size=20000, max_len=80, embed_dim=128, units=128, batch_size=32,
                       epochs=15, dropout=0.2, recurrent_dropout=0.2, patience=15,
                       validate_on_test=True)
# Its two faults fixed: validation carved from train; dropout that keeps the fused kernel.
KERAS_EXAMPLE_FIXED = KERAS_EXAMPLE.with_(
    name="Keras example, fixed: validation split, no recurrent dropout",
    dropout=0.0, recurrent_dropout=0.0, spatial_dropout=0.2, head_dropout=0.2,
    patience=1, validate_on_test=False)
# The course's tuned LSTM (lesson 05): whole reviews (up to 800 tokens, ending kept), batches
# of similar length with the padding masked, dropout on word vectors and on the final state,
# and a learning rate halved over every epoch; patience 2, as late epochs still refine.
TUNED = Recipe("course LSTM: 20k words, 800 tokens, bucketed + masked, LSTM(64)",
               vocab_size=20000, max_len=800, embed_dim=64, units=64, batch_size=64, epochs=4,
               learning_rate=2e-3, lr_decay=0.5, mask=True, padding="post", bucketed=True,
               spatial_dropout=0.3, head_dropout=0.5, patience=2)


ARCHITECTURES = {
    "lstm": "Embedding → LSTM → Dense",
    "deep": "Embedding → LSTM (every step) → LSTM → Dense",
    "bidirectional": "Embedding → Bidirectional(LSTM) → Dense",
    "cnn_lstm": "Embedding → Conv1D → MaxPooling1D → LSTM → Dense",
    "gru": "Embedding → GRU → Dense",
}

# Lesson 06's variants: the course LSTM's data pipeline and training, one change each.
DEEP = TUNED.with_(name="deep: LSTM(64) → LSTM(64)", arch="deep")
BIDIRECTIONAL = TUNED.with_(name="bidirectional: Bi(LSTM(64))", arch="bidirectional")
# The convolution cannot carry a mask, so its reviews are padded at the front instead.
CNN_LSTM = TUNED.with_(name="hybrid: Conv1D(64, 5) → MaxPool(4) → LSTM(64)", arch="cnn_lstm",
                       mask=False, padding="pre")
GRU = TUNED.with_(name="GRU(64)", arch="gru")
VARIANTS = {"lstm": TUNED.with_(name="classic: LSTM(64)"), "deep": DEEP,
            "bidirectional": BIDIRECTIONAL, "cnn_lstm": CNN_LSTM, "gru": GRU}
# A widely copied bidirectional model: Embedding(5000, 32) → Bidirectional(LSTM(128)) →
# Dense(1, sigmoid), reviews padded (at the front) or cut to 500 tokens, batch 64.
BI_PUBLISHED = Recipe("published: 5k words, 500 tokens, Embedding(32), Bi(LSTM(128))",
                      vocab_size=5000, max_len=500, embed_dim=32, units=128, batch_size=64,
                      epochs=3, arch="bidirectional")


def _middle(recipe: Recipe, x):
    """The layers between the word vectors and the readout, as ``recipe.arch`` says."""
    import keras

    from lstm_helpers.models.pooling import TimePooling

    rnn = dict(dropout=recipe.dropout, recurrent_dropout=recipe.recurrent_dropout)
    if recipe.pooling != "last":
        if recipe.arch == "lstm":  # every step, and the last state: (batch, 3 · units)
            seq, h, _ = keras.layers.LSTM(recipe.units, return_sequences=True,
                                          return_state=True, name="lstm", **rnn)(x)
            return TimePooling(recipe.pooling, name="pooling")(
                [seq, h] if recipe.pooling == "concat" else seq)
        if recipe.arch == "bidirectional" and recipe.pooling == "max":  # (batch, 2 · units)
            seq = keras.layers.Bidirectional(keras.layers.LSTM(
                recipe.units, return_sequences=True, **rnn), name="lstm")(x)
            return TimePooling("max", name="pooling")(seq)
        raise LabInputError(f"pooling {recipe.pooling!r} is built for arch 'lstm' (max or "
                            "concat) and 'bidirectional' (max) only.")
    if recipe.arch == "lstm":
        return keras.layers.LSTM(recipe.units, name="lstm", **rnn)(x)  # (batch, units)
    if recipe.arch == "deep":
        # The lower LSTM must hand the upper one a vector at *every* step (a sequence),
        # not just its last state: return_sequences=True → (batch, steps, units).
        x = keras.layers.LSTM(recipe.units, return_sequences=True, name="lstm_lower", **rnn)(x)
        return keras.layers.LSTM(recipe.units, name="lstm", **rnn)(x)
    if recipe.arch == "bidirectional":
        # One LSTM reads left to right, a copy reads right to left; their final states are
        # concatenated: (batch, 2 * units).
        return keras.layers.Bidirectional(keras.layers.LSTM(recipe.units, **rnn),
                                          merge_mode="concat", name="lstm")(x)
    if recipe.arch == "cnn_lstm":
        x = keras.layers.Conv1D(recipe.filters, recipe.kernel_size, padding="same",
                                activation="relu", name="conv")(x)  # (batch, steps, filters)
        x = keras.layers.MaxPooling1D(recipe.pool_size, padding="same",
                                      name="pool")(x)  # (batch, steps / pool_size, filters)
        return keras.layers.LSTM(recipe.units, name="lstm", **rnn)(x)
    if recipe.arch == "gru":
        return keras.layers.GRU(recipe.units, name="lstm", **rnn)(x)  # the recurrent layer
    raise LabInputError(f"unknown architecture {recipe.arch!r}; choose from "
                        f"{', '.join(ARCHITECTURES)}.")


def build_classifier(recipe: Recipe, seed: int | None = None, steps_per_epoch: int = 1):
    """Embedding → (``recipe.arch``'s recurrent layers) → Dense(1, sigmoid), compiled with
    Adam. Lessons 05-06.

    ``steps_per_epoch`` sets the pace of ``recipe.lr_decay`` (batches in one epoch).
    """
    import keras

    if recipe.padding == "post" and not recipe.mask:
        raise LabInputError("post-padding without a mask makes the LSTM end on zeros; "
                            "set mask=True or padding='pre'.")
    if recipe.arch == "cnn_lstm" and recipe.mask:
        raise LabInputError("Conv1D cannot pass a padding mask on to the LSTM; for the hybrid "
                            "use mask=False with padding='pre'.")
    if recipe.arch not in ARCHITECTURES:
        raise LabInputError(f"unknown architecture {recipe.arch!r}; choose from "
                            f"{', '.join(ARCHITECTURES)}.")
    if seed is not None:
        keras.utils.set_random_seed(seed)
    ids = keras.Input((None,), dtype="int32", name="token_ids")
    x = keras.layers.Embedding(recipe.vocab_size, recipe.embed_dim, mask_zero=recipe.mask,
                               name="embedding")(ids)  # Shape: (batch, steps, embed_dim)
    if recipe.spatial_dropout:
        x = keras.layers.SpatialDropout1D(recipe.spatial_dropout)(x)
    x = _middle(recipe, x)  # Shape: (batch, features): what the recurrent part concluded
    if recipe.head_dropout:
        x = keras.layers.Dropout(recipe.head_dropout)(x)
    out = keras.layers.Dense(1, activation="sigmoid", name="readout")(x)
    model = keras.Model(ids, out, name=f"sentiment_{recipe.arch}")
    rate = recipe.learning_rate
    if recipe.lr_decay != 1.0:
        rate = keras.optimizers.schedules.ExponentialDecay(rate, steps_per_epoch, recipe.lr_decay)
    model.compile(optimizer=keras.optimizers.Adam(rate, clipnorm=1.0),
                  loss="binary_crossentropy", metrics=["accuracy"])
    return model


# Lesson 06's answers to "LSTMs lose to bag-of-bigrams": read every step, not just the last.
# A supervised bidirectional LSTM with max-pooling over time (Johnson & Zhang, 2016's idea,
# without their extra data), and the LSTM that starts from the review language model
# (``models.review_lm``: LSTM(256) on 128-wide word vectors), reading max, mean and last.
BI_MAX_POOL = TUNED.with_(name="Bi(LSTM(128)), max over time", arch="bidirectional",
                          units=128, embed_dim=128, pooling="max", batch_size=64, epochs=3)
PRETRAINED = TUNED.with_(name="LSTM(256) from the review LM, [max, mean, last]", units=256,
                         embed_dim=128, pooling="concat", batch_size=64, epochs=2,
                         learning_rate=1e-3, lr_decay=0.3, spatial_dropout=0.2,
                         head_dropout=0.4, patience=1)
