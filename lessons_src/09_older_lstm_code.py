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
# # 09 · Reading older LSTM code: TensorFlow 1 and Keras 2, mapped onto Keras 3
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/09_older_lstm_code.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/09_older_lstm_code.ipynb)
#
# **What you will learn**
# - to read the TensorFlow 1 LSTM code that most tutorials, answers and papers from 2016-2019
#   use (placeholders, `BasicLSTMCell`, `DropoutWrapper`, `dynamic_rnn`, the transpose that
#   takes the last step, `softmax_cross_entropy_with_logits`, `AdamOptimizer`), and to write
#   it in Keras 3;
# - to read Keras 2 text code (`keras.preprocessing`, `Tokenizer`, `input_length`,
#   `predict_classes`) and to know which lines still run, which warn and which fail;
# - the details that silently change results when porting: keep probability vs drop rate,
#   logits vs probabilities, the last step of a padded sequence, the forget bias, gate order.
#
# The old code is shown, not run. Most of it no longer runs as it stands: TF1's graphs and
# sessions still ship inside TensorFlow 2 as `tf.compat.v1`, but its RNN cells
# (`tf.compat.v1.nn.rnn_cell.BasicLSTMCell`) are built on Keras 2 and raise an error under
# TensorFlow ≥ 2.16 with Keras 3; they come back only with the `tf_keras` package (Keras 2)
# installed and `TF_USE_LEGACY_KERAS=1` set before TensorFlow is imported. Those are frozen
# compatibility layers, so this lesson ports to Keras 3 instead. Every Keras 3 equivalent runs, and the TF1 cell is rebuilt in NumPy to check, number for
# number, that the two compute the same thing.
#
# **What you need**: lessons 02 (the gates), 03 (the recall task) and 05 (padding and masking).
# Full mode takes about a minute; fast mode under a minute.

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
from lstm_helpers import config

config.start_lesson("09_older_lstm_code")  # first: it also quiets TensorFlow's start-up logs

import warnings

import keras
import numpy as np
from IPython.display import Markdown, display

from lstm_helpers.core import legacy, metrics
from lstm_helpers.core.activations import sigmoid
from lstm_helpers.course import build_checks, checks
from lstm_helpers.data import recall_task
from lstm_helpers.data.imdb import load_imdb
from lstm_helpers.ui.display import SideBySide, markdown_table

config.seed_keras()

# %% tags=["parameters"]
N_SEQUENCES = config.scale(full=4000, fast=600)  # recall-task sequences to train on
DISTRACTORS = 20  # steps between the symbol and the question (lesson 03's task)
N_HIDDEN = 32  # LSTM units, as the TF1 example
TF1_EPOCHS = config.scale(full=12, fast=2)  # passes over the recall data
N_REVIEWS = config.scale(full=5000, fast=300)  # IMDB training reviews for the Keras 2 example
N_TEST_REVIEWS = config.scale(full=5000, fast=300)  # IMDB test reviews it is scored on
KERAS2_EPOCHS = config.scale(full=3, fast=1)  # as the Keras 2 example

# %% [markdown]
# ## 1 · TensorFlow 1: a graph of placeholders, run in a session
# The pattern below (here classifying sequences into 4 classes) was copied into countless
# tutorials. TensorFlow 1 first *describes* a computation with placeholders for the data,
# then runs it in a `Session`, feeding [batches](../docs/glossary.md#batch) through
# `feed_dict`. Keras 3 writes the same
# model as layers and trains it with `fit`. Read the two side by side; the comments on the
# right say which old line each new line replaces. (The cell that holds the two listings is
# folded: its output shows them; click the ⋯ to see the cell itself.)

