"""Lesson 04's figures: the next-word distribution, and what temperature does to it."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from lstm_helpers.viz.style import BLUE, PALETTE, style


def next_word_figure(words: list[str], probs: list[float], title: str) -> go.Figure:
    """Horizontal bars: the top next words and their probabilities."""
    fig = go.Figure(go.Bar(x=probs[::-1], y=words[::-1], orientation="h", marker_color=BLUE,
                           text=[f"{p:.1%}" for p in probs[::-1]], textposition="outside"))
    return style(fig, height=340, title=title, margin={"t": 50, "l": 110},
                 xaxis={"title": "probability", "tickformat": ".0%",
                        "range": [0, max(probs) * 1.25 if probs else 1]},
                 yaxis={"automargin": True})


def update_next_word_figure(fig: go.Figure, words: list[str], probs: list[float],
                            title: str) -> None:
    """Restyle a ``next_word_figure`` in place."""
    with fig.batch_update():
        fig.data[0].x, fig.data[0].y = probs[::-1], words[::-1]
        fig.data[0].text = [f"{p:.1%}" for p in probs[::-1]]
        fig.layout.title.text = title
        fig.layout.xaxis.range = [0, max(probs) * 1.25 if probs else 1]


def temperature_figure(words: list[str],
                       probs_by_temperature: dict[float, np.ndarray]) -> go.Figure:
    """The same next-word distribution at several temperatures, side by side.

    Used in lesson 04.
    """
    fig = go.Figure()
    patterns = ("", "/", ".", "x")
    for k, (temperature, probs) in enumerate(probs_by_temperature.items()):
        fig.add_bar(x=words, y=probs, name=f"T = {temperature:g}",
                    marker={"color": PALETTE[k % len(PALETTE)],
                            "pattern": {"shape": patterns[k % len(patterns)]}})
    return style(fig, height=360, barmode="group",
                 title="Temperature reshapes the next-word distribution",
                 yaxis={"title": "probability", "tickformat": ".0%"}, margin={"t": 50})


def position_figure(by_model: dict[str, np.ndarray]) -> go.Figure:
    """Perplexity at each position of a training window, one line per model (lower is
    better): how much the context read so far helps. Used in lesson 04."""
    fig = go.Figure()
    for k, (name, values) in enumerate(by_model.items()):
        fig.add_scatter(x=np.arange(1, len(values) + 1), y=values, name=name,
                        mode="lines+markers", line={"color": PALETTE[k % len(PALETTE)],
                                                    "dash": ("solid", "dot")[k % 2]},
                        marker={"symbol": ("circle", "square")[k % 2]})
    return style(fig, height=360, margin={"t": 50},
                 title="Perplexity by position in the window: what more context buys",
                 xaxis={"title": "words of context read (the state starts fresh each window)"},
                 yaxis={"title": "perplexity (log scale)", "type": "log"})
