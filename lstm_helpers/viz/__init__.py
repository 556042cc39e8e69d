"""Figures: pure functions from numbers to plotly figures, and updaters that restyle an
existing figure in place (so a slider never redraws from scratch). One style module holds
the template, the colour-blind-safe palette and the fonts every figure uses.

May import: ``core``, ``data`` and ``config`` (and plotly). Never Keras, ipywidgets or
``training``: figures never compute model results.
"""
