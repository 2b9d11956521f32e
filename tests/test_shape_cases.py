"""Every Conv1D/Conv2D argument and both transposes: the Shape lab's formulas against Keras.

Three sources of truth, all checked against a real layer built in the same run:

* ``KERAS_CASES``: the cases of Keras's own layer tests (``conv_test.py`` and
  ``conv_transpose_test.py``, the ``*_basic`` and shape-inference tests), with
  the output shape those tests expect, batch dimension replaced by None;
* ``combinations``: every combination of padding, strides, dilation, groups or
  output_padding, data_format and a None axis, for each of the four layers;
* a hypothesis test over random settings, valid or not: the formulas and Keras
  give the same figures, or both refuse.

Keras is only asked symbolically (``keras.Input``): shapes are inferred and the
weights built, nothing is run, so every answer here is Keras's Python code and
the same on every CPU. The refusal of an input shorter than its window is
convlab's own, checked against the formula (no output step) as well.
"""

from __future__ import annotations

import itertools
import json
import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlab import arithmetic
from convlab.errors import InputError
from convlab.shapelab import keras_check
from convlab.shapelab.layerspec import LayerSpec
from convlab.shapelab.windows import transposed_window
from tests.cli import run_cli


def figures_or_refusal(spec: LayerSpec) -> tuple[object, ...] | str:
    """(output, kernel, params) by the formulas, or the catalogue key of convlab's refusal."""
    try:
        spec.check()
    except InputError as err:
        return err.key
    return spec.output_shape, spec.kernel_shape, spec.params


def keras_figures(spec: LayerSpec) -> tuple[object, ...] | None:
    """(output, kernel, params) of the real layer, or None if Keras refuses it."""
    built = keras_check.build(spec)
    if isinstance(built, keras_check.Refused):
        assert built.message and "\n" not in built.message
        return None
    return built.output_shape, built.kernel_shape, built.params


# Keras's own test cases ---------------------------------------------------------------------

KERAS_CASES = [
    # conv_test.py, test_conv1d_basic
    (LayerSpec("conv1d", (5, 4), 5, 2), (None, 4, 5)),
    (LayerSpec("conv1d", (4, 4), 6, 2, 1, "same", (2,), groups=2), (None, 4, 6)),
    (LayerSpec("conv1d", (4, 4), 6, 2, 1, "causal", (2,), groups=2), (None, 4, 6)),
    (LayerSpec("conv1d", (5, 4), 6, 2, (2,), "valid", 1, groups=2), (None, 2, 6)),
    # conv_test.py, test_conv2d_basic
    (LayerSpec("conv2d", (5, 5, 4), 5, 2), (None, 4, 4, 5)),
    (LayerSpec("conv2d", (4, 4, 4), 6, 2, 1, "same", (2, 2), groups=2), (None, 4, 4, 6)),
    (LayerSpec("conv2d", (5, 5, 4), 6, (2, 2), (2, 1), "valid", (1, 1), groups=2), (None, 2, 4, 6)),
    # conv_test.py, the named shape cases (None batch in their input)
    (LayerSpec("conv1d", (5, 4), 6, 3), (None, 3, 6)),
    (LayerSpec("conv1d", (5, 4), 6, 2, 2, groups=2), (None, 2, 6)),
    # conv_transpose_test.py, test_conv1d_transpose_basic
    (LayerSpec("conv1d_transpose", (8, 4), 5, 2, 2), (None, 16, 5)),
    (
        LayerSpec("conv1d_transpose", (8, 4), 6, 2, 3, "same", (1,), output_padding=2),
        (None, 23, 6),
    ),
    (LayerSpec("conv1d_transpose", (8, 4), 6, (2,), (2,)), (None, 16, 6)),
    # conv_transpose_test.py, test_conv2d_transpose_basic
    (LayerSpec("conv2d_transpose", (8, 8, 4), 5, 2, 2), (None, 16, 16, 5)),
    (
        LayerSpec("conv2d_transpose", (8, 8, 4), 6, 2, 3, "same", (1, 1), output_padding=2),
        (None, 23, 23, 6),
    ),
    (
        LayerSpec("conv2d_transpose", (4, 8, 8), 6, (2, 3), (2, 1), data_format="channels_first"),
        (None, 6, 16, 10),
    ),
    (LayerSpec("conv2d_transpose", (14, 14, 2), 2, (7, 7), (16, 16)), (None, 224, 224, 2)),
    # conv_transpose_test.py, test_shape_inference_static_unknown_shape
    (LayerSpec("conv2d_transpose", (None, None, 3), 2, 3, 2, "same", 1), (None, None, None, 2)),
    (LayerSpec("conv2d_transpose", (None, None, 3), 2, 2, 3, output_padding=1), (None,) * 3 + (2,)),
]


