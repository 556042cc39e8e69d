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
# # 11 · Encoder–decoder LSTMs, attention, and why Transformers took over
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/11_seq2seq_attention.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/11_seq2seq_attention.ipynb)
#
# **What you will learn**
# - how an *encoder–decoder* (sequence-to-sequence) LSTM turns one sequence into another of
#   a different length (Sutskever et al., 2014), and how it is trained with *teacher
#   forcing*: the decoder reads the true answer, shifted by one step;
# - greedy decoding and beam search, and what each one asks of the decoder;
# - the *bottleneck*: without attention everything the decoder knows about the input is two
#   vectors, and you will see accuracy fall as inputs grow; *attention* (Bahdanau et al.,
#   2015) lets the decoder look back at every input step, and you will watch where it looks;
# - a small Transformer (Vaswani et al., 2017) on the same task, measured on this machine:
#   parameters, seconds per [epoch](../docs/glossary.md#epoch), accuracy, and how training
#   time, time per generated token
#   and memory grow with length for recurrent and attention models;
# - where LSTMs still make sense, and what came after.
#
# **What you need**: lessons 02 (the LSTM cell) and 04 (embeddings, next-token prediction).
# Full mode trains four small networks on a generated task in a few minutes on a 2-core
# laptop (the README's course map has the measured time); fast mode takes seconds and its
# numbers are only a smoke test.

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

config.start_lesson("11_seq2seq_attention")  # first: it also quiets TensorFlow's start-up logs

import keras
import numpy as np
from IPython.display import Markdown, display

from lstm_helpers.core import beam_search
from lstm_helpers.course import build_checks, checks
from lstm_helpers.data import seq2seq_task
from lstm_helpers.models import seq2seq_models, transformer_models
from lstm_helpers.training import seq2seq_timing, seq2seq_training
from lstm_helpers.ui import seq2seq_widgets
from lstm_helpers.ui.display import markdown_table
from lstm_helpers.viz import attention_figures

config.seed_keras()

# %% tags=["parameters"]
TASK = "reverse"  # "reverse", "copy" or "sort" the digits
TRAIN_LENGTHS = (3, 10)  # shortest and longest input in training
LONGEST_TEST = 14  # test inputs go up to this length: longer than any in training
N_TRAIN = config.scale(full=20_480, fast=1_536)  # training examples (whole batches)
N_TEST_PER_LENGTH = config.scale(full=100, fast=20)  # test examples per input length
UNITS = 64  # LSTM units in the encoder and in the decoder
TRANSFORMER_DIM, TRANSFORMER_HEADS, TRANSFORMER_FF = 48, 4, 96  # about as many parameters
EPOCHS = config.scale(full=8, fast=1)  # training epochs of each model
BATCH_SIZE = 64
BEAM_WIDTH = 3
TIMING_LENGTHS = config.scale(full=[10, 20, 40, 80], fast=[5, 10])  # sequence lengths timed
STREAM_POSITIONS = config.scale(full=[1, 32, 64, 128, 256], fast=[1, 16])  # tokens timed
TIMING_REPEATS = config.scale(full=5, fast=1)  # each time is a median over this many
EXERCISE_EPOCHS = config.scale(full=5, fast=1)  # exercise 4: epochs of your model,
EXERCISE_TARGET = config.scale(full=0.9, fast=0.0)  # and the exact-match share to reach
# (fast mode only checks that it builds, trains and decodes)

# %% [markdown]
# ## 1 · A task whose length we control
# Translation needs a corpus and hours. This task needs neither, yet has what matters: an
# input sequence, an output sequence, and a length we choose. The input is a string of
# digits; the output is the same digits **reversed** (`TASK` can also copy or sort them).
# Every input length appears in the test set, including lengths that no training input
# has, and no test input appears in training.
#
# Tokens: 0 pads, 1 tells the decoder to start, 2 ends the answer, and digit *d* is *d* + 3.

