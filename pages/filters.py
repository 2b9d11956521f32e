"""What a trained text CNN's filters learned: top n-grams, purity, and one sentence taken apart.

After Jacovi, Sar Shalom & Goldberg (2018): each filter is an n-gram detector
with a class (where its dense weights point) and an importance (how hard).
The model is the fit of the Train page's current settings, or an uploaded
.keras file; the data is the Train page's data.
"""

from typing import NoReturn

import numpy as np
import pandas as pd
import streamlit as st

from convlab import settings, ui
from convlab.errors import InputError
from convlab.lesson import charts
from convlab.textcnn import corpus, fitcharts, mining
from convlab.tokenize import tokenize

HIGHLIGHTED = 5  # filters whose winning n-grams are marked in the typed sentence

ui.page("filters.title", "filters.intro")
with st.spinner(ui.t("spinner.keras")):
    from convlab.textcnn import kim


def to_train_page(key: str) -> NoReturn:
    st.info(ui.t(key), icon="🏋️")
    st.page_link("pages/train.py", label=ui.t("filters.to_train"), icon=":material/arrow_back:")
    st.stop()


def current_model(data: corpus.Corpus) -> tuple[object, kim.TextCNN]:
    """(cache key, model) of the model the settings pick; stops the page with a pointer if none."""
    sources = {"fit": ui.t("filters.model_fit"), "upload": ui.t("filters.model_upload")}
    ui.setting(st.radio, "cnn_model", horizontal=True, format_func=sources.__getitem__)
    if ui.value("cnn_model") == "upload":
        kept = st.session_state.get(ui.UPLOADED_MODEL)
        if kept is None:
            to_train_page("filters.no_upload")
        digest, cnn, name = kept
        st.caption(ui.t("filters.using_upload", name=ui.plain(name)))
        return digest, cnn
    try:
        hp = ui.cnn_config()
    except InputError as err:
        ui.stop(err)
    key = ui.fit_key(data, hp, ui.cnn_vectors())
    fit = ui.fits().get(key)
    if fit is None:
        to_train_page("filters.no_fit")
    st.caption(
        ui.t(
            "filters.using_fit",
            name=hp.name,
            vectors=fit.cnn.meta["vectors"],
            accuracy=f"{fit.test_accuracy:.1%}",
        )
    )
    return key, fit.cnn


@st.cache_data(show_spinner=False, max_entries=16)
def filter_table(
    model_key: object, data_key: str, min_count: int, top: int, share: float, _mined: mining.Mining
) -> pd.DataFrame:
    """Every filter with its top n-grams and purity: sorting 300 filters' lists takes a moment."""
    return _mined.filters(top, share)


def data_or_stop() -> corpus.Corpus:
    try:
        data = ui.cnn_corpus()
    except InputError as err:
        ui.stop(err)
    if data is None:
        to_train_page("filters.no_data")
    return data


data = data_or_stop()
model_key, cnn = current_model(data)
try:
    mining.check_classes(cnn.classes, data.classes)
except InputError as err:
    ui.stop(err)
if data.classes != cnn.classes:
    st.info(
        ui.t(
            "filters.class_names",
            data=ui.plain(", ".join(data.classes)),
            model=ui.plain(", ".join(cnn.classes)),
        )
    )

controls = st.columns(3)
with controls[0]:
    min_count = ui.setting(st.slider, "cnn_min_count")
with controls[1]:
    top = ui.setting(st.slider, "cnn_top")
with controls[2]:
    share = ui.setting(st.slider, "cnn_purity", format="%d%%") / 100
st.caption(ui.t("filters.min_count_why", min_count=min_count))

with st.spinner(ui.t("filters.mining", sentences=f"{len(data):,}", filters=cnn.weights.filters)):
    mined = ui.mining(model_key, cnn, data.digest, data, min_count)
w = mined.weights
order = mined.order()

# Every filter -----------------------------------------------------------------------------------

st.subheader(ui.t("filters.all", filters=w.filters))
st.caption(ui.t("filters.all_caption", share=f"{share:.0%}"))
overview = filter_table(model_key, data.digest, min_count, top, share, mined)
st.dataframe(
    overview,
    hide_index=True,
    column_config={
        "filter": st.column_config.TextColumn(ui.t("filters.col_filter")),
        "kernel_size": st.column_config.NumberColumn("n"),
        "class": st.column_config.TextColumn(ui.t("filters.col_class")),
        "weight": st.column_config.NumberColumn(
            ui.t("filters.col_weight"), format="%.4f", help=ui.t("filters.col_weight_help")
        ),
        "purity": st.column_config.ProgressColumn(
            ui.t("filters.col_purity"), format="percent", min_value=0.0, max_value=1.0
        ),
        "above": st.column_config.NumberColumn(ui.t("filters.col_above")),
        "top": st.column_config.TextColumn(ui.t("filters.col_top")),
    },
)
ui.download_table(
    ui.t("filters.download_all"),
    overview.set_index("filter"),
    "convlab-filters.csv",
    key="download_filters",
    help=ui.t("filters.download_all_help", top=top),
)

# One filter -------------------------------------------------------------------------------------


def filter_label(rank: int) -> str:
    j = int(order[rank])
    return ui.t(
        "filters.pick_label",
        rank=rank + 1,
        name=w.names[j],
        cls=data.classes[int(w.classes[j])],
        weight=f"{w.weight[j]:.3f}",
    )


