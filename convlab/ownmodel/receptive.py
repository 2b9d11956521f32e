"""Which input steps each output row of a layer reads: the receptive-field recursion.

Every 1D layer that moves along the steps axis (Conv1D, pooling) is a window
of ``kernel`` taps, ``dilation`` apart, moved ``stride`` steps at a time over
an input padded by some rows before it. Through a stack of them, row ``i`` of
layer L reads the input steps ``first + i·jump`` to ``first + i·jump + size − 1``,
where, from the layer before (the input itself has jump 1, first 0, size 1)::

    jump  = jump₋ · stride
    first = first₋ − before · jump₋
    size  = size₋ + d·(k − 1) · jump₋

(Araujo, Norris & Sim, "Computing Receptive Fields of Convolutional Neural
Networks", Distill 2019.) Pure Python on the layers' configs, so the page and
the CLI label rows without running anything; the tests perturb one input step
of real Keras models and check that exactly the rows whose span holds it change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from convlab import arithmetic
from convlab.errors import InputError

WINDOWS = {"Conv1D": "kernel_size", "MaxPooling1D": "pool_size", "AveragePooling1D": "pool_size"}
"""Layers that slide a window along the steps, and the config key of its width."""
KEEP_STEPS = frozenset(
    {
        "InputLayer", "TextVectorization", "Embedding", "Activation", "ReLU", "LeakyReLU", "ELU",
        "PReLU", "Softmax", "BatchNormalization", "LayerNormalization", "GroupNormalization",
        "UnitNormalization", "Normalization", "Rescaling", "Dropout", "SpatialDropout1D",
        "GaussianNoise", "GaussianDropout", "AlphaDropout", "Dense", "EinsumDense", "Identity",
        "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate",
        "Sequential", "Functional", "Model",
    }
)  # fmt: skip
"""Layers whose output row i reads exactly row i of their input(s). A nested model is one
of them: in a graph its node reads its own output layers (``config.graph``)."""
WHOLE = frozenset({"GlobalMaxPooling1D", "GlobalAveragePooling1D", "Flatten", "GlobalMaxPool1D"})
"""Layers whose every output reads every input step."""


@dataclass(frozen=True)
class Window:
    """One layer's window along the steps axis, as Keras applies it."""

    kernel: int = 1
    stride: int = 1
    dilation: int = 1
    padding: arithmetic.Padding = "valid"


@dataclass(frozen=True, eq=False)
class Field:
    """Where the rows of one layer's output read the input, for one input length."""

    jump: int
    """Input steps between the spans of two neighbouring rows."""
    first: int
    """Where row 0's span starts; negative when it starts in the zero padding."""
    size: int
    """Input steps one row's span covers, padding included."""
    length: int
    """The input's steps."""
    lo: np.ndarray
    """(rows,) first input step each row reads; −1 for a row that reads only padding."""
    hi: np.ndarray
    """(rows,) last input step each row reads."""
    whole: bool = False
    """Every output reads the whole input (global pooling, Flatten and after)."""

    @property
    def rows(self) -> int:
        """This layer's output steps."""
        return len(self.lo)

    def span(self, row: int) -> tuple[int, int] | None:
        """The first and last input step row ``row`` reads; None if it reads only padding.

        Inside the input this is ``first + row·jump`` … ``+ size − 1``; at the
        edges the zero padding of every layer on the way is cut off.
        """
        return None if self.lo[row] < 0 else (int(self.lo[row]), int(self.hi[row]))

    def spans(self) -> list[tuple[int, int] | None]:
        return [self.span(row) for row in range(self.rows)]

    def key(self) -> tuple:
        return (self.whole, self.jump, self.first, self.size, self.lo.tobytes(), self.hi.tobytes())


def origin(length: int) -> Field:
    """The input itself: each step reads only itself."""
    steps = np.arange(length)
    return Field(jump=1, first=0, size=1, length=length, lo=steps, hi=steps)


