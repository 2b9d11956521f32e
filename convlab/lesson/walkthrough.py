"""One step of the sliding window, as the four linked panels of the walkthrough draw it.

Arrays in, tables out: the input matrix with the window's rows marked, the
kernel of one filter, their elementwise product with each row's sum, and the
output with the cells computed so far. No layer runs here: the output comes
from the caller (Keras's, cached), and the products are recomputed in float64
so that the sums on screen add up to it.

A wide embedding (D = 300) is zoomed to its first ``ZOOM`` dimensions; one
extra column carries what the others add, so no term of the sum is dropped.

A :class:`LayerRun` holds one layer's arrays and keeps the cells that are the
same at every step, so that a step of Play only marks where the window is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

import numpy as np
import pandas as pd

from convlab import arithmetic
from convlab.lesson import ngrams, tables
from convlab.lesson.layer import ConvLayer
from convlab.lesson.ngrams import activate

T = TypeVar("T")

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
    return _step(_windows(conv, words), t, f, all_filters)


def _windows(conv: ConvLayer, words: int) -> np.ndarray:
    """(new_steps, n) input rows each step reads."""
    return arithmetic.window_positions(words, conv.n, conv.padding, conv.strides, conv.dilation)


def _step(read: np.ndarray, t: int, f: int, all_filters: bool) -> Step:
    t = min(max(t, 0), len(read) - 1)
    return Step(t, f, len(read), read[t], all_filters)


def first_step_reading(conv: ConvLayer, words: int, row: int) -> int | None:
    """The first output step whose window reads input row ``row`` (padding included), or None."""
    read = _windows(conv, words)
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


def input_cells(x: np.ndarray, tokens: Sequence[str], conv: ConvLayer, pad: str) -> pd.DataFrame:
    """One line per drawn cell of the padded input: row, label, column, value, text, pad.

    Padding rows hold zeros and ``pad`` is True. The zoom column carries no
    number: the product panel sums what it hides. The same for every step:
    :func:`mark_window` adds the window.
    """
    words, dim = x.shape
    k = shown_dims(dim)
    columns = _columns(dim)
    rows = padded_rows(tokens, conv, pad)
    values = np.zeros((len(rows), len(columns)))
    is_pad = np.array([not 0 <= row < words for row, _ in rows])
    read = [row for row, _ in rows if 0 <= row < words]
    values[~is_pad, :k] = x[read, :k]
    texts = np.array([f"{v:.2f}" for v in values.ravel()], dtype=object)
    if k < dim:
        values[:, k] = np.nan
        texts.reshape(values.shape)[:, k] = f"+{dim - k}"
    return pd.DataFrame(
        {
            "row": np.repeat([row for row, _ in rows], len(columns)),
            "label": np.repeat([label for _, label in rows], len(columns)),
            "column": np.tile(columns, len(rows)),
            "value": values.ravel(),
            "text": texts,
            "pad": np.repeat(is_pad, len(columns)),
        }
    )


def mark_window(cells: pd.DataFrame, at: Step) -> pd.DataFrame:
    """``cells`` with ``slot``: the window slot reading each cell's row, −1 if none."""
    hits = cells.row.to_numpy()[:, None] == at.positions[None, :]
    return cells.assign(slot=np.where(hits.any(axis=1), hits.argmax(axis=1), -1))


def window(x: np.ndarray, at: Step) -> np.ndarray:
    """(n, D) rows the window reads, zeros where it reads padding, in float64."""
    words = x.shape[0]
    rows = np.zeros((len(at.positions), x.shape[1]))
    inside = (at.positions >= 0) & (at.positions < words)
    rows[inside] = x[at.positions[inside]]
    return rows


