"""Helpers for the LSTM Lab course, in layers (each may import only the layers below it):

    config      the fast/full switch, seeds and cache paths every layer reads
    core        NumPy only: activations, cells, sequences, gradients, metrics, a look inside
    data        token ids, text, reviews, IMDB, batches, generated tasks, real series
    models      Keras model builders, baselines, pretrained starts, the Keras <-> NumPy bridge
    training    callbacks (progress bars, live curves) and experiments  } neither imports
    viz         pure figure builders and in-place updaters, one style   } the other
    ui          widget wiring only: controls that call viz and models
    course      exercise checks, the lesson catalogue, environment check, editions, export

Import the module you need (``from lstm_helpers.core import cells``). Nothing here imports
TensorFlow at import time, so the NumPy lessons start instantly; tests/test_layers.py and
the import-linter contract in pyproject.toml keep it that way.
"""

__version__ = "0.1.0"
