"""A Conv1D/Conv2D layer or its transpose as Keras reads it: which axis is which, what comes out.

Pure Python, so the Shape lab can show every formula the moment a setting
changes; :mod:`convlab.shapelab.keras_check` builds the same layer in Keras and the
tests hold the two to agreement. The settings are kept exactly as given (an
int or a tuple), because Keras treats ``3`` and ``(3,)`` differently for a
Conv2D: the first becomes ``(3, 3)``, the second is refused. :meth:`LayerSpec.check`
refuses what Keras would refuse, and a little more (empty axes, sizes too big
to build), each with a catalogue key that says what to change.

A spatial axis may be None (``Input(shape=(None, 300))``, sentences of any
length): its output size is None too and its formula stays symbolic, while
the kernel and the parameters, which never depend on it, stay exact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from convlab import arithmetic
from convlab.errors import InputError

Ints = int | tuple[int, ...]

Shape = tuple[int | None, ...]

LAYERS = ("conv1d", "conv2d", "conv1d_transpose", "conv2d_transpose")
DATA_FORMATS = ("channels_last", "channels_first")
CLASS_NAMES = {
    "conv1d": "Conv1D",
    "conv2d": "Conv2D",
    "conv1d_transpose": "Conv1DTranspose",
    "conv2d_transpose": "Conv2DTranspose",
}
SPATIAL_AXES = {
    "conv1d": ("steps",),
    "conv2d": ("rows", "cols"),
    "conv1d_transpose": ("steps",),
    "conv2d_transpose": ("rows", "cols"),
}
"""Each layer's spatial axes, named as Keras's docs name them (new_steps, new_rows, new_cols)."""

MAX_SIZE = 100_000
"""Largest single number accepted for a size, a kernel, a stride or a dilation."""
MAX_FILTERS = 4096
MAX_WEIGHTS = 10_000_000
"""Largest kernel (40 MB of float32) that the Keras check may build in a shared server."""
MAX_TEXT = 60
"""Longest text accepted for one tuple setting such as ``1, 32, 32``."""

_INTS = re.compile(r"(?:-?\d+|None)(?:\s*,\s*(?:-?\d+|None))*\s*(?P<comma>,?)")


def parse_ints(text: str, name: str = "value", *, none: bool = False) -> Ints:
    """``8`` → 8, ``8, 8`` / ``(8, 8)`` / ``[8]`` / ``8,`` → a tuple, as Python would read them.

    A bare number stays an int and anything with a comma or square brackets
    is a tuple, so the distinction Keras makes between ``3`` and ``(3,)`` survives.
    Zero and negative numbers pass: refusing them is :meth:`LayerSpec.check`'s job.
    ``none`` lets ``None`` stand for a number (an input shape's variable-length axes).
    """
    body = text.strip()
    brackets = body[:1] + body[-1:]
    if brackets in ("()", "[]"):
        body = body[1:-1].strip()
    match = _INTS.fullmatch(body) if len(text) <= MAX_TEXT else None
    if match is None or (not none and "None" in body):
        raise InputError("err.shape_ints", name=name, text=text[:MAX_TEXT])
    numbers = tuple(
        None if part.strip() == "None" else int(part) for part in body.rstrip(",").split(",")
    )
    if len(numbers) == 1 and not match["comma"] and brackets != "[]":
        return numbers[0]
    return numbers


def parse_optional(text: str, name: str = "value") -> Ints | None:
    """None for ``None`` (Keras's default for output_padding), else :func:`parse_ints`."""
    return None if text.strip() == "None" else parse_ints(text, name)


def checked_optional(text: str) -> str:
    """``text`` itself if it reads as None or integers (a URL's output_padding); else InputError."""
    parse_optional(text)
    return text


def checked_text(text: str) -> str:
    """``text`` itself if it reads as integers (for settings arriving in a URL); else InputError."""
    parse_ints(text, none=True)
    return text


def as_tuple(value: Ints) -> tuple[int, ...]:
    return value if isinstance(value, tuple) else (value,)


def show(shape: Shape) -> str:
    """A shape as Python prints it: ``(None, 1, 32, 10)``, ``(3,)``."""
    return str(tuple(shape))


@dataclass(frozen=True)
class LayerSpec:
    """``keras.Input(shape=input_shape)`` followed by one convolution layer, settings as given."""

    layer: str = "conv1d"
    input_shape: Shape = (9, 300)
    filters: int = 4
    kernel_size: Ints = 3
    strides: Ints = 1
    padding: str = "valid"
    dilation_rate: Ints = 1
    data_format: str = "channels_last"
    groups: int = 1
    """Conv1D/Conv2D only: the channels split into this many independent convolutions."""
    output_padding: Ints | None = None
    """Transposed layers only: cells added after each output axis; None lets Keras choose."""

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
        groups: int = 1,
        output_padding: str = "None",
    ) -> LayerSpec:
        """The spec behind the page's text boxes and the CLI options; InputError if not numbers."""
        return cls(
            layer=layer,
            input_shape=as_tuple(parse_ints(input_shape, "input shape", none=True)),
            filters=filters,
            kernel_size=parse_ints(kernel_size, "kernel_size"),
            strides=parse_ints(strides, "strides"),
            padding=padding,
            dilation_rate=parse_ints(dilation_rate, "dilation_rate"),
            data_format=data_format,
            groups=groups,
            output_padding=parse_optional(output_padding, "output_padding"),
        )

    # What Keras reads ------------------------------------------------------------

    @property
    def transposed(self) -> bool:
        return self.layer.endswith("_transpose")

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
        """Channels Keras reads; a checked spec never has None here."""
        channels = self.input_shape[self.channels_axis]
        assert channels is not None, "check() refuses None channels"
        return channels

    @property
    def spatial(self) -> Shape:
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
        if value is None:  # output_padding left to Keras
            return (None,) * self.rank
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
        for name in ("kernel_size", "strides", "dilation_rate", "output_padding"):
            value = getattr(self, name)
            if isinstance(value, tuple) and len(value) != self.rank:
                raise InputError(
                    "err.shape_tuple", name=name, layer=cls, rank=self.rank, value=show(value)
                )
        if self.input_shape[self.channels_axis] is None:
            raise InputError(
                "err.shape_none_channels",
                layer=cls,
                axis=self.channels_axis,
                shape=show(self.input_shape),
                data_format=self.data_format,
            )
        self._check_arguments(cls)
        self._check_sizes()
        strides, dilation = self.normalised("strides"), self.normalised("dilation_rate")
        if max(strides) > 1 and max(dilation) > 1:
            raise InputError("err.strides_dilation", strides=strides, dilation=dilation)
        for op, s in zip(self.normalised("output_padding"), strides, strict=True):
            if op is not None and op >= s:
                raise InputError("err.shape_output_padding", value=op, strides=s)
        self._check_fit()
        return self

    def _check_arguments(self, cls: str) -> None:
        """Arguments this layer class does not have: Keras refuses them as unknown keywords."""
        if self.padding == "causal" and self.layer != "conv1d":
            raise InputError("err.shape_causal", layer=cls)
        if self.transposed and self.groups != 1:
            raise InputError("err.shape_no_argument", layer=cls, name="groups")
        if not self.transposed and self.output_padding is not None:
            raise InputError("err.shape_no_argument", layer=cls, name="output_padding")

    def _check_fit(self) -> None:
        """Groups divide both channel counts; every known axis yields at least one output."""
        if self.in_channels % self.groups or self.filters % self.groups:
            raise InputError(
                "err.shape_groups",
                groups=self.groups,
                channels=self.in_channels,
                filters=self.filters,
            )
        for axis, (size, k, s, d), op in zip(
            self.axis_names(), self._axes(), self.normalised("output_padding"), strict=True
        ):
            if size is None:
                continue
            span = arithmetic.receptive_field(k, d)
            if self.transposed:
                if arithmetic.transposed_length(size, k, self.padding, s, d, op) < 1:
                    raise InputError("err.shape_empty_output", axis=axis, k=k, op=op)
            elif self.padding == "valid" and size < span:
                raise InputError("err.shape_too_short", axis=axis, size=size, span=span, k=k, d=d)

    def _check_sizes(self) -> None:
        numbers = {
            "input shape": tuple(size for size in self.input_shape if size is not None),
            "filters": (self.filters,),
            "kernel_size": as_tuple(self.kernel_size),
            "strides": as_tuple(self.strides),
            "dilation_rate": as_tuple(self.dilation_rate),
            "groups": (self.groups,),
        }
        for name, values in numbers.items():
            for value in values:
                if value < 1:
                    raise InputError("err.shape_positive", name=name, value=value)
                most = MAX_FILTERS if name in ("filters", "groups") else MAX_SIZE
                if value > most:
                    raise InputError("err.shape_too_big", name=name, value=value, most=most)
        for value in as_tuple(self.output_padding) if self.output_padding is not None else ():
            if value < 0:
                raise InputError("err.shape_negative", name="output_padding", value=value)
        weights = math.prod(self.kernel) * self.in_channels * self.filters // self.groups
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
            *(size or 1 for size in self.input_shape),
            *as_tuple(self.kernel_size),
            *as_tuple(self.strides),
            *as_tuple(self.dilation_rate),
        )
        if self.filters > MAX_FILTERS or max(numbers) > MAX_SIZE:
            return True
        sizes = [size or 1 for size in self.input_shape]
        channels = sizes[self.channels_axis] if len(sizes) == self.rank + 1 else max(sizes)
        kernel = math.prod(abs(k) for k in self.kernel)
        return kernel * abs(channels) * abs(self.filters) > MAX_WEIGHTS

    # Arithmetic (only for a checked spec) -----------------------------------------

    def axis_names(self) -> tuple[str, ...]:
        return SPATIAL_AXES[self.layer]

    def output_sizes(self) -> Shape:
        """Per spatial axis, the output size; None where the input's size is None."""
        return tuple(
            None if size is None else self._length(size, k, s, d, op)
            for (size, k, s, d), op in zip(
                self._axes(), self.normalised("output_padding"), strict=True
            )
        )

    def _length(self, size: int, k: int, s: int, d: int, op: int | None) -> int:
        if self.transposed:
            return arithmetic.transposed_length(size, k, self.padding, s, d, op)
        return arithmetic.output_length(size, k, self.padding, s, d)

    def _axes(self) -> Iterator[tuple[int | None, int, int, int]]:
        """(input size, kernel, stride, dilation) per spatial axis."""
        return zip(
            self.spatial,
            self.kernel,
            self.normalised("strides"),
            self.normalised("dilation_rate"),
            strict=True,
        )

    @property
    def output_shape(self) -> Shape:
        """With batch None, channels where data_format puts them."""
        if self.data_format == "channels_first":
            return (None, self.filters, *self.output_sizes())
        return (None, *self.output_sizes(), self.filters)

    @property
    def group_channels(self) -> int:
        """Input channels each filter reads: in_channels / groups."""
        return self.in_channels // self.groups

    @property
    def kernel_tail(self) -> tuple[int, int]:
        """After kernel_size in the kernel: (in/groups, filters); transposed (filters, in)."""
        if self.transposed:
            return self.filters, self.in_channels
        return self.group_channels, self.filters

    @property
    def kernel_shape(self) -> tuple[int, ...]:
        """kernel_size + (in_channels/groups, filters); transposed: + (filters, in_channels)."""
        return (*self.kernel, *self.kernel_tail)

    @property
    def params(self) -> int:
        """Every kernel weight + one bias per filter."""
        return math.prod(self.kernel_shape) + self.filters

    def formulas(self) -> list[str]:
        """Per spatial axis, the output size with its formula and real numbers (or symbols)."""
        lines = []
        for axis, (size, k, s, d), op in zip(
            self.axis_names(), self._axes(), self.normalised("output_padding"), strict=True
        ):
            name = f"new_{axis}"
            if self.transposed:
                line = arithmetic.transposed_formula(
                    size, k, self.padding, s, d, op, name=name, symbol=axis
                )
            else:
                line = arithmetic.formula(size, k, self.padding, s, d, name=name, symbol=axis)
            lines.append(f"{axis}: {line}")
        return lines

    def kernel_formula(self) -> str:
        """How kernel_size becomes a tuple and the kernel shape is assembled."""
        given = self.kernel_size
        tuple_of = f"kernel_size={given} → {show(self.kernel)}"
        if given == self.kernel:
            tuple_of = f"kernel_size={show(self.kernel)}"
        channels = f"in_channels = input_shape[{self.channels_axis}] = {self.in_channels}"
        if self.groups != 1:
            channels += f"; in_channels / groups = {self.in_channels} / {self.groups}"
            channels += f" = {self.group_channels}"
        tail = "(filters, in_channels)" if self.transposed else "(in_channels/groups, filters)"
        if not self.transposed and self.groups == 1:
            tail = "(in_channels, filters)"
        return (
            f"{tuple_of}; {channels}; kernel = kernel_size + {tail} = {show(self.kernel)}"
            f" + {show(self.kernel_tail)} = {show(self.kernel_shape)}"
        )

    def params_terms(self) -> str:
        """The parameter count's terms with real numbers: ``8·8·32·10 + 10``."""
        factors = "·".join(str(k) for k in self.kernel_shape)
        return f"{factors} + {self.filters}"

    def params_formula(self) -> str:
        names = {
            (False, False): "in_channels·filters",
            (False, True): "(in_channels/groups)·filters",
            (True, False): "filters·in_channels",
        }[self.transposed, self.groups != 1]
        return f"prod(kernel_size)·{names} + filters = {self.params_terms()} = {self.params:,}"

    def call(self) -> str:
        """The layer as Keras 3 code, only the settings that differ from Keras's defaults."""
        args = [str(self.filters), str(self.kernel_size)]
        for name, default in (
            ("strides", 1),
            ("padding", "valid"),
            ("output_padding", None),
            ("dilation_rate", 1),
            ("groups", 1),
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
