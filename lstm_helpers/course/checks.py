"""Exercise checks for answers that are numbers, words or lists: each returns a ``Verdict``
(shown as ✅ / ❌ with a hint, asserted by the tests) and never raises on a wrong answer.

Checks of things a learner *builds* (weights, models, functions) are in ``build_checks``.
"""

from __future__ import annotations

import math

import numpy as np

from lstm_helpers.core.activations import sigmoid
from lstm_helpers.course.verdicts import (
    Verdict,
    as_number,
    check_choice,
    check_number,
    confirm,
    unanswered,
    verdict,
)

__all__ = ["Verdict", "check_choice", "check_number", "confirm"]  # re-exported for lessons


def check_gate_value(answer: object, weight: float, bias: float, x: float) -> Verdict:
    """Is ``answer`` σ(weight·x + bias) to two decimals? Used in lesson 00."""
    truth = float(sigmoid(weight * x + bias))
    return check_number(answer, truth, 0.01, f"σ({weight}·{x} + {bias}) = {truth:.3f}.",
                        "work out z = w·x + b first, then σ(z) = 1 / (1 + e^(−z)).",
                        check="check_gate_value")


def _gate_at(weight: object, bias: object, x: float, check: str) -> float | Verdict:
    """σ(w·x + b) for a learner's weight and bias, or a verdict saying they are not numbers."""
    w, b = as_number(weight), as_number(bias)
    if w is None or b is None:
        return verdict(False, "", "weight and bias must both be finite numbers.", check)
    return float(sigmoid(w * x + b))


def check_gate_open(weight: object, bias: object, x: float = 1.0,
                    at_least: float = 0.95) -> Verdict:
    """Do ``weight`` and ``bias`` open the gate to at least ``at_least`` at ``x``?

    Used in lesson 00.
    """
    check = "check_gate_open"
    if (reminder := unanswered(weight, bias, check=check)) is not None:
        return reminder
    gate = _gate_at(weight, bias, x, check)
    if isinstance(gate, Verdict):
        return gate
    return verdict(
        gate >= at_least, f"the gate is {gate:.3f} open at x = {x}.",
        f"it is only {gate:.3f} open; σ(z) passes {at_least} once z = w·x + b is above "
        f"{math.log(at_least / (1 - at_least)):.2f}.", check)


def check_gate_closed(weight: object, bias: object, x: float = 1.0, at_most: float = 0.05,
                      positive_weight: bool = False) -> Verdict:
    """Do ``weight`` and ``bias`` shut the gate to at most ``at_most`` at ``x`` (with a
    positive weight when ``positive_weight``)? Used in lesson 00."""
    check = "check_gate_closed"
    if (reminder := unanswered(weight, bias, check=check)) is not None:
        return reminder
    gate = _gate_at(weight, bias, x, check)
    if isinstance(gate, Verdict):
        return gate
    if positive_weight and not as_number(weight) > 0:
        return verdict(False, "", f"the weight must be positive (you gave {weight}): then only "
                       "the bias can shut the gate. Try a large negative bias.", check)
    return verdict(
        gate <= at_most, f"the gate is only {gate:.3f} open at x = {x}: almost nothing passes.",
        f"it is still {gate:.3f} open; make z = w·x + b below "
        f"{math.log(at_most / (1 - at_most)):.2f}.", check)


def check_rnn_step(answer: object, x: float, w: float, u: float, b: float,
                   h_prev: float) -> Verdict:
    """One-unit SimpleRNN step h = tanh(x·w + h_prev·u + b), to two decimals. Used in lesson 01."""
    z = x * w + h_prev * u + b
    return check_number(answer, math.tanh(z), 0.005, f"h = tanh({z:.2f}) = {math.tanh(z):.3f}.",
                        "add x·W, h_prev·U and b first, then take tanh (not the sigmoid).",
                        check="check_rnn_step")


