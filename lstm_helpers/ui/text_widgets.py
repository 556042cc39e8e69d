"""Lesson 04's panels: type a prefix and see the next word; generate text at a temperature.

Wiring only: predictions come from ``models.language_models``, words from ``data.text``,
bars from ``viz.text_figures``. Bad input (empty, punctuation only, unknown words, a
100,000-character paste) gets a message, never a traceback or a minute-long wait: the
model reads a bounded context, and a long text stops updating on every keystroke.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from lstm_helpers.data import text
from lstm_helpers.models import language_models
from lstm_helpers.ui.display import FallbackBox, live_figure, static_copy
from lstm_helpers.viz import text_figures

MAX_CONTEXT = language_models.MAX_CONTEXT  # words the model reads
LONG_TEXT = 2_000  # characters: past this the box updates on Enter, not on every keystroke


def _top(probs, index_word: dict[int, str], k: int) -> tuple[list[str], list[float]]:
    order = probs.argsort()[::-1][:k]
    return [index_word.get(int(i), "(padding)") for i in order], [float(probs[i]) for i in order]


def _warning(message: str) -> str:
    return f"<b>⚠️ {html.escape(message)}</b>"


def next_word_panel(model, vectorize, index_word: dict[int, str], default: str,
                    k: int = 10) -> widgets.VBox:
    """A text box → the model's top-k next words as bars, updated as you type.

    Used in lesson 04.
    """
    box = widgets.Text(value=default, description="your text", continuous_update=True,
                       layout={"width": "560px"})
    note = widgets.HTML()
    fig = live_figure(text_figures.next_word_figure([], [], ""))

    def redraw(_change: object = None) -> None:
        long_text = len(box.value) > LONG_TEXT
        if box.continuous_update == long_text:  # long pastes: predict on Enter only
            box.continuous_update = not long_text
        try:
            ids, unknown, notes = text.words_of(box.value, vectorize, max_words=MAX_CONTEXT)
        except text.TextInputError as err:
            note.value = _warning(str(err))
            return
        words, probs = _top(language_models.next_word_probs(model, ids), index_word, k)
        text_figures.update_next_word_figure(fig, words, probs,
                                             f"after “{text.decode(ids[-8:], index_word)}”")
        if unknown:
            notes.append(f"Not in the vocabulary, read as {text.OOV_TOKEN}: "
                         f"{', '.join(unknown[:20])}{' …' if len(unknown) > 20 else ''}")
        if long_text:
            notes.append("Long text: predictions now update when you press Enter.")
        note.value = "<br>".join(f"<small>ℹ️ {html.escape(n)}</small>" for n in notes)

    box.observe(redraw, names="value")
    redraw()
    panel = FallbackBox([box, note, fig], lambda: static_copy(fig))
    panel.text, panel.note, panel.figure = box, note, fig
    return panel


def generation_panel(model, vectorize, index_word: dict[int, str], default: str,
                     seed: int = 0) -> widgets.VBox:
    """Seed text, length and temperature → generated text, on the button. Used in lesson 04.

    Each draw uses the next random seed (``seed`` for the text shown at first, then
    ``seed + 1``, ``seed + 2``, … per press), printed under the text: pressing again gives
    new text, and a rerun of the lesson gives the same sequence of texts."""
    seed_text = widgets.Text(value=default, description="seed text", layout={"width": "560px"})
    length = widgets.IntSlider(value=20, min=1, max=60, description="words")
    temperature = widgets.FloatLogSlider(value=1.0, base=10, min=-1.3, max=0.5, step=0.05,
                                         description="temperature", readout_format=".2f",
                                         style={"description_width": "90px"},
                                         layout={"width": "380px"})
    button = widgets.Button(description="generate", button_style="primary",
                            tooltip="draw new text (each press uses the next random seed)")
    out = widgets.HTML()
    draws = {"next": seed}

    def run(_button: object = None) -> None:
        try:
            ids, unknown, notes = text.words_of(seed_text.value, vectorize, max_words=MAX_CONTEXT)
        except text.TextInputError as err:
            out.value = _warning(str(err))
            return
        draw_seed = draws["next"]
        draws["next"] += 1
        new = language_models.generate(model, ids, length.value, temperature.value, draw_seed)
        if unknown:
            notes.append(f"read as [UNK]: {', '.join(unknown[:20])}")
        extra = "".join(f"; {html.escape(n)}" for n in notes)
        out.value = (f"<p>{html.escape(text.decode(ids, index_word))} "
                     f"<b>{html.escape(text.decode(new, index_word))}</b></p>"
                     f"<p><small>temperature {temperature.value:.2f}, random seed "
                     f"{draw_seed}{extra}</small></p>")

    button.on_click(run)
    run()
    panel = widgets.VBox([seed_text, widgets.HBox([length, temperature, button]), out])
    panel.seed_text, panel.length, panel.temperature, panel.run, panel.output = (
        seed_text, length, temperature, run, out)
    return panel
