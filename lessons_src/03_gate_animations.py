# ---
# jupyter:
#   jupytext:
#     formats: notebooks///ipynb,lessons_src///py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · Gate animations: watching an LSTM remember
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/03_gate_animations.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/03_gate_animations.ipynb)
#
# **What you will learn**
# - to set up a task that *needs* long memory, and see a SimpleRNN fail at it as the gap grows
#   while an LSTM succeeds, even against a SimpleRNN with as many parameters;
# - to read a trained LSTM's gates token by token, as heatmaps and on the cell diagram: the
#   **input gate writes**, the **forget gate holds**;
# - that a trained Keras LSTM and the course's NumPy cell compute the same numbers.
#
# **What you need**: lessons 01 and 02. Training the recall networks takes about three
# minutes on a 2-core CPU in full mode (the README's course map has the measured time).

# %% jupyter={"source_hidden": true}
# On Colab, or a kernel without the course: install its helpers (elsewhere: no-op).
import importlib.util
import subprocess
import sys

if importlib.util.find_spec("lstm_helpers") is None:
    pip = [sys.executable, "-m", "pip", "install", "-q"]
    subprocess.check_call([*pip, "anywidget"])  # Colab has TensorFlow, plotly and ipywidgets
    subprocess.check_call([*pip, "--no-deps", "lstm-lab @ git+https://github.com/lstm-lab/lstm-lab"])
if "google.colab" in sys.modules:
    from google.colab import output

    output.enable_custom_widget_manager()  # lets plotly's FigureWidget sliders render

# %%
import numpy as np

from lstm_helpers import config
from lstm_helpers.core.inside import most_active_units
from lstm_helpers.course import build_checks, checks
from lstm_helpers.data import recall_task
from lstm_helpers.models.bridge import classifier_trace
from lstm_helpers.ui import recall_widgets
from lstm_helpers.viz import recall_figures

config.start_lesson("03_gate_animations")

# %% tags=["parameters"]
DISTRACTOR_COUNTS = config.scale(full=[5, 10, 20, 50], fast=[5, 20])  # gaps N to try
NOISE = 1.0  # standard deviation of the noise on every distractor step
N_TRAIN = config.scale(full=2000, fast=600)  # training sequences per gap
N_TEST = config.scale(full=500, fast=200)  # test sequences per gap
MAX_EPOCHS = config.scale(full=15, fast=5)  # budget per model; stops early at 99%
UNITS = config.scale(full=32, fast=16)  # hidden units of the LSTM and the first SimpleRNN
SHOWN_UNITS = 8  # units drawn in the animation
EXERCISE_GAP = config.scale(full=20, fast=5)  # the GRU exercise: its gap,
EXERCISE_TRAIN = config.scale(full=2000, fast=1000)  # its training sequences
EXERCISE_EPOCHS = config.scale(full=15, fast=10)  # and its epoch budget

# %% [markdown]
# ## A task that needs memory
# Each sequence starts with one of **A B C D**, followed by $N$ distractors drawn from
# **w x y z**. At the end the network must say which symbol came first. Guessing gives 25%.
# Every token is one-hot encoded (8 possible tokens), and every distractor step also carries
# random noise (standard deviation `NOISE`) on all 8 features, like the irrelevant words
# between a subject and its verb. A plain RNN has to add that noise into its state at every
# step; an LSTM can shut its input gate against it.

# %%
x_demo, y_demo = recall_task.make_recall_data(3, distractors=6, seed=0)
for seq, answer in zip(x_demo, y_demo, strict=True):
    tokens = [recall_task.VOCAB[k] for k in seq.argmax(axis=1)]
    print(" ".join(tokens), "→", recall_task.SYMBOLS[answer])
x_noisy, _ = recall_task.make_recall_data(1, distractors=6, seed=0, noise=NOISE)
print("the first sequence as the network sees it, shape", x_noisy[0].shape)
print(np.round(x_noisy[0], 1))

# %% [markdown]
# ## SimpleRNN against LSTM as the gap grows
# For each gap $N$ we train four networks with the same optimiser
# ([Adam](../docs/glossary.md#adam), gradients clipped at norm 1, lesson 01's cure) and the
# same budget of [epochs](../docs/glossary.md#epoch) (passes over the training data, in
# [batches](../docs/glossary.md#batch), each step scaled by the
# [learning rate](../docs/glossary.md#learning-rate); [early
# stopping](../docs/glossary.md#early-stopping) ends a run sooner), then measure accuracy on
# fresh test sequences. A fair comparison needs care, because an LSTM of `UNITS` units has four weight
# blocks to a SimpleRNN's one, and we give it a helpful start:
#
# - **SimpleRNN**, `UNITS` units;
# - **SimpleRNN with as many parameters as the LSTM** (about twice the units);
# - **LSTM, Keras's default start** (forget-gate bias 1, input-gate bias 0);
# - **LSTM, open forget gate**: forget bias 3 ($f \approx 0.95$) and input bias −1, hand-set
#   at the start so that a memory written at step 1 survives long enough for the gradient to
#   find it (lesson 01's slider showed why). Only an LSTM has these gates to set.
#
# (`lstm_helpers.models.recall_models.build_recall_model` builds all four.)
#
# **Predict first**: at which gap will each SimpleRNN drop to chance? Does the LSTM need its
# hand-set start?

