"""The Shape lab's arithmetic (convlab.shapelab.layerspec), the `shape` command and Keras agree.

The property tests draw random Conv1D/Conv2D layers, both data formats and
every padding, and hold three answers to each other: the pure-Python
formulas, ``python -m convlab shape`` and a Keras layer built on the fly
(and, where TensorFlow can run it on a CPU, executed on a real batch).
Layers Keras refuses must be refused too, each with its own reason.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convlab import arithmetic
from convlab.errors import InputError
from convlab.shapelab import keras_check, pitfalls
from convlab.shapelab.layerspec import CLASS_NAMES, LayerSpec, parse_ints
from tests.cli import run_cli

REPO = Path(__file__).resolve().parents[1]


# Strategies -------------------------------------------------------------------------------


@st.composite
def per_axis(draw: st.DrawFn, rank: int, low: int, high: int) -> int | tuple[int, ...]:
    """An int, or a tuple with one number per axis, as a user may give either."""
    if draw(st.booleans()):
        return draw(st.integers(low, high))
    return tuple(draw(st.integers(low, high)) for _ in range(rank))


@st.composite
def valid_specs(draw: st.DrawFn) -> LayerSpec:
    """Any layer Keras builds: every axis long enough for its window under "valid"."""
    layer = draw(st.sampled_from(("conv1d", "conv2d")))
    rank = 1 if layer == "conv1d" else 2
    paddings = arithmetic.PADDINGS if layer == "conv1d" else ("valid", "same")
    padding = draw(st.sampled_from(paddings))
    kernel = draw(per_axis(rank, 1, 4))
    if draw(st.booleans()):
        strides, dilation = draw(per_axis(rank, 1, 3)), 1
    else:
        strides, dilation = 1, draw(per_axis(rank, 1, 3))
    spec = LayerSpec(layer, (1,) * (rank + 1), 1, kernel, strides, padding, dilation)
    spans = [
        arithmetic.receptive_field(k, d)
        for k, d in zip(spec.kernel, spec.normalised("dilation_rate"), strict=True)
    ]
    low = spans if padding == "valid" else [1] * rank
    spatial = tuple(draw(st.integers(lo, lo + 9)) for lo in low)
    channels = draw(st.integers(1, 5))
    data_format = draw(st.sampled_from(("channels_last", "channels_first")))
    shape = (channels, *spatial) if data_format == "channels_first" else (*spatial, channels)
    filters = draw(st.integers(1, 6))
    return LayerSpec(layer, shape, filters, kernel, strides, padding, dilation, data_format)


def cli_args(spec: LayerSpec) -> list[str]:
    def text(value: int | tuple[int, ...]) -> str:
        return str(value) if isinstance(value, int) else ",".join(map(str, value)) + ","

    return [
        "shape",
        "--layer",
        spec.layer,
        f"--input={','.join(map(str, spec.input_shape))}",  # "=": a leading "-" is no option
        "--filters",
        str(spec.filters),
        "--kernel",
        text(spec.kernel_size),
        "--strides",
        text(spec.strides),
        "--padding",
        spec.padding,
        "--dilation",
        text(spec.dilation_rate),
        "--data-format",
        spec.data_format,
        "--json",
    ]


# Formulas = CLI = Keras ---------------------------------------------------------------------


@settings(
    deadline=None,
    max_examples=80,
    # run_cli reads (and so empties) capsys on every call: nothing leaks between examples.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(spec=valid_specs())
def test_formulas_cli_and_keras_agree(spec: LayerSpec, capsys: pytest.CaptureFixture[str]) -> None:
    spec.check()
    built = keras_check.build(spec)
    assert isinstance(built, keras_check.Built), built
    assert built.output_shape == spec.output_shape
    assert built.kernel_shape == spec.kernel_shape
    assert built.params == spec.params
    assert spec.params == math.prod(spec.kernel) * spec.in_channels * spec.filters + spec.filters
    cls = CLASS_NAMES[spec.layer]
    assert built.summary[-1] == (spec.layer, cls, str(spec.output_shape), spec.params)

    code, out, err = run_cli(capsys, *cli_args(spec))
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["output_shape"] == [None, *spec.output_shape[1:]]
    assert report["kernel_shape"] == list(built.kernel_shape)
    assert report["params"] == built.params
    sizes = spec.output_sizes()
    assert [line.rsplit("= ", 1)[1] for line in report["formula"]] == [str(o) for o in sizes]

    if spec.data_format == "channels_last":
        # The symbolic shape is also what a real batch gets. TensorFlow cannot run
        # channels_first convolutions on a CPU; those are left to shape inference.
        y = keras_check.layer(spec)(np.zeros((2, *spec.input_shape), "float32"))
        assert tuple(y.shape) == (2, *spec.output_shape[1:])


@settings(deadline=None, max_examples=30)
@given(spec=valid_specs())
def test_formula_per_axis_is_the_keras_docs_formula(spec: LayerSpec) -> None:
    strides, dilation = spec.normalised("strides"), spec.normalised("dilation_rate")
    for line, i, k, s, d in zip(
        spec.formulas(), spec.spatial, spec.kernel, strides, dilation, strict=True
    ):
        if spec.padding == "valid":
            expected = (i - d * (k - 1) - 1) // s + 1
            assert f"⌊({i} − {d}·({k}−1) − 1) / {s}⌋ + 1 = {expected}" in line
        else:
            expected = math.ceil(i / s)
            assert line.endswith(f"⌈{i} / {s}⌉ = {expected}")


# Refused layers -------------------------------------------------------------------------------

REFUSED = [
    # (spec, catalogue key): Keras refuses each of these too.
    (LayerSpec("conv1d", (2, 3), 4, 3), "err.shape_too_short"),
    (LayerSpec("conv2d", (2, 5, 3), 4, 3), "err.shape_too_short"),
    (LayerSpec("conv1d", (9, 3), 4, 3, dilation_rate=5), "err.shape_too_short"),
    (LayerSpec("conv1d", (1, 8000), 16, 3), "err.shape_too_short"),
    (LayerSpec("conv1d", (9, 3), 4, 0), "err.shape_positive"),
    (LayerSpec("conv1d", (9, 3), 4, -1), "err.shape_positive"),
    (LayerSpec("conv1d", (9, 3), 0, 3), "err.shape_positive"),
    (LayerSpec("conv1d", (9, 3), 4, 3, strides=0), "err.shape_positive"),
    (LayerSpec("conv2d", (9, 9, 3), 4, 3, dilation_rate=(1, 0)), "err.shape_positive"),
    (LayerSpec("conv1d", (-2, 3), 4, 3), "err.shape_positive"),
    (LayerSpec("conv1d", (9, 3), 4, 3, strides=2, dilation_rate=2), "err.strides_dilation"),
    (
        LayerSpec("conv2d", (9, 9, 3), 4, 3, strides=(2, 1), dilation_rate=(1, 2)),
        "err.strides_dilation",
    ),
    (LayerSpec("conv2d", (9, 9, 3), 4, 3, padding="causal"), "err.shape_causal"),
    (LayerSpec("conv2d", (32, 32), 4, 3), "err.shape_rank"),
    (LayerSpec("conv2d", (9, 9, 3), 4, (3, 3, 3)), "err.shape_tuple"),
    (LayerSpec("conv2d", (9, 9, 3), 4, (3,)), "err.shape_tuple"),
    (LayerSpec("conv1d", (9, 3), 4, 3, padding="full"), "err.choice"),
]


@pytest.mark.parametrize(("spec", "key"), REFUSED)
def test_keras_and_convlab_refuse_the_same_layers(
    spec: LayerSpec, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(InputError) as err:
        spec.check()
    assert err.value.key == key
    assert err.value.say("zh") != err.value.say("en")
    built = keras_check.build(spec)
    assert isinstance(built, keras_check.Refused), built
    assert built.message and "\n" not in built.message and "Traceback" not in built.message

    if spec.padding != "full":
        code, out, stderr = run_cli(capsys, *cli_args(spec))
        assert (code, out) == (2, "")
        assert stderr == f"error: {err.value}\n"


@settings(deadline=None, max_examples=30)
@given(spec=valid_specs(), data=st.data())
def test_a_window_one_cell_too_long_is_refused_by_both(spec: LayerSpec, data: st.DataObject):
    """Shrink one spatial axis to one cell less than its window needs, under "valid"."""
    spans = [
        arithmetic.receptive_field(k, d)
        for k, d in zip(spec.kernel, spec.normalised("dilation_rate"), strict=True)
    ]
    axis = data.draw(st.integers(0, spec.rank - 1))
    if spans[axis] == 1:
        return  # a 1-cell window fits any axis
    shape = list(spec.input_shape)
    start = 1 if spec.data_format == "channels_first" else 0
    for other, span in enumerate(spans):  # the drawn spec may be "same" with short axes
        shape[start + other] = max(shape[start + other], span)
    shape[start + axis] = spans[axis] - 1
    short = LayerSpec(
        spec.layer,
        tuple(shape),
        spec.filters,
        spec.kernel_size,
        spec.strides,
        "valid",
        spec.dilation_rate,
        spec.data_format,
    )
    with pytest.raises(InputError) as err:
        short.check()
    assert err.value.key == "err.shape_too_short"
    assert err.value.params["span"] == spans[axis]
    assert isinstance(keras_check.build(short), keras_check.Refused)


@settings(deadline=None, max_examples=40)
@given(spec=valid_specs(), data=st.data())
def test_random_impossible_settings_are_refused_by_both(spec: LayerSpec, data: st.DataObject):
    """A valid layer made impossible: one setting zero or negative, or strides and dilation > 1."""
    if data.draw(st.booleans()):
        name = data.draw(st.sampled_from(["filters", "kernel_size", "strides", "dilation_rate"]))
        bad = replace(spec, **{name: data.draw(st.integers(-3, 0))})
        key = "err.shape_positive"
    else:
        bad = replace(spec, strides=data.draw(st.integers(2, 3)), dilation_rate=2)
        key = "err.strides_dilation"
    with pytest.raises(InputError) as err:
        bad.check()
    assert err.value.key == key
    assert isinstance(keras_check.build(bad), keras_check.Refused)


@pytest.mark.parametrize("shape", [(9, 0), (0, 3)])
def test_empty_axes_are_refused_though_keras_builds_some_of_them(shape: tuple[int, int]) -> None:
    """Keras builds a 0-channel kernel, or a 0-step output with "same": convlab says why not."""
    spec = LayerSpec("conv1d", shape, 2, 3, padding="same")
    with pytest.raises(InputError) as err:
        spec.check()
    assert err.value.key == "err.shape_positive"
    built = keras_check.build(spec)
    assert isinstance(built, keras_check.Built)
    assert 0 in built.output_shape[1:] + built.kernel_shape


def test_too_big_layers_never_reach_keras() -> None:
    spec = LayerSpec("conv2d", (1000, 1000, 1000), 1000, (10, 10))
    with pytest.raises(InputError) as err:
        spec.check()
    assert err.value.key == "err.shape_weights"
    assert spec.too_big
    assert LayerSpec("conv1d", (200_000, 3), 4, 3).too_big
    assert LayerSpec("conv2d", (50, 50), 2000, 50).too_big  # wrong rank: channels unknown
    assert not LayerSpec("conv1d", (100_000, 3), 64, 3).too_big
    assert not pitfalls.BY_KEY["signal"].versions[1].spec.too_big


# Reading settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8", 8),
        (" 8 ", 8),
        ("(3)", 3),
        ("8,8", (8, 8)),
        ("(8, 8)", (8, 8)),
        ("[8, 8]", (8, 8)),
        ("[8]", (8,)),
        ("(3,)", (3,)),
        ("3,", (3,)),
        ("1, 32 ,32", (1, 32, 32)),
        ("-1, 0", (-1, 0)),
    ],
)
def test_parse_ints_reads_ints_and_tuples_as_python_would(text: str, value: object) -> None:
    assert parse_ints(text) == value


@pytest.mark.parametrize("text", ["", "a", "1,,2", "1.5", "(1, 2", "1 2", "()", "((1))", "9" * 70])
def test_parse_ints_refuses_anything_else(text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_ints(text, "kernel_size")
    assert err.value.key == "err.shape_ints"
    assert str(err.value).startswith("kernel_size must be whole numbers")


def test_int_and_one_tuple_differ_for_conv2d_as_in_keras() -> None:
    as_int = LayerSpec("conv2d", (9, 9, 3), 4, 3).check()
    assert as_int.kernel == (3, 3)
    assert as_int.kernel_formula().startswith("kernel_size=3 → (3, 3); in_channels")
    assert (
        LayerSpec("conv1d", (9, 3), 4, 3)
        .check()
        .kernel_formula()
        .startswith("kernel_size=3 → (3,);")
    )
    with pytest.raises(InputError):
        LayerSpec("conv2d", (9, 9, 3), 4, (3,)).check()
    assert isinstance(
        keras_check.build(LayerSpec("conv2d", (9, 9, 3), 4, (3,))), keras_check.Refused
    )


def test_channels_axis_follows_data_format() -> None:
    last = LayerSpec("conv2d", (1, 32, 32), 10, (8, 8), padding="same")
    first = LayerSpec(
        "conv2d", (1, 32, 32), 10, (8, 8), padding="same", data_format="channels_first"
    )
    assert (last.channels_axis, last.in_channels, last.spatial) == (2, 32, (1, 32))
    assert (first.channels_axis, first.in_channels, first.spatial) == (0, 1, (32, 32))
    assert last.roles() == ["batch", "rows", "cols", "channels"]
    assert first.roles() == ["batch", "channels", "rows", "cols"]
    assert "input_shape[2] = 32" in last.kernel_formula()
    assert "input_shape[0] = 1" in first.kernel_formula()


def test_generated_code_runs_and_prints_the_shapes() -> None:
    spec = LayerSpec(
        "conv2d", (1, 32, 32), 10, (8, 8), padding="same", data_format="channels_first"
    )
    scope: dict[str, object] = {}
    exec(spec.code(), scope)  # the page's snippet, summary() included
    model = scope["model"]
    assert tuple(model.output.shape) == spec.output_shape == (None, 10, 32, 32)
    assert model.count_params() == spec.params == 650


# The issue's numbers, through the command line ----------------------------------------------------


def test_cli_subprocess_gives_the_issue_numbers() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "convlab",
            "shape",
            "--layer",
            "conv2d",
            "--input",
            "1,32,32",
            "--filters",
            "10",
            "--kernel",
            "8,8",
            "--padding",
            "same",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["output_shape"] == [None, 1, 32, 10]
    assert report["kernel_shape"] == [8, 8, 32, 10]
    assert report["params"] == 20_490
    assert report["formula"] == [
        "rows: new_rows = ⌈i / s⌉ = ⌈1 / 1⌉ = 1",
        "cols: new_cols = ⌈i / s⌉ = ⌈32 / 1⌉ = 32",
    ]
    assert "keras" not in report  # TensorFlow only on --keras


@pytest.mark.parametrize(
    ("args", "output", "params"),
    [
        (["--input", "32,32,1"], [None, 32, 32, 10], 650),
        (["--input", "1,32,32", "--data-format", "channels_first"], [None, 10, 32, 32], 650),
    ],
)
def test_cli_fixes_with_keras(
    capsys: pytest.CaptureFixture[str], args: list[str], output: list, params: int
) -> None:
    base = ["shape", "--layer", "conv2d", "--filters", "10", "--kernel", "8,8", "--padding", "same"]
    code, out, _ = run_cli(capsys, *base, *args, "--json", "--keras")
    report = json.loads(out)
    assert code == 0
    assert (report["output_shape"], report["params"]) == (output, params)
    assert report["keras"] == {
        "output_shape": output,
        "kernel_shape": [8, 8, 1, 10],
        "params": params,
        "agrees": True,
    }
    code, text, _ = run_cli(capsys, *base, *args, "--keras")
    assert code == 0
    assert f"Keras agrees: output {tuple(output)}, kernel (8, 8, 1, 10), {params:,} params" in text


@pytest.mark.parametrize(
    "args",
    [
        ["--input", "abc"],
        ["--input", "1,32,32", "--strides", "2", "--dilation", "2"],
        ["--input", "1,32,32", "--padding", "causal"],
        ["--input", "32,32"],
        ["--input", "1,32,32", "--filters", "x"],
        ["--input", "1,32,32", "--layer", "conv3d"],
    ],
)
def test_cli_errors_are_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    base = ["shape", "--layer", "conv2d", "--filters", "10", "--kernel", "8,8"]
    code, out, err = run_cli(capsys, *base, *args)
    assert (code, out) == (2, "")
    assert "error: " in err and err.count("\n") == 1


# The presets' claims ---------------------------------------------------------------------------


def test_preset_numbers_are_the_issue_numbers() -> None:
    image = [v.spec.check() for v in pitfalls.BY_KEY["image"].versions]
    assert [s.output_shape for s in image] == [
        (None, 1, 32, 10),
        (None, 32, 32, 10),
        (None, 10, 32, 32),
    ]
    assert [s.params for s in image] == [20_490, 650, 650]
    assert image[0].kernel_shape == (8, 8, 32, 10)

    signal = pitfalls.BY_KEY["signal"].versions
    assert signal[0].spec.check().output_shape == (None, 1, 16)
    assert [signal[0].spec.input_shape, signal[2].spec.input_shape] == [(1, 8000), (8000, 1)]
    for version in signal[2:]:
        k = version.spec.kernel[0]
        assert version.spec.check().output_shape == (None, 8000 - k + 1, 16)

    order = pitfalls.BY_KEY["order"].versions
    assert order[1].spec.data_format == "channels_first"
    assert order[1].spec.check().output_shape == (None, 8, 98)

    twins = [v.spec.check() for v in pitfalls.BY_KEY["twins"].versions]
    assert [s.kernel_shape for s in twins] == [(3, 300, 64), (3, 300, 1, 64)]
    assert twins[0].params == twins[1].params

    pointwise = pitfalls.BY_KEY["pointwise"].versions[0].spec.check()
    assert pointwise.output_shape == (None, *pointwise.input_shape[:1], pointwise.filters)


def test_every_preset_text_fills_in_both_languages() -> None:
    from convlab.i18n import message

    for preset in pitfalls.PRESETS:
        values = pitfalls.fields(preset)
        for key in (preset.title, preset.story, preset.fix):
            for lang in ("en", "zh"):
                assert "{" not in message(key, lang, **values)
    assert "20,490" in message("preset.image.story", "en", **pitfalls.fields(pitfalls.PRESETS[0]))


def test_conv2d_kernel_is_the_conv1d_kernel_reshaped() -> None:
    """The twins preset's claim: same weights, reshaped, give the same numbers."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(2, 12, 5)).astype("float32")
    conv1d = keras.layers.Conv1D(3, 3)
    y1 = np.asarray(conv1d(x))
    kernel, bias = conv1d.get_weights()
    conv2d = keras.layers.Conv2D(3, (3, 5))
    conv2d.build((None, 12, 5, 1))
    conv2d.set_weights([kernel.reshape(3, 5, 1, 3), bias])
    y2 = np.asarray(conv2d(x[..., None]))
    assert y2.shape == (2, 10, 1, 3)
    np.testing.assert_allclose(y2[:, :, 0, :], y1, atol=1e-5)


def test_kernel_size_one_is_a_dense_layer_on_every_word() -> None:
    """The pointwise preset's claim: Conv1D(F, 1) = Dense(F) applied to each step."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 9, 7)).astype("float32")
    conv = keras.layers.Conv1D(4, 1)
    y = np.asarray(conv(x))
    kernel, bias = conv.get_weights()
    dense = keras.layers.Dense(4)
    dense.build((None, 7))
    dense.set_weights([kernel[0], bias])
    np.testing.assert_allclose(np.asarray(dense(x)), y, atol=1e-5)
    assert conv.count_params() == dense.count_params() == 7 * 4 + 4
