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
# LSTM Lab teaches Long Short-Term Memory networks by letting you **move a slider and see
# what happens**, then train real models on a laptop CPU.
#
# **What you will learn here**
# - how the course is laid out, and where each lesson fits;
# - whether your setup is ready (versions, fast or full mode, the IMDB data);
# - how a *gate* works: the sigmoid that every LSTM gate is built on, under your fingers;
# - how to edit a lesson without breaking its paired file.
#
# **What you need**: nothing but this notebook. Run the cells from top to bottom
# (*Run → Run All Cells*, or Shift+Enter cell by cell).

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
from lstm_helpers.course import catalog, checks, envcheck
from lstm_helpers.ui import gate_widgets

config.start_lesson("00_welcome")

# %% [markdown]
# ## Sizes
# Every lesson keeps all of its sizes in one cell like the next one. In *fast mode*
# (`LSTM_LAB_FAST=1`, which the tests use) the second number of each `config.scale` is taken,
# so a whole lesson runs in seconds; otherwise you get the first, full-size one. The lesson
# reads the same in both modes; only the numbers change.

# %% tags=["parameters"]
CURVE_POINTS = config.scale(full=401, fast=101)  # points on the sigmoid curve below

# %% [markdown]
# ## The course map
# Lessons build on each other; take them in order. Links open the lessons that are ready.

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
# - drag **weight w** to 10, then to −10. What happens to the slope, and to the red dot?
# - push any slider to its end: the gate saturates at 0 or 1 but never breaks.

# %%
explorer = gate_widgets.sigmoid_gate_explorer(n_points=CURVE_POINTS)
explorer

# %% [markdown]
# The bias decides what the gate does when the input says nothing ($x = 0$): a large positive
# bias keeps a gate open by default. Keep that in mind for the **forget gate** in lesson 02,
# whose bias Keras starts at +1 so that memories survive early training.
#
# ## Working with the paired files
# Each lesson exists twice, kept in step by [Jupytext](https://jupytext.readthedocs.io):
#
# | file | what it is for |
# |---|---|
# | `lessons_src/NN_name.py` | the source of truth: plain Python with `# %%` cell markers; edit and review this |
# | `notebooks/NN_name.ipynb` | what you open and run in JupyterLab |
#
# - Open the notebook in JupyterLab and edit as usual: saving writes **both** files (the
#   pairing is set in `jupytext.toml`).
# - Or edit the `.py` in any editor, then run `make notebooks` to regenerate the notebooks.
# - Never commit a notebook with outputs: `make test` checks that both files hold the same
#   cells and that notebooks are clean.
#
# ## Summary
# - The course runs in **full mode** for real results and in **fast mode** for quick checks;
#   one cell per lesson holds every size.
# - A gate is $\sigma(w\,x + b)$: the bias sets its default, the weight how strongly the input
#   moves it.
#
# ## Exercises
# Replace each `...` with your answer and run the cell; the check tells you if you are right.
#
# **1.** With $w = 0$ and $b = 0$, what value does the gate give for $x = 3$?

# %%
answer_1 = ...
checks.check_gate_value(answer_1, weight=0.0, bias=0.0, x=3.0)

# %% [markdown]
# **2.** Choose a weight and a bias that open the gate to at least 0.95 at $x = 1$.
# (Try them on the sliders first.)

# %%
weight_2, bias_2 = ..., ...
checks.check_gate_open(weight_2, bias_2, x=1.0)

# %% [markdown]
# **3.** Now shut it: a weight and bias that keep the gate at most 0.05 open at $x = 1$,
# with a **positive** weight.

# %%
weight_3, bias_3 = ..., ...
checks.check_gate_closed(weight_3, bias_3, x=1.0, positive_weight=True)

# %% [markdown]
# **Next**: lesson 01, *RNN basics*: what a hidden state remembers, and why a plain RNN forgets.