def through(field: Field, window: Window) -> Field:
    """The field one layer further down the stack: the recursion above, edges exact.

    Each row's span runs from the first input step of its first tap that reads
    data to the last step of its last such tap, so zero padding added by any
    layer on the way (same, causal) never counts as input.
    """
    if field.whole:
        return field
    k, s, d, padding = window.kernel, window.stride, window.dilation, window.padding
    before, _ = arithmetic.padding_amounts(field.rows, k, padding, s, d)
    taps = arithmetic.window_positions(field.rows, k, padding, s, d)
    inside = (taps >= 0) & (taps < field.rows)
    at = np.clip(taps, 0, max(field.rows - 1, 0))
    reads = inside & (field.lo[at] >= 0) if field.rows else inside
    big = np.iinfo(np.int64).max
    lo = np.where(reads, field.lo[at] if field.rows else 0, big).min(axis=1, initial=big)
    hi = np.where(reads, field.hi[at] if field.rows else 0, -1).max(axis=1, initial=-1)
    return Field(
        jump=field.jump * s,
        first=field.first - before * field.jump,
        size=field.size + d * (k - 1) * field.jump,
        length=field.length,
        lo=np.where(lo == big, -1, lo),
        hi=hi,
    )


def whole(field: Field) -> Field:
    """Every row (there is one) reads the whole input."""
    return Field(
        1, 0, field.length, field.length, np.zeros(1, int), np.full(1, field.length - 1), True
    )


def _one(value: object) -> int:
    """Keras stores 1D sizes as ``[3]`` or ``3``; ``None`` strides mean "as the pool"."""
    return int(value[0] if isinstance(value, list | tuple) else value)  # type: ignore[arg-type]


def window(class_name: str, config: Mapping) -> Window | None:
    """The window of a Conv1D or 1D pooling layer from its config; None for any other layer."""
    key = WINDOWS.get(class_name)
    if key is None:
        return None
    k = _one(config[key])
    strides = config.get("strides")
    return Window(
        kernel=k,
        stride=k if strides is None else _one(strides),
        dilation=_one(config.get("dilation_rate", 1)),
        padding=config.get("padding", "valid"),
    )


@dataclass(frozen=True)
class Node:
    """One layer of a model's graph, as its config describes it."""

    name: str
    class_name: str
    config: Mapping
    inbound: tuple[str, ...]


def fields(graph: Sequence[Node], length: int) -> dict[str, Field | None]:
    """Each layer's field for an input of ``length`` steps; None where steps are not traced.

    ``graph`` is in the order Keras saves it (every layer after its inputs).
    A layer outside the known ones (a recurrent layer, a reshape) ends the
    trace below it: its rows are still shown, only not labelled by span.
    """
    out: dict[str, Field | None] = {}
    for node in graph:
        ins = [out.get(name) for name in node.inbound]
        if not node.inbound:
            out[node.name] = origin(length)
            continue
        if any(f is None for f in ins) or len({f.key() for f in ins}) != 1:  # type: ignore[union-attr]
            out[node.name] = None
            continue
        before: Field = ins[0]  # type: ignore[assignment]
        win = window(node.class_name, node.config)
        if win is not None:
            out[node.name] = through(before, win)
        elif node.class_name in WHOLE:
            out[node.name] = whole(before)
        elif node.class_name in KEEP_STEPS:
            out[node.name] = before
        else:
            out[node.name] = None
    return out


MAX_NEED = 100_000


def check_length(
    graph: Sequence[Node], names: Sequence[str], length: int
) -> dict[str, Field | None]:
    """The fields for ``length`` steps; InputError if a layer in ``names`` would get no step.

    Checked before the model runs: what a Conv1D computes on an input shorter
    than its window is not defined the same way on every CPU.
    """
    found = fields(graph, length)
    for name in names:
        field = found.get(name)
        if field is not None and field.rows < 1:
            need = next(
                (n for n in range(length + 1, MAX_NEED) if (fields(graph, n)[name] or field).rows),
                MAX_NEED,
            )
            raise InputError("own.too_short", layer=name, rows=field.rows, need=need)
    return found
