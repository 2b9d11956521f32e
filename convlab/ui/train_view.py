"""What the Train page shows: the data it read, why the defaults, and a finished fit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from convlab.textcnn import bench_results, corpus, fitcharts
from convlab.ui.state import value
from convlab.ui.text import t
from convlab.ui.training import draw_curves
from convlab.ui.widgets import dataframe, download_table

if TYPE_CHECKING:
    from convlab.textcnn.kim import Fit


def describe(data: corpus.Corpus) -> None:
    """What was read: notices, the label mapping with class counts, and the split sizes."""
    notices(data)
    mapping, sizes = st.columns([2, 3])
    with mapping:
        dataframe(
            pd.DataFrame({"label": data.classes, "rows": data.counts}),
            {"_index": "col.class", "label": "col.label", "rows": "col.rows"},
        )
        st.caption(t("train.mapping"))
    with sizes:
        n_train, n_val, n_test = corpus.split(len(data)).sizes
        cols = st.columns(3)
        cols[0].metric(t("train.n_train"), f"{n_train:,}")
        cols[1].metric(t("train.n_val"), f"{n_val:,}")
        cols[2].metric(t("train.n_test"), f"{n_test:,}")
        st.caption(t("train.split_caption", seed=corpus.SPLIT_SEED))


def notices(data: corpus.Corpus) -> None:
    """What reading the data changed: its encoding, rows dropped, cut or sampled."""
    if data.encoding == "latin-1" and value("cnn_data") == "upload":  # MR is latin-1 anyway
        st.info(t("train.latin1"))
    if data.dropped:
        st.info(t("train.dropped", rows=data.dropped))
    if data.truncated:
        st.warning(t("train.truncated", most=f"{corpus.MAX_ROWS:,}", rows=f"{data.truncated:,}"))
    if data.sampled_from:
        st.caption(t("train.sampled", rows=f"{len(data):,}", total=f"{data.sampled_from:,}"))


def bench_table() -> None:
    """Where the default stands in bench/train_mr.py's measured table, and the table."""
    results = bench_results.load()
    if results is None:
        st.caption(t("train.bench_missing"))
        return
    st.markdown(standing_text(bench_results.standing(results)))
    st.markdown(t("train.bench_intro", seeds=results["seeds"], machine=results["machine"]))
    table = pd.DataFrame(results["rows"])
    st.dataframe(
        table.rename(columns={c: t(k) for c, k in bench_results.COLUMNS.items()}),
        hide_index=True,
    )
    cv = bench_results.cross_validation(results)
    st.caption(t("train.cross_validation", **cv.shown()))


def standing_text(where: bench_results.Standing) -> str:
    """The verdict on the default setting against the best measured one, with their figures."""
    return t(
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


def results(fit: Fit) -> None:
    """A finished fit: its scores, learning curves, confusion matrix and downloads."""
    st.subheader(t("train.results"))
    scores(fit)
    draw_curves(fit.history, len(fit.history))
    st.caption(t("train.curves_caption", best=fit.best_epoch, epochs=len(fit.history)))
    matrix, downloads = st.columns([3, 2])
    with matrix:
        st.markdown(f"**{t('train.confusion')}**")
        st.altair_chart(
            fitcharts.confusion(
                fit.confusion,
                list(fit.cnn.classes),
                true_title=t("train.axis_true"),
                predicted_title=t("train.axis_predicted"),
            ),
            width="stretch",
        )
    with downloads:
        fit_downloads(fit)
        to_filters()


def scores(fit: Fit) -> None:
    """Test and validation accuracy, time, size, and how much of the vocabulary had vectors."""
    cols = st.columns(4)
    cols[0].metric(t("train.test_accuracy"), f"{fit.test_accuracy:.1%}")
    cols[1].metric(
        t("train.val_accuracy"),
        f"{fit.val_accuracy:.1%}",
        help=t("train.val_help", best=fit.best_epoch, epochs=len(fit.history)),
    )
    cols[2].metric(t("train.seconds"), f"{fit.train_seconds:.1f} s")
    cols[3].metric(t("train.params"), f"{fit.cnn.model.count_params():,}")
    coverage = fit.report()["vocab_coverage"]
    st.caption(
        t(
            "train.coverage",
            types=f"{coverage['types']:.1%}",
            tokens=f"{coverage['tokens']:.1%}",
            vocab=f"{len(fit.cnn.vocab):,}",
        )
    )


def fit_downloads(fit: Fit) -> None:
    """The confusion matrix and learning curves as CSV, and the model as .keras."""
    from convlab.textcnn import kim

    classes = list(fit.cnn.classes)
    confusion = pd.DataFrame(fit.confusion, index=pd.Index(classes, name="true"), columns=classes)
    download_table(
        t("train.download_confusion"),
        confusion,
        "convlab-confusion.csv",
        key="download_confusion",
        help=t("train.download_confusion_help"),
    )
    download_table(
        t("train.download_history"),
        pd.DataFrame(fit.history, index=pd.RangeIndex(1, len(fit.history) + 1, name="epoch")),
        "convlab-history.csv",
        key="download_history",
        help=t("train.download_history_help"),
    )
    st.download_button(
        t("train.download_model"),
        lambda: kim.save(fit.cnn),
        file_name="convlab-kim.keras",
        mime="application/zip",
        key="download_model",
        help=t("train.download_model_help"),
        icon=":material/download:",
        on_click="ignore",
    )


def to_filters() -> None:
    """The link on to the Filters page, under a fit or an uploaded model."""
    st.page_link(
        "pages/textcnn/filters.py", label=t("train.to_filters"), icon=":material/arrow_forward:"
    )
