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
# # 06 · Inside a trained classifier: its verdict word by word, and gate surgery
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/06_inside_classifier.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/06_inside_classifier.ipynb)
#
# **What you will learn**
# - to run a trained Keras LSTM classifier in the NumPy cell of lesson 02, and prove that it
#   gives the same verdicts;
# - to read the model's verdict after every word, and which memory units follow it;
# - what happens when you force one unit's forget, input or output gate open or shut.
#
# **What you need**: lesson 02 (the gates) and lesson 05's course LSTM. Lesson 05 saved it
# in the course cache; this lesson loads it from there. Where it is missing (another
# machine, a new Colab session, lesson 05 skipped), the loading cell says so and trains it
# here with lesson 05's recipe and a progress bar; it never goes on without it.

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
from lstm_helpers import config

config.start_lesson("06_inside_classifier")  # first: it also quiets TensorFlow's start-up logs

import numpy as np
from IPython.display import Markdown, display

from lstm_helpers.course import build_checks, checks
from lstm_helpers.data import batches, text
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.models import review_verdicts
from lstm_helpers.models.bridge import numpy_classifier
from lstm_helpers.models.sentiment_models import TUNED
from lstm_helpers.training import checkpoints, course_classifier
from lstm_helpers.ui import sentiment_widgets
from lstm_helpers.ui.display import markdown_table

config.seed_keras()

# %% tags=["parameters"]
# Lesson 05's sizes: they name its saved classifier (other sizes: another model).
VOCAB_SIZE = 20000  # words the vectorizer keeps
MAX_LEN = 800  # tokens the course LSTM reads per review (the ending is kept)
N_TRAIN = config.scale(full=None, fast=600)  # training reviews (None: all 20,000)
N_VAL = config.scale(full=None, fast=200)  # validation reviews, carved from train (all: 5,000)
N_TEST = config.scale(full=10000, fast=600)  # test reviews, a random 10,000 (None: all 25,000)
TUNED_EPOCHS = config.scale(full=4, fast=1)  # the course's LSTM: most epochs to choose from

# %% [markdown]
# ## 1 · Lesson 05's classifier
# The course LSTM (`sentiment_models.TUNED`: Embedding(20,000 → 64), LSTM(64), a sigmoid
# readout), trained on every training review, with the
# [epochs](../docs/glossary.md#epoch) chosen on validation. The cell
# loads it and the vocabulary it reads, and the test reviews it was scored on.

# %%
DATA_SIZES = {"vocab_size": VOCAB_SIZE, "n_train": N_TRAIN, "n_val": N_VAL, "n_test": N_TEST}
tuned = TUNED.with_(vocab_size=VOCAB_SIZE, max_len=MAX_LEN, epochs=TUNED_EPOCHS)
imdb = load_imdb(n_train=N_TRAIN, n_val=N_VAL, n_test=N_TEST)
classifier = checkpoints.earlier(
    "05_imdb_classifier", course_classifier.CHECKPOINT,
    lambda: course_classifier.train_from_scratch(imdb, tuned),  # only when it is missing
    params={"recipe": tuned, **DATA_SIZES})
model, probs = classifier["model"], classifier["probs"]  # probs: P(positive), test reviews
vectorizer = course_classifier.vectorizer_for(classifier["vocabulary"])
index_word = text.vocabulary_maps(classifier["vocabulary"])[1]
test_seqs, test_labels = batches.encode(imdb.test.texts, vectorizer), imdb.test.labels
del classifier  # its parts are named above
print(f"the course LSTM: {model.count_params():,} parameters; {len(test_seqs):,} test reviews, "
      f"{np.mean((probs >= 0.5) == test_labels):.1%} of them judged right")

# %% [markdown]
# ## 2 · The same model in NumPy
# The trained Keras weights, copied into the NumPy LSTM cell of lesson 02, give the same
# verdicts. First the proof, on a few test reviews:

# %%
numpy_model = numpy_classifier(model)
check = [k for k in range(len(test_seqs)) if len(test_seqs[k]) <= MAX_LEN][:5]
gap = max(abs(numpy_model.trace(test_seqs[k])[1][-1] - probs[k]) for k in check)
checks.confirm(gap < 1e-5, f"the NumPy cell gives Keras's verdicts on {len(check)} test reviews",
               f"largest difference in P(positive) {gap:.1e}")

# %% [markdown]
# Because the cell is ours, we can read the model's verdict **after every word**: the
# probability it would give had the review stopped there. Type any review, then press
# **read this review**.
#
# *The line*: P(positive) after each word (hover for the word); the shaded halves mark which
# side of 0.5 it is on, the markers are blue above and red below it. *The heatmap*: the cell
# state $c$ of the units whose memory follows the verdict most closely, one row per unit,
# one column per word, blue positive and red negative (colour bar on the right).

# %%
review_box = sentiment_widgets.review_panel(
    numpy_model, vectorizer, index_word, MAX_LEN,
    default="I expected a dull, predictable plot, but the acting was superb and the ending "
            "moved me. One of the best films this year.")
review_box

# %% [markdown]
# **Odd inputs**: every one gets a verdict or a message saying what to do, never a traceback.

# %%
odd = {"empty": "", "punctuation only": "?!... ---", "emoji only": "😍🎬🍿",
       "HTML line breaks": "Loved it.<br /><br />Brilliant cast.<br />Go see it!",
       "not English": "Ein wunderbarer Film, ich habe geweint.",
       "100,000 characters": "A wonderful film. " * 5_556}
display(Markdown(markdown_table(
    [{"input": name, **review_verdicts.judge(numpy_model, vectorizer, review, MAX_LEN)}
     for name, review in odd.items()], {"p_positive": ".3f"})))

# %% [markdown]
# ## 3 · Gate surgery
# Pick a review and one memory unit (ranked by how closely its cell state follows the
# verdict). Tick **force** to override that unit's forget, input or output gate with the
# slider value over the chosen span of words; the grey curves are the model as trained, the
# blue ones with your gates. The override changes that unit's cell state, then its output
# $h$, which flows into every unit's next step and into the readout.
#
# **Try, and predict first**:
# 1. Force the *forget* gate to 0 and the *input* gate to 0: the unit's memory is wiped at
#    every word. Does the verdict change? (One unit among 64 rarely decides alone.)
# 2. Force *forget* = 1 and *input* = 0 over the second half: the memory freezes. Where is
#    the blue cell-state curve flat?
# 3. Force the *output* gate to 0: the unit still remembers (its c moves) but says nothing.
# 4. Move **look at word** to read the learned and forced gate values at one word, and see
#    that unit at that word on the **cell diagram** below it.
#
# *The curves*: for the chosen unit, its cell state (top) and the model's P(positive) (bottom)
# after each word, learned (grey dotted) and with your gates (blue solid); the orange band is
# the span where the gates are forced. *The cell diagram*: the unit at the word you look at,
# with your gates, its wires as wide as its gates are open.

# %%
examples = review_verdicts.example_reviews(test_seqs, test_labels, probs, index_word)
surgery = sentiment_widgets.gate_surgery_panel(numpy_model, examples, index_word)
surgery

# %% [markdown]
# ## Summary
# - A trained Keras LSTM is four blocks of weights and a readout: copied into the NumPy cell
#   of lesson 02, they give Keras's verdicts to within rounding.
# - Because the cell is ours, the verdict can be read after every word, and the units whose
#   memory follows it can be found and watched.
# - Forcing one unit's gates shows what each gate does inside a real model: the forget gate
#   keeps or wipes the memory, the input gate writes to it, the output gate decides whether
#   the rest of the network hears it. One unit among 64 rarely decides a verdict alone.
#
# ## Exercises
# **1.** In the gate surgery panel, which gate do you force to 0 so that a unit keeps its
# memory but stops passing it on (its $h$ stays 0): `"forget"`, `"input"` or `"output"`?