# %% jupyter={"source_hidden": true}
TF1_CLASSIFIER = '''
import tensorflow as tf  # TensorFlow 1.x

x = tf.placeholder(tf.float32, [None, n_steps, n_input])
y = tf.placeholder(tf.float32, [None, n_classes])  # one-hot
keep_prob = tf.placeholder(tf.float32)

cell = tf.nn.rnn_cell.BasicLSTMCell(n_hidden, forget_bias=1.0)
cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)

outputs = tf.transpose(outputs, [1, 0, 2])  # (steps, batch, hidden)
last = outputs[-1]                          # the last step's h
W = tf.Variable(tf.random_normal([n_hidden, n_classes]))
b = tf.Variable(tf.random_normal([n_classes]))
logits = tf.matmul(last, W) + b

loss = tf.reduce_mean(
    tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.AdamOptimizer(learning_rate=0.001).minimize(loss)
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(epochs):
        for batch_x, batch_y in batches(train_x, train_y, 64):
            sess.run(train_op, feed_dict={x: batch_x, y: batch_y,
                                          keep_prob: 0.8})
    print(sess.run(accuracy, feed_dict={x: test_x, y: test_y,
                                        keep_prob: 1.0}))
'''
KERAS3_CLASSIFIER = '''
import keras  # Keras 3

model = keras.Sequential([
    keras.Input((n_steps, n_input)),  # the placeholder x
    keras.layers.LSTM(n_hidden),      # BasicLSTMCell + dynamic_rnn
                                      # + transpose + [-1]: the last h
    keras.layers.Dropout(0.2),        # DropoutWrapper(output_keep_prob=0.8)
    keras.layers.Dense(n_classes),    # W, b: logits
])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.001),  # AdamOptimizer
    loss=keras.losses.CategoricalCrossentropy(from_logits=True),
    # = softmax_cross_entropy_with_logits, averaged (reduce_mean)
    metrics=["categorical_accuracy"],  # argmax(logits) == argmax(y)
)
model.fit(train_x, train_y, batch_size=64, epochs=epochs)  # the Session loop
model.evaluate(test_x, test_y)  # dropout off: Keras's keep_prob 1.0
'''
SideBySide(TF1_CLASSIFIER, KERAS3_CLASSIFIER, "TensorFlow 1 (shown, not run)", "Keras 3 (runs below)")

# %% [markdown]
# ### The Keras 3 version, run
# The data: lesson 03's recall task. Each sequence is one symbol (A-D), then `DISTRACTORS`
# distractors, one-hot coded (the run prints the shape: sequences, steps, features); the
# class is the symbol seen first, so the LSTM must carry it across all the distractors.

# %%
train_x, train_labels = recall_task.make_recall_data(N_SEQUENCES, DISTRACTORS, seed=1)
test_x, test_labels = recall_task.make_recall_data(1000, DISTRACTORS, seed=2)
n_steps, n_input = train_x.shape[1:]
n_classes, n_hidden, epochs = len(recall_task.SYMBOLS), N_HIDDEN, TF1_EPOCHS
train_y = keras.utils.to_categorical(train_labels, n_classes)  # one-hot, as TF1's y
test_y = keras.utils.to_categorical(test_labels, n_classes)
print(f"train_x {train_x.shape}, train_y {train_y.shape}; chance = 1 / {n_classes}")

model = keras.Sequential([
    keras.Input((n_steps, n_input)),
    keras.layers.LSTM(n_hidden, name="lstm"),
    keras.layers.Dropout(0.2),
    keras.layers.Dense(n_classes, name="logits"),
])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.001),
              loss=keras.losses.CategoricalCrossentropy(from_logits=True),
              metrics=["categorical_accuracy"])
history = model.fit(train_x, train_y, batch_size=64, epochs=epochs, verbose=2)
loss, accuracy = model.evaluate(test_x, test_y, verbose=0)
print(f"after {epochs} epochs: training accuracy "
      f"{history.history['categorical_accuracy'][-1]:.1%}, test accuracy {accuracy:.1%}")

# %% [markdown]
# ### Same cell, checked on numbers
# TF1's `BasicLSTMCell` keeps **one** kernel for `[x, h]` with its gates in the order
# *i, j (the candidate), f, o*, and adds `forget_bias` to the forget gate every step. Keras
# keeps separate input and recurrent kernels, orders its gates *i, f, c, o*, and puts the
# 1.0 into the forget gate's starting bias instead (`unit_forget_bias=True`). `legacy.py`
# rebuilds TF1's cell and `dynamic_rnn` in NumPy, straight from the TF1 source. Converting
# the trained Keras weights to TF1's layout and running that NumPy TF1 cell must give the
# same last hidden state, and so the same predictions:

