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
# # 08 · Pretrained starts: word vectors and a language model as a classifier's first weights
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/08_pretrained_starts.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/08_pretrained_starts.ipynb)
#
# **What you will learn**
# - to compute word vectors from unlabelled text (co-occurrence counts, PPMI, a truncated SVD)
#   and read them through their nearest words;
# - to start a classifier from those vectors, or from lesson 04's language model, and
#   measure whether the head start beats random numbers, at equal seeds and
#   [batches](../docs/glossary.md#batch);
# - to diagnose a start *before* training: stuck gates and first-step gradients.
#
# **What you need**: lesson 07 (the variants, fair comparisons) and lesson 04's language
# model. Lesson 04 saved it in the course cache; where it is missing (another machine, a new
# Colab session, lesson 04 skipped), the loading cell says so and trains it with lesson 04's
# sizes and a progress bar. Full mode uses a class-sized split (section 1 prints its sizes);
# fast mode's numbers are only a smoke test. Every run trains for a few
# [epochs](../docs/glossary.md#epoch), keeping the best on validation. What this lesson trains is saved in the course
# cache, for the catch-up switch below.

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

config.start_lesson("08_pretrained_starts")  # first: it also quiets TensorFlow's start-up logs

from IPython.display import Markdown, display

from lstm_helpers.course import benchmark_results, build_checks, checks
from lstm_helpers.data import text
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.models import pretrained
from lstm_helpers.models.sentiment_models import VARIANTS, build_classifier
from lstm_helpers.training import (
    checkpoints,
    comparisons,
    next_word_training,
    sentiment_training,
    start_diagnosis,
)
from lstm_helpers.training.experiments import encode_imdb, train_and_test
from lstm_helpers.ui.display import markdown_table
from lstm_helpers.viz import variant_figures

config.seed_keras()

# %% tags=["parameters"]
VOCAB_SIZE = 20000  # words the vectorizer keeps (as lesson 05)
N_TRAIN = config.scale(full=4000, fast=600)  # training reviews (None: all 20,000)
N_VAL = config.scale(full=1500, fast=100)  # validation reviews, carved from train (all: 5,000)
N_TEST = config.scale(full=3000, fast=300)  # test reviews (None: all 25,000)
SEEDS = config.scale(full=[42], fast=[42])  # each hybrid once per seed ([42, 7, 1]: 3× the time)
EPOCHS = config.scale(full=2, fast=1)  # most epochs per run (early stopping keeps the best)
PRETRAIN_SIZES = config.scale(full=[1000], fast=[200])  # training reviews, pretrained starts
# Lesson 04's parameters, to train its language model here when lesson 04 has not saved it.
LESSON_04 = {"vocab_size": config.scale(full=3000, fast=1000), "n_train": config.scale(full=3000, fast=200),
             "n_val": config.scale(full=300, fast=50), "n_test": config.scale(full=500, fast=100),
             "window": 32, "embed_dim": 64, "units": config.scale(full=128, fast=32),
             "epochs": config.scale(full=3, fast=1)}
EXERCISE_TRAIN = config.scale(full=2000, fast=600)  # the frozen-vectors exercise: reviews,
EXERCISE_EPOCHS = config.scale(full=4, fast=3)  # its epochs,
EXERCISE_TARGET = config.scale(full=0.65, fast=0.55)  # and the validation accuracy to reach

# %% [markdown]
# **⏩ Catch-up.** Kernel died, or joining late? Set `CATCH_UP = True` below, then *Run All*:
# the comparisons are loaded from the course cache, where your last run of this lesson saved
# them (named by lesson, parameters and seeds), instead of being trained again; one not saved
# yet is trained, and the cell says so. Leave it `False` to train them yourself.

# %%
CATCH_UP = False  # True: load what this lesson saved last time instead of training it
DATA_SIZES = {"vocab_size": VOCAB_SIZE, "n_train": N_TRAIN, "n_val": N_VAL, "n_test": N_TEST}

