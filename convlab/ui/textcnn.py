"""The trained text CNN's session and server state: data, hyperparameters, fits, uploads."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from convlab.textcnn import corpus
from convlab.textcnn.corpus import Corpus
from convlab.textcnn.hyperparameters import Hyperparameters, parse_kernel_sizes
from convlab.ui.state import value
from convlab.ui.vectors import vector_set
from convlab.vectors.sets import VectorSet

if TYPE_CHECKING:
    from convlab.textcnn.kim import FitStore, TextCNN
    from convlab.textcnn.mining import Mining
    from convlab.ui.uploads import UploadedTable

UPLOADED_TABLE = "_cnn_table"
"""Session key of the uploaded CSV/TSV, an ``uploads.UploadedTable``; survives page switches."""

UPLOADED_MODEL = "_cnn_uploaded"
"""Session key of the uploaded .keras model: an ``uploads.UploadedModel`` (sha256, model, name)."""


@st.cache_resource(show_spinner=False)
def fits() -> FitStore:
    """Trained text CNNs by (data, settings, vectors), shared by every session of the server.

    Process-wide rather than per session: a class opening the teacher's link
    gets the teacher's fit at once instead of each retraining it, and a
    browser reload loses nothing. Only the Train button adds to it.
    """
    from convlab.textcnn.kim import FitStore

    return FitStore()


@st.cache_resource(show_spinner=False, max_entries=4)
def _mr(folder: str, rows: int) -> Corpus:
    return corpus.load_mr(folder).sample(rows)


@st.cache_resource(show_spinner=False, max_entries=4)
def _table(raw: bytes, name: str, text: str, label: str, rows: int) -> Corpus:
    return corpus.from_table(raw, name, text, label).sample(rows)


def cnn_corpus() -> Corpus | None:
    """The data the settings name, cut to ``cnn_rows``; None while there is none (no MR, no upload).

    InputError if the uploaded table cannot be used.
    """
    if value("cnn_data") == "upload":
        table: UploadedTable | None = st.session_state.get(UPLOADED_TABLE)
        if table is None:
            return None
        return _table(table.raw, table.name, table.text, table.label, value("cnn_rows"))
    folder = corpus.find_mr()
    return None if folder is None else _mr(str(folder), value("cnn_rows"))


def cnn_hyperparameters() -> Hyperparameters:
    """The Kim CNN the settings describe; InputError if they cannot form one."""
    return Hyperparameters(
        variant=value("cnn_variant"),
        scale=value("cnn_scale"),
        kernel_sizes=parse_kernel_sizes(value("cnn_kernel_sizes")),
        filters=value("cnn_filters"),
        epochs=value("cnn_epochs"),
        seed=value("cnn_seed"),
    )


def cnn_vectors() -> VectorSet:
    """The word vectors the model starts from: a built-in set, or the one the sidebar shows."""
    name = value("cnn_vectors")
    return vector_set() if name == "active" else vector_set(name)


def fit_key(data: Corpus, hp: Hyperparameters, vs: VectorSet) -> tuple[str, Hyperparameters, str]:
    """What a fit is cached by: the data's digest, the settings, the vector set (name + hash)."""
    return data.digest, hp, vs.key


@st.cache_resource(show_spinner=False, max_entries=4)
def mining(
    model_key: object, _cnn: TextCNN, data_key: str, _data: Corpus, min_count: int
) -> Mining:
    """The data scanned by a model for every filter; cached by the model's and the data's keys."""
    from convlab.textcnn.kim import tokens_of
    from convlab.textcnn.mining import mine

    tokens = tokens_of(_data.texts)
    return mine(_cnn.weights, tokens, _cnn.encode(tokens), _data.labels, _data.classes, min_count)
