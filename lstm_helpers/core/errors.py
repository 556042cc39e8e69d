"""The course's own errors, and the small argument checks every public helper runs first.

A bad argument or a damaged file meets one of these at the boundary, with a message that
names the argument (or file), the value, and what to do, instead of a traceback from deep
inside NumPy, Keras or nbformat. They subclass ``ValueError`` / ``TypeError`` so existing
``except ValueError`` code keeps working.
"""

from __future__ import annotations

import math
import numbers
from pathlib import Path

import numpy as np


class LabInputError(ValueError):
    """An argument a helper cannot use: the message names it, its value, and what to give."""


class LabTypeError(LabInputError, TypeError):
    """An argument of the wrong type (also a ``TypeError``)."""


class DamagedFileError(LabInputError):
    """A file the course reads is damaged: the message names it and the step that remakes it."""


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_int(name: str, value: object, *, low: int | None = None, high: int | None = None,
              hint: str = "") -> int:
    """``value`` as an int within [low, high]; LabTypeError / LabInputError otherwise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise LabTypeError(f"{name} must be a whole number; got {_show(value)} "
                           f"({type(value).__name__}).{' ' + hint if hint else ''}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        span = (f"between {low:,} and {high:,}" if low is not None and high is not None
                else f"at least {low:,}" if low is not None else f"at most {high:,}")
        raise LabInputError(f"{name} must be {span}; got {value:,}."
                            f"{' ' + hint if hint else ''}")
    return value


def check_number(name: str, value: object, *, low: float | None = None,
                 above: float | None = None, hint: str = "") -> float:
    """``value`` as a finite float, at least ``low`` / strictly above ``above``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise LabTypeError(f"{name} must be a number; got {_show(value)} "
                           f"({type(value).__name__}).{' ' + hint if hint else ''}")
    number = float(value)
    if not math.isfinite(number):
        raise LabInputError(f"{name} must be a finite number; got {number}."
                            f"{' ' + hint if hint else ''}")
    if (low is not None and number < low) or (above is not None and number <= above):
        bound = f"at least {low}" if low is not None else f"above {above}"
        raise LabInputError(f"{name} must be {bound}; got {number}."
                            f"{' ' + hint if hint else ''}")
    return number


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``; else LabInputError listing them."""
    if value not in choices:
        raise LabInputError(f"{name} must be one of {', '.join(map(repr, choices))}; "
                            f"got {_show(value)}.")
    return value  # type: ignore[return-value]


def finite_array(name: str, values: object, *, ndim: int | None = None,
                 hint: str = "") -> np.ndarray:
    """``values`` as a float64 array with no NaN or infinity (and ``ndim`` dimensions)."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise LabTypeError(f"{name} must be numbers; got {_show(values)} ({exc}).") from exc
    if ndim is not None and array.ndim != ndim:
        raise LabInputError(f"{name} must have {ndim} dimension(s); got shape {array.shape}.")
    bad = ~np.isfinite(array)
    if bad.any():
        where = np.argwhere(bad)[0].tolist()
        raise LabInputError(
            f"{name} holds {int(bad.sum())} NaN or infinite value(s), the first at index "
            f"{where[0] if len(where) == 1 else tuple(where)}: "
            f"{hint or 'fill or drop the missing values first (e.g. interpolate).'}")
    return array


def damaged(path: Path | str, what: str, remake: str, exc: BaseException | None = None
            ) -> DamagedFileError:
    """A DamagedFileError naming ``path``, what went wrong, and the step that remakes it."""
    reason = ""
    if exc is not None:
        first = str(exc).splitlines()[0] if str(exc) else ""
        reason = f" ({type(exc).__name__}{': ' + first[:160] if first else ''})"
    return DamagedFileError(f"{path} is damaged: {what}{reason}. {remake}")


__all__ = ["DamagedFileError", "LabInputError", "LabTypeError", "check_choice", "check_int",
           "check_number", "damaged", "finite_array"]
