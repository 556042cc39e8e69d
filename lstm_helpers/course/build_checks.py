"""Checks of things a learner builds and runs: a function, a set of weights, an optimizer,
a trained model. Each runs what was built on inputs of its own, so a typed-in number
cannot pass, and returns a ``Verdict`` with a hint; none raises on a wrong attempt.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
import warnings
from collections.abc import Callable

import numpy as np

from lstm_helpers import config
from lstm_helpers.core import forecasting, legacy
from lstm_helpers.core.activations import sigmoid
from lstm_helpers.core.cells import LSTMWeights
from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.course.inside_checks import check_readout  # noqa: F401 (lesson 06)
from lstm_helpers.course.seq2seq_checks import check_seq2seq_model  # noqa: F401 (lesson 11)
from lstm_helpers.course.verdicts import UNANSWERED, Verdict, unanswered, verdict


def _attempt(check: str, run: Callable, hint: str):
    """Run the learner's code; a crash becomes a wrong verdict that quotes the error."""
    try:
        return run()
    except Exception as err:  # the learner's code: anything can go wrong in it
        return verdict(False, "", f"{hint} Running it raised {type(err).__name__}: "
                       f"{str(err).splitlines()[0][:160] if str(err) else ''}", check)


LEARNER_TIME_LIMIT_S = 30.0  # a learner's function running longer gets a verdict, not a hang


class _OutOfTime(BaseException):
    """Raised inside a learner's call that ran past its time limit, to stop it."""


def _within_time_limit(check: str, run: Callable, limit: float):
    """``run()`` in a helper thread, waited on for ``limit`` seconds. Past that, a wrong
    verdict says so and the call is asked to stop (a pure-Python loop does at its next
    step); the kernel keeps running either way."""
    box: dict = {}

    def target() -> None:
        try:
            box["result"] = run()
        except BaseException as err:  # handed back to the checking thread below
            box["error"] = err

    worker = threading.Thread(target=target, name=f"{check} (learner's code)", daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident),
                                                   ctypes.py_object(_OutOfTime))
        return verdict(False, "", f"calling it took longer than {limit:g} s, so the check "
                       "stopped waiting. Look for a loop that never ends (a while loop whose "
                       "condition never turns false) or work that is far too big.", check)
    if "error" in box:
        raise box["error"]
    return box.get("result")


def _call_learner(check: str, run: Callable, hint: str, limit: float | None = None):
    """``_attempt`` for a function the learner writes: one that still returns nothing (its
    body is the exercise's ``...``) gets a "not answered yet" verdict, not a wrong one, and
    one that runs past ``limit`` seconds (default ``LEARNER_TIME_LIMIT_S``) a verdict that
    says so instead of hanging the check."""
    limit = LEARNER_TIME_LIMIT_S if limit is None else limit
    result = _within_time_limit(check, lambda: _attempt(check, run, hint), limit)
    if result is None:
        config.log_event({"check": check, "status": UNANSWERED})
        return Verdict(UNANSWERED, "write the body of the function (it returns nothing yet), "
                       "then run the cell again.", check)
    return result


