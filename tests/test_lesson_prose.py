"""What a lesson's prose states about its own run must be what its parameters make true.

- A number of reviews, epochs or seeds in a lesson's markdown must be one that its
  ``parameters`` cell gives in full or fast mode (a value, a list's length, or the size that a
  ``None`` stands for, as its comment says). A number quoted from elsewhere (the dataset, a
  benchmark script, a paper) is allowed only when listed in ``QUOTED`` with its source.
  Prose that reads true in both modes prints the number from code instead.
- A Markdown heading inside a code cell (a ``# ## …`` comment) never renders: it must be a
  markdown cell.
- Every ``benchmarks/*.json`` a lesson names exists, or the cell that names it says that it
  does not exist yet (and then the lesson shows no numbers from it).
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted(p.stem for p in (ROOT / "lessons_src").glob("*.py"))

WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split()) if i >= 2}
NUMBER = r"(\d[\d,]*(?:\.\d+)?|" + "|".join(WORDS) + r")"
QUALIFIERS = r"(?:\s+(?:training|test|validation|labelled|unlabelled|real|movie|IMDB|more|" \
             r"short|whole|held-out|fresh))*"
CLAIM = re.compile(r"\b" + NUMBER + QUALIFIERS + r"\s+(reviews|epochs|seeds)\b", re.I)

# Numbers quoted from outside the lesson's own run: (lesson, the words as written) → source.
IMDB = "the IMDB dataset itself (Maas et al., ACL 2011): 25,000 + 25,000 labelled, 50,000 " \
       "unlabelled reviews"
QUOTED: dict[tuple[str, str], str] = {
    ("05_imdb_sentiment", "50,000 movie reviews"): IMDB,
    ("05_imdb_sentiment", "25,000 test reviews"): IMDB,
    ("05_imdb_sentiment", "50,000 unlabelled reviews"): IMDB,
    ("05_imdb_sentiment", "25,000 training reviews"): "full mode refits on training + "
    "validation: N_TRAIN + N_VAL = all 20,000 + all 5,000 (both None in full mode)",
    ("06_lstm_variants", "20,000 training reviews"): "tools/bench_variants.py's data: the "
    "whole training split",
    ("06_lstm_variants", "three seeds"): "tools/bench_variants.py --seeds 42,7,1",
    ("06_lstm_variants", "50,000 unlabelled reviews"): IMDB,
}


def _cells(lesson: str):
    return jupytext.read(ROOT / "lessons_src" / f"{lesson}.py").cells


class _Mode:
    """Stands in for ``lstm_helpers.config`` in a parameters cell: one mode's sizes."""

    def __init__(self, fast: bool):
        self.fast = fast

    def scale(self, full, fast):
        return fast if self.fast else full


def _as_number(text: str) -> float:
    return float(WORDS.get(text.lower(), None) or text.replace(",", ""))


# Which parameters can back a count of each noun: by the parameter's name or its comment.
RELEVANT = {"reviews": ("review", "TRAIN", "VAL", "TEST", "SIZES"), "epochs": ("EPOCH",),
            "seeds": ("SEED",)}


def parameter_values(lesson: str, noun: str = "reviews") -> set[float]:
    """Every number that a parameter about ``noun`` (reviews, epochs or seeds) gives, in full
    and in fast mode: its value, a list's values and length, and for ``None`` ("all") the
    numbers its comment names."""
    cell = next(c for c in _cells(lesson) if "parameters" in c.metadata.get("tags", []))
    about = {}
    for line in cell.source.splitlines():
        m = re.match(r"(\w+)\s*=([^#]*)(#.*)?$", line)
        if m and any(k in m.group(1) or k in (m.group(3) or "") for k in RELEVANT[noun]):
            about[m.group(1)] = (m.group(2), m.group(3) or "")
    values: set[float] = set()
    for fast in (False, True):
        ns: dict = {"config": _Mode(fast)}
        exec(cell.source, ns)
        for name in about:
            value = ns[name]
            if isinstance(value, bool):
                continue
            if isinstance(value, int | float):
                values.add(float(value))
            elif isinstance(value, list | tuple):
                values.add(float(len(value)))
                values.update(float(v) for v in value if isinstance(v, int | float))
            elif value is None:  # `None` means "all": its comment says how many
                values.update(_as_number(n) for n in re.findall(r"\d[\d,]*", about[name][1]))
    return values


def _prose(source: str) -> str:
    """Markdown without code (fenced blocks and `inline code`), on one line."""
    source = re.sub(r"```.*?```", " ", source, flags=re.S)
    return " ".join(re.sub(r"`[^`]*`", " ", source).split())


