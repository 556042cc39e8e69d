"""The one figure style of the course: template, fonts, and a colour-blind-safe palette.

Colours are Okabe & Ito's (2008) eight, distinguishable with every common colour-vision
deficiency; every figure also carries meaning by position, width, labels or a colour bar,
never by colour alone. Gates keep one colour each across every lesson.
"""

from __future__ import annotations

import plotly.graph_objects as go

TEMPLATE = "plotly_white"
FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}

ORANGE, SKY, GREEN, YELLOW = "#E69F00", "#56B4E9", "#009E73", "#F0E442"
BLUE, VERMILLION, PURPLE, GREY = "#0072B2", "#D55E00", "#CC79A7", "#7F7F7F"
PALETTE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, GREY)

# One colour per gate and state, the same in the explorer, the cell diagram and heatmaps.
GATE_COLORS = {"f": VERMILLION, "i": GREEN, "g": PURPLE, "o": BLUE, "c": ORANGE, "h": SKY,
               "z": VERMILLION, "r": GREEN}
# Two models compared (SimpleRNN vs LSTM, train vs validation, negative vs positive).
PAIR = (VERMILLION, BLUE)
SPLIT_COLORS = {"train": BLUE, "val": ORANGE, "test": GREEN}
LABEL_COLORS = {"positive": BLUE, "negative": VERMILLION}

# Colour scales with a colour bar: sequential for 0..1 gates, diverging around 0 for states.
GATE_SCALE = "Viridis"  # dark = closed, bright = open; readable in grey too
STATE_SCALE = "RdBu"  # blue positive, red negative, white at 0

NOTE_FONT = {"size": 11, "color": "#444"}


def style(fig: go.Figure, *, title: str | dict | None = None, height: int | None = None,
          **layout) -> go.Figure:
    """Apply the course template and font (plus any layout options) and return ``fig``."""
    if title is not None:
        layout["title"] = title if isinstance(title, dict) else {"text": title}
    if height is not None:
        layout["height"] = height
    fig.update_layout(template=TEMPLATE, font=FONT, **layout)
    return fig


def colorbar(title: str, **extra) -> dict:
    """A compact colour bar with a title, for heatmaps."""
    return {"title": {"text": title, "side": "right"}, "thickness": 12, "len": 0.9, **extra}
