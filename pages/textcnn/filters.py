"""What a trained text CNN's filters learned: top n-grams, purity, and one sentence taken apart.

After Jacovi, Sar Shalom & Goldberg (2018): each filter is an n-gram detector
with a class (where its dense weights point) and an importance (how hard).
The model is the fit of the Train page's current settings, or an uploaded
.keras file; the data is the Train page's data.
"""

import streamlit as st

from convlab import ui
from convlab.lesson.settings import MAX_SENTENCE_CHARS
from convlab.tokenize import tokenize
from convlab.ui import filters_view as view

with st.spinner(ui.t("spinner.keras")):
    import convlab.textcnn.kim  # noqa: F401  (the first import loads TensorFlow: seconds)

data = view.data_or_point_back()
model_key, cnn = view.current_model(data)
view.compare_classes(data, cnn)

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

st.subheader(ui.t("filters.all", filters=mined.weights.filters))
st.caption(ui.t("filters.all_caption", share=f"{share:.0%}"))
view.overview(mined, model_key, data.digest, top, share)

st.subheader(ui.t("filters.one"))
j = view.pick_filter(mined)
view.filter_figures(mined, j, share)
view.filter_hits(mined, j, top)

st.subheader(ui.t("filters.sentence"))
sentence = ui.setting(st.text_area, "cnn_sentence", max_chars=MAX_SENTENCE_CHARS, height=80)
tokens = tokenize(sentence)
if not tokens:
    st.info(ui.t("embed.empty"), icon=":material/edit:")
    st.stop()
if len(tokens) > cnn.length:
    st.warning(ui.t("filters.cut", length=cnn.length, dropped=len(tokens) - cnn.length))
view.sentence_story(cnn, tokens[: cnn.length])