def lstm_param_count(kind: str, input_dim: int, units: int) -> int:
    """Trainable parameters of a Keras recurrent layer, by formula. Used in lesson 07."""
    blocks = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
    extra_bias = units * blocks if kind == "GRU" else 0  # reset_after: a second bias row
    return blocks * (input_dim * units + units * units + units) + extra_bias


def check_param_count(answer: object, kind: str, input_dim: int, units: int) -> Verdict:
    """Parameter count of a SimpleRNN, GRU or LSTM layer. Used in lessons 01, 02, 03."""
    truth = lstm_param_count(kind, input_dim, units)
    blocks = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
    feature = "feature" if input_dim == 1 else "features"
    return check_number(
        answer, truth, 0.5, f"{kind}({units}) on {input_dim} {feature} has {truth} parameters.",
        f"count W (input_dim × units), U (units × units) and b (units), then multiply by "
        f"{blocks} for the {kind}'s {blocks} block{'s' if blocks > 1 else ''}.",
        check="check_param_count")


def _same_to_given_digits(value: float, truth: float) -> bool:
    """True when ``truth`` rounded to as many significant digits as ``value`` was written
    with gives ``value`` (0.001 for 9.77e-4; not 0.01)."""
    digits = len(f"{value:.15g}".split("e")[0].replace("-", "").replace(".", "").strip("0"))
    return digits > 0 and float(f"{truth:.{digits}g}") == float(f"{value:.15g}")


def check_gradient_bound(answer: object, scale: float, steps: int) -> Verdict:
    """Largest possible ‖∂h_T/∂h_t‖ ``steps`` back with an orthogonal U times ``scale``.

    Accepts 2% off, or the exact value rounded to the digits given. Used in lesson 01.
    """
    truth = scale**steps
    check = "check_gradient_bound"
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    value = as_number(answer)
    if value is None:
        return verdict(False, "", f"give a single finite number, not {answer!r:.60}.", check)
    ok = abs(value - truth) <= 0.02 * truth or _same_to_given_digits(value, truth)
    return verdict(
        ok, f"at most {scale}^{steps} = {truth:.3g}: each step multiplies by tanh' ≤ 1 and by U.",
        "each step back multiplies the gradient by tanh'(·) ≤ 1 and by U, which stretches "
        "nothing by more than its scale.", check)


def check_cell_state(answer: object, f: float, c_prev: float, i: float, g: float) -> Verdict:
    """c_t = f·c_{t-1} + i·g, to two decimals. Used in lesson 02."""
    truth = f * c_prev + i * g
    praise = f"c_t = {f:.3f}·{c_prev} + {i:.3f}·{g:.3f} = {truth:.3f}."
    value = as_number(answer)
    halves = {"f·c_{t−1} alone: the input gate's write i·g is missing": f * c_prev,
              "i·g alone: the kept memory f·c_{t−1} is missing": i * g,
              "c_{t−1} + i·g: the forget gate f was left out": c_prev + i * g}
    for mistake, wrong in halves.items():
        if value is not None and abs(wrong - truth) > 0.02 and \
                abs(value - wrong) < abs(value - truth):
            return verdict(False, "", f"that is {mistake}.", "check_cell_state")
    return check_number(answer, truth, 0.01, praise,
                        "keep f of the old memory, then add i times the candidate.",
                        check="check_cell_state")


