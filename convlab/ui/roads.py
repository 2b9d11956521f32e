"""The six-roads table of the Conv2D page: every form's layout and its measured |Δ| to Conv1D."""

from __future__ import annotations

import streamlit as st

from convlab.lesson import forms, tables
from convlab.lesson.equivalence import Comparison
from convlab.lesson.layer import ConvLayer
from convlab.ui.text import t
from convlab.ui.widgets import dataframe

SHAPES = ("input", "kernel", "output")
SETTINGS = ("strides", "dilation_rate", "padding")
COLUMNS = (*SHAPES, *SETTINGS)


def roads_table(conv: ConvLayer, words: int, dim: int, results: dict[str, Comparison]) -> None:
    """The forms' shapes and |Δ|, how each follows the settings, why a form cannot, the verdict.

    Two tables rather than one: each fits the page's column at 1280 px even
    for 200 tokens and a zero-padded layer, where one table scrolled sideways.
    """
    frame = tables.roads(forms.layouts(conv, words, dim), results).rename(
        index=lambda form: t(f"forms.short.{form}")
    )
    labels = {
        "_index": "forms.form",
        **{column: f"row.{column}" for column in COLUMNS},
        **{dtype: f"forms.diff.{dtype}" for dtype in results},
    }

    def show(columns: list[str]) -> None:
        table = {key: labels[key] for key in ("_index", *columns)}
        formats = dict.fromkeys(results, "%.2g")
        dataframe(frame[columns], table, formats=formats, placeholder=tables.NOT_RUN)

    show([*SHAPES, *results])
    st.caption(t("forms.settings"))
    show(list(SETTINGS))
    for form, reason in next(iter(results.values())).reasons.items():
        st.caption(t(reason, form=t(f"form.{form}"), d=conv.dilation))
    diffs = {
        (dtype, form): (result.road(form), result.tolerance)
        for dtype, result in results.items()
        for form in forms.FORMS[1:]
        if result.road(form) is not None
    }
    worst = max(diff for diff, _ in diffs.values())
    if all(diff <= tolerance for diff, tolerance in diffs.values()):
        roads = len(forms.FORMS) - len(results["float32"].reasons)
        st.success(t("forms.agree", roads=roads, worst=f"{worst:.1e}"))
    else:
        st.error(t("conv2d.differ"))