# %% [markdown]
# ## 1 · The data and the classifiers
# Lesson 07's class-sized split of lesson 05's data (`N_TRAIN`, `N_VAL`, `N_TEST`; `None`
# takes all 20,000 / 5,000 / 25,000), the same vocabulary, and two of lesson 07's variants:
# the classic LSTM and the hybrid CNN-LSTM.

# %%
imdb = load_imdb(n_train=N_TRAIN, n_val=N_VAL, n_test=N_TEST)
vectorizer, data = encode_imdb(imdb, VOCAB_SIZE)  # adapted on training reviews only
vocabulary = [str(w) for w in vectorizer.get_vocabulary()]
word_index, index_word = text.vocabulary_maps(vocabulary)
display(Markdown(markdown_table([{"split": name, **counts}
                                 for name, counts in imdb.counts().items()])))
del imdb, vectorizer  # the reviews are encoded: only their ids are used below
recipes = {"classic LSTM": VARIANTS["lstm"].with_(vocab_size=VOCAB_SIZE, epochs=EPOCHS),
           "hybrid CNN-LSTM": VARIANTS["cnn_lstm"].with_(vocab_size=VOCAB_SIZE, epochs=EPOCHS)}
print(f"This run ({config.mode_name()} mode): pretrained starts on "
      f"{' and '.join(f'{n:,}' for n in PRETRAIN_SIZES)} training review(s); the hybrids with "
      f"{len(SEEDS)} seed(s), for up to {EPOCHS} epoch(s).")

# %% [markdown]
# ## 2 · Two ways to start with some knowledge
# Every model in lessons 05 and 07 started from random numbers and learned its word vectors from this
# run's labelled training reviews alone. Two ways to start with some knowledge already in place:
#
# 1. **Word vectors computed beforehand** from plain text, no labels. GloVe and word2vec do
#    this on billions of words; we use their closed-form cousin on our own training reviews,
#    so it runs offline in seconds: count which words appear within 5 words of which,
#    turn the counts into *positive pointwise mutual information* (how much more often than
#    chance), and keep the top directions of that matrix (a truncated SVD). Words used in the
#    same company get similar vectors. (With a GloVe file of your own, use
#    `pretrained.read_word_vectors(path, vocabulary, 64)` instead.)
# 2. **Lesson 04's language model**: its embedding and LSTM were trained to predict the next
#    word in reviews, and its LSTM weights fit a classifier's LSTM of the same size.

# %%
train_and_val_text = data.seqs["train"] + data.seqs["val"]  # ids only: labels are not used
vectors = pretrained.ppmi_svd_vectors(train_and_val_text, VOCAB_SIZE, recipes["classic LSTM"].embed_dim,
                                      seed=config.DEFAULT_SEED)
print(f"word vectors computed from {len(train_and_val_text):,} reviews (training + validation)")
neighbours = []
for word in ("excellent", "awful", "boring", "funny", "actor"):
    if word in word_index:
        near = pretrained.nearest_words(vectors, word, word_index, index_word, k=5)
        neighbours.append({"word": word, "nearest words (cosine similarity)":
                           ", ".join(f"{w} ({s:.2f})" for w, s in near)})
display(Markdown(markdown_table(neighbours)))

# %% [markdown]
# The same vectors can start the word-vector layer of any variant. Now lesson 04's model
# (its full-mode run saves it; a review language model pretrained with `tools/pretrain_lm.py`
# on the 50,000 unlabelled reviews is the stronger choice, used by
# `tools/bench_pretraining.py`). Where lesson 04 has not saved it, this cell trains it:

# %%
lm, lm_vocabulary = next_word_training.load_or_train(
    next_word_training.NextWordSizes(**LESSON_04))
lm_units = lm.get_layer("lstm").units
print(f"lesson 04's model: {len(lm_vocabulary):,} words, "
      f"{lm.get_layer('embedding').output_dim}-wide word vectors, LSTM({lm_units})")

