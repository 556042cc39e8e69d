"""Move weights between Keras recurrent layers and the NumPy cells.

Works on a layer or model object you pass in; this module never imports TensorFlow itself.
"""

from __future__ import annotations

import numpy as np

from lstm_helpers.core.cells import CellWeights, GRUWeights, LSTMWeights, SimpleRNNWeights
from lstm_helpers.core.errors import LabInputError, LabTypeError
from lstm_helpers.core.inside import Classifier
from lstm_helpers.core.sequences import run_lstm

_BY_LAYER = {"SimpleRNN": SimpleRNNWeights, "LSTM": LSTMWeights, "GRU": GRUWeights}


def _kind(layer: object) -> type[CellWeights]:
    name = type(layer).__name__
    if name not in _BY_LAYER:
        raise LabTypeError(f"expected a Keras SimpleRNN, LSTM or GRU layer; got {name}.")
    if name == "GRU" and not getattr(layer, "reset_after", True):
        raise LabInputError("only Keras's default GRU (reset_after=True) is supported.")
    if not getattr(layer, "use_bias", True):
        raise LabInputError(f"{name} layers without a bias are not supported (use_bias=False).")
    if not layer.weights:
        raise LabInputError(f"the {name} layer has no weights yet: build it or call it on data "
                            "first.")
    return _BY_LAYER[name]


def weights_from_keras(layer: object) -> CellWeights:
    """The layer's kernel, recurrent kernel and bias as NumPy cell weights. Used in lesson 07."""
    kind = _kind(layer)
    kernel, recurrent_kernel, bias = layer.get_weights()
    return kind(kernel=kernel, recurrent_kernel=recurrent_kernel, bias=bias)


def weights_to_keras(layer: object, weights: CellWeights) -> None:
    """Put NumPy cell weights into a built Keras layer of the same kind and size.

    Used in lesson 02.
    """
    kind = _kind(layer)
    if not isinstance(weights, kind):
        raise LabTypeError(f"{type(layer).__name__} layer needs {kind.__name__}, got "
                           f"{type(weights).__name__}.")
    expected = [tuple(v.shape) for v in layer.get_weights()]
    given = [tuple(a.shape) for a in weights.as_list()]
    if expected != given:
        raise LabInputError(f"weight shapes {given} do not fit this layer, which expects "
                            f"{expected}.")
    layer.set_weights(weights.as_list())


def classifier_trace(model: object, xs, recurrent: str = "lstm", readout: str = "readout"):
    """Run a Keras LSTM → Dense(softmax) classifier in NumPy, reading out after every step.

    Returns the LSTM's trace and the class probabilities after each prefix,
    (batch, steps, classes). Used in lesson 03.
    """
    trace = run_lstm(xs, weights_from_keras(model.get_layer(recurrent)))
    kernel, bias = model.get_layer(readout).get_weights()
    logits = trace.h @ kernel + bias
    logits -= logits.max(axis=-1, keepdims=True)
    probs = np.exp(logits)
    return trace, probs / probs.sum(axis=-1, keepdims=True)


def numpy_classifier(model) -> Classifier:
    """A trained Embedding → LSTM → Dense(1, sigmoid) model's weights as the NumPy
    ``core.inside.Classifier`` (layers named ``embedding``, ``lstm``, ``readout``).

    Used in lesson 06.
    """
    kernel, bias = model.get_layer("readout").get_weights()
    return Classifier(embedding=np.asarray(model.get_layer("embedding").get_weights()[0],
                                           dtype=np.float64),
                      lstm=weights_from_keras(model.get_layer("lstm")),
                      readout_kernel=np.asarray(kernel, np.float64),
                      readout_bias=np.asarray(bias, np.float64))
