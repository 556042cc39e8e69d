"""Beam search and greedy decoding (lesson 11) against an exhaustive search over every
output of a tiny vocabulary, with a step function given as a table of probabilities."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lstm_helpers.core import beam_search

PAD, START, END, A, B = range(5)
V, MAX_LEN = 5, 4
BANNED = (PAD, START)


def table_step(seed: int):
    """A decoder whose next-token probabilities depend on the last token and the step
    number (its one state): a Markov chain with a table per step."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(scale=2.0, size=(MAX_LEN + 1, V, V))
    log_table = logits - np.log(np.exp(logits).sum(-1, keepdims=True))

    def step(tokens, states):
        (position,) = states
        return log_table[position.astype(int), tokens], (position + 1,)

    return step, log_table


def exhaustive(log_table) -> list[tuple[tuple[int, ...], float]]:
    """Every possible output (ends with END, or stops at MAX_LEN tokens), scored."""
    found = []
    for length in range(1, MAX_LEN + 1):
        for body in itertools.product((A, B, END), repeat=length):
            if END in body[:-1] or (length < MAX_LEN and body[-1] != END):
                continue
            score, last = 0.0, START
            for position, token in enumerate(body):
                score += log_table[position, last, token]
                last = token
            found.append((body, float(score)))
    return sorted(found, key=lambda h: -h[1])


@pytest.mark.parametrize("seed", range(8))
def test_a_wide_beam_finds_exactly_the_best_outputs(seed):
    step, log_table = table_step(seed)
    truth = exhaustive(log_table)
    beams = beam_search.beam_search(step, (np.zeros(1),), START, END, beam_width=len(truth),
                                    max_len=MAX_LEN, banned=BANNED)
    assert [h.tokens for h in beams[:5]] == [t for t, _ in truth[:5]]
    np.testing.assert_allclose([h.log_prob for h in beams], [s for _, s in truth[:len(beams)]],
                               atol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_width_one_is_greedy_and_a_wider_beam_is_never_worse(seed):
    step, log_table = table_step(seed)
    tokens, log_probs = beam_search.greedy_decode(step, (np.zeros(1),), START, END, MAX_LEN,
                                                  banned=BANNED)
    greedy = tuple(int(t) for t in tokens[0])
    greedy = greedy[:greedy.index(END) + 1] if END in greedy else greedy
    (one,) = beam_search.beam_search(step, (np.zeros(1),), START, END, 1, MAX_LEN, BANNED)
    assert one.tokens == greedy
    chosen = np.take_along_axis(log_probs[0], tokens[0][:, None], axis=1)[:len(greedy), 0]
    assert one.log_prob == pytest.approx(float(chosen.sum()))
    best = beam_search.beam_search(step, (np.zeros(1),), START, END, 3, MAX_LEN, BANNED)[0]
    assert best.log_prob >= one.log_prob - 1e-12


def test_beam_search_beats_greedy_where_the_first_choice_is_a_trap():
    """Greedy takes A (0.6) and then faces a flat choice; B (0.4) leads to a sure END."""
    log = np.log

    def step(tokens, states):
        (position,) = states
        out = np.full((len(tokens), V), -np.inf)
        for k, (token, p) in enumerate(zip(tokens, position, strict=True)):
            if p == 0:
                out[k, [A, B]] = log([0.6, 0.4])
            elif token == A:
                out[k, [A, B, END]] = log([1 / 3] * 3)
            else:
                out[k, END] = 0.0
        return out, (position + 1,)

    tokens, _ = beam_search.greedy_decode(step, (np.zeros(1),), START, END, 3, BANNED)
    assert tokens[0, 0] == A
    best = beam_search.beam_search(step, (np.zeros(1),), START, END, 2, 3, BANNED)[0]
    assert best.tokens == (B, END) and best.log_prob == pytest.approx(np.log(0.4))


def test_greedy_decodes_a_batch_and_pads_after_the_end():
    stops = np.array([1, 3])  # the step at which each example's decoder says END

    def step(tokens, states):
        (position,) = states
        out = np.full((len(tokens), V), np.log(0.01))
        out[np.arange(len(tokens)), np.where(position >= stops, END, A)] = 0.0
        return out, (position + 1,)

    tokens, log_probs = beam_search.greedy_decode(step, (np.zeros(2),), START, END, 6, BANNED)
    assert tokens.tolist() == [[A, END, END, END], [A, A, A, END]]
    assert log_probs.shape == (2, 4, V)


@pytest.mark.parametrize(("kwargs", "error", "pattern"), [
    ({"step": "not a function"}, TypeError, "step must be a function"),
    ({"states": np.zeros(1)}, TypeError, "states must be a tuple"),
    ({"states": (np.zeros(2),)}, TypeError, "first axis of 1"),
    ({"beam_width": 0}, ValueError, "beam_width must be at least 1"),
    ({"max_len": 0}, ValueError, "max_len must be at least 1"),
])
def test_beam_search_names_a_bad_argument(kwargs, error, pattern):
    step, _ = table_step(0)
    args = {"step": step, "states": (np.zeros(1),), "start": START, "end": END,
            "beam_width": 2, "max_len": 3, **kwargs}
    with pytest.raises(error, match=pattern):
        beam_search.beam_search(**args)


def test_a_step_returning_the_wrong_shape_is_named():
    with pytest.raises(ValueError, match="hypotheses, vocabulary"):
        beam_search.greedy_decode(lambda t, s: (np.zeros(V), s), (np.zeros(1),), START, END, 2)