# %% [markdown]
# ## 3 · Three starts, measured
# The experiment: the classic LSTM (sized like the language model's, so the weights fit)
# from three starts, on the small training set(s) in `PRETRAIN_SIZES` (printed in section
# 1), where a head start should matter most. Same seed, same batches: only the starting weights differ.

# %%
start_recipe = recipes["classic LSTM"].with_(units=lm_units)
starts = {"random": None, "word vectors": lambda m: pretrained.start_from_vectors(m, vectors),
          "language model": lambda m: print(
              f"copied the LSTM and {pretrained.start_from_language_model(m, lm, lm_vocabulary, vocabulary):,}"
              " word vectors")}
start_rows = checkpoints.keep(
    "starts", lambda: comparisons.learning_curve(
        dict.fromkeys(starts, start_recipe), data, PRETRAIN_SIZES, seed=SEEDS[0],
        starts={k: v for k, v in starts.items() if v is not None}),
    params={"recipe": start_recipe, "sizes": PRETRAIN_SIZES, "seed": SEEDS[0],
            "language model": LESSON_04, **DATA_SIZES}, catch_up=CATCH_UP)
display(Markdown(markdown_table([
    {"training reviews": f"{r['n_train']:,}", "start": r["variant"], "epochs": r["epochs"],
     "validation acc": f"{r['val acc']:.1%}", "test acc": f"{r['test acc']:.1%}",
     "ROC AUC": f"{r['ROC AUC']:.3f}"} for r in start_rows])))

# %%
display(Markdown(markdown_table(comparisons.gains_over(start_rows, "random"),
                                {"gain (points)": "+.1f", "training reviews": ","})))
variant_figures.learning_curve_figure(start_rows)

# %% [markdown]
# ## 4 · Diagnose a start before training it
# A head start is not always a help. Word vectors give the model words it can already group
# (*dull* near *boring*), and that shows most with little labelled data. The language model's
# weights are another matter: its LSTM was tuned to predict the next word, and its gates may
# have settled for that job. Before trusting (or blaming) a start, measure it *before the
# first training step*: the share of gate values stuck near 0 or 1 (a saturated sigmoid
# passes almost no gradient) and the size of each layer's gradient on one batch.

# %%
train_seqs, train_labels = data.view("train", VOCAB_SIZE)
diagnosis = []
for name, start in starts.items():
    fresh = build_classifier(start_recipe, seed=SEEDS[0])
    if start is not None:
        start(fresh)
    stuck = start_diagnosis.gate_saturation(fresh, train_seqs)
    grads = start_diagnosis.first_step_gradients(fresh, train_seqs, train_labels)
    diagnosis.append({"start": name, **{f"{g} gate stuck": v for g, v in stuck.items()},
                      **{f"gradient: {k}": v for k, v in grads.items()}})
display(Markdown(markdown_table(diagnosis, {c: ".0%" for c in diagnosis[0] if "stuck" in c}
                                | {c: ".3f" for c in diagnosis[0] if "gradient" in c})))

# %% [markdown]
# How to read it: a random start has almost no stuck gates, and its gradients are small and
# even. Copied weights that were trained hard on another task show many stuck gates and
# larger gradients at the readout, which a fresh head then uses to tear the copied layers
# towards sentiment before it knows anything. The usual remedies, in
# `lstm_helpers.training.finetuning`: fit the readout first on frozen features, then train
# everything with smaller steps for the copied layers
# ([*discriminative* learning rates](../docs/glossary.md#discriminative-learning-rates) and
# [gradual unfreezing](../docs/glossary.md#gradual-unfreezing), Howard & Ruder, 2018). Measure before you trust a pretrained start.

# %% [markdown]
# ## 5 · The hybrid with a head start
# Lesson 07's fastest model, the hybrid, on this run's training reviews with the
# seeds in `SEEDS`: from random numbers and from the word vectors.

