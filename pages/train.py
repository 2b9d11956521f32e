"""Train Kim (2014)'s sentence CNN on MR or an uploaded table, live, and share it as .keras.

Training starts only from the Train button. A finished fit is kept in a
server-wide store keyed by (data digest, settings, vector set), so reruns,
widget changes and other visitors with the same link see it without training
again; changing a setting that has no fit yet shows the button, never a fit.
"""

import hashlib
import time

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from convlab import ui
from convlab.errors import InputError
from convlab.textcnn import bench_results, corpus, fitcharts
from convlab.vectors.sets import VectorSet

PROGRESS_EVERY = 0.5  # seconds between progress-bar updates inside an epoch
# The buttons only raise these flags (in on_click, before the script runs), and the page acts on
# them once: a button's own True would be lost if the run restarted before reaching it.
TRAIN_REQUEST = "_cnn_train_request"
DOWNLOAD_REQUEST = "_cnn_download_request"

ui.page("train.title", "train.intro")
requested = {flag: st.session_state.pop(flag, False) for flag in (TRAIN_REQUEST, DOWNLOAD_REQUEST)}
with st.spinner(ui.t("spinner.keras")):
    import keras

    from convlab.textcnn import kim


def curve_titles() -> dict[str, str]:
    return {
        "epoch": ui.t("train.axis_epoch"),
        "accuracy": ui.t("train.axis_accuracy"),
        "loss": ui.t("train.axis_loss"),
        "train": ui.t("train.split_train"),
        "validation": ui.t("train.split_val"),
        "split": ui.t("train.axis_split"),
    }


class LiveProgress(keras.callbacks.Callback):
    """Moves the progress bar during each epoch and redraws the curves after it."""

    def __init__(self, bar: DeltaGenerator, chart: DeltaGenerator, epochs: int) -> None:
        super().__init__()
        self.bar, self.chart, self.epochs = bar, chart, epochs
        self.history: list[dict[str, float]] = []
        self.shown = 0.0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self.epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if time.monotonic() - self.shown < PROGRESS_EVERY:
            return
        self.shown = time.monotonic()
        steps = self.params.get("steps") or batch + 1
        done = (self.epoch + (batch + 1) / steps) / self.epochs
        self.bar.progress(
            min(done, 1.0),
            text=ui.t(
                "train.progress_batch",
                epoch=self.epoch + 1,
                epochs=self.epochs,
                batch=batch + 1,
                steps=steps,
                accuracy=f"{(logs or {}).get('accuracy', 0):.3f}",
            ),
        )

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        logs = {key: float(value) for key, value in (logs or {}).items()}
        self.history.append(logs)
        self.bar.progress(
            (epoch + 1) / self.epochs,
            text=ui.t(
                "train.progress_epoch",
                epoch=epoch + 1,
                epochs=self.epochs,
                accuracy=f"{logs.get('accuracy', 0):.3f}",
                val_accuracy=f"{logs.get('val_accuracy', 0):.3f}",
                loss=f"{logs.get('loss', 0):.3f}",
                val_loss=f"{logs.get('val_loss', 0):.3f}",
            ),
        )
        with self.chart.container():
            draw_curves(self.history, self.epochs)


def raise_flag(flag: str) -> None:
    st.session_state[flag] = True


def draw_curves(history: list[dict[str, float]], epochs: int) -> None:
    """Accuracy and loss per epoch, side by side."""
    titles = curve_titles()
    for column, metric in zip(st.columns(2), ("accuracy", "loss"), strict=True):
        column.altair_chart(
            fitcharts.curve(history, epochs, metric, titles=titles), width="stretch"
        )


# Data ---------------------------------------------------------------------------------------


def upload_table() -> None:
    """The CSV/TSV uploader and its column pickers; the table stays in the session."""
    uploaded = ui.setting(st.file_uploader, "cnn_table_file", type=["csv", "tsv", "txt"])
    record = st.session_state.get(ui.UPLOADED_TABLE)
    if uploaded is not None:
        raw = uploaded.getvalue()
        if record is None or record["raw"] != raw:
            try:
                frame, _, _ = corpus.read_table(raw, uploaded.name)
            except InputError as err:
                ui.stop(err)
            columns = list(frame.columns)
            text, label = corpus.guess_columns(frame)
            record = {"name": uploaded.name, "raw": raw, "columns": columns}
            record |= {"text": text, "label": label}
            st.session_state[ui.UPLOADED_TABLE] = record
            for picker in ("cnn_text_col", "cnn_label_col"):  # the old file's columns
                st.session_state.pop(picker, None)
    if record is None:
        st.info(ui.t("train.upload_prompt"), icon="📄")
        st.stop()
    if uploaded is None:
        st.caption(ui.t("train.upload_kept", name=ui.plain(record["name"])))
    columns = record["columns"]
    text_col, label_col = st.columns(2)
    with text_col:
        record["text"] = ui.setting(
            st.selectbox, "cnn_text_col", options=columns, index=columns.index(record["text"])
        )
    with label_col:
        record["label"] = ui.setting(
            st.selectbox, "cnn_label_col", options=columns, index=columns.index(record["label"])
        )


