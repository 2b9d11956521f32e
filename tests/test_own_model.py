"""Your model, the library: hostile files refused before Keras runs, inputs, the table, the code."""

from __future__ import annotations

import json
import os
import runpy
import shutil
import sys
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf

from convlab.archives import megabytes
from convlab.errors import InputError
from convlab.ownmodel import (
    archive,
    examples,
    inputs,
    inspect,
    keras_model,
    receptive,
    snippet,
    table,
    views,
)
from convlab.ownmodel.inputs import Prepared
from tests import own_models
from tests.own_models import saved

REPO = Path(__file__).resolve().parents[1]


def refused(raw: bytes) -> InputError:
    with pytest.raises(InputError) as err:
        keras_model.load(raw, "x.keras")
    return err.value


# Hostile and unusable files ---------------------------------------------------------------------


def test_a_lambda_that_would_run_code_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    raw = saved(own_models.marker_lambda(marker), tmp_path)
    marker.unlink(missing_ok=True)  # building the model ran it once
    # The control: Keras outside safe mode runs the file's code while loading it.
    keras.saving.load_model(tmp_path / "model.keras", safe_mode=False)
    assert marker.exists()
    marker.unlink()

    err = refused(raw)
    assert (err.key, err.params) == ("err.model_lambda", {"layer": "innocent_looking"})
    assert not marker.exists()


