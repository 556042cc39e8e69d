"""Lesson 11's check of a model the learner builds and trains: it decodes held-out test
inputs itself, so only a trained encoder–decoder of the kind asked for can pass.
``build_checks`` re-exports it, so the lesson calls it as ``build_checks.check_...``."""

from __future__ import annotations

from lstm_helpers.course.verdicts import Verdict, unanswered, verdict
from lstm_helpers.data.seq2seq_task import Split


def check_seq2seq_model(seq2seq: object, split: Split, at_least: float,
                        layer: str | None = None) -> Verdict:
    """Does the learner's trained encoder–decoder (a ``Seq2Seq``) contain a ``layer`` layer
    and write the whole answer for at least ``at_least`` of the inputs in ``split``,
    decoding greedily? Used in lesson 11."""
    from lstm_helpers.models.seq2seq_models import Seq2Seq
    from lstm_helpers.training.seq2seq_training import exact_match

    check = "check_seq2seq_model"
    if (reminder := unanswered(seq2seq, check=check)) is not None:
        return reminder
    if not isinstance(seq2seq, Seq2Seq):
        return verdict(False, "", f"give the encoder–decoder that the builder returned "
                       f"(a Seq2Seq), trained; got {type(seq2seq).__name__}.", check)
    kinds = {type(item).__name__ for item in seq2seq.model.layers}
    if layer is not None and layer not in kinds:
        return verdict(False, "", f"its model has no {layer} layer (it has "
                       f"{', '.join(sorted(kinds))}): pass keras.layers.{layer}() as its "
                       "attention.", check)
    try:
        accuracy = exact_match(seq2seq, split)
    except Exception as err:  # the learner's model: anything can go wrong in it
        return verdict(False, "", f"decoding the test inputs raised {type(err).__name__}: "
                       f"{str(err).splitlines()[0][:160] if str(err) else ''}", check)
    return verdict(accuracy >= at_least,
                   f"{accuracy:.1%} of {len(split):,} held-out inputs answered exactly "
                   f"(needed {at_least:.0%}).",
                   f"{accuracy:.1%} of the held-out inputs answered exactly, short of "
                   f"{at_least:.0%}: train it (more epochs), or check its sizes.", check)
