"""The Your model page with AppTest: every source, every input kind, every refusal."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from convlab import ui
from convlab.ownmodel import examples, keras_model
from convlab.textcnn import kim
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.ui import ownmodel
from tests import own_models
from tests.apptest import chart_specs, en, heatmap_rows, no_exception, open_app, said
from tests.apptest import main_infos as infos
from tests.apptest import main_warnings as warnings
from tests.mr import glove, mr

PAGE = "your_model"


def frame_with(at, column: str):
    (frame,) = [df.value for df in at.dataframe if column in df.value.columns][:1]
    return frame


def upload(raw: bytes, name: str = "mine.keras", at=None):
    at = at or open_app(PAGE, own_source="upload")
    at.file_uploader(key="own_model_file").upload(name, raw).run()
    return at


def test_text_example_rows_are_the_words_they_read() -> None:
    at = open_app(PAGE)
    no_exception(at)
    assert at.title[0].value == en("your_model.title")
    tokens = frame_with(at, "token")["token"].tolist()
    assert tokens[:11] == [
        *["the", "movie", "was", "not", "good", "but", "the", "acting", "was", "great"],
        "∅",
    ]
    charts = chart_specs(at)
    assert len(charts) == 3  # conv1, pool1, conv2
    conv1 = heatmap_rows(charts[0])
    assert conv1[:3] == [f"{r}: " + " ".join(tokens[r : r + 3]) for r in range(3)]
    pool1 = heatmap_rows(charts[1])  # pool (2, 2) over conv1: row r reads 2r … 2r + 3
    assert pool1[1] == "1: " + " ".join(tokens[2:6])
    conv2 = heatmap_rows(charts[2])  # conv (3) over pool1: 4 + 2·2 = 8 words
    assert conv2[0] == "0: " + " ".join(tokens[0:8])
    convs = frame_with(at, "agrees")
    assert convs["agrees"].tolist() == [True, True]
    assert convs["field"].tolist() == [3, 8]
    winners = frame_with(at, "ngram")
    assert len(winners) == 16  # every filter of conv1, the layer reading the embedding


def test_a_new_sentence_runs_the_model_without_reloading_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ownmodel._load.clear()
    loads = []
    real = keras_model.load
    monkeypatch.setattr(
        keras_model, "load", lambda raw, name: loads.append(name) or real(raw, name)
    )
    at = open_app(PAGE)
    at.text_area(key="own_sentence").set_value("a warm and clever QWZX film").run()
    no_exception(at)
    assert loads == ["text_example.keras"]
    tokens = frame_with(at, "token")
    # The unknown word as typed (lower-cased by the model's own TextVectorization), its id the
    # OOV id, marked; the known words as the vocabulary has them.
    assert tokens["token"].tolist()[:6] == ["a", "warm", "and", "clever", "qwzx", "film"]
    assert tokens["oov"].tolist()[:7] == [False] * 4 + [True] + [False] * 2
    assert tokens["id"].tolist()[4] == 1


def test_signal_example_with_each_generated_signal() -> None:
    at = open_app(PAGE, own_source="signal_example")
    no_exception(at)
    assert at.radio(key="own_input").options == [
        en(f"own.input.{k}") for k in ("signal", "npy", "csv")
    ]
    assert len(chart_specs(at)) == 5  # conv1, norm1, relu1, pool1, conv2
    assert heatmap_rows(chart_specs(at)[0])[:2] == ["0: 0…4", "1: 0…6"]
    for kind in ("square", "noise", "step"):
        at.selectbox(key="own_signal").set_value(kind).run()
        no_exception(at)
    assert len(chart_specs(at)) == 5
    zh = open_app(PAGE, own_source="signal_example", lang="zh")
    assert zh.selectbox(key="own_signal").options == [
        "正弦波 (sine)",
        "方波 (square)",
        "噪声 (noise)",
        "阶跃 (step)",
    ]


def test_numeric_inputs_npy_csv_and_the_transposed_fix() -> None:
    at = open_app(PAGE, own_source="signal_example", own_input="npy")
    assert infos(at) == [en("own.input_prompt")]
    signal = np.sin(np.arange(256) / 5).astype(np.float32)
    at.file_uploader(key="own_npy_file").upload("x.npy", own_models.npy(signal[None, :])).run()
    no_exception(at)
    (warning,) = warnings(at)
    assert warning == en(
        "own.transposed",
        want="(None, 256, 1)",
        got="(1, 256)",
        fixed="(256, 1)",
        steps=256,
        channels=1,
    )
    assert not chart_specs(at)
    at.checkbox(key="own_transpose").check().run()
    no_exception(at)
    assert len(chart_specs(at)) == 5

    at = open_app(PAGE, own_source="signal_example", own_input="csv")
    csv = "value\n" + "\n".join(f"{v:.4f}" for v in signal)
    at.file_uploader(key="own_csv_file").upload("x.csv", csv.encode()).run()
    no_exception(at)
    assert not warnings(at) and len(chart_specs(at)) == 5

    at.file_uploader(key="own_csv_file").upload("bad.csv", b"a,b\n1,x\n").run()
    assert warnings(at) == [en("own.csv_bad")]


def test_an_uploaded_model_of_any_length(tmp_path: Path) -> None:
    at = open_app(PAGE, own_source="upload")
    assert infos(at) == [en("own.upload_prompt")]
    at = upload(own_models.saved(own_models.signal_cnn(steps=None, channels=2), tmp_path), at=at)
    no_exception(at)
    assert not warnings(at)
    assert len(chart_specs(at)) == 3  # c1, p1, c2
    assert at.number_input(key="own_steps").value == 128
    at.number_input(key="own_steps").set_value(8).run()
    (warning,) = warnings(at)
    # c1 (same, stride 2): 4 steps; p1: 2; c2 (3 taps, dilation 2) needs 5: from 19 steps on.
    assert warning == en("own.too_short", layer="c2", rows=0, need=19)


def test_a_model_without_conv1d_still_shows_its_shapes(tmp_path: Path) -> None:
    at = upload(own_models.saved(own_models.dense_only(), tmp_path))
    no_exception(at)
    assert infos(at) == [en("own.no_conv1d")]
    assert frame_with(at, "axes")["output_shape"].tolist() == ["(None, 8)", "(None, 2)"]


def edited(clean: bytes, edit) -> bytes:
    """``clean`` with its config.json changed by ``edit(config)``."""
    config = json.loads(zipfile.ZipFile(io.BytesIO(clean)).read("config.json"))
    edit(config["config"]["layers"])
    return own_models.with_config(clean, config)


def outside_function(layers: list) -> None:
    layers[1]["config"]["activation"] = {
        "module": "os", "class_name": "function", "config": "system", "registered_name": "function"
    }  # fmt: skip


def unknown_class(layers: list) -> None:
    layers[2]["class_name"] = "MaxPooling9D"


def hostile(tmp_path: Path) -> list[tuple[bytes, str, dict]]:
    clean = own_models.saved(own_models.signal_cnn(), tmp_path, "clean.keras")
    return [
        (own_models.saved(own_models.marker_lambda(tmp_path / "ran"), tmp_path), "err.model_lambda",
         {"layer": "innocent_looking"}),
        (own_models.saved(own_models.custom_layer(), tmp_path), "err.model_custom",
         {"layer": "doubling", "name": "tests.own_models.Doubling"}),
        (edited(clean, outside_function), "err.model_custom", {"layer": "c1", "name": "os.system"}),
        (edited(clean, unknown_class), "err.model_unknown",
         {"layer": "p1", "name": "keras.layers.MaxPooling9D"}),
        (own_models.bomb(300), "err.zip_member_big",
         {"name": "mine.keras", "member": "model.weights.h5", "size": "300.0", "most": "200.0"}),
        (clean[: len(clean) // 2], "err.zip_bad", {"name": "mine.keras"}),
        (own_models.with_config(clean, b"not json"), "own.not_json", {"member": "config.json"}),
        (own_models.saved(own_models.two_inputs(), tmp_path), "own.inputs",
         {"count": 2, "names": "left, right"}),
        (own_models.saved(own_models.nested_lambda(tmp_path / "ran"), tmp_path),
         "err.model_lambda", {"layer": "block/sneaky"}),
        (b"PK\x03\x04" + bytes(50 * 1024 * 1024), "own.too_big", {"size": "50.0", "most": 50}),
    ]  # fmt: skip


def test_every_refusal_gets_its_message_and_no_model(tmp_path: Path) -> None:
    for raw, key, params in hostile(tmp_path):
        (tmp_path / "ran").unlink(missing_ok=True)
        at = upload(raw)
        no_exception(at)
        assert warnings(at) == [said(key, **params)], key
        assert not chart_specs(at) and not at.dataframe
        assert not (tmp_path / "ran").exists()


def test_the_config_refusals_in_chinese(tmp_path: Path) -> None:
    clean = own_models.saved(own_models.signal_cnn(), tmp_path, "clean.keras")
    for raw, key, params in (
        (edited(clean, outside_function), "err.model_custom", {"layer": "c1", "name": "os.system"}),
        (edited(clean, unknown_class), "err.model_unknown",
         {"layer": "p1", "name": "keras.layers.MaxPooling9D"}),
        (own_models.saved(own_models.nested_lambda(tmp_path / "ran"), tmp_path),
         "err.model_lambda", {"layer": "block/sneaky"}),
    ):  # fmt: skip
        at = upload(raw, at=open_app(PAGE, own_source="upload", lang="zh"))
        no_exception(at)
        assert warnings(at) == [said(key, lang="zh", **params)], key
        assert not chart_specs(at) and not at.dataframe


def test_a_model_with_a_nested_sequential_shows_its_layers(tmp_path: Path) -> None:
    at = upload(own_models.saved(own_models.nested(steps=30), tmp_path))
    no_exception(at)
    assert not warnings(at)
    shapes = frame_with(at, "axes")
    assert shapes["layer"].tolist() == [
        *["signal", "c0", "block", "block/ca", "block/relu", "block/cb", "pool", "g"]
    ]
    assert shapes["class"].tolist()[2:4] == ["Sequential", "Conv1D"]
    convs = frame_with(at, "agrees")
    assert convs["layer"].tolist() == ["c0", "block/ca", "block/cb"]
    assert convs["agrees"].tolist() == [True, True, True]
    assert convs["field"].tolist() == [2, 4, 6]
    charts = chart_specs(at)
    assert len(charts) == 5  # c0, block/ca, block/relu, block/cb, pool
    # cb (k3, stride 2) over ca (k3) over c0 (k2, same: reads its step and the next)
    assert heatmap_rows(charts[3])[:2] == ["0: 0…5", "1: 2…7"]
    code = at.code[0].value  # the nested block's layers reached as the page reaches them
    assert "nested = model.get_layer('block')" in code and "get_layer('c0').output" in code
    assert not [c for c in at.caption if "block/ca" in c.value]  # no layer left out


def test_the_train_pages_fit_as_a_source() -> None:
    quick = {"cnn_rows": "600", "cnn_kernel_sizes": "3", "cnn_filters": "4", "cnn_epochs": "1"}
    ui.textcnn.shared_fits.clear()
    at = open_app(PAGE, own_source="fit", **quick)
    no_exception(at)
    assert infos(at) == [en("own.no_fit")]
    hp = Hyperparameters(kernel_sizes=(3,), filters=4, epochs=1)
    data = mr().sample(600)
    fit = kim.train(data, hp, glove())
    ui.fits().put(ui.fit_key(data, hp, glove()), fit)
    at = open_app(PAGE, own_source="fit", own_sentence="not a bad movie", **quick)
    no_exception(at)
    tokens = frame_with(at, "token")["token"].tolist()
    assert tokens[:4] == ["not", "a", "bad", "movie"]
    assert frame_with(at, "token")["id"].tolist()[:4] == fit.cnn.encode([tokens[:4]])[0].tolist()
    (chart,) = chart_specs(at)
    assert heatmap_rows(chart)[0] == "0: not a bad"
    ui.textcnn.shared_fits.clear()


def test_a_model_file_on_the_server_only_inside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(examples.MODEL_DIR_ENV, raising=False)
    at = open_app(PAGE, own_source="path")
    assert warnings(at) == [said("own.path_off", env=examples.MODEL_DIR_ENV)]
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "signal.keras").write_bytes(examples.read("signal_example"))
    (tmp_path / "secret.keras").write_bytes(examples.read("signal_example"))
    monkeypatch.setenv(examples.MODEL_DIR_ENV, str(folder))
    at = open_app(PAGE, own_source="path")
    assert infos(at) == [en("own.path_prompt")]
    for name in ("../secret.keras", str(tmp_path / "secret.keras")):
        at = open_app(PAGE, own_source="path", own_path=name)
        assert warnings(at) == [said("own.path_outside", path=name)]
    at = open_app(PAGE, own_source="path", own_path="signal.keras")
    no_exception(at)
    assert not warnings(at) and len(chart_specs(at)) == 5


def test_a_channels_first_model_reads_channels_then_steps(tmp_path: Path) -> None:
    at = upload(own_models.saved(own_models.channels_first(40, 3), tmp_path))
    no_exception(at)
    axes = frame_with(at, "axes")["axes"].tolist()
    channels, steps = en("own.axis.channels"), en("own.axis.steps")
    assert axes[0] == f"({en('own.axis.batch')}, {channels}, {steps})"
    convs = frame_with(at, "agrees")  # shown whether or not this CPU can run the model
    assert convs["data_format"].tolist() == ["channels_first"] * 2
    assert convs["agrees"].tolist() == [True, True]
    try:  # the same model run by Keras alone decides what the page can show on this CPU
        model = own_models.channels_first(40, 3)
        model(np.zeros((1, 3, 40), np.float32))
    except tf.errors.UnimplementedError:
        assert warnings(at) == [said("own.channels_first_cpu", layers="cf1, cf2")]
        return
    assert not warnings(at)
    charts = chart_specs(at)
    assert len(charts) == 3  # cf1, act, cf2: steps down, as for any model
    assert heatmap_rows(charts[2])[:2] == ["0: 0…12", "1: 2…14"]
