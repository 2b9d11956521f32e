"""`python -m convlab activations`: layers, axes, fields, labelled rows; exit 2 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import keras
import numpy as np
import pytest

from convlab.ownmodel import examples, inputs
from tests import own_models
from tests.cli import run_cli


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "activations", *args)


def test_signal_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--model", "signal_example", "--example", "square", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert [(x["name"], x["output_shape"], x["axes"]) for x in report["layers"][:2]] == [
        ("signal", [None, 256, 1], ["batch", "steps", "channels"]),
        ("conv1", [None, 128, 8], ["batch", "steps", "filters"]),
    ]
    conv1, conv2 = report["conv1d"]
    # same padding, k=7, s=2 on 256 steps: (128−1)·2 + 7 − 256 = 5 zero rows, 2 of them before.
    assert conv1["receptive_field"] == {"size": 7, "jump": 2, "first": -2}
    assert conv2["receptive_field"] == {"size": 7 + 1 * 2 + 2 * 4 * 4, "jump": 4, "first": -2}
    layer = report["layer"]
    assert layer["name"] == "conv1" and layer["shape"] == [1, 128, 8]
    assert layer["rows"][:3] == ["0: 0…4", "1: 0…6", "2: 2…8"]
    assert layer["rows"][-1] == "127: 252…255"
    model = keras.saving.load_model(examples.path("signal_example"), safe_mode=True)
    x = inputs.signal("square", 256, 1, 0)[None]
    expected = keras.Model(model.inputs, model.get_layer("conv1").output)(x, training=False)
    np.testing.assert_allclose(layer["activations"], np.asarray(expected)[0], atol=1e-5)


def test_text_example_labels_rows_by_words(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--model", "text_example", "--sentence", "the plot was not good, qwzx", "--layer",
        "conv2", "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert [layer["axes"] for layer in report["layers"][:3]] == [
        ["batch", "text"],  # one string per example, not steps
        ["batch", "steps"],
        ["batch", "steps", "channels"],
    ]
    assert report["tokens"][:7] == ["the", "plot", "was", "not", "good", "qwzx", "∅"]
    assert report["oov_positions"] == [5]  # the word as typed, though the model read [UNK]
    # conv1 (3) → pool (2, 2) → conv2 (3): row 0 reads 3 + 1 + 2·2 = 8 words.
    assert report["layer"]["rows"][0] == "0: the plot was not good qwzx ∅ ∅"
    assert report["layer"]["shape"] == [1, 13, 16]


def test_a_transposed_npy_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "x.npy").write_bytes(own_models.npy(np.zeros((1, 256), np.float32)))
    code, out, err = run(capsys, "--model", "signal_example", "--input", str(tmp_path / "x.npy"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "looks transposed" in err and "(256, 1)" in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--model", "nowhere.keras", "--example", "sine"), "No model file"),
        (("--model", "text_example", "--sentence", "good", "--layer", "nope"), "No shown layer"),
        (("--model", "text_example", "--example", "sine"), "give it a sentence"),
        (("--model", "signal_example", "--sentence", "hello"), "not text"),
        (("--model", "signal_example", "--input", "missing.npy"), "No input file"),
        (("--model", "signal_example"), "one of the arguments"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], words: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and words in err, err


def test_a_refused_model_file_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "evil.keras").write_bytes(own_models.saved(own_models.custom_layer(), tmp_path))
    code, _, err = run(capsys, "--model", str(tmp_path / "evil.keras"), "--example", "sine")
    assert code == 2 and err.count("\n") == 1 and "Doubling" in err


def test_a_layer_inside_a_nested_model_by_its_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "nested.keras"
    own_models.nested(steps=30).save(path)
    code, out, err = run(
        capsys, "--model", str(path), "--example", "noise", "--layer", "block/cb", "--json"
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    names = [x["name"] for x in report["layers"]]
    assert names[2:6] == ["block", "block/ca", "block/relu", "block/cb"]
    assert [c["name"] for c in report["conv1d"]] == ["c0", "block/ca", "block/cb"]
    layer = report["layer"]
    assert layer["shape"] == [1, 13, 3] and layer["rows"][:2] == ["0: 0…5", "1: 2…7"]
    model = keras.saving.load_model(path, safe_mode=True)
    x = inputs.signal("noise", 30, 2, 0)[None]
    block = model.get_layer("block")
    expected = block.get_layer("cb")(block.get_layer("relu")(block.get_layer("ca")(
        model.get_layer("c0")(x))))  # fmt: skip
    np.testing.assert_allclose(layer["activations"], np.asarray(expected)[0], atol=1e-5)