# %%
kernel, bias = legacy.tf1_weights_from_keras(model.get_layer("lstm").get_weights(), forget_bias=1.0)
print(f"TF1 kernel {kernel.shape} = (n_input + n_hidden, 4·n_hidden); bias {bias.shape}")
outputs, (c_last, h_last) = legacy.tf1_dynamic_rnn(test_x, kernel, bias, forget_bias=1.0)
last = legacy.last_step_by_transpose(outputs)  # tf.transpose(outputs, [1, 0, 2])[-1]
keras_last = np.asarray(model.get_layer("lstm")(test_x))  # the LSTM layer alone: the last h
w, b = model.get_layer("logits").get_weights()
tf1_logits = last @ w + b  # tf.matmul(last, W) + b
keras_logits = np.asarray(model(test_x, training=False))
print(f"largest |h(TF1 in NumPy) - h(Keras)| over {len(test_x):,} sequences: "
      f"{np.abs(last - keras_last).max():.1e}")
print(f"same predicted class for every sequence: "
      f"{bool((tf1_logits.argmax(1) == keras_logits.argmax(1)).all())}; "
      f"last step of outputs == final state h: {np.allclose(last, h_last)}")

# %% [markdown]
# ### Five details that change results silently
# 1. **Keep probability vs drop rate.** `DropoutWrapper(output_keep_prob=0.8)` *keeps* 80%;
#    Keras's `Dropout(0.2)` *drops* 20%. Porting `0.8` as `Dropout(0.8)` drops 80%.
#    (`input_keep_prob` → `LSTM(dropout=…)`; `state_keep_prob` → `recurrent_dropout`, which
#    lesson 05 showed costs the fast kernel.) One more catch: `DropoutWrapper` draws a *new*
#    mask at every step by default (`variational_recurrent=False`), while Keras's `dropout=`
#    and `recurrent_dropout=` draw one mask per sequence and reuse it at every step
#    (variational dropout, TF1's `variational_recurrent=True`). Same rate, different noise.
# 2. **Logits vs probabilities.** `softmax_cross_entropy_with_logits` applies the softmax
#    itself. In Keras, a `Dense` layer *without* activation needs `from_logits=True`; with
#    `activation="softmax"` it needs the default `from_logits=False`. Mixing them trains on
#    a wrong loss without any error:

# %%
logits = keras_logits[:5]
probs = np.asarray(keras.ops.softmax(logits))
cce = keras.losses.CategoricalCrossentropy
rows = [("logits, from_logits=True (right)", cce(from_logits=True)(test_y[:5], logits)),
        ("softmax probabilities, default (right)", cce()(test_y[:5], probs)),
        ("softmax probabilities, from_logits=True (wrong)", cce(from_logits=True)(test_y[:5], probs))]
display(Markdown(markdown_table([{"what goes into the loss": name, "loss": f"{float(v):.4f}"}
                                 for name, v in rows])))

# %% [markdown]
# 3. **The last step of a padded sequence.** `tf.transpose(outputs, [1, 0, 2])[-1]` takes
#    the last *time step*, which is padding when a short sequence was padded at the end
#    (`dynamic_rnn(sequence_length=…)` then returns zeros there). TF1 code that pads must take
#    `state.h` instead; Keras takes the last *real* step when the embedding has
#    `mask_zero=True` (lesson 05). On this task every sequence has the same length, so the
#    check above found the two equal.
# 4. **The forget bias.** TF1 adds `forget_bias=1.0` at every step and starts the bias at 0;
#    Keras starts the bias at 1.0 and lets training move it. Same cell at the start; a port of
#    trained TF1 weights must add the 1.0 into the bias (`legacy.keras_weights_from_tf1`).
# 5. **Gate order.** Porting weights block by block without reordering *i, j, f, o* into
#    *i, f, c, o* gives a model that loads without error and predicts nonsense.
#
# ## 2 · Keras 2: text, padding and the `Sequential` API
# Keras 2 text code looked like this, and mostly still reads the same. What changed is in
# the details: a few imports, one argument, one method.

