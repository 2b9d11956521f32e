"""What the Filters page shows: its model and data, every filter, one filter, one sentence.

The model is the fit of the Train page's current settings or the uploaded
.keras file; without one the page points back to the Train page, which makes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import numpy as np
import pandas as pd
import streamlit as st

from convlab.lesson import charts
from convlab.textcnn import fitcharts, mining
from convlab.textcnn.corpus import Corpus
from convlab.ui.state import session_memo, value
from convlab.ui.text import explained, plain, t
from convlab.ui.textcnn import (
    cnn_corpus,
    cnn_hyperparameters,
    cnn_vectors,
    fit_key,
    fits,
    own_upload,
)
from convlab.ui.uploads import uploaded_model
from convlab.ui.widgets import dataframe, download_table, pick, setting

if TYPE_CHECKING:
    from convlab.textcnn.kim import TextCNN

HIGHLIGHTED = 5
"""Filters whose winning n-grams are marked in the typed sentence."""


# The model and the data ---------------------------------------------------------------------


def to_train_page(key: str) -> NoReturn:
    """Say what is missing, link to the Train page that makes it, and end this run."""
    st.info(t(key), icon=":material/fitness_center:")
    st.page_link(
        "pages/textcnn/train.py", label=t("filters.to_train"), icon=":material/arrow_back:"
    )
    st.stop()


def data_or_point_back() -> Corpus:
    """The Train page's data; without any, a pointer to the Train page."""
    with explained():
        data = cnn_corpus()
    if data is None:
        to_train_page("filters.no_data")
    return data


def current_model(data: Corpus) -> tuple[object, TextCNN]:
    """(cache key, model) of the model the settings pick; stops the page with a pointer if none."""
    sources = {"fit": t("filters.model_fit"), "upload": t("filters.model_upload")}
    setting(st.radio, "cnn_model", horizontal=True, format_func=sources.__getitem__)
    if value("cnn_model") == "upload":
        return model_from_upload()
    return model_from_fit(data)


def model_from_upload() -> tuple[str, TextCNN]:
    """The model uploaded on the Train page, keyed by its file's digest."""
    kept = uploaded_model()
    if kept is None:
        to_train_page("filters.no_upload")
    st.caption(t("filters.using_upload", name=plain(kept.name)))
    return kept.digest, kept.cnn


def model_from_fit(data: Corpus) -> tuple[object, TextCNN]:
    """The stored fit of the Train page's current settings, keyed as the store keys it."""
    with explained():
        hp = cnn_hyperparameters()
    key = fit_key(data, hp, cnn_vectors())
    fit = fits().get(key)
    if fit is None:
        to_train_page("filters.no_fit")
    accuracy = f"{fit.test_accuracy:.1%}"
    vectors = fit.cnn.meta["vectors"]
    st.caption(t("filters.using_fit", name=hp.name, vectors=vectors, accuracy=accuracy))
    return key, fit.cnn


def compare_classes(data: Corpus, cnn: TextCNN) -> None:
    """Refuse data the model cannot score; say so when the two name the same classes apart."""
    with explained():
        mining.check_classes(cnn.classes, data.classes)
    if data.classes != cnn.classes:
        st.info(
            t(
                "filters.class_names",
                data=plain(", ".join(data.classes)),
                model=plain(", ".join(cnn.classes)),
            )
        )


# Every filter -------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=16)
def _shared_filter_table(
    model_key: object, data_key: str, min_count: int, top: int, share: float, _mined: mining.Mining
) -> pd.DataFrame:
    return _mined.filters(top, share)


def filter_table(
    model_key: object, data_key: str, top: int, share: float, mined: mining.Mining
) -> pd.DataFrame:
    """Every filter with its top n-grams and purity: sorting 300 filters' lists takes a moment.

    Kept in the session, not shared, when the data or the model is the visitor's upload.
    """
    key = (model_key, data_key, mined.min_count, top, share)
    if own_upload():
        return session_memo("filter_table", key, lambda: mined.filters(top, share))
    return _shared_filter_table(*key, mined)


