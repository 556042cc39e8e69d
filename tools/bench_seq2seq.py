"""Benchmark: lesson 09's encoder–decoders on the digit-reversal task, one process each.

    .venv/bin/python tools/bench_seq2seq.py [--models lstm,attention,transformer]
        [--seeds 42,7] [--fast]

Each model (LSTM, LSTM + additive attention, a one-block Transformer) trains with teacher
forcing on 20,480 generated inputs of 3 to 10 digits (lesson 09's full mode), then decodes
the held-out test set greedily: 100 inputs per length from 3 to 14 digits. The table gives
parameters, median seconds per epoch, exact-match accuracy (the whole answer right) by
input-length bucket, the last one longer than any training input, and peak memory. Prints
a Markdown table; writes nothing.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
ROOT = Path(__file__).resolve().parent.parent
MODELS = ("lstm", "attention", "transformer")
BUCKETS = [(3, 6), (7, 10), (11, 14)]
COLUMNS = ("model", "seed", "parameters", "s / epoch", *(f"exact {a}–{b}" for a, b in BUCKETS),
           "peak memory")
# Lesson 09's full mode: task, sizes, epochs.
TRAIN_LENGTHS, LONGEST_TEST, N_TRAIN, N_TEST, EPOCHS, BATCH = (3, 10), 14, 20_480, 100, 8, 64
UNITS, DIM, HEADS, FF = 64, 48, 4, 96


def measure(name: str, seed: int, fast: bool) -> dict:
    """Train and score one model with one seed in this process; return its row."""
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config
    from lstm_helpers.data import seq2seq_task
    from lstm_helpers.models import seq2seq_models, transformer_models
    from lstm_helpers.training import seq2seq_training

    config.set_seeds(seed)
    config.seed_keras(seed)
    task = seq2seq_task.make_task("reverse", 1_536 if fast else N_TRAIN, 10 if fast else N_TEST,
                                  TRAIN_LENGTHS, LONGEST_TEST, seed=seed)
    vocab = seq2seq_task.VOCAB_SIZE
    model = {"lstm": lambda: seq2seq_models.build_lstm_seq2seq(vocab, UNITS),
             "attention": lambda: seq2seq_models.build_lstm_seq2seq(vocab, UNITS,
                                                                    attention="additive"),
             "transformer": lambda: transformer_models.build_transformer_seq2seq(
                 vocab, DIM, HEADS, FF)}[name]()
    run = seq2seq_training.train(model, task.train, 1 if fast else EPOCHS, BATCH)
    by_length = seq2seq_training.accuracy_by_length(model, task.test)
    buckets = seq2seq_training.bucket_accuracy(by_length, BUCKETS)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2  # Linux: KiB
    return {"model": model.name, "seed": seed, "parameters": model.parameters,
            "s / epoch": run.seconds_per_epoch, "peak memory": peak_gb,
            **{f"exact {k}": f"{v:.1%}" for k, v in buckets.items()}}


def main() -> None:
    import bench_common

    bench_common.run(__file__, __doc__, MODELS, COLUMNS, measure, default_seeds="42")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
