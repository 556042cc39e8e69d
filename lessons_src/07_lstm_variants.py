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
# # 07 · Deep, bidirectional and CNN-LSTM (and GRU), compared honestly
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/07_lstm_variants.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/07_lstm_variants.ipynb)
#
# **What you will learn**
# - four variations on lesson 05's LSTM, what flows where in each, and what each costs in
#   parameters: a **deep** (stacked) LSTM and why its first layer needs
#   `return_sequences=True`; a **bidirectional** LSTM and what concatenating two directions
#   means; a **hybrid CNN-LSTM**, whose convolution shortens the sequence so the LSTM runs
#   faster; and the **GRU**, the LSTM's lighter cousin;
# - to compare models *fairly*: same split, same pipeline, several seeds, mean ± standard
#   deviation, and the choice made on validation, never on test;
# - to read a learning curve and see when a bigger model memorises instead of learning.
#
# **What you need**: lesson 05 (the data pipeline,
# [early stopping](../docs/glossary.md#early-stopping), honest evaluation).
# Full mode fits a class: every variant trained once on a few thousand real training
# reviews for a few [epochs](../docs/glossary.md#epoch), scored on a random subset of the test reviews
# (section 1 prints this run's sizes). The honest study (all the training reviews, several seeds per variant,
# mean ± standard deviation) takes over an hour, so it is a benchmark
# (`tools/bench_variants.py`); section 3 shows its saved results, with the command, date
# and machine that made them. Fast mode's numbers are only a smoke
# test. What this lesson trains is saved in the course cache, for the catch-up switch below.

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

config.start_lesson("07_lstm_variants")  # first: it also quiets TensorFlow's start-up logs

import keras
import numpy as np
from IPython.display import Markdown, display

from lstm_helpers.core.sequences import run_gru
from lstm_helpers.course import benchmark_results, build_checks, checks
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.models.bridge import weights_from_keras
from lstm_helpers.models.sentiment_models import BI_PUBLISHED, VARIANTS, build_classifier
from lstm_helpers.training import checkpoints, comparisons, sentiment_training
from lstm_helpers.training.experiments import encode_imdb, train_and_test
from lstm_helpers.ui import gate_widgets
from lstm_helpers.ui.display import markdown_table
from lstm_helpers.viz import variant_figures

config.seed_keras()

# %% tags=["parameters"]
VOCAB_SIZE = 20000  # words the vectorizer keeps (as lesson 05)
N_TRAIN = config.scale(full=4000, fast=600)  # training reviews (None: all 20,000)
N_VAL = config.scale(full=1500, fast=100)  # validation reviews, carved from train (all: 5,000)
N_TEST = config.scale(full=3000, fast=300)  # test reviews (None: all 25,000)
SEEDS = config.scale(full=[42], fast=[42])  # each variant once per seed ([42, 7, 1]: 3× the time)
EPOCHS = config.scale(full=2, fast=1)  # most epochs per run (early stopping keeps the best)
CURVE_SIZES = config.scale(full=[500, 1500], fast=[200])  # learning-curve sizes
CURVE_EPOCHS = config.scale(full=5, fast=1)  # small training sets need more epochs
TIMING_BATCHES = config.scale(full=5, fast=2)  # batches timed for the published model
EXERCISE_TRAIN = config.scale(full=2000, fast=600)  # the hybrid exercise: training reviews,
EXERCISE_EPOCHS = config.scale(full=4, fast=3)  # its epochs,
EXERCISE_TARGET = config.scale(full=0.65, fast=0.55)  # and the validation accuracy to reach
GRU_TRAIN = config.scale(full=3000, fast=600)  # the GRU exercise: training reviews,
GRU_EPOCHS = config.scale(full=3, fast=3)  # its epochs,
GRU_LR = config.scale(full=3e-3, fast=1e-2)  # its learning rate (few reviews: bigger steps),
GRU_TARGET = config.scale(full=0.75, fast=0.55)  # and the validation accuracy to reach

# %% [markdown]
# **⏩ Catch-up.** Kernel died, or joining late? Set `CATCH_UP = True` below, then *Run All*:
# the comparison and the learning curve are loaded from the course cache, where your last
# run of this lesson saved them (named by lesson, parameters and seeds), instead of being
# trained again; one not saved yet is trained, and the cell says so. Leave it `False` to
# train them yourself, as the lesson intends.

