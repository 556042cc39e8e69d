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
# # 04 · Next-word prediction: from a three-word toy to a language model on real reviews
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/04_next_word.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/04_next_word.ipynb)
#
# **What you will learn**
# - the classic walk-through: cut a text into 3-word lines, tokenize them, train an
#   Embedding → LSTM model to predict the third word from the first two, and decode its answer;
# - Keras 3's `TextVectorization`, and how the old `Tokenizer` calls map onto it, so older
#   tutorials stay readable;
# - to train a word-level LSTM language model on IMDB reviews and measure it honestly
#   (perplexity, top-5 accuracy) against a bigram baseline;
# - what *temperature* does when a model writes text.
#
# **What you need**: lessons 02 and 03. The IMDB reviews (lesson 00's check tells you where
# they come from).

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

config.start_lesson("04_next_word")  # first: it also quiets TensorFlow's start-up logs

import warnings

import keras
import numpy as np

from lstm_helpers.core.activations import softmax
from lstm_helpers.course import build_checks, checks
from lstm_helpers.data import batches, text
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.models import language_models
from lstm_helpers.models.baselines import BigramBaseline
from lstm_helpers.training.callbacks import EpochBar
from lstm_helpers.ui import text_widgets
from lstm_helpers.viz import text_figures

config.seed_keras()

# %% tags=["parameters"]
SEQ_LEN = 3  # words per line in the walk-through: read 2, predict the 3rd
TOY_EPOCHS = config.scale(full=300, fast=150)  # the walk-through's tiny model
VOCAB_SIZE = config.scale(full=3000, fast=1000)  # words the IMDB model knows ('' and [UNK] included)
N_TRAIN_REVIEWS = config.scale(full=3000, fast=200)  # reviews the language model learns from
N_VAL_REVIEWS = config.scale(full=300, fast=50)  # held out: early stopping, the bigram's λ
N_TEST_REVIEWS = config.scale(full=500, fast=100)  # held out: the final scores
WINDOW = 32  # words per training window
EMBED_DIM = 64  # word vector size
UNITS = config.scale(full=128, fast=32)  # LSTM units
EPOCHS = config.scale(full=3, fast=1)  # training epochs (the best on validation is kept)

# %% [markdown]
# ## Part 1 · The classic walk-through
# A short text, turned into every run of three consecutive words: the model will read the
# first two words of a line and learn to predict the third.

# %%
TEXT = """The cat sat on the mat. The dog sat on the log. The cat saw the dog,
and the dog saw the cat. The cat ran to the mat and the dog ran to the log."""

words = text.standardize(TEXT)  # lower-case, punctuation removed, split on spaces
lines = text.make_lines(words, SEQ_LEN)  # one line ending at each word from the 3rd on
print(f"{len(words)} words → {len(lines)} lines of {SEQ_LEN}:", lines[:4], "…")

# %% [markdown]
# `text.make_lines` is the classic loop, `for i in range(seq_len, len(words) + 1)`, each line
# being `words[i - seq_len:i]`. Now a tokenizer learns the vocabulary from the lines and turns
# each line into integers. In Keras 3 that is the `TextVectorization` layer:

# %%
vectorizer = keras.layers.TextVectorization(standardize=text.standardize_tf)
vectorizer.adapt(lines)
word_index, index_word = text.vocabulary_maps(vectorizer.get_vocabulary())
print("word_index:", word_index)
print("index_word:", index_word)

# %% [markdown]
# Two indices are reserved: **0** is padding (never a word) and **1** is `[UNK]`, for words the
# vocabulary does not know. The model's output needs one unit per index, so
#
# $$\text{vocab\_size} = \text{len(word\_index)} + 1 \quad\text{(the +1 is the reserved 0).}$$

# %%
vocab_size = len(word_index) + 1
sequences = np.asarray(vectorizer(lines))  # Shape: (lines, SEQ_LEN)
X, y = sequences[:, :-1], sequences[:, -1]  # read 2 words, predict the 3rd
print("vocab_size =", vocab_size, "| first line", repr(lines[0]), "→", sequences[0])

