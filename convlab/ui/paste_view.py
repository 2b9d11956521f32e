"""The Shape lab's "paste a model" section: the box, examples, and one row per layer.

The text is parsed (``convlab.shapelab.paste``), never run; the formulas
explain each layer at once and a real Keras model, built once per text and
cached, checks every figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from convlab.shapelab import model_shapes, paste
from convlab.ui.shapelab import ROLES
from convlab.ui.text import explained, plain, t
from convlab.ui.widgets import dataframe, setting

if TYPE_CHECKING:
    from convlab.shapelab.model_shapes import LayerReport, ModelBuilt

COLUMNS = {
    "layer": "col.code",
    "output": "shapelab.output",
    "params": "shapelab.params",
    "agrees": "col.keras",
    "keras": "col.keras_output",
    "formula": "col.formula",
    "note": "col.note",
}
"""The model table, in display order: the formulas' figures, Keras's, and why not."""
EXAMPLE_KEYS = {
    "image": "paste.example_image",
    "image_fix": "paste.example_fix",
    "text": "paste.example_text",
}


@st.cache_data(show_spinner=False, max_entries=64)
def keras_model(text: str) -> ModelBuilt:
    """Keras's figures for the model in ``text``, cached per text: the same paste costs once."""
    from convlab.shapelab import keras_check

    pasted = model_shapes.with_input(paste.parse(text))
    return keras_check.build_model(pasted, model_shapes.explain(pasted))


def why_not(report: LayerReport, *, markdown: bool) -> str:
    """Why a layer has no figures: convlab's reason, then Keras's own message.

    Escaped for markdown (a caption), as written for a table cell, which shows text as is.
    """
    escape = plain if markdown else str
    note = ""
    if report.refusal:
        fields = {
            key: escape(v) if isinstance(v, str) else v for key, v in report.refusal.params.items()
        }
        note = t(report.refusal.key, **fields)
    if report.keras_refused:
        note = f"{note} {t('shapelab.keras_says')} {escape(report.keras_refused)}".strip()
    return note


def row(report: LayerReport) -> dict[str, object]:
    """One table row: the formulas' figures, Keras's output and verdict, and any refusal."""
    figures = report.row
    keras = report.keras_output
    note = why_not(report, markdown=False)
    missing = t("shapelab.refused") if report.refusal else "—"  # "—": a layer before it failed
    return {
        "layer": report.code,
        "output": figures.labelled(lambda role: t(ROLES[role])) if figures else missing,
        "params": f"{figures.params:,}" if figures else "—",
        "agrees": {True: "✓", False: "✗", None: "—"}[report.agrees],
        "keras": "—" if keras is None else f"{keras} · {report.keras_params:,}",
        "formula": figures.formula if figures else "",
        "note": note,
    }


def load(key: str) -> None:
    st.session_state.shape_model = paste.EXAMPLES[key]


def examples() -> None:
    """One button per example model."""
    for column, (key, label) in zip(
        st.columns(len(EXAMPLE_KEYS)), EXAMPLE_KEYS.items(), strict=True
    ):
        column.button(
            t(label),
            key=f"shape_model_{key}",
            on_click=load,
            args=(key,),
            help=t("paste.example_help"),
            icon=":material/upload:",
        )


def translated(pasted: paste.Pasted) -> None:
    """What the Keras 1 translator changed before the model was read, then its notes on it."""
    if pasted.changes:
        st.caption(
            t("paste.keras1", changes=plain("; ".join(f"{a} → {b}" for a, b in pasted.changes)))
        )
    for key, fields in pasted.notes:
        st.info(t(key, **{name: plain(text) for name, text in fields}))


def model_table(text: str) -> None:
    """Every layer, the formulas beside Keras; InputError if the text is not a model."""
    pasted = model_shapes.with_input(paste.parse(text))
    translated(pasted)
    rows = model_shapes.explain(pasted)
    with st.spinner(t("spinner.keras")):
        built = keras_model(text)
    reports = model_shapes.compare(pasted, rows, built)
    frame = pd.DataFrame([row(report) for report in reports], index=range(len(reports)))
    dataframe(frame, COLUMNS, column_order=list(COLUMNS))
    verdicts = [report.agrees for report in reports if report.agrees is not None]
    total = sum(report.row.params for report in reports if report.row)
    keras_total = sum(layer[3] for layer in built.layers)
    figures = {"layers": len(verdicts), "params": f"{total:,}", "keras": f"{keras_total:,}"}
    if all(verdicts):  # a caption: the ✓ column already says it, the lab's own boxes stay apart
        st.caption(t("paste.verdict", **figures))
    else:
        st.error(t("paste.differs", differ=verdicts.count(False), **figures))
    refused = next((i for i, report in enumerate(reports) if report.row is None), None)
    if refused is not None:
        stopped = reports[refused]
        why = why_not(stopped, markdown=True)
        st.caption(t("paste.stopped", index=refused, layer=plain(stopped.code), why=why))


def model_paste() -> None:
    """The paste box, its example buttons, and the table of every layer."""
    st.subheader(t("paste.title"))
    st.markdown(t("paste.intro"))
    examples()
    text = setting(st.text_area, "shape_model", max_chars=paste.MAX_CHARS, height=220)
    with explained("warn"):
        model_table(text)
    with st.expander(t("paste.supported")):
        st.text(", ".join(sorted(paste.LAYERS)))