# %%
CATCH_UP = False  # True: load what this lesson saved last time instead of training it
DATA_SIZES = {"vocab_size": VOCAB_SIZE, "n_train": N_TRAIN, "n_val": N_VAL, "n_test": N_TEST}

# %% [markdown]
# ## 1 · The same data as lesson 05
# Lesson 05's split, cut to a class-sized subset in full mode (`N_TRAIN`, `N_VAL`, `N_TEST`;
# `None` takes every review of that split; section 1 prints this run's counts), the same
# vocabulary (learned on training reviews
# only) and the same length-bucketed [batches](../docs/glossary.md#batch). Every model below
# changes **one thing**: what sits between the word vectors and the final sigmoid.

# %%
imdb = load_imdb(n_train=N_TRAIN, n_val=N_VAL, n_test=N_TEST)
_, data = encode_imdb(imdb, VOCAB_SIZE)  # adapted on training reviews only
display(Markdown(markdown_table([{"split": name, **counts}
                                 for name, counts in imdb.counts().items()])))
del imdb  # the reviews are encoded: only their ids are used below, not a second copy
print(f"This run ({config.mode_name()} mode): every variant with {len(SEEDS)} seed(s), for up "
      f"to {EPOCHS} epoch(s); learning curves on {' and '.join(f'{n:,}' for n in CURVE_SIZES)} "
      "reviews.")

# %% [markdown]
# ## 2 · The variants
# ### The classic LSTM (lesson 05's)
# Word vectors go into one LSTM; its **last** hidden state, a summary of the whole review,
# goes to the readout. Each figure below is drawn from the built Keras model: a box per layer
# and, on every arrow, the shape of what flows on (the batch axis left out; *steps* is the
# review's length in tokens).

# %%
NAMES = {"lstm": "classic LSTM", "deep": "deep (2 LSTMs)", "bidirectional": "bidirectional",
         "cnn_lstm": "hybrid CNN-LSTM", "gru": "GRU"}
recipes = {NAMES[key]: recipe.with_(vocab_size=VOCAB_SIZE, epochs=EPOCHS)
           for key, recipe in VARIANTS.items()}
models = {name: build_classifier(recipe) for name, recipe in recipes.items()}
variant_figures.architecture_figure(models["classic LSTM"])

# %% [markdown]
# ### Deep: two LSTMs stacked
# An LSTM layer can hand on either its **last** hidden state, shape `(units,)`, or its hidden
# state at **every step**, shape `(steps, units)`, with `return_sequences=True`. A second LSTM
# reads a *sequence*, so the first must hand on every step. Asking for only the last state
# fails, and Keras says why:

# %%
x = np.random.default_rng(0).normal(size=(1, 6, 4)).astype("float32")  # 1 review, 6 steps, 4 features
print("LSTM(3)                        →", tuple(keras.layers.LSTM(3)(x).shape))
print("LSTM(3, return_sequences=True) →", tuple(keras.layers.LSTM(3, return_sequences=True)(x).shape))
try:
    keras.layers.LSTM(3)(keras.layers.LSTM(3)(x))
except ValueError as error:
    print("LSTM on LSTM(3)'s last state   → ValueError:", str(error).splitlines()[0][:110])

# %% [markdown]
# The lower LSTM turns word vectors into *context-aware* vectors, one per word; the upper
# LSTM reads those: twice the recurrent work per review (section 3 measures what it costs).

# %%
variant_figures.architecture_figure(models["deep (2 LSTMs)"])

# %% [markdown]
# ### Bidirectional: one LSTM reads left to right, a copy reads right to left
# `Bidirectional(LSTM(64))` holds two LSTMs with their own weights. The forward one ends on
# the review's last word, the backward one on its first; their final states are
# **concatenated** into one vector of 2 × 64 numbers. So the readout sees a summary that has
# just read the ending *and* one that has just read the opening. Checked on numbers: the first
# half of the output is the forward LSTM's state, the second half the backward LSTM's, which
# is a plain LSTM run on the reversed review.

