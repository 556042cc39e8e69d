"""The course map: every lesson, in order, with what it teaches.

One list feeds the welcome lesson's map and the tests that keep the README and
the notebooks folder in step with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    learn: str

    @property
    def notebook(self) -> str:
        return f"{self.slug}.ipynb"


LESSONS: tuple[Lesson, ...] = (
    Lesson("00_welcome", "Welcome",
           "How the course works, a first slider, and a check of your setup."),
    Lesson("01_rnn_basics", "RNN basics",
           "Hidden state, unrolling, kinds of RNN, and why plain RNN gradients vanish."),
    Lesson("02_lstm_cell", "The LSTM cell",
           "Every gate computed by hand, then explored with sliders."),
    Lesson("03_gate_animations", "Gate animations",
           "Watch the gates hold and write memory, token by token."),
    Lesson("04_next_word", "Next-word prediction",
           "Tokenizers, embeddings and an LSTM language model on real reviews."),
    Lesson("05_imdb_sentiment", "IMDB sentiment",
           "An honest LSTM classifier, evaluated properly, and a look inside it."),
    Lesson("06_lstm_variants", "Deep, bidirectional and CNN-LSTM",
           "Variants compared side by side on the same split."),
    Lesson("07_older_lstm_code", "Reading older LSTM code",
           "TF1 and Keras 2 code mapped onto Keras 3."),
)


def available(notebooks: Path = NOTEBOOKS) -> list[Lesson]:
    """The lessons whose notebook is in the course today."""
    return [lesson for lesson in LESSONS if (notebooks / lesson.notebook).exists()]


def course_map_markdown(notebooks: Path = NOTEBOOKS) -> str:
    """A Markdown table of the course with links to every lesson that exists. Used in lesson 00."""
    rows = ["| # | Lesson | What you learn |", "|---|---|---|"]
    for lesson in LESSONS:
        number = lesson.slug[:2]
        if (notebooks / lesson.notebook).exists():
            name = f"[{lesson.title}]({lesson.notebook})"
        else:
            name = f"{lesson.title} *(in preparation)*"
        rows.append(f"| {number} | {name} | {lesson.learn} |")
    return "\n".join(rows)


def show_map() -> None:
    """Display the course map in a notebook (plain text elsewhere). Used in lesson 00."""
    from IPython.display import Markdown, display

    display(Markdown(course_map_markdown()))
