"""Every exercise check rejects plausible wrong answers and accepts the worked solution.

The wrong answers are typed into the lesson's own exercise cell, the way a learner fills in
its ``...``: the test takes the cell from ``lessons_src``, swaps the ``...`` lines (or the
function whose body is ``...``) for the learner's code, and runs the cell's own check call,
so the check's real arguments are the ones tested. The worked solution is the lesson's
``solution`` cell, run as it stands. Exercises that need a trained model or the lesson's
data get the lesson state they read from a small stand-in (``SETUP``), or are tested on tiny
models at the end of this file. Everything here runs in seconds.
"""

from __future__ import annotations

import ast
import re
import textwrap
from functools import cache
from pathlib import Path

import jupytext
import numpy as np
import pytest

from lstm_helpers.course import build_checks, checks
from lstm_helpers.course.verdicts import CORRECT, WRONG, Verdict

ROOT = Path(__file__).resolve().parent.parent
CHECK = re.compile(r"\b(?:checks|build_checks)\.check_(\w+)\(")


@cache
def _cells(lesson: str) -> tuple:
    return tuple(jupytext.read(ROOT / "lessons_src" / f"{lesson}.py").cells)


def exercise(lesson: str, number: int) -> tuple[str, str]:
    """(exercise cell, solution cell) of exercise ``number`` (1-based) of ``lesson``."""
    code = [c for c in _cells(lesson) if c.cell_type == "code" and CHECK.search(c.source)]
    pairs = list(zip(code[::2], code[1::2], strict=True))
    ex, sol = pairs[number - 1]
    assert "solution" in sol.metadata.get("tags", [])
    return ex.source, sol.source


@cache
def _base_namespace(lesson: str) -> dict:
    """What the lesson's exercise cells read: its imports (from every cell) and parameters."""
    ns: dict = {}
    for cell in _cells(lesson):
        if cell.cell_type != "code":
            continue
        if "parameters" in cell.metadata.get("tags", []):
            exec(cell.source, ns)
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics: not in these lessons' import lines
            continue
        imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)
                   and not (isinstance(node, ast.ImportFrom) and node.module == "google.colab")]
        imports = [node for node in imports if not any(
            alias.name in {"importlib.util", "subprocess", "sys"} for alias in node.names)]
        exec(compile(ast.Module(imports, []), f"<{lesson} imports>", "exec"), ns)
    return ns


def namespace(lesson: str, setup: str = "") -> dict:
    ns = dict(_base_namespace(lesson))
    if setup:
        exec(textwrap.dedent(setup), ns)
    return ns


def run_cell(source: str, ns: dict) -> Verdict:
    """Run a cell; its last expression (the check call) is the verdict."""
    tree = ast.parse(source)
    *body, last = tree.body
    exec(compile(ast.Module(body, []), "<cell>", "exec"), ns)
    result = eval(compile(ast.Expression(last.value), "<cell>", "eval"), ns)
    assert isinstance(result, Verdict), f"the cell ends in {result!r}, not a verdict"
    return result


def as_learner_wrote(exercise_source: str, answer: str) -> str:
    """The exercise cell with its ``...`` lines (and a function whose body is ``...``)
    replaced by ``answer``, as a learner edits it."""
    lines = exercise_source.splitlines()
    blank = [i for i, line in enumerate(lines) if "..." in line]
    assert blank, "the exercise has no ... to fill in"
    drop = set(blank)
    for i in blank:
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        if j >= 0 and lines[j].lstrip().startswith("def "):
            drop.update(range(j, i))
    first = min(drop)
    kept = [line for i, line in enumerate(lines) if i not in drop or i == first]
    at = kept.index(lines[first])
    kept[at:at + 1] = textwrap.dedent(answer).strip("\n").splitlines()
    return "\n".join(kept)