st.subheader(ui.t("filters.one"))
rank = ui.pick("cnn_filter", w.filters, filter_label)
j = int(order[rank])
purity, above = mined.purity(share)
cols = st.columns(4)
cols[0].metric(ui.t("filters.kernel_size"), int(w.sizes[j]))
cols[1].metric(ui.t("filters.col_class"), data.classes[int(w.classes[j])])
cols[2].metric(ui.t("filters.col_weight"), f"{w.weight[j]:.4f}")
cols[3].metric(
    ui.t("filters.col_purity"),
    "-" if np.isnan(purity[j]) else f"{purity[j]:.0%}",
    help=ui.t("filters.purity_help", above=int(above[j]), share=f"{share:.0%}"),
)
hits = mined.hits(j, top)
if hits.empty:
    st.info(ui.t("filters.no_hits", min_count=min_count))
else:
    slots = [c for c in hits.columns if c.startswith("slot")]
    parts = hits[[*slots, "bias"]].to_numpy(np.float64)
    labels = [f"{r}: {g}" for r, g in zip(hits["rank"], hits["ngram"], strict=True)]
    st.altair_chart(
        charts.heatmap(
            parts,
            labels,
            [ui.t("filters.slot", slot=i) for i in range(len(slots))] + [ui.t("filters.bias")],
            row_title=ui.t("axis.ngram"),
            column_title=ui.t("filters.axis_term"),
            value_title=ui.t("axis.contribution"),
        ),
        width="stretch",
    )
    gap = float(np.abs(parts.sum(axis=1) - hits["activation"].to_numpy(np.float64)).max())
    st.caption(ui.t("filters.slots_check", gap=f"{gap:.1e}"))
    st.dataframe(
        hits[["rank", "ngram", "activation", "label", "sentence"]],
        hide_index=True,
        column_config={
            "rank": st.column_config.NumberColumn("#"),
            "ngram": st.column_config.TextColumn(ui.t("axis.ngram")),
            "activation": st.column_config.NumberColumn(
                ui.t("filters.col_activation"), format="%.4f"
            ),
            "label": st.column_config.TextColumn(ui.t("col.label")),
            "sentence": st.column_config.TextColumn(ui.t("filters.col_sentence")),
        },
    )
    ui.download_table(
        ui.t("filters.download_hits"),
        hits.set_index("rank"),
        f"convlab-filter-{w.names[j].replace('·', '-')}.csv",
        key="download_hits",
        help=ui.t("filters.download_hits_help"),
    )

# A sentence of your own -------------------------------------------------------------------------


def highlighted(tokens: list[str], start: int, n: int, colour: str) -> str:
    """The sentence as markdown, user text escaped, the window [start, start+n) marked."""
    words = [ui.plain(token) for token in tokens]
    if start < 0:
        return " ".join(words)
    inside = " ".join(words[start : start + n]) or ui.plain(mining.PAD_MARK)
    return " ".join([*words[:start], f":{colour}-background[{inside}]", *words[start + n :]])


st.subheader(ui.t("filters.sentence"))
sentence = ui.setting(
    st.text_area, "cnn_sentence", max_chars=settings.MAX_SENTENCE_CHARS, height=80
)
tokens = tokenize(sentence)
if not tokens:
    st.info(ui.t("embed.empty"), icon="✍️")
    st.stop()
if len(tokens) > cnn.length:
    st.warning(ui.t("filters.cut", length=cnn.length, dropped=len(tokens) - cnn.length))
tokens = tokens[: cnn.length]
ids = cnn.encode([tokens])[0]
unknown = int((ids == kim.UNK).sum())
story = mining.explain(w, tokens, ids)
keras_probs = cnn.predict([tokens])[0]
predicted = story.predicted
cols = st.columns(3)
cols[0].metric(ui.t("filters.prediction"), cnn.classes[predicted])
cols[1].metric(ui.t("filters.probability"), f"{keras_probs[predicted]:.1%}")
cols[2].metric(ui.t("filters.unknown"), f"{unknown} / {len(tokens)}")
margin = story.bias + float(story.contributions.sum())
st.caption(
    ui.t(
        "filters.logit_check",
        bias=f"{story.bias:.4f}",
        total=f"{story.contributions.sum():.4f}",
        margin=f"{margin:.4f}",
        gap=f"{np.abs(story.probabilities - keras_probs).max():.1e}",
    )
)
strongest = np.argsort(-np.abs(story.contributions), kind="stable")[:HIGHLIGHTED]
for f in strongest:
    if story.contributions[f] == 0:
        break
    colour = "red" if story.contributions[f] > 0 else "blue"  # as in every convlab chart
    st.markdown(
        ui.t(
            "filters.highlight",
            name=w.names[f],
            cls=ui.plain(cnn.classes[int(w.classes[f])]),
            value=f"{story.contributions[f]:+.3f}",
            sentence=highlighted(tokens, int(story.start[f]), int(w.sizes[f]), colour),
        )
    )
ngrams = [
    " ".join(tokens[s : s + n]) if s >= 0 else mining.PAD_MARK
    for s, n in zip(story.start.tolist(), w.sizes.tolist(), strict=True)
]
st.altair_chart(
    fitcharts.filter_bars(
        w.names,
        story.contributions,
        ngrams,
        value_title=ui.t("filters.contribution", cls=cnn.classes[predicted]),
        filter_title=ui.t("filters.col_filter"),
        ngram_title=ui.t("axis.ngram"),
    ),
    width="stretch",
)
st.caption(ui.t("filters.bars_caption", cls=ui.plain(cnn.classes[predicted])))
ui.download_table(
    ui.t("filters.download_sentence"),
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
    help=ui.t("filters.download_sentence_help"),
)
