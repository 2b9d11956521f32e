"""convlab's entry point, ``streamlit run app.py``: the page config, then the router.

The pages are declared in ``convlab.ui.frame`` with ``st.navigation``, in
sections, not discovered from file names, so that their titles can be
translated; the frame every page shares runs here, before the page.
"""

import streamlit as st

from convlab import ui

st.set_page_config(page_title="convlab", page_icon="🔎", layout="wide")
ui.route()
