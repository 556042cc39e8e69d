"""Lesson 07 ex 6 (the GRU) and 05 ex 4: a learner's Keras-2 ``lr=`` gets a message naming
``learning_rate``, and a recipe with a new architecture is not still called "course LSTM"."""

import pytest

from lstm_helpers.models.sentiment_models import GRU, TUNED


def test_lr_names_the_learning_rate_field():
    with pytest.raises(TypeError) as caught:
        TUNED.with_(arch="gru", lr=0.01)
    message = str(caught.value)
    assert "'lr'" in message and "did you mean learning_rate=" in message
    assert "Its fields:" in message and "epochs" in message


def test_a_typo_gets_the_closest_field_and_nonsense_gets_the_list():
    with pytest.raises(TypeError, match="did you mean epochs="):
        TUNED.with_(epoch=3)
    with pytest.raises(TypeError, match="'zzz'.*not a field.*Its fields: name"):
        TUNED.with_(zzz=1)


def test_valid_fields_still_work_and_a_new_arch_renames():
    recipe = TUNED.with_(arch="gru", learning_rate=3e-3, epochs=2)
    assert (recipe.arch, recipe.learning_rate, recipe.epochs) == ("gru", 3e-3, 2)
    assert "GRU" in recipe.name and not recipe.name.startswith("course LSTM")
    assert TUNED.with_(epochs=2).name == TUNED.name  # same layers, same name
    assert GRU.name == "GRU(64)"  # an explicit name wins
