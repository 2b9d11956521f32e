"""Step 3: the same numbers from Conv2D, measured, with the code to reproduce them."""

import streamlit as st

from convlab import arithmetic, ui
from convlab.lesson import forms, ngrams, snippets, tables

emb, conv, steps = ui.conv_lesson()
words, dim = emb.matrix.shape

st.subheader(ui.t("conv2d.reshape"))
st.markdown(
    ui.t("conv2d.reshape_text", n=conv.n, dim=dim, words=words, filters=conv.filters, steps=steps)
)

labels = tables.row_labels(ngrams.phrases(emb.words, conv))
st.subheader(ui.t("image.title"))
ui.kernel_pictures(emb.matrix, conv, labels)  # the input and the kernel's place: no Keras yet

ui.load_keras()
results = ui.comparisons(ui.value("sentence"), ui.value("oov"), ui.value("tokenizer"), conv)
f32 = results["float32"]

st.subheader(ui.t("forms.title"))
st.markdown(ui.t("forms.intro"))
ui.roads_table(conv, words, dim, results)

st.subheader(ui.t("conv2d.side_by_side"))
for column, form in zip(st.columns(3), ("conv1d", "conv2d", "numpy"), strict=True):
    with column:
        st.markdown(f"**{ui.t(f'form.{form}')}**")
        st.caption(
            ui.t(
                f"conv2d.squeeze.{form}",
                shape=str(f32.outputs[form].shape),
                steps=steps,
                filters=conv.filters,
            )
        )
        st.dataframe(tables.output(f32.squeezed(form), labels))

st.subheader(ui.t("conv2d.code"))
st.caption(ui.t("conv2d.code1"))
st.code(snippets.conv1d(conv, words, dim))
st.caption(ui.t("conv2d.code2"))
st.code(snippets.conv2d(conv, words, dim))
for form in ("conv2d_channels", "kim", "jacovi", "im2col"):
    st.caption(ui.t("forms.code", form=ui.t(f"form.{form}")))
    if code := snippets.form(form, conv, words, dim):
        st.code(code)
    else:
        st.info(ui.t(forms.cannot(form, conv), form=ui.t(f"form.{form}"), d=conv.dilation))

st.subheader(ui.t("conv2d.channels"))
st.markdown(
    ui.t(
        "conv2d.channels_text",
        n=conv.n,
        dim=dim,
        words=words,
        filters=conv.filters,
        shape=str(f32.outputs["conv2d_channels"].shape),
        diff=f"{f32.max_abs_diff('conv1d', 'conv2d_channels'):.2g}",
    )
)

st.subheader(ui.t("conv2d.padding"))
if conv.padding == "valid":
    st.info(ui.t("conv2d.padding_valid"))
else:
    before, after = conv.word_padding(words)
    naive = ui.conv2d_same_output(
        ui.value("sentence"), ui.value("oov"), ui.value("tokenizer"), conv
    )
    full = arithmetic.padding_amounts(dim, dim, "same")[0]
    column_diff = float(abs(naive[0, :, full, :] - f32.squeezed("conv1d")).max())
    st.error(
        ui.t(
            "conv2d.naive",
            padding=conv.padding,
            shape=str(naive.shape),
            expected=str(f32.outputs["conv2d"].shape),
            dim=dim,
        )
    )
    column_key = (
        "conv2d.naive_column_match"
        if column_diff <= f32.tolerance
        else "conv2d.naive_column_differ"
    )
    st.markdown(ui.t(column_key, column=full, dim=dim, others=dim - 1, diff=f"{column_diff:.2g}"))
    st.success(
        ui.t(
            "conv2d.fixed",
            before=before,
            after=after,
            shape=str(f32.outputs["conv2d"].shape),
            diff=f"{f32.max_abs_diff('conv1d', 'conv2d'):.2g}",
        )
    )
st.caption(ui.t("conv2d.mapping", s=conv.strides, d=conv.dilation))