@contextlib.contextmanager
def _overflow_raises():
    """NumPy overflow raises ``FloatingPointError`` inside, and ``np.errstate`` / ``np.seterr``
    called by the learner's code cannot switch that off: silencing the warning leaves the
    overflow (``e^1000 = inf``) in place, so the check must still see it."""
    errstate, seterr = np.errstate, np.seterr

    def inert_errstate(*args, **kwargs):
        return contextlib.nullcontext()

    def inert_seterr(*args, **kwargs):
        return np.geterr()

    np.errstate, np.seterr = inert_errstate, inert_seterr
    try:
        with errstate(over="raise"):
            yield
    finally:
        np.errstate, np.seterr = errstate, seterr


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
        with warnings.catch_warnings(), _overflow_raises():
            warnings.simplefilter("error")  # an overflow warning is a mistake here
            result = fn(z)
        return None if result is None else np.asarray(result, dtype=float)

    got = _call_learner(check, run, "call it on a NumPy array of numbers.")
    if isinstance(got, Verdict):
        if "Overflow" in got.message or "overflow" in got.message:
            return verdict(False, "", "e^(−z) overflows for z = −1000: NumPy warns and "
                           "gives inf (hiding the warning with np.errstate leaves the overflow "
                           "in place; the check turns it into an error). Use np.exp(−|z|) and "
                           "treat z < 0 and z ≥ 0 apart, or the identity σ(z) = (1 + tanh(z/2))"
                           " / 2.", check)
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
    ``steps`` more steps of x = 0? What is held is measured against the same cell fed x = 0
    throughout, so a cell that rewrites one value at every step (forget gate shut, input
    gate open, constant candidate) remembers nothing and fails. Used in lesson 02."""
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
    xs = np.zeros((2, steps + 1, 1))
    xs[0, 0, 0] = 1.0  # sequence 0: x = 1 at step 1, then x = 0; sequence 1: x = 0 throughout
    trace = run_lstm(xs, weights)
    written, kept = float(trace.c[0, 0, 0]), float(trace.c[0, -1, 0])
    quiet = float(trace.c[1, -1, 0])  # where the cell ends when no x = 1 ever came
    if abs(written) < 0.5:
        return verdict(False, "", f"step 1 writes only c = {written:+.2f}: open the input gate "
                       "for x = 1 (a large weight on x) and give the candidate a clear sign.",
                       check)
    if abs(quiet) >= 0.5 * abs(written):
        return verdict(False, "", f"with x = 0 at every step the cell also ends at c = "
                       f"{quiet:+.2f}: it is not remembering the x = 1, it writes the same "
                       "value at every step. A memory must be written by the event and then "
                       "kept: which gate lets the old c through, and which must stay shut "
                       "while x = 0?", check)
    ratio = (kept - quiet) / written  # what is left of the x = 1 write
    return verdict(
        ratio >= keep, f"c = {written:+.2f} after the write and {kept:+.2f} after {steps} more "
        f"steps: {ratio:.0%} kept.",
        f"after {steps} steps only {ratio:.0%} of c = {written:+.2f} is left (need "
        f"{keep:.0%}): keep the forget gate near 1 (a large forget bias) and the input gate "
        "near 0 when x = 0 (a negative input bias).", check)


_PROBE_LENGTH, _CLIP_LIMIT = 10_000.0, 100.0  # a clip must cut 10,000 to at most 100


def _clipped_length(optimizer) -> float | None:
    """The global length of a gradient of length ``_PROBE_LENGTH`` (two tensors) after the
    optimizer's own clipping; None when the optimizer cannot say (not a Keras 3 one)."""
    clip = getattr(optimizer, "_clip_gradients", None)
    if not callable(clip):
        return None
    value = _PROBE_LENGTH / np.sqrt(100.0)  # 100 equal entries of this size: length 10,000
    grads = [np.full(50, value, "float32"), np.full(50, value, "float32")]
    clipped = [np.asarray(g, dtype=float) for g in clip(grads)]
    return float(np.sqrt(sum(float(np.sum(g**2)) for g in clipped)))


