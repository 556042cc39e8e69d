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
# # 02 · The LSTM cell, one gate at a time
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/02_lstm_cell.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/02_lstm_cell.ipynb)
#
# **What you will learn**
# - the LSTM equations, and how Keras stores the weights behind them;
# - to compute every gate of one step by hand, with real numbers, and get Keras's answer;
# - what each gate *does*, by moving sliders in the **gate explorer** and watching the
#   **cell diagram** redraw: every wire as wide and as dark as its gate lets through.
#
# **What you need**: lesson 01 (the hidden state, the sigmoid gate of lesson 00).

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
from lstm_helpers.core import initializers
from lstm_helpers.core.activations import sigmoid
from lstm_helpers.core.cells import LSTMWeights, lstm_step
from lstm_helpers.course import build_checks, checks
from lstm_helpers.ui import gate_widgets

config.start_lesson("02_lstm_cell")

# %% tags=["parameters"]
UNITS = 2  # hidden units of the worked example (small enough to read every number)
BATCH = config.scale(full=64, fast=8)  # random inputs in the comparison with Keras

# %% [markdown]
# ## The equations
# The LSTM is Hochreiter & Schmidhuber's (*Long short-term memory*, Neural Computation, 1997);
# the forget gate was added by Gers, Schmidhuber & Cummins (*Learning to forget*, Neural
# Computation, 2000). An LSTM keeps two states: the **cell state** $c_t$ (long-term memory) and the **hidden state**
# $h_t$ (what it shows to the next layer). At every step four small layers read the input
# $x_t$ and the previous hidden state $h_{t-1}$:
#
# | | formula (the part inside $\sigma$ or [$\tanh$](../docs/glossary.md#tanh) is the gate's [pre-activation](../docs/glossary.md#pre-activation) $z$) | range | job |
# |---|---|---|---|
# | input gate | $i_t = \sigma(x_t W_i + h_{t-1} U_i + b_i)$ | 0 … 1 | how much new content to write |
# | forget gate | $f_t = \sigma(x_t W_f + h_{t-1} U_f + b_f)$ | 0 … 1 | how much old memory to keep |
# | candidate | $g_t = \tanh(x_t W_g + h_{t-1} U_g + b_g)$ | −1 … 1 | the new content itself |
# | output gate | $o_t = \sigma(x_t W_o + h_{t-1} U_o + b_o)$ | 0 … 1 | how much memory to read out |
#
# Then the memory is updated and read, where [⊙](../docs/glossary.md#elementwise-product) multiplies
# element by element:
#
# $$c_t = f_t \odot c_{t-1} + i_t \odot g_t, \qquad h_t = o_t \odot \tanh(c_t).$$
#
# ($\tanh$ squashes into (−1, 1); $\sigma$ into (0, 1).)
#
# Keras stores the four weight blocks side by side, in the order **i, f, c (= g), o**:
# `kernel` is $(\text{input\_dim}, 4 \cdot \text{units})$, `recurrent_kernel` is
# $(\text{units}, 4 \cdot \text{units})$, `bias` is $(4 \cdot \text{units})$. Keras starts the
# forget-gate bias at 1 (`unit_forget_bias=True`) so that memories survive early training,
# the setting Jozefowicz, Zaremba & Sutskever found to close most of the gap to other gated
# cells (*An empirical exploration of recurrent network architectures*, ICML 2015).
#
# ## One step with real numbers
# Two units, one input feature, weights drawn at random in Keras's layout:

# %%
w = initializers.random_lstm_weights(input_dim=1, units=UNITS, seed=3)
x_t = np.array([[0.8]])  # Shape: (batch=1, input_dim=1)
h_prev = np.array([[0.1, -0.3]])  # Shape: (batch=1, units)
c_prev = np.array([[1.5, -0.5]])  # Shape: (batch=1, units)
print("kernel", w.kernel.shape, "recurrent_kernel", w.recurrent_kernel.shape, "bias", w.bias.shape)

