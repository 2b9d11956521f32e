"""convlab's entry point, ``streamlit run app.py``: it only routes, each page draws itself.

Navigation titles are translated, which is why the pages are declared here
with ``st.navigation`` rather than discovered from file names.
"""

import streamlit as st

from convlab.ui import t

st.set_page_config(page_title="convlab", page_icon="🔎", layout="wide")
st.navigation(
    [
        st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True),
        st.Page(
            "pages/embed.py", title=t("nav.embed"), icon=":material/grid_on:", url_path="embed"
        ),
        st.Page(
            "pages/conv1d.py", title=t("nav.conv1d"), icon=":material/view_week:", url_path="conv1d"
        ),
        st.Page(
            "pages/conv2d.py", title=t("nav.conv2d"), icon=":material/compare:", url_path="conv2d"
        ),
    ]
).run()
