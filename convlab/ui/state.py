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

A session's first run is not always a fresh page load: after a server restart
the browser reconnects to a new session and sends its widgets' values with the
first run, e.g. the slider press that woke it. Those values win over the URL,
which only repeats what the page showed before the press.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.common import is_keyed_element_id, user_key_from_element_id

from convlab import settings
from convlab.settings import DEFAULTS

_READY = "_convlab_ready"

_IGNORED = "_convlab_ignored"

_CHOSEN = "_convlab_chosen"
"""Session key: the suggested settings (``settings.SUGGESTED``) the link or the user chose."""

SESSION_MEMO = "_convlab_memo"
"""Session key: {name: OrderedDict(key -> value)} of work on this visitor's own data."""

T = TypeVar("T")

_WAITING = "_convlab_waiting"
"""Session key: {setting: its URL value} for the settings whose widget values the browser sent
with the session's first run; the URL value stands in until the widget is drawn."""


def _sent_by_browser() -> set[str]:
    """The settings whose widget values came with this run from the browser.

    Streamlit can only decode such a value once this run draws its widget, so
    until then the setting must be left unset: assigning it would overwrite it.
    """
    ctx = get_script_run_ctx()
    states = ctx.session_state.get_widget_states() if ctx else []
    keys = {user_key_from_element_id(state.id) for state in states if is_keyed_element_id(state.id)}
    return keys & DEFAULTS.keys()


def load_settings() -> None:
    """On a session's first run, take every setting from the URL or its default.

    The browser's own widget values (a reconnect after a server restart) are kept.
    """
    if st.session_state.get(_READY):
        # From the second run on, a value the browser sent is in its widget, or the page
        # that ran first had no such widget: then the URL's value is the setting.
        for key, url_value in st.session_state.pop(_WAITING, {}).items():
            if key not in st.session_state:
                st.session_state[key] = url_value
        return
    query = st.query_params.to_dict()
    values, st.session_state[_IGNORED] = settings.from_query(query)
    sent = _sent_by_browser()
    st.session_state.update({key: v for key, v in values.items() if key not in sent})
    st.session_state[_WAITING] = {key: values[key] for key in sent}
    st.session_state[_CHOSEN] = settings.chosen(query) & settings.SUGGESTED.keys()
    st.session_state[_READY] = True


def save_settings(keys: Collection[str] | None = None) -> None:
    """Write every setting that differs from its default to the URL: the link is the view.

    With ``keys`` (settings without a suggested default) only those are
    written, for a fragment's run: its controls change no other setting, and
    the full run before it wrote the rest. Reading every setting back would
    cost each step of Play milliseconds.
    """
    if keys is None:
        st.query_params.from_dict(settings.to_query({key: value(key) for key in DEFAULTS}))
        return
    query = {key: text for key, text in st.query_params.to_dict().items() if key not in keys}
    query.update({key: str(value(key)) for key in keys if value(key) != DEFAULTS[key]})
    st.query_params.from_dict(query)


def value(key: str) -> Any:
    """A setting's current value, on any page."""
    try:
        return st.session_state[key]
    except KeyError:
        return st.session_state.get(_WAITING, {}).get(key, DEFAULTS[key])


def keep_settings() -> None:
    """Make every setting plain session state again, so no page switch can drop it.

    A setting still waiting for its widget to decode the browser's value is left alone.
    (``key in st.session_state`` builds the whole state: too slow for every setting.)
    """
    waiting = st.session_state.get(_WAITING, {})
    for key in DEFAULTS:
        if key not in waiting:
            st.session_state[key] = st.session_state[key]


def save_after_reconnect() -> None:
    """At the end of a reconnected session's first run, put the browser's values in the URL.

    The frame saved the URL before the page drew the widgets that decode them.
    """
    if st.session_state.get(_WAITING):
        save_settings()


def follow_suggestions() -> None:
    """Give each suggested setting nobody chose its suggestion for the current values.

    Run before any widget is drawn: a Chinese sentence then starts on seeded
    random vectors, and an English one on zeros, until the user picks a policy.
    """
    chosen = st.session_state.get(_CHOSEN, set())
    waiting = st.session_state.get(_WAITING, {})  # the browser's value wins, as for any widget
    current = {key: value(key) for key in DEFAULTS}
    for key in settings.SUGGESTED.keys() - chosen - waiting.keys():
        st.session_state[key] = settings.default(key, current)


def choose(key: str) -> None:
    """Widget callback: the user chose ``key``, so its suggestion no longer applies."""
    st.session_state.setdefault(_CHOSEN, set()).add(key)


def pop_ignored() -> list[str]:
    """The ``key=value`` texts of the link that were replaced by defaults, once."""
    return st.session_state.pop(_IGNORED, [])


def session_memo(name: str, key: Hashable, compute: Callable[[], T], most: int = 1) -> T:
    """``compute()``, kept in this session under (name, key), the ``most`` newest per name.

    For work on what one visitor uploaded: a shared cache would keep it after the
    session ends, and nobody else can ask for it. Session state goes with the session.
    """
    memo: OrderedDict[Hashable, Any] = st.session_state.setdefault(SESSION_MEMO, {}).setdefault(
        name, OrderedDict()
    )
    if key in memo:
        memo.move_to_end(key)
    else:
        memo[key] = compute()
        while len(memo) > most:
            memo.popitem(last=False)
    return memo[key]
