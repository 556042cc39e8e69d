"""The review language model and its fine-tuning, on tiny data: state carried across a
review's windows and reset between reviews, resumable training, masked pooling, per-layer
learning rates, and a head fitted on frozen features."""

import json

import keras
import numpy as np
import pytest

from lstm_helpers.data import batches
from lstm_helpers.models import review_lm
from lstm_helpers.models.pooling import TimePooling
from lstm_helpers.models.sentiment_models import PRETRAINED, build_classifier
from lstm_helpers.training import finetuning, lm_pretraining
from lstm_helpers.training.experiments import EncodedReviews

SHAPE = review_lm.LMShape(vocab_size=30, embed_dim=6, units=5)


def test_the_carried_state_equals_one_long_run_and_resets_at_a_new_review():
    keras.utils.set_random_seed(0)
    layer = review_lm.CarriedLSTM(5, rows=2)
    x = np.random.default_rng(0).normal(size=(2, 8, 3)).astype("float32")
    first = np.asarray(layer(x[:, :4], np.array([1.0, 1.0])))
    second = np.asarray(layer(x[:, 4:], np.array([0.0, 1.0])))  # row 1 starts a new review
    plain = keras.layers.LSTM(5, return_sequences=True)
    plain.build((None, None, 3))
    plain.set_weights(layer.lstm.get_weights())
    whole = np.asarray(plain(x))
    np.testing.assert_allclose(np.concatenate([first, second], 1)[0], whole[0], atol=1e-5)
    np.testing.assert_allclose(second[1], np.asarray(plain(x[1:, 4:]))[0], atol=1e-5)


def tiny_corpus(n=40, seed=0):
    rng = np.random.default_rng(seed)
    return [np.array([2, *rng.integers(3, 30, int(rng.integers(4, 20)))], np.int32)
            for _ in range(n)]


@pytest.mark.slow
def test_pretraining_learns_and_reports_its_record():
    seqs = tiny_corpus()
    plan = lm_pretraining.PretrainPlan(rows=4, window=5, epochs=2, chunk_steps=10,
                                       learning_rate=1e-2)
    model, record = lm_pretraining.pretrain(seqs, SHAPE, plan)
    assert record["tokens"] == 2 * sum(len(s) - 1 for s in seqs)
    assert record["chunk_losses"][-1] < record["chunk_losses"][0]
    weights = review_lm.lm_weights(model)
    assert weights["embedding"].shape == (30, 6) and weights["kernel"].shape == (6, 20)
    assert review_lm.perplexity(weights, seqs[:5]) < 29  # better than a uniform guess


def test_perplexity_is_the_full_softmax_one():
    rng = np.random.default_rng(1)
    weights = {"embedding": rng.normal(size=(12, 3)), "kernel": rng.normal(size=(3, 8)),
               "recurrent_kernel": rng.normal(size=(2, 8)), "bias": np.zeros(8),
               "softmax_w": rng.normal(size=(12, 2)), "softmax_b": rng.normal(size=12)}
    seq = np.array([2, 5, 1, 7, 9])  # the [UNK] target (1) is skipped
    lstm = keras.layers.LSTM(2, return_sequences=True)
    lstm.build((None, None, 3))
    lstm.set_weights([weights["kernel"], weights["recurrent_kernel"], weights["bias"]])
    h = np.asarray(lstm(weights["embedding"][seq[:-1]][None].astype("float32")))[0]
    logits = h @ weights["softmax_w"].T + weights["softmax_b"]
    log_p = logits - np.log(np.exp(logits).sum(-1, keepdims=True))
    keep = [0, 2, 3]  # targets 5, 7, 9
    expected = np.exp(-np.mean([log_p[k, seq[k + 1]] for k in keep]))
    assert review_lm.perplexity(weights, [seq]) == pytest.approx(expected, rel=1e-4)


