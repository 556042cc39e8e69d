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
# # 01 · RNN basics: the hidden state, unrolling, and why plain RNNs forget
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/01_rnn_basics.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/01_rnn_basics.ipynb)
#
# **What you will learn**
# - what makes data a *sequence*, and how a recurrent network carries a **hidden state** along it;
# - the **unrolled** picture, and the kinds of recurrent network you will meet;
# - how to run a SimpleRNN by hand, and that your hand computation equals Keras's;
# - **backpropagation through time**, and why a plain RNN's gradients vanish (or explode)
#   while an LSTM's persist, with sliders to see it happen.
#
# **What you need**: lesson 00, and the idea of a matrix product.

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
from lstm_helpers.core import gradients, initializers
from lstm_helpers.core.cells import SimpleRNNWeights, simple_rnn_step
from lstm_helpers.core.sequences import run_simple_rnn
from lstm_helpers.course import checks
from lstm_helpers.ui import gate_widgets
from lstm_helpers.viz import diagrams

config.start_lesson("01_rnn_basics")

# %% tags=["parameters"]
STEPS = config.scale(full=60, fast=30)  # sequence length T in the gradient experiment
UNITS = config.scale(full=16, fast=8)  # hidden units of the RNN and LSTM there
INPUT_DIM = 3  # features per time step

# %% [markdown]
# ## Sequences and the hidden state
# A sentence, a melody, a week of temperatures: the order matters, and what comes next depends
# on what came before. A **recurrent neural network** (RNN) reads a sequence one step at a time,
# $x_1, x_2, \dots, x_T$, and keeps a **hidden state** $h_t$: a vector that summarises
# everything read so far. Each step mixes the new input with the old state:
#
# $$h_t = \tanh(x_t W + h_{t-1} U + b)$$
#
# The same $W$, $U$ and $b$ are used at every step; that is what lets one small network read
# sequences of any length. ($x_t W$ with row vectors is Keras's convention, so the weight shapes
# below are exactly the ones Keras stores: `kernel` $W$, `recurrent_kernel` $U$, `bias` $b$.)
#
# ## The unrolled picture
# The loop on the left *is* the network on the right: one cell, copied once per step, with the
# hidden state passed along the arrows.

# %%
diagrams.unrolled_rnn_figure(steps=4)

# %% [markdown]
# ## Kinds of recurrent network
# - **many-to-one**: read a whole sequence, answer once (a review → its sentiment, lesson 05).
# - **many-to-many**: one output per input (a tag for every word).
# - **one-to-many**: one input, a sequence out (an image → its caption).
# - **encoder–decoder**: one RNN reads, a second writes, with different lengths (translation).
# - **bidirectional**: one RNN reads left to right, another right to left; each output sees
#   both sides (lesson 06).
# - **GRU**: a gated RNN with two gates (update, reset) and one state: lighter than an LSTM.
# - **LSTM**: a gated RNN with a separate memory lane, the **cell state** $c_t$, guarded by
#   three gates (lessons 02 and 03).

# %%
diagrams.rnn_kinds_figure()

# %% [markdown]
# ## A SimpleRNN by hand
# One input feature, two hidden units, three steps. First the weights, in Keras's shapes:

# %%
rnn = SimpleRNNWeights(
    kernel=[[0.5, -1.0]],  # W: (input_dim=1, units=2)
    recurrent_kernel=[[0.8, 0.2], [-0.3, 0.9]],  # U: (units, units)
    bias=[0.0, 0.1],  # b: (units,)
)
xs = np.array([[1.0], [0.0], [-1.0]])  # Shape: (steps=3, input_dim=1)

# %% [markdown]
# Now step by step. The state starts at zero; watch the first input echo on after it is gone
# (steps 2 and 3 have $x_t = 0$ and $-1$, yet $h$ still carries step 1).

# %%
h = np.zeros((1, 2))  # Shape: (batch=1, units=2)
for t, x in enumerate(xs, start=1):
    h = simple_rnn_step(x[None], h, rnn)
    print(f"t={t}  x_t={x[0]:+.1f}  h_t={np.round(h[0], 4)}")

# %% [markdown]
# The course's `run_simple_rnn` does the same loop for a whole batch. Keras's `SimpleRNN` with
# the same weights gives the same numbers (importing TensorFlow takes a few seconds):

# %%
import keras

layer = keras.layers.SimpleRNN(2, return_sequences=True)
layer.build((None, None, 1))
layer.set_weights(rnn.as_list())
ours = run_simple_rnn(xs[None], rnn)[0]
theirs = np.asarray(layer(xs[None].astype("float32")))[0]
print("ours:\n", np.round(ours, 4), "\nKeras:\n", np.round(theirs, 4))
gap = np.abs(ours - theirs).max()
checks.confirm(gap < 1e-5, "our SimpleRNN and Keras's agree within 1e-5", f"largest gap {gap:.1e}")