def check_clipped_optimizer(make_optimizer: object, train: Callable) -> Verdict:
    """Does ``make_optimizer()`` clip gradients, with a threshold that bites (its own clipping
    must cut a gradient of length 10,000 to at most 100), and does ``train(optimizer)`` (the
    lesson's exploding RNN) then give a finite, falling loss? Used in lesson 01."""
    check = "check_clipped_optimizer"
    if (reminder := unanswered(make_optimizer, check=check)) is not None:
        return reminder
    if not callable(make_optimizer):
        return verdict(False, "", "give a function that returns an optimizer, e.g. "
                       "`def make_optimizer(): return keras.optimizers.SGD(...)`.", check)
    optimizer = _attempt(check, make_optimizer, "your function should return an optimizer.")
    if isinstance(optimizer, Verdict):
        return optimizer
    if (reminder := unanswered(optimizer, check=check)) is not None:
        return reminder
    clipped = any(getattr(optimizer, a, None) for a in ("clipnorm", "clipvalue",
                                                        "global_clipnorm"))
    if not clipped:
        return verdict(False, "", "this optimizer does not clip: give it one of the three "
                       "clipping arguments in the table above.", check)
    bound = _attempt(check, lambda: _clipped_length(optimizer), "its clipping failed.")
    if isinstance(bound, Verdict):
        return bound
    if bound is not None and bound > _CLIP_LIMIT:
        return verdict(False, "", f"its clipping lets a gradient of length {_PROBE_LENGTH:,.0f} "
                       f"through at length {bound:,.0f}: a threshold that never bites is no "
                       "clip. The exploding gradient here is thousands long; choose a "
                       "threshold near the length of a normal gradient.", check)
    losses = _attempt(check, lambda: list(train(optimizer)), "training with it failed.")
    if isinstance(losses, Verdict):
        return losses
    finite = bool(np.all(np.isfinite(losses)))
    return verdict(finite and losses[-1] < losses[0],
                   f"with clipping the loss goes {losses[0]:.3f} → {losses[-1]:.3f}, finite "
                   "throughout: same direction, bounded step.",
                   f"the loss went {losses[0]:.3g} → {losses[-1]:.3g}: try a smaller clip "
                   "threshold.", check)


def check_model_accuracy(model: object, x, y, at_least: float, kind: str | None = None,
                         predict: Callable | None = None,
                         settings: dict[str, dict] | None = None) -> Verdict:
    """Does the learner's trained ``model`` reach ``at_least`` accuracy on held-out (x, y),
    and (with ``kind``) contain a layer of that kind? ``settings`` asks for layers built a
    certain way: ``{"MaxPooling1D": {"pool_size": 8}}``. ``predict(model, x)`` gives class
    scores when the model needs more than ``model.predict``. Used in lessons 03, 05, 07, 08."""
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
    if scores.ndim > 2:  # one score per time step: return_sequences=True left on
        return verdict(False, "", f"its output has shape {scores.shape}, one score per time "
                       "step instead of one per example: the last recurrent layer still has "
                       "return_sequences=True. Set it to False there (keep it True only on "
                       "the layers that feed another recurrent layer).", check)
    if len(scores) != len(np.asarray(y)):
        return verdict(False, "", f"it gave {len(scores):,} scores for {len(np.asarray(y)):,} "
                       "held-out examples: it must output one score per example.", check)
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


def check_next_word(model: object, vectorize, index_word: dict[int, str],
                    context: str | dict[str, set[str]],
                    expected: set[str] | None = None) -> Verdict:
    """Does the learner's next-word model put one of ``expected`` first after ``context``?

    ``context`` may instead map several contexts to their expected words: contexts that
    share their last words but differ earlier ("log the cat" → saw, "cat the cat" → ran)
    prove that the model reads the whole context, since a model that looks only at the last
    words must give both the same answer. Used in lesson 04.
    """
    check = "check_next_word"
    if (reminder := unanswered(model, check=check)) is not None:
        return reminder
    cases = dict(context) if isinstance(context, dict) else {context: set(expected or ())}
    best: dict[str, tuple[str, float]] = {}
    for text, _ in cases.items():
        words = text.split()

        def run(text=text, words=words):
            ids = np.asarray(vectorize([text]))[:, : len(words)]
            return np.asarray(model.predict(ids, verbose=0))[0]

        probs = _attempt(check, run, f"it must read the {len(words)} word ids of {text!r}.")
        if isinstance(probs, Verdict):
            return probs
        if probs.ndim != 1 or len(probs) < 3:
            return verdict(False, "", "the model must end in one probability per word (a "
                           "softmax over the vocabulary).", check)
        best[text] = (index_word.get(int(probs.argmax()), "(padding)"), float(probs.max()))
    said = "; ".join(f"after “{text}” it predicts “{word}” ({p:.0%})"
                     for text, (word, p) in best.items())
    wrong = [text for text, words in cases.items() if best[text][0] not in words]
    if not wrong:
        return verdict(True, f"{said}.", "", check)
    if len(cases) > 1 and len({word for word, _ in best.values()}) == 1:
        return verdict(False, "", f"{said}: the same word after every context, so it does not "
                       "use the words that tell them apart. Check that it reads all "
                       f"{len(next(iter(cases)).split())} words, and train longer.", check)
    text = wrong[0]
    return verdict(False, "", f"{said}; the text continues “{text}” with "
                   f"{' or '.join(sorted(cases[text]))}. Train longer, or check that it reads "
                   f"{len(text.split())} words.", check)