@pytest.mark.slow
def test_a_killed_run_resumes_where_its_checkpoint_left_it(tmp_path, monkeypatch, capsys):
    seqs = tiny_corpus(60)
    plan = lm_pretraining.PretrainPlan(rows=4, window=5, epochs=1, chunk_steps=6)
    saved = lm_pretraining._save
    calls = {"n": 0}

    def killed_after_the_first_checkpoint(*args):
        saved(*args)
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(lm_pretraining, "_save", killed_after_the_first_checkpoint)
    with pytest.raises(KeyboardInterrupt):
        lm_pretraining.pretrain(seqs, SHAPE, plan, checkpoint=tmp_path)
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["step"] == 6 and state["epoch"] == 0
    _, record = lm_pretraining.pretrain(seqs, SHAPE, plan, checkpoint=tmp_path)
    assert "Resuming" in capsys.readouterr().out
    assert record["tokens"] == sum(len(s) - 1 for s in seqs)  # every token once, no more
    other = lm_pretraining.PretrainPlan(rows=4, window=5, epochs=1, chunk_steps=7)
    _, fresh = lm_pretraining.pretrain(seqs, SHAPE, other, checkpoint=tmp_path)
    assert len(fresh["chunk_losses"]) > 1  # other settings: started over, not resumed


def test_time_pooling_ignores_padding():
    outputs = np.random.default_rng(0).normal(size=(2, 5, 3)).astype("float32")
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], bool)
    outputs[0, 3:] = 9.0  # padding that must not win the max
    last = outputs[:, -1]
    got = np.asarray(TimePooling("concat")([outputs, last], mask=mask))
    np.testing.assert_allclose(got[0, :3], outputs[0, :3].max(0), rtol=1e-6)
    np.testing.assert_allclose(got[0, 3:6], outputs[0, :3].mean(0), rtol=1e-6)
    np.testing.assert_allclose(got[1, :3], outputs[1].max(0), rtol=1e-6)
    with pytest.raises(ValueError, match="mode must be"):
        TimePooling("median")


def tiny_reviews(n=80, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    seqs = [np.array([*rng.integers(4, 30, 6), 2 + int(y)], np.int32) for y in labels]
    return seqs, labels


@pytest.mark.slow
def test_a_zero_rate_freezes_a_layer_and_the_head_is_fitted_first():
    seqs, labels = tiny_reviews()
    data = EncodedReviews({"train": seqs[:60], "val": seqs[60:], "test": seqs[60:]},
                          {"train": labels[:60], "val": labels[60:], "test": labels[60:]})
    recipe = PRETRAINED.with_(vocab_size=30, embed_dim=6, units=5, epochs=1, batch_size=16)
    before = {}

    def start(model):
        before["embedding"] = model.get_layer("embedding").get_weights()[0].copy()
        before["lstm"] = model.get_layer("lstm").get_weights()[0].copy()

    model, record, probs = finetuning.finetune(recipe, data, start, head_first=True,
                                               rates={"embedding": 0.0, "lstm": 1.0})
    np.testing.assert_array_equal(model.get_layer("embedding").get_weights()[0],
                                  before["embedding"])
    assert not np.allclose(model.get_layer("lstm").get_weights()[0], before["lstm"])
    assert 0.0 <= record["head"]["val acc"] <= 1.0 and record["head"]["C"] > 0
    assert probs.shape == (20,)


def test_the_review_lm_start_copies_its_arrays():
    rng = np.random.default_rng(2)
    weights = {"embedding": rng.normal(size=(30, 6)), "kernel": rng.normal(size=(6, 20)),
               "recurrent_kernel": rng.normal(size=(5, 20)), "bias": rng.normal(size=20)}
    model = build_classifier(PRETRAINED.with_(vocab_size=30, embed_dim=6, units=5))
    finetuning.start_from_review_lm(weights)(model)
    np.testing.assert_allclose(model.get_layer("embedding").get_weights()[0],
                               weights["embedding"], rtol=1e-6)
    np.testing.assert_allclose(model.get_layer("lstm").get_weights()[2], weights["bias"],
                               rtol=1e-6)


def test_saved_weights_are_found_in_a_shared_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_LAB_CACHE", str(tmp_path / "mine"))
    with pytest.raises(FileNotFoundError, match="tools/pretrain_lm.py"):
        review_lm.load_pretrained()
    shared = tmp_path / "class"
    review_lm.save_pretrained({"embedding": np.ones((3, 2))}, ["", "[UNK]", "a"],
                              {"units": 2}, folder=shared / "models")
    monkeypatch.setenv("LSTM_LAB_SHARED_CACHE", str(shared))
    weights, record = review_lm.load_pretrained()
    assert weights["embedding"].shape == (3, 2) and record["vocabulary"][2] == "a"


def test_windows_batches_match_what_fit_sees():
    seqs = tiny_corpus(10)
    out = batches.stateful_windows(seqs, rows=3, window=4)
    flat = out["x"].reshape(-1, 4)
    np.testing.assert_array_equal(flat[:3], out["x"][0])  # batch t = rows t·3 … t·3 + 2