def _cells(label: str, block: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
    """(slot, label, column, value, text) lines of an (n, columns) block, one per cell."""
    n, width = block.shape
    return pd.DataFrame(
        {
            "slot": np.repeat(np.arange(n), width),
            "label": np.repeat([f"{label}[{slot}]" for slot in range(n)], width),
            "column": np.tile(columns, n),
            "value": block.ravel(),
            "text": [f"{v:.2f}" for v in block.ravel()],
        }
    )


def kernel_table(kernel: np.ndarray, f: int) -> pd.DataFrame:
    """W[:, :, f] as drawn: one line per (slot, column), the zoom column left blank."""
    n, dim, _ = kernel.shape
    k = shown_dims(dim)
    block = np.full((n, len(_columns(dim))), np.nan)
    block[:, :k] = kernel[:, :k, f]
    table = _cells("W", block, _columns(dim))
    table.loc[table.value.isna(), "text"] = f"+{dim - k}"
    return table


def products(x: np.ndarray, kernel: np.ndarray, at: Step) -> np.ndarray:
    """(n, D) elementwise products x[window] ⊙ W[:, :, f] in float64: the terms of the sum."""
    return window(x, at) * np.asarray(kernel[:, :, at.f], np.float64)


def product_table(x: np.ndarray, kernel: np.ndarray, at: Step) -> pd.DataFrame:
    """The products as drawn, plus the zoom column (the hidden terms' sum) and each row's sum.

    Every row's drawn numbers add up to its ``SUM`` column: the zoom column
    holds exactly the products it hides.
    """
    terms = products(x, kernel, at)
    dim = terms.shape[1]
    k = shown_dims(dim)
    rest = [terms[:, k:].sum(axis=1)] if k < dim else []
    block = np.column_stack([terms[:, :k], *rest, terms.sum(axis=1)])
    return _cells("x·W", block, [*_columns(dim), SUM])


def contributions(x: np.ndarray, kernel: np.ndarray, at: Step) -> np.ndarray:
    """(n,) slot sums; with the bias they make the output cell."""
    return products(x, kernel, at).sum(axis=1)


def cell_value(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, at: Step
) -> float:
    """The output cell recomputed from the panel's numbers: Σ slots + b, then the activation."""
    z = contributions(x, kernel, at).sum() + float(bias[at.f])
    return float(activate(np.float64(z), conv.activation))


def output_cells(y: np.ndarray, rows: Sequence[str]) -> pd.DataFrame:
    """The (new_steps, F) output, one line per cell: t, f, label, column, value, text.

    The same for every step: :func:`mark_step` adds where the window is.
    Values are printed while the cells are few enough to read.
    """
    steps, filters = y.shape
    values = np.asarray(y, np.float64).ravel()
    legible = y.size <= 400
    return pd.DataFrame(
        {
            "t": np.repeat(np.arange(steps), filters),
            "f": np.tile(np.arange(filters), steps),
            "label": np.repeat(list(rows), filters),
            "column": np.tile([f"f{j}" for j in range(filters)], steps),
            "value": values,
            "text": [f"{v:.2f}" for v in values] if legible else [""] * values.size,
        }
    )


def mark_step(cells: pd.DataFrame, at: Step, *, playing: bool) -> pd.DataFrame:
    """``cells`` with each cell's ``state``: done, current or to come.

    While playing, cells the window has not reached yet carry no value, so
    the output fills in as the window moves.
    """
    t, f = cells.t.to_numpy(), cells.f.to_numpy()
    current = (t == at.t) & ((f == at.f) | at.all_filters)
    later = (t > at.t) | ((t == at.t) & ~current)
    marked = {"state": np.where(current, "current", np.where(later, "later", "done"))}
    if playing:
        marked |= {
            "value": np.where(later, np.nan, cells.value.to_numpy()),
            "text": np.where(later, "", cells.text.to_numpy()),
        }
    return cells.assign(**marked)


def output_table(y: np.ndarray, at: Step, rows: Sequence[str], *, playing: bool) -> pd.DataFrame:
    """The output panel's cells at step ``at``: :func:`output_cells` marked by :func:`mark_step`."""
    return mark_step(output_cells(y, rows), at, playing=playing)


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


@dataclass(frozen=True, eq=False)
class LayerRun:
    """One layer on one sentence: the cached arrays every step of the walkthrough reads.

    The walkthrough's fragment receives one of these and keeps it between its
    reruns, so what is the same at every step (the n-gram labels, the padded
    input's cells, each filter's kernel cells) is built on first use and kept
    here: a step or a tick of Play only marks the window and multiplies it out.
    """

    tokens: tuple[str, ...]
    x: np.ndarray
    """(words, D) sentence matrix."""
    kernel: np.ndarray
    """(n, D, F) Conv1D kernel."""
    bias: np.ndarray
    y: np.ndarray
    """(new_steps, F) Keras's output, cached by the caller: no layer runs here."""
    conv: ConvLayer
    _built: dict = field(default_factory=dict, init=False, repr=False)

    def _once(self, key: tuple, build: Callable[[], T]) -> T:
        if key not in self._built:
            self._built[key] = build()
        return self._built[key]

    @property
    def words(self) -> int:
        return len(self.tokens)

    @property
    def dim(self) -> int:
        return int(self.x.shape[1])

    @cached_property
    def phrases(self) -> list[str]:
        """Each output step's n-gram, padding shown as ∅."""
        return ngrams.phrases(list(self.tokens), self.conv)

    @cached_property
    def labels(self) -> list[str]:
        """The output rows' labels, "t: n-gram"."""
        return tables.row_labels(self.phrases)

    @cached_property
    def columns(self) -> list[str]:
        """The drawn dimensions, and the zoom column if D is wide."""
        return _columns(self.dim)

    @cached_property
    def windows(self) -> np.ndarray:
        """(new_steps, n) input rows each step reads."""
        return _windows(self.conv, self.words)

    def step(self, t: int, f: int, *, all_filters: bool = False) -> Step:
        return _step(self.windows, t, f, all_filters)

    def input_rows(self, pad: str) -> list[str]:
        """The labels of the rows Keras sees, zero padding (``pad``) included."""
        return self._once(
            ("rows", pad), lambda: [label for _, label in padded_rows(self.tokens, self.conv, pad)]
        )

    def input_table(self, at: Step, pad: str) -> pd.DataFrame:
        """The input panel's cells with step ``at``'s window marked (see :func:`input_cells`)."""
        cells = self._once(("input", pad), lambda: input_cells(self.x, self.tokens, self.conv, pad))
        return mark_window(cells, at)

    def kernel_table(self, f: int) -> pd.DataFrame:
        return self._once(("kernel", f), lambda: kernel_table(self.kernel, f))

    def product_table(self, at: Step) -> pd.DataFrame:
        return product_table(self.x, self.kernel, at)

    def output_table(self, at: Step, *, playing: bool) -> pd.DataFrame:
        return mark_step(
            self._once(("output",), lambda: output_cells(self.y, self.labels)), at, playing=playing
        )
