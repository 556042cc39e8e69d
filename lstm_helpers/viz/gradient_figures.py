"""Lesson 01's gradient pictures: how ‖∂h_T/∂h_t‖ shrinks or grows with distance."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_helpers.viz.style import PAIR, style

LOG_FLOOR = 1e-30  # a log axis cannot show 0: smaller norms are drawn at this floor


def gradient_norms_figure(rnn_norms: np.ndarray, lstm_norms: np.ndarray) -> go.Figure:
    """‖∂h_T/∂h_t‖ against how many steps back t lies, log scale, RNN next to LSTM."""
    steps_back = np.arange(len(rnn_norms))[::-1]
    fig = go.Figure(
        [
            go.Scatter(x=steps_back, y=np.maximum(rnn_norms, LOG_FLOOR), name="SimpleRNN",
                       mode="lines+markers", line={"color": PAIR[0], "dash": "dot"},
                       marker={"symbol": "circle"}),
            go.Scatter(x=steps_back, y=np.maximum(lstm_norms, LOG_FLOOR), name="LSTM",
                       mode="lines+markers", line={"color": PAIR[1]},
                       marker={"symbol": "square"}),
        ]
    )
    return style(fig, height=380, margin={"t": 50},
                 title="How strongly h_T still depends on the hidden state T − t steps back",
                 xaxis={"title": "steps back (T − t)"},
                 yaxis={"title": "‖∂h_T / ∂h_t‖ (log scale)", "type": "log",
                        "exponentformat": "power"},
                 legend={"x": 0.01, "y": 0.01})


def update_gradient_norms_figure(fig: go.Figure, rnn_norms: np.ndarray,
                                 lstm_norms: np.ndarray) -> None:
    """Restyle a ``gradient_norms_figure`` in place."""
    with fig.batch_update():
        fig.data[0].y = np.maximum(rnn_norms, LOG_FLOOR)
        fig.data[1].y = np.maximum(lstm_norms, LOG_FLOOR)
