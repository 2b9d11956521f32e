"""Serving convlab to a class: Streamlit replicas on local ports behind nginx (see README)."""
