"""Fine-tune a classifier that starts from the review language model, ULMFiT's way
(Howard & Ruder, 2018), within a CPU budget.

1. *The head first*: with the pretrained encoder frozen, its pooled features for every
   training review are computed once and a logistic-regression readout is fitted on them
   (C chosen on validation). A fresh random head would otherwise send large, meaningless
   gradients into the pretrained weights in the first steps and wreck them.
2. *Then everything*, with *discriminative learning rates*: the readout at the full rate,
   the LSTM at a fraction of it, the word vectors at a smaller fraction, because lower
   layers hold the most general knowledge and should move least.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import keras
import numpy as np

from lstm_helpers.data import batches
from lstm_helpers.models.sentiment_models import Recipe, build_classifier
from lstm_helpers.training import sentiment_training
from lstm_helpers.training.experiments import EncodedReviews

LAYER_RATES = {"embedding": 0.25, "lstm": 0.5}  # fractions of the readout's learning rate


@keras.saving.register_keras_serializable("lstm_lab")
class DiscriminativeAdam(keras.optimizers.Adam):
    """Adam whose learning rate is scaled per layer: ``factors`` maps a variable-path prefix
    (a layer name such as "embedding") to a fraction of the base rate. The fractions are
    variables, so a callback can change them between epochs (0 freezes a layer)."""

    def __init__(self, factors: dict[str, float] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.factors = dict(factors or {})
        self._factor_vars = {prefix: keras.Variable(float(value), trainable=False,
                                                    name=f"rate_factor_{prefix}")
                             for prefix, value in self.factors.items()}

    def set_factor(self, prefix: str, value: float) -> None:
        self._factor_vars[prefix].assign(float(value))

    def update_step(self, gradient, variable, learning_rate):
        # The backend may hand over its own variable: find the Keras one for its path.
        path = self._trainable_variables[self._get_variable_index(variable)].path
        for prefix, factor in self._factor_vars.items():
            if path.startswith(prefix + "/"):
                learning_rate = learning_rate * keras.ops.cast(factor, learning_rate.dtype)
                break
        super().update_step(gradient, variable, learning_rate)

    def get_config(self):
        return {**super().get_config(), "factors": self.factors}


def encoder(model) -> keras.Model:
    """The classifier without its dropout and readout: review → pooled features."""
    return keras.Model(model.input, model.get_layer("pooling").output)


def features(model, seqs: list[np.ndarray], recipe: Recipe, batch_size: int = 256) -> np.ndarray:
    """Pooled encoder features for every review (batched by length, order kept)."""
    enc = encoder(model)
    seqs = batches.cut(seqs, recipe.max_len)
    lengths = np.array([len(s) for s in seqs])
    order = np.argsort(lengths, kind="stable")
    out = None
    for start in range(0, len(seqs), batch_size):
        idx = order[start:start + batch_size]
        x = batches.pad([seqs[i] for i in idx], max(1, int(lengths[idx].max())),
                        padding=recipe.padding)
        values = np.asarray(enc(x, training=False), np.float32)
        if out is None:
            out = np.empty((len(seqs), values.shape[1]), np.float32)
        out[idx] = values
    return out


def fit_head(train_x: np.ndarray, train_y: np.ndarray, val_x: np.ndarray, val_y: np.ndarray,
             grid: tuple[float, ...] = (0.01, 0.1, 1.0)) -> tuple[np.ndarray, np.ndarray, dict]:
    """A logistic-regression readout on frozen features, C chosen on validation: returns
    the Dense layer's kernel (features, 1) and bias (1,), and what was chosen."""
    from sklearn.linear_model import LogisticRegression

    best = None
    for c in grid:  # LSTM features lie in (-1, 1): no scaling needed
        head = LogisticRegression(C=c, max_iter=3000).fit(train_x, train_y)
        acc = float(np.mean(head.predict(val_x) == val_y))
        if best is None or acc > best[0]:
            best = (acc, c, head)
    acc, c, head = best
    kernel = head.coef_[0][:, None].astype(np.float32)
    return kernel, head.intercept_.astype(np.float32), {"C": c, "val acc": acc}


def finetune(recipe: Recipe, data: EncodedReviews, start: Callable | None, *,
             n_train: int | None = None, head_first: bool = True,
             rates: dict[str, float] | None = LAYER_RATES, seed: int = 42,
             desc: str | None = None):
    """Train ``recipe`` from ``start(model)`` (pretrained weights; None: random), the head
    first when ``head_first``, then every layer with per-layer ``rates`` (None: one rate
    for all). Returns ``(model, record, probs)``: the record holds each stage's validation
    accuracy and seconds; ``probs`` are P(positive) for the test reviews. Used in lesson 08.
    """
    train_seqs, train_y = data.view("train", recipe.vocab_size, n_train)
    val_seqs, val_y = data.view("val", recipe.vocab_size)
    steps = batches.n_batches(len(train_seqs), recipe.batch_size)
    model = build_classifier(recipe, seed=seed, steps_per_epoch=steps)
    if start is not None:
        start(model)
    record: dict = {}
    if head_first:
        began = time.perf_counter()
        kernel, bias, chosen = fit_head(features(model, train_seqs, recipe), train_y,
                                        features(model, val_seqs, recipe), val_y)
        model.get_layer("readout").set_weights([kernel, bias])
        record["head"] = {**chosen, "seconds": time.perf_counter() - began}
    schedule = keras.optimizers.schedules.ExponentialDecay(recipe.learning_rate, steps,
                                                           recipe.lr_decay)
    model.compile(optimizer=DiscriminativeAdam(rates, learning_rate=schedule, clipnorm=1.0),
                  loss="binary_crossentropy", metrics=["accuracy"])
    run = sentiment_training.train(model, recipe, train_seqs, train_y, val_seqs, val_y,
                                   desc=desc or recipe.name, seed=seed)
    record["all"] = {"val acc": max(run.history["val_accuracy"]), "epochs": run.epochs,
                     "best epoch": run.best_epoch, "seconds": run.train_seconds,
                     "s / epoch": run.seconds_per_epoch}
    began = time.perf_counter()
    probs = sentiment_training.predict(model, data.view("test", recipe.vocab_size)[0], recipe)
    record["test seconds"] = time.perf_counter() - began
    return model, record, probs


def start_from_review_lm(weights: dict[str, np.ndarray]) -> Callable:
    """A ``start(model)`` that copies the review language model's word vectors and LSTM."""
    def start(model) -> None:
        model.get_layer("embedding").set_weights([weights["embedding"]])
        lstm = model.get_layer("lstm")
        lstm.set_weights([weights["kernel"], weights["recurrent_kernel"], weights["bias"]])
    return start
