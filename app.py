"""convlab's entry point, ``streamlit run app.py``: the router.

The pages are declared in ``convlab.ui.frame`` with ``st.navigation``, in
sections, not discovered from file names, so that their titles can be
translated; the frame every page shares runs there, before the page.
"""

from convlab import ui

ui.route()
