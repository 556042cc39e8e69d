"""Lesson 04's panels: type a prefix and see the next word; generate text at a temperature.

Wiring only: predictions come from ``language_model``, words from ``text``, bars from
``figures``. Bad input (empty, punctuation only, unknown words) gets a message, not a traceback.
"""

from __future__ import annotations

import ipywidgets as widgets
import plotly.graph_objects as go

from lstm_helpers import figures, language_model, text
from lstm_helpers.display import FallbackBox, static_copy


def _top(probs, index_word: dict[int, str], k: int) -> tuple[list[str], list[float]]:
    order = probs.argsort()[::-1][:k]
    return [index_word.get(int(i), "(padding)") for i in order], [float(probs[i]) for i in order]


def next_word_panel(model, vectorize, index_word: dict[int, str], default: str,
                    k: int = 10) -> widgets.VBox:
    """A text box → the model's top-k next words as bars, updated as you type. Lesson 04."""
    box = widgets.Text(value=default, description="your text", continuous_update=True,
                       layout={"width": "520px"})
    note = widgets.HTML()
    fig = go.FigureWidget(figures.next_word_figure([], [], ""))

    def redraw(_change: object = None) -> None:
        try:
            ids, unknown = text.words_of(box.value, vectorize)
        except text.TextInputError as err:
            note.value = f"<b>⚠️ {err}</b>"
            return
        words, probs = _top(language_model.next_word_probs(model, ids), index_word, k)
        figures.update_next_word_figure(fig, words, probs,
                                        f"after “{text.decode(ids[-8:], index_word)}”")
        note.value = (f"Not in the vocabulary, read as <code>{text.OOV}</code>: "
                      f"{', '.join(unknown)}" if unknown else "")

    box.observe(redraw, names="value")
    redraw()
    panel = FallbackBox([box, note, fig], lambda: static_copy(fig))
    panel.text, panel.note, panel.figure = box, note, fig
    return panel


def generation_panel(model, vectorize, index_word: dict[int, str], default: str,
                     seed: int = 0) -> widgets.VBox:
    """Seed text, length and temperature → generated text. Lesson 04."""
    seed_text = widgets.Text(value=default, description="seed text", layout={"width": "520px"})
    length = widgets.IntSlider(value=20, min=1, max=60, description="words")
    temperature = widgets.FloatLogSlider(value=1.0, base=10, min=-1.3, max=0.5, step=0.05,
                                         description="temperature", readout_format=".2f")
    button = widgets.Button(description="generate", button_style="primary")
    out = widgets.HTML()

    def run(_button: object = None) -> None:
        try:
            ids, unknown = text.words_of(seed_text.value, vectorize)
        except text.TextInputError as err:
            out.value = f"<b>⚠️ {err}</b>"
            return
        new = language_model.generate(model, ids, length.value, temperature.value, seed)
        unknown_note = f"; read as [UNK]: {', '.join(unknown)}" if unknown else ""
        out.value = (f"<p>{text.decode(ids, index_word)} <b>{text.decode(new, index_word)}</b>"
                     f"</p><p><small>temperature {temperature.value:.2f}, seed {seed}"
                     f"{unknown_note}</small></p>")

    button.on_click(run)
    run()
    panel = widgets.VBox([seed_text, widgets.HBox([length, temperature, button]), out])
    panel.seed_text, panel.length, panel.temperature, panel.run, panel.output = (
        seed_text, length, temperature, run, out)
    return panel
