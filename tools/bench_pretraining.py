"""Benchmark: LSTM classifiers started from the review language model, against a random start
and the bag-of-bigrams baseline, on the full IMDB data; then a learning curve.

    .venv/bin/python tools/bench_pretraining.py            # after tools/pretrain_lm.py
    .venv/bin/python tools/bench_pretraining.py --fast     # a smoke run: a tiny LM, built here

Each row trains in its own process (so peak memory is that run's alone), validation is
carved from the training reviews by film, and the test set is scored once. Rows:

- ``nb-bigram``: NB-weighted logistic regression on word unigrams and bigrams (the baseline);
- ``bilstm-maxpool``: Bi(LSTM(128)) with max-pooling over time, random start (Johnson &
  Zhang's supervised idea, without their extra data);
- ``random``: LSTM(256) reading [max, mean, last], random start, one learning rate;
- ``lm-vectors``: the same, its word vectors (only) from the language model;
- ``lm-last``: the LM start, reading the last state only (ULMFiT fine-tuning);
- ``lm-all-at-once``: the LM start, [max, mean, last], every layer at one rate from step one;
- ``lm-head-only``: the LM start, frozen: only a readout fitted on its features;
- ``lm-ulmfit``: the LM start, [max, mean, last], the readout first, then every layer at
  discriminative rates (the full recipe);
- ``…@1000`` and ``…@5000``: random, LM vectors and the full recipe on 1,000 and 5,000
  labelled reviews (the learning curve).

Writes the rows, with the command, date, machine and the language model's record, to
``benchmarks/pretraining.json`` (lesson 06 shows that file) and prints Markdown tables.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

import bench_common

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "pretraining.json"
FULL = ("nb-bigram", "bilstm-maxpool", "random", "lm-vectors", "lm-last", "lm-all-at-once",
        "lm-head-only", "lm-ulmfit")
CURVE = tuple(f"{start}@{n}" for n in (1000, 5000) for start in ("random", "lm-vectors",
                                                                 "lm-ulmfit"))
MODELS = FULL + CURVE
COLUMNS = ("model", "seed", "labelled reviews", "parameters", "head s", "train s", "s / epoch",
           "val acc", "test acc", "ROC AUC", "peak memory")


def language_model(fast: bool):
    """The pretrained weights and their vocabulary: from the cache, or (fast) built here."""
    from lstm_helpers.models import review_lm

    if not fast:
        weights, record = review_lm.load_pretrained()
        return weights, record["vocabulary"], {k: v for k, v in record.items()
                                               if k != "vocabulary"}
    import keras

    from lstm_helpers.data import batches, text
    from lstm_helpers.data.imdb import load_imdb
    from lstm_helpers.training import lm_pretraining

    imdb = load_imdb(n_train=300, n_val=100, n_test=2)
    vectorizer = keras.layers.TextVectorization(max_tokens=2000, standardize=text.standardize_tf)
    vectorizer.adapt(imdb.train.texts + imdb.val.texts)
    seqs = batches.encode(imdb.train.texts + imdb.val.texts, vectorizer)
    shape = review_lm.LMShape(2000, 16, 32)
    model, record = lm_pretraining.pretrain(seqs, shape, lm_pretraining.PretrainPlan(
        rows=16, window=32, epochs=1, chunk_steps=50))
    return (review_lm.lm_weights(model), [str(w) for w in vectorizer.get_vocabulary()],
            {"fast": True, **record})


def measure(name: str, seed: int, fast: bool) -> dict:
    """Train and score one row in this process; return it."""
    sys.path.insert(0, str(ROOT))
    from lstm_helpers import config
    from lstm_helpers.core import metrics
    from lstm_helpers.data.imdb import load_imdb

    config.set_seeds(seed)
    config.seed_keras(seed)
    sizes = {"n_train": 600, "n_val": 200, "n_test": 600} if fast else {}
    imdb = load_imdb(**sizes)
    kind, _, n = name.partition("@")
    n_train = (min(int(n), 300) if fast else int(n)) if n else None
    row: dict = {"model": name, "seed": seed}
    if kind == "nb-bigram":
        import numpy as np

        from lstm_helpers.models.baselines import NBLogisticBaseline

        began = time.perf_counter()
        chosen = NBLogisticBaseline(seed=seed).fit(imdb.train.texts, imdb.train.labels)
        chosen.tune(imdb.val.texts, imdb.val.labels)
        val_acc = metrics.accuracy(imdb.val.labels, chosen.predict_proba(imdb.val.texts))
        model = NBLogisticBaseline(C=chosen.C, seed=seed).fit(
            imdb.train.texts + imdb.val.texts,
            np.concatenate([imdb.train.labels, imdb.val.labels]))
        probs = model.predict_proba(imdb.test.texts)
        row.update({"labelled reviews": len(imdb.train) + len(imdb.val),
                    "parameters": model.n_features + 1, "head s": None,
                    "train s": time.perf_counter() - began, "s / epoch": None, "val acc": val_acc})
        labels = imdb.test.labels
    else:
        from lstm_helpers.models.sentiment_models import BI_MAX_POOL, PRETRAINED
        from lstm_helpers.training import finetuning
        from lstm_helpers.training.experiments import encode_imdb

        weights, vocabulary, _ = language_model(fast)
        _, data = encode_imdb(imdb, len(vocabulary), vocabulary=vocabulary)
        recipe = (BI_MAX_POOL if kind == "bilstm-maxpool" else PRETRAINED).with_(
            vocab_size=len(vocabulary), embed_dim=weights["embedding"].shape[1])
        if kind != "bilstm-maxpool":
            recipe = recipe.with_(units=weights["recurrent_kernel"].shape[0])
        if kind == "lm-last":
            recipe = recipe.with_(pooling="last")
        if fast:
            recipe = recipe.with_(epochs=1)
        lm_start = finetuning.start_from_review_lm(weights)

        def vectors_only(model):
            model.get_layer("embedding").set_weights([weights["embedding"]])

        start = {"random": None, "bilstm-maxpool": None, "lm-vectors": vectors_only}.get(
            kind, lm_start)
        head_first = kind in ("lm-ulmfit", "lm-last", "lm-head-only")
        rates = finetuning.LAYER_RATES if kind in ("lm-ulmfit", "lm-last") else None
        if kind == "lm-head-only":
            rates = {"embedding": 0.0, "lstm": 0.0}
            recipe = recipe.with_(epochs=1)
        if recipe.pooling == "last" and kind == "lm-last":
            head_first = False  # no pooled features to fit a head on: the readout reads h
        model, record, probs = finetuning.finetune(recipe, data, start, n_train=n_train,
                                                   head_first=head_first, rates=rates,
                                                   seed=seed, desc=f"{name} · seed {seed}")
        if kind == "lm-head-only":
            record["all"]["seconds"] = 0.0  # the readout alone was fitted; report only that
        labels = data.labels["test"]
        head = record.get("head", {})
        row.update({"labelled reviews": n_train or len(data.labels["train"]),
                    "parameters": model.count_params(), "head s": head.get("seconds"),
                    "train s": head.get("seconds", 0.0) + record["all"]["seconds"],
                    "s / epoch": record["all"]["s / epoch"],
                    "val acc": max(head.get("val acc", 0.0), record["all"]["val acc"])
                    if kind != "lm-head-only" else head.get("val acc")})
    row.update({"test acc": metrics.accuracy(labels, probs),
                "ROC AUC": metrics.roc_auc(labels, probs),
                "peak memory": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2})
    return row


def main() -> None:
    fast = "--fast" in sys.argv
    rows = bench_common.run(__file__, __doc__, MODELS, COLUMNS, measure, default_seeds="42")
    if rows:
        sys.path.insert(0, str(ROOT))
        _, _, lm_record = language_model(fast) if fast else (None, None, _lm_record())
        path = bench_common.write_results(RESULTS if not fast else ROOT / "artifacts" /
                                          "pretraining-fast.json", rows, COLUMNS,
                                          script="tools/bench_pretraining.py",
                                          extra={"language model": lm_record})
        print(f"\nwritten to {path}")


def _lm_record() -> dict:
    from lstm_helpers.models import review_lm

    _, record = review_lm.load_pretrained()
    return {k: v for k, v in record.items() if k != "vocabulary"}


if __name__ == "__main__":
    main()