# %% jupyter={"source_hidden": true}
KERAS2_TEXT = '''
from keras.preprocessing import sequence
from keras.preprocessing.text import Tokenizer
from keras.models import Sequential
from keras.layers import Embedding, LSTM, Dense
from keras.optimizers import Adam

tokenizer = Tokenizer(num_words=5000)
tokenizer.fit_on_texts(train_texts)
x_train = sequence.pad_sequences(
    tokenizer.texts_to_sequences(train_texts), maxlen=200)
x_test = sequence.pad_sequences(
    tokenizer.texts_to_sequences(test_texts), maxlen=200)

model = Sequential()
model.add(Embedding(5000, 32, input_length=200))
model.add(LSTM(100))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy',
              optimizer=Adam(lr=0.001), metrics=['accuracy'])
model.fit(x_train, y_train, epochs=3, batch_size=64,
          validation_data=(x_test, y_test))
y_pred = model.predict_classes(x_test)
'''
KERAS3_TEXT = '''
import keras

vectorizer = keras.layers.TextVectorization(
    max_tokens=5000, ragged=True)  # Tokenizer(num_words=5000)
vectorizer.adapt(train_texts)        # fit_on_texts
x_train = keras.utils.pad_sequences(  # sequence.pad_sequences
    vectorizer(train_texts).to_list(), maxlen=200)
x_test = keras.utils.pad_sequences(
    vectorizer(test_texts).to_list(), maxlen=200)

model = keras.Sequential([
    keras.Input((200,), dtype="int32"),  # replaces input_length
    keras.layers.Embedding(5000, 32),
    keras.layers.LSTM(100),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", metrics=["accuracy"],
              optimizer=keras.optimizers.Adam(learning_rate=0.001))
model.fit(x_train, y_train, epochs=3, batch_size=64,
          validation_split=0.2)  # validate on training reviews
y_pred = (model.predict(x_test) > 0.5).astype("int32").ravel()
'''
SideBySide(KERAS2_TEXT, KERAS3_TEXT, "Keras 2 (shown)", "Keras 3 (runs below)")

# %% [markdown]
# ### Which old lines still run in Keras 3?
# Tried here, live, on this installation:

# %%
tries = []
try:
    from keras.preprocessing import sequence

    tries.append(("from keras.preprocessing import sequence", "runs: sequence.pad_sequences is "
                  f"keras.utils.pad_sequences: {sequence.pad_sequences is keras.utils.pad_sequences}"))
except ImportError as error:
    tries.append(("from keras.preprocessing import sequence", f"ImportError: {error}"))
try:
    from keras.preprocessing.text import Tokenizer  # noqa: F401
    tries.append(("from keras.preprocessing.text import Tokenizer", "runs"))
except ImportError as error:
    tries.append(("from keras.preprocessing.text import Tokenizer",
                  f"ImportError: {str(error).splitlines()[0][:90]}"))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    keras.layers.Embedding(5000, 32, input_length=200)
tries.append(("Embedding(5000, 32, input_length=200)",
              "warns: " + (str(caught[0].message) if caught else "nothing")))
try:
    keras.optimizers.Adam(lr=0.001)
    tries.append(("Adam(lr=0.001)", "runs"))
except (TypeError, ValueError) as error:
    tries.append(("Adam(lr=0.001)", f"{type(error).__name__}: {str(error)[:90]}"))
tries.append(("model.predict_classes(x)", "AttributeError" if not hasattr(model, "predict_classes")
              else "runs"))
display(Markdown(markdown_table([{"Keras 2 line": f"`{code}`", "in Keras 3": what}
                                 for code, what in tries])))

# %% [markdown]
# The Keras 3 version runs on real IMDB reviews (fewer than the full 25,000, for time). Two
# changes beyond the spelling: it validates on a split of the **training** reviews, where the
# Keras 2 code validated on the test set (lesson 05 showed why that flatters), and it scores
# the test set once at the end.

# %%
imdb = load_imdb(n_train=N_REVIEWS, n_val=2, n_test=N_TEST_REVIEWS)  # validation: from train below
train_texts, y_train = imdb.train.texts, imdb.train.labels
test_texts, y_test = imdb.test.texts, imdb.test.labels

vectorizer = keras.layers.TextVectorization(max_tokens=5000, ragged=True)
vectorizer.adapt(train_texts)
x_train = keras.utils.pad_sequences(vectorizer(train_texts).to_list(), maxlen=200)
x_test = keras.utils.pad_sequences(vectorizer(test_texts).to_list(), maxlen=200)

text_model = keras.Sequential([
    keras.Input((200,), dtype="int32"),
    keras.layers.Embedding(5000, 32),
    keras.layers.LSTM(100),
    keras.layers.Dense(1, activation="sigmoid"),
])
text_model.compile(loss="binary_crossentropy", metrics=["accuracy"],
                   optimizer=keras.optimizers.Adam(learning_rate=0.001))
fit = text_model.fit(x_train, y_train, epochs=KERAS2_EPOCHS, batch_size=64,
                     validation_split=0.2, verbose=2)
