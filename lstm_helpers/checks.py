"""Exercise checks: each prints a clear verdict and, when wrong, a hint. Returns True if right.

An unanswered exercise (``...`` or ``None``) gets a reminder, not a traceback,
so a notebook still runs top to bottom before the learner has tried anything.
"""

from __future__ import annotations

import math

from lstm_helpers.activations import sigmoid


def _unanswered(*answers: object) -> bool:
    if any(a is ... or a is None for a in answers):
        print("✍️  Not answered yet: replace the ... with your answer and run the cell again.")
        return True
    return False


def verdict(ok: bool, praise: str, hint: str) -> bool:
    """Print ✅ and ``praise`` or ❌ and ``hint``; return ``ok``."""
    print(f"✅ Correct. {praise}" if ok else f"❌ Not yet. Hint: {hint}")
    return ok


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def check_gate_value(answer: object, weight: float, bias: float, x: float) -> bool:
    """Is ``answer`` σ(weight·x + bias) to two decimals? Used in lesson 00."""
    if _unanswered(answer):
        return False
    value = _number(answer)
    if value is None:
        return verdict(False, "", f"give a number between 0 and 1, not {answer!r}.")
    truth = float(sigmoid(weight * x + bias))
    return verdict(
        abs(value - truth) < 0.01,
        f"σ({weight}·{x} + {bias}) = {truth:.3f}.",
        "work out z = w·x + b first, then σ(z) = 1 / (1 + e^(−z)); σ(0) = 0.5.",
    )


def _gate_at(weight: object, bias: object, x: float) -> float | None:
    """σ(w·x + b) for a learner's weight and bias, or None (with a hint) if they are not numbers."""
    w, b = _number(weight), _number(bias)
    if w is None or b is None:
        verdict(False, "", "weight and bias must both be finite numbers.")
        return None
    return float(sigmoid(w * x + b))


def check_gate_open(weight: object, bias: object, x: float = 1.0, at_least: float = 0.95) -> bool:
    """Do ``weight`` and ``bias`` open the gate to at least ``at_least`` at ``x``? Lesson 00."""
    if _unanswered(weight, bias) or (gate := _gate_at(weight, bias, x)) is None:
        return False
    return verdict(
        gate >= at_least,
        f"the gate is {gate:.3f} open at x = {x}.",
        f"it is only {gate:.3f} open; σ(z) passes {at_least} once z = w·x + b is above "
        f"{math.log(at_least / (1 - at_least)):.2f}.",
    )


def check_gate_closed(
    weight: object, bias: object, x: float = 1.0, at_most: float = 0.05
) -> bool:
    """Do ``weight`` and ``bias`` shut the gate to at most ``at_most`` at ``x``? Lesson 00."""
    if _unanswered(weight, bias) or (gate := _gate_at(weight, bias, x)) is None:
        return False
    return verdict(
        gate <= at_most,
        f"the gate is only {gate:.3f} open at x = {x}: almost nothing passes.",
        f"it is still {gate:.3f} open; make z = w·x + b below "
        f"{math.log(at_most / (1 - at_most)):.2f}.",
    )


def check_number(answer: object, truth: float, tolerance: float, praise: str, hint: str) -> bool:
    """Is ``answer`` within ``tolerance`` of ``truth``? The base of the numeric checks."""
    if _unanswered(answer):
        return False
    value = _number(answer)
    if value is None:
        return verdict(False, "", f"give a single finite number, not {answer!r}.")
    return verdict(abs(value - truth) <= tolerance, praise, hint)


def check_rnn_step(answer: object, x: float, w: float, u: float, b: float, h_prev: float) -> bool:
    """One-unit SimpleRNN step h = tanh(x·w + h_prev·u + b), to two decimals. Lesson 01."""
    z = x * w + h_prev * u + b
    return check_number(answer, math.tanh(z), 0.005, f"h = tanh({z:.2f}) = {math.tanh(z):.3f}.",
                        "add x·W, h_prev·U and b first, then take tanh (not the sigmoid).")