# %%
task = seq2seq_task.make_task(TASK, N_TRAIN, N_TEST_PER_LENGTH, TRAIN_LENGTHS, LONGEST_TEST,
                              seed=config.DEFAULT_SEED)
print(f"{len(task.train):,} training examples, inputs of {task.train_lengths[0]} to "
      f"{task.train_lengths[1]} digits; {len(task.test):,} test examples of "
      f"{task.test_lengths[0]} to {task.test_lengths[1]} digits "
      f"({N_TEST_PER_LENGTH} per length at most)")
display(Markdown(markdown_table([
    {"input": seq2seq_task.decode_tokens(task.train.inputs[k]),
     "what the decoder reads (teacher forcing)":
         " ".join(seq2seq_task.token_label(t) for t in task.train.decoder_inputs[k] if t),
     "what it must write": " ".join(seq2seq_task.token_label(t)
                                    for t in task.train.targets[k] if t)}
    for k in range(3)])))

# %% [markdown]
# **Teacher forcing**, in the table: at step *t* the decoder reads the *true* token *t* − 1
# (⟨start⟩ first) and must write token *t*. Training never lets it read its own mistakes;
# generation will, since then it has nothing else to read.
#
# **Predict first**: a model that reads the whole input into two vectors of `UNITS` numbers,
# then writes the answer from them alone. Which inputs will it get wrong first: long ones,
# short ones, or none in particular?

# %% [markdown]
# ## 2 · The encoder–decoder LSTM
# The **encoder** LSTM reads the input; its final hidden and cell states (h, c) are all it
# passes on (`LSTM(return_state=True)`). The **decoder** LSTM starts from those states and
# writes the answer one token at a time; a dense layer turns each step's output into
# probabilities over every token of the vocabulary. One Keras functional model holds both for training; two
# more models share its layers for generation: the encoder alone, and one decoder step.

# %%
config.seed_keras()
lstm = seq2seq_models.build_lstm_seq2seq(seq2seq_task.VOCAB_SIZE, UNITS)
lstm_run = seq2seq_training.train(lstm, task.train, EPOCHS, BATCH_SIZE)
print(f"{lstm.name}: {lstm.parameters:,} parameters, {lstm_run.seconds_per_epoch:.1f} s per "
      f"epoch (median), final training token accuracy {lstm_run.history['accuracy'][-1]:.1%}")

# %% [markdown]
# Generation uses the one-step decoder in a loop, feeding each written token back in. It is
# the same network as the training model: given the same tokens, both give the same
# probabilities.

# %%
sample = task.test.of_length(6)
written, step_probs = lstm.greedy(sample.inputs[:8])
forced_in = np.concatenate([np.full((8, 1), seq2seq_task.START), written[:, :-1]], axis=1)
forced = np.asarray(lstm.model([sample.inputs[:8], forced_in], training=False))
checks.confirm(np.allclose(step_probs[..., 3:], forced[..., 3:], atol=1e-5),
               "step-by-step generation gives the training model's probabilities")

# %% [markdown]
# ## 3 · Greedy decoding and beam search
# **Greedy** decoding writes the most likely token at each step. It can paint itself into a
# corner: a likely first token may lead only to unlikely continuations. **Beam search**
# keeps the `BEAM_WIDTH` most likely partial answers at each step, extends each by every
# token, and keeps the best again; it returns whole answers ranked by their total
# log-probability. Both are plain NumPy loops over the decoder step
# (`lstm_helpers.core.beam_search`), tested against an exhaustive search of every possible
# answer on a tiny vocabulary.

# %%
example = task.test.of_length(9).inputs[0]
greedy_answer = seq2seq_task.decode_tokens(lstm.greedy(example[None, :])[0][0])
beams = lstm.beam(example, BEAM_WIDTH)
digits = [int(t) - seq2seq_task.DIGIT0 for t in example]
print(f"input {seq2seq_task.decode_tokens(example)}, answer "
      f"{''.join(map(str, seq2seq_task.answer(TASK, digits)))}")
