"""The NumPy core: activations, the SimpleRNN/LSTM/GRU cells and their runs over sequences,
random initialisers, backpropagation through time by hand, metrics, the old TF1 and PyTorch
weight layouts, and the NumPy look inside a trained classifier.

May import: NumPy, SciPy and ``lstm_helpers.config``. Never TensorFlow, Keras, plotly or
ipywidgets: everything here is plain arithmetic a learner can read and step through.
"""
