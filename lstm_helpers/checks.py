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


def check_gate_open(weight: object, bias: object, x: float = 1.0, at_least: float = 0.95) -> bool:
    """Do ``weight`` and ``bias`` open the gate to at least ``at_least`` at ``x``? Lesson 00."""
    if _unanswered(weight, bias):
        return False
    w, b = _number(weight), _number(bias)
    if w is None or b is None:
        return verdict(False, "", "weight and bias must both be finite numbers.")
    gate = float(sigmoid(w * x + b))
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
    if _unanswered(weight, bias):
        return False
    w, b = _number(weight), _number(bias)
    if w is None or b is None:
        return verdict(False, "", "weight and bias must both be finite numbers.")
    gate = float(sigmoid(w * x + b))
    return verdict(
        gate <= at_most,
        f"the gate is only {gate:.3f} open at x = {x}: almost nothing passes.",
        f"it is still {gate:.3f} open; make z = w·x + b below "
        f"{math.log(at_most / (1 - at_most)):.2f}.",
    )