# %% [markdown]
# **Forget gate**: how much of each unit's old memory survives.

# %%
W_f, U_f, b_f = w.gate("f")
f_t = sigmoid(x_t @ W_f + h_prev @ U_f + b_f)
f_t

# %% [markdown]
# **Input gate** and **candidate**: what would be written, and how much of it.

# %%
W_i, U_i, b_i = w.gate("i")
W_g, U_g, b_g = w.gate("g")
i_t = sigmoid(x_t @ W_i + h_prev @ U_i + b_i)
g_t = np.tanh(x_t @ W_g + h_prev @ U_g + b_g)
i_t, g_t

# %% [markdown]
# **New cell state**: keep $f$ of the old, add $i$ of the new.

# %%
c_t = f_t * c_prev + i_t * g_t
c_t

# %% [markdown]
# **Output gate** and **hidden state**: squash the memory with tanh, let $o$ of it out.

# %%
W_o, U_o, b_o = w.gate("o")
o_t = sigmoid(x_t @ W_o + h_prev @ U_o + b_o)
h_t = o_t * np.tanh(c_t)
o_t, h_t

# %% [markdown]
# The course's `lstm_step` does all of this at once and keeps every gate; it agrees with the
# hand computation, and with Keras's own `LSTM` layer given the same weights:

# %%
step = lstm_step(x_t, h_prev, c_prev, w)
display(checks.confirm(np.allclose(step.h, h_t) and np.allclose(step.c, c_t),
                       "lstm_step gives the same h and c as the hand computation"))

import keras

from lstm_helpers.core.sequences import run_lstm
from lstm_helpers.models.bridge import weights_to_keras

layer = keras.layers.LSTM(UNITS, return_sequences=True)
layer.build((None, None, 1))
weights_to_keras(layer, w)
xs = np.random.default_rng(0).normal(size=(BATCH, 10, 1)).astype("float32")
difference = np.abs(run_lstm(xs, w).h - np.asarray(layer(xs))).max()
checks.confirm(difference < 1e-5, f"NumPy and Keras agree within 1e-5 on {BATCH} random sequences "
               "of 10 steps", f"largest difference {difference:.1e}")

# %% [markdown]
# ## The gate explorer
# One LSTM unit, under your fingers. First the **simple mode**: one slider per gate
# pre-activation $z$ (so $f = \sigma(z_f)$ and so on) and the old memory $c_{t-1}$.
#
# *The cell diagram* (top) is the picture every LSTM course draws, with this step's numbers
# on it: the **cell-state line** runs across the top from $c_{t-1}$ to $c_t$; below it the
# four gates (three $\sigma$, one $\tanh$ for the candidate $g$), each showing its value;
# the circles are the pointwise operations. Every wire a gate controls is drawn **as wide and
# as dark as the gate is open**: a shut forget gate leaves a hairline where the old memory
# would pass. The labels on the line say how much of $c_{t-1}$ was kept and how much was
# written. *The bars* (below) show the same numbers: left the gates, right the memory
# from $c_{t-1}$ to $h_t$, step by step.
#
# **Predict, then move the slider**:
# 1. $c_{t-1} = 1$ and all $z = 0$: every gate is 0.5. What is $c_t$? (Read it off the
#    diagram's right end, or the orange bar.)
# 2. **Close the forget gate**: drag $z_f$ to −8. Which wire goes thin? Where did the old
#    memory go?
# 3. Now drag $z_i$ to +8 and $z_g$ to −8. Which wire widens, and what did the cell write?
# 4. Press **keep memory**, then drag $c_{t-1}$ around: does $c_t$ follow? Does $h_t$?
#    Now drag $z_o$ down: the memory is still on the top line, but is it shown at $h_t$?

# %%
simple = gate_widgets.gate_explorer(simple=True)
simple