def lstm_param_count(kind: str, input_dim: int, units: int) -> int:
    """Trainable parameters of a Keras recurrent layer, by formula. Lessons 01-03."""
    blocks = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
    extra_bias = units * blocks if kind == "GRU" else 0  # reset_after: a second bias row
    return blocks * (input_dim * units + units * units + units) + extra_bias


def check_param_count(answer: object, kind: str, input_dim: int, units: int) -> bool:
    """Parameter count of a SimpleRNN, GRU or LSTM layer. Lessons 01, 03."""
    truth = lstm_param_count(kind, input_dim, units)
    blocks = {"SimpleRNN": 1, "GRU": 3, "LSTM": 4}[kind]
    return check_number(
        answer, truth, 0.5, f"{kind}({units}) on {input_dim} features has {truth} parameters.",
        f"count W (input_dim × units), U (units × units) and b (units), then multiply by "
        f"{blocks} for the {kind}'s {blocks} block(s).",
    )


def check_gradient_bound(answer: object, scale: float, steps: int) -> bool:
    """Largest possible ‖∂h_T/∂h_t‖ steps back with an orthogonal U times scale. Lesson 01."""
    truth = scale**steps
    return check_number(
        answer, truth, 0.02 * truth,
        f"at most {scale}^{steps} = {truth:.3g}: each step multiplies by tanh' ≤ 1 and by U.",
        "each step back multiplies the gradient by tanh'(·) ≤ 1 and by U, which stretches "
        "nothing by more than its scale.",
    )


def check_cell_state(answer: object, f: float, c_prev: float, i: float, g: float) -> bool:
    """c_t = f·c_{t-1} + i·g, to two decimals. Lesson 02."""
    truth = f * c_prev + i * g
    praise = f"c_t = {f:.3f}·{c_prev} + {i:.3f}·{g:.3f} = {truth:.3f}."
    return check_number(answer, truth, 0.01, praise,
                        "keep f of the old memory, then add i times the candidate.")


def check_choice(answer: object, expected: str, options: dict[str, str], why: str) -> bool:
    """A multiple-choice answer (case and spaces ignored); options map each to its hint."""
    if _unanswered(answer):
        return False
    given = str(answer).strip().lower()
    if given not in options:
        return verdict(False, "", f"answer with one of {', '.join(map(repr, options))}.")
    return verdict(given == expected, why, options[given])


def check_lines(answer: object, sentence: str, seq_len: int) -> bool:
    """The ``seq_len``-word lines of ``sentence``, in order. Lesson 04."""
    from lstm_helpers.text import make_lines

    if _unanswered(answer):
        return False
    truth = make_lines(sentence.split(), seq_len)
    given = [" ".join(str(line).split()) for line in answer] if isinstance(answer, list) else None
    if given is None:
        return verdict(False, "", "give a list of strings, one per line.")
    return verdict(
        given == truth, f"{len(truth)} lines, the first {truth[0]!r}.",
        f"slide a window of {seq_len} words one word at a time: {len(sentence.split())} words "
        f"give {len(truth)} lines, starting with {truth[0]!r}.",
    )


def check_decoded(answer: object, ids: list[int], index_word: dict[int, str]) -> bool:
    """``ids`` turned back into words with ``index_word`` (padding 0 dropped). Lesson 04."""
    from lstm_helpers.text import decode

    if _unanswered(answer):
        return False
    truth = decode(ids, index_word)
    return verdict(" ".join(str(answer).split()) == truth, f"the ids read {truth!r}.",
                   "look each id up in index_word, skip the 0s (padding), join with spaces.")


def check_padded(answer: object, sequence: list[int], length: int, padding: str) -> bool:
    """``sequence`` padded with zeros to ``length`` on the ``padding`` side. Lesson 05."""
    from lstm_helpers.review_batches import pad

    if _unanswered(answer):
        return False
    truth = pad([sequence], length, padding)[0].tolist()
    try:
        given = [int(v) for v in answer]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return verdict(False, "", "give a list of whole numbers, e.g. [0, 0, 4].")
    side = "in front" if padding == "pre" else "at the end"
    return verdict(given == truth, f"{truth}: the zeros go {side}.",
                   f"the result has {length} numbers: the sequence plus zeros {side}.")
