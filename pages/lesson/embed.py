"""Step 1: a sentence becomes a (words, D) matrix, one pretrained vector per token."""

import streamlit as st

from convlab import ui
from convlab.lesson import charts, snippets, tables

ui.sentence_input(samples=True)
policy, seed = st.columns([3, 1])
with policy:
    ui.oov_input()
    ui.tokenizer_input()
if ui.value("oov") == "random":
    with seed:
        ui.seed_input()

emb = ui.current_embedding()
words, dim = emb.matrix.shape

counts = st.columns(3)
counts[0].metric(ui.t("embed.tokens"), len(emb.tokens))
counts[1].metric(ui.t("embed.found"), f"{sum(emb.found)} / {len(emb.tokens)}")
counts[2].metric(
    ui.t("embed.shape"), f"({words}, {dim})", help=ui.t("embed.shape_help", words=words, dim=dim)
)

st.subheader(ui.t("embed.table"))
ui.dataframe(
    tables.tokens(emb),
    {"token": "col.token", "found": "col.found", "in_matrix": "col.in_matrix", "norm": "col.norm"},
    formats={"norm": "%.3f"},
)

st.subheader(ui.t("embed.heatmap", words=words, dim=dim))
ui.chart(
    charts.heatmap,
    emb.matrix,
    tables.row_labels(emb.words),
    [str(k) for k in range(dim)],
    row_title=ui.t("col.token"),
    column_title=ui.t("axis.dimension"),
    value_title=ui.t("axis.value"),
    column_ticks=25 if dim > 50 else None,
)
st.download_button(
    ui.t("embed.download", words=words, dim=dim),
    tables.csv(tables.embedding(emb)),
    file_name=snippets.CSV_NAME,
    mime="text/csv",
    key="download_embedding",
    help=ui.t("embed.download_help"),
    icon=":material/download:",
)
with st.expander(ui.t("embed.code")):
    st.caption(ui.t("embed.code_intro"))
    st.code(
        snippets.embedding(
            ui.value("sentence"),
            ui.vector_set(),
            ui.value("oov"),
            ui.value("seed"),
            ui.value("tokenizer"),
        )
    )
