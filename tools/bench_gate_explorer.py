"""Benchmark: slider move → gate explorer figure updated (lesson 02). Target: median ≤ 20 ms.

    .venv/bin/python tools/bench_gate_explorer.py [--moves 300]

Runs inside a real IPython kernel (as in JupyterLab), so every move pays for the widget
messages too: the time is from setting a slider's value until its callback has recomputed
the LSTM step and sent the restyled FigureWidget's update over the kernel's comm channel.
The browser's own redraw is not included (see the real-browser test for that).
"""

from __future__ import annotations

import argparse

from jupyter_client.manager import start_new_kernel

CODE = """
import statistics, time
import numpy as np
from lstm_helpers.ui import gate_widgets as widgets
for simple in (True, False):
    box = widgets.gate_explorer(simple=simple)
    slider = box.controls["f_b"]
    timings = []
    for value in np.linspace(slider.min, slider.max, {moves}):
        start = time.perf_counter()
        slider.value = float(value)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"gate explorer ({{'simple' if simple else 'full'}} mode), {moves} moves: "
          f"median {{statistics.median(timings):.2f}} ms, "
          f"95th percentile {{timings[int(0.95 * len(timings))]:.2f}} ms")
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

        client.execute_interactive(CODE.format(moves=args.moves), output_hook=show, timeout=600)
    finally:
        client.stop_channels()
        manager.shutdown_kernel()


if __name__ == "__main__":
    main()
