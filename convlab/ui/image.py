"""The Conv2D page's picture: the same window as a kernel on the (words, D, 1) image."""

from __future__ import annotations

import numpy as np
import streamlit as st

from convlab import arithmetic
from convlab.lesson import charts
from convlab.lesson import walkthrough as walk
from convlab.lesson.layer import ConvLayer
from convlab.ui.text import t
from convlab.ui.widgets import pick

SMALL = 3
"""The small square kernel drawn beside the (n, D) one."""
GHOSTS = 6
"""Other positions of the small kernel drawn thin along its row."""


def kernel_pictures(x: np.ndarray, conv: ConvLayer, labels: list[str]) -> None:
    """The (n, D) kernel at the walkthrough's step, and a (3, 3) kernel on the same image."""
    words, dim = x.shape
    steps = len(labels)
    step = walk.step(conv, words, pick("cell_t", steps, labels.__getitem__), 0)
    before, after = conv.word_padding(words)
    padded = np.pad(np.asarray(x, np.float64), ((before, after), (0, 0)))
    top = int(step.positions[0])
    wide, small = st.columns(2)
    wide.altair_chart(
        charts.kernel_on_image(
            padded,
            before,
            [(top, top + conv.span, 0, dim)],
            title=t("image.wide", n=conv.n, dim=dim, t=step.t),
            value_title=t("axis.value"),
        ),
        width="stretch",
    )
    wide.markdown(t("image.wide_text", n=conv.n, dim=dim, steps=steps, cols=1))
    if words < SMALL or dim < SMALL:
        small.info(t("image.small_too_small", k=SMALL, words=words, dim=dim))
        return
    new_rows = arithmetic.output_length(words, SMALL, "valid")
    new_cols = arithmetic.output_length(dim, SMALL, "valid")
    row = min(step.t, new_rows - 1)
    stride = max(1, new_cols // GHOSTS)
    boxes = [(row, row + SMALL, c, c + SMALL) for c in range(0, new_cols, stride)]
    small.altair_chart(
        charts.kernel_on_image(
            np.asarray(x, np.float64),
            0,
            boxes,
            title=t("image.small", k=SMALL, t=row),
            value_title=t("axis.value"),
        ),
        width="stretch",
    )
    small.markdown(
        t(
            "image.small_text",
            k=SMALL,
            rows=new_rows,
            cols=new_cols,
            positions=f"{new_rows * new_cols:,}",
            filters=conv.filters,
        )
    )
    small.code(
        "\n".join(
            (
                arithmetic.formula(words, SMALL, "valid", name="new_rows"),
                arithmetic.formula(dim, SMALL, "valid", name="new_cols"),
            )
        ),
        language=None,
    )
