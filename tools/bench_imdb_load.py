"""Benchmark: IMDB first load (read every review, write the cache) and cached load.

    .venv/bin/python tools/bench_imdb_load.py [path/to/aclImdb_v1.tar.gz]

Uses a fresh temporary cache, so the first load really parses. Target: cached load < 2 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as cache:
        os.environ["LSTM_LAB_CACHE"] = cache
        from lstm_helpers.data.imdb import load_imdb

        for label in ("first load (parse + cache)", "second load (cached)"):
            start = time.perf_counter()
            data = load_imdb(source)
            seconds = time.perf_counter() - start
            sizes = {name: c["reviews"] for name, c in data.counts().items()}
            print(f"{label}: {seconds:.2f} s  {sizes}", flush=True)


if __name__ == "__main__":
    main()