y_prob = text_model.predict(x_test, verbose=0).ravel()
y_pred = (y_prob > 0.5).astype("int32")  # predict_classes
print(f"{len(x_train):,} training reviews, {KERAS2_EPOCHS} epoch(s): validation accuracy "
      f"{fit.history['val_accuracy'][-1]:.1%}; test accuracy {np.mean(y_pred == y_test):.1%}, "
      f"ROC AUC {metrics.roc_auc(y_test, y_prob):.3f} ({len(y_test):,} test reviews)")

# %% [markdown]
# One trap when "modernising" further: `TextVectorization(output_sequence_length=200)` also
# pads and cuts, but **at the end**, while `pad_sequences` pads and cuts at the **front** by
# default. An LSTM without a mask that reads end-padded reviews finishes on zeros (lesson
# 05). On one short review:

# %%
short = min(test_texts, key=len)
ids = vectorizer([short]).to_list()[0]
front = keras.utils.pad_sequences([ids], maxlen=len(ids) + 4)[0]
fixed = keras.layers.TextVectorization(output_sequence_length=len(ids) + 4,
                                       vocabulary=vectorizer.get_vocabulary())  # same ids
print("review                               :", short[:80])
print("pad_sequences (pads the front)       :", front.tolist())
print("output_sequence_length (pads the end):", np.asarray(fixed([short]))[0].tolist())

# %% [markdown]
# ## 3 · PyTorch's `nn.LSTM`, read and ported
# Much LSTM code today is PyTorch. Its `nn.LSTM` is the same cell with other conventions:
# gate blocks in the order *i, f, g, o* (g is the candidate, Keras's c), weights stored as
# (4·units, inputs) and multiplied from the left, **two** biases (`bias_ih` + `bias_hh`, always
# added), sequences time-first unless `batch_first=True`, padding handled by
# `pack_padded_sequence` instead of a mask, and an optional `proj_size` that shrinks h (no
# Keras equivalent). Two more that bite when porting a model's *training*: PyTorch draws
# every bias at random, with no forget bias of 1 (Keras's `unit_forget_bias=True`), and
# `nn.LSTM(..., dropout=p)` drops between stacked layers (none with one layer), not on each
# step's input like Keras's `LSTM(dropout=p)`. PyTorch is not installed here; the listing is shown, and the conversion
# is checked on arrays laid out exactly as PyTorch stores them.

# %% jupyter={"source_hidden": true}
PYTORCH_CLASSIFIER = '''
import torch
from torch import nn

class Classifier(nn.Module):
    def __init__(self, n_input, n_hidden, n_classes):
        super().__init__()
        self.lstm = nn.LSTM(n_input, n_hidden, batch_first=True)
        self.drop = nn.Dropout(0.2)         # p = share DROPPED, as Keras
        self.out = nn.Linear(n_hidden, n_classes)

    def forward(self, x, lengths):          # x: (batch, steps, features)
        packed = nn.utils.rnn.pack_padded_sequence(
            x, lengths, batch_first=True, enforce_sorted=False)
        _, (h, c) = self.lstm(packed)       # h: (layers, batch, hidden)
        return self.out(self.drop(h[-1]))   # logits

loss_fn = nn.CrossEntropyLoss()             # integer labels, logits
'''
KERAS3_EQUIVALENT = '''
import keras

model = keras.Sequential([
    keras.Input((None, n_input)),
    keras.layers.Masking(0.0),              # pack_padded_sequence:
                                            # padded steps skipped
    keras.layers.LSTM(n_hidden),            # h[-1]: the last real h
    keras.layers.Dropout(0.2),
    keras.layers.Dense(n_classes),          # nn.Linear: logits
])
model.compile("adam", loss=keras.losses.SparseCategoricalCrossentropy(
    from_logits=True))                      # = nn.CrossEntropyLoss
'''
SideBySide(PYTORCH_CLASSIFIER, KERAS3_EQUIVALENT, "PyTorch (shown, not run)", "Keras 3")

# %% [markdown]
# Porting trained weights: transpose both matrices, keep the gate order (i, f, g, o is
# already Keras's i, f, c, o) and add the two biases (`legacy.keras_weights_from_pytorch`).
# Check it against PyTorch's own equations from its documentation, written out in NumPy:
# predict first: after conversion, will the Keras LSTM's final h match to float precision,
# or does the second bias need to go somewhere else?