print(f"greedy: {greedy_answer}")
for rank, hypothesis in enumerate(beams, 1):
    print(f"beam {rank}: {seq2seq_task.decode_tokens(hypothesis.tokens)}  "
          f"log-prob {hypothesis.log_prob:.3f}")
(one_beam,) = lstm.beam(example, 1)
checks.confirm(seq2seq_task.decode_tokens(one_beam.tokens) == greedy_answer,
               "a beam of width 1 is greedy decoding")

# %% [markdown]
# On a task with one right answer and a well-trained model, greedy and beam search mostly
# agree; beam search earns its cost where several answers are plausible (translation,
# summaries). The learner-facing panel below shows both.
#
# ## 4 · The bottleneck, and attention
# **Attention** gives the decoder, at every step, a weighted average of *all* the encoder's
# outputs, not just its last state. The weights come from comparing the decoder's state
# with each encoder output (Keras's `AdditiveAttention`, Bahdanau's score), pass through a
# softmax so they sum to 1, and are learnt with everything else. Here the context vector is
# mixed with the decoder's output before the last layer (Luong et al.'s placement, 2015).

# %%
config.seed_keras()
attention = seq2seq_models.build_lstm_seq2seq(seq2seq_task.VOCAB_SIZE, UNITS,
                                              attention="additive")
attention_run = seq2seq_training.train(attention, task.train, EPOCHS, BATCH_SIZE)
print(f"{attention.name}: {attention.parameters:,} parameters, "
      f"{attention_run.seconds_per_epoch:.1f} s per epoch (median)")

# %% [markdown]
# **Predict first**: draw, in your head, the LSTM's accuracy against input length, and then
# the attention model's. Where do they part, and what happens past the longest training
# input?

# %%
by_length = {m.name: seq2seq_training.accuracy_by_length(m, task.test)
             for m in (lstm, attention)}
attention_figures.bottleneck_figure(by_length, task.train_lengths[1])

# %% [markdown]
# Each point is the share of test inputs of that length whose whole answer is right (every
# digit and the end token), decoding greedily. The line styles and markers tell the models
# apart; the shaded band holds lengths longer than any training input. What this run shows:

# %%
longest = task.train_lengths[1]
for name, points in by_length.items():
    inside = [n for n in sorted(points) if n <= longest]
    first_miss = next((n for n in inside if points[n] < 0.9), None)
    print(f"{name}: {points[longest]:.0%} at {longest} digits (the longest trained), "
          + (f"below 90% from {first_miss} digits on" if first_miss is not None
             else "at least 90% at every training length")
          + f"; {np.mean([points[n] for n in task.longer_than_training]):.0%} on average "
            "beyond the training lengths")
if config.is_fast():
    print("fast mode: the models trained on a sliver of data, so both lines lie near zero")

# %% [markdown]
# How to read it: inside the training lengths, a gap between the lines is the bottleneck
# (everything squeezed into h and c); past them, both models meet inputs longer than any
# they learnt from, and neither was taught to count that far.
#
# **Where does the decoder look?** Type digits below. The panel shows each model's answer,
# the attention model's answer step by step (what it has written so far, what it writes
# next and how sure it is), beam search's best answers, and the attention weights: one row
# per token written, one column per input digit, bright where it looks. Every row sums
# to 1. Try an input longer than any in training, or one with repeated digits.

# %%
panel = seq2seq_widgets.decoder_panel({"LSTM": lstm, "LSTM + attention": attention}, TASK,
                                      default="40213859", beam_width=BEAM_WIDTH)
panel

# %%
heatmap = panel.children[-1]  # the panel's heatmap
checks.confirm(np.allclose(attention_figures.row_sums(heatmap), 1.0, atol=1e-3),
               "each row of the attention heatmap sums to 1")

# %% [markdown]
# ## 5 · The Transformer, measured on the same task
# A Transformer drops recurrence: self-attention lets every position read every other in one
# step, a *causal* mask keeps the decoder from reading ahead, cross-attention reads the
# encoder (Vaswani et al., 2017). Order comes only from a position signal added to each
# token's embedding. This one has one encoder block and one decoder block
# (`MultiHeadAttention`, a feed-forward layer, residual connections, layer normalisation),
# sized to about the LSTMs' parameter count.