# %% [markdown]
# ## Backpropagation through time, and the vanishing gradient
# To learn, a network needs to know how its output depends on what it saw earlier. For the last
# hidden state $h_T$ and an earlier one $h_t$, the chain rule multiplies one Jacobian per step:
#
# $$\frac{\partial h_T}{\partial h_t} = \prod_{k=t+1}^{T} \frac{\partial h_k}{\partial h_{k-1}},
# \qquad \frac{\partial h_k}{\partial h_{k-1}} = \operatorname{diag}(1 - h_k^2)\, U^\top .$$
#
# Each factor shrinks by $\tanh' \le 1$ and scales by $U$. If $U$ stretches less than 1, the
# product **vanishes** geometrically; more than 1, it can **explode**. Training signals from
# far back are lost, so a plain RNN cannot learn long-range dependencies.
#
# The LSTM adds a second path. Its cell state is updated as $c_k = f_k \odot c_{k-1} + \dots$,
# so along that lane the factor is the **forget gate** $f_k$ itself: close to 1 when the forget
# gate's bias is large, whatever $U$ does. (Lesson 02 takes the cell apart.)
#
# The figure computes $\lVert \partial h_T / \partial h_t \rVert$ exactly, for a SimpleRNN and an
# LSTM with random weights reading the same random sequence. (`lstm_helpers.core.gradients` derives
# each Jacobian by hand; the tests check it against finite differences.)
#
# **Predict, then move the sliders**:
# - recurrent scale 0.5: how small is the RNN's gradient 30 steps back? And at 1.5?
# - forget bias −2, then +6: what happens to the LSTM's curve? Why does the scale matter less?

# %%
rng = np.random.default_rng(0)
xs_long = rng.normal(size=(STEPS, INPUT_DIM))  # Shape: (steps, input_dim)
explorer = gate_widgets.vanishing_gradient_explorer(xs_long, units=UNITS, seed=0)
explorer

# %% [markdown]
# The same numbers without sliders, for three settings:

# %%
for scale, forget_bias in [(0.5, 1.0), (1.0, 1.0), (1.0, 6.0)]:
    rnn_w = initializers.random_rnn_weights(INPUT_DIM, UNITS, scale, seed=0)
    lstm_w = initializers.random_lstm_weights(INPUT_DIM, UNITS, scale, forget_bias, seed=0)
    rnn_far = gradients.rnn_gradient_norms(xs_long, rnn_w)[0]
    lstm_far = gradients.lstm_gradient_norms(xs_long, lstm_w)[0]
    print(f"scale {scale}, forget bias {forget_bias:+.0f}: {STEPS - 1} steps back, "
          f"SimpleRNN {rnn_far:.1e}, LSTM {lstm_far:.1e}")

# %% [markdown]
# ## Summary
# - An RNN reuses one cell at every step and carries a hidden state: $h_t = \tanh(x_t W + h_{t-1}U + b)$.
# - Unrolled, it is a deep network with shared weights, trained by backpropagation through time.
# - The gradient to a step far back is a product of per-step Jacobians: it vanishes or explodes
#   geometrically in a plain RNN.
# - The LSTM's cell state gives gradients a lane scaled by the forget gate, so with the forget
#   gate open they persist. That is why the LSTM can learn long-range dependencies.
#
# ## Exercises
# **1.** A one-unit SimpleRNN has $W = 0.5$, $U = 0.8$, $b = 0$ and starts at $h_0 = 0$.
# What is $h_1$ after reading $x_1 = 1$? (Two decimals.)

# %%
answer_1 = ...
checks.check_rnn_step(answer_1, x=1.0, w=0.5, u=0.8, b=0.0, h_prev=0.0)

# %% [markdown]
# **2.** How many trainable parameters does `keras.layers.SimpleRNN(4)` have when each step
# has 3 features?

# %%
answer_2 = ...
checks.check_param_count(answer_2, kind="SimpleRNN", input_dim=3, units=4)

# %% [markdown]
# **3.** With the recurrent kernel $U$ equal to 0.5 times an orthogonal matrix (the slider at
# 0.5), what is the largest $\lVert \partial h_T/\partial h_t \rVert$ can be 10 steps back?

# %%
answer_3 = ...
checks.check_gradient_bound(answer_3, scale=0.5, steps=10)

# %% [markdown]
# **Next**: lesson 02, *The LSTM cell*: every gate computed by hand, then under your fingers.
