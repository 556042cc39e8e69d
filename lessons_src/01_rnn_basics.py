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
#   while an LSTM's vanish far more slowly, and persist when its forget gate is held open,
#   with sliders to see it happen;
# - the cure for exploding gradients, **gradient clipping**, shown on a network that
#   explodes.
#
# **What you need**: lesson 00, and the idea of a matrix product. Terms in *italics* with a
# link are in the [glossary](../docs/glossary.md).

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
from IPython.display import display

from lstm_helpers import config
from lstm_helpers.core import gradients, initializers
from lstm_helpers.core.cells import SimpleRNNWeights, simple_rnn_step
from lstm_helpers.core.sequences import run_simple_rnn
from lstm_helpers.course import build_checks, checks
from lstm_helpers.ui import gate_widgets
from lstm_helpers.viz import diagrams, gradient_figures

config.start_lesson("01_rnn_basics")

# %% tags=["parameters"]
STEPS = config.scale(full=60, fast=30)  # sequence length T in the gradient experiment
UNITS = config.scale(full=16, fast=8)  # hidden units of the RNN and LSTM there
INPUT_DIM = 3  # features per time step
CLIP_STEPS = config.scale(full=40, fast=12)  # training steps in the exploding-gradient demo

# %% [markdown]
# ## Sequences and the hidden state
# A sentence, a melody, a week of temperatures: the order matters, and what comes next depends
# on what came before. A **recurrent neural network** (RNN) reads a sequence one step at a time,
# $x_1, x_2, \dots, x_T$, and keeps a **hidden state** $h_t$: a vector that summarises
# everything read so far. Each step mixes the new input with the old state and squashes the
# result with [$\tanh$](../docs/glossary.md#tanh), which maps every number into (−1, 1):
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
#
# *The figure*: orange boxes are the same RNN cell; blue boxes below are the inputs
# $x_t$, green ones above the outputs $y_t$; each arrow marked *h* carries the hidden state
# from one step to the next.

# %%
diagrams.unrolled_rnn_figure(steps=4)

