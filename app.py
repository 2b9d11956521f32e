"""convlab's entry point, ``streamlit run app.py``: it only routes, each page draws itself.

The pages are declared in ``convlab.ui`` with ``st.navigation``, not discovered
from file names, so that their titles can be translated.
"""

import streamlit as st

from convlab import ui

st.set_page_config(page_title="convlab", page_icon="🔎", layout="wide")
ui.route()
