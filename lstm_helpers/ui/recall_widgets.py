"""Lesson 03's sequence box: type a recall sequence, then play, pause or step the trained
LSTM's gates over it, as heatmaps and as one unit's cell diagram. Wiring only: the run is
``models.bridge``, the pictures ``viz``.

The figure is a ``FigureWidget`` updated in place (a ``Play`` widget and a step slider
drive it), so a new sequence redraws inside the panel in JupyterLab; viewers without
widgets get the last sequence as a plotly animation that plays on its own.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from lstm_helpers.core.inside import most_active_units
from lstm_helpers.data import recall_task
from lstm_helpers.models.bridge import classifier_trace
from lstm_helpers.ui.display import FallbackBox, live_figure
from lstm_helpers.viz import cell_diagram, recall_figures

STEP_MS = 350  # play speed: one token every 0.35 s


def recall_sequence_explorer(model, default: str, max_units: int = 8) -> widgets.VBox:
    """Type a recall sequence, see the trained LSTM's gates over it, token by token.

    Used in lesson 03.
    """
    text = widgets.Text(value=default, description="sequence", layout={"width": "420px"},
                        placeholder="e.g. C w x y z w", continuous_update=False)
    button = widgets.Button(description="animate", button_style="primary",
                            tooltip="read the sequence and play it from the first token")
    play = widgets.Play(value=0, min=0, max=1, step=1, interval=STEP_MS, description="play")
    step = widgets.IntSlider(value=0, min=0, max=1, description="token",
                             continuous_update=True, layout={"width": "420px"})
    widgets.jslink((play, "value"), (step, "value"))
    unit = widgets.Dropdown(description="diagram of", layout={"width": "260px"})
    answer = widgets.HTML()
    run: dict = {}

    def read(_change: object = None) -> None:
        try:
            tokens = recall_task.parse_sequence(text.value)
        except recall_task.SequenceError as err:
            answer.value = f"<b>⚠️ {html.escape(str(err))}</b>"
            return
        trace, probs = classifier_trace(model, recall_task.encode(tokens))
        units = most_active_units(trace, max_units)
        run.update(tokens=tokens, trace=trace, probs=probs, units=units)
        holding["on"] = True  # refill the unit list without redrawing for every option
        unit.options = [(f"unit {u}", int(u)) for u in units]
        unit.value = int(units[0])
        holding["on"] = False
        guess = recall_task.SYMBOLS[int(probs[0, -1].argmax())]
        answer.value = (f"The LSTM answers <b>{guess}</b> (p = {probs[0, -1].max():.2f}); "
                        f"the first symbol was <b>{tokens[0]}</b>. Press ▶ or drag the slider.")
        play.playing = False
        last = len(tokens) - 1
        step.max = play.max = max(last, 1)
        if step.value == 0:
            show()
        step.value = 0  # triggers show() when it changes

    def show(_change: object = None) -> None:
        if not run or holding["on"] or unit.value is None:
            return
        upto = min(step.value, len(run["tokens"]) - 1)
        recall_figures.update_gate_steps_figure(figure, run["tokens"], run["trace"],
                                                run["probs"], run["units"], upto)
        cell_diagram.update_cell_figure(diagram, cell_diagram.LSTM, diagram_values(upto),
                                        title=diagram_title(upto))

    def diagram_values(upto: int) -> dict:
        token = run["tokens"][upto]
        return cell_diagram.lstm_values_at(run["trace"], upto, unit.value, x_label=f"“{token}”")

    def diagram_title(upto: int) -> str:
        return f"unit {unit.value} at token {upto} (“{run['tokens'][upto]}”)"

    holding = {"on": False}
    tokens = recall_task.parse_sequence(default)
    trace, probs = classifier_trace(model, recall_task.encode(tokens))
    first_units = most_active_units(trace, max_units)
    figure = live_figure(recall_figures.gate_steps_figure(
        tokens, trace, probs, recall_task.SYMBOLS, first_units))
    # Born with the title and values show() gives it: changes made before the page draws a
    # figure's view do not reach it.
    diagram = live_figure(cell_diagram.lstm_cell_figure(
        cell_diagram.lstm_values_at(trace, 0, int(first_units[0]), x_label=f"“{tokens[0]}”"),
        title=f"unit {int(first_units[0])} at token 0 (“{tokens[0]}”)", height=360))
    button.on_click(read)
    text.observe(read, names="value")  # Enter in the box reads it too
    step.observe(show, names="value")
    unit.observe(show, names="value")
    read()

    def static():  # the last sequence, as an animation that plays without a kernel
        if not run:
            return None
        return recall_figures.gate_animation_figure(run["tokens"], run["trace"], run["probs"],
                                                    recall_task.SYMBOLS, run["units"])

    box = FallbackBox([widgets.HBox([text, button]), answer,
                       widgets.HBox([play, step, unit]), diagram, figure], static)
    box.text, box.read, box.answer, box.figure, box.step, box.play = (
        text, read, answer, figure, step, play)
    box.diagram, box.unit = diagram, unit
    return box
