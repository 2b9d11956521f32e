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
    length: int,
    n: int,
    padding: Padding,
    strides: int = 1,
    dilation: int = 1,
    name: str = "new_steps",
) -> str:
    """The output-length formula for ``padding``, with the real numbers substituted.

    ``name`` is the axis's output size as Keras's docs call it (new_steps,
    new_rows, new_cols), so one function serves every spatial axis.

    >>> formula(9, 3, "valid")
    'new_steps = ⌊(i − d·(k−1) − 1) / s⌋ + 1 = ⌊(9 − 1·(3−1) − 1) / 1⌋ + 1 = 7'
    """
    out = output_length(length, n, padding, strides, dilation)
    if padding == "valid":
        return (
            f"{name} = ⌊(i − d·(k−1) − 1) / s⌋ + 1"
            f" = ⌊({length} − {dilation}·({n}−1) − 1) / {strides}⌋ + 1 = {out}"
        )
    return f"{name} = ⌈i / s⌉ = ⌈{length} / {strides}⌉ = {out}"


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
