"""The trained text CNN's session and server state: data, hyperparameters, fits, uploads.

MR and the fits on it are shared by every session of the server. What comes from
a visitor's upload (the table's corpus, fits on it, mining with an uploaded
model) is kept in that visitor's session only, so it is freed when the session ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from convlab.textcnn import corpus
from convlab.textcnn.corpus import Corpus
from convlab.textcnn.hyperparameters import Hyperparameters, parse_kernel_sizes
from convlab.ui.state import session_memo, value
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

OWN_FITS = "_cnn_own_fits"
"""Session key: the ``FitStore`` of fits on this visitor's uploaded table."""


def own_data() -> bool:
    """Whether the settings pick the visitor's uploaded table rather than MR."""
    return value("cnn_data") == "upload"


@st.cache_resource(show_spinner=False)
def shared_fits() -> FitStore:
    """The server's fits on MR, one store for every session (tests clear it)."""
    from convlab.textcnn.kim import FitStore

    return FitStore()


def fits() -> FitStore:
    """Trained text CNNs of the current data by (data, settings, vectors).

    Fits on MR are process-wide: a class opening the teacher's link gets the
    teacher's fit at once instead of each retraining it, and a browser reload
    loses nothing. Fits on an uploaded table are this session's own (nobody
    else has the table), under the same server-wide training lock.
    """
    shared = shared_fits()
    if not own_data():
        return shared
    if OWN_FITS not in st.session_state:
        from convlab.textcnn.kim import FitStore

        st.session_state[OWN_FITS] = FitStore(most=2, lock=shared.lock)
    return st.session_state[OWN_FITS]


@st.cache_resource(show_spinner=False, max_entries=4)
def _mr(folder: str, rows: int) -> Corpus:
    return corpus.load_mr(folder).sample(rows)


def cnn_corpus() -> Corpus | None:
    """The data the settings name, cut to ``cnn_rows``; None while there is none (no MR, no upload).

    InputError if the uploaded table cannot be used.
    """
    if value("cnn_data") == "upload":
        table: UploadedTable | None = st.session_state.get(UPLOADED_TABLE)
        if table is None:
            return None
        rows = value("cnn_rows")
        return session_memo(
            "corpus",
            (hash(table.raw), table.name, table.text, table.label, rows),
            lambda: corpus.from_table(table.raw, table.name, table.text, table.label).sample(rows),
        )
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


def _mine(cnn: TextCNN, data: Corpus, min_count: int) -> Mining:
    from convlab.textcnn.kim import tokens_of
    from convlab.textcnn.mining import mine

    tokens = tokens_of(data.texts)
    return mine(cnn.weights, tokens, cnn.encode(tokens), data.labels, data.classes, min_count)


@st.cache_resource(show_spinner=False, max_entries=4)
def _shared_mining(
    model_key: object, _cnn: TextCNN, data_key: str, _data: Corpus, min_count: int
) -> Mining:
    return _mine(_cnn, _data, min_count)


def own_upload() -> bool:
    """Whether the Filters page works on something only this visitor has: their table or model."""
    return own_data() or value("cnn_model") == "upload"


def mining(model_key: object, cnn: TextCNN, data_key: str, data: Corpus, min_count: int) -> Mining:
    """The data scanned by a model for every filter; cached by the model's and the data's keys.

    Shared when both are the server's (MR, a fit on it); in the session when either is uploaded.
    """
    if own_upload():
        key = (model_key, data_key, min_count)
        return session_memo("mining", key, lambda: _mine(cnn, data, min_count))
    return _shared_mining(model_key, cnn, data_key, data, min_count)