# --------------------------------------------------------------------------------------
# The lesson state an exercise cell reads, where it comes from a long run: a stand-in.
CONFUSION = """
    from lstm_helpers.core import metrics
    # precision 0.865, recall 0.870, accuracy 0.867: all within half a point of each other
    confusion = metrics.Confusion(tn=4320, fp=680, fn=650, tp=4350)
"""
VARIANT_SUMMARY = """
    summary = [
        {"variant": "LSTM", "val acc": 0.861, "test acc": 0.858},
        {"variant": "hybrid CNN-LSTM", "val acc": 0.872, "test acc": 0.861},
        {"variant": "stacked LSTM", "val acc": 0.866, "test acc": 0.866},
    ]
    best_of_all = comparisons.best_variant(summary)  # the exercise cell's line
"""
INSIDE_06 = """
    import keras

    from lstm_helpers.models.bridge import numpy_classifier

    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((None,), dtype="int32"),
                              keras.layers.Embedding(30, 4, name="embedding"),
                              keras.layers.LSTM(3, name="lstm"),
                              keras.layers.Dense(1, activation="sigmoid", name="readout")])
    model.get_layer("readout").set_weights([np.full((3, 1), 4.0), np.array([0.5])])
    numpy_model = numpy_classifier(model)
    test_seqs = [np.array([3, 7, 2, 9, 4, 11]), np.array([5, 1])]
    check = [0, 1]
    probs = np.array([float(np.asarray(model(s[None]))[0, 0]) for s in test_seqs])
"""
SEQ2SEQ_11 = """
    attention = seq2seq_models.build_lstm_seq2seq(seq2seq_task.VOCAB_SIZE, 8, attention="dot")
    lstm = seq2seq_models.build_lstm_seq2seq(seq2seq_task.VOCAB_SIZE, UNITS)  # untrained
    example = seq2seq_task.encode_digits("40213")
"""
FORECAST_SUMMARY = """
    summary = [{"model": "seasonal naive", "MASE": 1.10, "MAE": 0.50},
               {"model": "LSTM", "MASE": 0.95, "MAE": 0.90},
               {"model": "exponential smoothing", "MASE": 0.62, "MAE": 0.10},
               {"model": "hybrid", "MASE": 0.80, "MAE": 0.05}]
    best = min(summary, key=lambda r: r["MASE"])
    worst = max(summary, key=lambda r: r["MASE"])
"""
TOY_TEXT_04 = """
    TEXT = '''The cat sat on the mat. The dog sat on the log. The cat saw the dog,
    and the dog saw the cat. The cat ran to the mat and the dog ran to the log.'''
    words = text.standardize(TEXT)
    lines = text.make_lines(words, SEQ_LEN)
    vectorizer = keras.layers.TextVectorization(standardize=text.standardize_tf)
    vectorizer.adapt(lines)
    word_index, index_word = text.vocabulary_maps(vectorizer.get_vocabulary())
    vocab_size = len(word_index) + 1
"""
SERIES_10 = """
    series = load_series(SERIES)
    values, labels, season = series.values, series.labels, series.season
    starts = forecasting.origins(len(series), HORIZON, ORIGINS, MIN_TRAIN)
"""

NAIVE_SIGMOID = """
def my_sigmoid(z):
    return 1 / (1 + np.exp(-z))
"""

