"""Lesson 11's decoder panel: type digits, see each model's answer written step by step,
beam search's best answers, and where the attention model looked (a heatmap updated in
place).

Wiring only: decoding comes from ``models.seq2seq_models``, tokens from
``data.seq2seq_task``, the heatmap from ``viz.attention_figures``. A bad input (letters,
nothing, too many digits) gets a message, never a traceback.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np

from lstm_helpers.core.errors import LabInputError, LabTypeError, check_int
from lstm_helpers.data import seq2seq_task
from lstm_helpers.models.seq2seq_models import Seq2Seq
from lstm_helpers.ui.display import FallbackBox, live_figure, static_copy
from lstm_helpers.viz import attention_figures

MAX_DIGITS = 24  # longer inputs take long to decode and make unreadable heatmaps


def _steps_table(tokens: np.ndarray, probs: np.ndarray) -> str:
    """One row per decoding step: what is written so far, the token chosen, the runner-up."""
    rows, written = [], ""
    for t, token in enumerate(tokens):
        order = np.argsort(-probs[t])
        second = int(order[1]) if int(order[0]) == int(token) else int(order[0])
        label = seq2seq_task.token_label(int(token))
        rows.append(f"<tr><td>{t + 1}</td><td><code>{html.escape(written) or '·'}</code></td>"
                    f"<td><b>{html.escape(label)}</b> ({probs[t, token]:.2f})</td>"
                    f"<td>{html.escape(seq2seq_task.token_label(second))} "
                    f"({probs[t, second]:.2f})</td></tr>")
        if int(token) == seq2seq_task.END:
            break
        written += label
    head = ("<tr><th>step</th><th>written so far</th><th>writes (probability)</th>"
            "<th>runner-up</th></tr>")
    return f"<table style='font-size:13px'>{head}{''.join(rows)}</table>"


def decode_report(models: dict[str, Seq2Seq], kind: str, text: str, beam_width: int = 3
                  ) -> tuple[str, np.ndarray | None, list[str], list[str]]:
    """What the panel shows for ``text``: HTML (each model's answer, the first attention
    model's steps, beam search's best answers) and that model's attention weights with
    their input and output labels. Raises DigitsInputError on bad input. Used in lesson 11."""
    tokens = seq2seq_task.encode_digits(text, MAX_DIGITS)
    expected = "".join(str(d) for d in seq2seq_task.answer(
        kind, [int(t) - seq2seq_task.DIGIT0 for t in tokens]))
    lines = [f"<b>expected</b> ({kind}): <code>{expected}</code>"]
    shown, weights, in_labels, out_labels = None, None, [], []
    for name, seq2seq in models.items():
        out, probs = seq2seq.greedy(tokens[None, :])
        answer = seq2seq_task.decode_tokens(out[0])
        mark = "✓ right" if answer == expected else "✗ wrong"
        lines.append(f"<b>{html.escape(name)}</b>: <code>{answer or '(nothing)'}</code> {mark}")
        if shown is None and seq2seq.weights_model is not None:
            shown = (name, seq2seq, out[0], probs[0])
    if shown is not None:
        name, seq2seq, out, probs = shown
        end = list(out).index(seq2seq_task.END) + 1 if seq2seq_task.END in out else len(out)
        weights = seq2seq.attention_weights(tokens, out[:end])
        in_labels = [seq2seq_task.token_label(int(t)) for t in tokens]
        out_labels = [seq2seq_task.token_label(int(t)) for t in out[:end]]
        beams = seq2seq.beam(tokens, beam_width)
        beam_lines = "".join(
            f"<li><code>{seq2seq_task.decode_tokens(h.tokens) or '(nothing)'}</code> "
            f"log-prob {h.log_prob:.2f} (probability {np.exp(h.log_prob):.3f})</li>"
            for h in beams)
        lines.append(f"<br><b>{html.escape(name)}, step by step</b> (greedy: the most "
                     f"likely token each time){_steps_table(out, probs)}"
                     f"<b>beam search, width {beam_width}</b>: its best answers<ol>"
                     f"{beam_lines}</ol>")
    return "<br>".join(lines), weights, in_labels, out_labels


def decoder_panel(models: dict[str, Seq2Seq], kind: str, default: str = "40213",
                  beam_width: int = 3) -> FallbackBox:
    """A text box → every model's decoded answer, the attention model's steps and beam
    search, and its attention heatmap (the last child, updated in place), as you type.
    Used in lesson 11."""
    if not isinstance(models, dict) or not models or not all(
            isinstance(m, Seq2Seq) for m in models.values()):
        raise LabTypeError("models must be a non-empty dict {name: Seq2Seq}.")
    if not any(m.weights_model is not None for m in models.values()):
        raise LabInputError("models holds no attention model, so there is no heatmap to show: "
                            "add one built with attention='additive'.")
    seq2seq_task.answer(kind, [])  # validates kind
    beam_width = check_int("beam_width", beam_width, low=1, high=10)
    box = widgets.Text(value=default, description="your digits", continuous_update=True,
                       layout={"width": "420px"})
    report = widgets.HTML()
    fig = live_figure(attention_figures.attention_heatmap(np.ones((1, 1)), ["·"], ["·"]))

    def redraw(_change: object = None) -> None:
        try:
            text, weights, ins, outs = decode_report(models, kind, box.value, beam_width)
        except seq2seq_task.DigitsInputError as err:
            report.value = f"<b>⚠️ {html.escape(str(err))}</b>"
            return
        report.value = text
        attention_figures.update_attention_heatmap(
            fig, weights, ins, outs, f"Where the decoder looks while answering {box.value.strip()}")

    box.observe(redraw, names="value")
    redraw()
    return FallbackBox([box, report, fig], lambda: static_copy(fig))
