"""Models: Keras model builders for every lesson, the baselines they are measured against
(bigram counts, NB-weighted logistic regression, classical forecasters), pretrained starts,
and the bridge that copies Keras weights into the NumPy cells.

May import: ``data``, ``core`` and ``config`` (and Keras, scikit-learn, statsmodels).
"""
