"""The part of one axis a sliding-window picture can show: its first cells and windows.

An axis may hold 100,000 steps and a kernel 300 taps; a picture shows at most
``WINDOW_CELLS`` cells and ``WINDOW_ROWS`` windows, so only those are computed,
and the page says what was left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from convlab import arithmetic
from convlab.arithmetic import Padding
from convlab.lesson.charts import WINDOW_CELLS, WINDOW_ROWS


@dataclass(frozen=True)
class Window:
    """The first windows along one axis, as ``charts.sliding_window`` draws them."""

    read: np.ndarray
    """(rows, taps) positions in the padded axis, 0 being the first padding cell."""
    before: int
    """Padding cells before the first real one."""
    length: int
    """Real cells along the axis."""
    after: int
    """Padding cells after the last real one."""
    cells: int
    """Cells drawn: the first of the padded axis."""
    outputs: int
    """Output steps along the axis."""

    @property
    def total(self) -> int:
        """Cells of the padded axis."""
        return self.before + self.length + self.after

    @property
    def rows(self) -> int:
        """Windows drawn: one per output step, the first ones only."""
        return len(self.read)

    @property
    def cut(self) -> bool:
        """Whether the picture leaves cells or windows out, which the reader is told."""
        return self.cells < self.total or self.rows < self.outputs


def window(length: int, k: int, s: int, d: int, padding: Padding) -> Window:
    """The first windows a picture can hold, never computing the rest of a long axis."""
    before, after = arithmetic.padding_amounts(length, k, padding, s, d)
    cells = min(before + length + after, WINDOW_CELLS)
    outputs = arithmetic.output_length(length, k, padding, s, d)
    rows = min(outputs, WINDOW_ROWS, math.ceil(cells / s))
    read = arithmetic.window_positions(
        length, k, padding, s, d, most_steps=rows, most_taps=math.ceil(cells / d)
    )
    return Window(read + before, before, length, after, cells, outputs)


def transposed_window(
    length: int, k: int, s: int, d: int, padding: Padding, output_padding: int | None
) -> tuple[Window, list[str]]:
    """A transposed convolution's first windows, and the labels of the stride-dilated input.

    Keras computes a transposed convolution as a stride-1 convolution over the
    input with ``s − 1`` zeros put between its cells, padded by
    :func:`arithmetic.transposed_padding`. The picture shows exactly that: the
    real cells carry their name (x0, x1, …), the inserted ones a 0.
    """
    before, after = arithmetic.transposed_padding(k, padding, s, d, output_padding)
    spread = (length - 1) * s + 1
    cells = min(before + spread + after, WINDOW_CELLS)
    outputs = arithmetic.transposed_length(length, k, padding, s, d, output_padding)
    rows = min(outputs, WINDOW_ROWS, cells)
    taps = min(k, math.ceil(cells / d))
    read = np.arange(rows)[:, None] + np.arange(taps)[None, :] * d
    shown = min(spread, cells)
    labels = [f"x{p // s}" if p % s == 0 else "0" for p in range(shown)]
    return Window(read, before, spread, after, cells, outputs), labels
