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


def clipping_figure(runs: dict[str, dict[str, list[float]]]) -> go.Figure:
    """Loss and gradient length per training step, one line per run (log scales); a run
    whose loss became NaN is marked where it died."""
    from plotly.subplots import make_subplots

    from lstm_helpers.viz.style import PALETTE

    fig = make_subplots(1, 2, subplot_titles=("loss (log scale)", "gradient length before "
                                              "clipping (log scale)"))
    dashes = ("solid", "dot", "dash", "dashdot")
    for k, (name, run) in enumerate(runs.items()):
        color, dash = PALETTE[k % len(PALETTE)], dashes[k % len(dashes)]
        for col, key in ((1, "loss"), (2, "gradient norm")):
            values = np.asarray(run[key], dtype=float)
            fig.add_scatter(x=np.arange(1, len(values) + 1), y=np.where(np.isfinite(values),
                                                                       values, np.nan),
                            name=name, legendgroup=name, showlegend=col == 1, row=1, col=col,
                            mode="lines+markers", line={"color": color, "dash": dash})
            dead = np.flatnonzero(~np.isfinite(values))
            if col == 1 and dead.size:
                fig.add_annotation(x=dead[0] + 1, y=0, xref="x", yref="paper", yanchor="bottom",
                                   text=f"{name}: NaN from step {dead[0] + 1}", showarrow=False,
                                   font={"color": color})
    fig.update_yaxes(type="log", exponentformat="power")
    fig.update_xaxes(title_text="training step")
    return style(fig, height=380, margin={"t": 60}, legend={"orientation": "h", "y": -0.25})