# %%
answer_1 = ...
checks.check_choice(
    answer_1, expected="output",
    options={"output": "", "forget": "a forget gate of 0 wipes the memory itself.",
             "input": "an input gate of 0 stops new writing, but h still shows the memory."},
    why="h = o · tanh(c): with o = 0 the unit is silent while c keeps its value.")

# %% [markdown] tags=["solution"]
# **Solution 1.** The output gate: the unit shows $o$ times the
# [tanh](../docs/glossary.md#tanh) of its
# memory, $h = o \cdot \tanh(c)$, so with $o = 0$ the unit shows
# nothing while its memory $c$ keeps its value (the surgery panel's top curve still moves).

# %% tags=["solution"]
answer_1 = "output"
checks.check_choice(
    answer_1, expected="output",
    options={"output": "", "forget": "a forget gate of 0 wipes the memory itself.",
             "input": "an input gate of 0 stops new writing, but h still shows the memory."},
    why="h = o · tanh(c): with o = 0 the unit is silent while c keeps its value.")


# %% [markdown]
# **2. Build it.** The readout is one line of NumPy. Write `readout(h)`: given the hidden
# state after a review's **last** word (a NumPy array of shape (units,)), return P(positive)
# computed with the readout's weights, `numpy_model.readout_kernel` (units, 1) and
# `numpy_model.readout_bias` (1,), and the logistic sigmoid $\sigma(z) = 1 / (1 + e^{-z})$.
# The check runs it on the reviews of the proof in section 2 and compares with Keras's
# verdicts.

# %%
def readout(h):  # h: the hidden state after the last word, shape (units,)
    ...  # return P(positive) from h, numpy_model.readout_kernel and numpy_model.readout_bias


build_checks.check_readout(readout, numpy_model, [test_seqs[k] for k in check], probs[check])

# %% [markdown] tags=["solution"]
# **Solution 2.** The hidden state times the readout's weights, plus its bias, through the
# sigmoid: exactly what Keras's `Dense(1, activation="sigmoid")` computes.

# %% tags=["solution"]
def readout(h):
    logit = h @ numpy_model.readout_kernel[:, 0] + numpy_model.readout_bias[0]
    return 1 / (1 + np.exp(-logit))


build_checks.check_readout(readout, numpy_model, [test_seqs[k] for k in check], probs[check])

# %% [markdown]
# **3.** The NumPy cell and Keras agree to about $10^{-5}$ in P(positive) (the proof in
# section 2 prints the largest difference), not exactly. Why: `"float64 vs float32"`,
# `"different weights"` or `"masking"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="float64 vs float32",
    options={"float64 vs float32": "", "different weights": "the NumPy cell holds the very "
             "weights Keras trained (numpy_classifier copies them); with other weights the "
             "verdicts would differ by far more.",
             "masking": "the proof uses whole reviews, with no padding for a mask to skip."},
    why="the same sums in 64-bit and 32-bit floating point round differently, by about 1e-7 "
        "per operation, which adds up over hundreds of steps.")

# %% [markdown] tags=["solution"]
# **Solution 3.** Rounding: NumPy computes in 64-bit floats, Keras in 32-bit ones, and the
# small differences add up over a review's hundreds of steps.

# %% tags=["solution"]
answer_3 = "float64 vs float32"
checks.check_choice(
    answer_3, expected="float64 vs float32",
    options={"float64 vs float32": "", "different weights": "the NumPy cell holds the very "
             "weights Keras trained (numpy_classifier copies them); with other weights the "
             "verdicts would differ by far more.",
             "masking": "the proof uses whole reviews, with no padding for a mask to skip."},
    why="the same sums in 64-bit and 32-bit floating point round differently, by about 1e-7 "
        "per operation, which adds up over hundreds of steps.")

# %% [markdown]
# **Next**: lesson 07, *Deep, bidirectional and CNN-LSTM (and GRU)*: the same data and the
# same honest evaluation, with stacked, two-way and convolutional variants.
