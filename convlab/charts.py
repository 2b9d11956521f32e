"""Altair charts of the lesson's matrices: arrays in, charts out.

One diverging colour scale everywhere (blue negative, white zero, red
positive), so a learner reads every heatmap the same way on a projector.
"""

from __future__ import annotations

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
    axis = (
        alt.Axis(values=list(columns)[::column_ticks], labelAngle=0)
        if column_ticks
        else alt.Axis(labelAngle=0)
    )
    base = alt.Chart(frame).encode(
        x=alt.X("column:O", title=column_title, sort=list(columns), axis=axis),
        y=alt.Y("row:O", title=row_title, sort=list(rows), axis=alt.Axis(labelLimit=320)),
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
    return chart.properties(height=ROW_HEIGHT * max(len(rows), 4) + AXIS_SPACE)


def contributions(slots: Sequence[str], values: Sequence[float], *, value_title: str) -> alt.Chart:
    """Horizontal bars, one per term of a sum, signed colours as in the heatmaps."""
    frame = pd.DataFrame({"term": list(slots), "value": list(values)})
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=value_title),
            y=alt.Y("term:O", title=None, sort=list(slots), axis=alt.Axis(labelLimit=320)),
            color=_colour(np.asarray(values, dtype=np.float64), value_title).legend(None),
            tooltip=[alt.Tooltip("term:O"), alt.Tooltip("value:Q", format=".4f")],
        )
        .properties(height=ROW_HEIGHT * max(len(slots), 3) + AXIS_SPACE)
    )
