"""Your model: any Keras model's layers with named axes, every Conv1D's activations labelled.

The model is an example, an upload or the Train page's fit; it is checked
before Keras reads it (``convlab.ownmodel.inspect``) and loaded in safe mode.
Each heatmap row is labelled by the input span it reads, traced through the
whole stack (``convlab.ownmodel.receptive``).
"""

import streamlit as st

from convlab import ui
from convlab.ownmodel.settings import SOURCES
from convlab.ui import ownmodel
from convlab.ui import ownmodel_view as view

with st.spinner(ui.t("spinner.keras")):
    import convlab.ownmodel.keras_model  # noqa: F401  (the first import loads TensorFlow: seconds)

sources = ownmodel.labels(SOURCES, "source")
ui.setting(
    st.radio, "own_source", options=SOURCES, format_func=sources.__getitem__, horizontal=True
)
own = ownmodel.current_model()
view.summary(own)
view.shape_table(own)
if not own.conv_layers:
    st.info(ui.t("own.no_conv1d"), icon=":material/info:")
    st.stop()

st.subheader(ui.t("own.input"))
prepared = ownmodel.prepared_input(own)
view.tokens(own, prepared)
fields = ownmodel.fields(own, prepared)
view.conv_table(own, fields, prepared.steps)
acts = ownmodel.activations(own, prepared)

st.subheader(ui.t("own.activations"))
top = view.top_setting()
for layer in own.shown:
    view.layer_panel(own, acts, fields, layer.name, top)
view.downloads(own, acts, fields)
if own.kind != "signal":
    view.winners(own, acts, fields)

sentence = ui.value("own_sentence") if prepared.source == "sentence" else None
view.code(own, prepared, sentence if own.kind == "text" else None)
