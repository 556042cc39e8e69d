"""Checks of things a learner builds and runs: a function, a set of weights, an optimizer,
a trained model. Each runs what was built on inputs of its own, so a typed-in number
cannot pass, and returns a ``Verdict`` with a hint; none raises on a wrong attempt.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

from lstm_helpers import config
from lstm_helpers.core import forecasting, legacy
from lstm_helpers.core.activations import sigmoid
from lstm_helpers.core.cells import LSTMWeights
from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.course.verdicts import UNANSWERED, Verdict, unanswered, verdict


def _attempt(check: str, run: Callable, hint: str):
    """Run the learner's code; a crash becomes a wrong verdict that quotes the error."""
    try:
        return run()
    except Exception as err:  # the learner's code: anything can go wrong in it
        return verdict(False, "", f"{hint} Running it raised {type(err).__name__}: "
                       f"{str(err).splitlines()[0][:160] if str(err) else ''}", check)


def _call_learner(check: str, run: Callable, hint: str):
    """``_attempt`` for a function the learner writes: one that still returns nothing (its
    body is the exercise's ``...``) gets a "not answered yet" verdict, not a wrong one."""
    result = _attempt(check, run, hint)
    if result is None:
        config.log_event({"check": check, "status": UNANSWERED})
        return Verdict(UNANSWERED, "write the body of the function (it returns nothing yet), "
                       "then run the cell again.", check)
    return result


def check_sigmoid_function(fn: object) -> Verdict:
    """Is ``fn`` σ(z) = 1 / (1 + e^(−z)) on whole arrays, extremes included, without overflow
    warnings? Used in lesson 00."""
    check = "check_sigmoid_function"
    if (reminder := unanswered(fn, check=check)) is not None:
        return reminder
    if not callable(fn):
        return verdict(False, "", "give a function, e.g. `def my_sigmoid(z): return ...`.", check)
    z = np.array([-1000.0, -30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0, 1000.0])

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an overflow warning is a mistake here
            result = fn(z)
        return None if result is None else np.asarray(result, dtype=float)

    got = _call_learner(check, run, "call it on a NumPy array of numbers.")
    if isinstance(got, Verdict):
        if "Overflow" in got.message or "overflow" in got.message:
            return verdict(False, "", "e^(−z) overflows for z = −1000: NumPy warns and "
                           "gives inf. Use np.exp(−|z|) and treat z < 0 and z ≥ 0 apart, or "
                           "the identity σ(z) = (1 + tanh(z/2)) / 2.", check)
        return got
    if got.shape != z.shape:
        return verdict(False, "", f"it must return one value per input: {z.shape}, got "
                       f"{got.shape}. Use NumPy operations, not math.exp.", check)
    ok = np.allclose(got, sigmoid(z), atol=1e-9)
    return verdict(ok, "it matches σ on every input, even ±1000, with no warning.",
                   f"at z = {z.tolist()} it should give {np.round(sigmoid(z), 4).tolist()}.",
                   check)


def check_remembering_weights(weights_on_x: object, biases: object, steps: int = 20,
                              keep: float = 0.9) -> Verdict:
    """Does a one-unit LSTM with these weights on x (i, f, g, o) and biases (no recurrent
    weights) write a memory when x = 1 arrives, and still hold ``keep`` of it after
    ``steps`` more steps of x = 0? Used in lesson 02."""
    check = "check_remembering_weights"
    values = [*weights_on_x, *biases] if isinstance(weights_on_x, list | tuple) and \
        isinstance(biases, list | tuple) else [...]
    if (reminder := unanswered(*values, check=check)) is not None:
        return reminder
    try:
        weights = LSTMWeights(kernel=[list(weights_on_x)], recurrent_kernel=[[0.0] * 4],
                              bias=list(biases))
    except (ValueError, TypeError):
        weights = None
    if weights is None or weights.units != 1:
        return verdict(False, "", "give two lists of four numbers each, in Keras's gate order "
                       "i, f, g (candidate), o: the weights on x, then the biases.", check)
    xs = np.zeros((1, steps + 1, 1))
    xs[0, 0, 0] = 1.0
    trace = run_lstm(xs, weights)
    written, kept = float(trace.c[0, 0, 0]), float(trace.c[0, -1, 0])
    if abs(written) < 0.5:
        return verdict(False, "", f"step 1 writes only c = {written:+.2f}: open the input gate "
                       "for x = 1 (a large weight on x) and give the candidate a clear sign.",
                       check)
    ratio = kept / written
    return verdict(
        ratio >= keep, f"c = {written:+.2f} after the write and {kept:+.2f} after {steps} more "
        f"steps: {ratio:.0%} kept.",
        f"after {steps} steps only {ratio:.0%} of c = {written:+.2f} is left (need "
        f"{keep:.0%}): keep the forget gate near 1 (a large forget bias) and the input gate "
        "near 0 when x = 0 (a negative input bias).", check)


