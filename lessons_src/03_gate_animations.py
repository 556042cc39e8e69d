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
#   while an LSTM of the same size succeeds;
# - to read a trained LSTM's gates token by token: the **input gate writes**, the **forget gate
#   holds**;
# - that a trained Keras LSTM and the course's NumPy cell compute the same numbers.
#
# **What you need**: lessons 01 and 02. Training takes seconds on a CPU.

# %%
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
from lstm_helpers.course import checks
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
UNITS = config.scale(full=32, fast=16)  # hidden units, the same for both kinds
SHOWN_UNITS = 8  # units drawn in the animation

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
# For each gap $N$ we train a `SimpleRNN` and an `LSTM` with the same number of units, the same
# optimiser (Adam, gradient norm clipped at 1) and the same epoch budget, then measure accuracy
# on fresh test sequences. The LSTM starts with its forget gate open (bias 3, so $f \approx 0.95$)
# and its input gate half shut (bias −1): lesson 01's slider showed why an open forget gate lets
# the gradient reach step 1. (`lstm_helpers.models.recall_models.build_recall_model` has the details.)
#
# **Predict first**: at which gap will the SimpleRNN drop to chance?

# %%

from lstm_helpers.models.recall_models import build_recall_model
from lstm_helpers.training.callbacks import fit_until

results = {"SimpleRNN": {}, "LSTM": {}}
trained = {}
for n in DISTRACTOR_COUNTS:
    x_train, y_train = recall_task.make_recall_data(N_TRAIN, n, seed=n, noise=NOISE)
    x_test, y_test = recall_task.make_recall_data(N_TEST, n, seed=10_000 + n, noise=NOISE)
    for kind in results:
        config.seed_keras(n)
        model = build_recall_model(kind, UNITS, len(recall_task.VOCAB), len(recall_task.SYMBOLS))
        fit_until(model, x_train, y_train, (x_test[: N_TEST // 2], y_test[: N_TEST // 2]),
                  MAX_EPOCHS, desc=f"{kind:9} N={n:3}")
        _, accuracy = model.evaluate(x_test[N_TEST // 2:], y_test[N_TEST // 2:], verbose=0)
        results[kind][n] = accuracy
        trained[kind, n] = model

recall_figures.accuracy_vs_length_figure(results, chance=1 / len(recall_task.SYMBOLS))

# %% [markdown]
# (Each model stops once it gets 99% of the first half of the test sequences right; the accuracy
# plotted is measured on the second half, which no decision looked at.) The LSTM has limits
# too: add a gap of 100 to `DISTRACTOR_COUNTS` in the parameters cell and see whether it still
# learns within the same budget.

# %%
for kind, by_gap in results.items():
    print(f"{kind:9}", "  ".join(f"N={n}: {acc:.0%}" for n, acc in by_gap.items()))

# %% [markdown]
# ## The trained LSTM, run by the NumPy cell
# Take the LSTM trained on the longest gap. Its Keras weights go through the course's NumPy
# cell (`lstm_helpers.core.cells`), which also returns every gate. First, proof that the two
# compute the same thing:

# %%
longest = DISTRACTOR_COUNTS[-1]
lstm_model = trained["LSTM", longest]
x_check, _ = recall_task.make_recall_data(64, longest, seed=99, noise=NOISE)
keras_probs = lstm_model.predict(x_check, verbose=0)
trace, numpy_probs = classifier_trace(lstm_model, x_check)
gap = np.abs(keras_probs - numpy_probs[:, -1]).max()
checks.confirm(gap < 1e-5, "the NumPy cell reproduces the trained Keras LSTM's predictions",
               f"largest difference {gap:.1e}")

# %% [markdown]
# ## Watch it remember
# Press **▶ play** (or drag the slider). Rows are the most active units; columns are tokens
# (shown without noise, so the picture is the LSTM's own).
# - **Input gate** (green, dark = open): how much does the cell write at the symbol, and how
#   much at the distractors? Does it differ between units?
# - **Forget gate** (pale = open, red = closed): does any unit ever drop its memory?
# - **Cell state** (blue and red): the memory itself. Which units build up a value and keep it?
# - **Prediction**: after how many tokens is the model sure of the answer?
#
# Then compare with a sequence that starts with another symbol, below.

# %%
tokens = recall_task.parse_sequence("C w x y z w x y z w x y z w")
trace, probs = classifier_trace(lstm_model, recall_task.encode(tokens))
units = most_active_units(trace, SHOWN_UNITS)
recall_figures.gate_animation_figure(tokens, trace, probs, recall_task.SYMBOLS, units)

# %% [markdown]
# ## Your own sequence
# Type a symbol to remember and any distractors, then press **animate** (or Enter). Try:
# - the same distractors after **A** and after **D**: which units change?
# - a very long run of distractors (copy-paste!): when, if ever, does the memory fade?
# - something the task never showed, like `A` alone, or `B` followed by only `z`s.
#
# A typo is fine: the box tells you what it cannot read.

# %%
explorer = recall_widgets.recall_sequence_explorer(lstm_model, default="A y y w x z w y",
                                                   max_units=SHOWN_UNITS)
explorer

# %% [markdown]
# ## Summary
# - The recall task needs memory across $N$ noisy steps; a SimpleRNN, which must mix every
#   input into its state and whose gradient vanishes with distance, fails once $N$ is large,
#   while an LSTM of the same size, which can shut its input gate, learns it with the same budget.
# - In the trained LSTM the forget gate stays open (near 1) through the distractors, so what the
#   input gate writes accumulates in the cell state, which carries the answer to the end.
# - The Keras LSTM and the NumPy cell agree, so every gate you saw is the real model's.
#
# ## Exercises
# **1.** How many parameters does the LSTM layer of this lesson have (8 inputs per token,
# `UNITS` units)?

# %%
answer_1 = ...
checks.check_param_count(answer_1, kind="LSTM", input_dim=len(recall_task.VOCAB), units=UNITS)

# %% [markdown]
# **2.** What accuracy does a model that only guesses get on this task? (A fraction, e.g. 0.5.)

# %%
answer_2 = ...
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

# %% [markdown]
# **Next**: lesson 04, *Next-word prediction*, where the LSTM reads real words.