# %%
rng = np.random.default_rng(0)
units, features = 5, 3
torch_layout = {"weight_ih_l0": rng.normal(0, 0.4, (4 * units, features)),  # (4·units, inputs)
                "weight_hh_l0": rng.normal(0, 0.4, (4 * units, units)),
                "bias_ih_l0": rng.normal(0, 0.3, 4 * units),
                "bias_hh_l0": rng.normal(0, 0.3, 4 * units)}
sequences = rng.normal(size=(4, 9, features))  # batch_first=True


def pytorch_lstm_last_h(xs, w_ih, w_hh, b_ih, b_hh):
    # torch.nn.LSTM as its documentation writes it: gates = W_ih x + b_ih + W_hh h + b_hh
    h = c = np.zeros((len(xs), w_hh.shape[1]))
    for t in range(xs.shape[1]):
        i, f, g, o = np.split(xs[:, t] @ w_ih.T + b_ih + h @ w_hh.T + b_hh, 4, axis=1)
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    return h


torch_h = pytorch_lstm_last_h(sequences, *torch_layout.values())
ported = keras.layers.LSTM(units)
ported.build((None, None, features))
ported.set_weights(legacy.keras_weights_from_pytorch(*torch_layout.values()))
keras_h = np.asarray(ported(sequences.astype("float32")))
print(f"largest |h(PyTorch equations) − h(Keras, ported weights)|: "
      f"{np.abs(torch_h - keras_h).max():.1e}")
checks.confirm(np.allclose(torch_h, keras_h, atol=1e-5),
               "transposed weights and summed biases make Keras compute PyTorch's LSTM")

# %% [markdown]
# ## 4 · The mapping, in one table
# | older code | Keras 3 | watch out |
# |---|---|---|
# | `tf.placeholder` + `feed_dict` | `keras.Input(shape)`; data goes to `fit`/`predict` | the batch axis is left out of `shape` |
# | `tf.Session()`, `global_variables_initializer()`, the training loop | `model.compile(...)`, `model.fit(...)` | layers create their own weights |
# | `BasicLSTMCell(n)` + `dynamic_rnn` | `keras.layers.LSTM(n)` | gate order *i, j, f, o* → *i, f, c, o* (porting weights) |
# | `forget_bias=1.0` | `unit_forget_bias=True` (the default) | TF1 adds it each step; Keras starts the bias at 1 |
# | `LSTMCell(n, use_peepholes=True)` | no Keras layer | a peephole LSTM needs a custom cell |
# | `DropoutWrapper(output_keep_prob=p)` | `Dropout(1 - p)` after the LSTM | keep probability vs drop rate |
# | `DropoutWrapper(input_keep_prob=p)` | `LSTM(dropout=1 - p)` | TF1: a new mask every step; Keras: one per sequence |
# | `MultiRNNCell([cell1, cell2])` | two `LSTM` layers, the first with `return_sequences=True` | lesson 07 |
# | `bidirectional_dynamic_rnn` | `Bidirectional(LSTM(n))` | outputs concatenated (`merge_mode="concat"`) |
# | `outputs, state = dynamic_rnn(...)` | `LSTM(n, return_sequences=True, return_state=True)` | Keras returns `[outputs, h, c]`; TF1's state is `(c, h)` |
# | `tf.transpose(outputs, [1, 0, 2])[-1]` | `LSTM(n)` (last step only, the default) | on padded data: `mask_zero=True`, not the raw last step |
# | `dynamic_rnn(sequence_length=lengths)` | `Embedding(..., mask_zero=True)` | |
# | `softmax_cross_entropy_with_logits(labels, logits)` + `reduce_mean` | `CategoricalCrossentropy(from_logits=True)` | integer labels: `SparseCategoricalCrossentropy` |
# | `sigmoid_cross_entropy_with_logits` | `BinaryCrossentropy(from_logits=True)` | |
# | `tf.train.AdamOptimizer(learning_rate=…)` | `keras.optimizers.Adam(learning_rate=…)` | `lr=` is no longer accepted |
# | `tf.argmax(logits, 1) == tf.argmax(y, 1)` | `metrics=["categorical_accuracy"]` | |
# | `from keras.preprocessing import sequence` | `keras.utils.pad_sequences` | the old import still works (table above) |
# | `keras.preprocessing.text.Tokenizer` | `keras.layers.TextVectorization` | index 1 is `[UNK]`; `Tokenizer` without an `oov_token` (its default) dropped unknown words (lesson 04) |
# | `Embedding(..., input_length=n)` | `keras.Input((n,))` before the `Embedding` | the argument only warns now |
# | `model.predict_classes(x)` | `(model.predict(x) > 0.5).astype("int32")`, or `argmax` for softmax | removed |
# | `CuDNNLSTM(n)` | `LSTM(n)` | picks cuDNN on a GPU by itself when it can (lesson 05) |
# | `validation_data=(x_test, y_test)` | `validation_split=0.2`, or a split of training data | lesson 05: validating on test flatters |
# | PyTorch `nn.LSTM(n_in, n, batch_first=True)` | `keras.layers.LSTM(n)` (Keras is batch-first) | weights transposed; biases `b_ih + b_hh` summed; gate order i, f, g, o = Keras's; PyTorch starts the forget bias like the others (no +1 of `unit_forget_bias`) |
# | PyTorch `nn.LSTM(..., num_layers=2, dropout=p)` | two `LSTM` layers with `Dropout(p)` between them | PyTorch's `dropout` acts *between* stacked layers, not on the inputs like Keras's `LSTM(dropout=p)` |
# | PyTorch `pack_padded_sequence` | `mask_zero=True` or `Masking` | |
# | PyTorch `nn.LSTM(..., proj_size=p)` | no Keras layer | h is projected to p numbers |
#
# ## Summary
# - TF1 describes a graph and runs it in a session; Keras 3 builds layers and calls `fit`.
#   `BasicLSTMCell` + `dynamic_rnn` + the transpose-and-take-last idiom is one `LSTM` layer.
# - The same cell: with the weights converted (gate order, forget bias), TF1's NumPy
#   reconstruction and Keras agree to float precision.
# - Port carefully: keep probability vs rate, logits vs probabilities, padded last steps.
# - PyTorch's `nn.LSTM` is the same cell: transpose its weights, add its two biases.
# - Keras 2 text code mostly survives; `Tokenizer`, `lr=`, `predict_classes` do not, and
#   `input_length` only warns.
#
# ## Exercises
# **1.** An old model uses `DropoutWrapper(cell, output_keep_prob=0.7)`. What rate do you
# give `keras.layers.Dropout` after the LSTM?

