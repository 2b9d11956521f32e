"""What the Your model page shows: the model, its shape table, each layer's heatmap, the code."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import streamlit as st

from convlab.lesson import charts
from convlab.ownmodel import snippet, table, views
from convlab.ownmodel.receptive import Field
from convlab.shapelab.layerspec import show
from convlab.ui.text import plain, t
from convlab.ui.widgets import dataframe, download_table, setting

if TYPE_CHECKING:
    from convlab.ownmodel.inputs import Prepared
    from convlab.ownmodel.keras_model import Activations, OwnModel

MAX_ROWS = 64
"""Rows drawn in one heatmap; the downloads hold every row."""


def summary(own: OwnModel) -> None:
    infos = own.layer_infos
    st.success(
        t(
            "own.loaded",
            name=plain(own.name),
            layers=len(infos),
            convs=len(own.conv_layers),
            shape=show(own.input_shape),
            params=f"{own.model.count_params():,}",
        ),
        icon=":material/check_circle:",
    )


def shape_table(own: OwnModel) -> None:
    """One row per layer: class, output shape, what each axis means, parameters."""
    st.subheader(t("own.shapes"))
    frame = table.layer_rows(own.layer_infos, own.kind != "signal", own.channels_first)
    frame["axes"] = [
        "(" + ", ".join(t(f"own.axis.{axis}") for axis in axes) + ")" for axes in frame["axes"]
    ]
    columns = {c: f"own.col.{c}" for c in frame.columns}
    dataframe(frame, columns, hide_index=True, width="stretch")


def conv_table(own: OwnModel, fields: dict[str, Field | None], length: int) -> None:
    """Per Conv1D: kernel, new_steps with the real numbers, params, data_format, field, check."""
    st.subheader(t("own.convs"))
    rows = table.conv_rows(own.layer_infos, own.graph, fields)
    frame = pd.DataFrame(rows).rename(columns={"params": "params_formula"})
    columns = {c: f"own.col.{c}" for c in frame.columns}
    dataframe(frame, columns, hide_index=True, width="stretch")
    st.caption(t("own.convs_caption", length=length))


def tokens(own: OwnModel, prepared: Prepared) -> None:
    """The ids the model reads, with their tokens, padding and unknown words marked."""
    if prepared.ids is None:
        return
    labels, oov = own.words(prepared.ids, prepared.tokens)
    ids = prepared.ids
    frame = pd.DataFrame({"position": range(len(ids)), "id": ids, "token": labels, "oov": oov})
    st.caption(t("own.tokens"))
    columns = {c: f"own.col.{c}" for c in frame.columns}
    dataframe(frame, columns, hide_index=True, height=180)


def text_tokens(own: OwnModel, acts: Activations) -> list[str] | None:
    return acts.labels if own.kind != "signal" else None


def layer_panel(
    own: OwnModel, acts: Activations, fields: dict[str, Field | None], name: str, top: int
) -> None:
    """One layer: caption with its output shape, heatmap of labelled rows, top spans, CSV."""
    act = acts.outputs[name]
    cls = type(own.layer(name)).__name__
    labels = views.row_labels(fields.get(name), act.shape[0], text_tokens(own, acts))
    what = t("own.axis.filters") if cls == "Conv1D" else t("own.axis.channels")
    st.markdown(f"**{plain(name)}**")
    st.caption(t("own.layer_caption", cls=cls, shape=show((1, *act.shape)), what=plain(what)))
    if fields.get(name) is None:
        st.caption(t("own.untraced", layer=plain(name), cls=plain(_untraced_by(own, name))))
    shown = slice(0, MAX_ROWS)
    chart = charts.heatmap(
        act[shown],
        labels[shown],
        [str(f) for f in range(act.shape[1])],
        row_title=t("own.col.span"),
        column_title=t("own.axis.filters") if cls == "Conv1D" else t("own.axis.channels"),
        value_title=t("own.col.activation"),
        column_ticks=max(act.shape[1] // 16, 1) if act.shape[1] > 32 else None,
    )
    st.altair_chart(chart, width="stretch")
    if act.shape[0] > MAX_ROWS:
        st.caption(t("own.rows_cut", shown=MAX_ROWS, rows=act.shape[0]))
    left, right = st.columns([3, 1])
    with left:
        st.caption(t("own.top"))
        spans = views.top_spans(act, labels, top)
        dataframe(spans, {c: f"own.col.{c}" for c in spans.columns}, hide_index=True, height=200)
    with right:
        frame = views.layer_frame(act, labels, views.spans_array(fields.get(name), act.shape[0]))
        download_table(
            t("own.download_csv"),
            frame,
            f"{name}.csv",
            key=f"own_csv_{name}",
            help=t("help.own_download_csv"),
        )


def _untraced_by(own: OwnModel, name: str) -> str:
    """The class of the first layer above ``name`` that receptive fields do not trace."""
    from convlab.ownmodel import receptive

    known = {*receptive.KEEP_STEPS, *receptive.WINDOWS, *receptive.WHOLE}
    for node in own.graph:
        if node.class_name not in known:
            return node.class_name
    return "?"


def downloads(own: OwnModel, acts: Activations, fields: dict[str, Field | None]) -> None:
    spans = {
        name: views.spans_array(fields.get(name), act.shape[0])
        for name, act in acts.outputs.items()
    }
    st.download_button(
        t("own.download_npz"),
        views.npz(acts.outputs, spans),
        file_name=f"{own.name.rsplit('.', 1)[0]}_activations.npz",
        mime="application/octet-stream",
        key="own_npz",
        help=t("help.own_download_npz"),
        icon=":material/download:",
    )


def winners(own: OwnModel, acts: Activations, fields: dict[str, Field | None]) -> None:
    """The winning n-gram per filter of each Conv1D that reads the embedding directly."""
    by_name = {node.name: node for node in own.graph}
    for flat in own.conv_layers:
        layer = flat.layer
        node = by_name.get(flat.name)
        if node is None or len(node.inbound) != 1 or acts.ids is None:
            continue
        source = by_name.get(node.inbound[0])
        c = layer.get_config()
        plain_window = c["padding"] == "valid" and c["strides"] in ((1,), [1], 1)
        if source is None or source.class_name != "Embedding" or not plain_window:
            continue
        if c.get("dilation_rate") not in ((1,), [1], 1):
            continue
        embedding = own.layer(source.name).get_weights()[0]
        kernel, bias = layer.get_weights()[:2]
        act = acts.outputs[flat.name]
        labels = views.row_labels(fields.get(flat.name), act.shape[0], acts.labels)
        frame = views.winners(embedding, kernel, bias, acts.ids, act, labels)
        st.markdown(f"**{t('own.winners', layer=plain(flat.name))}**")
        st.caption(t("own.winners_caption"))
        dataframe(
            frame, {c: f"own.col.{c}" for c in ("filter", "ngram", "activation")}, hide_index=True
        )


def code(own: OwnModel, prepared: Prepared, sentence: str | None) -> None:
    """The Keras 3 code for the same arrays beside the Keras 2 code; the input to run it on."""
    st.subheader(t("own.code"))
    st.caption(t("own.code_caption"))
    names, opened = snippet.reachable(own.graph, [flat.name for flat in own.shown])
    inside = [flat.name for flat in own.shown if flat.name not in names]
    if inside:
        st.caption(t("own.code_nested", layers=plain(", ".join(inside))))
    left, right = st.columns(2)
    left.code(snippet.keras3(names, sentence, opened=opened), language="python")
    right.code(snippet.KERAS2, language="python")
    if sentence is None:
        buffer = io.BytesIO()
        np.save(buffer, prepared.x, allow_pickle=False)
        st.download_button(
            t("own.download_input"),
            buffer.getvalue(),
            file_name=snippet.INPUT_FILE,
            mime="application/octet-stream",
            key="own_input_npy",
            help=t("help.own_download_input"),
            icon=":material/download:",
        )


def top_setting() -> int:
    return setting(st.slider, "own_top")
