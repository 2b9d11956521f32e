"""One step of the sliding window, as the four linked panels of the walkthrough draw it.

Arrays in, tables out: the input matrix with the window's rows marked, the
kernel of one filter, their elementwise product with each row's sum, and the
output with the cells computed so far. No layer runs here: the output comes
from the caller (Keras's, cached), and the products are recomputed in float64
so that the sums on screen add up to it.

A wide embedding (D = 300) is zoomed to its first ``ZOOM`` dimensions; one
extra column carries what the others add, so no term of the sum is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from convlab import arithmetic
from convlab.lesson.layer import ConvLayer
from convlab.lesson.ngrams import activate

ZOOM = 12
"""Dimensions drawn one by one; beyond them one column sums the rest."""
REST = "Σ"
SUM = "Σ row"


@dataclass(frozen=True)
class Step:
    """Output step t of filter f (or of every filter), with the window it reads."""

    t: int
    f: int
    steps: int
    positions: np.ndarray
    """Input rows the window reads, in the words' numbering: < 0 or ≥ words is padding."""
    all_filters: bool = False

    @property
    def label(self) -> str:
        """The rows read: "3…5", or "3, 5, 7" when dilation leaves gaps."""
        rows = self.positions.tolist()
        contiguous = rows == list(range(rows[0], rows[-1] + 1))
        return (
            f"{rows[0]}…{rows[-1]}" if contiguous and len(rows) > 1 else ", ".join(map(str, rows))
        )


def step(conv: ConvLayer, words: int, t: int, f: int, *, all_filters: bool = False) -> Step:
    """Step t clamped into range(new_steps), so a stale index never points past the output."""
    steps = conv.steps(words)
    t = min(max(t, 0), steps - 1)
    read = arithmetic.window_positions(words, conv.n, conv.padding, conv.strides, conv.dilation)
    return Step(t, f, steps, read[t], all_filters)


def first_step_reading(conv: ConvLayer, words: int, row: int) -> int | None:
    """The first output step whose window reads input row ``row`` (padding included), or None."""
    read = arithmetic.window_positions(words, conv.n, conv.padding, conv.strides, conv.dilation)
    hits = np.flatnonzero((read == row).any(axis=1))
    return int(hits[0]) if hits.size else None


def shown_dims(dim: int) -> int:
    """How many dimensions are drawn one by one: all of them if there are few."""
    return dim if dim <= ZOOM + 1 else ZOOM


def padded_rows(tokens: Sequence[str], conv: ConvLayer, pad: str) -> list[tuple[int, str]]:
    """(row, label) for every input row Keras sees, zero padding rows included."""
    before, after = conv.word_padding(len(tokens))
    return [
        (row, f"{row}: {tokens[row] if 0 <= row < len(tokens) else pad}")
        for row in range(-before, len(tokens) + after)
    ]


def _columns(dim: int) -> list[str]:
    k = shown_dims(dim)
    return [f"d{j}" for j in range(k)] + ([f"{REST} d{k}…d{dim - 1}"] if k < dim else [])


def _texts(values: np.ndarray) -> list[str]:
    return [f"{v:.2f}" for v in values]


def input_table(
    x: np.ndarray, tokens: Sequence[str], conv: ConvLayer, at: Step, pad: str
) -> pd.DataFrame:
    """One line per drawn cell of the padded input: row, column, value, and the window's slot.

    ``slot`` is the window slot reading the row (−1 if none); padding rows
    hold zeros and ``pad`` is True. The zoom column carries no number: the
    product panel sums what it hides.
    """
    words, dim = x.shape
    k = shown_dims(dim)
    columns = _columns(dim)
    slots = {int(row): slot for slot, row in enumerate(at.positions)}
    lines = []
    for row, label in padded_rows(tokens, conv, pad):
        is_pad = not 0 <= row < words
        values = np.zeros(k) if is_pad else np.asarray(x[row, :k], np.float64)
        cells = list(zip(columns, values, _texts(values), strict=False))
        if k < dim:
            cells.append((columns[-1], np.nan, f"+{dim - k}"))
        lines += [
            (row, label, column, value, text, slots.get(row, -1), is_pad)
            for column, value, text in cells
        ]
    return pd.DataFrame(
        lines, columns=["row", "label", "column", "value", "text", "slot", "pad"]
    ).astype({"value": "float64"})


