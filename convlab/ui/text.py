"""What the reader reads: their language, catalogue text, and user text made harmless.

Everything a user or a link supplied goes through :func:`plain` (or :func:`say`
for errors) before it reaches markdown (metric values are markdown too), so a
shared link can never add a link, an image or a colour directive to a page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Literal, NoReturn

import streamlit as st

from convlab import i18n
from convlab.errors import InputError


def lang() -> str:
    """The reader's language: the sidebar choice, else ``?lang=``, else English.

    The query parameter is read directly because the router titles the
    navigation before any page has loaded the settings.
    """
    chosen = st.session_state.get("lang") or st.query_params.get("lang")
    return chosen if chosen in i18n.LANGS else i18n.DEFAULT_LANG


def t(key: str, **params: object) -> str:
    """The catalogue text for ``key`` in the reader's language."""
    return i18n.message(key, lang(), **params)


def translator() -> Callable[..., str]:
    """:func:`t` with the reader's language looked up once, for a view that runs many times a
    second (a step of Play): reading it from the session costs more than the lookup itself."""
    return partial(i18n.message, lang=lang())


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_AUTOLINK_TRIGGERS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"
"""Invisible and zero-width: placed inside "://", "www." and before "@", it stops GFM autolinks."""


def plain(text: str) -> str:
    """``text`` escaped for Streamlit markdown, for anything a user or a URL supplied.

    Without it a shared link could put a link, an image or a :red[...] directive
    into a warning; backslash escapes make every character literal. They do not
    stop GFM's autolinks, which Streamlit's markdown finds in the text after
    escapes are resolved: ``https\\://evil\\.example`` is still a live link
    (checked in Chromium). A word joiner inside every "://", "www." and before
    every "@" is: the text reads the same, and no <a> is made.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK_TRIGGERS.sub(WORD_JOINER, text))


def say(err: InputError) -> str:
    """``err`` in the reader's language, with the words it quotes from a file or link escaped."""
    params = {key: plain(v) if isinstance(v, str) else v for key, v in err.params.items()}
    return i18n.message(err.key, lang(), **params)


def stop(err: InputError) -> NoReturn:
    """Explain ``err`` and end this run of the page; the widgets above stay usable."""
    st.warning(say(err), icon=":material/warning:")
    st.stop()


@contextmanager
def explained(then: Literal["stop", "warn", "inform"] = "stop") -> Iterator[None]:
    """Run the block; if the input cannot be used, explain why and end this run of the page.

    The one error path of every page: widgets drawn above stay usable, and
    nothing the user had is lost. ``"warn"`` and ``"inform"`` skip only the rest
    of the block, for sections whose neighbours below still work without it;
    ``"inform"`` is for what is a fact about the data rather than a mistake.
    """
    try:
        yield
    except InputError as err:
        if then == "stop":
            stop(err)
        if then == "warn":
            st.warning(say(err), icon=":material/warning:")
        else:
            st.info(say(err))