# %%
from lstm_helpers.models.recall_models import build_recall_model
from lstm_helpers.training.callbacks import fit_until

n_tokens = len(recall_task.VOCAB)
lstm_params = checks.lstm_param_count("LSTM", n_tokens, UNITS)
wide_units = min(range(1, 1000), key=lambda u: abs(
    checks.lstm_param_count("SimpleRNN", n_tokens, u) - lstm_params))
rnn, wide_rnn = f"SimpleRNN({UNITS})", f"SimpleRNN({wide_units}), as many parameters"
keras_lstm, open_lstm = f"LSTM({UNITS}), Keras's start", f"LSTM({UNITS}), open forget gate"
contestants = {  # name: (kind, units, starting gate biases)
    rnn: ("SimpleRNN", UNITS, {}),
    wide_rnn: ("SimpleRNN", wide_units, {}),
    keras_lstm: ("LSTM", UNITS, {"forget_bias": 1.0, "input_bias": 0.0}),
    open_lstm: ("LSTM", UNITS, {}),
}
results = {name: {} for name in contestants}
trained = {}  # only the model read below: the others are dropped once scored
for n in DISTRACTOR_COUNTS:
    x_train, y_train = recall_task.make_recall_data(N_TRAIN, n, seed=n, noise=NOISE)
    x_test, y_test = recall_task.make_recall_data(N_TEST, n, seed=10_000 + n, noise=NOISE)
    for name, (kind, units, start) in contestants.items():
        config.seed_keras(n)
        model = build_recall_model(kind, units, n_tokens, len(recall_task.SYMBOLS), **start)
        fit_until(model, x_train, y_train, (x_test[: N_TEST // 2], y_test[: N_TEST // 2]),
                  MAX_EPOCHS, desc=f"{kind} {units} · N={n}")
        _, accuracy = model.evaluate(x_test[N_TEST // 2:], y_test[N_TEST // 2:], verbose=0)
        results[name][n] = accuracy
        if (name, n) == (open_lstm, DISTRACTOR_COUNTS[-1]):
            trained[name, n] = model
print("parameters of the recurrent layer: " + ", ".join(
    f"{name}: {checks.lstm_param_count(kind, n_tokens, units):,}"
    for name, (kind, units, _) in contestants.items()))

recall_figures.accuracy_vs_length_figure(results, chance=1 / len(recall_task.SYMBOLS))

# %% [markdown]
# *The figure*: test accuracy (vertical) against the gap $N$ (horizontal), one line per
# network, each with its own dash and marker; the dotted line is chance (25%). Each model
# stops once it gets 99% of the first half of the test sequences right; the accuracy plotted
# is measured on the second half, which no decision looked at. The LSTM has limits too: add
# a gap of 100 to `DISTRACTOR_COUNTS` in the parameters cell and see whether it still learns
# within the same budget.

# %%
for name, by_gap in results.items():
    print(f"{name:40}", "  ".join(f"N={n}: {acc:.0%}" for n, acc in by_gap.items()))
longest = DISTRACTOR_COUNTS[-1]
at_longest = {name: by_gap[longest] for name, by_gap in results.items()}
print(f"At the longest gap (N = {longest}): the LSTM with the open forget gate is "
      f"{(at_longest[open_lstm] - max(at_longest[rnn], at_longest[wide_rnn])) * 100:+.0f} "
      f"points from the better SimpleRNN and "
      f"{(at_longest[open_lstm] - at_longest[keras_lstm]) * 100:+.0f} points from the LSTM "
      "with Keras's start.")

# %% [markdown]
# ## The trained LSTM, run by the NumPy cell
# Take the LSTM trained on the longest gap. Its Keras weights go through the course's NumPy
# cell (`lstm_helpers.core.cells`), which also returns every gate. First, proof that the two
# compute the same thing:

# %%
lstm_model = trained[open_lstm, longest]
x_check, _ = recall_task.make_recall_data(64, longest, seed=99, noise=NOISE)
keras_probs = lstm_model.predict(x_check, verbose=0)
trace, numpy_probs = classifier_trace(lstm_model, x_check)
gap = np.abs(keras_probs - numpy_probs[:, -1]).max()
checks.confirm(gap < 1e-5, "the NumPy cell reproduces the trained Keras LSTM's predictions",
               f"largest difference {gap:.1e}")

# %% [markdown]
# ## Watch it remember
# Press **▶ play** (or drag the slider). Rows are the most active units; columns are tokens
# (shown without noise, so the picture is the LSTM's own). Each heatmap has its colour bar
# on the right: for the two gates bright yellow means open (1) and dark purple shut (0); for
# the cell state blue is positive, red negative, white zero. Cells not yet read are blank.
# - **Input gate**: how much does the cell write at the symbol, and how much at the
#   distractors? Does it differ between units?
# - **Forget gate**: does any unit ever drop its memory (turn dark)?
# - **Cell state**: the memory itself. Which units build up a value and keep it?
# - **Prediction** (bottom): the probability of each answer after each token; after how many
#   tokens is the model sure?
#
# Then compare with a sequence that starts with another symbol, below.

# %%
tokens = recall_task.parse_sequence("C w x y z w x y z w x y z w")
trace, probs = classifier_trace(lstm_model, recall_task.encode(tokens))
units = most_active_units(trace, SHOWN_UNITS)
recall_figures.gate_animation_figure(tokens, trace, probs, recall_task.SYMBOLS, units)

# %% [markdown]
# ## Your own sequence, on the cell diagram
# Type a symbol to remember and any distractors, then press **animate** (or Enter), then
# **▶** (play, and ❚❚ to pause) or drag the token slider. The **cell diagram** shows one unit
# at the current token (pick it in *diagram of*; the busiest unit is first), its wires as
# wide as its gates are open, the heatmaps below the same as above.
#
# **Predict, then play**:
# - At the first token (the symbol), which wire of the diagram is wide: the *write* path
#   (input gate) or the *kept* path (forget gate)? And at the distractors?
# - Watch the top line's label *kept: f·c*: does the memory shrink from token to token?
# - the same distractors after **A** and after **D**: which units change?
# - a very long run of distractors (copy-paste!): when, if ever, does the memory fade?
# - something the task never showed, like `A` alone, or `B` followed by only `z`s.
#
# A typo is fine: the box tells you what it cannot read. One caution, printed below from
# this run: the model saw only sequences of one length in training, so its answer on a
# much shorter or longer sequence is a question about *generalising*, not about memory: a
# wrong answer there does not mean the memory faded.

# %%
print(f"This model was trained only on sequences with {longest} distractors "
      f"({longest + 1} tokens). Shorter or longer ones are new to it.")
explorer = recall_widgets.recall_sequence_explorer(lstm_model, default="A y y w x z w y",
                                                   max_units=SHOWN_UNITS)
explorer

# %% [markdown]
# What this run found, computed from its results (the summary below reads them):

# %%
best_rnn = max(at_longest[rnn], at_longest[wide_rnn])
best_lstm = max(at_longest[keras_lstm], at_longest[open_lstm])
check_trace, _ = classifier_trace(lstm_model, x_check)
busy = most_active_units(check_trace, SHOWN_UNITS)
forget_kept = float(check_trace.f[:, 1:, busy].mean())  # over the distractors, busy units
print(f"at N = {longest}: best SimpleRNN {best_rnn:.0%}, best LSTM {best_lstm:.0%} "
      f"(chance {1 / len(recall_task.SYMBOLS):.0%}); the LSTM is "
      f"{'ahead' if best_lstm > best_rnn else 'not ahead'} by {(best_lstm - best_rnn) * 100:+.0f} "
      "points")
print(f"the trained LSTM's forget gate over the distractors, its {len(busy)} busiest units: "
      f"{forget_kept:.2f} on average ({'open' if forget_kept > 0.9 else 'not held open'})")

# %% [markdown]
# ## Summary
# - The recall task needs memory across $N$ noisy steps. A SimpleRNN must mix every input
#   into its state and its gradient vanishes with distance; an LSTM can shut its input gate
#   and hold its forget gate open. Whether that made the difference *here* is in the two
#   lines above, from this run (in fast mode, with its short gaps and budget, it may not):
#   measure, do not assume. So is how much the hand-set open forget gate helps.
# - Where the trained LSTM's forget gate stays open (near 1) through the distractors, what
#   the input gate writes survives in the cell state and carries the answer to the end; the
#   line above gives this run's average.
# - The Keras LSTM and the NumPy cell agree, so every gate you saw is the real model's.
#
# ## Exercises
# **1.** The run above printed the parameter count of this lesson's LSTM layer. How many
# parameters would it have with **twice** the units (8 inputs per token, 2 × `UNITS` units)?

# %%
answer_1 = ...
checks.check_param_count(answer_1, kind="LSTM", input_dim=len(recall_task.VOCAB),
                         units=2 * UNITS)

# %% [markdown] tags=["solution"]
# **Solution 1.** Four blocks of (8 × $u$ input weights + $u^2$ recurrent weights + $u$
# biases): $4 \times (8u + u^2 + u)$ with $u$ = 2 × `UNITS`. Doubling the units more than
# doubles the count: the recurrent weights grow with $u^2$.

# %% tags=["solution"]
u = 2 * UNITS
answer_1 = 4 * (8 * u + u**2 + u)
checks.check_param_count(answer_1, kind="LSTM", input_dim=len(recall_task.VOCAB),
                         units=2 * UNITS)

# %% [markdown]
# **2.** What accuracy does a model that only guesses get on this task? (A fraction, e.g. 0.5.)

# %%
answer_2 = ...
checks.check_number(answer_2, truth=1 / len(recall_task.SYMBOLS), tolerance=0.01,
                    praise="one in four: the dotted line in the accuracy figure.",
                    hint="the answer is one of A, B, C, D, each equally likely.")

# %% [markdown] tags=["solution"]
# **Solution 2.** One of four symbols, each equally likely: $1/4 = 0.25$.

# %% tags=["solution"]
answer_2 = 1 / 4
checks.check_number(answer_2, truth=1 / len(recall_task.SYMBOLS), tolerance=0.01,
                    praise="one in four: the dotted line in the accuracy figure.",
                    hint="the answer is one of A, B, C, D, each equally likely.")

# %% [markdown]
# **3.** While the LSTM reads distractors, which gate must stay close to **1** on its memory
# units: `"i"`, `"f"` or `"o"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="f",
    options={"i": "an open input gate would write the distractors over the memory.",
             "f": "", "o": "the output gate only decides what is shown, not what is kept."},
    why="c_t = f·c_{t-1} + i·g: the memory survives a step only if f ≈ 1.",
)

# %% [markdown] tags=["solution"]
# **Solution 3.** The forget gate: $c_t = f\,c_{t-1} + i\,g$ keeps the memory only while
# $f \approx 1$ (the wide *kept* wire of the diagram).

# %% tags=["solution"]
answer_3 = "f"
checks.check_choice(
    answer_3, expected="f",
    options={"i": "an open input gate would write the distractors over the memory.",
             "f": "", "o": "the output gate only decides what is shown, not what is kept."},
    why="c_t = f·c_{t-1} + i·g: the memory survives a step only if f ≈ 1.",
)

# %% [markdown]
# **4. Build it.** The GRU (lesson 07 draws it) has an update gate that can hold a memory
# too. Build a GRU with `UNITS` units for the recall task, train it on `x_gap, y_gap` (a gap
# of `EXERCISE_GAP`) with `fit_until` for up to `EXERCISE_EPOCHS` epochs, as above, stopping
# early on `x_val, y_val`, and hand it to the check, which scores it on fresh sequences that
# neither the training nor the early stopping saw: it must reach 90%.

# %%
x_gap, y_gap = recall_task.make_recall_data(EXERCISE_TRAIN, EXERCISE_GAP, seed=7, noise=NOISE)
x_val, y_val = recall_task.make_recall_data(N_TEST // 2, EXERCISE_GAP, seed=9, noise=NOISE)
x_fresh, y_fresh = recall_task.make_recall_data(N_TEST, EXERCISE_GAP, seed=8, noise=NOISE)
gru_model = ...  # build it (build_recall_model takes "GRU"), then train it
build_checks.check_model_accuracy(gru_model, x_fresh, y_fresh, at_least=0.9, kind="GRU")

# %% [markdown] tags=["solution"]
# **Solution 4.** `build_recall_model("GRU", …)` gives the same readout and optimiser as the
# LSTM; its gate biases keep Keras's defaults (the hand-set forget bias is an LSTM-only
# move). A gap of `EXERCISE_GAP` is well within its reach.

# %% tags=["solution"]
config.seed_keras(7)
gru_model = build_recall_model("GRU", UNITS, n_tokens, len(recall_task.SYMBOLS))
fit_until(gru_model, x_gap, y_gap, (x_val, y_val),
          EXERCISE_EPOCHS, desc=f"GRU {UNITS} · N={EXERCISE_GAP}")
build_checks.check_model_accuracy(gru_model, x_fresh, y_fresh, at_least=0.9, kind="GRU")

# %% [markdown]
# **Next**: lesson 04, *Next-word prediction*, where the LSTM reads real words.