# %%
answer_1 = ...
checks.check_number(answer_1, 0.3, 1e-6, "keep 70% means drop 30%: Dropout(0.3).",
                    "TF1 gives the share kept; Keras wants the share dropped.")

# %% [markdown] tags=["solution"]
# **Solution 1.** TF1's argument is the share *kept*; Keras's is the share *dropped*.

# %% tags=["solution"]
answer_1 = round(1 - 0.7, 10)
checks.check_number(answer_1, 0.3, 1e-6, "keep 70% means drop 30%: Dropout(0.3).",
                    "TF1 gives the share kept; Keras wants the share dropped.")

# %% [markdown]
# **2.** How many numbers does TF1's kernel for `BasicLSTMCell(32)` on 8 input features hold
# (the bias aside)? Its shape is (inputs + units, 4 · units).

# %%
answer_2 = ...
checks.check_number(
    answer_2, (8 + 32) * 4 * 32, 0.5,
    f"(8 + 32) × 128 = {(8 + 32) * 4 * 32:,}: Keras splits the same numbers into a kernel "
    "(8 × 128) and a recurrent kernel (32 × 128).",
    "one kernel multiplies [x, h] (8 + 32 numbers) into 4 gates of 32 units each.")

# %% [markdown] tags=["solution"]
# **Solution 2.** Build the Keras layer and add its two kernels: the same numbers TF1 kept
# in one matrix.

# %% tags=["solution"]
lstm_32 = keras.layers.LSTM(32)
lstm_32.build((None, None, 8))
kernel_32, recurrent_32, _ = lstm_32.get_weights()
answer_2 = kernel_32.size + recurrent_32.size
checks.check_number(
    answer_2, (8 + 32) * 4 * 32, 0.5,
    f"(8 + 32) × 128 = {(8 + 32) * 4 * 32:,}: Keras splits the same numbers into a kernel "
    "(8 × 128) and a recurrent kernel (32 × 128).",
    "one kernel multiplies [x, h] (8 + 32 numbers) into 4 gates of 32 units each.")