def overview_columns() -> dict[str, object]:
    """The overview's headers; hand-written for its purity bars and its weight's help."""
    return {
        "filter": st.column_config.TextColumn(t("filters.col_filter")),
        "kernel_size": st.column_config.NumberColumn("n"),
        "class": st.column_config.TextColumn(t("filters.col_class")),
        "weight": st.column_config.NumberColumn(
            t("filters.col_weight"), format="%.4f", help=t("filters.col_weight_help")
        ),
        "purity": st.column_config.ProgressColumn(
            t("filters.col_purity"), format="percent", min_value=0.0, max_value=1.0
        ),
        "above": st.column_config.NumberColumn(t("filters.col_above")),
        "top": st.column_config.TextColumn(t("filters.col_top")),
    }


def overview(
    mined: mining.Mining, model_key: object, data_key: str, top: int, share: float
) -> None:
    """Every filter, most important first, and the same table as CSV."""
    table = filter_table(model_key, data_key, top, share, mined)
    st.dataframe(table, hide_index=True, column_config=overview_columns())
    download_table(
        t("filters.download_all"),
        table.set_index("filter"),
        "convlab-filters.csv",
        key="download_filters",
        help=t("filters.download_all_help", top=top),
    )


# One filter ---------------------------------------------------------------------------------


def pick_filter(mined: mining.Mining) -> int:
    """The filter picker, most important first; the picked filter's index."""
    w = mined.weights
    order = mined.order()

    def label(rank: int) -> str:
        """The entry at ``rank``: the filter's name, class and weight, so the list reads alone."""
        j = int(order[rank])
        cls = mined.classes[int(w.classes[j])]
        weight = f"{w.weight[j]:.3f}"
        return t("filters.pick_label", rank=rank + 1, name=w.names[j], cls=cls, weight=weight)

    return int(order[pick("cnn_filter", w.filters, label)])


def filter_figures(mined: mining.Mining, j: int, share: float) -> None:
    """Filter ``j``'s kernel size, class, weight and purity."""
    w = mined.weights
    purity, above = mined.purity(share)
    cols = st.columns(4)
    cols[0].metric(t("filters.kernel_size"), int(w.sizes[j]))
    cols[1].metric(t("filters.col_class"), plain(mined.classes[int(w.classes[j])]))
    cols[2].metric(t("filters.col_weight"), f"{w.weight[j]:.4f}")
    cols[3].metric(
        t("filters.col_purity"),
        "-" if np.isnan(purity[j]) else f"{purity[j]:.0%}",
        help=t("filters.purity_help", above=int(above[j]), share=f"{share:.0%}"),
    )


def filter_hits(mined: mining.Mining, j: int, top: int) -> None:
    """Filter ``j``'s top n-grams: each one's slot terms, its sentence, and a CSV of them."""
    hits = mined.hits(j, top)
    if hits.empty:
        st.info(t("filters.no_hits", min_count=mined.min_count))
        return
    slot_terms(hits)
    dataframe(
        hits[["rank", "ngram", "activation", "label", "sentence"]].rename(columns={"rank": "#"}),
        {
            "ngram": "axis.ngram",
            "activation": "filters.col_activation",
            "label": "col.label",
            "sentence": "filters.col_sentence",
        },
        formats={"activation": "%.4f"},
        hide_index=True,
    )
    download_table(
        t("filters.download_hits"),
        hits.set_index("rank"),
        f"convlab-filter-{mined.weights.names[j].replace('·', '-')}.csv",
        key="download_hits",
        help=t("filters.download_hits_help"),
    )


def slot_terms(hits: pd.DataFrame) -> None:
    """Each hit's activation split into one term per word slot plus the bias, and the check."""
    slots = [c for c in hits.columns if c.startswith("slot")]
    parts = hits[[*slots, "bias"]].to_numpy(np.float64)
    labels = [f"{r}: {g}" for r, g in zip(hits["rank"], hits["ngram"], strict=True)]
    st.altair_chart(
        charts.heatmap(
            parts,
            labels,
            [t("filters.slot", slot=i) for i in range(len(slots))] + [t("filters.bias")],
            row_title=t("axis.ngram"),
            column_title=t("filters.axis_term"),
            value_title=t("axis.contribution"),
        ),
        width="stretch",
    )
    gap = float(np.abs(parts.sum(axis=1) - hits["activation"].to_numpy(np.float64)).max())
    st.caption(t("filters.slots_check", gap=f"{gap:.1e}"))


