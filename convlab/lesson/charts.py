"""Altair charts of the lesson's matrices: arrays in, charts out.

One diverging colour scale everywhere (blue negative, white zero, red
positive), so a learner reads every heatmap the same way on a projector.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

ROW_HEIGHT = 26
AXIS_SPACE = 70
"""Streamlit fits the whole chart, axes included, into its height: room for the x axis."""
TEXT_CELLS_MAX = 400
"""Cell values are printed inside the heatmap only while they stay legible."""


def _colour(values: np.ndarray, title: str) -> alt.Color:
    extent = float(np.abs(values).max()) or 1.0
    return alt.Color(
        "value:Q",
        title=title,
        scale=alt.Scale(scheme="redblue", reverse=True, domain=[-extent, extent]),
    )


def _grid_axes(
    frame: pd.DataFrame,
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    row_title: str,
    column_title: str,
    column_ticks: int | None = None,
) -> alt.Chart:
    """``frame``'s "row" and "column" fields on the axes, in the order given."""
    axis = (
        alt.Axis(values=list(columns)[::column_ticks], labelAngle=0)
        if column_ticks
        else alt.Axis(labelAngle=0)
    )
    return alt.Chart(frame).encode(
        x=alt.X("column:O", title=column_title, sort=list(columns), axis=axis),
        y=alt.Y("row:O", title=row_title, sort=list(rows), axis=alt.Axis(labelLimit=320)),
    )


def _grid_height(rows: Sequence[str]) -> int:
    return ROW_HEIGHT * max(len(rows), 4) + AXIS_SPACE


def heatmap(
    values: np.ndarray,
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    row_title: str,
    column_title: str,
    value_title: str,
    column_ticks: int | None = None,
    outline: np.ndarray | None = None,
) -> alt.LayerChart | alt.Chart:
    """A rows × columns heatmap of ``values`` in the given order, values printed if few.

    ``column_ticks`` thins the column labels to every k-th one, for wide
    matrices such as 300 embedding dimensions. ``outline``, a boolean mask of
    the same shape, frames cells in black (e.g. each filter's max over time).
    """
    frame = pd.DataFrame(
        {
            "row": np.repeat(list(rows), len(columns)),
            "column": np.tile(list(columns), len(rows)),
            "value": np.asarray(values, dtype=np.float64).ravel(),
            "outlined": np.zeros(np.shape(values), bool).ravel()
            if outline is None
            else outline.ravel(),
        }
    )
    base = _grid_axes(
        frame,
        rows,
        columns,
        row_title=row_title,
        column_title=column_title,
        column_ticks=column_ticks,
    )
    cells = base.mark_rect(stroke="black").encode(
        color=_colour(values, value_title),
        strokeWidth=alt.condition("datum.outlined", alt.value(3), alt.value(0)),
        tooltip=[
            alt.Tooltip("row:O", title=row_title),
            alt.Tooltip("column:O", title=column_title),
            alt.Tooltip("value:Q", title=value_title, format=".4f"),
        ],
    )
    chart = cells
    if frame.shape[0] <= TEXT_CELLS_MAX:
        chart = cells + base.mark_text(fontSize=13).encode(text=alt.Text("value:Q", format=".2f"))
    return chart.properties(height=_grid_height(rows))


PENDING_MARK = "·"
"""What a cell of :func:`heatmap_layout` holds instead of the value it does not have yet."""


def heatmap_layout(
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    row_title: str,
    column_title: str,
    value_title: str,
) -> alt.LayerChart:
    """:func:`heatmap`'s rows, columns, legend and size, without values: a dot per cell while few.

    What a layer's output looks like follows from its arithmetic (one row per
    n-gram, one column per filter); its values need Keras. A cold server draws
    this where the heatmap will be while it imports TensorFlow. The colour legend
    sits on an invisible mark, so the columns keep their width when the heatmap
    replaces this. It has no rect marks: only the heatmap does.
    """
    frame = pd.DataFrame(
        {
            "row": np.repeat(list(rows), len(columns)),
            "column": np.tile(list(columns), len(rows)),
            "value": 0.0,
        }
    )
    mark = PENDING_MARK if frame.shape[0] <= TEXT_CELLS_MAX else ""
    base = _grid_axes(frame, rows, columns, row_title=row_title, column_title=column_title)
    dots = base.mark_text(text=mark, fontSize=13, color="#888888")
    legend = base.mark_point(opacity=0).encode(color=_colour(np.ones(1), value_title))
    return (dots + legend).properties(height=_grid_height(rows))