# %%
config.seed_keras()
transformer = transformer_models.build_transformer_seq2seq(
    seq2seq_task.VOCAB_SIZE, TRANSFORMER_DIM, TRANSFORMER_HEADS, TRANSFORMER_FF)
transformer_run = seq2seq_training.train(transformer, task.train, EPOCHS, BATCH_SIZE)
by_length[transformer.name] = seq2seq_training.accuracy_by_length(transformer, task.test)
runs = {lstm.name: (lstm, lstm_run), attention.name: (attention, attention_run),
        transformer.name: (transformer, transformer_run)}
lo, hi = task.train_lengths
buckets = [(lo, (lo + hi) // 2), ((lo + hi) // 2 + 1, hi), (hi + 1, task.test_lengths[1])]
table = []
for name, (model, run) in runs.items():
    row = {"model": name, "parameters": f"{model.parameters:,}",
           "s / epoch": f"{run.seconds_per_epoch:.1f}"}
    for bucket, value in seq2seq_training.bucket_accuracy(by_length[name], buckets).items():
        row[f"exact match, {bucket} digits"] = f"{value:.0%}"
    table.append(row)
display(Markdown(markdown_table(table)))

# %% [markdown]
# The last column holds lengths no model saw in training. *s / epoch* is the median over
# epochs on this machine (the first also traces the graph). The Transformer knows order only
# through its position signal, and no training input reached the positions of that column.
#
# **Predict first**: the LSTM must take one step per token, one after another; the
# Transformer processes all tokens of a training sequence at once. As sequences get longer,
# whose training time grows faster? And when *generating*, one token at a time?
#
# Measured below: (1) seconds per training [batch](../docs/glossary.md#batch) at each sequence
# length; (2) streaming
# generation, the milliseconds each model takes to write the token at each position (this
# Transformer re-reads its whole prefix at every step: it has no key–value cache); (3) the
# memory each must keep to write the next token, from the tensor sizes: h and c for the
# LSTM, plus every encoder output with attention, and for a Transformer that caches, the
# keys and values of every token so far.

# %%
timed = {m.name: m for m in (lstm, attention, transformer)}
train_seconds = {name: seq2seq_timing.train_seconds_by_length(
    m, TIMING_LENGTHS, BATCH_SIZE, TIMING_REPEATS) for name, m in timed.items()}
token_seconds = {name: seq2seq_timing.seconds_per_token(
    m, task.train_lengths[1], STREAM_POSITIONS, TIMING_REPEATS) for name, m in timed.items()}
memory = {name: seq2seq_timing.state_bytes(m, STREAM_POSITIONS, task.train_lengths[1])
          for name, m in timed.items()}
attention_figures.scaling_figure(train_seconds, token_seconds, memory)

# %% [markdown]
# Left: seconds per training step on a batch of `BATCH_SIZE` sequences, each of the length
# on the x axis (in and out). Middle: milliseconds to write one token, at each position of a
# long answer. Right: kibibytes the decoder keeps to go on. Each model keeps its line style
# in all three panels. The growth, from the numbers above:

# %%
def growth(ratio: float) -> str:
    """A ratio in words: within ±25% counts as flat (timings on a shared CPU wobble)."""
    return "about flat" if ratio < 1.25 else f"×{ratio:.1f}"


short, long_ = TIMING_LENGTHS[0], TIMING_LENGTHS[-1]
first, last = STREAM_POSITIONS[0], STREAM_POSITIONS[-1]
for name in timed:
    print(f"{name}: training step {growth(train_seconds[name][long_] / train_seconds[name][short])}"
          f" from {short} to {long_} tokens; time per token "
          f"{growth(token_seconds[name][last] / token_seconds[name][first])} and memory kept "
          f"{growth(memory[name][last] / memory[name][first])} from position {first} to {last}")

# %% [markdown]
# ## 6 · Where LSTMs still fit, and what came after
# What the measurements show, and what they do not. An LSTM takes one step per token, one
# after another, in training as in generation: its training time grows with the length
# (left panel). With attention, every output step is also compared with every input step, a
# cost that grows with the product of the two lengths (self-attention pays it too). A
# Transformer's training step has no chain of steps: every position of a sequence is
# computed at once. What that buys on two CPU cores is in the left panel; on hardware with
# thousands of parallel units (GPUs, not measured here) it let Transformers train on far more
# text than recurrent models in the same time (Vaswani et al., 2017, report their training
# costs), and that, more than accuracy on small tasks like this one, is the usual account of
# why they took over language. In generation the roles turn: the LSTM keeps the same memory
# at every position (right panel), however long the stream, while a Transformer keeps, or
# recomputes, something for every token so far; this small one, without a cache, re-reads
# its prefix at every step (middle panel). That constant memory per token is where LSTMs
# still fit: streams read without end (sensors, audio, control) and small devices with
# little memory.
#
# What came after tries to have both. xLSTM (Beck et al., 2024) revisits the LSTM's gates
# and memory so that part of it can be trained in parallel; state-space models such as
# Mamba (Gu & Dao, 2023) keep a constant-size recurrent state while training in parallel.
# This lesson measured neither; their papers report results at scales far beyond a laptop.
#
# References: Sutskever, Vinyals & Le (2014), *Sequence to sequence learning with neural
# networks*; Bahdanau, Cho & Bengio (2015), *Neural machine translation by jointly learning
# to align and translate*; Luong, Pham & Manning (2015), *Effective approaches to
# attention-based neural machine translation*; Vaswani et al. (2017), *Attention is all you
# need*; Beck et al. (2024), *xLSTM: Extended Long Short-Term Memory*; Gu & Dao (2023),
# *Mamba: Linear-time sequence modeling with selective state spaces*.
#
# The benchmark `tools/bench_seq2seq.py` trains the three models in separate processes and
# prints the same table; the README has its output.
#
# ## Summary
# - An encoder–decoder LSTM reads the input into its final (h, c) and writes the output
#   from them, one token at a time; teacher forcing trains it on the true previous tokens.
# - Greedy decoding takes the best token at each step; beam search keeps several partial
#   answers and ranks whole ones; width 1 is greedy.
# - Without attention the whole input must fit in two vectors: the bottleneck plot shows
#   what that costs as inputs grow. Attention reads every encoder output at every step, and
#   its weights show where.
# - A Transformer trains on all positions at once; an LSTM generates in constant time and
#   memory per token. How each copes with inputs longer than any in training is in the
#   table: this run shows whether any of them got that for free.
#
# ## Exercises
# **1.** In the LSTM without attention, how many numbers carry everything the decoder knows
# about the input, whatever the input's length?

# %%
answer_1 = ...
checks.check_number(answer_1, 2 * UNITS, 0.5, "h and c, UNITS numbers each: the same for "
                    "3 digits or 300. That is the bottleneck.",
                    "count the states the encoder hands to the decoder, and their sizes.")

# %% [markdown] tags=["solution"]
# **Solution 1.** The encoder model's outputs are exactly what the decoder starts from:

# %% tags=["solution"]
answer_1 = sum(int(state.shape[-1]) for state in lstm.encoder.outputs)
checks.check_number(answer_1, 2 * UNITS, 0.5, "h and c, UNITS numbers each: the same for "
                    "3 digits or 300. That is the bottleneck.",
                    "count the states the encoder hands to the decoder, and their sizes.")

# %% [markdown]
# **2.** Beam search of width `BEAM_WIDTH` over this task's vocabulary: after the first
# step, how many candidate answers does it score at each step, before it keeps the best?

# %%
answer_2 = ...
checks.check_number(answer_2, BEAM_WIDTH * seq2seq_task.VOCAB_SIZE, 0.5,
                    "each kept answer extended by every token: width × vocabulary.",
                    "each partial answer it keeps gets every possible next token.")

# %% [markdown] tags=["solution"]
# **Solution 2.** Count them: wrap the decoder step so it records the shape of the
# log-probabilities it returns (one row per kept answer, one column per token).

# %% tags=["solution"]
shapes = []


def counting_step(tokens, states):
    log_probs, states = attention.step(tokens, states)
    shapes.append(log_probs.shape)
    return log_probs, states


beam_search.beam_search(counting_step, attention.start(example[None, :]), seq2seq_task.START,
                        seq2seq_task.END, BEAM_WIDTH, len(example) + 2)
answer_2 = max(rows * columns for rows, columns in shapes[1:])
checks.check_number(answer_2, BEAM_WIDTH * seq2seq_task.VOCAB_SIZE, 0.5,
                    "each kept answer extended by every token: width × vocabulary.",
                    "each partial answer it keeps gets every possible next token.")

# %% [markdown]
# **3.** A well-trained attention model reverses a string. In its heatmap (rows: tokens
# written, top to bottom; columns: input digits, left to right), where do the bright cells
# lie? Answer `"diagonal"` (top left to bottom right), `"anti-diagonal"` (top right to
# bottom left), `"first column"` or `"last column"`.

# %%
answer_3 = ...
checks.check_choice(answer_3, expected="anti-diagonal", options={
    "diagonal": "that is copying: the first digit written would be the first read.",
    "anti-diagonal": "",
    "first column": "the decoder would look at one digit only; it writes every digit once.",
    "last column": "it starts there, but then moves: each digit written is another read."},
    why="the first digit written is the last read, the second the second-to-last, and so on.")

# %% [markdown] tags=["solution"]
# **Solution 3.** To write output digit *t* of a reversal, the decoder needs input digit
# *n* + 1 − *t*: row 1 looks at the last column, the last digit row at the first. In full
# mode the panel above shows it; type `123456789`.

# %% tags=["solution"]
answer_3 = "anti-diagonal"
checks.check_choice(answer_3, expected="anti-diagonal", options={
    "diagonal": "that is copying: the first digit written would be the first read.",
    "anti-diagonal": "",
    "first column": "the decoder would look at one digit only; it writes every digit once.",
    "last column": "it starts there, but then moves: each digit written is another read."},
    why="the first digit written is the last read, the second the second-to-last, and so on.")

# %% [markdown]
# **4. Build it: dot-product attention.** Luong et al. (2015) scored with a plain dot
# product instead of Bahdanau's small network. Build the encoder–decoder with Keras's
# `Attention` layer (`keras.layers.Attention()`, passed as `attention=`), train it for
# `EXERCISE_EPOCHS` epochs on `task.train`, and name it `dot_model`. The check decodes the
# test inputs of training lengths and wants `EXERCISE_TARGET` of them exactly right. Is it
# faster per epoch than the additive model?

# %%
dot_model = ...

build_checks.check_seq2seq_model(dot_model, task.test.up_to(task.train_lengths[1]),
                                 at_least=EXERCISE_TARGET, layer="Attention")

# %% [markdown] tags=["solution"]
# **Solution 4.** The same builder, with the layer passed in; training as before:

# %% tags=["solution"]
config.seed_keras()
dot_model = seq2seq_models.build_lstm_seq2seq(seq2seq_task.VOCAB_SIZE, UNITS,
                                              attention=keras.layers.Attention())
dot_run = seq2seq_training.train(dot_model, task.train, EXERCISE_EPOCHS, BATCH_SIZE)
print(f"dot-product: {dot_run.seconds_per_epoch:.1f} s per epoch; additive: "
      f"{attention_run.seconds_per_epoch:.1f} s")

build_checks.check_seq2seq_model(dot_model, task.test.up_to(task.train_lengths[1]),
                                 at_least=EXERCISE_TARGET, layer="Attention")

# %% [markdown]
# **Next**: this is the last lesson. Back to the [welcome page](00_welcome.ipynb) for the
# map of the course.