# %%
hybrid_start = {"hybrid + word vectors": lambda m: pretrained.start_from_vectors(m, vectors)}
hybrid_rows = checkpoints.keep(
    "hybrid starts", lambda: comparisons.compare(
        dict.fromkeys(["hybrid CNN-LSTM", "hybrid + word vectors"], recipes["hybrid CNN-LSTM"]),
        data, SEEDS, starts=hybrid_start),
    params={"recipe": recipes["hybrid CNN-LSTM"], "seeds": SEEDS, **DATA_SIZES},
    catch_up=CATCH_UP)
summary_all = comparisons.summarize(hybrid_rows)
display(Markdown(markdown_table(comparisons.format_summary(summary_all))))
variant_figures.comparison_chart(summary_all, title="The hybrid, with and without a head start")

# %% [markdown]
# *The figure*: lesson 07's chart for the two hybrids: left, test accuracy (bar, axis from 0)
# and validation accuracy (diamond); right, seconds per training epoch.

# %%
plain_h, started_h = summary_all
spread = comparisons.spread
print(f"word vectors vs random start, hybrid: "
      f"{(started_h['val acc'] - plain_h['val acc']) * 100:+.2f} points validation, "
      f"{(started_h['test acc'] - plain_h['test acc']) * 100:+.2f} points test (spread over "
      f"seeds: {spread(plain_h)} random, {spread(started_h)} started)")

# %% [markdown]
# What a head start can and cannot do: vectors computed from this run's own training and
# validation reviews (the count is printed under the word vectors above) know nothing the
# labelled data did not already hold, so their gain is largest when the
# classifier sees few labelled reviews and shrinks as it sees them all. Vectors from a much
# larger corpus (GloVe's 6 billion words) or a language model trained on the 50,000
# *unlabelled* IMDB reviews bring knowledge from outside the labelled set; that is how the
# published 92%+ results on this data were reached (Dai & Le, 2015). The language model of
# lesson 04 read only lesson 04's training reviews, with the small vocabulary printed under
# it above, so its head start covers few words. `tools/bench_pretraining.py` measures the
# review language model's start against a random one at several labelled-set sizes and writes `benchmarks/pretraining.json`
# with the command, date and machine of its run. It has not been run to completion yet (it
# takes hours), so until that file exists the cell below prints the command that makes it
# and shows no numbers.

# %%
benchmark_results.show_summary(benchmark_results.load("pretraining"))


# %% [markdown]
# ## Summary
# - **Word vectors** can be computed without labels (co-occurrence, PPMI, SVD) and put in a
#   classifier's embedding layer; **a language model's** embedding and LSTM can start a
#   classifier's of the same size.
# - A start is measured like any other choice: same seed, same batches, the test set once.
# - **Pretrained starts** help most when labelled data is scarce, and only as much as the text
#   they were trained on knows more than your labels do.
# - Diagnose a copied start before training it: stuck gates and large first-step gradients
#   call for a frozen warm-up or smaller steps for the copied layers.
#
# ## Exercises
# **1.** The word vectors here were computed from this run's own training and validation
# reviews. When should they help the classifier most: with `"few labels"`, with
# `"many labels"`, or `"equally"` at every size?

# %%
answer_1 = ...
checks.check_choice(
    answer_1, expected="few labels",
    options={"few labels": "", "many labels": "with many labelled reviews the classifier "
             "learns the same word similarities itself: the head start's gain shrinks.",
             "equally": "the vectors know nothing the labelled reviews do not; their help "
             "is a head start, which matters most when the labels are few."},
    why="vectors from the same reviews give a head start, worth most when there is little "
        "labelled data to learn the words from.")

# %% [markdown] tags=["solution"]
# **Solution 1.** With few labels: the vectors hold what the reviews say about which words
# go together, which a classifier trained on many labelled reviews learns by itself.

# %% tags=["solution"]
answer_1 = "few labels"
checks.check_choice(
    answer_1, expected="few labels",
    options={"few labels": "", "many labels": "with many labelled reviews the classifier "
             "learns the same word similarities itself: the head start's gain shrinks.",
             "equally": "the vectors know nothing the labelled reviews do not; their help "
             "is a head start, which matters most when the labels are few."},
    why="vectors from the same reviews give a head start, worth most when there is little "
        "labelled data to learn the words from.")