WINDOW_CELLS = 40
"""Cells of a sliding-window picture that stay legible on a projector; longer axes are cut."""
WINDOW_ROWS = 12
"""Output rows drawn in a sliding-window picture."""
KINDS = ("input", "pad", "read", "read_pad", "gap")
_KIND_COLOURS = ("#e8eef7", "#c8c8c8", "#1f5fbf", "#7a8aa6", "#ffffff")


def sliding_window(
    read: np.ndarray,
    labels: Sequence[str],
    *,
    before: int,
    length: int,
    cells: int,
    kinds: dict[str, str],
    input_row: str,
    output_row: str,
    cell_title: str,
) -> alt.Chart:
    """Which cells each output's window reads: padding, stride jumps and dilation gaps.

    ``read`` holds, per output row, the padded positions its window reads
    (position ``before`` is the first real cell). The top row is the padded
    input: ``labels`` (indices or words) on real cells, 0 on padding. Below
    it one row per output: read cells carry what they read, cells skipped
    between two reads (dilation) are outlined. Only the first ``cells``
    positions are drawn. ``kinds`` names each entry of :data:`KINDS` for the legend.
    """

    def kind(p: int, reading: bool) -> str:
        real = before <= p < before + length
        return ("read" if real else "read_pad") if reading else ("input" if real else "pad")

    def text(p: int) -> str:
        return labels[p - before] if before <= p < before + length else "0"

    rows = [(input_row, p, kind(p, False), text(p)) for p in range(cells)]
    for t, taps in enumerate(read):
        inside = [int(p) for p in taps if p < cells]
        gaps = set(range(inside[0], inside[-1] + 1)) - set(inside) if inside else set()
        name = f"{output_row}[{t}]"
        rows += [(name, p, kind(p, True), text(p)) for p in inside]
        rows += [(name, p, "gap", "") for p in sorted(gaps)]
    frame = pd.DataFrame(rows, columns=["row", "cell", "kind", "text"])
    frame["kind"] = frame["kind"].map(kinds)
    order = [input_row, *(f"{output_row}[{t}]" for t in range(len(read)))]
    base = alt.Chart(frame).encode(
        x=alt.X("cell:O", title=None, axis=None),
        y=alt.Y("row:N", title=None, sort=order),
    )
    cells_drawn = base.mark_rect(stroke="#555555", strokeWidth=0.5).encode(
        color=alt.Color(
            "kind:N",
            title=None,
            scale=alt.Scale(domain=[kinds[k] for k in KINDS], range=list(_KIND_COLOURS)),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("row:N", title=" "),
            alt.Tooltip("cell:O", title=cell_title),
            alt.Tooltip("kind:N", title=" "),
        ],
    )
    words = base.mark_text(fontSize=12).encode(
        text="text:N",
        color=alt.condition(
            alt.datum.kind == kinds["read"], alt.value("white"), alt.value("black")
        ),
    )
    return (cells_drawn + words).properties(height=alt.Step(ROW_HEIGHT))


GRID_TEXT_ROWS = 30
"""Rows of a walkthrough grid that still leave room for the numbers inside the cells."""


def grid(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    title: str,
    value_title: str,
    extent: float,
    outline: str = "false",
    select: tuple[str, ...] = (),
) -> dict:
    """The Vega-Lite spec of one walkthrough panel; its data (``label``, ``column``, ``value``,
    ``text`` and the fields ``outline`` and ``select`` use) comes separately.

    Every cell gets a thin frame, so cells without a value (not reached yet)
    still show where they are, and a click anywhere on it; cells with a value
    are filled on the diverging scale ±``extent``; ``outline`` is a Vega
    expression over the datum whose cells get a thick black frame; ``text``
    is printed while the rows are few enough to read. ``select`` names a
    point selection and the fields a click on a cell sets in it.

    The spec is built by Altair once per layout and reused: building an
    Altair chart validates it against the schema, which costs ~0.25 s per
    chart here, too slow for a step of Play. The spec with its colour scale
    is kept too (most panels keep their extent from step to step), so it is
    shared: read it, never change it (Streamlit copies only its top level).
    """
    layout = (tuple(rows), tuple(columns), title, value_title, outline, tuple(select))
    return _scaled(layout, extent)


