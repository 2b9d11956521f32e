"""Landing page: the questions convlab answers, and the current sentence's shapes.

Imports no TensorFlow: every shape here comes from the pure-Python formulas.
"""

import streamlit as st

from convlab import ui

for question, target in (
    ("home.q_vanish", "pages/lesson/conv1d.py"),
    ("home.q_equal", "pages/lesson/conv2d.py"),
    ("home.q_matrix", "pages/lesson/embed.py"),
):
    with st.container(border=True):
        st.markdown(ui.t(question, dim=ui.vector_set().dim))
        st.page_link(target, label=ui.t(f"{question}.link"), icon=":material/arrow_forward:")

emb = ui.embedding(ui.value("sentence"), ui.value("oov"), ui.value("seed"), ui.value("tokenizer"))
words, dim = emb.matrix.shape
with ui.explained("inform"):
    emb.require_words()
    conv = ui.lesson_layer()
    steps = conv.steps(words)
    st.subheader(ui.t("home.now"))
    st.code(
        ui.t(
            "home.pipeline",
            words=words,
            dim=dim,
            n=conv.n,
            filters=conv.filters,
            steps=steps,
            params=f"{conv.params(dim):,}",
        ),
        language=None,
    )