# %% [markdown]
# The model: an **Embedding** turns each word index into an 8-dimensional vector, an
# **LSTM(8)** reads the two vectors, a hidden **Dense** layer mixes its output, and a
# **softmax** layer gives one probability per word in the vocabulary.
#
# In Keras 2 you told the Embedding its input length, `Embedding(vocab_size, 8,
# input_length=2)`. Keras 3 deprecated that argument and ignores it: the input length now comes
# from `keras.Input(shape=(2,))`, like every other shape.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.layers.Embedding(vocab_size, 8, input_length=2)
print("Keras 3 says:", caught[0].message if caught else "nothing (argument accepted)")

toy = keras.Sequential([
    keras.Input(shape=(SEQ_LEN - 1,)),  # two word indices
    keras.layers.Embedding(vocab_size, 8),  # Shape: (batch, 2, 8)
    keras.layers.LSTM(8),  # Shape: (batch, 8)
    keras.layers.Dense(8, activation="relu"),  # the hidden layer
    keras.layers.Dense(vocab_size, activation="softmax"),  # one probability per word
])
toy.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy",
            metrics=["accuracy"])
toy.fit(X, y, epochs=TOY_EPOCHS, batch_size=len(X), verbose=0,
        callbacks=[EpochBar(TOY_EPOCHS, "toy model")])
toy.summary()

# %% [markdown]
# Predict the word after **“the cat”**, and decode the answer with `index_word`:

# %%
context = np.asarray(vectorizer(["the cat"]))[:, :2]
probs = toy.predict(context, verbose=0)[0]
for i in probs.argsort()[::-1][:4]:
    print(f"the cat → {index_word.get(int(i), '(padding)'):6} {probs[i]:.1%}")
seen = text.continuations(lines, "the cat")
print("in the lines, “the cat” is followed by:",
      ", ".join(f"{word} ({count}×)" for word, count in seen.items()))

# %% [markdown]
# The last line counts, in the very lines the model learned from, which word follows
# “the cat”. Note the full stops: `standardize` removed them, so "…saw **the cat.** The cat
# ran…" became the line "the cat the". A model that learned the lines well splits its bet
# across exactly those continuations, in proportion to their counts: two words of context
# cannot say more. (Punctuation carries meaning; a tokenizer that drops it also drops the
# sentence boundaries.)
#
# ## Part 2 · Reading older tutorials: `Tokenizer` → `TextVectorization`
# `keras.preprocessing.text` is gone in Keras 3. The old `Tokenizer` survives only as a legacy
# class reachable through TensorFlow (`tf.keras.preprocessing.text.Tokenizer`); new code uses
# `TextVectorization`, which is a layer and can live inside a model.
#
# | legacy `Tokenizer` (Keras 2) | Keras 3 `TextVectorization` |
# |---|---|
# | `tok = Tokenizer(num_words=N, oov_token="<OOV>")` | `vec = TextVectorization(max_tokens=N)` (one OOV index, 1, by default: `num_oov_indices=1`) |
# | `tok.fit_on_texts(texts)` | `vec.adapt(texts)` |
# | `tok.texts_to_sequences(texts)` | `vec(texts)` (a tensor; ragged lengths are padded) |
# | `tok.word_index`, `tok.index_word` | `vec.get_vocabulary()` (a list: position = index) |
# | `len(tok.word_index) + 1` | `vec.vocabulary_size()` |
# | `pad_sequences(seqs, maxlen=L)` (pads at the **front**) | `TextVectorization(output_sequence_length=L)` (pads at the **end**) |
# | `Embedding(V, d, input_length=L)` | `keras.Input(shape=(L,))` then `Embedding(V, d)` |
#
# Side by side on the same lines:

# %%
import tensorflow as tf

legacy = tf.keras.preprocessing.text.Tokenizer()
legacy.fit_on_texts(lines)
print("Tokenizer          :", dict(list(legacy.word_index.items())[:6]), "…")
print("TextVectorization  :", dict(list(word_index.items())[:7]), "…")
print("line 0 as Tokenizer:", legacy.texts_to_sequences(lines[:1])[0],
      "| as TextVectorization:", sequences[0].tolist())

