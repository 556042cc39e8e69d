"""What one learner costs a class server: N learners at once run lessons 00-04 of the student
edition top to bottom (Run All, through nbclient: a kernel per lesson, as JupyterLab starts
one per notebook), each beside their own JupyterLab server, keeping the previous lesson's
kernel open while the next one runs, as learners leave tabs open. Per learner and lesson:

- Run All time (wall clock, depends on how busy the box is);
- core-minutes: CPU time of the lesson's kernel from /proc (user + system, the kernel and its
  children), robust on a busy machine: the cores a lesson needs, not how long it waited;
- kernel peak memory: the kernel's own high-water mark (VmHWM in /proc);
- learner peak memory: the most the learner's server and open kernels held at once
  (RSS sampled every 0.25 s).

    .venv/bin/python tools/bench_classroom.py --learners 1,2          # fast mode (default)
    .venv/bin/python tools/bench_classroom.py --learners 1,2,4 --full
    .venv/bin/python tools/bench_classroom.py --table                 # sizing table from file

Writes benchmarks/classroom.json (atomically); ``--table`` prints classroom/README.md's sizing
table from it. Slider latency in the browser is tools/bench_browser_latency.py's job.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "benchmarks" / "classroom.json"
SCRIPT = "tools/bench_classroom.py"
MODELS = ("00_welcome", "01_rnn_basics", "02_lstm_cell", "03_gate_animations", "04_next_word")
COLUMNS = ("lesson", "learners", "learner", "run all s", "core-min", "kernel peak GB", "errors")
OPEN_KERNELS = 2  # kernels a learner has at once: the lesson running and the one before
# (issue 28's 2.7 GB peak was lessons 02 and 04 open)
HEADROOM = 1.25  # memory per learner = measured peak x this
HUB_GB = 0.13  # the hub and its proxy (Zero to JupyterHub's figure: ~128 MB)
OS_GB = 1.0  # the operating system and page cache the box keeps for itself
TRAIN_MINUTES = 8  # a training lesson must finish within this with everyone training at once
CPU_USE = 0.85  # the share of the cores learners' kernels really get (the hub, I/O, bursts)
TICKS = os.sysconf("SC_CLK_TCK")


def rss_gb(pid: int) -> float:
    """Resident memory of ``pid`` in GB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return 0.0


def peak_gb(pid: int) -> float:
    """The process's own peak resident memory (VmHWM) in GB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024**2
    raise RuntimeError(f"no VmHWM for process {pid}")


def cpu_minutes(pid: int) -> float:
    """User + system CPU time of ``pid`` and its waited-for children, in core-minutes."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return (utime + stime + cutime + cstime) / TICKS / 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(folder: Path, env: dict) -> subprocess.Popen:
    """The learner's JupyterLab server (idle here: its memory is what a learner's costs)."""
    port, token = free_port(), os.urandom(8).hex()
    lab = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser",
                            f"--port={port}", f"--IdentityProvider.token={token}",
                            f"--ServerApp.root_dir={folder}", "--ServerApp.allow_root=True"],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
            return lab
        except OSError:
            time.sleep(0.5)
    lab.kill()
    raise RuntimeError("JupyterLab did not start within 120 s")