# %%
bi = keras.layers.Bidirectional(keras.layers.LSTM(3))
both = np.asarray(bi(x))  # Shape: (1, 6): forward state, then backward state
forward = np.asarray(bi.forward_layer(x))
plain = keras.layers.LSTM(3)
plain.build(x.shape)
plain.set_weights(bi.backward_layer.get_weights())
backward = np.asarray(plain(x[:, ::-1]))  # the same weights, reading the reversed review
print("output:", np.round(both, 3))
display(checks.confirm(np.allclose(both[:, :3], forward, atol=1e-6),
                       "the first half of the output is the forward LSTM's final state"))
checks.confirm(np.allclose(both[:, 3:], backward, atol=1e-6),
               "the second half is a plain LSTM run on the reversed review")

# %%
variant_figures.architecture_figure(models["bidirectional"])

# %% [markdown]
# A widely copied bidirectional model is Embedding(5000, 32) → Bidirectional(LSTM(128)) →
# Dense(1, sigmoid), with reviews padded or cut to 500 tokens. Its summary, and Keras's
# parameter count against the formula (an LSTM has 4 blocks of input weights, recurrent
# weights and biases: $4\,(d\,u + u^2 + u)$ for $d$ inputs and $u$ units, and there are two):

# %%
published = build_classifier(BI_PUBLISHED)
published.summary()
by_formula = (5000 * 32 + 2 * checks.lstm_param_count("LSTM", 32, 128) + (2 * 128 + 1))
print(f"by formula: 5000·32 + 2·4·(32·128 + 128² + 128) + (256 + 1) = {by_formula:,} "
      f"| Keras: {published.count_params():,}")

# %% [markdown]
# Its 128 units per direction on fixed 500-token batches make each training step much
# slower than our bidirectional LSTM's (64 units, length-bucketed batches). Timed on real
# batches (median of several steps, after a warm-up):

# %%
timings = {}
for name, recipe, model in [  # the models built above; timing trains them a few steps
        ("published Bi(LSTM(128)), 500 fixed", BI_PUBLISHED, published),
        ("our bidirectional", recipes["bidirectional"], models["bidirectional"])]:
    view = data.view("train", recipe.vocab_size)
    timings[name] = sentiment_training.seconds_per_batch(model, *view, recipe, TIMING_BATCHES)
display(Markdown(markdown_table([{"model": k, "seconds per batch of 64": f"{v:.3f}"}
                                 for k, v in timings.items()])))

# %% [markdown]
# The benchmark (`tools/bench_variants.py`) trains the published model in full; the README
# lists its accuracy beside the variants'.
#
# ### Hybrid: a convolution, a pooling, then the LSTM
# `Conv1D(64, 5)` slides 64 filters over windows of 5 words, each turning a phrase such as
# *"not good at all"* into one number per filter: phrase detectors. `MaxPooling1D(4)` keeps
# the largest value of each 4 consecutive positions, so **the LSTM reads a sequence 4 times
# shorter**, and the LSTM is the slow part. The convolution cannot pass the padding mask on,
# so this model's reviews are padded at the front (lesson 05, section 1).

# %%
variant_figures.architecture_figure(models["hybrid CNN-LSTM"])

# %% [markdown]
# ### GRU: two gates instead of three
# The GRU (Cho et al., 2014) merges the forget and input gates into one *update* gate $z_t$
# and has no separate memory cell: the hidden state is the memory. A *reset* gate $r_t$
# decides how much of the old state the candidate may read. As Keras computes it (its
# default `reset_after=True`; [⊙](../docs/glossary.md#elementwise-product) multiplies element by
# element and [tanh](../docs/glossary.md#tanh) squashes into (−1, 1), as in lesson 02):
#
# $$z_t = \sigma(x_t W_z + h_{t-1} U_z + b_z), \qquad r_t = \sigma(x_t W_r + h_{t-1} U_r + b_r)$$
# $$\tilde h_t = \tanh\big(x_t W_h + b_h + r_t \odot (h_{t-1} U_h + b'_h)\big), \qquad
#   h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde h_t$$
#
# So $z_t$ near 1 *keeps* the old state (the LSTM's forget gate open and input gate shut at
# once), and $z_t$ near 0 replaces it with the candidate. Keras keeps $z$ on the old state;
# some textbooks write $1 - z$ there, the same cell with the gate's meaning flipped. Three
# blocks of weights instead of the LSTM's four (Keras adds a second bias row), so fewer
# parameters and less work per step. The equations, run in NumPy, against Keras's layer:

# %%
gru_layer = keras.layers.GRU(3, return_sequences=True)
keras_states = np.asarray(gru_layer(x))  # x: 1 sequence, 6 steps, 4 features (section 2)
numpy_states = run_gru(x.astype(np.float64), weights_from_keras(gru_layer))
print(f"largest |NumPy − Keras| over {keras_states.size} hidden values: "
      f"{np.abs(numpy_states - keras_states).max():.1e}")
checks.confirm(np.allclose(numpy_states, keras_states, atol=1e-5),
               "the GRU equations above are what keras.layers.GRU computes")

# %% [markdown]
# The same cell as a diagram, one unit under sliders: the width and shade of each wire show
# how much flows along it, and the numbers on the gates are their values. Predict first:
# push the update gate's slider to the right; which wire goes thick, the old state's or the
# candidate's? Then pull it left and drop the reset gate: what does the candidate still read?

# %%
gate_widgets.gru_explorer()

# %%
variant_figures.architecture_figure(models["GRU"])

# %%
display(Markdown(markdown_table([
    {"variant": name, "recurrent part": recipe.arch,
     "parameters": f"{models[name].count_params():,}",
     "of which embedding": f"{recipe.vocab_size * recipe.embed_dim:,}"}
    for name, recipe in recipes.items()])))
del models, published  # built to be drawn, timed and counted: free them before training

# %% [markdown]
# ## 3 · The comparison: same split, several seeds
# Each variant trains with lesson 05's recipe (Adam,
# [learning rate](../docs/glossary.md#learning-rate) halved over each epoch, dropout on word vectors and on the final state) for at most `EPOCHS` epochs; early stopping
# keeps the epoch with the best **validation** accuracy; then the test set is scored once.
# A single run's accuracy moves by a few tenths of a point with the seed (the initial
# weights and the batch order), which is as large as the differences we are looking for:
# hence several seeds and the mean ± standard deviation, which the study after the table
# gives (this class-sized run trains each variant with the seeds in `SEEDS`, one in full
# mode, so its ± column is empty). Every run shows a progress bar.

# %%
rows = checkpoints.keep(  # each variant's scores (the models are not kept)
    "comparison", lambda: comparisons.compare(recipes, data, SEEDS),
    params={"recipes": recipes, "seeds": SEEDS, **DATA_SIZES}, catch_up=CATCH_UP)
summary = comparisons.summarize(rows)
display(Markdown(markdown_table(comparisons.format_summary(summary))))

# %%
variant_figures.comparison_chart(summary, title=f"Five variants, {len(SEEDS)} seed(s) each, "
                                 f"{config.mode_name()} mode")

# %% [markdown]
# *The figure*: left, each variant's test accuracy (bar, axis from 0) and validation
# accuracy (diamond), with whiskers of ± one standard deviation over seeds when there are
# several; right, seconds per training epoch. On an axis from 0, a gap of a point looks as
# small as it is; the lines below give this run's differences in numbers.

# %%
by_name = {row["variant"]: row for row in summary}
best = comparisons.best_variant(summary)
speedup = by_name["classic LSTM"]["s / epoch"] / by_name["hybrid CNN-LSTM"]["s / epoch"]
gain = by_name["hybrid CNN-LSTM"]["test acc"] - by_name["classic LSTM"]["test acc"]
print(f"best on validation: {best['variant']} ({best['val acc']:.2%} validation, "
      f"{best['test acc']:.2%} test)")
print(f"hybrid vs classic: {speedup:.1f}× the speed per epoch, "
      f"{gain * 100:+.2f} points of test accuracy")
print("time per epoch, relative to the classic LSTM: " + ", ".join(
    f"{name} {row['s / epoch'] / by_name['classic LSTM']['s / epoch']:.1f}×"
    for name, row in by_name.items() if name != "classic LSTM"))
print("validation minus test, points: " + ", ".join(
    f"{name} {(row['val acc'] - row['test acc']) * 100:+.1f}" for name, row in by_name.items()))

