"""The active word vectors: which set a visitor uses, the sidebar panel, and sharing.

The word vectors are one more setting, ``vectors``: a set's name. Built-in
and gensim-data sets are shared by every session; a visitor's own file lives
in their session only, so a link naming it elsewhere falls back with a notice.
Cached results take the active set as an argument, hashed by name and content.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import streamlit as st

from convlab.errors import InputError
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.ui.state import value
from convlab.ui.text import plain, say, t
from convlab.ui.widgets import labelled, progress_bar
from convlab.vectors import gensim_data
from convlab.vectors.files import DEFAULT_LIMIT, estimate, megabytes
from convlab.vectors.sets import (
    BUILTINS,
    DEFAULT_VECTORS,
    ENV_VECTORS,
    VectorSet,
    load_builtin,
    load_online,
    resolve,
)

_OWN_SETS = "_convlab_own_sets"
"""Session key: {name: VectorSet} of this visitor's own files, never shared with anyone."""

_USED_SETS = "_convlab_used_sets"
"""Session key: names of gensim-data sets this session used, offered by the sidebar picker."""

_SETTLED = "_convlab_vectors_settled"

_VECTORS_NOTICE = "_convlab_vectors_notice"

MAX_OWN_SETS = 1
"""Each visitor keeps one own file in memory: a new one replaces it."""

MAX_SHARED_SETS = 2

_SHARED_LOCK = threading.RLock()


@st.cache_resource(show_spinner=False)
def _builtin(name: str) -> VectorSet:
    return load_builtin(name)


@st.cache_resource(show_spinner=False)
def _shared_sets() -> dict[str, VectorSet]:
    """gensim-data sets any visitor loaded, kept once per server process.

    Public data, so shared: a class opening the teacher's link loads the set
    once, not once per student. The oldest beyond ``MAX_SHARED_SETS`` is
    dropped, and read again from the disk cache if someone still uses it.
    """
    return {}


def deployment_setting(key: str) -> str | None:
    """A deployment's setting: the environment variable, else a root key of Streamlit secrets."""
    if os.environ.get(key):
        return os.environ[key]
    if st.secrets.load_if_toml_exists() and st.secrets.get(key):
        return str(st.secrets[key])
    return None


@st.cache_resource(show_spinner=False)
def _configured_set(spec: str) -> VectorSet | InputError:
    """The set a deployment names in CONVLAB_VECTORS, loaded once, or why it cannot be."""
    try:
        return resolve(spec)
    except InputError as err:
        return err


def _home_set() -> VectorSet:
    """Where a visitor starts and falls back to: the deployment's set if it loads, else md300."""
    spec = deployment_setting(ENV_VECTORS)
    configured = _configured_set(spec) if spec else None
    return configured if isinstance(configured, VectorSet) else _builtin(DEFAULT_VECTORS)


def _find_set(name: str) -> VectorSet | None:
    """The set called ``name`` if this visitor can use it now, loading nothing but a built-in."""
    if name in BUILTINS:
        return _builtin(name)
    if name == _home_set().name:
        return _home_set()
    return st.session_state.get(_OWN_SETS, {}).get(name) or _shared_sets().get(name)


def _set_choices() -> list[str]:
    """The sidebar picker: built-ins, the deployment's set, this session's sets, the active one."""
    own, used = st.session_state.get(_OWN_SETS, {}), st.session_state.get(_USED_SETS, [])
    return list(dict.fromkeys([*BUILTINS, _home_set().name, *own, *used, value("vectors")]))


def use_set(vs: VectorSet, *, own: bool) -> None:
    """Make ``vs`` available and active. Call it from a widget callback: later in a run the
    sidebar's picker is drawn already, and its value can no longer change.

    ``own`` sets (a visitor's file) live in that visitor's session only.
    """
    if own:
        sets = st.session_state.setdefault(_OWN_SETS, {})
        sets.pop(vs.name, None)
        sets[vs.name] = vs
        while len(sets) > MAX_OWN_SETS:
            del sets[next(iter(sets))]
    else:
        _share(vs)
    st.session_state.vectors = vs.name
    st.toast(t("vectors.loaded", name=plain(vs.name), words=f"{vs.size:,}", dim=vs.dim))


def _share(vs: VectorSet) -> None:
    shared = _shared_sets()
    with _SHARED_LOCK:
        shared.pop(vs.name, None)
        shared[vs.name] = vs
        while len(shared) > MAX_SHARED_SETS:
            del shared[next(iter(shared))]
    used = st.session_state.setdefault(_USED_SETS, [])
    if vs.name not in used:
        used.append(vs.name)


