"""Pretrain the IMDB review language model that lesson 08's study starts a classifier from.

    .venv/bin/python tools/pretrain_lm.py                 # ~40 min on 2 cores; resumable
    .venv/bin/python tools/pretrain_lm.py --fast          # seconds: a smoke run, tiny sizes

Reads the 25,000 training reviews and the 50,000 unlabelled ones (never a test review)
from the full official archive (``$LSTM_LAB_IMDB`` or ``--source``), learns the
classifier's 20,000-word vocabulary from the training reviews, trains the language model
(``lstm_helpers.models.review_lm``) with its state carried across each review's windows,
measures its perplexity on 500 unlabelled reviews it never saw, and saves the weights
where the lessons find them (``~/.cache/lstm_lab/models/``, or ``--out``). Killed or
interrupted, it resumes from its last checkpoint when run again with the same settings.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import time
from pathlib import Path

from bench_common import positive_int  # a sibling script: tools/ is on sys.path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HELD_OUT = 500  # unlabelled reviews kept back to measure perplexity


def _share(text: str) -> float:
    """An argparse type: a share above 0 and at most 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not 0.0 < value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a share above 0 and at most 1, got {text}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="the full IMDB archive or folder (default: "
                        "$LSTM_LAB_IMDB, else the official download)")
    parser.add_argument("--epochs", type=positive_int, default=2)
    parser.add_argument("--units", type=positive_int, default=256)
    parser.add_argument("--embed", type=positive_int, default=128)
    parser.add_argument("--out", type=Path, help="folder for the weights (default: the cache)")
    parser.add_argument("--fast", action="store_true", help="a few hundred reviews, tiny model")
    parser.add_argument("--fraction", type=_share, default=1.0,
                        help="train on this share of the reviews (for quick experiments)")
    parser.add_argument("--plain", action="store_true",
                        help="no regularisation (Adam at 3e-3): the first, failed recipe")
    args = parser.parse_args()
    if args.source is not None and not Path(args.source).expanduser().exists():
        parser.error(f"--source {args.source}: no such file or folder; give the full IMDB "
                     "archive (aclImdb_v1.tar.gz) or its extracted aclImdb folder")
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        parser.error(f"--out {args.out} is a file; give a folder for the weights")

    import keras

    from lstm_helpers import config
    from lstm_helpers.data import batches, text
    from lstm_helpers.data.imdb import load_imdb, load_unlabelled
    from lstm_helpers.models import review_lm
    from lstm_helpers.training import lm_pretraining

    config.seed_keras(42)
    began = time.perf_counter()
    sizes = {"n_train": 300, "n_val": 100, "n_test": 2} if args.fast else {}
    from lstm_helpers.data.imdb import IMDBDataError

    try:
        imdb = load_imdb(args.source, **sizes)
        unlabelled = load_unlabelled(args.source, n=400 if args.fast else None)
    except IMDBDataError as err:  # no data, a labelled-only copy: say so on the usage line
        parser.error(str(err))
    labelled = imdb.train.texts + imdb.val.texts  # every training review's text; no labels
    vocab_size = 2000 if args.fast else 20_000
    vectorizer = keras.layers.TextVectorization(max_tokens=vocab_size,
                                                standardize=text.standardize_tf)
    vectorizer.adapt(labelled, batch_size=512)  # the classifier's vocabulary: training text
    held = min(HELD_OUT if not args.fast else 50, len(unlabelled) // 4)
    corpus = labelled + unlabelled[held:]
    if args.fraction < 1.0:
        corpus = corpus[: int(len(corpus) * args.fraction)]
    seqs = batches.encode(corpus, vectorizer)
    held_out = batches.encode(unlabelled[:held], vectorizer)
    shape = review_lm.LMShape(vocab_size, 16 if args.fast else args.embed,
                              32 if args.fast else args.units)
    plan = lm_pretraining.PretrainPlan(epochs=1 if args.fast else args.epochs,
                                       rows=16 if args.fast else 128,
                                       window=32 if args.fast else 64,
                                       chunk_steps=20 if args.fast else 250)
    if args.plain:
        plan = dataclasses.replace(plan, learning_rate=3e-3, weight_decay=0.0, dropout=0.0,
                                   activation=0.0, temporal=0.0)
    tokens = sum(len(s) for s in seqs)
    print(f"{len(labelled):,} training + {len(unlabelled) - held:,} unlabelled reviews, "
          f"{tokens:,} tokens; vocabulary {vocab_size:,}; LSTM({shape.units}), "
          f"embedding {shape.embed_dim}; {plan.epochs} epoch(s)", flush=True)
    folder = args.out or config.cache_dir() / "models"
    model, record = lm_pretraining.pretrain(
        seqs, shape, plan, checkpoint=folder / f"{review_lm.WEIGHTS_NAME}.checkpoint")
    weights = review_lm.lm_weights(model)
    ppl = review_lm.perplexity(weights, held_out)
    record = review_lm.record_of(
        shape, **record, held_out_perplexity=round(ppl, 1), held_out_reviews=held,
        reviews={"training": len(labelled), "unlabelled": len(unlabelled) - held},
        total_seconds=round(time.perf_counter() - began, 1), fast=args.fast,
        date=time.strftime("%Y-%m-%d"), command=" ".join(["tools/pretrain_lm.py", *sys.argv[1:]]),
        machine=f"{os.cpu_count()} CPUs, {platform.machine()}, Python "
                f"{platform.python_version()}, TensorFlow {keras.version()} (Keras)")
    path = review_lm.save_pretrained(weights, [str(w) for w in vectorizer.get_vocabulary()],
                                     record, args.out)
    print(f"perplexity on {held} unseen unlabelled reviews: {ppl:.1f}")
    print(f"trained {record['tokens']:,} tokens in {record['seconds'] / 60:.1f} min "
          f"({record['tokens_per_second']:,} tokens/s); {record['total_seconds'] / 60:.1f} min "
          f"in all. Saved {path}")


if __name__ == "__main__":
    main()