# %% [markdown]
# The indices differ: `TextVectorization` keeps 1 for `[UNK]`, so every word sits one place
# later, and words with equal counts may be ordered differently. Decode with the dictionary
# that encoded, never with another one.
#
# The sizes differ too. `Tokenizer(num_words=N)` keeps the `N − 1` commonest words (index 0
# is reserved but counted), or `N − 2` when it has an `oov_token` (which takes index 1, as in
# the table above), while `TextVectorization(max_tokens=N)` keeps `N − 2` (0 for padding and
# 1 for `[UNK]` both count). Without an `oov_token`, `Tokenizer` also *drops* unknown words
# from a sequence, where `TextVectorization` writes 1. With `N = 5` on our lines, no
# `oov_token`:

# %%
five = tf.keras.preprocessing.text.Tokenizer(num_words=5)
five.fit_on_texts(lines)
kept_by_tokenizer = sorted({i for seq in five.texts_to_sequences(lines) for i in seq})
small = keras.layers.TextVectorization(max_tokens=5, standardize=text.standardize_tf)
small.adapt(lines)
print(f"Tokenizer(num_words=5) emits ids {kept_by_tokenizer}: "
      f"{len(kept_by_tokenizer)} words (N − 1)")
small_vocabulary = [str(w) for w in small.get_vocabulary()]  # numpy strings → plain words
print(f"TextVectorization(max_tokens=5) vocabulary {small_vocabulary}: "
      f"{len(small_vocabulary) - 2} words (N − 2)")
checks.confirm(len(kept_by_tokenizer) == 4 and len(small.get_vocabulary()) - 2 == 3,
               "num_words=N keeps N − 1 words, max_tokens=N keeps N − 2")

# %% [markdown]
# ## Part 3 · A language model on real reviews
# Now the same idea at scale: every word of a review predicts the next one. The model reads
# windows of `WINDOW` words and, at **every** position, predicts the following word, so one
# window gives `WINDOW` training examples (`return_sequences=True`). The windows are cut
# from the reviews laid end to end, and the LSTM's state starts fresh at every window: its
# k-th prediction in a window has read only the k words before it (sometimes the end of the
# previous review). Section *What the LSTM sees* below measures what that costs.

# %%
imdb = load_imdb(n_train=N_TRAIN_REVIEWS, n_val=N_VAL_REVIEWS, n_test=N_TEST_REVIEWS)
lm_vectorizer = keras.layers.TextVectorization(max_tokens=VOCAB_SIZE,
                                               standardize=text.standardize_tf)
lm_vectorizer.adapt(imdb.train.texts)  # the vocabulary comes from training reviews only
lm_word_index, lm_index_word = text.vocabulary_maps(lm_vectorizer.get_vocabulary())
streams = {name: batches.token_stream(getattr(imdb, name).texts, lm_vectorizer)
           for name in ("train", "val", "test")}
for name, stream in streams.items():
    print(f"{name:5}: {len(getattr(imdb, name)):5} reviews, {len(stream):8,} words, "
          f"{(stream == 1).mean():.1%} outside the vocabulary ([UNK])")
x_train, y_train = batches.windows(streams["train"], WINDOW)  # Shape: (windows, WINDOW)
x_val, y_val = batches.windows(streams["val"], WINDOW)
x_test, y_test = batches.windows(streams["test"], WINDOW)
scored_test = streams["test"][: y_test.size + 1]  # exactly the words the LSTM is scored on

# %% [markdown]
# ### The baseline to beat
# A **bigram** model counts, in the training reviews, how often each word follows each other
# word, and mixes that with the plain word frequencies:
#
# $$P(w_t \mid w_{t-1}) = \lambda\,\frac{\text{count}(w_{t-1}, w_t)}{\text{count}(w_{t-1})}
#   + (1 - \lambda)\,P_{\text{add-one}}(w_t)$$
#
# for every pair (a previous word never seen in training gets the frequency part alone).
# $\lambda$ is chosen on the validation reviews. The bigram sees one word of context; the
# LSTM sees up to `WINDOW`.

