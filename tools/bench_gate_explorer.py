"""Benchmark: a slider move → the figures and the cell diagram updated, in a real kernel.

    .venv/bin/python tools/bench_gate_explorer.py [--moves 300]

Targets: the gate explorer (lesson 02, bars and cell diagram) and the GRU explorer
(lesson 06) update within 20 ms median; one step of lesson 03's animation (heatmaps and
diagram) within 100 ms, so it plays smoothly at 10 steps per second.

Runs inside a real IPython kernel (as in JupyterLab), so every move pays for the widget
messages too: the time is from setting a control's value until its callback has recomputed
and sent the restyled FigureWidgets' updates over the kernel's comm channel. The browser's
own redraw is not included (the real-browser tests drive that).
"""

from __future__ import annotations

import argparse

from jupyter_client.manager import start_new_kernel

CODE = """
import os, statistics, time
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import numpy as np
from lstm_helpers.ui import gate_widgets, recall_widgets

def report(name, control, values):
    timings = []
    for value in values:
        start = time.perf_counter()
        control.value = value
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"{{name}}, {{len(timings)}} moves: median {{statistics.median(timings):.2f}} ms, "
          f"95th percentile {{timings[int(0.95 * len(timings))]:.2f}} ms", flush=True)

for simple in (True, False):
    box = gate_widgets.gate_explorer(simple=simple)
    slider = box.controls["f_b"]
    report(f"gate explorer + cell diagram ({{'simple' if simple else 'full'}} mode)", slider,
           [float(v) for v in np.linspace(slider.min, slider.max, {moves})])
gru = gate_widgets.gru_explorer()
report("GRU explorer + diagram", gru.controls["z"],
       [float(v) for v in np.linspace(-8, 8, {moves})])

import keras
from lstm_helpers.data import recall_task
from lstm_helpers.models.recall_models import build_recall_model
keras.utils.set_random_seed(0)
model = build_recall_model("LSTM", 32, len(recall_task.VOCAB), len(recall_task.SYMBOLS))
box = recall_widgets.recall_sequence_explorer(model, "C " + "w x y z " * 7 + "w", max_units=8)
steps = [t % 30 for t in range(1, {moves} + 1)]
report("lesson 03 animation step (heatmaps + diagram)", box.step, steps)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300)
    args = parser.parse_args()
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        def show(msg: dict) -> None:
            if msg["msg_type"] == "stream":
                print(msg["content"]["text"], end="")
            elif msg["msg_type"] == "error":
                print("\n".join(msg["content"]["traceback"]))

        client.execute_interactive(CODE.format(moves=args.moves), output_hook=show, timeout=900)
    finally:
        client.stop_channels()
        manager.shutdown_kernel()


if __name__ == "__main__":
    main()