# (lesson, exercise number): (setup, solution answer or None to run the solution cell,
# wrong answers as a learner types them into the exercise cell)
CASES: dict[tuple[str, int], tuple[str, str | None, list[str]]] = {
    ("00_welcome", 1): ("", None, ["answer_1 = 0.95", "answer_1 = 3.0", "answer_1 = 0"]),
    ("00_welcome", 2): ("", None, ["weight_2, bias_2 = 1.0, 0.0", "weight_2, bias_2 = 1.0, 1.0",
                                   "weight_2, bias_2 = -5.0, 0.0"]),
    ("00_welcome", 3): ("", None, ["weight_3, bias_3 = -5.0, 0.0",  # shut, but by the weight
                                   "weight_3, bias_3 = 1.0, -1.0", "weight_3, bias_3 = 0, 0"]),
    ("00_welcome", 4): ("", None, [
        NAIVE_SIGMOID,
        # the naive formula with NumPy's warning switched off: the overflow is still there
        """
        def my_sigmoid(z):
            with np.errstate(over="ignore"):
                return 1 / (1 + np.exp(-z))
        """,
        """
        def my_sigmoid(z):
            np.seterr(all="ignore")
            return 1 / (1 + np.exp(-z))
        """,
        """
        import warnings
        def my_sigmoid(z):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return 1 / (1 + np.exp(-z))
        """,
        """
        import math
        def my_sigmoid(z):
            return np.array([1 / (1 + math.exp(-v)) for v in z])
        """,
        """
        def my_sigmoid(z):
            return 1 / (1 + np.exp(z))  # the sign of z flipped
        """,
    ]),
    ("01_rnn_basics", 1): ("", None, ["answer_1 = 0.62  # σ(0.5), not tanh",
                                      "answer_1 = 0.5  # no activation",
                                      "answer_1 = float(np.tanh(0.5 + 0.8))  # h_prev taken as 1"]),
    ("01_rnn_basics", 2): ("", None, ["answer_2 = 3 * 4 + 4  # U forgotten",
                                      "answer_2 = 3 * 4 + 4 * 4  # b forgotten",
                                      "answer_2 = 4 * (3 * 4 + 4 * 4 + 4)  # an LSTM's count"]),
    ("01_rnn_basics", 3): ("", None, ["answer_3 = 0.5", "answer_3 = 0.5 * 10",
                                      "answer_3 = 0.5**9", "answer_3 = 0.01"]),
    ("01_rnn_basics", 4): ("", "", [
        """
        def make_optimizer():
            return keras.optimizers.SGD(0.2)
        """,
        """
        def make_optimizer():
            return keras.optimizers.SGD(0.2, clipnorm=1e9)  # a clip that never bites
        """,
        """
        def make_optimizer():
            return keras.optimizers.SGD(0.2, clipvalue=1e6)
        """,
    ]),
    ("02_lstm_cell", 1): ("", None, ["answer_1 = 0.5", "answer_1 = float(np.tanh(0.5))",
                                     "answer_1 = 1 / (1 + np.exp(0.5))"]),
    ("02_lstm_cell", 2): ("", None, [
        "answer_2 = float(sigmoid(2.0)) * 2.0  # f·c alone",
        "answer_2 = 2.0 + float(sigmoid(0.0)) * 0.5  # f left out",
        "answer_2 = float(sigmoid(0.0)) * 0.5  # i·g alone",
    ]),
    ("02_lstm_cell", 3): ("", None, ["answer_3 = 'i'", "answer_3 = 'o'", "answer_3 = 'g'"]),
    ("02_lstm_cell", 4): ("", None, ["answer_4 = 4 * (1 * 2 + 2)  # U forgotten",
                                     "answer_4 = 1 * 2 + 2 * 2 + 2  # one block, not four",
                                     "answer_4 = 4 * (1 * 2 + 2 * 2)  # b forgotten"]),
    ("02_lstm_cell", 5): ("", None, [
        # the opposite of the concept: forget gate shut, input gate always open, constant
        # candidate: c is rewritten to the same value at every step
        "weights_on_x = [0.0, 0.0, 0.0, 0.0]\nbiases = [10.0, -10.0, 10.0, 0.0]",
        "weights_on_x = [12.0, 0.0, 3.0, 0.0]\nbiases = [-6.0, 1.0, 0.0, 0.0]  # f = 0.73",
        "weights_on_x = [12.0, 0.0, 3.0, 0.0]\nbiases = [-6.0, -8.0, 0.0, 0.0]  # f shut",
        "weights_on_x = [0.0, 0.0, 3.0, 0.0]\nbiases = [-6.0, 8.0, 0.0, 0.0]  # i never opens",
    ]),
    ("03_gate_animations", 1): ("", None, [
        "answer_1 = 4 * (len(recall_task.VOCAB) * UNITS + UNITS)  # U forgotten",
        "answer_1 = len(recall_task.VOCAB) * UNITS + UNITS * UNITS + UNITS  # one block",
    ]),
    ("03_gate_animations", 2): ("", None, ["answer_2 = 0.5",
                                           "answer_2 = 1 / len(recall_task.VOCAB)"]),
    ("03_gate_animations", 3): ("", None, ["answer_3 = 'i'", "answer_3 = 'o'"]),
    ("04_next_word", 1): ("", None, [
        "answer_1 = ['we love long', 'movies with happy']  # windows that do not overlap",
        "answer_1 = ['we love long']",
        "answer_1 = ['we love', 'love long', 'long movies', 'movies with', 'with happy',"
        " 'happy endings']  # 2-word lines",
    ]),
    ("04_next_word", 2): (TOY_TEXT_04, None, [
        "answer_2 = [index_word[i] for i in [2, 4, 1]]  # a list, not a string",
        "answer_2 = ' '.join(index_word[i] for i in [2, 4])  # the last word dropped",
        "answer_2 = ' '.join(index_word.get(i, '') for i in [1, 4, 2])  # reversed",
    ]),
    ("04_next_word", 3): ("", None, ["answer_3 = 'random'", "answer_3 = 'unchanged'"]),
    ("05_imdb_classifier", 1): ("", None, ["answer_1 = [4, 9, 2, 0, 0]  # post",
                                          "answer_1 = [4, 9, 2]", "answer_1 = [0, 4, 9, 2, 0]"]),
    ("05_imdb_classifier", 2): (CONFUSION, None, [
        "answer_2 = confusion.tp / (confusion.tp + confusion.fn)  # recall",
        "answer_2 = (confusion.tp + confusion.tn) / confusion.matrix.sum()  # accuracy",
        "answer_2 = round(confusion.tp / (confusion.tp + confusion.fn), 3)  # recall, rounded",
        "answer_2 = confusion.tn / (confusion.tn + confusion.fn)  # the other column",
    ]),
    ("05_imdb_classifier", 3): ("", None, ["answer_3 = 'yes'", "answer_3 = 'pessimistic'"]),
    ("06_inside_classifier", 1): ("", None, ["answer_1 = 'forget'", "answer_1 = 'input'"]),
    ("06_inside_classifier", 2): (INSIDE_06, None, [
        """
        def readout(h):  # the logit: no sigmoid
            return h @ numpy_model.readout_kernel[:, 0] + numpy_model.readout_bias[0]
        """,
        """
        def readout(h):  # the bias forgotten
            return 1 / (1 + np.exp(-(h @ numpy_model.readout_kernel[:, 0])))
        """,
        """
        def readout(h):  # the sign of the exponent flipped
            return 1 / (1 + np.exp(h @ numpy_model.readout_kernel[:, 0]
                                   + numpy_model.readout_bias[0]))
        """,
        "readout = 0.5  # not a function",
    ]),
    ("06_inside_classifier", 3): ("", None, ["answer_3 = 'different weights'",
                                             "answer_3 = 'masking'"]),
    ("07_lstm_variants", 1): ("", None, [
        "answer_1 = checks.lstm_param_count('LSTM', 16, 32)  # one direction",
        "answer_1 = 2 * 4 * (16 * 32 + 32)  # no recurrent weights",
        "answer_1 = 2 * (16 * 32 + 32 * 32 + 32)  # one block, not four",
    ]),
    ("07_lstm_variants", 2): ("", None, ["answer_2 = 801 // 4  # 'valid' padding",
                                         "answer_2 = 801 / 4", "answer_2 = 801"]),
    ("07_lstm_variants", 3): ("", None, ["answer_3 = 'all'", "answer_3 = 'last'",
                                         "answer_3 = 'none'"]),
    ("07_lstm_variants", 4): (VARIANT_SUMMARY, None, [
        "answer_4 = max(summary, key=lambda row: row['test acc'])['variant']  # on test",
        "answer_4 = 'LSTM'",
    ]),
    ("08_pretrained_starts", 1): ("", None, ["answer_1 = 'many labels'",
                                             "answer_1 = 'equally'"]),
    ("08_pretrained_starts", 3): ("", None, ["answer_3 = 'frozen weights'",
                                             "answer_3 = 'zero learning rate'"]),
    ("09_older_lstm_code", 1): ("", None, ["answer_1 = 0.7", "answer_1 = 70", "answer_1 = 30"]),
    ("09_older_lstm_code", 2): ("", None, ["answer_2 = 8 * 4 * 32  # the x rows only",
                                           "answer_2 = (8 + 32) * 32  # one gate",
                                           "answer_2 = (8 + 32) * 4 * 32 + 4 * 32  # with b"]),
    ("09_older_lstm_code", 3): ("", None, ["answer_3 = 'from_logits=True'",
                                           "answer_3 = True"]),
    ("09_older_lstm_code", 4): ("", None, ["answer_4 = 'i'", "answer_4 = 'c'"]),
    ("09_older_lstm_code", 5): ("", None, [
        """
        def port(kernel, bias, input_dim, forget_bias):
            def reorder(m):
                i, j, f, o = np.split(m, 4, axis=-1)
                return np.concatenate([i, f, j, o], axis=-1)

            i, j, f, o = np.split(np.asarray(bias, float), 4)
            keras_bias = np.concatenate([i, f + 1.0, j, o])  # a hard-coded +1
            return [reorder(kernel[:input_dim]), reorder(kernel[input_dim:]), keras_bias]
        """,
        """
        def port(kernel, bias, input_dim, forget_bias):
            return [kernel[:input_dim], kernel[input_dim:], bias]  # no reordering
        """,
        """
        def port(kernel, bias, input_dim, forget_bias):
            def reorder(m):
                i, j, f, o = np.split(m, 4, axis=-1)
                return np.concatenate([i, f, j, o], axis=-1)

            return [reorder(kernel[:input_dim]), reorder(kernel[input_dim:]), reorder(bias)]
        """,
        """
        def port(kernel, bias, input_dim, forget_bias):
            i, j, f, o = np.split(np.asarray(bias, float), 4)
            keras_bias = np.concatenate([i, f + forget_bias, j, o])
            return [kernel[:input_dim], kernel[input_dim:], keras_bias]  # blocks not reordered
        """,
    ]),
    ("10_time_series", 1): ("", None, ["answer_1 = 2.0  # the MAE, not scaled",
                                       "answer_1 = 3.0  # the sum over the scale",
                                       "answer_1 = 0.5  # scale over MAE"]),
    ("10_time_series", 2): (SERIES_10, "answer_2 = 12", ["answer_2 = 1  # as if direct",
                                                          "answer_2 = 13", "answer_2 = 24"]),
    ("10_time_series", 3): (FORECAST_SUMMARY, None, [
        "answer_3 = max(summary, key=lambda r: r['MAE'])['model']  # the MAE column",
        "answer_3 = min(summary, key=lambda r: r['MAE'])['model']  # the MAE column",
        "answer_3 = 'LSTM'",
    ]),
    ("10_time_series", 4): (SERIES_10, None, [
        """
        def my_forecaster(history, horizon):
            return np.resize(history[-season:], horizon)  # seasonal naive itself
        """,
        """
        def my_forecaster(history, horizon):
            return np.full(horizon, history[-1])  # repeat the last value
        """,
        """
        def my_forecaster(history, horizon):
            return np.full(horizon, np.mean(history))  # the mean of all history
        """,
    ]),
    ("11_seq2seq_attention", 1): (SEQ2SEQ_11, None, [
        "answer_1 = UNITS  # h only", "answer_1 = 4 * UNITS  # the gates",
        "answer_1 = 2 * UNITS * 10  # as if it grew with the input"]),
    ("11_seq2seq_attention", 2): (SEQ2SEQ_11, None, [
        "answer_2 = BEAM_WIDTH", "answer_2 = seq2seq_task.VOCAB_SIZE",
        "answer_2 = BEAM_WIDTH ** 2", "answer_2 = seq2seq_task.VOCAB_SIZE ** BEAM_WIDTH"]),
    ("11_seq2seq_attention", 3): ("", None, ["answer_3 = 'diagonal'  # copying",
                                             "answer_3 = 'last column'",
                                             "answer_3 = 'first column'"]),
}