def window(x: np.ndarray, at: Step) -> np.ndarray:
    """(n, D) rows the window reads, zeros where it reads padding, in float64."""
    words = x.shape[0]
    rows = np.zeros((len(at.positions), x.shape[1]))
    inside = (at.positions >= 0) & (at.positions < words)
    rows[inside] = x[at.positions[inside]]
    return rows


def kernel_table(kernel: np.ndarray, f: int) -> pd.DataFrame:
    """W[:, :, f] as drawn: one line per (slot, column), the zoom column left blank."""
    n, dim, _ = kernel.shape
    k = shown_dims(dim)
    columns = _columns(dim)
    lines = []
    for slot in range(n):
        values = np.asarray(kernel[slot, :k, f], np.float64)
        lines += [
            (slot, f"W[{slot}]", c, v, s)
            for c, v, s in zip(columns, values, _texts(values), strict=False)
        ]
        if k < dim:
            lines.append((slot, f"W[{slot}]", columns[-1], np.nan, f"+{dim - k}"))
    return pd.DataFrame(lines, columns=["slot", "label", "column", "value", "text"])


def products(x: np.ndarray, kernel: np.ndarray, at: Step) -> np.ndarray:
    """(n, D) elementwise products x[window] ⊙ W[:, :, f] in float64: the terms of the sum."""
    return window(x, at) * np.asarray(kernel[:, :, at.f], np.float64)


def product_table(x: np.ndarray, kernel: np.ndarray, at: Step) -> pd.DataFrame:
    """The products as drawn, plus the zoom column (the hidden terms' sum) and each row's sum.

    Every row's drawn numbers add up to its ``SUM`` column: the zoom column
    holds exactly the products it hides.
    """
    terms = products(x, kernel, at)
    n, dim = terms.shape
    k = shown_dims(dim)
    columns = _columns(dim)
    lines = []
    for slot in range(n):
        shown = terms[slot, :k]
        cells = list(zip(columns, shown, _texts(shown), strict=False))
        if k < dim:
            rest = float(terms[slot, k:].sum())
            cells.append((columns[-1], rest, f"{rest:.2f}"))
        total = float(terms[slot].sum())
        cells.append((SUM, total, f"{total:.2f}"))
        lines += [(slot, f"x·W[{slot}]", c, v, s) for c, v, s in cells]
    return pd.DataFrame(lines, columns=["slot", "label", "column", "value", "text"])


def contributions(x: np.ndarray, kernel: np.ndarray, at: Step) -> np.ndarray:
    """(n,) slot sums; with the bias they make the output cell."""
    return products(x, kernel, at).sum(axis=1)


def cell_value(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, at: Step
) -> float:
    """The output cell recomputed from the panel's numbers: Σ slots + b, then the activation."""
    z = contributions(x, kernel, at).sum() + float(bias[at.f])
    return float(activate(np.float64(z), conv.activation))


def output_table(y: np.ndarray, at: Step, rows: Sequence[str], *, playing: bool) -> pd.DataFrame:
    """The (new_steps, F) output: each cell's value and whether it is done, current or to come.

    While playing, cells the window has not reached yet carry no value, so
    the output fills in as the window moves.
    """
    steps, filters = y.shape
    t, f = np.meshgrid(np.arange(steps), np.arange(filters), indexing="ij")
    current = (t == at.t) & ((f == at.f) | at.all_filters)
    later = (t > at.t) | ((t == at.t) & ~current)
    value = np.where(later & playing, np.nan, np.asarray(y, np.float64))
    state = np.where(current, "current", np.where(later, "later", "done"))
    legible = y.size <= 400
    return pd.DataFrame(
        {
            "t": t.ravel(),
            "f": f.ravel(),
            "label": [rows[i] for i in t.ravel()],
            "column": [f"f{j}" for j in f.ravel()],
            "value": value.ravel(),
            "text": [f"{v:.2f}" if legible and np.isfinite(v) else "" for v in value.ravel()],
            "state": state.ravel(),
        }
    )


def describe(phrase: str, at: Step, y: np.ndarray) -> dict[str, object]:
    """The numbers of the one-line step description: step, window, rows, filter(s), value(s)."""
    values = y[at.t] if at.all_filters else [y[at.t, at.f]]
    return {
        "step": at.t + 1,
        "steps": at.steps,
        "window": phrase,
        "rows": at.label,
        "filter": "f0…f" + str(y.shape[1] - 1) if at.all_filters else f"f{at.f}",
        "value": ", ".join(f"{v:.4f}" for v in values),
    }