# %% [markdown]
# How to read it:
# - **Validation and test disagree by a point or two, either way** (the last line above):
#   validation is split by film (lesson 05), so it shares no movies with training and is not
#   flattered, but a small validation set is noisy. Compare models on one column at a time.
# - **Differences smaller than the seed-to-seed spread are not differences.** One seed gives
#   no spread at all; the multi-seed study below does, and even a few seeds give a rough
#   standard deviation: treat variants as "about equal" unless the gap is several times it.
# - **The hybrid's speed comes from the LSTM reading a 4× shorter sequence**; the convolution
#   costs little. Its phrase detectors also suit this task, where short phrases carry much of
#   the sentiment.
# - The deep and bidirectional variants run two LSTMs over every review: twice the recurrent
#   work. What that costs per epoch is in the line "time per epoch" above, measured on this
#   run (on a few thousand reviews, fixed costs per batch blur it; the full-data study below
#   shows it more clearly). Whether it buys accuracy is in the table, not in their reputation.
#
# ### The honest study: all the data, several seeds
# One seed on this run's few thousand reviews (section 1 prints how many) cannot separate
# variants that differ by a point. The benchmark `tools/bench_variants.py` trains every
# variant on all the training reviews, seed after seed, and scores the full test set; it
# writes `benchmarks/variants.json` with the command, date and machine of its run, which the
# cell below shows: read its line above the table for how many seeds it holds and what else
# shared the machine. Where the file is missing, the cell prints the command that makes it.

# %%
study = benchmark_results.load("variants")  # None, with the command to run, until it exists
if study is not None:
    print(benchmark_results.provenance(study))
    study_summary = comparisons.summarize(
        study["rows"], columns=("parameters", "s / epoch", "val acc", "test acc", "ROC AUC"))
    display(Markdown(markdown_table(comparisons.format_summary(study_summary))))

# %% [markdown]
#
# ## 4 · Learning curves: when does the deep model overfit?
# More parameters can memorise more. A learning curve trains the same models on growing
# subsets of the training reviews and shows training accuracy (dotted) beside validation
# accuracy (solid), both measured on the kept model after training. The gap between them is
# memorisation: what the model knows about its training reviews and cannot use on new ones.

# %%
curve_recipes = {name: recipes[name].with_(epochs=CURVE_EPOCHS, lr_decay=0.8, patience=2)
                 for name in ("classic LSTM", "deep (2 LSTMs)")}
curve = checkpoints.keep(
    "learning curve", lambda: comparisons.learning_curve(curve_recipes, data, CURVE_SIZES,
                                                         seed=SEEDS[0]),
    params={"recipes": curve_recipes, "sizes": CURVE_SIZES, "seed": SEEDS[0], **DATA_SIZES},
    catch_up=CATCH_UP)
variant_figures.learning_curve_figure(curve)

# %%
gaps = comparisons.memorisation_gaps(curve, deeper="deep (2 LSTMs)", simpler="classic LSTM")
display(Markdown(markdown_table(gaps, {"gap deep (2 LSTMs)": ".1%", "gap classic LSTM": ".1%",
                                       "val deep (2 LSTMs)": ".1%", "val classic LSTM": ".1%",
                                       "training reviews": ","})))

# %% [markdown]
# Read the gaps from small to large training sets. A model with more parameters per useful
# signal memorises more when data is scarce: its dotted line sits far above its solid line at
# the left, and the two close in as data grows. Where the deep model's gap is the larger
# *and* its validation accuracy the lower, depth is hurting; where the gaps meet, the
# training set has become large enough for the extra layer. The comparison in section 3
# shows what depth buys on this run's training set; `tools/bench_variants.py` measures it
# on all of it.

# %% [markdown]
# ## Summary
# - **Deep**: stack LSTMs with `return_sequences=True` on every layer but the last; twice the
#   recurrent work and more to memorise with (the learning curve shows whether it did).
# - **Bidirectional**: two LSTMs, one per direction, their final states concatenated; twice
#   the recurrent work.
# - **Hybrid CNN-LSTM**: a convolution finds phrases and pooling shortens the sequence, so the
#   LSTM, the slow part, reads a quarter of the steps.
# - **GRU**: 3 weight blocks instead of 4.
# - **Compare fairly**: same split and pipeline, several seeds, mean ± std, choose on
#   validation, score the test set once. A difference smaller than the spread is noise.
#
# The README's benchmark table (`tools/bench_variants.py`) gives every variant's full-data
# numbers on a 2-core machine.
#
# ## Exercises
# **1.** How many parameters does `Bidirectional(LSTM(32))` have on 16-wide word vectors?
# (Both directions; no embedding, no readout.)