def check_tf1_port(port: object, input_dim: int = 3, units: int = 4,
                   forget_biases: tuple[float, ...] = (1.0, 0.0, 2.5)) -> Verdict:
    """Does ``port(kernel, bias, input_dim, forget_bias)`` turn trained TF1 ``BasicLSTMCell``
    weights into ``[kernel, recurrent_kernel, bias]`` that make a Keras LSTM compute what the
    TF1 cell computed, for every one of ``forget_biases`` (so a hard-coded 1.0 fails)? The
    TF1 side is ``legacy.tf1_dynamic_rnn`` (NumPy); the Keras side is
    ``keras.layers.LSTM``. Used in lesson 09."""
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
    lstm = keras.layers.LSTM(units)
    lstm.build((None, None, input_dim))
    shapes = [(input_dim, 4 * units), (units, 4 * units), (4 * units,)]
    gaps = {}
    for forget_bias in forget_biases:
        _, (_, tf1_h) = legacy.tf1_dynamic_rnn(xs, kernel, bias, forget_bias)
        ported = _call_learner(check, lambda fb=forget_bias: port(
            kernel.copy(), bias.copy(), input_dim, fb),
            "call it with a kernel, a bias, input_dim and forget_bias.")
        if isinstance(ported, Verdict):
            return ported
        weights = _attempt(check, lambda p=ported: [np.asarray(w, np.float32) for w in p],
                           "it must return three arrays.")
        if isinstance(weights, Verdict):
            return weights
        if [w.shape for w in weights] != shapes:
            return verdict(False, "", f"Keras wants shapes {shapes}; got "
                           f"{[w.shape for w in weights]}. Split the kernel's rows: the first "
                           "input_dim multiply x, the rest multiply h.", check)
        lstm.set_weights(weights)
        keras_h = np.asarray(lstm(xs.astype(np.float32)))
        gaps[forget_bias] = float(np.abs(keras_h - tf1_h).max())
    good = [fb for fb, gap in gaps.items() if gap < 1e-4]
    worst = max(gaps.values())
    if len(good) == len(gaps):
        return verdict(True, f"the Keras LSTM with your weights stays within {worst:.1e} of "
                       f"the TF1 cell on 5 random sequences, for forget_bias = "
                       f"{', '.join(map(str, gaps))}: a faithful port.", "", check)
    if good:
        return verdict(False, "", f"it agrees with the TF1 cell for forget_bias = "
                       f"{', '.join(map(str, good))} but not for "
                       f"{', '.join(str(fb) for fb in gaps if fb not in good)}: use the "
                       "forget_bias argument, not a fixed number.", check)
    return verdict(False, "", f"the Keras LSTM ends {worst:.2f} away from the TF1 cell. "
                   "Reorder the gate blocks from TF1's i, j, f, o to Keras's i, f, c, o (in "
                   "both kernels and the bias), and add forget_bias to the forget block of "
                   "the bias.", check)


def check_forecaster(forecaster: object, values, starts: list[int], horizon: int,
                     season: int) -> Verdict:
    """Does the learner's ``forecaster(history, horizon)`` beat seasonal naive on mean MASE
    over the same walk-forward origins? Both are run here, on the history before each
    origin only. Used in lesson 10."""
    check = "check_forecaster"
    if (reminder := unanswered(forecaster, check=check)) is not None:
        return reminder
    if not callable(forecaster):
        return verdict(False, "", "give a function: forecaster(history, horizon) → "
                       "horizon values.", check)
    first = _call_learner(check, lambda: forecaster(
        np.asarray(values, float)[:starts[0]].copy(), horizon),
        "call it with a history and a horizon.", limit=10 * LEARNER_TIME_LIMIT_S)  # may train
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
