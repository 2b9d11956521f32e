"""What a visitor uploads to the text-CNN pages: a CSV/TSV table and a saved .keras model.

Each is kept in the session as a record, so it survives page switches and
reruns; the same bytes uploaded again keep the record (and the columns picked).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import streamlit as st

from convlab.textcnn import corpus, model_file
from convlab.ui.text import explained, plain, t
from convlab.ui.textcnn import UPLOADED_MODEL, UPLOADED_TABLE
from convlab.ui.widgets import setting, upload_cap
from convlab.vectors.files import MB

if TYPE_CHECKING:
    from convlab.textcnn.kim import TextCNN

COLUMN_PICKERS = ("cnn_text_col", "cnn_label_col")


@dataclass
class UploadedTable:
    """An uploaded table and which of its columns hold the text and the label."""

    name: str
    raw: bytes
    columns: list[str]
    text: str
    label: str


class UploadedModel(NamedTuple):
    """An uploaded model, known by the SHA-256 of its file (the Filters page's cache key)."""

    digest: str
    cnn: TextCNN
    name: str


def table_upload() -> None:
    """The CSV/TSV uploader and its column pickers; stops the page until a table is kept."""
    uploaded = setting(st.file_uploader, "cnn_table_file", type=["csv", "tsv", "txt"])
    if uploaded is not None:
        keep_table(uploaded.name, uploaded.getvalue())
    record: UploadedTable | None = st.session_state.get(UPLOADED_TABLE)
    if record is None:
        st.info(t("train.upload_prompt"), icon=":material/description:")
        st.stop()
    if uploaded is None:
        st.caption(t("train.upload_kept", name=plain(record.name)))
    pick_columns(record)


def keep_table(name: str, raw: bytes) -> None:
    """Read a new table and keep it with its guessed columns; explain it if it cannot be read."""
    record: UploadedTable | None = st.session_state.get(UPLOADED_TABLE)
    if record is not None and record.raw == raw:
        return
    with explained():
        frame, _, _ = corpus.read_table(raw, name)
    text, label = corpus.guess_columns(frame)
    st.session_state[UPLOADED_TABLE] = UploadedTable(name, raw, list(frame.columns), text, label)
    for picker in COLUMN_PICKERS:  # they hold the old file's columns
        st.session_state.pop(picker, None)


def pick_columns(record: UploadedTable) -> None:
    """The text and label column pickers, side by side; the picks are kept in ``record``."""
    columns = record.columns
    text_col, label_col = st.columns(2)
    with text_col:
        record.text = setting(
            st.selectbox, "cnn_text_col", options=columns, index=columns.index(record.text)
        )
    with label_col:
        record.label = setting(
            st.selectbox, "cnn_label_col", options=columns, index=columns.index(record.label)
        )


def model_upload() -> UploadedModel | None:
    """The .keras uploader; the model kept for this session, if any."""
    uploaded = setting(st.file_uploader, "cnn_model_file", type=["keras"])
    if uploaded is not None:
        keep_model(uploaded.name, uploaded.getvalue())
    return uploaded_model()


def keep_model(name: str, raw: bytes) -> None:
    """Load a new model file and make it the Filters page's model; explain a refused file."""
    digest = hashlib.sha256(raw).hexdigest()
    kept = uploaded_model()
    if kept is not None and kept.digest == digest:
        return
    with explained():  # a hostile or foreign file is refused before TensorFlow is imported
        checked = model_file.read(raw, name, most=upload_cap() * MB)
    from convlab.textcnn import kim

    with st.spinner(t("train.loading_model")), explained():
        cnn = kim.from_file(checked)
    st.session_state[UPLOADED_MODEL] = UploadedModel(digest, cnn, name)
    st.session_state["cnn_model"] = "upload"


def uploaded_model() -> UploadedModel | None:
    """The model uploaded in this session, on any page."""
    return st.session_state.get(UPLOADED_MODEL)


def model_summary(model: UploadedModel) -> str:
    """What was loaded: file name, classes, vocabulary, vector size, kernel sizes, filters."""
    cnn = model.cnn
    w = cnn.weights
    return t(
        "train.loaded",
        name=plain(model.name),
        classes=plain(", ".join(cnn.classes)),
        words=f"{len(cnn.vocab):,}",
        dim=w.embedding.shape[1],
        sizes=", ".join(str(k.shape[0]) for k in w.kernels),
        filters=w.filters,
    )
