"""The course map: every lesson, in order, with what it teaches.

One list feeds the welcome lesson's map and the tests that keep the README and
the notebooks folder in step with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lstm_helpers.core.errors import LabInputError

# The checkout this package sits in, when it runs from one (`pip install -e .`, Binder).
ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"  # the checkout's notebooks: what export and editions read
# Repository folders a lesson reads at run time, and the files of each that the wheel's build
# (setup.py) copies into lstm_helpers/course/<SHIPPED>/: installed as Colab installs it, with
# no repository beside the package, lessons read that copy (tests/test_installed_outside.py).
SHIPPED = "shipped"
SHIPPED_FOLDERS = {"notebooks": "*.ipynb", "benchmarks": "*.json"}
# Where the course is published: the launch badges and the Colab install cell point here.
REPOSITORY = "lstm-lab/lstm-lab"
BRANCH = "main"


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
    Lesson("05_imdb_classifier", "IMDB sentiment: an honest classifier",
           "Padding, masking and bucketing; two classic recipes fixed; a tuned LSTM evaluated "
           "honestly against a bigram baseline."),
    Lesson("06_inside_classifier", "Inside a trained classifier",
           "The trained LSTM run in NumPy: its verdict word by word, and gate surgery."),
    Lesson("07_lstm_variants", "Deep, bidirectional and CNN-LSTM",
           "Variants (and the GRU) compared side by side on the same split."),
    Lesson("08_pretrained_starts", "Pretrained starts",
           "Word vectors and lesson 04's language model as a classifier's start, measured."),
    Lesson("09_older_lstm_code", "Reading older LSTM code",
           "TF1, Keras 2 and PyTorch LSTM code mapped onto Keras 3."),
    Lesson("10_time_series", "Forecasting a time series",
           "Windows, walk-forward evaluation, and an LSTM against the baselines that win."),
    Lesson("11_seq2seq_attention", "Encoder–decoders and attention",
           "Seq2seq LSTMs, beam search, attention's heatmap, and a Transformer measured "
           "against them."),
)


def launch_badges(slug: str) -> str:
    """Markdown for 'Open in Colab' and 'launch Binder' on one lesson (README and lessons).

    They open the notebooks of ``REPOSITORY`` at ``BRANCH``: the instructor edition, worked
    solutions included. The student edition carries none (``without_launch_badges``)."""
    colab = (f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/"
             f"notebooks/{slug}.ipynb")
    binder = (f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}"
              f"?urlpath=lab/tree/notebooks/{slug}.ipynb")
    colab_badge = "https://colab.research.google.com/assets/colab-badge.svg"
    return (f"[![Open In Colab]({colab_badge})]({colab}) "
            f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder})")


def without_launch_badges(markdown: str) -> str:
    """``markdown`` without any lesson's launch badges: what the student edition shows.

    A badge opens a *published* notebook, and the only published notebooks are the
    instructor edition's (every worked solution in them); the student edition is handed out
    as files (``make student``, the class server's copy), so a learner already has the
    notebook open and a badge could only lead to the answers. Rather than point at a
    student branch that nothing publishes, the student edition drops the badges."""
    for lesson in LESSONS:
        markdown = markdown.replace(launch_badges(lesson.slug), "")
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n")


def setup_cell() -> str:
    """The first code cell of every lesson: installs the helpers where they are missing.

    It cannot import from this package (it runs before the package exists there), so it is
    kept here as text and tests check every lesson carries it unchanged.
    """
    return f"""# On Colab, or a kernel without the course: install its helpers (elsewhere: no-op).
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("lstm_helpers") is None:
    pip = [sys.executable, "-m", "pip", "install", "-q"]
    subprocess.check_call([*pip, "anywidget"])  # Colab has TensorFlow, plotly and ipywidgets
    subprocess.check_call([*pip, "--no-deps", "lstm-lab @ git+https://github.com/{REPOSITORY}"])
if "google.colab" in sys.modules:
    from google.colab import output

    output.enable_custom_widget_manager()  # lets plotly's FigureWidget sliders render"""


def course_folder(name: str) -> Path:
    """The repository folder ``name`` (one of ``SHIPPED_FOLDERS``) as this installation has it.

    A built install (a wheel: Colab, ``pip install``) reads the copy its build packed into
    ``lstm_helpers/course/shipped``; a checkout (``pip install -e .``, Binder) reads the
    repository itself, so a new benchmark file shows without a reinstall. The folder may be
    missing inside either (no benchmark results yet); an install with neither is broken, and
    says how to mend it rather than showing every lesson as "in preparation"."""
    if name not in SHIPPED_FOLDERS:
        raise LabInputError(f"name must be one of {', '.join(map(repr, SHIPPED_FOLDERS))} "
                            f"(the folders the package carries); got {name!r}.")
    shipped = resources.files("lstm_helpers.course") / SHIPPED
    if shipped.is_dir():
        return Path(str(shipped)) / name
    if (ROOT / "pyproject.toml").is_file() and (ROOT / "lessons_src").is_dir():
        return ROOT / name
    raise LabInputError(
        f"lstm_helpers has neither its packed course files ({shipped}) nor a checkout of the "
        f"repository around it ({ROOT}): reinstall it from the repository with "
        f"`pip install --force-reinstall --no-deps 'lstm-lab @ git+https://github.com/"
        f"{REPOSITORY}'` (its build packs them), or `pip install -e .` in a checkout.")


def checkout_folder(name: str, tool: str) -> Path:
    """The checkout's folder ``name`` for ``tool`` (the static export, the editions), which
    runs from a clone of the repository only; LabInputError saying so where there is none."""
    folder = ROOT / name
    if not folder.is_dir():
        raise LabInputError(
            f"{tool} runs from a checkout of the course repository, and {folder} is missing "
            f"(lstm_helpers is installed at {ROOT}): clone https://github.com/{REPOSITORY}, "
            f"run `pip install -e .` in it, and run {tool} there.")
    return folder


def _present(notebooks: Path | None) -> list[Lesson]:
    folder = course_folder("notebooks") if notebooks is None else notebooks
    return [lesson for lesson in LESSONS if (folder / lesson.notebook).exists()]


def available(notebooks: Path | None = None) -> list[Lesson]:
    """The lessons whose notebook is in the course today (in ``notebooks``; default: the
    course's own, see ``course_folder``)."""
    return _present(notebooks)


def course_map_markdown(notebooks: Path | None = None) -> str:
    """A Markdown table of the course with links to every lesson that exists."""
    present = set(_present(notebooks))
    rows = ["| # | Lesson | What you learn |", "|---|---|---|"]
    for lesson in LESSONS:
        number = lesson.slug[:2]
        if lesson in present:
            name = f"[{lesson.title}]({lesson.notebook})"
        else:
            name = f"{lesson.title} *(in preparation)*"
        rows.append(f"| {number} | {name} | {lesson.learn} |")
    return "\n".join(rows)


def show_map() -> None:
    """Display the course map in a notebook (plain text elsewhere). Used in lesson 00."""
    from IPython.display import Markdown, display

    display(Markdown(course_map_markdown()))
