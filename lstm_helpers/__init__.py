"""Helpers for the LSTM Lab course: NumPy cells, data, models, widgets, figures and checks.

Import the submodule you need (``from lstm_helpers import config``); nothing here
imports TensorFlow, so gate lessons start instantly.
"""

__version__ = "0.1.0"
