"""A Conv1D or Conv2D layer as Keras reads it: which axis is which, and what comes out.

Pure Python, so the Shape lab can show every formula the moment a setting
changes; :mod:`convlab.shapelab.keras_check` builds the same layer in Keras and the
tests hold the two to agreement. The settings are kept exactly as given (an
int or a tuple), because Keras treats ``3`` and ``(3,)`` differently for a
Conv2D: the first becomes ``(3, 3)``, the second is refused. :meth:`LayerSpec.check`
refuses what Keras would refuse, and a little more (empty axes, sizes too big
to build), each with a catalogue key that says what to change.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from convlab import arithmetic
from convlab.errors import InputError

Ints = int | tuple[int, ...]

LAYERS = ("conv1d", "conv2d")
DATA_FORMATS = ("channels_last", "channels_first")
CLASS_NAMES = {"conv1d": "Conv1D", "conv2d": "Conv2D"}
SPATIAL_AXES = {"conv1d": ("steps",), "conv2d": ("rows", "cols")}
"""Each layer's spatial axes, named as Keras's docs name them (new_steps, new_rows, new_cols)."""

MAX_SIZE = 100_000
"""Largest single number accepted for a size, a kernel, a stride or a dilation."""
MAX_FILTERS = 4096
MAX_WEIGHTS = 10_000_000
"""Largest kernel (40 MB of float32) that the Keras check may build in a shared server."""
MAX_TEXT = 60
"""Longest text accepted for one tuple setting such as ``1, 32, 32``."""

_INTS = re.compile(r"-?\d+(?:\s*,\s*-?\d+)*\s*(?P<comma>,?)")


def parse_ints(text: str, name: str = "value") -> Ints:
    """``8`` → 8, ``8, 8`` / ``(8, 8)`` / ``[8]`` / ``8,`` → a tuple, as Python would read them.

    A bare number stays an int and anything with a comma or square brackets
    is a tuple, so the distinction Keras makes between ``3`` and ``(3,)`` survives.
    Zero and negative numbers pass: refusing them is :meth:`LayerSpec.check`'s job.
    """
    body = text.strip()
    brackets = body[:1] + body[-1:]
    if brackets in ("()", "[]"):
        body = body[1:-1].strip()
    match = _INTS.fullmatch(body) if len(text) <= MAX_TEXT else None
    if match is None:
        raise InputError("err.shape_ints", name=name, text=text[:MAX_TEXT])
    numbers = tuple(int(part) for part in body.rstrip(",").split(","))
    if len(numbers) == 1 and not match["comma"] and brackets != "[]":
        return numbers[0]
    return numbers


def checked_text(text: str) -> str:
    """``text`` itself if it reads as integers (for settings arriving in a URL); else InputError."""
    parse_ints(text)
    return text


def as_tuple(value: Ints) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,)


def show(shape: tuple[int | None, ...]) -> str:
    """A shape as Python prints it: ``(None, 1, 32, 10)``, ``(3,)``."""
    return str(tuple(shape))


@dataclass(frozen=True)
class LayerSpec:
    """``keras.Input(shape=input_shape)`` followed by one Conv1D or Conv2D, settings as given."""

    layer: str = "conv1d"
    input_shape: tuple[int, ...] = (9, 300)
    filters: int = 4
    kernel_size: Ints = 3
    strides: Ints = 1
    padding: str = "valid"
    dilation_rate: Ints = 1
    data_format: str = "channels_last"

    @classmethod
    def from_text(
        cls,
        layer: str,
        input_shape: str,
        filters: int,
        kernel_size: str,
        strides: str = "1",
        padding: str = "valid",
        dilation_rate: str = "1",
        data_format: str = "channels_last",
    ) -> LayerSpec:
        """The spec behind the page's text boxes and the CLI options; InputError if not numbers."""
        return cls(
            layer=layer,
            input_shape=as_tuple(parse_ints(input_shape, "input shape")),
            filters=filters,
            kernel_size=parse_ints(kernel_size, "kernel_size"),
            strides=parse_ints(strides, "strides"),
            padding=padding,
            dilation_rate=parse_ints(dilation_rate, "dilation_rate"),
            data_format=data_format,
        )

    # What Keras reads ------------------------------------------------------------

    @property
    def rank(self) -> int:
        """Spatial axes: 1 for Conv1D, 2 for Conv2D."""
        return len(SPATIAL_AXES[self.layer])

    @property
    def channels_axis(self) -> int:
        """Index in ``input_shape`` (batch excluded) that Keras reads as channels."""
        return 0 if self.data_format == "channels_first" else self.rank

    @property
    def in_channels(self) -> int:
        return self.input_shape[self.channels_axis]

    @property
    def spatial(self) -> tuple[int, ...]:
        """The input's spatial sizes, in order."""
        start = 1 if self.data_format == "channels_first" else 0
        return self.input_shape[start : start + self.rank]

    def roles(self) -> list[str]:
        """What each input axis is, batch first: e.g. batch, rows, cols, channels."""
        spatial = list(SPATIAL_AXES[self.layer])
        if self.data_format == "channels_first":
            return ["batch", "channels", *spatial]
        return ["batch", *spatial, "channels"]

    def normalised(self, name: str) -> tuple[int, ...]:
        """kernel_size, strides or dilation_rate as the tuple Keras makes of it: 3 → (3, 3)."""
        value = getattr(self, name)
        return value if isinstance(value, tuple) else (value,) * self.rank

    @property
    def kernel(self) -> tuple[int, ...]:
        return self.normalised("kernel_size")

    # Validation ------------------------------------------------------------------------

    def check(self) -> LayerSpec:
        """Self, if Keras would build this layer and every axis holds data; else InputError.

        The checks run in the order a learner can act on them: choices, the
        number of input axes, tuple lengths, sizes, what Keras cannot combine,
        and finally whether the window fits.
        """
        for name, value, allowed in (
            ("layer", self.layer, LAYERS),
            ("data_format", self.data_format, DATA_FORMATS),
            ("padding", self.padding, arithmetic.PADDINGS),
        ):
            if value not in allowed:
                raise InputError("err.choice", name=name, value=value)
        cls = CLASS_NAMES[self.layer]
        if len(self.input_shape) != self.rank + 1:
            raise InputError(
                "err.shape_rank",
                layer=cls,
                expected=self.rank + 1,
                got=len(self.input_shape),
                shape=show(self.input_shape),
                roles=f"({', '.join(self.roles()[1:])})",
            )
        for name in ("kernel_size", "strides", "dilation_rate"):
            value = getattr(self, name)
            if isinstance(value, tuple) and len(value) != self.rank:
                raise InputError(
                    "err.shape_tuple", name=name, layer=cls, rank=self.rank, value=show(value)
                )
        self._check_sizes()
        if self.padding == "causal" and self.layer != "conv1d":
            raise InputError("err.shape_causal", layer=cls)
        strides, dilation = self.normalised("strides"), self.normalised("dilation_rate")
        if max(strides) > 1 and max(dilation) > 1:
            raise InputError("err.strides_dilation", strides=strides, dilation=dilation)
        if self.padding == "valid":
            for axis, size, k, d in zip(
                self.axis_names(), self.spatial, self.kernel, dilation, strict=True
            ):
                span = arithmetic.receptive_field(k, d)
                if size < span:
                    raise InputError(
                        "err.shape_too_short", axis=axis, size=size, span=span, k=k, d=d
                    )
        return self

    def _check_sizes(self) -> None:
        numbers = {
            "input shape": self.input_shape,
            "filters": (self.filters,),
            "kernel_size": as_tuple(self.kernel_size),
            "strides": as_tuple(self.strides),
            "dilation_rate": as_tuple(self.dilation_rate),
        }
        for name, values in numbers.items():
            for value in values:
                if value < 1:
                    raise InputError("err.shape_positive", name=name, value=value)
                most = MAX_FILTERS if name == "filters" else MAX_SIZE
                if value > most:
                    raise InputError("err.shape_too_big", name=name, value=value, most=most)
        weights = math.prod(self.kernel) * self.in_channels * self.filters
        if weights > MAX_WEIGHTS:
            raise InputError("err.shape_weights", weights=f"{weights:,}", most=f"{MAX_WEIGHTS:,}")

    @property
    def too_big(self) -> bool:
        """True if Keras might allocate more than a shared server should give to this layer.

        Only such layers are kept from Keras; for every other refused layer the
        page shows Keras's own message next to convlab's. When the input has the
        wrong number of axes the channels are unknown, so the largest size stands in.
        """
        numbers = (
            *self.input_shape,
            *as_tuple(self.kernel_size),
            *as_tuple(self.strides),
            *as_tuple(self.dilation_rate),
        )
        if self.filters > MAX_FILTERS or max(numbers) > MAX_SIZE:
            return True
        channels = (
            self.in_channels if len(self.input_shape) == self.rank + 1 else max(self.input_shape)
        )
        kernel = math.prod(abs(k) for k in self.kernel)
        return kernel * abs(channels) * abs(self.filters) > MAX_WEIGHTS

    # Arithmetic (only for a checked spec) -----------------------------------------

    def axis_names(self) -> tuple[str, ...]:
        return SPATIAL_AXES[self.layer]

    def output_sizes(self) -> tuple[int, ...]:
        return tuple(
            arithmetic.output_length(size, k, self.padding, s, d) for size, k, s, d in self._axes()
        )

    def _axes(self) -> Iterator[tuple[int, int, int, int]]:
        """(input size, kernel, stride, dilation) per spatial axis."""
        return zip(
            self.spatial,
            self.kernel,
            self.normalised("strides"),
            self.normalised("dilation_rate"),
            strict=True,
        )

    @property
    def output_shape(self) -> tuple[int | None, ...]:
        """With batch None, channels where data_format puts them."""
        if self.data_format == "channels_first":
            return (None, self.filters, *self.output_sizes())
        return (None, *self.output_sizes(), self.filters)

    @property
    def kernel_shape(self) -> tuple[int, ...]:
        """kernel_size + (in_channels, filters)."""
        return (*self.kernel, self.in_channels, self.filters)

    @property
    def params(self) -> int:
        """prod(kernel_size)·in_channels·filters weights + filters biases."""
        return math.prod(self.kernel) * self.in_channels * self.filters + self.filters

    def formulas(self) -> list[str]:
        """Per spatial axis, the output size with its formula and real numbers."""
        return [
            f"{axis}: " + arithmetic.formula(size, k, self.padding, s, d, name=f"new_{axis}")
            for axis, (size, k, s, d) in zip(self.axis_names(), self._axes(), strict=True)
        ]

    def kernel_formula(self) -> str:
        """How kernel_size becomes a tuple and the kernel shape is assembled."""
        given = self.kernel_size
        tuple_of = f"kernel_size={given} → {show(self.kernel)}"
        if given == self.kernel:
            tuple_of = f"kernel_size={show(self.kernel)}"
        return (
            f"{tuple_of}; in_channels = input_shape[{self.channels_axis}] = {self.in_channels}; "
            f"kernel = {show(self.kernel)} + ({self.in_channels}, {self.filters})"
            f" = {show(self.kernel_shape)}"
        )

    def params_terms(self) -> str:
        """The parameter count's terms with real numbers: ``8·8·32·10 + 10``."""
        factors = "·".join(str(k) for k in self.kernel)
        return f"{factors}·{self.in_channels}·{self.filters} + {self.filters}"

    def params_formula(self) -> str:
        return (
            "prod(kernel_size)·in_channels·filters + filters = "
            f"{self.params_terms()} = {self.params:,}"
        )

    def call(self) -> str:
        """The layer as Keras 3 code, only the settings that differ from Keras's defaults."""
        args = [str(self.filters), str(self.kernel_size)]
        for name, default in (
            ("strides", 1),
            ("padding", "valid"),
            ("dilation_rate", 1),
            ("data_format", "channels_last"),
        ):
            value = getattr(self, name)
            if value not in (default, (default,) * self.rank):
                args.append(f"{name}={value!r}")
        return f"{CLASS_NAMES[self.layer]}({', '.join(args)})"

    def code(self) -> str:
        """Keras code that builds this model, as the Keras check runs it."""
        return (
            "import keras\n\n"
            f"inputs = keras.Input(shape={show(self.input_shape)})\n"
            f"outputs = keras.layers.{self.call()}(inputs)\n"
            "model = keras.Model(inputs, outputs)\n"
            "model.summary()\n"
        )
