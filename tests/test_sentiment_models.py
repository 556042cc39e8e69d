"""Sentiment recipes build the stated models; training and prediction keep reviews in order."""

import keras
import numpy as np
import pytest

from lstm_helpers.course import checks
from lstm_helpers.data import batches
from lstm_helpers.models.sentiment_models import (
    BI_PUBLISHED,
    KERAS_EXAMPLE,
    KERAS_EXAMPLE_FIXED,
    SMALL_CLASSIC,
    TUNED,
    VARIANTS,
    Recipe,
    build_classifier,
)
from lstm_helpers.training import sentiment_training as live_training
from lstm_helpers.viz import training_figures


@pytest.mark.parametrize("recipe", [SMALL_CLASSIC, KERAS_EXAMPLE, KERAS_EXAMPLE_FIXED, TUNED])
def test_parameter_counts_follow_the_formula(recipe):
    model = build_classifier(recipe)
    expected = (recipe.vocab_size * recipe.embed_dim
                + checks.lstm_param_count("LSTM", recipe.embed_dim, recipe.units)
                + recipe.units + 1)
    assert model.count_params() == expected
    lstm = model.get_layer("lstm")
    assert lstm.recurrent_dropout == recipe.recurrent_dropout


def test_published_recipes_say_what_they_are():
    assert (SMALL_CLASSIC.vocab_size, SMALL_CLASSIC.max_len, SMALL_CLASSIC.embed_dim,
            SMALL_CLASSIC.units, SMALL_CLASSIC.epochs) == (5000, 300, 10, 128, 5)
    assert KERAS_EXAMPLE.validate_on_test and KERAS_EXAMPLE.recurrent_dropout == 0.2
    assert not KERAS_EXAMPLE_FIXED.validate_on_test
    assert KERAS_EXAMPLE_FIXED.recurrent_dropout == 0.0


def test_impossible_recipes_are_refused():
    base = Recipe("x", 10, 5, 2, 2, 2, 1)
    with pytest.raises(ValueError, match="post-padding without a mask"):
        build_classifier(base.with_(padding="post"))


def toy_data(n, rng):
    """Reviews of ids 2..9; the label says whether id 9 ('great') appears."""
    seqs = [rng.integers(2, 9, rng.integers(3, 15)).astype(np.int32) for _ in range(n)]
    labels = rng.integers(0, 2, n)
    for s, y in zip(seqs, labels, strict=True):
        if y:
            s[rng.integers(len(s))] = 9
    return seqs, labels


@pytest.mark.slow
@pytest.mark.parametrize("bucketed", [True, False])
def test_train_and_predict_on_a_learnable_toy(bucketed):
    rng = np.random.default_rng(0)
    seqs, labels = toy_data(400, rng)
    recipe = Recipe("toy", vocab_size=10, max_len=15, embed_dim=8, units=8, batch_size=16,
                    epochs=6, learning_rate=0.02, mask=bucketed,
                    padding="post" if bucketed else "pre", bucketed=bucketed, lr_decay=0.8,
                    patience=6)
    model = build_classifier(recipe, seed=0, steps_per_epoch=19)
    fig = training_figures.training_curves_figure()
    run = live_training.train(model, recipe, seqs[:300], labels[:300], seqs[300:],
                              labels[300:],
                              draw=lambda points: training_figures.update_training_curves(fig,
                                                                                           points))
    assert run.epochs == 6 and len(run.history["val_accuracy"]) == 6
    assert 1 <= run.best_epoch <= 6 and run.seconds_per_epoch > 0
    steps = float(model.optimizer.iterations.numpy())  # the rate decays by 0.8 per epoch
    assert float(model.optimizer.learning_rate) == pytest.approx(0.02 * 0.8 ** (steps / 19))
    assert len(fig.data[3].x) == 6 and len(fig.data[0].x) > 0  # the curves grew
    probs = live_training.predict(model, seqs[300:], recipe, batch_size=7)
    one_by_one = [float(model(batches.pad([s], 15 if not bucketed else None,
                                          padding=recipe.padding))[0, 0])
                  for s in seqs[300:320]]
    np.testing.assert_allclose(probs[:20], one_by_one, atol=1e-5)
    assert np.mean((probs >= 0.5) == labels[300:]) > 0.9


@pytest.mark.slow
def test_seconds_per_batch_measures_after_warm_up():
    rng = np.random.default_rng(1)
    seqs, labels = toy_data(64, rng)
    recipe = Recipe("toy", 10, 15, 4, 4, 8, 1)
    model = build_classifier(recipe)
    seconds = live_training.seconds_per_batch(model, seqs, labels, recipe, n_batches=4)
    assert 0 < seconds < 5
    assert isinstance(model, keras.Model)