@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[0][:2]}-ex{c[1]}")
def test_the_worked_solution_is_accepted(case):
    lesson, number = case
    setup, solution, _ = CASES[case]
    exercise_cell, solution_cell = exercise(lesson, number)
    if solution == "":
        pytest.skip("runs a training: see the dedicated test below")
    ns = namespace(lesson, setup)
    source = solution_cell if solution is None else as_learner_wrote(exercise_cell, solution)
    result = run_cell(source, ns)
    assert result.status == CORRECT, f"{lesson} ex {number}: {result}"


@pytest.mark.parametrize("case", sorted(CASES), ids=lambda c: f"{c[0][:2]}-ex{c[1]}")
def test_plausible_wrong_answers_are_rejected(case):
    lesson, number = case
    setup, _, wrongs = CASES[case]
    assert len(wrongs) >= 2, "at least two plausible wrong answers per exercise"
    exercise_cell, _ = exercise(lesson, number)
    for wrong in wrongs:
        ns = namespace(lesson, setup)
        if lesson == "01_rnn_basics":  # never train here: a wrong clip must be refused first
            ns["clipping"] = _NoTraining()
        result = run_cell(as_learner_wrote(exercise_cell, wrong), ns)
        assert result.status == WRONG, f"{lesson} ex {number} accepted:\n{wrong}\n→ {result}"
        assert "Hint" in str(result)


