"""Convolution arithmetic along one axis: how many steps come out, and why.

These are the formulas Keras applies per spatial axis. They are pure Python so
that any page can show a shape without importing TensorFlow; the tests check
every one of them against a real Keras layer.
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np

Padding = Literal["valid", "same", "causal"]
PADDINGS: tuple[Padding, ...] = ("valid", "same", "causal")


def receptive_field(n: int, dilation: int = 1) -> int:
    """How many consecutive input steps one window spans: d·(n−1)+1."""
    return dilation * (n - 1) + 1


def output_length(
    length: int, n: int, padding: Padding, strides: int = 1, dilation: int = 1
) -> int:
    """Steps in the output; zero or less means the window does not fit ("valid")."""
    if padding == "valid":
        return (length - dilation * (n - 1) - 1) // strides + 1
    return math.ceil(length / strides)


def padding_amounts(
    length: int, n: int, padding: Padding, strides: int = 1, dilation: int = 1
) -> tuple[int, int]:
    """Zero rows added (before, after) the words, exactly as Keras pads.

    "causal" pads only before, so step t never sees words after t. "same"
    splits the padding with the extra row after, as TensorFlow does.
    """
    span = receptive_field(n, dilation)
    if padding == "valid":
        return 0, 0
    if padding == "causal":
        return span - 1, 0
    out = output_length(length, n, padding, strides, dilation)
    total = max((out - 1) * strides + span - length, 0)
    return total // 2, total - total // 2


def formula(
    length: int | None,
    n: int,
    padding: Padding,
    strides: int = 1,
    dilation: int = 1,
    name: str = "new_steps",
    symbol: str = "i",
) -> str:
    """The output-length formula for ``padding``, with the real numbers substituted.

    ``name`` is the axis's output size as Keras's docs call it (new_steps,
    new_rows, new_cols), so one function serves every spatial axis. A length
    of None (a variable-length axis, ``Input(shape=(None, 300))``) keeps its
    ``symbol`` and the formula stays symbolic, as Keras's output keeps None.

    >>> formula(9, 3, "valid")
    'new_steps = ⌊(i − d·(k−1) − 1) / s⌋ + 1 = ⌊(9 − 1·(3−1) − 1) / 1⌋ + 1 = 7'
    >>> formula(None, 3, "valid", symbol="steps")
    'new_steps = ⌊(steps − 1·(3−1) − 1) / 1⌋ + 1'
    """
    shown = symbol if length is None else str(length)
    if padding == "valid":
        general = "⌊(i − d·(k−1) − 1) / s⌋ + 1"
        numbers = f"⌊({shown} − {dilation}·({n}−1) − 1) / {strides}⌋ + 1"
    else:
        general, numbers = "⌈i / s⌉", f"⌈{shown} / {strides}⌉"
    out = None if length is None else output_length(length, n, padding, strides, dilation)
    return _equation(name, general, numbers, out)


def _equation(name: str, general: str, numbers: str, out: int | None) -> str:
    """``name = general = numbers = out``; only ``name = numbers`` for an unknown length."""
    if out is None:
        return f"{name} = {numbers}"
    return f"{name} = {general} = {numbers} = {out}"


def transposed_length(
    length: int,
    n: int,
    padding: Padding,
    strides: int = 1,
    dilation: int = 1,
    output_padding: int | None = None,
) -> int:
    """Steps a Conv1DTranspose/Conv2DTranspose axis gives, as Keras computes them.

    Without ``output_padding`` Keras picks the size a convolution with the same
    settings would shrink back to ``length`` (⌈·/s⌉ or the "valid" formula);
    with it, the size is fixed exactly, which is how a decoder gets an odd length back.
    """
    span = receptive_field(n, dilation)
    if padding == "valid":
        extra = max(span, strides) - span if output_padding is None else output_padding
        return (length - 1) * strides + span + extra
    if output_padding is None:
        return length * strides
    return (length - 1) * strides + span % 2 + output_padding


def transposed_padding(
    n: int, padding: Padding, strides: int = 1, dilation: int = 1, output_padding: int | None = None
) -> tuple[int, int]:
    """Zero cells (before, after) around the stride-dilated input of a transposed convolution.

    A transposed convolution is a stride-1 convolution over the input with
    ``strides − 1`` zeros put between its cells, padded with these amounts:
    Keras's own conversion (backend_utils, "from keras to jax"), so the
    picture's windows are the ones Keras computes.
    """
    span = receptive_field(n, dilation)
    if padding == "valid":
        extra = max(span, strides) - span if output_padding is None else output_padding
        return span - 1, span - 1 + extra
    op = output_padding
    total = strides + span - 2 if op is None else span + span % 2 - 2 + op
    before = min(total // 2 + total % 2, span - 1)
    return before, total - before


def transposed_formula(
    length: int | None,
    n: int,
    padding: Padding,
    strides: int = 1,
    dilation: int = 1,
    output_padding: int | None = None,
    name: str = "new_steps",
    symbol: str = "i",
) -> str:
    """The transposed output-length formula, real numbers substituted where ``length`` is known.

    >>> transposed_formula(5, 3, "same", 2, output_padding=0)
    'new_steps = (i − 1)·s + (d·(k−1)+1) % 2 + output_padding = (5 − 1)·2 + 3 % 2 + 0 = 9'
    """
    span = receptive_field(n, dilation)
    shown = symbol if length is None else str(length)
    if padding == "same" and output_padding is None:
        general, numbers = "i·s", f"{shown}·{strides}"
    elif padding == "same":
        general = "(i − 1)·s + (d·(k−1)+1) % 2 + output_padding"
        numbers = f"({shown} − 1)·{strides} + {span} % 2 + {output_padding}"
    elif output_padding is None:
        general = "(i − 1)·s + max(d·(k−1)+1, s)"
        numbers = f"({shown} − 1)·{strides} + max({span}, {strides})"
    else:
        general = "(i − 1)·s + d·(k−1)+1 + output_padding"
        numbers = f"({shown} − 1)·{strides} + {span} + {output_padding}"
    out = (
        None
        if length is None
        else transposed_length(length, n, padding, strides, dilation, output_padding)
    )
    return _equation(name, general, numbers, out)


def window_positions(
    length: int,
    n: int,
    padding: Padding,
    strides: int = 1,
    dilation: int = 1,
    *,
    most_steps: int | None = None,
    most_taps: int | None = None,
) -> np.ndarray:
    """(steps, n) input positions each output step reads; outside 0…length−1 is padding.

    Step t starts at t·strides in the padded input and reads every dilation-th
    cell from there, n times. ``most_steps`` and ``most_taps`` cut the array
    short, so that a picture of the first windows of a long input (8,000
    steps, a 300-wide kernel) never builds the whole of it.
    """
    before, _ = padding_amounts(length, n, padding, strides, dilation)
    steps = max(output_length(length, n, padding, strides, dilation), 0)
    steps = steps if most_steps is None else min(steps, most_steps)
    taps = n if most_taps is None else min(n, most_taps)
    return np.arange(steps)[:, None] * strides + np.arange(taps)[None, :] * dilation - before