def settle() -> None:
    """Make the active set one this visitor can use, before any widget is drawn.

    Starts a session on the deployment's set unless the link names one; reads
    a gensim-data set the link names from the disk cache; otherwise falls back
    to the home set with a notice saying why.
    """
    home = _home_set()
    if not st.session_state.get(_SETTLED):
        st.session_state[_SETTLED] = True
        spec = deployment_setting(ENV_VECTORS)
        failed = _configured_set(spec) if spec else None
        if isinstance(failed, InputError):
            reason = say(failed)
            st.session_state[_VECTORS_NOTICE] = t(
                "vectors.config_failed", reason=reason, fallback=home.name
            )
        if "vectors" not in st.query_params:
            st.session_state.vectors = home.name
    name = value("vectors")
    if _find_set(name) is None:
        notice = _restore(name, home.name)
        if notice:
            st.session_state[_VECTORS_NOTICE] = notice
            st.session_state.vectors = home.name


def _restore(name: str, fallback: str) -> str | None:
    """Read the gensim-data set a link names from the disk cache; else the notice saying why not."""
    try:
        named = gensim_data.split(name)
        if named is None:
            return t("vectors.unavailable", name=plain(name), fallback=fallback)
        if not gensim_data.cached(named[0]):
            return t("vectors.needs_download", name=plain(name), fallback=fallback)
        _share(_reload_online(named[0], named[1] or DEFAULT_LIMIT))
    except InputError as err:  # a limit out of range, a damaged cached file
        return say(err)
    return None


def _reload_online(name: str, limit: int) -> VectorSet:
    """A gensim-data set from the disk cache, read once however many sessions ask at once."""
    spec = gensim_data.SETS[name]
    rows = min(limit, spec.words)
    with _SHARED_LOCK:
        found = _shared_sets().get(gensim_data.key(name, limit))
        if found:
            return found
        memory = megabytes(estimate(rows, spec.dim))
        text = t("vectors.reading", name=name, rows=f"{rows:,}", dim=spec.dim, memory=memory)
        with progress_bar(text) as progress:
            return load_online(name, limit, progress)


def vector_set(name: str | None = None) -> VectorSet:
    """The active word vectors (the sidebar's choice, ``?vectors=``), or built-in set ``name``."""
    if name is not None:
        return _builtin(name)
    return _find_set(value("vectors")) or _home_set()


T = TypeVar("T")

BY_SET = {VectorSet: lambda vs: vs.key}
"""Cached functions hash a vector set by name and content, never by its (huge) arrays."""


def per_set(cached: Callable[..., T]) -> Callable[..., T]:
    """``cached``, called with the active vector set appended, so the set is in its cache key.

    Switching sets can then never show numbers computed with another table.
    """

    @wraps(cached)
    def call(*args: Any) -> T:
        return cached(*args, vector_set())

    return call


def vector_panel() -> None:
    """What the active vectors are, what they cannot do, and how much of the sentence they cover."""
    vs = vector_set()
    st.subheader(t("vectors.heading"))
    labelled(st.selectbox, "vectors", options=_set_choices())
    st.markdown(f"**{plain(vs.title)}**")
    if vs.shared_opposites:
        pairs = ", ".join(f"{a} = {b}" for a, b in vs.shared_opposites)
        st.warning(
            t("vectors.pruned", distinct=f"{vs.distinct:,}", words=f"{vs.size:,}", pairs=pairs)
        )
    facts = {"dim": vs.dim, "words": f"{vs.size:,}", "distinct": f"{vs.distinct:,}"}
    st.caption(t("vectors.facts", **facts, licence=plain(vs.licence)))
    st.caption(t("vectors.source", source=plain(vs.source), format=vs.file_format))
    tokens = tokenize(value("sentence"), value("tokenizer"))[:MAX_TOKENS]
    if tokens:
        covered = vs.covers(tokens)
        st.progress(
            covered / len(tokens), text=t("vectors.coverage", found=covered, total=len(tokens))
        )
    st.page_link(
        "pages/tools/word_vectors.py", label=t("vectors.more"), icon=":material/dictionary:"
    )


def pop_notice() -> str | None:
    """Why the link's vector set could not be used, once."""
    return st.session_state.pop(_VECTORS_NOTICE, None)