def one_learner(lessons: list[str], notebooks: Path, env: dict) -> dict:
    """Run the lessons in order as one learner; print and return the rows and the peak."""
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient import NotebookClient

    work = Path(tempfile.mkdtemp(prefix="bench-learner-"))
    env = dict(env, LSTM_LAB_CACHE=str(work / "cache"), HOME=str(work))
    lab = start_lab(work, env)
    open_kernels: list = []  # the learner's kernel managers still running
    peak = {"learner": 0.0, "server": 0.0}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            pids = [lab.pid] + [km.provisioner.process.pid for km in list(open_kernels)
                                if getattr(km.provisioner, "process", None)]
            peak["learner"] = max(peak["learner"], sum(rss_gb(pid) for pid in pids))
            peak["server"] = max(peak["server"], rss_gb(lab.pid))
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rows = []
    try:
        for lesson in lessons:
            while len(open_kernels) >= OPEN_KERNELS:  # the oldest tab is closed first
                run_sync(open_kernels.pop(0).shutdown_kernel)(now=True)
            nb = nbformat.read(notebooks / f"{lesson}.ipynb", as_version=4)
            client = NotebookClient(nb, timeout=1800, allow_errors=True, kernel_name="python3",
                                    resources={"metadata": {"path": str(notebooks)}})
            client.km = client.create_kernel_manager()
            run_sync(client.km.start_kernel)(env=env, cwd=str(notebooks))
            open_kernels.append(client.km)
            pid = client.km.provisioner.process.pid
            started = time.monotonic()
            client.execute(cleanup_kc=False)
            seconds = time.monotonic() - started
            errors = sum(out.get("output_type") == "error" for cell in nb.cells
                         for out in cell.get("outputs", []))
            rows.append({"lesson": lesson, "run all s": round(seconds, 1),
                         "core-min": round(cpu_minutes(pid), 3),
                         "kernel peak GB": round(peak_gb(pid), 3), "errors": errors})
            print("ROW " + json.dumps(rows[-1]), flush=True)
    finally:
        stop.set()
        sampler.join()
        for km in open_kernels:
            run_sync(km.shutdown_kernel)(now=True)
        lab.terminate()
        lab.wait(30)
        subprocess.run(["rm", "-rf", str(work)])
    summary = {"learner peak GB": round(peak["learner"], 3),
               "server GB": round(peak["server"], 3)}
    print("PEAK " + json.dumps(summary), flush=True)
    return {"rows": rows, **summary}


def prepare(tmp: Path, lessons: list[str], fast: bool) -> tuple[Path, dict]:
    """The student edition and the kernels' environment, with IMDB parsed once into a shared
    cache, as classroom/install.py prepares a class."""
    from lstm_helpers.course.editions import write_edition

    write_edition(tmp / "student", "student", lessons)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSTM_LAB_")}
    env.update(TF_CPP_MIN_LOG_LEVEL="3", TF_ENABLE_ONEDNN_OPTS="0", TF_NUM_INTEROP_THREADS="1",
               TF_NUM_INTRAOP_THREADS="2", TQDM_DISABLE="1",
               LSTM_LAB_SHARED_CACHE=str(tmp / "shared-cache"))
    if fast:
        env["LSTM_LAB_FAST"] = "1"
    if os.environ.get("LSTM_LAB_IMDB"):
        env["LSTM_LAB_IMDB"] = os.environ["LSTM_LAB_IMDB"]
    subprocess.run([sys.executable, "-c", "from lstm_helpers.data.imdb import load_imdb; "
                    "load_imdb()"], env=dict(env, LSTM_LAB_CACHE=str(tmp / "shared-cache")),
                   check=True, cwd=ROOT)
    return tmp / "student" / "notebooks", env


def run_class(n: int, lessons: list[str], fast: bool) -> tuple[list[dict], list[dict]]:
    """``n`` learners at once, each in a process of its own; their rows and peaks."""
    rows, peaks = [], []
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        notebooks, env = prepare(Path(tmp), lessons, fast)
        command = [sys.executable, __file__, "--one-learner", ",".join(lessons),
                   "--notebooks", str(notebooks)]
        learners = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True,
                                     cwd=ROOT) for _ in range(n)]
        for i, learner in enumerate(learners, start=1):
            out, _ = learner.communicate()
            if learner.returncode:
                raise RuntimeError(f"learner {i} of {n} failed (exit {learner.returncode})")
            for line in out.splitlines():
                if line.startswith("ROW "):
                    rows.append({"learners": n, "learner": i, **json.loads(line[4:])})
                elif line.startswith("PEAK "):
                    peaks.append({"learners": n, "learner": i, **json.loads(line[5:])})
    return rows, peaks


def sizing(peak_gb_per_learner: float, core_min: float) -> list[dict]:
    """Memory and cores for 10, 30 and 100 learners (the formula is in classroom/README.md)."""
    out = []
    for n in (10, 30, 100):
        memory = OS_GB + HUB_GB + n * peak_gb_per_learner * HEADROOM
        cores = n * core_min / (TRAIN_MINUTES * CPU_USE)
        out.append({"learners": n, "memory GB": math.ceil(memory),
                    "cores": max(2, math.ceil(cores))})
    return out