# %% [markdown]
# ## Kinds of recurrent network
# - **many-to-one**: read a whole sequence, answer once (a review → its sentiment, lesson 05).
# - **many-to-many**: one output per input (a tag for every word).
# - **one-to-many**: one input, a sequence out (an image → its caption).
# - **encoder–decoder**: one RNN reads, a second writes, with different lengths (translation).
# - **bidirectional**: one RNN reads left to right, another right to left; each output sees
#   both sides (lesson 07).
# - **GRU**: a gated RNN with two gates (update, reset) and one state: lighter than an LSTM.
# - **LSTM**: a gated RNN with a separate memory lane, the **cell state** $c_t$, guarded by
#   three gates (lessons 02 and 03).
#
# *The figure*: one small picture per kind, drawn like the unrolled network above (inputs
# below, outputs above, the state passed left to right; the bidirectional one also passes a
# state right to left, in red; the LSTM's thick red arrows are its cell state).

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
# The course's `run_simple_rnn` does the same loop for a whole
# [batch](../docs/glossary.md#batch). Keras's `SimpleRNN` with
# the same weights gives the same numbers (importing TensorFlow takes a few seconds); the
# check below fails the lesson if they ever stop agreeing:

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
# hidden state $h_T$ and an earlier one $h_t$, the chain rule multiplies one
# [Jacobian](../docs/glossary.md#jacobian) (the matrix of how each number of $h_k$ moves with
# each number of $h_{k-1}$) per step:
#
# $$\frac{\partial h_T}{\partial h_t} = \prod_{k=t+1}^{T} \frac{\partial h_k}{\partial h_{k-1}},
# \qquad \frac{\partial h_k}{\partial h_{k-1}} = \operatorname{diag}(1 - h_k^2)\, U^\top .$$
#
# Each factor shrinks by $\tanh' \le 1$ and scales by $U$. If $U$ stretches less than 1, the
# product **vanishes** geometrically; more than 1, it can **explode**. Training signals from
# far back are lost, so a plain RNN cannot learn long-range dependencies (Bengio, Simard &
# Frasconi, 1994, *Learning long-term dependencies with gradient descent is difficult*;
# Pascanu, Mikolov & Bengio, 2013, *On the difficulty of training recurrent neural networks*,
# which also proposed clipping by norm). (How much $U$ stretches is its largest
# [singular value](../docs/glossary.md#singular-value); for an
# [orthogonal matrix](../docs/glossary.md#orthogonal-matrix) times a scale, it is the scale.
# The size of a gradient is its [norm](../docs/glossary.md#norm), written $\lVert\cdot\rVert$.)
#
# The LSTM adds a second path. Its cell state is updated with an element-wise product
# ([⊙](../docs/glossary.md#elementwise-product)), $c_k = f_k \odot c_{k-1} + \dots$,
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
#
# *The figure*: for each distance back (horizontal axis), the size of
# $\partial h_T/\partial h_t$ on a log scale, so a straight falling line is geometric decay;
# the SimpleRNN is the dotted red line with circles, the LSTM the solid blue line with
# squares.

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
# ## Exploding gradients, and their cure: clipping
# When the recurrent weights stretch (scale above 1) and the state is small enough that
# $\tanh$ does not squash it, the product above **grows** geometrically instead. Here is
# a SimpleRNN whose recurrent kernel is an orthogonal matrix times 2, asked to recall the
# sign of the first of a long run of small inputs (the run below prints how many), trained
# with plain SGD at
# [learning rate](../docs/glossary.md#learning-rate) 0.2. Its very
# first gradient is thousands of units long, so one step moves the weights thousands of
# units: the network is destroyed and the loss runs to infinity (NaN, *not a number*).
#
# The standard cure is **gradient clipping**: before each step, if the gradient is longer
# than a threshold, shrink it to that length. Shrunk by one factor for all weights, the step
# keeps its *direction* and loses only its absurd size. Keras offers three flavours on every
# optimizer, and only the first keeps the direction of the whole step:
#
# | argument | what it does | direction of the step |
# |---|---|---|
# | `global_clipnorm=1.0` | one factor for all weights: their joint length is at most 1 | kept |
# | `clipnorm=1.0` | each weight tensor's gradient capped at length 1 on its own | can change: each tensor shrinks by its own factor |
# | `clipvalue=0.5` | every single number capped at ±0.5 | can change |
#
# `lstm_helpers.core.gradients` has all three in NumPy (tested against TensorFlow's own).
# The models that the later lessons build through `lstm_helpers` (lesson 03's recall models,
# lesson 04's IMDB language model, the sentiment recipes of lessons 05 to 08, lesson 10's
# forecasters) train with `clipnorm=1.0` for this reason. The toy models built in the lessons'
# own cells (lesson 04's walk-through, lesson 09's ports) do not; and lesson 05's replicas
# of published recipes get a `clipnorm` that their originals never had.
#
# **Predict first**: with clipping at 1, how long can the first step be, at learning rate 0.2?

# %%
import keras

from lstm_helpers.training import clipping

runs = {"SGD(0.2)": clipping.train(keras.optimizers.SGD(0.2), batches=CLIP_STEPS),
        "SGD(0.2, clipnorm=1.0)": clipping.train(keras.optimizers.SGD(0.2, clipnorm=1.0),
                                                 batches=CLIP_STEPS)}
print(f"the task: the sign of the first of {clipping.make_task(n=1)[0].shape[1]} inputs; "
      f"{CLIP_STEPS} training steps")
for name, run in runs.items():
    print(f"{name:24} first gradient {run['gradient norm'][0]:9,.0f} long; "
          f"loss {run['loss'][0]:.3g} → {run['loss'][-1]:.3g}")
display(checks.confirm(not np.isfinite(runs["SGD(0.2)"]["loss"]).all()
                       or max(runs["SGD(0.2)"]["loss"]) > 1e6,
                       "without clipping, this network's training blows up"))
display(checks.confirm(bool(np.isfinite(runs["SGD(0.2, clipnorm=1.0)"]["loss"]).all()),
                       "with clipnorm=1.0 the loss stays finite"))
gradient_figures.clipping_figure(runs)