# %% [markdown]
# **3.** Your final layer is `Dense(4, activation="softmax")`. Which loss setting is right:
# `"from_logits=True"` or `"from_logits=False"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="from_logits=false",
    options={"from_logits=false": "", "from_logits=true": "with a softmax already applied, "
             "the loss would apply a second softmax (the 'wrong' row of the loss table)."},
    why="the layer outputs probabilities, so the loss must not apply softmax again.")

# %% [markdown] tags=["solution"]
# **Solution 3.** The layer already applies the softmax, so the loss must take its output
# as probabilities: the default, `from_logits=False`.

# %% tags=["solution"]
answer_3 = "from_logits=False"
checks.check_choice(
    answer_3, expected="from_logits=false",
    options={"from_logits=false": "", "from_logits=true": "with a softmax already applied, "
             "the loss would apply a second softmax (the 'wrong' row of the loss table)."},
    why="the layer outputs probabilities, so the loss must not apply softmax again.")

# %% [markdown]
# **4.** Porting trained TF1 weights: in Keras's gate order *i, f, c, o*, which block of
# the bias gets the `forget_bias` of 1.0 added: `"i"`, `"f"`, `"c"` or `"o"`?

# %%
answer_4 = ...
checks.check_choice(
    answer_4, expected="f",
    options={"f": "", "i": "the input gate: TF1 adds nothing there.",
             "c": "the candidate (TF1's j) has no extra bias.",
             "o": "the output gate: TF1 adds nothing there."},
    why="TF1 adds forget_bias to the forget gate every step; in Keras it lives in the "
        "forget block of the bias (legacy.keras_weights_from_tf1).")

# %% [markdown] tags=["solution"]
# **Solution 4.** TF1 computes σ(f + forget_bias) at every step; Keras computes σ(f) with
# the bias inside f, so the constant goes into the forget block, the second of i, f, c, o.

# %% tags=["solution"]
answer_4 = "f"
checks.check_choice(
    answer_4, expected="f",
    options={"f": "", "i": "the input gate: TF1 adds nothing there.",
             "c": "the candidate (TF1's j) has no extra bias.",
             "o": "the output gate: TF1 adds nothing there."},
    why="TF1 adds forget_bias to the forget gate every step; in Keras it lives in the "
        "forget block of the bias (legacy.keras_weights_from_tf1).")

# %% [markdown]
# **5. Port it.** You have a trained TF1 checkpoint: `BasicLSTMCell`'s `kernel`, shape
# (inputs + units, 4 · units) with its gate blocks in the order *i, j, f, o*, its `bias`, and
# the `forget_bias` it was built with. Write `port(kernel, bias, input_dim, forget_bias)`
# returning `[kernel, recurrent_kernel, bias]` for a Keras `LSTM`, using NumPy only
# (`np.split`, `np.concatenate`; not `legacy.keras_weights_from_tf1`). The check loads your
# weights into a Keras LSTM and runs it beside the TF1 cell (rebuilt in NumPy) on random
# sequences, for checkpoints built with several values of `forget_bias`: they must agree.

# %%
def port(kernel, bias, input_dim, forget_bias):
    ...  # split rows (x part, h part), reorder i, j, f, o → i, f, c, o, fold in forget_bias


build_checks.check_tf1_port(port)

# %% [markdown] tags=["solution"]
# **Solution 5.** Three steps: the first `input_dim` rows of TF1's kernel multiply x (Keras's
# kernel), the rest multiply h (the recurrent kernel); every block of four is reordered from
# i, j, f, o to i, f, j, o; and the forget block of the bias gets the constant TF1 added.

# %% tags=["solution"]
def port(kernel, bias, input_dim, forget_bias):
    def reorder(m):
        i, j, f, o = np.split(m, 4, axis=-1)
        return np.concatenate([i, f, j, o], axis=-1)

    i, j, f, o = np.split(np.asarray(bias, float), 4)
    keras_bias = np.concatenate([i, f + forget_bias, j, o])
    return [reorder(kernel[:input_dim]), reorder(kernel[input_dim:]), keras_bias]


build_checks.check_tf1_port(port)

# %% [markdown]
# **Next**: lesson 10, *Forecasting a time series*: windows, walk-forward evaluation, and
# an LSTM against the baselines that usually win. Or back to the
# [welcome page](00_welcome.ipynb) for the map.