@pytest.mark.parametrize(("spec", "expected"), KERAS_CASES, ids=[s.call() for s, _ in KERAS_CASES])
def test_keras_own_test_cases(spec: LayerSpec, expected: tuple[int | None, ...]) -> None:
    figures = figures_or_refusal(spec)
    assert not isinstance(figures, str), figures
    assert figures[0] == expected  # the figure Keras's own test expects
    assert figures == keras_figures(spec)


KERAS_REFUSALS = [
    # conv_test.py and conv_transpose_test.py, test_bad_init_args; then what the issue lists.
    (LayerSpec("conv1d", (5, 4), 0, 1), "err.shape_positive"),
    (LayerSpec("conv2d", (5, 5, 4), 2, (1, 0)), "err.shape_positive"),
    (LayerSpec("conv2d", (5, 5, 4), 2, (2, 2), (1, 0)), "err.shape_positive"),
    (LayerSpec("conv2d", (5, 5, 4), 2, (2, 2), 2, dilation_rate=(2, 1)), "err.strides_dilation"),
    (LayerSpec("conv2d", (5, 5, 4), 5, (2, 2), groups=0), "err.shape_positive"),
    (LayerSpec("conv2d", (5, 5, 4), 5, (2, 2), groups=2), "err.shape_groups"),
    (LayerSpec("conv1d_transpose", (5, 4), 0, 1), "err.shape_positive"),
    (LayerSpec("conv2d_transpose", (5, 5, 4), 2, (1, 0)), "err.shape_positive"),
    (LayerSpec("conv1d_transpose", (5, 4), 2, 3, 2, output_padding=2), "err.shape_output_padding"),
    (
        LayerSpec("conv2d_transpose", (5, 5, 4), 2, 3, (2, 3), output_padding=(1, 3)),
        "err.shape_output_padding",
    ),
    (
        LayerSpec("conv2d_transpose", (5, 5, 4), 16, 3, (1, 1), output_padding=1),
        "err.shape_output_padding",
    ),
    (
        LayerSpec("conv2d_transpose", (5, 5, 4), 2, (2, 2), 2, dilation_rate=(2, 1)),
        "err.strides_dilation",
    ),
    (LayerSpec("conv1d", (9, 5), 4, 3, groups=2), "err.shape_groups"),
    (LayerSpec("conv1d", (9, None), 4, 3), "err.shape_none_channels"),
    (
        LayerSpec("conv2d", (None, 9, 9), 4, 3, data_format="channels_first"),
        "err.shape_none_channels",
    ),
    (LayerSpec("conv1d_transpose", (9, None), 4, 3), "err.shape_none_channels"),
    (LayerSpec("conv1d_transpose", (9, 4), 4, 3, groups=2), "err.shape_no_argument"),
    (LayerSpec("conv1d", (9, 4), 4, 3, output_padding=0), "err.shape_no_argument"),
    (LayerSpec("conv1d_transpose", (9, 4), 4, 3, padding="causal"), "err.shape_causal"),
    (LayerSpec("conv1d_transpose", (9, 4), 4, 3, output_padding=-1), "err.shape_negative"),
    (LayerSpec("conv2d", (2, 9, 4), 4, 3), "err.shape_too_short"),
    (LayerSpec("conv1d", (None, 4), 4, -3), "err.shape_positive"),
]


@pytest.mark.parametrize(("spec", "key"), KERAS_REFUSALS, ids=[s.call() for s, _ in KERAS_REFUSALS])
def test_keras_refusals_are_convlab_refusals(spec: LayerSpec, key: str) -> None:
    assert figures_or_refusal(spec) == key
    assert keras_figures(spec) is None
    with pytest.raises(InputError) as err:
        spec.check()
    assert err.value.say("zh") != err.value.say("en")