def table(results: dict) -> str:
    """The sizing table in Markdown, from a saved run."""
    peak = max(p["learner peak GB"] for p in results["learner_peaks"])
    core = max(r["core-min"] for r in results["rows"])
    lesson = max(results["rows"], key=lambda r: r["core-min"])["lesson"]
    lines = [f"From `{results['command']}` on {results['date']} ({results['machine']}; "
             f"{results['mode']} mode): learner peak {peak:.2f} GB, most core-minutes "
             f"{core:.2f} ({lesson}).", "",
             "| learners | memory (GB) | cores (training lesson in ≤ 8 min) |", "|---|---|---|"]
    lines += [f"| {s['learners']} | {s['memory GB']} | {s['cores']} |"
              for s in sizing(peak, core)]
    return "\n".join(lines)


def write(rows: list[dict], peaks: list[dict], fast: bool) -> Path:
    from lstm_helpers import config

    record = {
        "script": SCRIPT,
        "command": " ".join([f".venv/bin/python {SCRIPT}", *sys.argv[1:]]),
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, "
                   f"{platform.processor() or 'CPU'}, Python {platform.python_version()}, "
                   f"{os.sysconf('SC_PHYS_PAGES') * os.sysconf('SC_PAGE_SIZE') / 1024**3:.0f} GB"
                   f", load {os.getloadavg()[0]:.1f} at the end, no GPU",
        "mode": "fast" if fast else "full",
        "open_kernels": OPEN_KERNELS,
        "columns": list(COLUMNS),
        "rows": rows,
        "learner_peaks": peaks,
    }
    config.make_folder(OUT.parent)
    config.atomic_write_text(OUT, json.dumps(record, indent=1) + "\n")
    return OUT


def learner_counts(text: str) -> list[int]:
    """An argparse type: comma-separated learner counts such as '1,2,4'."""
    try:
        counts = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected counts such as '1,2,4', got {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected counts of 1 or more, got {text!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=learner_counts, default=[1, 2],
                        help="learners at once, one run per count (default 1,2)")
    parser.add_argument("--lessons", default=",".join(MODELS), help=", ".join(MODELS))
    parser.add_argument("--full", action="store_true", help="full mode (default: fast mode)")
    parser.add_argument("--table", action="store_true",
                        help="print the sizing table from benchmarks/classroom.json and stop")
    parser.add_argument("--assume", metavar="PEAK_GB,CORE_MIN",
                        help="print the sizing for figures measured elsewhere (a learner's "
                        "peak GB, a lesson's core-minutes) and stop")
    parser.add_argument("--one-learner", help=argparse.SUPPRESS)
    parser.add_argument("--notebooks", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.assume:
        try:
            peak, core = (float(x) for x in args.assume.split(","))
        except ValueError:
            parser.error(f"--assume takes two numbers such as 2.7,4.1; got {args.assume!r}")
        print("| learners | memory (GB) | cores (training lesson in ≤ 8 min) |\n|---|---|---|")
        for s in sizing(peak, core):
            print(f"| {s['learners']} | {s['memory GB']} | {s['cores']} |")
        return
    if args.table:
        if not OUT.is_file():
            parser.error(f"no {OUT.relative_to(ROOT)} yet: run this script without --table")
        print(table(json.loads(OUT.read_text(encoding="utf-8"))))
        return
    if args.one_learner:
        one_learner(args.one_learner.split(","), args.notebooks, dict(os.environ))
        return
    lessons = [name for name in args.lessons.split(",") if name]
    unknown = sorted(set(lessons) - set(MODELS))
    if unknown or not lessons:
        parser.error(f"unknown lessons {unknown}; choose from {', '.join(MODELS)}")
    fast = not args.full
    print(f"{os.cpu_count()} CPUs, {'fast' if fast else 'full'} mode, lessons "
          f"{', '.join(lessons)}, {OPEN_KERNELS} kernels kept open per learner\n")
    print("| " + " | ".join(COLUMNS) + " |\n|" + "---|" * len(COLUMNS), flush=True)
    rows, peaks = [], []
    for n in args.learners:
        new_rows, new_peaks = run_class(n, lessons, fast)
        for row in new_rows:
            print("| " + " | ".join(str(row.get(c, "–")) for c in COLUMNS) + " |", flush=True)
        for peak in new_peaks:
            print(f"  {n} learner(s) at once, learner {peak['learner']}: learner peak "
                  f"{peak['learner peak GB']:.2f} GB (server {peak['server GB']:.2f} GB)",
                  flush=True)
        rows += new_rows
        peaks += new_peaks
    print(f"\nwrote {write(rows, peaks, fast).relative_to(ROOT)}\n")
    print(table(json.loads(OUT.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