def check_clipped_optimizer(make_optimizer: object, train: Callable) -> Verdict:
    """Does ``make_optimizer()`` clip gradients, and does ``train(optimizer)`` (the lesson's
    exploding RNN) then give a finite, falling loss? Used in lesson 01."""
    check = "check_clipped_optimizer"
    if (reminder := unanswered(make_optimizer, check=check)) is not None:
        return reminder
    if not callable(make_optimizer):
        return verdict(False, "", "give a function that returns an optimizer, e.g. "
                       "`lambda: keras.optimizers.SGD(0.01, clipnorm=1.0)`.", check)
    optimizer = _attempt(check, make_optimizer, "your function should return an optimizer.")
    if isinstance(optimizer, Verdict):
        return optimizer
    if (reminder := unanswered(optimizer, check=check)) is not None:
        return reminder
    clipped = any(getattr(optimizer, a, None) for a in ("clipnorm", "clipvalue",
                                                        "global_clipnorm"))
    if not clipped:
        return verdict(False, "", "this optimizer does not clip: give it clipnorm=1.0 (or "
                       "clipvalue, or global_clipnorm).", check)
    losses = _attempt(check, lambda: list(train(optimizer)), "training with it failed.")
    if isinstance(losses, Verdict):
        return losses
    finite = bool(np.all(np.isfinite(losses)))
    return verdict(finite and losses[-1] < losses[0],
                   f"with clipping the loss goes {losses[0]:.3f} → {losses[-1]:.3f}, finite "
                   "throughout: same direction, bounded step.",
                   f"the loss went {losses[0]:.3g} → {losses[-1]:.3g}: try a smaller clip "
                   "threshold (clipnorm=1.0).", check)


def check_model_accuracy(model: object, x, y, at_least: float, kind: str | None = None,
                         predict: Callable | None = None,
                         settings: dict[str, dict] | None = None) -> Verdict:
    """Does the learner's trained ``model`` reach ``at_least`` accuracy on held-out (x, y),
    and (with ``kind``) contain a layer of that kind? ``settings`` asks for layers built a
    certain way: ``{"MaxPooling1D": {"pool_size": 8}}``. ``predict(model, x)`` gives class
    scores when the model needs more than ``model.predict``. Used in lessons 03, 05, 06."""
    check = "check_model_accuracy"
    if (reminder := unanswered(model, check=check)) is not None:
        return reminder
    layers = getattr(model, "layers", None)
    if layers is None:
        return verdict(False, "", "give the trained Keras model itself.", check)
    if kind is not None and not _has_layer(model, kind):
        return verdict(False, "", f"the model has no {kind} layer: build it with "
                       f"keras.layers.{kind}.", check)
    for layer_kind, wanted in (settings or {}).items():
        if (problem := _settings_problem(model, layer_kind, wanted)) is not None:
            return verdict(False, "", problem, check)
    scores = _attempt(check, lambda: np.asarray(
        predict(model, x) if predict is not None else model.predict(x, verbose=0)),
        "it must accept the held-out inputs.")
    if isinstance(scores, Verdict):
        return scores
    guess = scores.argmax(-1) if scores.ndim > 1 and scores.shape[-1] > 1 else \
        (scores.ravel() >= 0.5).astype(int)
    accuracy = float(np.mean(guess == np.asarray(y).ravel()))
    return verdict(accuracy >= at_least,
                   f"{accuracy:.1%} on {len(guess):,} held-out examples (needed {at_least:.0%}).",
                   f"{accuracy:.1%} on held-out examples, short of {at_least:.0%}: train longer, "
                   "or check the layer sizes and learning rate.", check)


def _settings_problem(model, kind: str, wanted: dict) -> str | None:
    """Why no ``kind`` layer of ``model`` has the ``wanted`` settings (None: one has)."""
    found = [layer for layer in model.layers if type(layer).__name__ == kind]
    if not found:
        return f"the model has no {kind} layer."
    for layer in found:
        config = layer.get_config()
        if all(np.array_equal(np.ravel(config.get(k)), np.ravel(v)) for k, v in wanted.items()):
            return None
    have = ", ".join(f"{k}={config.get(k)}" for k in wanted)
    asked = ", ".join(f"{k}={v}" for k, v in wanted.items())
    return f"its {kind} layer has {have}; the exercise asks for {asked}."


def _has_layer(model, kind: str) -> bool:
    for layer in model.layers:
        if type(layer).__name__ == kind:
            return True
        inner = getattr(layer, "forward_layer", None) or getattr(layer, "layer", None)
        if inner is not None and type(inner).__name__ == kind:
            return True
    return False


