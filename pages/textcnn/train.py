"""Train Kim (2014)'s sentence CNN on MR or an uploaded table, live, and share it as .keras.

Training starts only from the Train button. A finished fit is kept in a
server-wide store keyed by (data digest, settings, vector set), so reruns,
widget changes and other visitors with the same link see it without training
again; changing a setting that has no fit yet shows the button, never a fit.
"""

import streamlit as st

from convlab import ui
from convlab.textcnn import corpus
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.ui import train_view, training, uploads

requested = training.take_requests()
with st.spinner(ui.t("spinner.keras")):
    import convlab.textcnn.kim  # noqa: F401  (the first import loads TensorFlow: seconds)


def mr_source() -> None:
    """Where MR comes from, or a button that downloads it; the page waits until MR is here."""
    folder = corpus.find_mr()
    if folder is not None:
        st.caption(ui.t("train.mr_folder", folder=ui.plain(str(folder))))
        return
    st.info(ui.t("train.mr_missing"), icon=":material/download:")
    training.request_button(
        training.DOWNLOAD_REQUEST,
        ui.t("train.mr_download"),
        key="cnn_download",
        help=ui.t("train.mr_download_help"),
    )
    if requested[training.DOWNLOAD_REQUEST]:
        with st.spinner(ui.t("train.mr_downloading", url=corpus.mr_url())), ui.explained():
            corpus.download_mr()
        st.rerun()
    st.stop()


def data_section() -> corpus.Corpus:
    """MR or an uploaded table, how many rows of it, and what was read."""
    st.subheader(ui.t("train.data"))
    with st.container(border=True):
        choice, rows = st.columns([3, 1])
        sources = {"mr": ui.t("train.data_mr"), "upload": ui.t("train.data_upload")}
        with choice:
            ui.setting(st.radio, "cnn_data", horizontal=True, format_func=sources.__getitem__)
        with rows:
            ui.setting(st.number_input, "cnn_rows", step=100)
        if ui.value("cnn_data") == "upload":
            uploads.table_upload()
        else:
            mr_source()
        with ui.explained():
            data = ui.cnn_corpus()
        if data is None:  # the MR folder went away since mr_source() looked
            st.stop()
        train_view.describe(data)
    return data


def settings_section() -> Hyperparameters:
    """The model's settings, and why their defaults are what they are."""
    st.subheader(ui.t("train.model"))
    with st.container(border=True):
        sets = {
            "glove50": ui.t("train.vectors_glove50"),
            "md300": ui.t("train.vectors_md300"),
            "active": ui.t("train.vectors_active", name=ui.plain(ui.vector_set().title)),
        }
        scales = {"rescaled": ui.t("train.scale_rescaled"), "raw": ui.t("train.scale_raw")}
        first = st.columns([2, 2, 1])
        with first[0]:
            ui.setting(st.selectbox, "cnn_vectors", format_func=sets.__getitem__)
        with first[1]:
            ui.setting(st.radio, "cnn_variant", horizontal=True)
        with first[2]:
            ui.setting(
                st.radio,
                "cnn_scale",
                format_func=scales.__getitem__,
                disabled=ui.value("cnn_variant") == "rand",
            )
        second = st.columns(4)
        with second[0]:
            ui.setting(st.text_input, "cnn_kernel_sizes", max_chars=40)
        with second[1]:
            ui.setting(st.number_input, "cnn_filters", step=10)
        with second[2]:
            ui.setting(st.slider, "cnn_epochs")
        with second[3]:
            ui.setting(st.number_input, "cnn_seed", step=1)
        with st.expander(ui.t("train.why_defaults")):
            train_view.bench_table()
        with ui.explained():
            hp = ui.cnn_hyperparameters()
    return hp


def fit_section(data: corpus.Corpus, hp: Hyperparameters) -> None:
    """The stored fit of these settings, or the Train button that makes it, live."""
    vs = ui.cnn_vectors()
    key = ui.fit_key(data, hp, vs)
    fit = ui.fits().get(key)
    training.replica_note()
    if fit is not None:
        train_view.results(fit)
        return
    st.info(ui.t("train.not_trained"), icon=":material/fitness_center:")
    training.request_button(
        training.TRAIN_REQUEST,
        ui.t("train.button"),
        key="cnn_train",
        type="primary",
        help=ui.t("train.button_help"),
    )
    if requested[training.TRAIN_REQUEST]:
        training.train_live(data, hp, vs, key)
        st.rerun()  # redraw without the button, from the stored fit


def load_section() -> None:
    """Upload a saved .keras model; it becomes the Filters page's model for this session."""
    st.subheader(ui.t("train.load"))
    kept = uploads.model_upload()
    if kept is not None:
        st.success(uploads.model_summary(kept))
        train_view.to_filters()


data = data_section()
fit_section(data, settings_section())
load_section()