# %% [markdown]
# (In simple mode the gates ignore $x_t$, so the diagram shows it as "not shown".)
#
# The buttons are the four classic moves: **forget everything** ($f \approx 0$, $i \approx 0$),
# **keep memory** ($f \approx 1$, $i \approx 0$), **write new** ($f \approx 0$, $i \approx 1$)
# and **read out** ($o \approx 1$). Gates are never exactly 0 or 1: with a bias of ±6 the
# sigmoid gives 0.0025 or 0.9975, which is why the LSTM's memory fades slowly rather than
# not at all.
#
# ### Full mode: weights and inputs
# Now each gate has its own weight on $x_t$, weight on $h_{t-1}$, and bias, as in the real cell.
#
# - Set the forget gate's weight on $x$ to +4 and its bias to 0. Move $x_t$ from −3 to +3: the
#   *input itself* now decides whether to forget. That is how a trained LSTM learns to reset its
#   memory at a full stop, or to hold it through a parenthesis.
# - Push any slider to its end: gates saturate, nothing breaks.
#
# The diagram and bars read as above; now $x_t$ and $h_{t-1}$ have sliders of their own.

# %%
full = gate_widgets.gate_explorer(simple=False)
full

# %% [markdown]
# Every slider move recomputes the step with `lstm_step` and restyles the same two figures
# in place. `tools/bench_gate_explorer.py` times the kernel's side of a move and
# `tools/bench_browser_latency.py` the whole round trip in a browser; the README has their
# latest medians.
#
# ## Summary
# - Four layers read $x_t$ and $h_{t-1}$: three gates in (0, 1) and a candidate in (−1, 1).
# - $c_t = f \odot c_{t-1} + i \odot g$: the forget gate keeps, the input gate writes.
# - $h_t = o \odot \tanh(c_t)$: the output gate decides how much memory is shown.
# - Keras stores the blocks in the order i, f, c, o; the NumPy cell and Keras agree within 1e-5 (what the tests check).
#
# ## Exercises
# **1.** A forget gate's pre-activation is $z_f = 0.5$. What is $f_t$? (Two decimals.)

# %%
answer_1 = ...
checks.check_number(answer_1, truth=float(sigmoid(0.5)), tolerance=0.005,
                    praise="σ(0.5) = 0.622: a bit more than half the memory is kept.",
                    hint="f = σ(z) = 1 / (1 + e^(−z)), with z = 0.5.")

# %% [markdown] tags=["solution"]
# **Solution 1.** $f = \sigma(0.5) = 1/(1 + e^{-0.5}) = 1/1.607 \approx 0.62$.

# %% tags=["solution"]
answer_1 = 1 / (1 + np.exp(-0.5))
checks.check_number(answer_1, truth=float(sigmoid(0.5)), tolerance=0.005,
                    praise="σ(0.5) = 0.622: a bit more than half the memory is kept.",
                    hint="f = σ(z) = 1 / (1 + e^(−z)), with z = 0.5.")

# %% [markdown]
# **2.** The forget gate is mostly open, $f = \sigma(2)$, and the input gate half open,
# $i = \sigma(0)$, with $c_{t-1} = 2$ and a candidate $g = 0.5$. What is $c_t$? (Two
# decimals.)

# %%
answer_2 = ...
checks.check_cell_state(answer_2, f=float(sigmoid(2.0)), c_prev=2.0, i=float(sigmoid(0.0)),
                        g=0.5)

# %% [markdown] tags=["solution"]
# **Solution 2.** $c_t = f\,c_{t-1} + i\,g = 0.881 \times 2 + 0.5 \times 0.5 \approx
# 1.762 + 0.250 = 2.01$: most of the old memory kept, and half the candidate written on top.
# Both terms count: $f\,c_{t-1}$ alone (1.76) forgets the write.

# %% tags=["solution"]
answer_2 = float(sigmoid(2.0)) * 2.0 + float(sigmoid(0.0)) * 0.5
checks.check_cell_state(answer_2, f=float(sigmoid(2.0)), c_prev=2.0, i=float(sigmoid(0.0)),
                        g=0.5)