@pytest.mark.slow
def test_without_early_stopping_the_last_epoch_is_kept_and_no_validation_is_needed():
    rng = np.random.default_rng(2)
    seqs, labels = toy_data(64, rng)
    recipe = Recipe("toy", 10, 15, 4, 4, 16, epochs=3, patience=None)
    model = build_classifier(recipe, seed=0)
    run = live_training.train(model, recipe, seqs, labels)
    assert run.epochs == 3 and run.best_epoch == 3 and "val_accuracy" not in run.history
    with pytest.raises(ValueError, match="early stopping needs validation"):
        live_training.train(model, recipe.with_(patience=1), seqs, labels)


@pytest.mark.slow
def test_same_seed_same_model_same_predictions():
    rng = np.random.default_rng(3)
    seqs, labels = toy_data(96, rng)
    recipe = Recipe("toy", 10, 15, 4, 4, 16, epochs=2, mask=True, padding="post",
                    bucketed=True, spatial_dropout=0.2, head_dropout=0.2)

    def once(seed):
        model = build_classifier(recipe, seed=seed)
        live_training.train(model, recipe, seqs[:64], labels[:64], seqs[64:], labels[64:],
                            seed=seed)
        return live_training.predict(model, seqs[64:], recipe)

    first, again, other = once(5), once(5), once(6)
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


# Lesson 07's variants ------------------------------------------------------------------------
LSTM_P, GRU_P = (lambda i, u: checks.lstm_param_count("LSTM", i, u),
                 lambda i, u: checks.lstm_param_count("GRU", i, u))


def expected_params(r: Recipe) -> int:
    """Parameter count of each architecture by formula (independent of Keras)."""
    emb, e, u = r.vocab_size * r.embed_dim, r.embed_dim, r.units
    middle = {"lstm": LSTM_P(e, u) + u + 1,
              "deep": LSTM_P(e, u) + LSTM_P(u, u) + u + 1,
              "bidirectional": 2 * LSTM_P(e, u) + 2 * u + 1,
              "cnn_lstm": r.kernel_size * e * r.filters + r.filters + LSTM_P(r.filters, u) + u + 1,
              "gru": GRU_P(e, u) + u + 1}[r.arch]
    return emb + middle


@pytest.mark.parametrize("name", [*VARIANTS, "published"])
def test_variant_parameter_counts_follow_the_formula(name):
    recipe = VARIANTS.get(name, BI_PUBLISHED)
    assert build_classifier(recipe).count_params() == expected_params(recipe)


def test_the_published_bidirectional_model_is_as_described():
    model = build_classifier(BI_PUBLISHED)
    assert model.get_layer("embedding").embeddings.shape == (5000, 32)
    assert model.get_layer("lstm").forward_layer.units == 128
    assert model.count_params() == 5000 * 32 + 2 * (4 * (32 * 128 + 128 * 128 + 128)) + 257


def test_deep_lower_lstm_hands_on_every_step():
    model = build_classifier(VARIANTS["deep"].with_(vocab_size=50, embed_dim=4, units=3))
    lower = model.get_layer("lstm_lower")
    assert lower.return_sequences and not model.get_layer("lstm").return_sequences
    sub = keras.Model(model.input, lower.output)
    assert sub(np.ones((2, 7), np.int32)).shape == (2, 7, 3)


def test_bidirectional_concatenates_two_directions():
    model = build_classifier(VARIANTS["bidirectional"].with_(vocab_size=50, embed_dim=4, units=3))
    layer = model.get_layer("lstm")
    assert keras.Model(model.input, layer.output)(np.ones((2, 5), np.int32)).shape == (2, 6)
    assert layer.backward_layer.go_backwards


def test_hybrid_pools_the_sequence_before_the_lstm():
    recipe = VARIANTS["cnn_lstm"].with_(vocab_size=50, embed_dim=4, units=3, filters=5)
    model = build_classifier(recipe)
    pooled = keras.Model(model.input, model.get_layer("pool").output)(np.ones((2, 40), np.int32))
    assert pooled.shape == (2, 10, 5)  # 40 words → 10 steps for the LSTM


@pytest.mark.parametrize("arch", ["lstm", "deep", "bidirectional", "gru"])
def test_masked_variants_ignore_padding(arch):
    """A review padded inside a batch gets the verdict it gets alone (the mask works)."""
    recipe = VARIANTS[arch].with_(vocab_size=30, embed_dim=4, units=3, spatial_dropout=0.0,
                                  head_dropout=0.0)
    model = build_classifier(recipe, seed=0)
    rng = np.random.default_rng(0)
    seqs = [rng.integers(2, 30, n).astype(np.int32) for n in (3, 9, 5)]
    batch = live_training.predict(model, seqs, recipe)
    alone = [float(model(np.array([s]))[0, 0]) for s in seqs]
    np.testing.assert_allclose(batch, alone, atol=1e-6)


def test_variant_misuse_is_refused():
    with pytest.raises(ValueError, match="cannot pass a padding mask"):
        build_classifier(VARIANTS["cnn_lstm"].with_(mask=True, padding="post"))
    with pytest.raises(ValueError, match="unknown architecture 'transformer'"):
        build_classifier(VARIANTS["lstm"].with_(arch="transformer"))
