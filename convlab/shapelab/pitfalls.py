"""Five shape mistakes learners really make, each as the layer they wrote and its fixes.

A preset is data: layer specs and catalogue keys. Every number its
explanation quotes (shapes, kernels, parameter counts, 8000 − k + 1) is
filled in from those specs by :func:`fields`, never written into the text,
and the page checks each version against a real Keras layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from convlab.errors import InputError
from convlab.shapelab.layerspec import LayerSpec, show

GIVEN, FIX, COMPARE = "preset.given", "preset.fix", "preset.compare"
"""What a version is: the layer as the learner wrote it, a fix, or a layer to compare with."""


@dataclass(frozen=True)
class Version:
    role: str
    """GIVEN, FIX or COMPARE: a catalogue key."""
    spec: LayerSpec

    def code(self) -> str:
        """One line: the input and the layer, as the learner would type them."""
        return f"Input(shape={show(self.spec.input_shape)}) → {self.spec.call()}"


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    """Catalogue key of the button text; it too takes the numbers from :func:`fields`."""
    story: str
    """Catalogue key: what happens and why, with the numbers from :func:`fields`."""
    fix: str
    """Catalogue key: what to change, with the numbers from :func:`fields`."""
    versions: tuple[Version, ...]
    """The first is the layer as written; loading the preset loads it into the controls."""
    round_trip: tuple[int, int] | None = None
    """(convolution, transpose): versions whose values the page compares on a real batch."""


def _image(shape: tuple[int, ...], data_format: str = "channels_last") -> LayerSpec:
    return LayerSpec("conv2d", shape, 10, (8, 8), padding="same", data_format=data_format)


def _signal(shape: tuple[int, ...], kernel: int) -> LayerSpec:
    return LayerSpec("conv1d", shape, 16, kernel)


def _sensors(shape: tuple[int, ...], data_format: str = "channels_last") -> LayerSpec:
    return LayerSpec("conv1d", shape, 8, 3, data_format=data_format)


def _sentence(kernel: int) -> LayerSpec:
    return LayerSpec("conv1d", (9, 300), 4, kernel)


def _decoder(output_padding: int | None) -> LayerSpec:
    """The transpose that undoes ``_downsampled``'s shape: same kernel, strides and padding."""
    return LayerSpec("conv1d_transpose", (5, 4), 300, 3, 2, "same", output_padding=output_padding)


_downsampled = LayerSpec("conv1d", (9, 300), 4, 3, 2, "same")


PRESETS: tuple[Preset, ...] = (
    Preset(
        "image",
        "preset.image.title",
        "preset.image.story",
        "preset.image.fix",
        (
            Version(GIVEN, _image((1, 32, 32))),
            Version(FIX, _image((32, 32, 1))),
            Version(FIX, _image((1, 32, 32), "channels_first")),
        ),
    ),
    Preset(
        "signal",
        "preset.signal.title",
        "preset.signal.story",
        "preset.signal.fix",
        (
            Version(GIVEN, _signal((1, 8000), 1)),
            Version(GIVEN, _signal((1, 8000), 3)),
            Version(FIX, _signal((8000, 1), 1)),
            Version(FIX, _signal((8000, 1), 3)),
        ),
    ),
    Preset(
        "order",
        "preset.order.title",
        "preset.order.story",
        "preset.order.fix",
        (
            Version(GIVEN, _sensors((3, 100))),
            Version(FIX, _sensors((3, 100), "channels_first")),
            Version(FIX, _sensors((100, 3))),
        ),
    ),
    Preset(
        "twins",
        "preset.twins.title",
        "preset.twins.story",
        "preset.twins.fix",
        (
            Version(GIVEN, LayerSpec("conv1d", (600, 300), 64, 3)),
            Version(COMPARE, LayerSpec("conv2d", (600, 300, 1), 64, (3, 300))),
        ),
    ),
    Preset(
        "pointwise",
        "preset.pointwise.title",
        "preset.pointwise.story",
        "preset.pointwise.fix",
        (Version(GIVEN, _sentence(1)), Version(COMPARE, _sentence(3))),
    ),
    Preset(
        "transpose",
        "preset.transpose.title",
        "preset.transpose.story",
        "preset.transpose.fix",
        (
            Version(GIVEN, _downsampled),
            Version(COMPARE, _decoder(None)),
            Version(FIX, _decoder(0)),
        ),
        round_trip=(0, 2),
    ),
)
BY_KEY = {preset.key: preset for preset in PRESETS}
KEYS = tuple(BY_KEY)


def fields(preset: Preset) -> dict[str, str]:
    """The numbers a preset's texts quote, suffixed by version: ``out0``, ``params2``, …

    For every version: ``in``, ``call``, ``channels`` (what Keras reads as
    channels), ``length`` and ``k`` (first spatial axis and its kernel),
    ``ks`` (the whole kernel_size), ``sizes`` (the spatial sizes, ``1×32``)
    and ``filters``; for versions Keras builds, also ``out``, ``kernel``,
    ``params``, ``sum`` (the parameter count's terms), ``weights`` (kernel
    entries), ``new`` and ``new_last`` (first and last output sizes).
    """
    values: dict[str, str] = {}
    for i, version in enumerate(preset.versions):
        spec = version.spec
        values |= {
            f"in{i}": show(spec.input_shape),
            f"call{i}": spec.call(),
            f"channels{i}": f"{spec.in_channels:,}",
            f"length{i}": f"{spec.spatial[0]:,}",
            f"sizes{i}": "×".join(str(size) for size in spec.spatial),
            f"k{i}": str(spec.kernel[0]),
            f"ks{i}": show(spec.kernel),
            f"filters{i}": str(spec.filters),
        }
        try:
            spec.check()
        except InputError:
            continue
        values |= {
            f"out{i}": show(spec.output_shape),
            f"kernel{i}": show(spec.kernel_shape),
            f"params{i}": f"{spec.params:,}",
            f"sum{i}": spec.params_terms(),
            f"weights{i}": f"{math.prod(spec.kernel_shape):,}",
            f"new{i}": f"{spec.output_sizes()[0]:,}",
            f"new_last{i}": f"{spec.output_sizes()[-1]:,}",
        }
    return values
