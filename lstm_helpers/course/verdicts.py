"""What an exercise check returns: a verdict that shows itself, and that tests can assert.

A check never raises on a learner's answer: a wrong type, a huge number, an unanswered
``...`` all get a verdict with a hint. The verdict displays as one line (✅ / ❌ / ✍️) when
it ends a cell; ``bool(verdict)`` is True only when the answer is right. Under the tests
(``LSTM_LAB_RUN_LOG`` set) every verdict is also logged, so a test can prove that every
worked solution in a lesson gets "correct".
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from lstm_helpers import config

CORRECT, WRONG, UNANSWERED = "correct", "wrong", "unanswered"
_MARK = {CORRECT: "✅ Correct.", WRONG: "❌ Not yet. Hint:", UNANSWERED: "✍️ Not answered yet:"}
_COLOR = {CORRECT: "#1b5e20", WRONG: "#b71c1c", UNANSWERED: "#555555"}


# Lower-case words that are maths or code, never to be capitalised at a sentence start.
_NOT_WORDS = frozenset({"tanh", "exp", "log", "sin", "cos", "softmax", "sigmoid", "relu",
                        "np", "lr", "clipnorm", "clipvalue", "keras", "numpy", "dtype"})


def _sentence(text: str) -> str:
    """``text`` stripped, its first letter capitalised only when the first word is a plain
    English word (ASCII lower-case letters, not one letter other than "a", not a maths or code
    name, not followed by "="): σ, c_t, h, e^(−z), tanh(z) and x = 2 keep their case."""
    text = text.strip()
    words = text.split(maxsplit=2)
    if not words:
        return text
    first = words[0].rstrip(",:;.!?")
    plain = (re.fullmatch(r"[a-z]+", first) is not None and first not in _NOT_WORDS
             and (len(first) > 1 or first == "a"))
    if plain and len(words) > 1 and words[1].startswith(("=", "(", "·", "×", "^")):
        plain = False
    return text[:1].upper() + text[1:] if plain else text


@dataclass(frozen=True)
class Verdict:
    """The outcome of one check: ``status`` (correct / wrong / unanswered) and a message."""

    status: str
    message: str
    check: str = ""

    def __bool__(self) -> bool:
        return self.status == CORRECT

    @property
    def correct(self) -> bool:
        return self.status == CORRECT

    def __str__(self) -> str:
        return f"{_MARK[self.status]} {_sentence(self.message)}".strip()

    def __repr__(self) -> str:  # what a console (or a test's failure message) shows
        return str(self)

    def _repr_html_(self) -> str:
        return (f"<div style='color:{_COLOR[self.status]};font-weight:500'>"
                f"{html.escape(str(self))}</div>")


def verdict(ok: bool, praise: str, hint: str, check: str = "") -> Verdict:
    """A correct verdict with ``praise``, or a wrong one with ``hint``; logged under tests."""
    result = Verdict(CORRECT if ok else WRONG, praise if ok else hint, check)
    config.log_event({"check": check, "status": result.status})
    return result


def unanswered(*answers: object, check: str = "") -> Verdict | None:
    """A reminder verdict if any answer is still ``...`` or None, else None."""
    if any(a is ... or a is None for a in answers):
        result = Verdict(UNANSWERED, "replace the ... with your answer and run the cell again.",
                         check)
        config.log_event({"check": check, "status": result.status})
        return result
    return None


def as_number(value: object) -> float | None:
    """``value`` as a finite float, or None (strings, lists, NaN, 2**1024 all give None)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def check_number(answer: object, truth: float, tolerance: float, praise: str, hint: str,
                 check: str = "check_number") -> Verdict:
    """Is ``answer`` within ``tolerance`` of ``truth``? The base of the numeric checks.

    Used in lessons 02, 03, 05-11.
    """
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    value = as_number(answer)
    if value is None:
        return verdict(False, "", f"give a single finite number, not {answer!r:.60}.", check)
    return verdict(abs(value - truth) <= tolerance, praise, hint, check)


def check_choice(answer: object, expected: str, options: dict[str, str], why: str,
                 check: str = "check_choice") -> Verdict:
    """A multiple-choice answer (case and spaces ignored); ``options`` map each choice to the
    hint it earns. Used in lessons 02, 03, 04, 05, 06, 07."""
    if (reminder := unanswered(answer, check=check)) is not None:
        return reminder
    given = " ".join(str(answer).split()).lower()
    choices = {" ".join(k.split()).lower(): v for k, v in options.items()}
    if given not in choices:
        return verdict(False, "", f"answer with one of {', '.join(map(repr, options))}.", check)
    return verdict(given == " ".join(expected.split()).lower(), why, choices[given], check)


class ProofFailed(AssertionError):
    """A claim the lesson makes did not hold when its code ran."""


@dataclass(frozen=True)
class Confirmed:
    """A lesson claim that held: shows as one ✓ line."""

    claim: str

    def __repr__(self) -> str:
        return f"✓ {self.claim}"

    def _repr_html_(self) -> str:
        return f"<div style='color:#1b5e20'>✓ {html.escape(self.claim)}</div>"


def confirm(ok: bool, claim: str, detail: str = "") -> Confirmed:
    """Check a claim the lesson makes (NumPy equals Keras, a model beats chance): show ✓ and
    the claim when it holds; raise ``ProofFailed`` when it does not, so the notebook test
    fails instead of printing a number nobody reads. Used in lessons 01, 02, 03, 05, 06, 07."""
    if not ok:
        raise ProofFailed(f"This lesson claims: {claim}. On this run it does not hold"
                          f"{f' ({detail})' if detail else ''}. Please report it.")
    return Confirmed(claim + (f" ({detail})" if detail else ""))
