"""The settings in session state and in the URL: the link is the view.

Every setting lives in ``st.session_state`` under a stable key (``sentence``,
``n``, ...). On a session's first run the settings are read, validated, from
the query parameters of the same names; on every run those that differ from
their defaults are written back, so the URL of any page reproduces the view.

Streamlit forgets a widget's value when a page without that widget runs, so
every run re-assigns each setting to itself before any widget is drawn, which
makes the values plain session state that survives page switches. Neither
``bind="query-params"`` nor ``persist_state="session"`` is used: bound values
live only in the URL of the page showing the widget and carry its displayed
(translated) label, and a persisted widget comes back at its default on the
first run after a page switch (seen with Streamlit 1.67).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from convlab import settings
from convlab.settings import DEFAULTS

_READY = "_convlab_ready"

_IGNORED = "_convlab_ignored"

_CHOSEN = "_convlab_chosen"
"""Session key: the suggested settings (``settings.SUGGESTED``) the link or the user chose."""


def load_settings() -> None:
    """On a session's first run, take every setting from the URL or its default."""
    if st.session_state.get(_READY):
        return
    query = st.query_params.to_dict()
    values, st.session_state[_IGNORED] = settings.from_query(query)
    st.session_state.update(values)
    st.session_state[_CHOSEN] = settings.chosen(query) & settings.SUGGESTED.keys()
    st.session_state[_READY] = True


def save_settings() -> None:
    """Write every setting that differs from its default to the URL: the link is the view."""
    st.query_params.from_dict(settings.to_query({key: value(key) for key in DEFAULTS}))


def value(key: str) -> Any:
    """A setting's current value, on any page."""
    return st.session_state.get(key, DEFAULTS[key])


def keep_settings() -> None:
    """Make every setting plain session state again, so no page switch can drop it."""
    for key in DEFAULTS:
        st.session_state[key] = st.session_state[key]


def follow_suggestions() -> None:
    """Give each suggested setting nobody chose its suggestion for the current values.

    Run before any widget is drawn: a Chinese sentence then starts on seeded
    random vectors, and an English one on zeros, until the user picks a policy.
    """
    chosen = st.session_state.get(_CHOSEN, set())
    current = {key: value(key) for key in DEFAULTS}
    for key in settings.SUGGESTED.keys() - chosen:
        st.session_state[key] = settings.default(key, current)


def choose(key: str) -> None:
    """Widget callback: the user chose ``key``, so its suggestion no longer applies."""
    st.session_state.setdefault(_CHOSEN, set()).add(key)


def pop_ignored() -> list[str]:
    """The ``key=value`` texts of the link that were replaced by defaults, once."""
    return st.session_state.pop(_IGNORED, [])
