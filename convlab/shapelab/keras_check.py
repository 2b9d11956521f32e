"""The Shape lab's figures from a real Keras layer, built on the fly.

Importing this module imports TensorFlow. Nothing is executed: ``keras.Input``
makes a symbolic batch, so Keras infers shapes and builds weights without
running a convolution. That matters for ``channels_first`` layers, which
TensorFlow cannot run on a CPU (Conv1D and Conv2D alike: "only supports the
NHWC tensor format") but whose shapes it infers all the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from convlab.errors import InputError
from convlab.keras_runtime import keras, layer_work
from convlab.shapelab.layerspec import CLASS_NAMES, LayerSpec
from convlab.shapelab.model_shapes import ModelBuilt, Row
from convlab.shapelab.paste import Pasted

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Built:
    """What Keras made of the spec: its shapes and one model.summary() row per layer."""

    output_shape: tuple[int | None, ...]
    kernel_shape: tuple[int, ...]
    params: int
    summary: tuple[tuple[str, str, str, int], ...]
    """(name, class, output shape, parameters) per layer, Input first, as in model.summary()."""

    def agrees(self, spec: LayerSpec) -> bool:
        """Whether Keras's figures are the formulas' figures for ``spec``."""
        return (self.output_shape, self.kernel_shape, self.params) == (
            spec.output_shape,
            spec.kernel_shape,
            spec.params,
        )


@dataclass(frozen=True)
class Refused:
    """Keras would not build the spec: its own message, first line only."""

    message: str


def layer(spec: LayerSpec) -> keras.layers.Layer:
    """The Keras layer the spec describes, settings exactly as given; ValueError if refused.

    ``groups`` goes to Keras whenever it is not 1 and ``output_padding``
    whenever it is set, even to a layer without that argument, so that Keras
    gives its own refusal for them.
    """
    extra: dict[str, object] = {}
    if spec.groups != 1 or not spec.transposed:
        extra["groups"] = spec.groups
    if spec.output_padding is not None or spec.transposed:
        extra["output_padding"] = spec.output_padding
    return getattr(keras.layers, CLASS_NAMES[spec.layer])(
        spec.filters,
        spec.kernel_size,
        strides=spec.strides,
        padding=spec.padding,
        dilation_rate=spec.dilation_rate,
        data_format=spec.data_format,
        name=spec.layer,
        **extra,
    )


@layer_work
def build(spec: LayerSpec) -> Built | Refused:
    """Build ``keras.Input(shape)`` → the layer as a model, and read its figures."""
    try:
        inputs = keras.Input(shape=spec.input_shape, name="input")
        conv = layer(spec)
        model = keras.Model(inputs, conv(inputs), name="shape_lab")
    except (ValueError, TypeError) as err:
        return Refused(_first_line(str(err)))
    return Built(
        output_shape=tuple(conv.output.shape),
        kernel_shape=tuple(conv.kernel.shape),
        params=conv.count_params(),
        summary=tuple(
            (
                part.name,
                type(part).__name__,
                str(tuple(part.output.shape)),
                part.count_params(),
            )
            for part in model.layers
        ),
    )


def _first_line(message: str) -> str:
    """The line that says what is wrong; Keras puts "Exception encountered when calling…" first."""
    lines = [line.strip() for line in _ANSI.sub("", message).splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("Exception encountered when calling"):
        return lines[1]
    return lines[0] if lines else message


@dataclass(frozen=True)
class RoundTrip:
    """How far a convolution followed by a transpose lands from where it started."""

    size: float
    """Mean |x| of the input."""
    gap: float
    """Largest |x − x̂|."""
    mean: float
    """Mean |x − x̂|."""


@layer_work
def round_trip(conv: LayerSpec, transpose: LayerSpec, seed: int) -> RoundTrip:
    """Run x through ``conv`` then ``transpose`` (fresh seeded weights) and measure x̂ − x.

    Both must be channels_last with inputs at least as long as their windows,
    so that TensorFlow computes the same numbers on every CPU.
    """
    keras.utils.set_random_seed(seed)
    x = np.random.default_rng(seed).normal(size=(2, *conv.input_shape)).astype("float32")
    back = np.asarray(layer(transpose)(layer(conv)(x)))
    assert back.shape == x.shape, (back.shape, x.shape)
    gap = np.abs(back - x)
    return RoundTrip(float(np.abs(x).mean()), float(gap.max()), float(gap.mean()))


UNBOUNDED = frozenset(
    {"err.shape_weights", "err.shape_too_big", "err.paste_no_formula", "err.paste_weights"}
)
"""Refusals after which Keras is not asked: the layer's size is unknown or too big."""


@layer_work
def build_model(pasted: Pasted, rows: list[Row | InputError | None]) -> ModelBuilt:
    """Build the pasted model in Keras, layer by layer, symbolically (nothing is run).

    ``rows`` are the formulas' answers: a layer is built only once they have
    bounded its weights. Where the formulas refuse a layer for a reason Keras
    also has, Keras is asked all the same, so that its own message is shown;
    the build stops there.
    """
    tensors: list[keras.KerasTensor] = []
    built: list[tuple[str, str, tuple[int | None, ...], int]] = []
    for i, (layer, row) in enumerate(zip(pasted.layers, rows, strict=True)):
        if row is None or (isinstance(row, InputError) and row.key in UNBOUNDED):
            break
        options = {"name": f"{layer.cls.lower()}_{i}", **layer.options}
        try:
            if layer.cls == "Input":
                tensor = keras.Input(*layer.args, **options)
                built.append((options["name"], "InputLayer", tuple(tensor.shape), 0))
            else:
                part = getattr(keras.layers, layer.cls)(*layer.args, **options)
                feeds = [tensors[j] for j in layer.inputs]
                tensor = part(feeds if layer.cls == "Concatenate" else feeds[0])
                built.append((part.name, layer.cls, tuple(tensor.shape), part.count_params()))
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as err:
            return ModelBuilt(tuple(built), (i, _first_line(str(err))))
        if isinstance(row, InputError):
            break  # Keras built what the formulas refuse: the table shows both, and stops
        tensors.append(tensor)
    return ModelBuilt(tuple(built))
