"""Lesson 06's panels: judge a typed review, and operate on one unit's gates.

Wiring only: numbers come from ``core.inside`` (NumPy), pictures from
``viz.sentiment_figures``. Bad input gets a message in the panel, never a traceback.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from lstm_helpers.core import inside
from lstm_helpers.core.inside import GATE_NAMES, Classifier
from lstm_helpers.data import text
from lstm_helpers.ui.display import FallbackBox, live_figure, static_copy
from lstm_helpers.viz import cell_diagram, sentiment_figures


def verdict_html(prob: float, notes: list[str]) -> str:
    """'positive (P = 0.93)' in colour, then any notes about how the review was read."""
    label, color = ("positive", "#2e7d32") if prob >= 0.5 else ("negative", "#c62828")
    extra = "".join(f"<br><small>ℹ️ {html.escape(n)}</small>" for n in notes)
    label = f"{'▲' if prob >= 0.5 else '▼'} {label}"  # not colour alone
    return (f"<b style='color:{color};font-size:1.2em'>{label}</b> "
            f"(P(positive) = {prob:.3f}){extra}")


HEATMAP_TITLE = "cell state c of the units that track the verdict"


def review_label(words: list[str], n_words: int = 6) -> str:
    """The first words of a review as read, to name it in the verdict and both titles."""
    head = " ".join(words[:n_words])
    return f"“{head}{' …' if len(words) > n_words else ''}”"


def review_panel(classifier: Classifier, vectorize, index_word: dict[int, str], max_len: int,
                 default: str, n_units: int = 12) -> widgets.VBox:
    """A text area and a button → verdict, the verdict after every word, and the cell states
    of the units that follow the verdict. Used in lesson 06.

    The verdict updates when the button is pressed or the focus leaves the box (a text
    area takes Enter as a new line), and the hint under the box says so.

    One read is computed whole, then applied whole: the verdict, the line and the heatmap
    always show the same review, whose first words all three name. Each read takes a ticket;
    a read whose ticket is no longer the latest when it finishes (another press came in
    meanwhile) is dropped, and the button is disabled while a read is computing. The same
    text read twice (focus leaving the box, then the button) is computed once.
    """
    box = widgets.Textarea(value=default, description="review", continuous_update=False,
                           layout={"width": "720px", "height": "90px"})
    button = widgets.Button(description="read this review", button_style="primary",
                            icon="check", layout={"width": "180px"})
    hint = widgets.HTML("<small>Type or paste a review, then press <b>read this review</b> "
                        "(or click outside the box).</small>")
    verdict = widgets.HTML()
    trajectory = live_figure(sentiment_figures.trajectory_figure([], np.zeros(0), ""))
    heatmap = live_figure(sentiment_figures.state_heatmap(
        [], np.zeros((1, 0)), np.zeros(1, int), HEATMAP_TITLE))
    tickets = {"issued": 0, "shown": None}

    def compute(review: str) -> dict:
        """Everything one read shows, computed before anything on screen changes."""
        try:
            ids, notes = text.review_ids(review, vectorize, max_len)
        except text.TextInputError as err:
            return {"error": str(err)}
        run, probs = classifier.trace(ids)
        words = text.decode(ids, index_word).split()
        units = np.sort(inside.unit_ranking(run, probs, n_units))
        label = review_label(words)
        return {"verdict": f"{verdict_html(float(probs[-1]), notes)}<br><small>review read: "
                           f"{html.escape(label)}</small>",
                "line": sentiment_figures.trajectory_figure(
                    words, probs, f"P(positive) so far · {label}"),
                "map": sentiment_figures.state_heatmap(
                    words, run.c[0][:, units].T, units, f"{HEATMAP_TITLE} · {label}")}

    def apply(result: dict) -> None:
        if "error" in result:  # clear the figures: they must not show another review
            result = {"verdict": f"<b>⚠️ {html.escape(result['error'])}</b>",
                      "line": sentiment_figures.trajectory_figure([], np.zeros(0), ""),
                      "map": sentiment_figures.state_heatmap(
                          [], np.zeros((1, 0)), np.zeros(1, int), HEATMAP_TITLE)}
        with trajectory.batch_update(), heatmap.batch_update():
            for live, fresh in ((trajectory, result["line"]), (heatmap, result["map"])):
                live.data[0].update(fresh.data[0].to_plotly_json(), overwrite=True)
                live.layout.update(fresh.layout.to_plotly_json())
        verdict.value = result["verdict"]

    def redraw(_change: object = None) -> None:
        review = box.value
        if review == tickets["shown"]:
            return  # already on screen (the box lost focus, then the button was pressed)
        tickets["issued"] += 1
        ticket = tickets["issued"]
        button.disabled = True
        try:
            result = compute(review)
        finally:
            if ticket == tickets["issued"]:
                button.disabled = False
        if ticket != tickets["issued"]:
            return  # a later read started meanwhile: its result is the one to show
        apply(result)
        tickets["shown"] = review

    box.observe(redraw, names="value")
    button.on_click(redraw)
    redraw()
    panel = FallbackBox([box, widgets.HBox([button, hint]), verdict, trajectory, heatmap],
                        lambda: static_copy(trajectory))
    panel.text, panel.verdict, panel.trajectory, panel.heatmap = box, verdict, trajectory, heatmap
    panel.button, panel.read, panel.compute = button, redraw, compute
    return panel


def gate_surgery_panel(classifier: Classifier, reviews: dict[str, np.ndarray],
                       index_word: dict[int, str], n_units: int = 10) -> widgets.VBox:
    """Pick a review and a unit, force its forget/input/output gate over a span of words,
    and watch its cell state and the verdict move. Used in lesson 06."""
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
    fig = live_figure(sentiment_figures.surgery_figure(["…"]))
    diagram = live_figure(cell_diagram.lstm_cell_figure(
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
