"""Step 2: Conv1D slides an n-word window down the sentence; each output row is an n-gram."""

import streamlit as st

from convlab import arithmetic, ui
from convlab.lesson import charts, ngrams, tables
from convlab.lesson import walkthrough as walk

emb, conv, steps = ui.conv_lesson()
words, dim = emb.matrix.shape
# The shapes follow from the layer's arithmetic (tests check them against Keras's for every
# setting), so they are drawn before the seconds a cold server takes to import TensorFlow.
params = conv.params(dim)

st.subheader(ui.t("conv1d.shapes"))
cols = st.columns(4)
cols[0].metric(ui.t("metric.input"), str((1, words, dim)), help=ui.t("metric.input_help"))
cols[1].metric(
    ui.t("metric.kernel"), str((conv.n, dim, conv.filters)), help=ui.t("metric.kernel_help")
)
cols[2].metric(
    ui.t("metric.output"), str((1, steps, conv.filters)), help=ui.t("metric.output_help")
)
cols[3].metric(
    ui.t("metric.params"),
    f"{params:,}",
    help=ui.t("metric.params_help", n=conv.n, dim=dim, filters=conv.filters, params=f"{params:,}"),
)
st.code(conv.formula(words), language=None)
before, after = conv.word_padding(words)
st.caption(
    ui.t(
        "conv1d.formula_terms",
        i=words,
        k=conv.n,
        s=conv.strides,
        d=conv.dilation,
        padding=conv.padding,
        before=before,
        after=after,
    )
)
with st.expander(ui.t("conv1d.where_title", dim=dim), expanded=True):
    st.markdown(
        ui.t(
            "conv1d.where",
            n=conv.n,
            dim=dim,
            filters=conv.filters,
            words=words,
            steps=steps,
            per_window=conv.n * dim,
        )
    )
    st.markdown(
        ui.t(
            "conv1d.k1",
            dim=dim,
            filters=conv.filters,
            k1_steps=arithmetic.output_length(words, 1, conv.padding, conv.strides),
        )
    )

phrases = ngrams.phrases(emb.words, conv)
labels = tables.row_labels(phrases)
filters = tables.filter_names(conv.filters)
titles = {
    "row_title": ui.t("axis.ngram"),
    "column_title": ui.t("axis.filter"),
    "value_title": ui.t("axis.value"),
}

st.subheader(ui.t("conv1d.output", steps=steps, filters=conv.filters))
st.caption(ui.t("conv1d.output_caption"))
output = ui.keras_chart_slot("conv1d_output", charts.heatmap_layout, labels, filters, **titles)
kernel, bias = ui.weights(conv, dim)
y = ui.conv1d_output(ui.value("sentence"), ui.value("oov"), ui.value("tokenizer"), conv)
with output:
    ui.chart(
        charts.heatmap,
        y,
        labels,
        filters,
        **titles,
        outline=y == y.max(axis=0),
    )
st.download_button(
    ui.t("conv1d.download"),
    tables.csv(tables.output(y, labels)),
    file_name="convlab-conv1d-output.csv",
    mime="text/csv",
    key="download_conv1d",
    help=ui.t("conv1d.download_help"),
    icon=":material/download:",
)

st.subheader(ui.t("walk.title"))
st.caption(ui.t("walk.intro"))
ui.walkthrough(walk.LayerRun(tuple(emb.words), emb.matrix, kernel, bias, y, conv))

st.subheader(ui.t("conv1d.pooling"))
st.caption(ui.t("conv1d.pooling_caption", filters=conv.filters, steps=steps))
ui.dataframe(
    tables.pooling(y, phrases),
    {"filter": "axis.filter", "max": "col.max", "step": "col.step", "ngram": "axis.ngram"},
    formats={"max": "%.4f"},
    hide_index=True,
)
