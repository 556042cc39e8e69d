"""Benchmark: IMDB first load (read every review, write the cache) and cached load.

    .venv/bin/python tools/bench_imdb_load.py [path/to/aclImdb_v1.tar.gz]

Uses a fresh temporary cache, so the first load really parses. Target: cached load < 2 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", help="the IMDB archive or its aclImdb folder "
                        "(default: $LSTM_LAB_IMDB, else the official download)")
    args = parser.parse_args(argv)
    if args.source is not None and not Path(args.source).expanduser().exists():
        parser.error(f"{args.source}: no such file or folder")
    with tempfile.TemporaryDirectory() as cache:
        os.environ["LSTM_LAB_CACHE"] = cache
        from lstm_helpers.data.imdb import IMDBDataError, load_imdb

        for label in ("first load (parse + cache)", "second load (cached)"):
            start = time.perf_counter()
            try:
                data = load_imdb(args.source)
            except IMDBDataError as err:
                parser.error(str(err))
            seconds = time.perf_counter() - start
            sizes = {name: c["reviews"] for name, c in data.counts().items()}
            print(f"{label}: {seconds:.2f} s  {sizes}", flush=True)


if __name__ == "__main__":
    main()