def test_a_legacy_h5_with_a_lambda_is_refused_from_its_model_config(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    model = own_models.marker_lambda(marker)
    model.save(tmp_path / "model.h5")
    marker.unlink(missing_ok=True)
    err = refused((tmp_path / "model.h5").read_bytes())
    assert (err.key, err.params) == ("err.model_lambda", {"layer": "innocent_looking"})
    assert not marker.exists()


def test_a_clean_legacy_h5_loads(tmp_path: Path) -> None:
    model = own_models.signal_cnn()
    model.save(tmp_path / "model.h5")
    own = keras_model.load((tmp_path / "model.h5").read_bytes(), "model.h5")
    assert [layer.name for layer in own.conv_layers] == ["c1", "c2"]
    assert own.checked.suffix == ".h5"


def test_weights_only_h5_is_refused(tmp_path: Path) -> None:
    own_models.signal_cnn().save_weights(tmp_path / "only.weights.h5")
    assert refused((tmp_path / "only.weights.h5").read_bytes()).key == "own.h5_no_config"


def test_a_custom_class_is_refused_by_layer_and_class(tmp_path: Path) -> None:
    err = refused(saved(own_models.custom_layer(), tmp_path))
    assert err.key == "err.model_custom"
    assert err.params == {"layer": "doubling", "name": "tests.own_models.Doubling"}
    assert "Doubling" in str(err)


def test_a_function_from_outside_keras_is_refused(tmp_path: Path) -> None:
    raw = saved(own_models.signal_cnn(), tmp_path)
    config = json.loads(zipfile.ZipFile(tmp_path / "model.keras").read("config.json"))
    config["config"]["layers"][1]["config"]["activation"] = {
        "module": "os",
        "class_name": "function",
        "config": "system",
        "registered_name": "function",
    }
    err = refused(own_models.with_config(raw, config))
    assert (err.key, err.params) == ("err.model_custom", {"layer": "c1", "name": "os.system"})


def test_an_unknown_keras_class_is_refused(tmp_path: Path) -> None:
    raw = saved(own_models.signal_cnn(), tmp_path)
    config = json.loads(zipfile.ZipFile(tmp_path / "model.keras").read("config.json"))
    config["config"]["layers"][2]["class_name"] = "MaxPooling9D"
    err = refused(own_models.with_config(raw, config))
    assert (err.key, err.params) == (
        "err.model_unknown",
        {"layer": "p1", "name": "keras.layers.MaxPooling9D"},
    )


def test_two_inputs_are_refused(tmp_path: Path) -> None:
    err = refused(saved(own_models.two_inputs(), tmp_path))
    assert (err.key, err.params) == ("own.inputs", {"count": 2, "names": "left, right"})


def test_a_nested_model_is_checked_inside_and_its_lambda_named(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    raw = saved(own_models.nested_lambda(marker), tmp_path)
    marker.unlink(missing_ok=True)
    err = refused(raw)
    assert (err.key, err.params) == ("err.model_lambda", {"layer": "block/sneaky"})
    assert not marker.exists()
    config = json.loads(zipfile.ZipFile(tmp_path / "model.keras").read("config.json"))
    inner = config["config"]["layers"][1]["config"]["layers"][1]
    assert inner["config"]["name"] == "ca"
    inner["class_name"] = "Conv9D"
    err = refused(own_models.with_config(raw, config))
    assert (err.key, err.params) == (
        "err.model_unknown",
        {"layer": "block/ca", "name": "keras.layers.Conv9D"},
    )
    inner["class_name"], inner["module"] = "Conv1D", "evil.layers"
    err = refused(own_models.with_config(raw, config))
    assert (err.key, err.params) == (
        "err.model_custom",
        {"layer": "block/ca", "name": "evil.layers.Conv1D"},
    )


def test_a_nested_sequential_is_opened_into_its_layers(tmp_path: Path) -> None:
    model = own_models.nested(steps=30)
    own = keras_model.load(saved(model, tmp_path), "nested.keras")
    infos = {i.name: (i.class_name, i.output_shape) for i in own.layer_infos}
    assert infos == {
        "signal": ("InputLayer", (None, 30, 2)),
        "c0": ("Conv1D", (None, 30, 5)),
        "block": ("Sequential", (None, 13, 3)),
        "block/ca": ("Conv1D", (None, 28, 4)),
        "block/relu": ("ReLU", (None, 28, 4)),
        "block/cb": ("Conv1D", (None, 13, 3)),
        "pool": ("MaxPooling1D", (None, 6, 3)),
        "g": ("GlobalMaxPooling1D", (None, 3)),
    }
    assert [flat.name for flat in own.shown] == ["c0", "block/ca", "block/relu", "block/cb", "pool"]
    fields = receptive.check_length(own.graph, [flat.name for flat in own.shown], 30)
    rows = table.conv_rows(own.layer_infos, own.graph, fields)
    # c0 same k2: 2 steps; ca k3: 2 + 2 = 4; cb k3 s2: 4 + 2 = 6, jump 2; pool 2: 6 + 2 = 8.
    assert [(r["layer"], r["field"], r["jump"], r["agrees"]) for r in rows] == [
        ("c0", 2, 1, True),
        ("block/ca", 4, 1, True),
        ("block/cb", 6, 2, True),
    ]
    assert (fields["pool"].size, fields["pool"].jump, fields["pool"].rows) == (8, 4, 6)

    # Every array against the layers called one by one, from the file Keras loads itself.
    x = inputs.fit(inputs.signal("noise", 30, 2, 7), own.input_shape)
    acts = own.run(Prepared(x, None, "signal"))
    direct = keras.saving.load_model(tmp_path / "model.keras", safe_mode=True)
    block = direct.get_layer("block")
    want = {"c0": direct.get_layer("c0")(x)}
    want["block/ca"] = block.get_layer("ca")(want["c0"])
    want["block/relu"] = block.get_layer("relu")(want["block/ca"])
    want["block/cb"] = block.get_layer("cb")(want["block/relu"])
    want["pool"] = direct.get_layer("pool")(want["block/cb"])
    assert list(acts.outputs) == list(want)
    for name, array in want.items():
        np.testing.assert_allclose(acts.outputs[name], np.asarray(array)[0], atol=1e-5)
    names, opened = snippet.reachable(own.graph, list(acts.outputs))
    assert names == list(want)
    assert opened == [snippet.Opened("block", "c0", ("ca", "relu", "cb"))]
    model.save(tmp_path / "nested.h5")  # legacy HDF5: the same layers, read from model_config
    legacy = keras_model.load((tmp_path / "nested.h5").read_bytes(), "nested.h5")
    assert [flat.name for flat in legacy.shown] == list(want)
    assert receptive.fields(legacy.graph, 30)["pool"].key() == fields["pool"].key()


def test_config_that_is_not_json_is_refused(tmp_path: Path) -> None:
    raw = saved(own_models.signal_cnn(), tmp_path)
    assert refused(own_models.with_config(raw, b"{not json")).key == "own.not_json"
    assert refused(own_models.with_config(raw, b"[1, 2]")).key == "own.not_json"


def test_zip_bombs_are_refused_before_inflating() -> None:
    err = refused(own_models.bomb(300))
    assert (err.key, err.params["member"]) == ("err.zip_member_big", "model.weights.h5")
    assert err.params["most"] == megabytes(archive.LIMITS.total)
    err = refused(own_models.bomb(20))
    assert (err.key, err.params["member"]) == ("err.zip_ratio", "model.weights.h5")


def test_truncated_and_damaged_zips_are_refused(tmp_path: Path) -> None:
    raw = saved(own_models.signal_cnn(), tmp_path)
    assert refused(raw[: len(raw) // 2]).key == "err.zip_bad"
    start = raw.index(b"config.json") + 60  # inside config.json's compressed bytes
    damaged = raw[:start] + bytes(b ^ 0xFF for b in raw[start : start + 40]) + raw[start + 40 :]
    assert refused(damaged).key in ("err.zip_bad", "own.not_json")
    assert refused(b"hello").key == "own.not_model_file"
    assert refused(own_models.zipped({"notes.txt": b"hi"})).key == "own.no_config"


def test_a_model_over_50_mb_is_refused_unread() -> None:
    err = refused(b"PK\x03\x04" + bytes(archive.MAX_MODEL_BYTES))
    assert (err.key, err.params["most"]) == ("own.too_big", 50)


def test_a_model_without_conv1d_loads_with_nothing_to_show(tmp_path: Path) -> None:
    own = keras_model.load(saved(own_models.dense_only(), tmp_path), "dense.keras")
    assert own.conv_layers == [] and own.shown == []
    frame = table.layer_rows(own.layer_infos, text=False)
    assert frame["output_shape"].tolist() == ["(None, 8)", "(None, 2)"]


# Inputs ------------------------------------------------------------------------------------------


def test_the_askers_transposed_signal_gets_the_lesson_with_the_numbers() -> None:
    with pytest.raises(InputError) as err:
        inputs.fit(np.zeros((1, 8000)), (None, None, 1))
    assert err.value.key == "own.transposed"
    assert err.value.params == {
        "want": "(None, None, 1)",
        "got": "(1, 8000)",
        "fixed": "(8000, 1)",
        "steps": 8000,
        "channels": 1,
    }
    assert "8000 steps of 1 channel(s), not 1 step(s) of 8000 channels" in str(err.value)
    assert inputs.fit(np.zeros((8000, 1)), (None, None, 1)).shape == (1, 8000, 1)
    assert inputs.fit(np.zeros(8000), (None, None, 1)).shape == (1, 8000, 1)


def test_shape_mismatches_say_what_was_expected() -> None:
    with pytest.raises(InputError) as err:
        inputs.fit(np.zeros((40, 2)), (None, 50, 2))
    assert err.value.params == {"want": "(None, 50, 2)", "got": "(40, 2)"}
    with pytest.raises(InputError) as err:
        inputs.fit(np.zeros((2, 3, 4, 5)), (None, 50, 2))
    assert err.value.key == "own.shape_rank"
    with pytest.raises(InputError) as err:
        inputs.fit(np.full((50, 2), np.nan), (None, 50, 2))
    assert err.value.key == "own.not_finite"


def test_npy_is_never_unpickled(tmp_path: Path) -> None:
    class Boom:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    raw = own_models.npy(np.array([Boom()], dtype=object), allow_pickle=True)
    with pytest.raises(InputError) as err:
        inputs.read_npy(raw)
    assert err.value.key == "own.npy_bad"
    assert not (tmp_path / "ran").exists()
    assert inputs.read_npy(own_models.npy(np.arange(6.0).reshape(3, 2))).tolist() == [
        [0, 1],
        [2, 3],
        [4, 5],
    ]


def test_csv_rows_are_steps_and_a_header_is_skipped() -> None:
    array = inputs.read_csv(b"a,b\n1,2\n3,4\n5,6\n")
    assert array.tolist() == [[1, 2], [3, 4], [5, 6]]
    with pytest.raises(InputError):
        inputs.read_csv(b"a,b\n1,x\n")


def test_signals_are_seeded() -> None:
    for kind in inputs.SIGNALS:
        a, b = inputs.signal(kind, 64, 3, 5), inputs.signal(kind, 64, 3, 5)
        assert a.shape == (64, 3) and np.array_equal(a, b)
        assert not np.array_equal(a, inputs.signal(kind, 64, 3, 6))


# Examples, the table, the code -------------------------------------------------------------------


@pytest.fixture(scope="module")
def text_model() -> keras_model.OwnModel:
    return keras_model.load(examples.read("text_example"), "text_example.keras")


@pytest.fixture(scope="module")
def signal_model() -> keras_model.OwnModel:
    return keras_model.load(examples.read("signal_example"), "signal_example.keras")


def test_an_altered_example_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(examples.FOLDER, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(examples, "FOLDER", tmp_path)
    monkeypatch.setattr(examples, "MANIFEST", tmp_path / examples.MANIFEST.name)
    assert examples.read("text_example")  # the copy passes
    raw = examples.path("text_example").read_bytes()
    examples.path("text_example").write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
    with pytest.raises(InputError) as err:
        examples.read("text_example")
    assert err.value.key == "own.example_altered"


def test_text_example_tokens_and_rows_labelled_by_words(text_model) -> None:
    prepared = text_model.encode("The movie was NOT good, zzz!")
    acts = text_model.run(prepared)
    vocab = text_model.vocabulary
    assert acts.labels[:6] == ["the", "movie", "was", "not", "good", "zzz"]
    assert acts.ids[:6].tolist() == [
        vocab.index(w) for w in ["the", "movie", "was", "not", "good", "[UNK]"]
    ]
    assert acts.oov.tolist() == [False] * 5 + [True] + [False] * (len(acts.labels) - 6)
    assert acts.labels[6:] == ["∅"] * (len(acts.labels) - 6)
    assert {k: v.shape for k, v in acts.outputs.items()} == {
        "conv1": (30, 16),
        "pool1": (15, 16),
        "conv2": (13, 16),
    }


def test_conv_rows_agree_with_keras(signal_model) -> None:
    fields = receptive.fields(signal_model.graph, 256)
    rows = table.conv_rows(signal_model.layer_infos, signal_model.graph, fields)
    assert [(r["layer"], r["kernel"], r["field"], r["jump"], r["agrees"]) for r in rows] == [
        ("conv1", "(7, 1, 8)", 7, 2, True),
        ("conv2", "(5, 8, 16)", 7 + 1 * 2 + 2 * (5 - 1) * 4, 4, True),
    ]
    assert rows[1]["formula"].endswith("⌊(64 − 2·(5−1) − 1) / 1⌋ + 1 = 56")


def test_channels_first_conv1d_named_traced_and_run_as_keras_runs_it(tmp_path: Path) -> None:
    own = keras_model.load(saved(own_models.channels_first(40, 3), tmp_path), "cf.keras")
    assert own.channels_first and own.signal_shape == (40, 3)
    frame = table.layer_rows(own.layer_infos, text=False, first=own.channels_first)
    assert frame["output_shape"].tolist()[:4] == [
        *["(None, 3, 40)", "(None, 4, 18)", "(None, 4, 18)", "(None, 2, 14)"]
    ]
    assert frame["axes"].tolist()[:4] == [
        ["batch", "channels", "steps"],
        ["batch", "filters", "steps"],
        ["batch", "channels", "steps"],
        ["batch", "filters", "steps"],
    ]
    signal = inputs.signal("sine", 40, 3, 2)  # (steps, channels), as generated
    prepared = own.fit(own.arranged(signal), "signal")
    assert prepared.x.shape == (1, 3, 40) and prepared.steps == 40
    with pytest.raises(InputError) as err:  # (steps, channels) given: the lesson, in its order
        own.fit(signal, "npy")
    assert (err.value.key, err.value.params) == (
        "own.transposed_first",
        {"want": "(None, 3, 40)", "got": "(40, 3)", "fixed": "(3, 40)", "steps": 40, "channels": 3},
    )
    assert "3 channel(s) of 40 steps, not 40 channels of 3 step(s)" in str(err.value)
    fields = receptive.check_length(own.graph, [f.name for f in own.shown], prepared.steps)
    rows = table.conv_rows(own.layer_infos, own.graph, fields)
    # cf1: 5 taps, stride 2; cf2: 3 taps 2 apart over it: 5 + 2·(3 − 1)·2 = 13 steps, jump 2.
    assert [(r["layer"], r["kernel"], r["field"], r["jump"], r["agrees"]) for r in rows] == [
        ("cf1", "(5, 3, 4)", 5, 2, True),
        ("cf2", "(3, 4, 2)", 13, 2, True),
    ]
    assert all(r["data_format"] == "channels_first" for r in rows)
    assert views.row_labels(fields["cf2"], 14, None)[:2] == ["0: 0…12", "1: 2…14"]

    direct = keras.saving.load_model(tmp_path / "model.keras", safe_mode=True)
    names = ["cf1", "act", "cf2"]
    try:  # what Keras itself gives, or what it fails with on this CPU
        want = keras.Model(direct.inputs, [direct.get_layer(n).output for n in names])(
            prepared.x, training=False
        )
    except tf.errors.UnimplementedError:  # plain TF on CPU has no channels_first convolution
        with pytest.raises(InputError) as err:
            own.run(prepared)
        assert err.value.key == "own.channels_first_cpu"
        assert err.value.params == {"layers": "cf1, cf2"}
        return
    acts = own.run(prepared)
    assert list(acts.outputs) == names
    for name, array in zip(names, want, strict=True):  # ours are (steps, channels)
        np.testing.assert_allclose(acts.outputs[name], np.asarray(array)[0].T, atol=1e-5)
    assert acts.labels == [str(step) for step in range(40)]


NESTED = {"nested": own_models.nested, "deep_nested": own_models.deep_nested}
"""Models whose code opens a nested block as the page does (one level deep: not i1/i2)."""


@pytest.mark.parametrize("name", [*examples.EXAMPLES, *NESTED])
def test_the_generated_code_reproduces_the_arrays(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text_model, signal_model
) -> None:
    if name in NESTED:
        raw = saved(NESTED[name](30), tmp_path, snippet.MODEL_FILE)
        own = keras_model.load(raw, f"{name}.keras")
    else:
        own = text_model if name == "text_example" else signal_model
        (tmp_path / snippet.MODEL_FILE).write_bytes(examples.read(name))
    names, opened = snippet.reachable(own.graph, [layer.name for layer in own.shown])
    if own.kind == "text":
        sentence = "a clever film, but the plot was slow"
        prepared, code = own.encode(sentence), snippet.keras3(names, sentence, opened=opened)
    else:
        steps = own.signal_shape[0] or 256
        signal = inputs.signal("square", steps, own.signal_shape[1], 4)
        prepared = own.fit(own.arranged(signal), "signal")
        (tmp_path / snippet.INPUT_FILE).write_bytes(own_models.npy(prepared.x))
        code = snippet.keras3(names, None, opened=opened)
    (tmp_path / "snippet.py").write_text(code)
    monkeypatch.chdir(tmp_path)
    ran = runpy.run_path(str(tmp_path / "snippet.py"))
    page = own.run(prepared).outputs
    unreached = ["i1/i2/deep"] if name == "deep_nested" else []  # the page captions it
    assert ran["names"] == names == [n for n in page if n not in unreached]
    assert set(ran["arrays"]) == set(names)
    for layer in names:
        array = np.asarray(ran["arrays"][layer])[0]
        np.testing.assert_allclose(array, page[layer], atol=1e-5, err_msg=layer)


def test_the_examples_rebuild(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import build_own_examples
    finally:
        sys.path.remove(str(REPO / "tools"))
    manifest = build_own_examples.build(tmp_path)
    shipped = json.loads(examples.MANIFEST.read_text())
    for name in examples.EXAMPLES:
        assert abs(manifest[name]["bytes"] - shipped[name]["bytes"]) < 2048
        rebuilt = inspect.read((tmp_path / f"{name}.keras").read_bytes())
        ours = inspect.read(examples.read(name))
        assert without_ids(rebuilt.config) == without_ids(ours.config)
        new = keras.saving.load_model(tmp_path / f"{name}.keras", safe_mode=True)
        old = keras.saving.load_model(examples.path(name), safe_mode=True)
        # Same CPU kind: equal to float noise; other kernels (oneDNN off, other CPUs) drift a
        # little over the epochs, so the two are held to the same predictions on fresh data.
        assert [w.shape for w in new.get_weights()] == [w.shape for w in old.get_weights()]
        rng = np.random.default_rng(99)
        if name == "text_example":
            x = tf.constant(build_own_examples.reviews(200, rng)[0])[:, None]
        else:
            x = build_own_examples.signals(200, rng)[0]
        ours, theirs = new.predict(x, verbose=0), old.predict(x, verbose=0)
        np.testing.assert_allclose(ours, theirs, atol=0.05)
        assert np.mean(ours.argmax(1) == theirs.argmax(1)) >= 0.95 or ours.shape[1] == 1


def without_ids(node: object) -> object:
    """A config without ``shared_object_id``: Keras numbers shared objects by memory address."""
    if isinstance(node, dict):
        return {k: without_ids(v) for k, v in node.items() if k != "shared_object_id"}
    if isinstance(node, list):
        return [without_ids(v) for v in node]
    return node