# %% [markdown]
# **3.** To *forget everything*, which gate must be close to 0: `"i"`, `"f"`, `"g"` or `"o"`?

# %%
answer_3 = ...
checks.check_choice(
    answer_3, expected="f",
    options={"i": "the input gate only decides what is written; the old memory stays.",
             "f": "", "g": "the candidate is the content written, not what is kept.",
             "o": "the output gate hides the memory but does not erase it."},
    why="c_t = f·c_{t-1} + i·g: with f ≈ 0 nothing of the old memory survives.",
)

# %% [markdown] tags=["solution"]
# **Solution 3.** The forget gate: $c_t = f\,c_{t-1} + i\,g$, so with $f \approx 0$ nothing of
# $c_{t-1}$ reaches $c_t$ (the top wire of the diagram goes to a hairline).

# %% tags=["solution"]
answer_3 = "f"
checks.check_choice(
    answer_3, expected="f",
    options={"i": "the input gate only decides what is written; the old memory stays.",
             "f": "", "g": "the candidate is the content written, not what is kept.",
             "o": "the output gate hides the memory but does not erase it."},
    why="c_t = f·c_{t-1} + i·g: with f ≈ 0 nothing of the old memory survives.",
)

# %% [markdown]
# **4.** How many parameters does `keras.layers.LSTM(2)` have on 1 input feature, the layer above?

# %%
answer_4 = ...
checks.check_param_count(answer_4, kind="LSTM", input_dim=1, units=2)

# %% [markdown] tags=["solution"]
# **Solution 4.** Four blocks of (input weight + recurrent weight + bias):
# $4 \times (1 \cdot 2 + 2 \cdot 2 + 2) = 32$.

# %% tags=["solution"]
answer_4 = 4 * (1 * 2 + 2 * 2 + 2)
checks.check_param_count(answer_4, kind="LSTM", input_dim=1, units=2)

# %% [markdown]
# **5. Build it.** Give a one-unit LSTM weights that **remember for 20 steps**: when $x = 1$
# arrives at step 1 the cell must write a memory ($|c| \ge 0.5$), and after 20 more steps of
# $x = 0$ it must still hold at least 90% of it. The check runs your cell for 21 steps. The
# layout is Keras's (gates in the order i, f, c, o). Try your weights in the full explorer
# first: which gate must stay open, and which shut, while $x = 0$?

# %%
weights_on_x = [..., ..., ..., ...]  # w_i, w_f, w_g, w_o
biases = [..., ..., ..., ...]  # b_i, b_f, b_g, b_o (no recurrent weights: h plays no part)
build_checks.check_remembering_weights(weights_on_x, biases)

# %% [markdown] tags=["solution"]
# **Solution 5.** Keep the forget gate wide open at all times (bias 8: $f = 0.9997$, so 20
# steps keep $0.9997^{20} = 99.3\%$). Shut the input gate when $x = 0$ (bias −6) but open it
# when $x = 1$ (weight 12 on $x$: $z_i = 6$), and give the candidate a clear value when
# $x = 1$ (weight 3 on $x$: $g = \tanh(3) = 0.995$). The output gate does not matter for
# $c$.

# %% tags=["solution"]
weights_on_x = [12.0, 0.0, 3.0, 0.0]
biases = [-6.0, 8.0, 0.0, 0.0]
build_checks.check_remembering_weights(weights_on_x, biases)

# %% [markdown] tags=["solution"]
# The same weights in Keras's layout, run by the course's cell, so you can watch the memory
# held: the cell state after each of the 21 steps.

# %% tags=["solution"]
remembering = LSTMWeights(kernel=[weights_on_x], recurrent_kernel=[[0.0] * 4], bias=biases)
inputs = np.zeros((1, 21, 1))
inputs[0, 0, 0] = 1.0
np.round(run_lstm(inputs, remembering).c[0, :, 0], 3)

# %% [markdown]
# **Next**: lesson 03, *Gate animations*: a trained LSTM remembers a symbol across a long
# sequence, and you watch its gates do it.
