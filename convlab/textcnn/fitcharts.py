"""Altair charts of a trained text CNN: learning curves and per-filter logit contributions."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import numpy as np
import pandas as pd

CURVE_HEIGHT = 220
BAR_HEIGHT = 260
CONFUSION_CELL = 60


def curve(
    history: Sequence[dict[str, float]],
    epochs: int,
    metric: str,
    *,
    titles: dict[str, str],
) -> alt.Chart:
    """One metric per epoch ("accuracy" or "loss"), training and validation, on axis 1..epochs.

    The axis does not grow while training runs, so the live chart does not
    jump. ``titles`` names "epoch", the metric, "train", "validation" and
    "split" in the reader's language.
    """
    frame = pd.DataFrame(
        [
            {
                "epoch": number,
                "split": titles["validation" if key.startswith("val_") else "train"],
                "value": value,
            }
            for number, logs in enumerate(history, start=1)
            for key, value in logs.items()
            if key in (metric, f"val_{metric}")
        ],
        columns=["epoch", "split", "value"],
    )
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "epoch:Q",
                title=titles["epoch"],
                scale=alt.Scale(domain=[1, max(epochs, 2)]),
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            y=alt.Y("value:Q", title=titles[metric], scale=alt.Scale(zero=False)),
            color=alt.Color("split:N", title=titles["split"], legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("epoch:Q", title=titles["epoch"]),
                alt.Tooltip("split:N", title=titles["split"]),
                alt.Tooltip("value:Q", title=titles[metric], format=".4f"),
            ],
        )
        .properties(height=CURVE_HEIGHT)
    )


def confusion(
    counts: np.ndarray, classes: Sequence[str], *, true_title: str, predicted_title: str
) -> alt.LayerChart:
    """Test rows by (true, predicted) class: counts on a sequential scale, printed in each cell."""
    frame = pd.DataFrame(
        {
            "true": np.repeat(list(classes), len(classes)),
            "predicted": np.tile(list(classes), len(classes)),
            "rows": np.asarray(counts).ravel(),
        }
    )
    base = alt.Chart(frame).encode(
        x=alt.X(
            "predicted:O", title=predicted_title, sort=list(classes), axis=alt.Axis(labelAngle=0)
        ),
        y=alt.Y("true:O", title=true_title, sort=list(classes)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("rows:Q", scale=alt.Scale(scheme="blues"), legend=None),
        tooltip=["true:O", "predicted:O", "rows:Q"],
    )
    text = base.mark_text(fontSize=15).encode(
        text="rows:Q",
        color=alt.condition(
            # the colour scale spans min..max, so cells past its middle are dark
            alt.datum.rows > (float(np.min(counts)) + float(np.max(counts))) / 2,
            alt.value("white"),
            alt.value("black"),
        ),
    )
    return (cells + text).properties(height=alt.Step(CONFUSION_CELL))


def filter_bars(
    names: Sequence[str],
    values: np.ndarray,
    ngrams: Sequence[str],
    *,
    value_title: str,
    filter_title: str,
    ngram_title: str,
) -> alt.Chart:
    """One thin bar per filter, sorted by value: every filter's contribution at a glance.

    Hundreds of filters do not fit as labelled rows, so the filters are the
    x axis without labels and the tooltip names each one and its n-gram.
    Colours as in every convlab chart: red positive, blue negative.
    """
    frame = pd.DataFrame(
        {"filter": list(names), "value": np.asarray(values, np.float64), "ngram": list(ngrams)}
    )
    order = frame.sort_values("value", ascending=False, kind="stable")["filter"].tolist()
    extent = float(np.abs(frame["value"]).max()) or 1.0
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("filter:N", sort=order, title=filter_title, axis=alt.Axis(labels=False)),
            y=alt.Y("value:Q", title=value_title),
            color=alt.Color(
                "value:Q",
                scale=alt.Scale(scheme="redblue", reverse=True, domain=[-extent, extent]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("filter:N", title=filter_title),
                alt.Tooltip("ngram:N", title=ngram_title),
                alt.Tooltip("value:Q", title=value_title, format=".4f"),
            ],
        )
        .properties(height=BAR_HEIGHT)
    )