# %%
bigram = BigramBaseline(streams["train"], VOCAB_SIZE)
print(f"λ chosen on validation: {bigram.tune(streams['val'])}")
bigram_scores = bigram.score(scored_test)
print(bigram_scores)

# %% [markdown]
# ### The LSTM language model
# Embedding(`VOCAB_SIZE` → `EMBED_DIM`) → LSTM(`UNITS`, `return_sequences=True`) → Dense with
# one logit per word, trained with Adam ([learning rate](../docs/glossary.md#learning-rate)
# 0.01, gradients
# clipped at norm 1).
# Targets that are `[UNK]` get weight 0: learning to predict "some rare word" teaches nothing,
# and neither model is scored on them. Training keeps the
# [epoch](../docs/glossary.md#epoch) with the best validation loss.

# %%
lm = language_models.build_language_model(VOCAB_SIZE, EMBED_DIM, UNITS)
history = lm.fit(x_train, y_train, sample_weight=language_models.target_weights(y_train),
                 validation_data=(x_val, y_val, language_models.target_weights(y_val)),
                 epochs=EPOCHS, batch_size=128, verbose=0,
                 callbacks=[EpochBar(EPOCHS, "language model"),
                            keras.callbacks.EarlyStopping(restore_best_weights=True,
                                                          patience=1)])
lm_scores = language_models.score_model(lm, x_test, y_test)  # 64 windows at a time: little memory
print(lm_scores)

# %% [markdown]
# **Perplexity** is $e^{\text{mean cross-entropy}}$: the number of words the model is, on
# average, as unsure between as if it were picking uniformly. Lower is better. **Top-5
# accuracy**: how often the true next word is among the model's five best guesses. Both are
# measured on the test reviews, over the same words for both models.
#
# **Scored over the same words, by construction.** Neither model is scored on `[UNK]`
# targets, yet each spends some probability on `[UNK]` (and on padding): the bigram because
# its counts include every `[UNK]` of the training reviews, the LSTM only what training with
# `[UNK]` targets weighted 0 leaves there. Probability spent on a word that is never scored
# is simply lost, and that would tilt the comparison towards the model that spends less. So
# both scores above divide each model's probabilities by the share it gives the scored
# words, $P(w) \,/\, \big(1 - P(\text{padding}) - P(\text{[UNK]})\big)$
# (`BigramBaseline.scored_prob` and `language_models.scored_log_softmax`), and each model's
# five guesses are five scored words. The last column below is the share each model had put
# on padding and `[UNK]`, which that renormalisation took out.

# %%
scores = {"bigram baseline": bigram_scores, "LSTM language model": lm_scores}
unscored = {"bigram baseline": bigram.unscored_share(x_test, y_test),
            "LSTM language model": language_models.unscored_share(lm, x_test, y_test)}
for name, s in scores.items():
    print(f"{name:20} perplexity {s.perplexity:7.1f}   top-5 accuracy {s.top5:.1%}   "
          f"({s.words:,} test words; {unscored[name]:.1%} on padding and [UNK], taken out)")
winner = min(scores, key=lambda name: scores[name].perplexity)
print(f"Lower perplexity: {winner} ({config.mode_name()} mode).")

# %% [markdown]
# ### What the LSTM sees
# Its state starts fresh at every window, so at position $k$ of a window it has read $k$
# words. Scoring the same test windows position by position shows what more context buys:

# %%
lstm_positions = language_models.perplexity_by_position(
    language_models.target_log_probs(lm, x_test, y_test), y_test)
bigram_positions = language_models.perplexity_by_position(
    bigram.target_log_probs(x_test, y_test), y_test)