# %% [markdown]
# **2. Build it.** Start the classic LSTM (`recipes["classic LSTM"]`, with
# `epochs=EXERCISE_EPOCHS`) from the word vectors **and keep them frozen**: give
# `train_and_test` a `start` function that puts `vectors` in the model (as the starts above
# do) and then sets the `embedding` layer's `trainable` to `False`. Train it on the first
# `EXERCISE_TRAIN` training reviews with `train_and_test(recipe, data,
# n_train=EXERCISE_TRAIN, score_test=False, start=...)` (it returns model, run, probs) and
# hand the model to the check. It checks that the embedding is frozen and scores the model
# on the validation reviews: it must reach `EXERCISE_TARGET`. Frozen vectors cannot drift
# towards sentiment: do they cost accuracy against the trainable start above?

# %%
frozen_recipe = ...  # the classic LSTM with EXERCISE_EPOCHS epochs
frozen_model = ...  # trained with train_and_test(..., start=a function you write)
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    frozen_model, val_seqs, val_labels, at_least=EXERCISE_TARGET, kind="LSTM",
    settings={"Embedding": {"trainable": False}},
    predict=lambda model, x: sentiment_training.predict(model, x, frozen_recipe))

# %% [markdown] tags=["solution"]
# **Solution 2.** The start function sets the weights, then freezes the layer before the
# first training step, so the optimizer never updates it.

# %% tags=["solution"]
def frozen_start(model):
    pretrained.start_from_vectors(model, vectors)
    model.get_layer("embedding").trainable = False


frozen_recipe = recipes["classic LSTM"].with_(epochs=EXERCISE_EPOCHS)
frozen_model, _, _ = train_and_test(frozen_recipe, data, n_train=EXERCISE_TRAIN,
                                    score_test=False, start=frozen_start)
val_seqs, val_labels = data.view("val", VOCAB_SIZE)
build_checks.check_model_accuracy(
    frozen_model, val_seqs, val_labels, at_least=EXERCISE_TARGET, kind="LSTM",
    settings={"Embedding": {"trainable": False}},
    predict=lambda model, x: sentiment_training.predict(model, x, frozen_recipe))

# %% [markdown]
# **3.** The diagnosis in section 4 counts gate values stuck near 0 or 1. Why does a stuck
# gate learn slowly: `"flat sigmoid"` (the sigmoid is flat there), `"frozen weights"` or
# `"zero learning rate"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="flat sigmoid",
    options={"flat sigmoid": "", "frozen weights": "nothing is frozen in the diagnosis: "
             "every weight gets a gradient, a tiny one.",
             "zero learning rate": "the learning rate is the same for every start; what "
             "differs is the gradient that reaches the gate's weights."},
    why="σ'(z) = σ(z)(1 − σ(z)) is near 0 when σ(z) is near 0 or 1, so almost no gradient "
        "passes through a saturated gate.")

# %% [markdown] tags=["solution"]
# **Solution 3.** The sigmoid's slope, $\sigma(z)\,(1 - \sigma(z))$, is almost zero where
# its value is near 0 or 1, and every gradient to the gate's weights is multiplied by it.

# %% tags=["solution"]
answer_3 = "flat sigmoid"
checks.check_choice(
    answer_3, expected="flat sigmoid",
    options={"flat sigmoid": "", "frozen weights": "nothing is frozen in the diagnosis: "
             "every weight gets a gradient, a tiny one.",
             "zero learning rate": "the learning rate is the same for every start; what "
             "differs is the gradient that reaches the gate's weights."},
    why="σ'(z) = σ(z)(1 − σ(z)) is near 0 when σ(z) is near 0 or 1, so almost no gradient "
        "passes through a saturated gate.")

# %% [markdown]
# **Next**: lesson 09, *Reading older LSTM code*: TensorFlow 1 and Keras 2 code, line by line
# next to its Keras 3 equivalent.