def test_every_exercise_has_its_cases_or_a_model_test():
    """No exercise is left without wrong answers: the table above, or a test below."""
    trained = {("03_gate_animations", 4), ("04_next_word", 4), ("05_imdb_classifier", 4),
               ("07_lstm_variants", 5), ("07_lstm_variants", 6), ("08_pretrained_starts", 2),
               ("11_seq2seq_attention", 4)}  # tests/test_seq2seq_checks.py
    for path in sorted((ROOT / "lessons_src").glob("*.py")):
        code = [c for c in _cells(path.stem) if c.cell_type == "code" and CHECK.search(c.source)]
        for number in range(1, len(code) // 2 + 1):
            assert (path.stem, number) in CASES or (path.stem, number) in trained, (
                f"{path.stem} exercise {number} has no wrong answers in this file")


class _NoTraining:
    """Stands in for lesson 01's ``clipping`` module: training a wrong optimizer would only
    show its loss exploding; the check must refuse it before that."""

    @staticmethod
    def losses_with(optimizer, **kwargs):
        if optimizer.clipnorm == 1.0 or optimizer.global_clipnorm or optimizer.clipvalue == 1.0:
            return [1.0, 0.5]
        return [1.0, float("nan")]


@pytest.mark.slow
def test_01_ex4_a_real_clip_trains_the_exploding_network():
    """The worked solution, trained for real (a few seconds on the fast sizes)."""
    exercise_cell, solution_cell = exercise("01_rnn_basics", 4)
    ns = namespace("01_rnn_basics")
    ns["CLIP_STEPS"] = 6
    assert run_cell(solution_cell, ns).status == CORRECT
    assert not build_checks.check_clipped_optimizer(
        lambda: __import__("keras").optimizers.SGD(0.2, clipnorm=1e9),
        lambda opt: [1.0, 0.5])  # refused even when its training happens to look fine


# --------------------------------------------------------------------------------------
# Exercises whose answer is a trained model: tiny models, the check's own rules.


@pytest.mark.slow
def test_03_ex4_scores_sequences_the_early_stopping_never_saw():
    exercise_cell, solution_cell = exercise("03_gate_animations", 4)
    fit = re.search(r"fit_until\((.*?)\n\s*EXERCISE_EPOCHS", solution_cell, re.S).group(1)
    assert "x_fresh" not in fit and "y_fresh" not in fit, (
        "the solution stops early on the sequences the check scores")
    assert "x_fresh" in exercise_cell.split("build_checks.")[1]


def _tiny(kind: str, steps: int = 4, features: int = 3, classes: int = 2):
    import keras

    keras.utils.set_random_seed(0)
    return keras.Sequential([keras.Input((steps, features)), getattr(keras.layers, kind)(2),
                             keras.layers.Dense(classes, activation="softmax")])


@pytest.mark.parametrize("kind", ["GRU", "LSTM"])
def test_model_checks_reject_the_wrong_layer_and_an_untrained_model(kind):
    """03 ex 4 and 07 ex 6 ask for a GRU that reaches a target; 05 ex 4, 07 ex 5 and 08 ex 2
    for an LSTM."""
    other = "LSTM" if kind == "GRU" else "GRU"
    x = np.random.default_rng(0).normal(size=(40, 4, 3)).astype("float32")
    right = _tiny(kind)
    y = right.predict(x, verbose=0).argmax(-1)  # the labels this model gets right
    assert build_checks.check_model_accuracy(right, x, y, at_least=0.9, kind=kind)
    wrong_layer = build_checks.check_model_accuracy(_tiny(other), x, y, at_least=0.0, kind=kind)
    assert not wrong_layer and f"no {kind} layer" in str(wrong_layer)
    untrained = build_checks.check_model_accuracy(right, x, 1 - y, at_least=0.9, kind=kind)
    assert not untrained
    assert not build_checks.check_model_accuracy(right.layers, x, y, at_least=0.0, kind=kind)


@pytest.mark.slow
def test_07_ex5_refuses_the_hybrid_with_the_old_window_or_pool():
    import keras

    def hybrid(kernel, pool):
        return keras.Sequential([keras.Input((32, 2)), keras.layers.Conv1D(2, kernel),
                                 keras.layers.MaxPooling1D(pool, padding="same"),
                                 keras.layers.LSTM(2), keras.layers.Dense(1, "sigmoid")])

    asked = {"Conv1D": {"kernel_size": 3}, "MaxPooling1D": {"pool_size": 8}}
    x = np.zeros((6, 32, 2), "float32")
    right = hybrid(3, 8)
    y = (right.predict(x, verbose=0).ravel() >= 0.5).astype(int)
    assert build_checks.check_model_accuracy(right, x, y, 0.9, kind="LSTM", settings=asked)
    for wrong in (hybrid(5, 4), hybrid(3, 4), hybrid(5, 8)):  # section 3's hybrid, half-done
        result = build_checks.check_model_accuracy(wrong, x, y, 0.0, kind="LSTM", settings=asked)
        assert not result and "the exercise asks for" in str(result)


@pytest.mark.slow
def test_04_ex4_needs_all_three_words_of_context():
    """A model that reads only the last two words gives "log the cat" and "cat the cat" the
    same answer, so it cannot pass; the worked solution (trained) does."""
    import keras

    exercise_cell, solution_cell = exercise("04_next_word", 4)
    ns = namespace("04_next_word", TOY_TEXT_04)
    ns["TOY_EPOCHS"] = 150
    assert run_cell(solution_cell, ns).status == CORRECT
    two_words = as_learner_wrote(exercise_cell, """
        lines_4 = text.make_lines(words, 4)
        ids_4 = np.asarray(vectorizer(lines_4))
        config.seed_keras()
        four_word_model = keras.Sequential([
            keras.Input(shape=(3,)),
            keras.layers.Embedding(vocab_size, 8),
            keras.layers.Cropping1D((1, 0)),  # reads only the last two of the three words
            keras.layers.LSTM(8),
            keras.layers.Dense(vocab_size, activation="softmax"),
        ])
        four_word_model.compile(optimizer=keras.optimizers.Adam(0.01),
                                loss="sparse_categorical_crossentropy")
        four_word_model.fit(ids_4[:, :3], ids_4[:, 3], epochs=40,
                            batch_size=len(ids_4), verbose=0)  # more would not help it
    """)
    result = run_cell(two_words, ns)
    assert result.status == WRONG and "same word" in str(result)
    untrained = as_learner_wrote(exercise_cell, """
        config.seed_keras()
        four_word_model = keras.Sequential([
            keras.Input(shape=(3,)), keras.layers.Embedding(vocab_size, 8),
            keras.layers.LSTM(8), keras.layers.Dense(vocab_size, activation="softmax")])
    """)
    assert run_cell(untrained, ns).status == WRONG
    assert keras  # imported for the cells above


def test_02_ex5_hint_names_the_rewrite_not_a_memory():
    result = build_checks.check_remembering_weights([0.0] * 4, [10.0, -10.0, 10.0, 0.0])
    assert not result and "x = 0 at every step" in str(result)


def test_00_ex4_leaves_numpy_error_handling_as_it_found_it():
    before = np.geterr()
    build_checks.check_sigmoid_function(lambda z: 1 / (1 + np.exp(-z)))
    assert np.geterr() == before and np.errstate.__name__ == "errstate"
    assert callable(np.seterr) and np.seterr.__name__ == "seterr"


def test_precision_check_tells_precision_from_its_neighbours():
    from lstm_helpers.core.metrics import Confusion

    c = Confusion(tn=4320, fp=680, fn=650, tp=4350)
    assert checks.check_precision(round(c.precision, 3), c)
    percent = checks.check_precision(c.precision * 100, c)
    assert not percent and "between 0 and 1" in str(percent)
    for wrong in (c.recall, (c.tp + c.tn) / 10_000, round(c.precision, 1)):
        assert not checks.check_precision(wrong, c), wrong