def mr_source() -> None:
    """Where MR comes from, or a button that downloads it."""
    folder = corpus.find_mr()
    if folder is not None:
        st.caption(ui.t("train.mr_folder", folder=ui.plain(str(folder))))
        return
    st.info(ui.t("train.mr_missing"), icon="📥")
    st.button(
        ui.t("train.mr_download"),
        key="cnn_download",
        help=ui.t("train.mr_download_help"),
        on_click=raise_flag,
        args=(DOWNLOAD_REQUEST,),
    )
    if requested[DOWNLOAD_REQUEST]:
        with st.spinner(ui.t("train.mr_downloading", url=corpus.mr_url())):
            try:
                corpus.download_mr()
            except InputError as err:
                ui.stop(err)
        st.rerun()
    st.stop()


def describe(data: corpus.Corpus) -> None:
    """What was read: notices, the label mapping with class counts, and the split sizes."""
    if data.encoding == "latin-1" and ui.value("cnn_data") == "upload":  # MR is latin-1 anyway
        st.info(ui.t("train.latin1"))
    if data.dropped:
        st.info(ui.t("train.dropped", rows=data.dropped))
    if data.truncated:
        st.warning(ui.t("train.truncated", most=f"{corpus.MAX_ROWS:,}", rows=f"{data.truncated:,}"))
    if data.sampled_from:
        st.caption(ui.t("train.sampled", rows=f"{len(data):,}", total=f"{data.sampled_from:,}"))
    mapping, sizes = st.columns([2, 3])
    with mapping:
        st.dataframe(
            pd.DataFrame({"label": data.classes, "rows": data.counts}),
            column_config={
                "_index": st.column_config.NumberColumn(ui.t("col.class")),
                "label": st.column_config.TextColumn(ui.t("col.label")),
                "rows": st.column_config.NumberColumn(ui.t("col.rows")),
            },
        )
        st.caption(ui.t("train.mapping"))
    with sizes:
        n_train, n_val, n_test = corpus.split(len(data)).sizes
        cols = st.columns(3)
        cols[0].metric(ui.t("train.n_train"), f"{n_train:,}")
        cols[1].metric(ui.t("train.n_val"), f"{n_val:,}")
        cols[2].metric(ui.t("train.n_test"), f"{n_test:,}")
        st.caption(ui.t("train.split_caption", seed=corpus.SPLIT_SEED))


def data_section() -> corpus.Corpus:
    st.subheader(ui.t("train.data"))
    with st.container(border=True):
        choice, rows = st.columns([3, 1])
        sources = {"mr": ui.t("train.data_mr"), "upload": ui.t("train.data_upload")}
        with choice:
            ui.setting(st.radio, "cnn_data", horizontal=True, format_func=sources.__getitem__)
        with rows:
            ui.setting(st.number_input, "cnn_rows", step=100)
        if ui.value("cnn_data") == "upload":
            upload_table()
        else:
            mr_source()
        try:
            data = ui.cnn_corpus()
        except InputError as err:
            ui.stop(err)
        if data is None:  # the MR folder went away since mr_source() looked
            st.stop()
        describe(data)
    return data


# Model settings ---------------------------------------------------------------------------


def bench_table() -> None:
    """Where the default stands in bench/train_mr.py's measured table, and the table."""
    results = bench_results.load()
    if results is None:
        st.caption(ui.t("train.bench_missing"))
        return
    where = bench_results.standing(results)
    st.markdown(
        ui.t(
            where.verdict,
            default=where.default.name,
            accuracy=f"{where.default.accuracy:.1%}",
            seconds=f"{where.default.seconds:.0f}",
            best=where.best.name,
            best_accuracy=f"{where.best.accuracy:.1%}",
            best_seconds=f"{where.best.seconds:.0f}",
            gap=f"{where.gap:.1f}",
            speedup=f"{where.speedup:.1f}",
        )
    )
    st.markdown(ui.t("train.bench_intro", seeds=results["seeds"], machine=results["machine"]))
    table = pd.DataFrame(results["rows"])
    st.dataframe(
        table.rename(columns={c: ui.t(k) for c, k in bench_results.COLUMNS.items()}),
        hide_index=True,
    )
    cv = bench_results.cross_validation(results)
    st.caption(ui.t("train.cross_validation", **cv.shown()))


def settings_section() -> kim.Hyperparameters:
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
            bench_table()
        try:
            return ui.cnn_config()
        except InputError as err:
            ui.stop(err)


# Training and results -------------------------------------------------------------------------