# A sentence of your own ---------------------------------------------------------------------


def sentence_story(cnn: TextCNN, tokens: list[str]) -> None:
    """One sentence through the model: prediction, the filters that moved it most, a CSV."""
    from convlab.textcnn.kim import UNK

    w = cnn.weights
    ids = cnn.encode([tokens])[0]
    story = mining.explain(w, tokens, ids)
    prediction(cnn, story, unknown=int((ids == UNK).sum()))
    highlights(cnn, story)
    ngrams = [
        " ".join(tokens[s : s + n]) if s >= 0 else mining.PAD_MARK
        for s, n in zip(story.start.tolist(), w.sizes.tolist(), strict=True)
    ]
    contribution_bars(cnn, story, ngrams)
    download_table(
        t("filters.download_sentence"),
        pd.DataFrame(
            {
                "kernel_size": w.sizes,
                "pooled": story.pooled,
                "ngram": ngrams,
                "contribution": story.contributions,
            },
            index=pd.Index(w.names, name="filter"),
        ),
        "convlab-sentence-filters.csv",
        key="download_sentence",
        help=t("filters.download_sentence_help"),
    )


def prediction(cnn: TextCNN, story: mining.Explanation, unknown: int) -> None:
    """Keras's own prediction, and the check that the filters' terms add up to it."""
    keras_probs = cnn.predict([story.tokens])[0]
    predicted = story.predicted
    cols = st.columns(3)
    cols[0].metric(t("filters.prediction"), plain(cnn.classes[predicted]))
    cols[1].metric(t("filters.probability"), f"{keras_probs[predicted]:.1%}")
    cols[2].metric(t("filters.unknown"), f"{unknown} / {len(story.tokens)}")
    total = float(story.contributions.sum())
    st.caption(
        t(
            "filters.logit_check",
            bias=f"{story.bias:.4f}",
            total=f"{total:.4f}",
            margin=f"{story.bias + total:.4f}",
            gap=f"{np.abs(story.probabilities - keras_probs).max():.1e}",
        )
    )


def highlights(cnn: TextCNN, story: mining.Explanation) -> None:
    """The sentence once per strongest filter, its winning n-gram marked red (for) or blue."""
    w = cnn.weights
    strongest = np.argsort(-np.abs(story.contributions), kind="stable")[:HIGHLIGHTED]
    for f in strongest:
        if story.contributions[f] == 0:
            break
        colour = "red" if story.contributions[f] > 0 else "blue"  # as in every convlab chart
        marked = highlighted(story.tokens, int(story.start[f]), int(w.sizes[f]), colour)
        st.markdown(
            t(
                "filters.highlight",
                name=w.names[f],
                cls=plain(cnn.classes[int(w.classes[f])]),
                value=f"{story.contributions[f]:+.3f}",
                sentence=marked,
            )
        )


def highlighted(tokens: list[str], start: int, n: int, colour: str) -> str:
    """The sentence as markdown, user text escaped, the window [start, start+n) marked."""
    words = [plain(token) for token in tokens]
    if start < 0:
        return " ".join(words)
    inside = " ".join(words[start : start + n]) or plain(mining.PAD_MARK)
    return " ".join([*words[:start], f":{colour}-background[{inside}]", *words[start + n :]])


def contribution_bars(cnn: TextCNN, story: mining.Explanation, ngrams: list[str]) -> None:
    """Every filter's push toward the predicted class, with the n-gram it pooled."""
    cls = cnn.classes[story.predicted]
    st.altair_chart(
        fitcharts.filter_bars(
            cnn.weights.names,
            story.contributions,
            ngrams,
            value_title=t("filters.contribution", cls=cls),
            filter_title=t("filters.col_filter"),
            ngram_title=t("axis.ngram"),
        ),
        width="stretch",
    )
    st.caption(t("filters.bars_caption", cls=plain(cls)))
