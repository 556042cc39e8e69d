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
# # 00 · Welcome to LSTM Lab
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/lstm-lab/lstm-lab/blob/main/notebooks/00_welcome.ipynb) [![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/lstm-lab/lstm-lab/main?urlpath=lab/tree/notebooks/00_welcome.ipynb)
#
# LSTM Lab teaches Long Short-Term Memory networks (Hochreiter & Schmidhuber, *Long short-term
# memory*, Neural Computation, 1997) by letting you **move a slider and see what happens**,
# then train real models on a laptop CPU.
#
# **What you will learn here**
# - how the course is laid out, and where each lesson fits;
# - whether your setup is ready (versions, the IMDB data, the widgets);
# - how a *gate* works: the sigmoid that every LSTM gate is built on, under your fingers;
# - how the exercises check your answers.
#
# **What you need for the whole course**
# - **Python**: functions, lists and loops; reading a short function you did not write.
# - **NumPy**: arrays, their shapes, and the matrix product `A @ B`
#   ([NumPy for absolute beginners](https://numpy.org/doc/stable/user/absolute_beginners.html)).
# - **What a neural network is**: weights, a loss that says how wrong the output is, and
#   gradient descent nudging the weights to lower it
#   ([3Blue1Brown's four videos](https://www.3blue1brown.com/topics/neural-networks) are
#   enough). No calculus beyond "the gradient says which way is downhill".
#
# Words the lessons use without stopping to define them (Jacobian, logit, softmax, Adam,
# embedding, …) are in the [glossary](../docs/glossary.md).
#
# Run the cells from top to bottom (*Run → Run All Cells*, or Shift+Enter cell by cell).
# The first cell below is hidden: it only installs the course on Colab.

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

from lstm_helpers import config
from lstm_helpers.course import build_checks, catalog, checks, envcheck
from lstm_helpers.ui import gate_widgets

config.start_lesson("00_welcome")

# %% [markdown]
# ## Sizes
# Every lesson keeps all of its sizes in one cell like the next one, so you can see at a
# glance how much work a lesson does, and change it.

# %% tags=["parameters"]
CURVE_POINTS = config.scale(full=401, fast=101)  # points on the sigmoid curve below

# %% [markdown]
# ## The course map
# Lessons build on each other; take them in order. Each one says what it needs first.

# %%
catalog.show_map()

# %% [markdown]
# ## Is your setup ready?
# Every line should start with ✓. A ✗ comes with the one thing to do about it.

# %%
print(envcheck.report_text())

# %% [markdown]
# ## Move this, see that: one gate
# An LSTM decides what to forget, what to write and what to read out with **gates**. Each gate
# is a sigmoid, $\sigma(z) = 1/(1+e^{-z})$, of a weighted input $z = w\,x + b$: a number between
# 0 (closed: nothing passes) and 1 (open: everything passes).
#
# **Predict first**: with $w = 1$ and $b = 0$, what does the gate give at $x = 0$? Then:
# - drag **bias b** to the right. Does the curve move left or right? Why?
# - drag **weight w** to 10, then to −10. What happens to the slope, and to the diamond?
# - push any slider to its end: the gate saturates at 0 or 1 but never breaks.
#
# *The figure*: the blue curve is $\sigma(w\,x + b)$ for every input $x$ on the horizontal
# axis; the orange-red diamond is your input $x$ and the gate value it gets; the title says
# the same in numbers.

# %%
explorer = gate_widgets.sigmoid_gate_explorer(n_points=CURVE_POINTS)
explorer

# %% [markdown]
# The bias decides what the gate does when the input says nothing ($x = 0$): a large positive
# bias keeps a gate open by default. Keep that in mind for the **forget gate** in lesson 02
# (added to the LSTM by Gers, Schmidhuber & Cummins, *Learning to forget*, 2000), whose bias
# Keras starts at +1 so that memories survive early training (Jozefowicz, Zaremba &
# Sutskever, *An empirical exploration of recurrent network architectures*, 2015).
#
# ## How the exercises work
# Each lesson ends with exercises. Replace the `...` with your answer and run the cell: the
# check under it says ✅ or ❌ with a hint, and never crashes on a wrong answer. One exercise
# in every lesson asks you to *build* something (a function, a set of weights, a model) and
# the check runs what you built. In the *instructor edition* each exercise is followed by a
# **worked solution**; the *student edition* an instructor hands out leaves the solutions out,
# so the check and its hint are yours to work with. With solutions or without: try first.
#
# ## Summary
# - The course runs real models in a few minutes per lesson on a laptop CPU; one cell per
#   lesson holds every size.
# - A gate is $\sigma(w\,x + b)$: the bias sets its default, the weight how strongly the input
#   moves it.
#
# ## Exercises
# **1.** With $w = 0$ and $b = 0$, what value does the gate give for $x = 3$?

# %%
answer_1 = ...
checks.check_gate_value(answer_1, weight=0.0, bias=0.0, x=3.0)

# %% [markdown] tags=["solution"]
# **Solution 1.** With $w = 0$ the input plays no part: $z = 0 \cdot 3 + 0 = 0$, and
# $\sigma(0) = 1/(1 + e^0) = 0.5$. A gate with no weight and no bias is half open.

# %% tags=["solution"]
answer_1 = 0.5
checks.check_gate_value(answer_1, weight=0.0, bias=0.0, x=3.0)

# %% [markdown]
# **2.** Choose a weight and a bias that open the gate to at least 0.95 at $x = 1$.
# (Try them on the sliders first.)

# %%
weight_2, bias_2 = ..., ...
checks.check_gate_open(weight_2, bias_2, x=1.0)

# %% [markdown] tags=["solution"]
# **Solution 2.** $\sigma(z) \ge 0.95$ once $z \ge \ln(0.95/0.05) \approx 2.94$. With
# $w = 1$, a bias of 2 gives $z = 3$ at $x = 1$: the gate is 0.953 open. Any pair with
# $w + b \ge 2.95$ works.

# %% tags=["solution"]
weight_2, bias_2 = 1.0, 2.0
checks.check_gate_open(weight_2, bias_2, x=1.0)

# %% [markdown]
# **3.** Now shut it: a weight and bias that keep the gate at most 0.05 open at $x = 1$,
# with a **positive** weight.

# %%
weight_3, bias_3 = ..., ...
checks.check_gate_closed(weight_3, bias_3, x=1.0, positive_weight=True)

# %% [markdown] tags=["solution"]
# **Solution 3.** With a positive weight the input pushes the gate open, so the bias must
# pull harder: $w = 1$, $b = -4$ gives $z = -3$ and $\sigma(-3) = 0.047$.

# %% tags=["solution"]
weight_3, bias_3 = 1.0, -4.0
checks.check_gate_closed(weight_3, bias_3, x=1.0, positive_weight=True)

# %% [markdown]
# **4. Build it.** Write your own `my_sigmoid(z)` for NumPy arrays. The check runs it on
# inputs from −1000 to 1000 and also fails it if NumPy warns about an overflow, which the
# plain formula `1 / (1 + np.exp(-z))` does at $z = -1000$. (Hint: $e^{-z}$ only overflows
# when $z$ is very negative; for those $z$, $\sigma(z) = e^{z} / (1 + e^{z})$ is safe.)

# %%
def my_sigmoid(z):
    ...


build_checks.check_sigmoid_function(my_sigmoid)

# %% [markdown] tags=["solution"]
# **Solution 4.** Use the formula that never raises $e$ to a large positive power: for
# $z \ge 0$ it is $1/(1 + e^{-z})$, for $z < 0$ it is $e^{z}/(1 + e^{z})$. `np.where`
# picks per element, and `np.exp(-np.abs(z))` is always between 0 and 1. (The course's
# own `sigmoid` uses another safe identity, through [tanh](../docs/glossary.md#tanh):
# $\sigma(z) = (1 + \tanh(z/2))/2$.)

# %% tags=["solution"]
def my_sigmoid(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))  # never overflows: at most 1
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


build_checks.check_sigmoid_function(my_sigmoid)

# %% [markdown]
# **Next**: lesson 01, *RNN basics*: what a hidden state remembers, and why a plain RNN forgets.
