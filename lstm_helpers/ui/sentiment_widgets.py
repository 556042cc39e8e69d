"""Lesson 05's panels: judge a typed review, and operate on one unit's gates.

Wiring only: numbers come from ``core.inside`` (NumPy), pictures from
``viz.sentiment_figures``. Bad input gets a message in the panel, never a traceback.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from lstm_helpers.core import inside
from lstm_helpers.core.inside import GATE_NAMES, Classifier
from lstm_helpers.data import text
from lstm_helpers.ui.display import FallbackBox, static_copy
from lstm_helpers.viz import cell_diagram, sentiment_figures


def verdict_html(prob: float, notes: list[str]) -> str:
    """'positive (P = 0.93)' in colour, then any notes about how the review was read."""
    label, color = ("positive", "#2e7d32") if prob >= 0.5 else ("negative", "#c62828")
    extra = "".join(f"<br><small>ℹ️ {html.escape(n)}</small>" for n in notes)
    label = f"{'▲' if prob >= 0.5 else '▼'} {label}"  # not colour alone
    return (f"<b style='color:{color};font-size:1.2em'>{label}</b> "
            f"(P(positive) = {prob:.3f}){extra}")


def review_panel(classifier: Classifier, vectorize, index_word: dict[int, str], max_len: int,
                 default: str, n_units: int = 12) -> widgets.VBox:
    """A text area and a button → verdict, the verdict after every word, and the cell states
    of the units that follow the verdict. Used in lesson 05.

    The verdict updates when the button is pressed or the focus leaves the box (a text
    area takes Enter as a new line), and the hint under the box says so.
    """
    box = widgets.Textarea(value=default, description="review", continuous_update=False,
                           layout={"width": "720px", "height": "90px"})
    button = widgets.Button(description="read this review", button_style="primary",
                            icon="check", layout={"width": "180px"})
    hint = widgets.HTML("<small>Type or paste a review, then press <b>read this review</b> "
                        "(or click outside the box).</small>")
    verdict = widgets.HTML()
    trajectory = go.FigureWidget(sentiment_figures.trajectory_figure([], np.zeros(0), ""))
    heatmap = go.FigureWidget(sentiment_figures.state_heatmap(
        [], np.zeros((1, 0)), np.zeros(1, int), "cell state c of the units that track the verdict"))

    def redraw(_change: object = None) -> None:
        try:
            ids, notes = text.review_ids(box.value, vectorize, max_len)
        except text.TextInputError as err:
            verdict.value = f"<b>⚠️ {html.escape(str(err))}</b>"
            return
        run, probs = classifier.trace(ids)
        words = text.decode(ids, index_word).split()
        verdict.value = verdict_html(float(probs[-1]), notes)
        units = np.sort(inside.unit_ranking(run, probs, n_units))
        fresh_line = sentiment_figures.trajectory_figure(words, probs, "P(positive) so far")
        fresh_map = sentiment_figures.state_heatmap(
            words, run.c[0][:, units].T, units, "cell state c of the units that track the verdict")
        for live, fresh in ((trajectory, fresh_line), (heatmap, fresh_map)):
            with live.batch_update():
                live.data[0].update(fresh.data[0].to_plotly_json())
                live.layout.update(fresh.layout.to_plotly_json())

    box.observe(redraw, names="value")
    button.on_click(redraw)
    redraw()
    panel = FallbackBox([box, widgets.HBox([button, hint]), verdict, trajectory, heatmap],
                        lambda: static_copy(trajectory))
    panel.text, panel.verdict, panel.trajectory, panel.heatmap = box, verdict, trajectory, heatmap
    panel.button = button
    return panel


def gate_surgery_panel(classifier: Classifier, reviews: dict[str, np.ndarray],
                       index_word: dict[int, str], n_units: int = 10) -> widgets.VBox:
    """Pick a review and a unit, force its forget/input/output gate over a span of words,
    and watch its cell state and the verdict move. Used in lesson 05."""
    pick = widgets.Dropdown(options=list(reviews), description="review",
                            layout={"width": "720px"})
    unit = widgets.Dropdown(description="unit")
    span = widgets.IntRangeSlider(description="words", continuous_update=False,
                                  layout={"width": "720px"})
    step = widgets.IntSlider(description="look at word", min=1, continuous_update=True,
                             style={"description_width": "100px"}, layout={"width": "720px"})
    forced = {g: widgets.Checkbox(value=False, description=f"force {name} gate", indent=False,
                                  layout={"width": "150px"}) for g, name in GATE_NAMES.items()}
    value = {g: widgets.FloatSlider(value=1.0 if g == "f" else 0.0, min=0.0, max=1.0,
                                    step=0.05, description=f"{g} =", continuous_update=False)
             for g in GATE_NAMES}
    readout = widgets.HTML()
    fig = go.FigureWidget(sentiment_figures.surgery_figure(["…"]))
    diagram = go.FigureWidget(cell_diagram.lstm_cell_figure(
        {k: 0.0 for k in ("f", "i", "g", "o", "c", "h", "c_prev", "h_prev", "kept", "written")}
        | {"x": ""}, height=360))
    state: dict = {}

    def load_review(_change: object = None) -> None:
        ids = reviews[pick.value]
        run, probs = classifier.trace(ids)
        state.update(ids=ids, run=run, probs=probs, xs=classifier.inputs(ids),
                     words=text.decode(ids, index_word).split())
        ranked = inside.unit_ranking(run, probs, n_units)
        unit.options = [(f"unit {u} (tracks the verdict: #{k + 1})", int(u))
                        for k, u in enumerate(ranked)]
        n = len(ids)
        span.max, step.max = n, n
        span.value, step.value = (1, n), min(step.value, n)
        unit.value = int(ranked[0])
        recompute()

    def recompute(_change: object = None) -> None:
        if not state or unit.value is None:
            return
        gates = {g: value[g].value for g in GATE_NAMES if forced[g].value}
        window = (span.value[0] - 1, span.value[1])
        new = inside.run_with_override(state["xs"], classifier.lstm, unit.value, gates, window)
        new_probs = classifier.prefix_probs(new.h[0])
        state.update(new=new)
        u = unit.value
        forced_text = ", ".join(f"{GATE_NAMES[g]} = {v:.2f}" for g, v in gates.items())
        title = (f"unit {u}: final P(positive) {state['probs'][-1]:.3f} learned → "
                 f"{new_probs[-1]:.3f} with your gates<br><sub>"
                 + (f"forced: {forced_text}, words {span.value[0]}-{span.value[1]}"
                    if gates else "no gate forced yet: tick a box") + "</sub>")
        sentiment_figures.update_surgery_figure(
            fig, state["words"], state["run"].c[0][:, u], new.c[0][:, u], state["probs"],
            new_probs, window, title)
        show_step()

    def show_step(_change: object = None) -> None:
        if "new" not in state:
            return
        t, u = step.value - 1, unit.value
        run, new = state["run"], state["new"]
        cells = "".join(
            f"<td>{getattr(run, g)[0, t, u]:.2f} → <b>{getattr(new, g)[0, t, u]:.2f}</b></td>"
            for g in ("f", "i", "o", "c"))
        readout.value = (
            f"<b>word {t + 1}: “{html.escape(state['words'][t])}”</b>, unit {u} "
            "(learned → with your gates)<table><tr><th>forget f</th><th>input i</th>"
            f"<th>output o</th><th>cell c</th></tr><tr>{cells}</tr></table>")
        word = state["words"][t]
        any_forced = any(box.value for box in forced.values())
        cell_diagram.update_cell_figure(
            diagram, cell_diagram.LSTM,
            cell_diagram.lstm_values_at(new, t, u, x_label=f"“{word}”"),
            title=f"unit {u} at word {t + 1} (“{word}”)"
                  + (", with your gates" if any_forced else ", as learned"))

    pick.observe(load_review, names="value")
    for control in (unit, span, *forced.values(), *value.values()):
        control.observe(recompute, names="value")
    step.observe(show_step, names="value")
    load_review()
    gate_rows = [widgets.HBox([forced[g], value[g]]) for g in GATE_NAMES]
    panel = FallbackBox([pick, unit, span, *gate_rows, fig, step, readout, diagram],
                        lambda: static_copy(fig))
    panel.pick, panel.unit, panel.span, panel.step = pick, unit, span, step
    panel.forced, panel.value, panel.figure, panel.readout = forced, value, fig, readout
    panel.diagram = diagram
    return panel