def check_next_word(model: object, vectorize, index_word: dict[int, str], context: str,
                    expected: set[str]) -> Verdict:
    """Does the learner's next-word model, given ``context``, put one of ``expected`` first?

    Used in lesson 04.
    """
    check = "check_next_word"
    if (reminder := unanswered(model, check=check)) is not None:
        return reminder
    words = context.split()

    def run():
        ids = np.asarray(vectorize([context]))[:, : len(words)]
        return np.asarray(model.predict(ids, verbose=0))[0]

    probs = _attempt(check, run, f"it must read the {len(words)} word ids of {context!r}.")
    if isinstance(probs, Verdict):
        return probs
    if probs.ndim != 1 or len(probs) < 3:
        return verdict(False, "", "the model must end in one probability per word (a softmax "
                       "over the vocabulary).", check)
    best = index_word.get(int(probs.argmax()), "(padding)")
    return verdict(best in expected,
                   f"after “{context}” it predicts “{best}” ({probs.max():.0%}).",
                   f"after “{context}” it predicts “{best}”; the text continues it with "
                   f"{' or '.join(sorted(expected))}. Train longer, or check that it reads "
                   f"{len(words)} words.", check)


def check_tf1_port(port: object, input_dim: int = 3, units: int = 4,
                   forget_bias: float = 1.0) -> Verdict:
    """Does ``port(kernel, bias, input_dim, forget_bias)`` turn trained TF1 ``BasicLSTMCell``
    weights into ``[kernel, recurrent_kernel, bias]`` that make a Keras LSTM compute what the
    TF1 cell computed? The TF1 side is ``legacy.tf1_dynamic_rnn`` (NumPy); the Keras side is
    ``keras.layers.LSTM``. Used in lesson 07."""
    import keras

    check = "check_tf1_port"
    if (reminder := unanswered(port, check=check)) is not None:
        return reminder
    if not callable(port):
        return verdict(False, "", "give a function: port(kernel, bias, input_dim, "
                       "forget_bias) → [kernel, recurrent_kernel, bias].", check)
    rng = np.random.default_rng(7)
    kernel = rng.normal(0, 0.5, (input_dim + units, 4 * units))
    bias = rng.normal(0, 0.5, 4 * units)
    xs = rng.normal(size=(5, 9, input_dim))
    _, (_, tf1_h) = legacy.tf1_dynamic_rnn(xs, kernel, bias, forget_bias)
    ported = _call_learner(check, lambda: port(kernel.copy(), bias.copy(), input_dim,
                                               forget_bias),
                           "call it with a kernel, a bias, input_dim and forget_bias.")
    if isinstance(ported, Verdict):
        return ported
    weights = _attempt(check, lambda: [np.asarray(w, np.float32) for w in ported],
                       "it must return three arrays.")
    if isinstance(weights, Verdict):
        return weights
    shapes = [(input_dim, 4 * units), (units, 4 * units), (4 * units,)]
    if [w.shape for w in weights] != shapes:
        return verdict(False, "", f"Keras wants shapes {shapes}; got "
                       f"{[w.shape for w in weights]}. Split the kernel's rows: the first "
                       "input_dim multiply x, the rest multiply h.", check)
    lstm = keras.layers.LSTM(units)
    lstm.build((None, None, input_dim))
    lstm.set_weights(weights)
    keras_h = np.asarray(lstm(xs.astype(np.float32)))
    gap = float(np.abs(keras_h - tf1_h).max())
    return verdict(gap < 1e-4,
                   f"the Keras LSTM with your weights ends {gap:.1e} away from the TF1 cell "
                   "on 5 random sequences: a faithful port.",
                   f"the Keras LSTM ends {gap:.2f} away from the TF1 cell. Reorder the gate "
                   "blocks from TF1's i, j, f, o to Keras's i, f, c, o (in both kernels and "
                   "the bias), and add forget_bias to the forget block of the bias.", check)


def check_forecaster(forecaster: object, values, starts: list[int], horizon: int,
                     season: int) -> Verdict:
    """Does the learner's ``forecaster(history, horizon)`` beat seasonal naive on mean MASE
    over the same walk-forward origins? Both are run here, on the history before each
    origin only. Used in lesson 08."""
    check = "check_forecaster"
    if (reminder := unanswered(forecaster, check=check)) is not None:
        return reminder
    if not callable(forecaster):
        return verdict(False, "", "give a function: forecaster(history, horizon) → "
                       "horizon values.", check)
    first = _call_learner(check, lambda: forecaster(
        np.asarray(values, float)[:starts[0]].copy(), horizon),
        "call it with a history and a horizon.")
    if isinstance(first, Verdict):
        return first
    rows = _attempt(check, lambda: forecasting.walk_forward(
        values, {"yours": forecaster, "seasonal naive": forecasting.seasonal_naive(season)},
        starts, horizon, season), f"it must return {horizon} numbers for a history.")
    if isinstance(rows, Verdict):
        return rows
    mean = {row["model"]: row["MASE"] for row in forecasting.summarize(rows)}
    return verdict(mean["yours"] < mean["seasonal naive"],
                   f"MASE {mean['yours']:.3f} against seasonal naive's "
                   f"{mean['seasonal naive']:.3f} over {len(starts)} origins: it beats "
                   "repeating last season.",
                   f"MASE {mean['yours']:.3f}, not below seasonal naive's "
                   f"{mean['seasonal naive']:.3f}. A model of trend and season (exponential "
                   "smoothing) or the LSTM on changes from the window's last value are good "
                   "starts.", check)