def check_precision(answer: object, confusion) -> Verdict:
    """Precision TP / (TP + FP) of a confusion matrix (anything with ``tn``, ``fp``, ``fn``,
    ``tp``), to three decimals. Recall, accuracy and the other shares of the same matrix are
    refused even when they lie close: the answer must be nearer precision than any of them.
    Used in lesson 05."""
    check = "check_precision"
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    value = as_number(answer)
    if value is None:
        return verdict(False, "", f"give a single finite number, not {answer!r:.60}.", check)
    if not 0.0 <= value <= 1.0:
        return verdict(False, "", f"precision is a share between 0 and 1 (not {value:g}; "
                       "0.5 means half).", check)
    tn, fp, fn, tp = (int(getattr(confusion, k)) for k in ("tn", "fp", "fn", "tp"))
    shares = {"precision": tp / max(tp + fp, 1), "recall": tp / max(tp + fn, 1),
              "accuracy": (tp + tn) / max(tp + tn + fp + fn, 1),
              "specificity": tn / max(tn + fp, 1), "negative predictive value":
              tn / max(tn + fn, 1), "share predicted positive": (tp + fp) / max(
                  tp + tn + fp + fn, 1)}
    truth = shares["precision"]
    nearest = min(shares, key=lambda k: (abs(value - shares[k]), k != "precision"))
    if nearest != "precision" and abs(shares[nearest] - truth) > 1e-9:
        return verdict(False, "", f"{value:.4g} is the {nearest} of this matrix "
                       f"({shares[nearest]:.3f}), not its precision. Precision reads only the "
                       "'predicted positive' column.", check)
    return verdict(abs(value - truth) <= 0.0006,
                   f"precision = TP / (TP + FP) = {tp} / ({tp} + {fp}) = {truth:.3f}.",
                   "take the 'predicted positive' column: truly positive ones over the whole "
                   "column (three decimals).", check)


def check_lines(answer: object, sentence: str, seq_len: int) -> Verdict:
    """The ``seq_len``-word lines of ``sentence``, in order. Used in lesson 04."""
    from lstm_helpers.data.text import make_lines

    check = "check_lines"
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    truth = make_lines(sentence.split(), seq_len)
    if not isinstance(answer, list | tuple) or not all(isinstance(x, str) for x in answer):
        return verdict(False, "", "give a list of strings, one per line, e.g. "
                       f"[{truth[0]!r}, …].", check)
    given = [" ".join(line.split()) for line in answer]
    return verdict(
        given == truth, f"{len(truth)} lines, the first {truth[0]!r}.",
        f"slide a window of {seq_len} words one word at a time: {len(sentence.split())} words "
        f"give {len(truth)} lines, starting with {truth[0]!r}.", check)


def check_decoded(answer: object, ids: list[int], index_word: dict[int, str]) -> Verdict:
    """``ids`` turned back into words with ``index_word`` (padding 0 dropped). Used in lesson 04."""
    from lstm_helpers.data.text import decode

    check = "check_decoded"
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    truth = decode(ids, index_word)
    if isinstance(answer, list | tuple):
        words = [str(w) for w in answer if str(w).strip()]
        hint = ("close: that is a list of words. Join them into one string, "
                "' '.join(words), and leave out the padding.")
        if words == truth.split():
            hint = "right words! Now join them into one string: ' '.join(your_list)."
        return verdict(False, "", hint, check)
    return verdict(" ".join(str(answer).split()) == truth, f"the ids read {truth!r}.",
                   "look each id up in index_word, skip the 0s (padding), join with spaces.",
                   check)


def check_padded(answer: object, sequence: list[int], length: int, padding: str) -> Verdict:
    """``sequence`` padded with zeros to ``length`` on the ``padding`` side. Used in lesson 05."""
    from lstm_helpers.data.batches import pad

    check = "check_padded"
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    truth = pad([sequence], length, padding=padding)[0].tolist()
    values = np.asarray(answer, dtype=object) if isinstance(answer, list | tuple | np.ndarray) \
        else None
    whole = values is not None and values.ndim == 1 and all(
        isinstance(v, int | np.integer) and not isinstance(v, bool) for v in values)
    if not whole:
        return verdict(False, "", "give a list of whole numbers (token ids), e.g. [0, 0, 4].",
                       check)
    side = "in front" if padding == "pre" else "at the end"
    return verdict([int(v) for v in values] == truth, f"{truth}: the zeros go {side}.",
                   f"the result has {length} numbers: the sequence plus zeros {side}.", check)