# %%
answer_1 = ...
checks.check_number(
    answer_1, 2 * checks.lstm_param_count("LSTM", 16, 32), 0.5,
    f"2 × 4 × (16·32 + 32² + 32) = {2 * checks.lstm_param_count('LSTM', 16, 32):,}: two "
    "LSTMs, each with 4 blocks of input weights, recurrent weights and biases.",
    "one LSTM has 4 · (inputs · units + units² + units); a bidirectional layer has two.")

# %% [markdown] tags=["solution"]
# **Solution 1.** One LSTM: 4 · (16·32 + 32·32 + 32) = 6,272; two of them, 12,544. Keras
# agrees: build the layer and count.

# %% tags=["solution"]
layer = keras.layers.Bidirectional(keras.layers.LSTM(32))
layer.build((None, None, 16))
answer_1 = layer.count_params()
checks.check_number(
    answer_1, 2 * checks.lstm_param_count("LSTM", 16, 32), 0.5,
    f"2 × 4 × (16·32 + 32² + 32) = {2 * checks.lstm_param_count('LSTM', 16, 32):,}: two "
    "LSTMs, each with 4 blocks of input weights, recurrent weights and biases.",
    "one LSTM has 4 · (inputs · units + units² + units); a bidirectional layer has two.")

# %% [markdown]
# **2.** The hybrid's `MaxPooling1D(4, padding="same")` gets a review of 801 tokens. How many
# steps does its LSTM read?

# %%
answer_2 = ...
checks.check_number(
    answer_2, -(-801 // 4), 0.5,
    "⌈801 / 4⌉ = 201: pooling keeps one value per 4 steps, and 'same' padding keeps the "
    "last, incomplete group.",
    "divide by the pool size and round up ('same' padding keeps a final partial group).")

# %% [markdown] tags=["solution"]
# **Solution 2.** 801 / 4 = 200.25: 200 full groups of 4 and one group of 1, which "same"
# padding keeps. Run the layer to see it:

# %% tags=["solution"]
pooled = keras.layers.MaxPooling1D(4, padding="same")(np.zeros((1, 801, 3), "float32"))
answer_2 = pooled.shape[1]
checks.check_number(
    answer_2, -(-801 // 4), 0.5,
    "⌈801 / 4⌉ = 201: pooling keeps one value per 4 steps, and 'same' padding keeps the "
    "last, incomplete group.",
    "divide by the pool size and round up ('same' padding keeps a final partial group).")

# %% [markdown]
# **3.** You stack three LSTMs. Which of them need `return_sequences=True`: `"all"`,
# `"first two"`, `"last"` or `"none"`? (The readout reads the last LSTM's final state.)

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="first two",
    options={"first two": "", "all": "the last one must hand the readout one vector per "
             "review, its final state, not a sequence.",
             "last": "it is the *lower* LSTMs that must hand a sequence up.",
             "none": "then the second LSTM would get one vector, not a sequence (the "
             "ValueError in section 2)."},
    why="every LSTM that feeds another LSTM hands on every step; the top one hands on its "
        "last state.")

# %% [markdown] tags=["solution"]
# **Solution 3.** The first and second LSTMs each feed another LSTM, which reads a
# sequence; the third feeds the readout, which wants one vector per review.

# %% tags=["solution"]
answer_3 = "first two"
checks.check_choice(
    answer_3, expected="first two",
    options={"first two": "", "all": "the last one must hand the readout one vector per "
             "review, its final state, not a sequence.",
             "last": "it is the *lower* LSTMs that must hand a sequence up.",
             "none": "then the second LSTM would get one vector, not a sequence (the "
             "ValueError in section 2)."},
    why="every LSTM that feeds another LSTM hands on every step; the top one hands on its "
        "last state.")

# %% [markdown]
# **4.** In the comparison table of section 3, which variant had the **highest mean
# validation accuracy**? Give its name as in the table (the one you would pick without
# looking at the test column).

# %%
answer_4 = ...
best_of_all = comparisons.best_variant(summary)  # every row of section 3's table
checks.check_choice(
    answer_4, expected=best_of_all["variant"],
    options={row["variant"]: "" if row is best_of_all else
             "compare the validation column, not the test column." for row in summary},
    why="we choose on validation so the test set stays an honest estimate.")

# %% [markdown] tags=["solution"]
# **Solution 4.** Read the *validation* column of section 3's table and take its largest
# mean; in code, the row with the highest `val acc`:

# %% tags=["solution"]
answer_4 = max(summary, key=lambda row: row["val acc"])["variant"]
print("chosen on validation:", answer_4)
checks.check_choice(
    answer_4, expected=best_of_all["variant"],
    options={row["variant"]: "" if row is best_of_all else
             "compare the validation column, not the test column." for row in summary},
    why="we choose on validation so the test set stays an honest estimate.")

# %% [markdown]
# **5. Build it.** Make the hybrid faster still: change its recipe so the convolution reads
# **3-word** windows and the pooling keeps one value in **8**, so the LSTM reads an 8× shorter
# sequence (`recipes["hybrid CNN-LSTM"].with_(...)`; the fields are `kernel_size` and
# `pool_size`; give it `epochs=EXERCISE_EPOCHS` too). Train it on the first `EXERCISE_TRAIN` training reviews with
# `train_and_test(recipe, data, n_train=EXERCISE_TRAIN, score_test=False)` (it returns
# model, run, probs) and hand the model to the check. It checks the layers you asked for and
# scores the model on the validation reviews: it must reach `EXERCISE_TARGET`. Does the
# shorter sequence cost accuracy against section 3's hybrid?

# %%
fast_recipe = ...  # the hybrid with 3-word windows and a pool of 8
fast_model = ...  # trained with train_and_test
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    fast_model, val_seqs, val_labels, at_least=EXERCISE_TARGET, kind="LSTM",
    settings={"Conv1D": {"kernel_size": 3}, "MaxPooling1D": {"pool_size": 8}},
    predict=lambda model, x: sentiment_training.predict(model, x, fast_recipe))