def test_empty_transposed_output_is_refused_though_keras_builds_it() -> None:
    """'same', an even kernel and output_padding 0 on one cell: Keras makes a 0-step axis."""
    spec = LayerSpec("conv1d_transpose", (1, 4), 3, 2, padding="same", output_padding=0)
    assert arithmetic.transposed_length(1, 2, "same", 1, 1, 0) == 0
    assert figures_or_refusal(spec) == "err.shape_empty_output"
    figures = keras_figures(spec)
    assert figures is not None and figures[0] == (None, 0, 3)


# Every combination -----------------------------------------------------------------------------


def combinations(layer: str) -> list[LayerSpec]:
    """Every padding × strides × dilation × groups or output_padding × data_format × None axis."""
    rank = 2 if layer.startswith("conv2d") else 1
    transposed = layer.endswith("_transpose")
    paddings = ("valid", "same", "causal") if layer == "conv1d" else ("valid", "same")
    extras = (
        [{"output_padding": op} for op in (None, 0, 1)]
        if transposed
        else [{"groups": g} for g in (1, 2)]
    )
    specs = []
    for padding, s, d, extra, data_format, variable in itertools.product(
        paddings, (1, 2), (1, 2), extras, ("channels_last", "channels_first"), (False, True)
    ):
        spatial = (None if variable else 7, *(6,) * (rank - 1))
        shape = (4, *spatial) if data_format == "channels_first" else (*spatial, 4)
        specs.append(LayerSpec(layer, shape, 6, 3, s, padding, d, data_format, **extra))
    return specs


@pytest.mark.parametrize("layer", ["conv1d", "conv2d", "conv1d_transpose", "conv2d_transpose"])
def test_every_combination_agrees_with_keras_or_both_refuse(layer: str) -> None:
    specs = combinations(layer)
    differ = []
    for spec in specs:
        ours, theirs = figures_or_refusal(spec), keras_figures(spec)
        if (theirs if isinstance(ours, str) else ours) != theirs:
            differ.append((spec.call(), spec.input_shape, ours, theirs))
    assert not differ
    refused = [spec for spec in specs if isinstance(figures_or_refusal(spec), str)]
    assert 0 < len(refused) < len(specs)  # the table holds both kinds


# Random settings, valid or not ----------------------------------------------------------------


@st.composite
def any_specs(draw: st.DrawFn) -> LayerSpec:
    """Any settings a user might type in the ranges of a small layer, many of them refused."""
    layer = draw(st.sampled_from(["conv1d", "conv2d", "conv1d_transpose", "conv2d_transpose"]))
    rank = 2 if layer.startswith("conv2d") else 1
    transposed = layer.endswith("_transpose")
    sizes = st.one_of(st.none(), st.integers(1, 9)) if draw(st.booleans()) else st.integers(1, 9)
    spatial = tuple(draw(sizes) for _ in range(rank))
    channels = draw(st.integers(1, 6))
    data_format = draw(st.sampled_from(["channels_last", "channels_first"]))
    shape = (channels, *spatial) if data_format == "channels_first" else (*spatial, channels)

    def per_axis(low: int, high: int) -> int | tuple[int, ...]:
        if draw(st.booleans()):
            return draw(st.integers(low, high))
        return tuple(draw(st.integers(low, high)) for _ in range(rank))

    extra: dict[str, object] = {}
    if transposed and draw(st.booleans()):
        extra["output_padding"] = per_axis(0, 2)
    elif not transposed:
        extra["groups"] = draw(st.integers(1, 3))
    return LayerSpec(
        layer,
        shape,
        draw(st.integers(1, 6)),
        per_axis(1, 4),
        per_axis(1, 3),
        draw(
            st.sampled_from(["valid", "same", "causal"] if layer == "conv1d" else ["valid", "same"])
        ),
        per_axis(1, 3),
        data_format,
        **extra,
    )