print(f"LSTM perplexity at position 1: {lstm_positions[0]:.0f}, at position {WINDOW}: "
      f"{lstm_positions[-1]:.0f}; bigram: between {min(bigram_positions):.0f} and "
      f"{max(bigram_positions):.0f}, from position 1 ({bigram_positions[0]:.0f}) to "
      f"{WINDOW} ({bigram_positions[-1]:.0f})")
text_figures.position_figure({"LSTM language model": lstm_positions,
                              "bigram baseline": bigram_positions})

# %% [markdown]
# *The figure*: perplexity (log scale, lower is better) of the next-word prediction at each
# position of the test windows. The bigram always reads one word, wherever it is, so its line
# has no downward trend: it only goes up and down (the range printed above) with which words
# happen to sit at each position of these windows. The LSTM's first prediction in a window has one word of context too; as it reads on, its
# perplexity falls. That drop is what the LSTM's memory is worth here, and what it loses at
# every window boundary. (The review language model that `tools/pretrain_lm.py` trains
# offline carries its state across a review's windows and starts fresh only at a new review;
# no lesson trains that model.)
#
# The trained model and its vocabulary are saved to the course cache, so lesson 08 can look
# at what happens when a sentiment classifier starts from this embedding and LSTM:

# %%
saved = language_models.save_language_model(lm, lm_vectorizer.get_vocabulary(), config.mode_name())
print("saved:", *saved, sep="\n  ")

# %% [markdown]
# ## Part 4 · Play with it
# Type the start of a review; the bars show the model's ten likeliest next words, most likely
# on top, with their probabilities. Unknown words are read as `[UNK]`, and the panel says
# which. A long paste is read from its end (the last 200 words), and then the panel updates
# when you press Enter instead of on every key.

# %%
next_word = text_widgets.next_word_panel(lm, lm_vectorizer, lm_index_word,
                                         default="this movie was one of the")
next_word

# %% [markdown]
# ### Temperature
# To *write*, the model samples the next word from its distribution, then reads it and
# samples again. **Temperature** $T$ divides the logits before the softmax:
# $p_i \propto e^{z_i / T}$. With $T < 1$ the likeliest words get even likelier (safe,
# repetitive text); with $T > 1$ the distribution flattens towards uniform (surprising, then
# random text). Here is one distribution at three temperatures (*the figure*: the eight
# likeliest words after “the acting was”, one bar per temperature, each its own colour and
# hatching):

# %%
ids, _, _ = text.words_of("the acting was", lm_vectorizer)
logits = np.log(language_models.next_word_probs(lm, ids))
top = logits.argsort()[::-1][:8]
text_figures.temperature_figure(
    [lm_index_word.get(int(i), "(padding)") for i in top],
    {t: softmax(logits, t)[top] for t in (0.3, 1.0, 2.0)},
)

# %% [markdown]
# **Predict, then try**: generate with temperature 0.1, then 1, then 3. Which one repeats
# itself? Which one stops making sense?

# %%
generator = text_widgets.generation_panel(lm, lm_vectorizer, lm_index_word,
                                          default="i watched this film")
generator

# %% [markdown]
# ## Summary
# - A language model learns $P(\text{next word} \mid \text{words so far})$; the 3-word lines
#   are its smallest form.
# - `TextVectorization` reserves 0 (padding) and 1 (`[UNK]`); `vocab_size` counts them.
#   Old `Tokenizer` code maps onto it call by call; what differs: the reserved indices, the
#   padding and truncation side, the standardisation (apostrophes), the order of words with
#   equal counts, and unknown words (dropped by `Tokenizer` without an `oov_token`).
# - Perplexity and top-5 accuracy on held-out reviews, against a bigram baseline, tell
#   whether the LSTM's long context is worth its cost, provided both are scored on the same
#   words with their probabilities renormalised over those words.
# - Temperature trades safety for variety when the model writes.
#
# ## Exercises
# **1.** Build the 3-word lines of `"we love long movies with happy endings"` (a list of strings).

# %%
answer_1 = ...
checks.check_lines(answer_1, "we love long movies with happy endings", seq_len=3)

# %% [markdown] tags=["solution"]
# **Solution 1.** Slide a window of three words one word at a time: seven words give five
# lines. `text.make_lines` does exactly this.