# %% [markdown] tags=["solution"]
# **Solution 5.** Two fields of the recipe; the pipeline, the padding at the front and the
# training stay the same. The run's seconds per epoch show what the 8× shorter sequence saves.

# %% tags=["solution"]
fast_recipe = recipes["hybrid CNN-LSTM"].with_(kernel_size=3, pool_size=8,
                                               epochs=EXERCISE_EPOCHS)
fast_model, fast_run, _ = train_and_test(fast_recipe, data, n_train=EXERCISE_TRAIN,
                                         score_test=False)
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    fast_model, val_seqs, val_labels, at_least=EXERCISE_TARGET, kind="LSTM",
    settings={"Conv1D": {"kernel_size": 3}, "MaxPooling1D": {"pool_size": 8}},
    predict=lambda model, x: sentiment_training.predict(model, x, fast_recipe))


# %% [markdown]
# **6. Build it.** Change the classic LSTM's recipe into a **GRU** classifier with
# `recipes["classic LSTM"].with_(arch=..., epochs=..., learning_rate=...)` (the recipe's field
# is `learning_rate`, not Keras 2's `lr`), train it on the first `GRU_TRAIN` training reviews
# with `train_and_test(..., n_train=GRU_TRAIN, score_test=False)`, and hand the trained
# model to the check. It scores the model on the validation reviews, which it never trained
# on: it must reach `GRU_TARGET`.

# %%
gru_recipe = ...  # the classic LSTM's recipe with a GRU, GRU_EPOCHS epochs, learning rate GRU_LR
gru_model = ...  # trained with train_and_test (it returns model, run, probs)
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    gru_model, val_seqs, val_labels, at_least=GRU_TARGET, kind="GRU",
    predict=lambda model, x: sentiment_training.predict(model, x, gru_recipe))

# %% [markdown] tags=["solution"]
# **Solution 6.** One field of the recipe changes the recurrent layer (`arch="gru"`); the
# data pipeline, the mask and the training stay lesson 05's. `train_and_test` returns the
# trained model first.

# %% tags=["solution"]
gru_recipe = recipes["classic LSTM"].with_(arch="gru", epochs=GRU_EPOCHS, learning_rate=GRU_LR)
gru_model, _, _ = train_and_test(gru_recipe, data, n_train=GRU_TRAIN, score_test=False)
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    gru_model, val_seqs, val_labels, at_least=GRU_TARGET, kind="GRU",
    predict=lambda model, x: sentiment_training.predict(model, x, gru_recipe))

# %% [markdown]
# **Next**: lesson 08, *Pretrained starts*: the same classifiers started from word vectors
# or from lesson 04's language model instead of random numbers, measured.