@settings(deadline=None, max_examples=150)
@given(spec=any_specs())
def test_formula_equals_keras_or_both_refuse(spec: LayerSpec) -> None:
    ours, theirs = figures_or_refusal(spec), keras_figures(spec)
    if ours == "err.shape_empty_output":  # Keras builds a 0-step axis; convlab says why not
        assert theirs is not None and 0 in theirs[0]
        return
    if isinstance(ours, str):
        assert theirs is None, (ours, theirs)
        if ours == "err.shape_too_short":  # convlab's own refusal, from the formula
            axes = zip(
                spec.spatial,
                spec.kernel,
                spec.normalised("strides"),
                spec.normalised("dilation_rate"),
                strict=True,
            )
            lengths = [
                arithmetic.output_length(size, k, spec.padding, s, d)
                for size, k, s, d in axes
                if size is not None
            ]
            assert min(lengths) <= 0
        return
    assert ours == theirs
    _, kernel, params = ours
    assert params == math.prod(kernel) + spec.filters
    for size, out in zip(spec.spatial, spec.output_sizes(), strict=True):
        assert (size is None) == (out is None)  # None stays None, every known axis is known
    if spec.transposed:
        assert kernel[-2:] == (spec.filters, spec.in_channels)
    else:
        assert kernel[-2:] == (spec.in_channels // spec.groups, spec.filters)
    for line, size in zip(spec.formulas(), spec.spatial, strict=True):
        assert line.rsplit("= ", 1)[-1].isdigit() == (size is not None)


# The transposed picture computes what Keras computes ---------------------------------------------


@settings(deadline=None, max_examples=40)
@given(
    length=st.integers(1, 5),
    k=st.integers(1, 4),
    s=st.integers(1, 3),
    padding=st.sampled_from(["valid", "same"]),
    data=st.data(),
)
def test_transposed_picture_windows_give_keras_values(length, k, s, padding, data) -> None:
    """Every output of a Conv1DTranspose is its window in the picture times the flipped kernel.

    Run on a real (channels_last) batch, compared within a tolerance: TensorFlow
    and NumPy add the products in different orders. Only where TensorFlow runs
    the layer on every CPU (measured here, with and without oneDNN): no
    dilation (plain TensorFlow has no dilated transpose on a CPU) and an output
    at least as long as the spread input (shorter ones, from 'same' with an
    even kernel and output_padding=0, abort on both).
    """
    op = data.draw(st.one_of(st.none(), st.integers(0, s - 1)))
    spec = LayerSpec("conv1d_transpose", (length, 1), 1, k, s, padding, output_padding=op)
    if figures_or_refusal(spec) == "err.shape_empty_output":
        return
    if spec.output_sizes()[0] < (length - 1) * s + 1:
        return
    shown, labels = transposed_window(length, k, s, 1, padding, op)
    if shown.cut:
        return  # the picture shows only the first windows; those are checked elsewhere
    layer = keras_check.layer(spec)
    x = np.arange(1, length + 1, dtype="float32").reshape(1, length, 1)
    y = np.asarray(layer(x))[0, :, 0]
    kernel, bias = layer.get_weights()
    spread = np.zeros(shown.total, "float32")
    spread[shown.before : shown.before + shown.length : s] = x[0, :, 0]
    assert [int(v) for v in spread[shown.before : shown.before + shown.length]] == [
        0 if label == "0" else int(label[1:]) + 1 for label in labels
    ]
    by_picture = spread[shown.read] @ kernel[::-1, 0, 0] + bias[0]
    assert len(y) == shown.outputs == spec.output_sizes()[0]
    np.testing.assert_allclose(by_picture, y, rtol=1e-5, atol=1e-5)


# The command line ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "spec"),
    [
        (["--layer", "conv1d", "--input", "None,300"], LayerSpec("conv1d", (None, 300), 4, 3)),
        (
            ["--layer", "conv1d", "--input", "9,6", "--groups", "2"],
            LayerSpec("conv1d", (9, 6), 4, 3, groups=2),
        ),
        (
            [
                "--layer",
                "conv1d_transpose",
                "--input",
                "5,4",
                "--strides",
                "2",
                "--padding",
                "same",
                "--output-padding",
                "0",
            ],
            LayerSpec("conv1d_transpose", (5, 4), 4, 3, 2, "same", output_padding=0),
        ),
    ],
)
def test_cli_takes_the_new_arguments(
    args: list[str], spec: LayerSpec, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(capsys, "shape", *args, "--filters", "4", "--kernel", "3", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    spec.check()
    assert report["output_shape"] == list(spec.output_shape)
    assert report["kernel_shape"] == list(spec.kernel_shape)
    assert report["params"] == spec.params
    assert report["formula"] == spec.formulas()
    assert report["layer"] == spec.call()


def test_cli_refuses_none_channels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "shape", "--layer", "conv1d", "--input", "9,None", "--filters", "4", "--kernel", "3"
    )
    assert (code, out) == (2, "")
    assert err.startswith("error: Conv1D needs to know its channels")