def claims(lesson: str) -> list[tuple[str, float]]:
    """(the words as written, the number) for every count of reviews/epochs/seeds."""
    found = []
    for cell in _cells(lesson):
        if cell.cell_type == "markdown":
            for m in CLAIM.finditer(_prose(cell.source)):
                found.append((m.group(0), _as_number(m.group(1))))
    return found


@pytest.mark.parametrize("lesson", LESSONS)
def test_counts_in_the_prose_are_what_the_parameters_make_true(lesson):
    allowed = {noun: parameter_values(lesson, noun) for noun in RELEVANT}
    wrong = [words for words, number in claims(lesson)
             if number not in allowed[words.split()[-1].lower()]
             and (lesson, words) not in QUOTED]
    assert not wrong, (
        f"{lesson}: the prose states {wrong}, which no parameter gives in full or fast mode. "
        "Print the number from the parameters or results, or quote its source in QUOTED.")


def test_the_check_catches_what_issue_26_found():
    """The heuristic flags the sentences that were wrong before (lesson 06, full mode
    4,000 reviews, one seed), and passes the ones that match."""
    reviews = parameter_values("06_lstm_variants", "reviews")
    seeds = parameter_values("06_lstm_variants", "seeds")
    assert 5000.0 not in reviews and 4000.0 in reviews and 20000.0 not in reviews
    assert 1.0 in seeds and 3.0 not in seeds
    found = [m.group(0) for m in CLAIM.finditer(
        "One seed on 5,000 reviews; all training reviews with three seeds; 4,000 real "
        "training reviews for up to 2 epochs")]
    assert found == ["5,000 reviews", "three seeds", "4,000 real training reviews",
                     "2 epochs"]


def test_quoted_numbers_are_still_in_their_lessons():
    """An allow-list entry whose words left the lesson must go too."""
    for (lesson, words), source in QUOTED.items():
        assert source and words in [w for w, _ in claims(lesson)], (lesson, words)


HEADING_IN_CODE = re.compile(r"^#{1,2} #{1,6} \S", re.M)


@pytest.mark.parametrize("lesson", LESSONS)
def test_no_markdown_heading_hides_in_a_code_cell(lesson):
    for cell in _cells(lesson):
        if cell.cell_type == "code":
            hidden = HEADING_IN_CODE.findall(cell.source)
            assert not hidden, f"{lesson}: a heading inside a code cell never renders: {hidden}"


BENCHMARK = re.compile(r"benchmarks/(\w+)\.json|benchmark_results\.load\(\"(\w+)\"\)")
NOT_THERE = re.compile(r"not in the repository yet|not been run to completion yet|"
                       r"does not exist yet|no results file yet", re.I)


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_benchmark_file_a_lesson_names_exists_or_is_said_missing(lesson):
    cells = _cells(lesson)
    for k, cell in enumerate(cells):
        for m in BENCHMARK.finditer(cell.source):
            name = m.group(1) or m.group(2)
            if (ROOT / "benchmarks" / f"{name}.json").is_file():
                continue
            said = cell if cell.cell_type == "markdown" else next(
                (c for c in reversed(cells[:k]) if c.cell_type == "markdown"), None)
            assert said is not None and NOT_THERE.search(" ".join(said.source.split())), (
                f"{lesson} shows benchmarks/{name}.json, which does not exist: commit it, or "
                "say in the text that it is not there yet")


def test_every_glossary_link_has_its_entry():
    anchors = set(re.findall(r'<a id="([^"]+)"></a>',
                             (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")))
    for lesson in LESSONS:
        text = (ROOT / "lessons_src" / f"{lesson}.py").read_text(encoding="utf-8")
        for anchor in re.findall(r"glossary\.md#([\w-]+)", text):
            assert anchor in anchors, f"{lesson} links to glossary #{anchor}, which is missing"


def test_the_glossary_defines_the_course_words_and_cites_the_originals():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for anchor in ("elementwise-product", "tanh", "epoch", "batch", "learning-rate",
                   "early-stopping", "singular-value", "discriminative-learning-rates",
                   "gradual-unfreezing"):
        assert f'<a id="{anchor}"></a>' in glossary, anchor
    for source in ("Hochreiter & Schmidhuber", "Gers, Schmidhuber & Cummins", "Bengio, Simard",
                   "Pascanu, Mikolov & Bengio", "Jozefowicz, Zaremba & Sutskever",
                   "Gal & Ghahramani"):
        assert source in glossary, source
    assert "Lesson 09." not in glossary  # no such lesson (yet)
