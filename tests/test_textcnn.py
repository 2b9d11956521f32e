"""Kim's CNN: settings, vocabulary, starting table, a real fit, determinism, saving and loading."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest

from convlab.errors import InputError
from convlab.textcnn import kim, model_file
from convlab.textcnn.corpus import split
from convlab.textcnn.hyperparameters import Hyperparameters, kernel_sizes_text, parse_kernel_sizes
from convlab.vectors.sets import oov_vector
from tests.mr import SMALL, SMALL_ROWS, glove, mr, small_fit

# Settings ------------------------------------------------------------------------------------


def test_kernel_sizes_are_parsed_sorted_and_unique() -> None:
    assert parse_kernel_sizes(" 5, 3,4,3 ") == (3, 4, 5)
    assert kernel_sizes_text((3, 4, 5)) == "3,4,5"


@pytest.mark.parametrize("text", ["", "a,b", "0,3", "3,11", "1,2,3,4,5,6,7", "3.5"])
def test_bad_kernel_sizes(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_kernel_sizes(text)
    assert err.value.key == "err.kernel_sizes"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"variant": "multichannel"}, "err.choice"),
        ({"scale": "huge"}, "err.choice"),
        ({"filters": 0}, "err.cnn_filters"),
        ({"filters": 301}, "err.cnn_filters"),
        ({"epochs": 0}, "err.epochs"),
        ({"seed": -1}, "err.seed_range"),
        ({"kernel_sizes": (0, 3)}, "err.kernel_sizes"),
    ],
)
def test_bad_settings(change: dict, key: str) -> None:
    with pytest.raises(InputError) as err:
        Hyperparameters(**change)
    assert err.value.key == key


def test_rescaling_only_applies_to_pretrained_variants() -> None:
    assert Hyperparameters().rescaled and Hyperparameters().name == "non-static rescaled"
    assert (
        not Hyperparameters(variant="rand").rescaled
        and Hyperparameters(variant="rand").name == "rand"
    )
    assert Hyperparameters(scale="raw").name == "non-static"


# Vocabulary and the starting table -----------------------------------------------------------


def test_vocabulary_is_by_frequency_with_pad_and_unk_first() -> None:
    vocab = kim.vocabulary([["b", "a", "b"], ["c", "a", "b"]])
    assert vocab.words == ("<pad>", "<unk>", "b", "a", "c")
    assert vocab.ids(["a", "zzz", "c"]).tolist() == [3, kim.UNK, 4]
    assert vocab.matrix([np.array([2, 3]), np.array([4])], 3).tolist() == [[2, 3, 0], [4, 0, 0]]
    assert len(kim.vocabulary([["a"] * 3, ["b"] * 2, ["c"]], most=4)) == 4


def test_initial_table_rows() -> None:
    vs = glove()
    vocab = kim.Vocabulary(("<pad>", "<unk>", "good", "film", "zzqx"))
    raw = kim.initial_table(vocab, Hyperparameters(scale="raw", seed=3), vs)
    assert raw.dtype == np.float32 and raw.shape == (5, 50)
    assert not raw[0].any()
    np.testing.assert_array_equal(raw[2], vs.kv["good"])
    np.testing.assert_array_equal(raw[4], oov_vector("zzqx", 50, 3))  # unknown: seeded random
    np.testing.assert_array_equal(raw[1], oov_vector("<unk>", 50, 3))

    scaled = kim.initial_table(vocab, Hyperparameters(seed=3), vs)
    factor = scaled[2] / raw[2]
    np.testing.assert_allclose(factor, factor[0], rtol=1e-5)  # one factor for the whole table
    np.testing.assert_allclose(scaled[[2, 3]].std(), kim.TARGET_STD, rtol=1e-5)
    np.testing.assert_array_equal(scaled[4], raw[4])

    rand = kim.initial_table(vocab, Hyperparameters(variant="rand", seed=3), vs)
    np.testing.assert_array_equal(rand[2], oov_vector("good", 50, 3))


def test_coverage_counts_types_and_tokens() -> None:
    cover = kim.coverage([["good", "film", "zzqx"], ["good"]], glove())
    assert cover.as_dict() == {
        "types": round(2 / 3, 4),
        "tokens": 0.75,
        "types_found": 2,
        "types_total": 3,
        "tokens_found": 3,
        "tokens_total": 4,
    }


# A real fit on a slice of MR ----------------------------------------------------------------------


def test_small_fit_beats_chance_on_held_out_rows() -> None:
    fit = small_fit()
    n_train, n_val, n_test = fit.sizes
    assert (n_train, n_val, n_test) == (2430, 270, 300)
    assert fit.test_accuracy >= 0.62, fit.test_accuracy  # chance is 0.5 ± 0.03 on 300 rows
    assert fit.confusion.sum() == n_test
    assert np.trace(fit.confusion) == round(fit.test_accuracy * n_test)
    assert len(fit.history) == SMALL.epochs
    assert fit.val_accuracy == max(epoch["val_accuracy"] for epoch in fit.history)
    report = fit.report()
    assert set(report) == {
        "test_accuracy",
        "val_accuracy",
        "epochs",
        "best_epoch",
        "train_seconds",
        "n_train",
        "n_val",
        "n_test",
        "vocab_coverage",
    }
    assert report["vocab_coverage"]["tokens"] > 0.9
    assert fit.cnn.length == max(len(s) for s in kim.tokens_of(mr().sample(SMALL_ROWS).texts))


def test_same_seed_same_model_bit_for_bit() -> None:
    fit = small_fit()
    again = kim.train(mr().sample(SMALL_ROWS), SMALL, glove())
    for mine, theirs in zip(
        fit.cnn.model.get_weights(), again.cnn.model.get_weights(), strict=True
    ):
        np.testing.assert_array_equal(mine, theirs)
    assert again.test_accuracy == fit.test_accuracy
    assert again.history == fit.history


def test_static_keeps_the_table_non_static_moves_it_and_seeds_differ() -> None:
    data = mr().sample(600)
    vocab = kim.vocabulary(kim.tokens_of(data.texts))
    start = kim.initial_table(vocab, Hyperparameters(), glove())
    pretrained = [i for i, word in enumerate(vocab.words) if i > 1 and word in glove().kv]
    fits = {
        variant: kim.train(
            data,
            Hyperparameters(variant=variant, kernel_sizes=(3,), filters=4, epochs=1, seed=seed),
            glove(),
        ).cnn.weights
        for variant, seed in (("static", 0), ("non-static", 1))
    }
    np.testing.assert_array_equal(fits["static"].embedding, start)
    moved = np.abs(fits["non-static"].embedding - start).max(axis=1) > 0
    # Max pooling sends gradient only to each filter's winning window, so only some words of
    # the training rows move, and no word seen only in validation or test rows does.
    sentences = kim.tokens_of(data.texts)
    train_ids = {i for row in split(len(data)).train for i in vocab.ids(sentences[row])}
    moved_words = {i for i in pretrained if moved[i]}  # OOV rows differ anyway: seeds 0 and 1
    assert len(moved_words) > 100
    assert moved_words <= train_ids
    assert not np.array_equal(fits["static"].kernels[0], fits["non-static"].kernels[0])


def test_fit_store_keeps_the_most_recent() -> None:
    store = kim.FitStore(most=2)
    for key in "abc":
        store.put(key, key)  # type: ignore[arg-type]
    assert store.get("a") is None and store.get("b") == "b"
    store.put("d", "d")  # type: ignore[arg-type]
    assert store.get("c") is None and store.get("b") == "b" and store.get("d") == "d"


# Saving and loading ------------------------------------------------------------------------------


def test_saved_model_reloads_with_identical_predictions() -> None:
    fit = small_fit()
    raw = kim.save(fit.cnn)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        names = set(archive.namelist())
        meta = json.loads(archive.read(model_file.META))
    assert {"config.json", "model.weights.h5", model_file.META} <= names
    assert meta["config"]["kernel_sizes"] == [3, 4] and meta["vectors"] == "glove50"
    loaded = kim.load(raw)
    assert loaded.vocab.words == fit.cnn.vocab.words
    assert loaded.classes == ("neg", "pos") and loaded.length == fit.cnn.length
    sentences = kim.tokens_of(mr().texts[:200] + mr().texts[-200:])
    np.testing.assert_array_equal(loaded.predict(sentences), fit.cnn.predict(sentences))
    assert loaded.meta["test_accuracy"] == round(fit.test_accuracy, 4)


def test_plain_keras_loads_the_saved_file(tmp_path: Path) -> None:
    """The extra convlab.json member does not get in the way of keras.saving.load_model."""
    path = tmp_path / "model.keras"
    path.write_bytes(kim.save(small_fit().cnn))
    model = keras.saving.load_model(path, safe_mode=True)
    assert [layer.name for layer in model.layers if "conv" in layer.name] == ["conv3", "conv4"]


def saved(model: keras.Model, tmp_path: Path, meta: dict | None = None) -> bytes:
    path = tmp_path / "m.keras"
    model.save(path)
    if meta is not None:
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(model_file.META, json.dumps(meta))
    return path.read_bytes()


def conv_model(**conv: object) -> keras.Model:
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(10, 4)(ids)
    x = keras.layers.GlobalMaxPooling1D()(keras.layers.Conv1D(3, 2, **conv)(x))
    return keras.Model(ids, keras.layers.Dense(2, activation="softmax", name="dense")(x))


@keras.saving.register_keras_serializable(package="tests")
class Doubling(keras.layers.Layer):
    def call(self, x):
        return x * 2


MINIMAL_META = {"vocabulary": [f"w{i}" for i in range(10)], "classes": ["a", "b"], "length": 5}


def test_refuses_a_file_that_is_not_a_model(tmp_path: Path) -> None:
    for raw in (b"not a zip at all", _zip({"notes.txt": "hello"})):
        with pytest.raises(InputError) as err:
            kim.load(raw)
        assert err.value.key == "err.model_not_keras"


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_refuses_a_lambda_layer(tmp_path: Path) -> None:
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.Embedding(10, 4)(ids)
    x = keras.layers.Lambda(lambda t: t * 2, name="doubled")(x)
    x = keras.layers.GlobalMaxPooling1D()(keras.layers.Conv1D(3, 2)(x))
    raw = saved(keras.Model(ids, x), tmp_path, MINIMAL_META)
    with pytest.raises(InputError) as err:
        kim.load(raw)
    assert (err.value.key, err.value.params) == ("err.model_lambda", {"layer": "doubled"})


def test_refuses_a_custom_layer(tmp_path: Path) -> None:
    ids = keras.Input((None,), dtype="int32")
    x = Doubling(name="twice")(keras.layers.Embedding(10, 4)(ids))
    x = keras.layers.GlobalMaxPooling1D()(keras.layers.Conv1D(3, 2)(x))
    raw = saved(keras.Model(ids, x), tmp_path, MINIMAL_META)
    with pytest.raises(InputError) as err:
        kim.load(raw)
    assert err.value.key == "err.model_custom"
    assert err.value.params == {"layer": "twice", "name": "test_textcnn.Doubling"}


def test_refuses_a_model_without_conv1d(tmp_path: Path) -> None:
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.GlobalAveragePooling1D()(keras.layers.Embedding(10, 4)(ids))
    raw = saved(keras.Model(ids, keras.layers.Dense(2)(x)), tmp_path, MINIMAL_META)
    with pytest.raises(InputError) as err:
        kim.load(raw)
    assert err.value.key == "err.model_no_conv1d"


def test_refuses_a_keras_model_made_elsewhere(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        kim.load(saved(conv_model(activation="relu"), tmp_path))
    assert err.value.key == "err.model_no_vocab"


def test_refuses_layers_that_are_not_a_kim_cnn(tmp_path: Path) -> None:
    raw = saved(conv_model(activation="tanh"), tmp_path, MINIMAL_META)  # mining assumes relu
    with pytest.raises(InputError) as err:
        kim.load(raw)
    assert err.value.key == "err.model_layout"
    raw = saved(conv_model(activation="relu"), tmp_path, {**MINIMAL_META, "classes": ["x"]})
    with pytest.raises(InputError) as err:
        kim.load(raw)
    assert err.value.key == "err.model_layout"


def test_accepts_a_relu_conv_model_with_a_vocabulary(tmp_path: Path) -> None:
    cnn = kim.load(saved(conv_model(activation="relu"), tmp_path, MINIMAL_META))
    assert cnn.classes == ("a", "b") and cnn.weights.filters == 3


def test_refuses_broken_weights(tmp_path: Path) -> None:
    raw = saved(conv_model(activation="relu"), tmp_path, MINIMAL_META)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["model.weights.h5"] = members["model.weights.h5"][:100]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    with pytest.raises(InputError) as err:
        kim.load(out.getvalue())
    assert err.value.key == "err.model_unreadable"


def test_load_file_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        kim.load_file(tmp_path / "none.keras")
    assert err.value.key == "err.model_path"