def train_live(data: corpus.Corpus, hp: kim.Hyperparameters, vs: VectorSet, key: tuple) -> None:
    """Train under the server's lock with a live progress bar and curves; store the fit."""
    store = ui.fits()
    if not store.lock.acquire(blocking=False):
        with st.spinner(ui.t("train.waiting")):
            store.lock.acquire()
    try:
        if store.get(key) is None:  # another visitor may have trained it meanwhile
            bar = st.progress(0.0, text=ui.t("train.starting"))
            chart = st.empty()
            live = LiveProgress(bar, chart, hp.epochs)
            store.put(key, kim.train(data, hp, vs, callbacks=[live]))
    finally:
        store.lock.release()


def results(fit: kim.Fit) -> None:
    st.subheader(ui.t("train.results"))
    report = fit.report()
    cols = st.columns(4)
    cols[0].metric(ui.t("train.test_accuracy"), f"{fit.test_accuracy:.1%}")
    cols[1].metric(
        ui.t("train.val_accuracy"),
        f"{fit.val_accuracy:.1%}",
        help=ui.t("train.val_help", best=fit.best_epoch, epochs=len(fit.history)),
    )
    cols[2].metric(ui.t("train.seconds"), f"{fit.train_seconds:.1f} s")
    cols[3].metric(ui.t("train.params"), f"{fit.cnn.model.count_params():,}")
    coverage = report["vocab_coverage"]
    st.caption(
        ui.t(
            "train.coverage",
            types=f"{coverage['types']:.1%}",
            tokens=f"{coverage['tokens']:.1%}",
            vocab=f"{len(fit.cnn.vocab):,}",
        )
    )
    draw_curves(fit.history, len(fit.history))
    st.caption(ui.t("train.curves_caption", best=fit.best_epoch, epochs=len(fit.history)))
    matrix, downloads = st.columns([3, 2])
    classes = list(fit.cnn.classes)
    confusion = pd.DataFrame(fit.confusion, index=pd.Index(classes, name="true"), columns=classes)
    with matrix:
        st.markdown(f"**{ui.t('train.confusion')}**")
        st.altair_chart(
            fitcharts.confusion(
                fit.confusion,
                classes,
                true_title=ui.t("train.axis_true"),
                predicted_title=ui.t("train.axis_predicted"),
            ),
            width="stretch",
        )
    with downloads:
        ui.download_table(
            ui.t("train.download_confusion"),
            confusion,
            "convlab-confusion.csv",
            key="download_confusion",
            help=ui.t("train.download_confusion_help"),
        )
        ui.download_table(
            ui.t("train.download_history"),
            pd.DataFrame(fit.history, index=pd.RangeIndex(1, len(fit.history) + 1, name="epoch")),
            "convlab-history.csv",
            key="download_history",
            help=ui.t("train.download_history_help"),
        )
        st.download_button(
            ui.t("train.download_model"),
            lambda: kim.save(fit.cnn),
            file_name="convlab-kim.keras",
            mime="application/zip",
            key="download_model",
            help=ui.t("train.download_model_help"),
            icon=":material/download:",
            on_click="ignore",
        )
        st.page_link(
            "pages/filters.py", label=ui.t("train.to_filters"), icon=":material/arrow_forward:"
        )


def load_section() -> None:
    """Upload a saved .keras model; it becomes the Filters page's model for this session."""
    st.subheader(ui.t("train.load"))
    uploaded = ui.setting(st.file_uploader, "cnn_model_file", type=["keras"])
    if uploaded is not None:
        raw = uploaded.getvalue()
        digest = hashlib.sha256(raw).hexdigest()
        kept = st.session_state.get(ui.UPLOADED_MODEL)
        if kept is None or kept[0] != digest:
            with st.spinner(ui.t("train.loading_model")):
                try:
                    cnn = kim.load(raw)
                except InputError as err:
                    ui.stop(err)
            st.session_state[ui.UPLOADED_MODEL] = (digest, cnn, uploaded.name)
            st.session_state["cnn_model"] = "upload"
    kept = st.session_state.get(ui.UPLOADED_MODEL)
    if kept is None:
        return
    _, cnn, name = kept
    w = cnn.weights
    st.success(
        ui.t(
            "train.loaded",
            name=ui.plain(name),
            classes=ui.plain(", ".join(cnn.classes)),
            words=f"{len(cnn.vocab):,}",
            dim=w.embedding.shape[1],
            sizes=", ".join(str(k.shape[0]) for k in w.kernels),
            filters=w.filters,
        )
    )
    st.page_link(
        "pages/filters.py", label=ui.t("train.to_filters"), icon=":material/arrow_forward:"
    )


data = data_section()
hp = settings_section()
vs = ui.cnn_vectors()
key = ui.fit_key(data, hp, vs)
fit = ui.fits().get(key)
if fit is None:
    st.info(ui.t("train.not_trained"), icon="🏋️")
    st.button(
        ui.t("train.button"),
        key="cnn_train",
        type="primary",
        help=ui.t("train.button_help"),
        on_click=raise_flag,
        args=(TRAIN_REQUEST,),
    )
    if requested[TRAIN_REQUEST]:
        train_live(data, hp, vs, key)
        st.rerun()  # redraw without the button, from the stored fit
else:
    results(fit)
load_section()