# %% tags=["solution"]
answer_1 = ["we love long", "love long movies", "long movies with", "movies with happy",
            "with happy endings"]
checks.check_lines(answer_1, "we love long movies with happy endings", seq_len=3)

# %% [markdown]
# **2.** Decode the walk-through's sequence `[0, 2, 4, 1]` with `index_word` into one string
# (0 is padding; 1 is `[UNK]`).

# %%
answer_2 = ...
checks.check_decoded(answer_2, [0, 2, 4, 1], index_word)

# %% [markdown] tags=["solution"]
# **Solution 2.** Look each id up and join the words with spaces, leaving the padding out
# (`index_word[0]` is the empty string: the vocabulary's own entry for padding).

# %% tags=["solution"]
answer_2 = " ".join(index_word[i] for i in [0, 2, 4, 1] if i != 0)
checks.check_decoded(answer_2, [0, 2, 4, 1], index_word)

# %% [markdown]
# **3.** What does temperature 0.1 do to generated text: `"repetitive"`, `"random"` or
# `"unchanged"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="repetitive",
    options={"repetitive": "", "random": "that is a high temperature: it flattens the distribution.",
             "unchanged": "only T = 1 leaves the distribution as it is."},
    why="dividing the logits by 0.1 makes the likeliest word almost certain, every time.",
)

# %% [markdown] tags=["solution"]
# **Solution 3.** $p_i \propto e^{z_i/0.1}$ multiplies every gap between logits by ten: the
# likeliest word wins almost every draw, so the text repeats itself.

# %% tags=["solution"]
answer_3 = "repetitive"
checks.check_choice(
    answer_3, expected="repetitive",
    options={"repetitive": "", "random": "that is a high temperature: it flattens the distribution.",
             "unchanged": "only T = 1 leaves the distribution as it is."},
    why="dividing the logits by 0.1 makes the likeliest word almost certain, every time.",
)

# %% [markdown]
# **4. Build it.** Two words of context could not tell *sat*, *saw* and *ran* apart. Build
# and train the walk-through's model on **4-word lines** (read three words, predict the
# fourth): make the lines with `text.make_lines(words, 4)`, turn them into ids with the same
# `vectorizer`, and give the model `keras.Input(shape=(3,))`. The check asks your model for
# the word after “log the cat” (the text goes on with *saw*) and after “cat the cat” (*ran*):
# both end in “the cat”, so only a model that reads all three words can get both right.

# %%
four_word_model = ...  # build, compile and fit it (as `toy` above), then check it
build_checks.check_next_word(four_word_model, vectorizer, index_word,
                             {"log the cat": {"saw"}, "cat the cat": {"ran"}})

# %% [markdown] tags=["solution"]
# **Solution 4.** Only the input length changes: the lines, the input shape, and the split
# of each line into three words read and one predicted. The same vocabulary serves, since
# the words are the same.

# %% tags=["solution"]
lines_4 = text.make_lines(words, 4)
ids_4 = np.asarray(vectorizer(lines_4))  # Shape: (lines, 4)
config.seed_keras()
four_word_model = keras.Sequential([
    keras.Input(shape=(3,)),
    keras.layers.Embedding(vocab_size, 8),
    keras.layers.LSTM(8),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(vocab_size, activation="softmax"),
])
four_word_model.compile(optimizer=keras.optimizers.Adam(0.01),
                        loss="sparse_categorical_crossentropy")
four_word_model.fit(ids_4[:, :3], ids_4[:, 3], epochs=TOY_EPOCHS, batch_size=len(ids_4),
                    verbose=0, callbacks=[EpochBar(TOY_EPOCHS, "4-word model")])
build_checks.check_next_word(four_word_model, vectorizer, index_word,
                             {"log the cat": {"saw"}, "cat the cat": {"ran"}})

# %% [markdown]
# **Next**: lesson 05, *IMDB sentiment: an honest LSTM classifier*: the LSTM reads whole
# reviews and judges them.