# %% [markdown]
# *The figure*: left, the training loss at each step (log scale; a run whose loss became
# NaN stops there and says so); right, how long the gradient was before any clipping. Both
# runs see gradients thousands long at first; only the clipped one survives them. (With
# clipping the first step is at most $0.2 \times 1 = 0.2$ long per weight tensor.)
#
# Two more remedies you will meet: **truncated backpropagation through time** (backpropagate
# only through the last $k$ steps, and carry the state forward without a gradient beyond
# them: it bounds both the cost and the product's length; the review language model that
# `tools/pretrain_lm.py` trains offline carries its state across each review's windows this
# way, while the lessons' own language models start every window fresh), and architectures whose gradient path does not multiply by $U$ at every step,
# which is the LSTM's cell state.
#
# ## Summary
# - An RNN reuses one cell at every step and carries a hidden state: $h_t = \tanh(x_t W + h_{t-1}U + b)$.
# - Unrolled, it is a deep network with shared weights, trained by backpropagation through time.
# - The gradient to a step far back is a product of per-step Jacobians: it vanishes or explodes
#   geometrically in a plain RNN. Clipping cures the explosion (bounded steps; one global
#   factor, `global_clipnorm`, also keeps their direction); it does nothing for vanishing.
# - The LSTM's cell state gives gradients a lane scaled by the forget gate: they vanish far
#   more slowly than a plain RNN's (the printout above), and with the forget gate held open
#   they persist. That is why the LSTM can learn long-range dependencies.
#
# ## Exercises
# **1.** A one-unit SimpleRNN has $W = 0.5$, $U = 0.8$, $b = 0$ and starts at $h_0 = 0$.
# What is $h_1$ after reading $x_1 = 1$? (Two decimals.)

# %%
answer_1 = ...
checks.check_rnn_step(answer_1, x=1.0, w=0.5, u=0.8, b=0.0, h_prev=0.0)

# %% [markdown] tags=["solution"]
# **Solution 1.** $h_1 = \tanh(x_1 W + h_0 U + b) = \tanh(1 \cdot 0.5 + 0 \cdot 0.8 + 0) =
# \tanh(0.5) \approx 0.46$. The recurrent weight plays no part yet: $h_0 = 0$.

# %% tags=["solution"]
answer_1 = float(np.tanh(0.5))
checks.check_rnn_step(answer_1, x=1.0, w=0.5, u=0.8, b=0.0, h_prev=0.0)

# %% [markdown]
# **2.** How many trainable parameters does `keras.layers.SimpleRNN(4)` have when each step
# has 3 features?

# %%
answer_2 = ...
checks.check_param_count(answer_2, kind="SimpleRNN", input_dim=3, units=4)

# %% [markdown] tags=["solution"]
# **Solution 2.** $W$ is $3 \times 4 = 12$, $U$ is $4 \times 4 = 16$, $b$ has 4: 32 in all.

# %% tags=["solution"]
answer_2 = 3 * 4 + 4 * 4 + 4
checks.check_param_count(answer_2, kind="SimpleRNN", input_dim=3, units=4)

# %% [markdown]
# **3.** With the recurrent kernel $U$ equal to 0.5 times an orthogonal matrix (the slider at
# 0.5), what is the largest $\lVert \partial h_T/\partial h_t \rVert$ can be 10 steps back?

# %%
answer_3 = ...
checks.check_gradient_bound(answer_3, scale=0.5, steps=10)

# %% [markdown] tags=["solution"]
# **Solution 3.** Each step back multiplies by $\operatorname{diag}(1 - h^2)$, which stretches
# nothing (its entries are at most 1), and by $U^\top$, which stretches every direction by
# exactly 0.5. Ten steps: at most $0.5^{10} \approx 0.001$ (9.77e-4).

# %% tags=["solution"]
answer_3 = 0.5**10
checks.check_gradient_bound(answer_3, scale=0.5, steps=10)

# %% [markdown]
# **4. Build it.** Write `make_optimizer()` so that it returns an SGD optimizer with learning
# rate 0.2 that **clips** its gradients, then let the check train the exploding network
# above with it. The check fails an optimizer that does not clip, one whose threshold is so
# high that the exploding gradient passes unclipped, and one whose training still blows up.

# %%
def make_optimizer():
    return ...


build_checks.check_clipped_optimizer(make_optimizer, lambda opt: clipping.losses_with(
    opt, batches=CLIP_STEPS))

# %% [markdown] tags=["solution"]
# **Solution 4.** Any of Keras's three clipping arguments works, with a threshold that
# actually bites (the check refuses one that lets the exploding gradient through);
# `clipnorm=1.0` is what the course's model builders use. The learning rate stays 0.2: clipping bounds the step, so a rate that
# destroyed the network now trains it.

# %% tags=["solution"]
def make_optimizer():
    return keras.optimizers.SGD(0.2, clipnorm=1.0)


build_checks.check_clipped_optimizer(make_optimizer, lambda opt: clipping.losses_with(
    opt, batches=CLIP_STEPS))

# %% [markdown]
# **Next**: lesson 02, *The LSTM cell*: every gate computed by hand, then under your fingers.
