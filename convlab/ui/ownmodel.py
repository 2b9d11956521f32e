"""The Your model page's state: the chosen model, its input, its activations, all cached.

Loaded models are shared by every session of the server, by the SHA-256 of
their file; activations by (model digest, input digest), so a new sentence
runs one forward pass and never reloads the model.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import streamlit as st

from convlab.errors import InputError
from convlab.ownmodel import examples, inputs, receptive
from convlab.ownmodel.inputs import Prepared
from convlab.ui.state import value
from convlab.ui.text import explained, plain, t
from convlab.ui.widgets import labelled, setting

if TYPE_CHECKING:
    from convlab.ownmodel.keras_model import Activations, OwnModel

UPLOAD = "_own_upload"
"""Session key of the uploaded model file: an :class:`Upload`."""


class Upload(NamedTuple):
    name: str
    raw: bytes
    digest: str


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(digest: str, _raw: bytes, name: str) -> OwnModel:
    from convlab.ownmodel import keras_model

    return keras_model.load(_raw, name)


@st.cache_resource(show_spinner=False, max_entries=32)
def _run(model_digest: str, input_digest: str, _own: OwnModel, _prepared: Prepared) -> Activations:
    return _own.run(_prepared)


@st.cache_resource(show_spinner=False, max_entries=4)
def _fit_file(key: object, _fit: object) -> bytes:
    from convlab.textcnn import kim

    return kim.save(_fit.cnn)  # type: ignore[attr-defined]


def load(name: str, raw: bytes) -> OwnModel:
    """A checked, loaded model; the page stops with the reason if it is refused."""
    with st.spinner(t("spinner.own_load")), explained():
        return _load(hashlib.sha256(raw).hexdigest(), raw, name)


def current_model() -> OwnModel:
    """The model the ``own_source`` setting names; stops the page with a prompt if there is none."""
    source = value("own_source")
    if source in examples.EXAMPLES:
        with explained():
            raw = examples.read(source)
        return load(f"{source}.keras", raw)
    if source == "fit":
        return load("train_page.keras", _fit_bytes())
    if source == "path":
        return _server_model()
    uploaded = setting(st.file_uploader, "own_model_file", type=["keras", "h5"])
    if uploaded is not None:
        raw = uploaded.getvalue()
        st.session_state[UPLOAD] = Upload(uploaded.name, raw, hashlib.sha256(raw).hexdigest())
    kept: Upload | None = st.session_state.get(UPLOAD)
    if kept is None:
        st.info(t("own.upload_prompt"), icon=":material/upload_file:")
        st.stop()
    return load(kept.name, kept.raw)


def _server_model() -> OwnModel:
    """A model file in the server's ``$CONVLAB_MODEL_DIR``, named in a text box (and the URL)."""
    from convlab.ownmodel import archive

    with explained():
        examples.model_dir(os.environ.get(examples.MODEL_DIR_ENV))
    name = setting(st.text_input, "own_path")
    if not name:
        st.info(t("own.path_prompt"), icon=":material/folder_open:")
        st.stop()
    with explained():
        path = examples.server_file(name, os.environ.get(examples.MODEL_DIR_ENV))
        if not path.is_file():
            raise InputError("own.no_file", path=name)
        archive.check_size(path.stat().st_size)
    return load(path.name, path.read_bytes())


def _fit_bytes() -> bytes:
    """The Train page's model for its current settings, as a .keras file; stops if untrained."""
    from convlab.ui.textcnn import cnn_corpus, cnn_hyperparameters, cnn_vectors, fit_key, fits

    with explained():
        data, hp = cnn_corpus(), cnn_hyperparameters()
    fit = None if data is None else fits().get(fit_key(data, hp, cnn_vectors()))
    if fit is None:
        st.info(t("own.no_fit"), icon=":material/model_training:")
        st.stop()
    return _fit_file(fit_key(data, hp, cnn_vectors()), fit)


def labels(values: Sequence[str], kind: str) -> dict[str, str]:
    """Each value's catalogue label, fixed for this run (AppTest replays ``format_func`` later)."""
    return {value: t(f"own.{kind}.{value}") for value in values}


def input_kinds(own: OwnModel) -> tuple[str, ...]:
    if own.kind == "text":
        return ("sentence",)  # its own TextVectorization reads strings
    return ("sentence", "npy") if own.kind == "ids" else ("signal", "npy", "csv")


def prepared_input(own: OwnModel) -> Prepared:
    """The input the settings and uploads describe, shape-checked; stops with the lesson if not."""
    kinds = input_kinds(own)
    if value("own_input") not in kinds:
        st.session_state["own_input"] = kinds[0]
    names = labels(kinds, "input")
    kind = setting(st.radio, "own_input", options=kinds, horizontal=True, format_func=names.get)
    with explained():
        if kind == "sentence":
            return own.encode(setting(st.text_area, "own_sentence", height=70))
        if kind == "signal":
            return _signal(own)
        if kind == "npy":
            uploaded = setting(st.file_uploader, "own_npy_file", type=["npy"])
        else:
            uploaded = setting(st.file_uploader, "own_csv_file", type=["csv"])
        if uploaded is None:
            st.info(t("own.input_prompt"), icon=":material/upload_file:")
            st.stop()
        raw = uploaded.getvalue()
        array = inputs.read_npy(raw) if kind == "npy" else inputs.read_csv(raw)
        return _fitted(own, array, kind)
    raise AssertionError  # explained() stops the page


def _signal(own: OwnModel) -> Prepared:
    steps_fixed, channels = own.signal_shape
    columns = st.columns(3)
    with columns[0]:
        kind = setting(st.selectbox, "own_signal", format_func=lambda k: t(f"own.signal.{k}"))
    with columns[1]:
        steps = steps_fixed or setting(st.number_input, "own_steps", step=1)
    with columns[2]:
        seed = setting(st.number_input, "own_seed", step=1)
    array = inputs.signal(kind, int(steps), channels, int(seed))
    return _fitted(own, own.arranged(array), "signal")


def _fitted(own: OwnModel, array: np.ndarray, source: str) -> Prepared:
    """``array`` held to the model's input; a transposed one is explained and may be flipped."""
    try:
        return own.fit(array, source)
    except InputError as err:
        if err.key not in ("own.transposed", "own.transposed_first"):
            raise
        st.warning(t(err.key, **err.params), icon=":material/swap_horiz:")
    if not labelled(st.checkbox, "own_transpose"):
        st.stop()
    prepared = own.fit(np.asarray(array).T, source)
    st.caption(t("own.transposed_used", shape=plain(str(tuple(prepared.x.shape[1:])))))
    return prepared


def fields(own: OwnModel, prepared: Prepared) -> dict[str, receptive.Field | None]:
    """The receptive fields of every layer for this input; stops if a layer would get no step."""
    with explained():
        return receptive.check_length(own.graph, [f.name for f in own.shown], prepared.steps)
    raise AssertionError  # explained() stops the page


def activations(own: OwnModel, prepared: Prepared) -> Activations:
    """Every shown layer's output for ``prepared``; stops with the reason if it cannot run."""
    with explained():
        return _run(own.digest, prepared.digest, own, prepared)
    raise AssertionError