@functools.lru_cache(maxsize=256)
def _scaled(layout: tuple, extent: float) -> dict:
    """The layout's spec (see :func:`_grid`) on the colour scale ±``extent``."""
    spec = copy.deepcopy(_grid(*layout))
    spec["layer"][0]["encoding"]["color"]["scale"]["domain"] = [-extent, extent]
    return spec


@functools.lru_cache(maxsize=256)
def _grid(
    rows: tuple[str, ...],
    columns: tuple[str, ...],
    title: str,
    value_title: str,
    outline: str,
    select: tuple[str, ...],
) -> dict:
    height = ROW_HEIGHT if len(rows) <= GRID_TEXT_ROWS else max(6, 700 // len(rows))
    base = alt.Chart(title=title).encode(
        x=alt.X("column:N", title=None, sort=list(columns), axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("label:N", title=None, sort=list(rows), axis=alt.Axis(labelLimit=200)),
    )
    cells = base.mark_rect(stroke="black").encode(
        color=alt.Color(
            "value:Q",
            title=value_title,
            scale=alt.Scale(scheme="redblue", reverse=True, domain=[-1, 1]),
        ),
        strokeWidth=alt.condition(outline, alt.value(3), alt.value(0)),
        tooltip=[
            alt.Tooltip("label:N", title=" "),
            alt.Tooltip("column:N", title=" "),
            alt.Tooltip("value:Q", title=value_title, format=".6f"),
        ],
    )
    layers = [cells]
    if len(rows) <= GRID_TEXT_ROWS:
        layers.append(base.mark_text(fontSize=11).encode(text="text:N"))
    # On top, transparent: every cell catches the click, drawn or not yet.
    frames = base.mark_rect(fill="transparent", stroke="#bbbbbb", strokeWidth=0.5)
    if select:
        name, *fields = select
        frames = frames.add_params(alt.selection_point(name=name, fields=fields, on="click"))
    chart = alt.layer(*layers, frames).properties(
        height=alt.Step(height), width=alt.Step(44 if len(columns) < 6 else 36)
    )
    spec = chart.to_dict()
    # Altair names an empty data set for a chart built without data: drop it, so that
    # every layer reads the data passed with the spec.
    spec.pop("datasets", None)
    for layer in spec["layer"]:
        layer.pop("data", None)
    return spec


def kernel_on_image(
    x: np.ndarray,
    before: int,
    boxes: Sequence[tuple[int, int, int, int]],
    *,
    title: str,
    value_title: str,
    current: int = 0,
) -> alt.LayerChart:
    """The (rows, D) image, zero padding rows included, with kernel positions drawn on it.

    ``x`` is the padded image; its row ``before`` is word 0, so rows are
    labelled by word position (negative, or past the words, for padding).
    Each box is (first row, last row + 1, first column, last column + 1) in
    those positions; box ``current`` is drawn thick, the others thin, to show
    where else the kernel can go.
    """
    rows, dim = x.shape
    word, column = np.meshgrid(np.arange(rows) - before, np.arange(dim), indexing="ij")
    cells = pd.DataFrame(
        {
            "row": word.ravel(),
            "row2": word.ravel() + 1,
            "col": column.ravel(),
            "col2": column.ravel() + 1,
            "value": np.asarray(x, np.float64).ravel(),
        }
    )
    frames = pd.DataFrame(boxes, columns=["row", "row2", "col", "col2"])
    frames["current"] = np.arange(len(boxes)) == current
    y_scale = alt.Scale(domain=[-before, rows - before], reverse=True, nice=False)
    x_scale = alt.Scale(domain=[0, dim], nice=False)
    extent = float(np.abs(x).max()) or 1.0
    image = (
        alt.Chart(cells)
        .mark_rect()
        .encode(
            x=alt.X("col:Q", title="D", scale=x_scale),
            x2="col2",
            y=alt.Y("row:Q", title=None, scale=y_scale),
            y2="row2",
            color=alt.Color(
                "value:Q",
                title=value_title,
                scale=alt.Scale(scheme="redblue", reverse=True, domain=[-extent, extent]),
            ),
        )
    )
    kernel = (
        alt.Chart(frames)
        .mark_rect(fill=None, stroke="black")
        .encode(
            x="col:Q",
            x2="col2",
            y="row:Q",
            y2="row2",
            strokeWidth=alt.condition("datum.current", alt.value(3), alt.value(0.7)),
        )
    )
    return (image + kernel).properties(title=title, height=ROW_HEIGHT * max(rows, 4))
