"""Every lesson links the first use of a glossary word to its entry, and the course cites the
original paper in the first lesson where each idea appears.

A learner may open any lesson first (a class often starts at lesson 04), so "first use"
is per lesson: the first time a lesson's markdown uses one of ``TERMS`` (headings and code
left out), that very occurrence sits inside a link to ``docs/glossary.md#<anchor>``.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.stem for p in (ROOT / "lessons_src").glob("*.py"))

# glossary anchor → how the lessons write the word (case-insensitive).
TERMS: dict[str, str] = {
    "elementwise-product": r"⊙|\\odot\b",
    "tanh": r"\btanh\b",
    "epoch": r"\bepochs?\b",
    "batch": r"\bbatch(?:es)?\b",
    "learning-rate": r"(?<!discriminative )\blearning[ -]rates?\b",
    "early-stopping": r"\bearly[ -]stopping\b",
    "singular-value": r"\bsingular values?\b",
    "discriminative-learning-rates": r"\bdiscriminative learning rates?\b",
    "gradual-unfreezing": r"\bgradual(?:ly)? unfreez\w*",
}
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(([^)\s]*)\)")


def lesson_markdown(source: str) -> str:
    """A lesson's markdown as one line of text, in order: no headings, fenced or inline
    code, or emphasis stars (so "[*discriminative* learning rates](…)" reads as words)."""
    cells = [c.source for c in jupytext.reads(source, fmt="py:percent").cells
             if c.cell_type == "markdown"]
    text = "\n\n".join(cells)
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"^#{1,6} .*$", " ", text, flags=re.M)
    text = re.sub(r"`[^`]*`", " ", text).replace("*", "")
    return " ".join(text.split())


def unlinked_first_uses(source: str) -> list[str]:
    """The glossary words whose first use in a lesson's markdown is not a link to their
    entry, each with the words around it."""
    text = lesson_markdown(source)
    links = [(m.start(1), m.end(1), m.group(2)) for m in LINK.finditer(text)]
    words = text  # the link targets blanked out: "#learning-rate" is not a use of the word
    for m in LINK.finditer(text):
        words = words[:m.start(2)] + " " * len(m.group(2)) + words[m.end(2):]
    unlinked = []
    for anchor, pattern in TERMS.items():
        first = re.search(pattern, words, re.I)
        if first is None:
            continue
        linked = any(start <= first.start() < end and target.endswith(f"glossary.md#{anchor}")
                     for start, end, target in links)
        if not linked:
            unlinked.append(f"{anchor}: …{text[max(0, first.start() - 50):first.end() + 30]}…")
    return unlinked


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_links_the_first_use_of_a_glossary_word(lesson):
    source = (ROOT / "lessons_src" / f"{lesson}.py").read_text(encoding="utf-8")
    missing = unlinked_first_uses(source)
    assert not missing, (
        f"{lesson}: link the first use of each word to docs/glossary.md#<anchor>: {missing}")


def test_every_checked_word_has_a_glossary_entry():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for anchor in TERMS:
        assert f'<a id="{anchor}"></a>' in glossary, anchor


LESSON = '''# %% [markdown]
# # 99 · A lesson
# {intro}

# %%
model.fit(x, y, epochs=EPOCHS, batch_size=32)  # code is not prose

# %% [markdown]
# Later the [epoch](../docs/glossary.md#epoch) and the [batch](../docs/glossary.md#batch)
# get their links, and so does the [learning rate](../docs/glossary.md#learning-rate).
'''


def test_the_check_rejects_an_unlinked_first_use():
    """The likely slips: the word used in the introduction and linked only further down,
    a link to the wrong entry, and a link around a neighbouring word."""
    wrong = {
        "Train for a few epochs, in batches of 32.": ["epoch", "batch"],
        "Each [epoch](../docs/glossary.md#batch) reads every batch once.": ["epoch", "batch"],
        "A [step](../docs/glossary.md#learning-rate) of the learning rate.": ["learning-rate"],
        "The cell uses tanh, see [$\\tanh$](../docs/glossary.md#tanh) below.": ["tanh"],
    }
    for intro, anchors in wrong.items():
        found = [entry.split(":")[0] for entry in unlinked_first_uses(LESSON.format(intro=intro))]
        assert found == anchors, (intro, found)
    right = ("One [epoch](../docs/glossary.md#epoch) reads every [batch](../docs/glossary.md#batch)"
             " once, each step scaled by the [learning rate](../docs/glossary.md#learning-rate).")
    assert unlinked_first_uses(LESSON.format(intro=right)) == []
    six = ("Smaller steps for the copied layers ([*discriminative* learning rates]"
           "(../docs/glossary.md#discriminative-learning-rates)).")
    assert unlinked_first_uses(LESSON.format(intro=six + " " + right)) == []


# ----------------------------------------------------------------------------- citations

# (the idea, how a lesson's markdown mentions it, the citation the same lesson must hold)
ORIGINALS = [
    ("the LSTM", r"\bLSTMs?\b|long short-term memory", r"Hochreiter & Schmidhuber.{0,100}1997"),
    ("the forget gate", r"\bforget[- ]gates?\b", r"Gers, Schmidhuber & Cummins.{0,100}2000"),
    ("a forget bias of 1", r"\bforget[- ]gate[^.]{0,120}\bbias|\bforget[- ]bias",
     r"Jozefowicz, Zaremba & Sutskever.{0,100}2015"),
    ("vanishing gradients", r"\bvanish", r"Bengio, Simard & Frasconi, 1994"),
    ("exploding gradients", r"\bvanish|\bexplod", r"Pascanu, Mikolov & Bengio, 2013"),
    ("variational dropout", r"\bvariational\b|mask once per sequence|one mask per sequence",
     r"Gal & Ghahramani.{0,160}2016"),
]


def first_lesson_citing(idea: str, mention: str, citation: str,
                        sources: dict[str, str]) -> tuple[str, bool]:
    """The first lesson (in course order) whose markdown mentions the idea, and whether that
    lesson cites the original."""
    for lesson, source in sources.items():
        text = lesson_markdown(source)
        if re.search(mention, text, re.I):
            return lesson, bool(re.search(citation, text))
    raise AssertionError(f"no lesson mentions {idea}")


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {lesson: (ROOT / "lessons_src" / f"{lesson}.py").read_text(encoding="utf-8")
            for lesson in LESSONS}


@pytest.mark.parametrize("idea, mention, citation", ORIGINALS, ids=[o[0] for o in ORIGINALS])
def test_the_original_is_cited_where_the_idea_first_appears(idea, mention, citation, sources):
    lesson, cited = first_lesson_citing(idea, mention, citation, sources)
    assert cited, f"{idea} first appears in {lesson}: cite the original there ({citation})"


def test_the_citation_check_rejects_a_citation_only_in_a_later_lesson():
    early = "# %% [markdown]\n# The forget gate keeps memories.\n"
    later = ("# %% [markdown]\n# The forget gate (Gers, Schmidhuber & Cummins, *Learning to "
             "forget*, 2000).\n")
    lesson, cited = first_lesson_citing("the forget gate", ORIGINALS[1][1], ORIGINALS[1][2],
                                        {"00": early, "02": later})
    assert (lesson, cited) == ("00", False)
    code_only = "# %%\n# Gers, Schmidhuber & Cummins, 2000\n\n# %% [markdown]\n# forget gate\n"
    assert first_lesson_citing("the forget gate", ORIGINALS[1][1], ORIGINALS[1][2],
                               {"00": code_only}) == ("00", False)
