"""Loading word vectors from the Word vectors page: an upload, a path, or a gensim-data set.

Each loader is a widget callback reading the page's ``vec_*`` widgets: it runs
once, before the page reruns, while the sidebar's picker can still change. A
set that loads becomes the active one; one that does not leaves the active set
alone, and the reason is kept for :func:`failure` to show under the section
that asked for it. :func:`offer` states what a gensim-data set would cost
before its button is offered at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from convlab.errors import InputError
from convlab.ui.text import explained, plain, say, t
from convlab.ui.vectors import deployment_setting, use_set
from convlab.ui.widgets import progress_bar, upload_cap
from convlab.vectors import gensim_data
from convlab.vectors.files import MB, Progress, check_memory, estimate, megabytes
from convlab.vectors.path_access import ENV_FOLDERS, ENV_SWITCH, PathAccess, access
from convlab.vectors.sets import VectorSet, load_online, load_path, load_stream

FAILED = "_vec_failed"
"""Session key: {section: why the last load failed}, until the next load."""


@st.cache_data(ttl=60, show_spinner=False)
def reachable(base_url: str) -> bool:
    """Whether gensim-data's server answers, asked at most once a minute per address."""
    del base_url  # the cache key: a changed address is asked again
    return gensim_data.reachable()


def use(section: str, text: str, action: Callable[[Progress], VectorSet], *, own: bool) -> None:
    """Run ``action`` under a progress bar and use the set, or keep why not for ``section``.

    The previous set stays active if anything goes wrong.
    """
    try:
        with progress_bar(text) as progress:
            loaded = action(progress)
    except InputError as err:
        st.session_state[FAILED] = {section: say(err)}
    else:
        st.session_state.pop(FAILED, None)
        use_set(loaded, own=own)


def failure(section: str) -> None:
    """Why the last load asked from ``section`` failed, shown where the reader asked for it."""
    message = st.session_state.get(FAILED, {}).get(section)
    if message:
        st.error(message, icon=":material/warning:")


def read_upload() -> None:
    """Uploader callback: read the new file, at most ``vec_limit`` rows, within the upload cap
    in bytes and once loaded."""
    upload, limit, cap = st.session_state.vec_upload, st.session_state.vec_limit, upload_cap() * MB
    if upload is not None:
        use(
            "own",
            t("vectors.reading_file", name=plain(upload.name)),
            lambda progress: load_stream(
                upload, upload.name, limit=limit, max_bytes=cap, budget=cap, progress=progress
            ),
            own=True,
        )


def path_access() -> PathAccess:
    """What the path box may read on this server: its address and the deployment's settings."""
    return access(
        deployment_setting(ENV_SWITCH),
        deployment_setting(ENV_FOLDERS),
        st.get_option("server.address"),
    )


def read_path() -> None:
    """Button callback: read the file the path box names, if this server may read it."""
    raw, limit = st.session_state.vec_path, st.session_state.vec_limit
    use(
        "own",
        t("vectors.reading_file", name=plain(Path(raw.strip()).name)),
        lambda progress: path_access().read(
            raw, lambda path: load_path(path, limit=limit, progress=progress)
        ),
        own=True,
    )


def fetch_and_read() -> None:
    """Button callback: the chosen gensim-data set, downloaded unless on disk, then read."""
    name, spec = st.session_state.vec_online, gensim_data.SETS[st.session_state.vec_online]
    rows = min(st.session_state.vec_limit, spec.words)

    def steps(progress: Progress) -> VectorSet:
        """Download (under its own bar) unless on disk, then read the first ``rows`` rows."""
        if not gensim_data.cached(name):
            size = megabytes(spec.size)
            with progress_bar(t("vectors.downloading", name=name, size=size)) as fetching:
                gensim_data.fetch(name, fetching)
        return load_online(name, rows, progress)

    memory = megabytes(estimate(rows, spec.dim))
    text = t("vectors.reading", name=name, rows=f"{rows:,}", dim=spec.dim, memory=memory)
    use("online", text, steps, own=False)


def fetch_button(*, on_disk: bool) -> None:
    """Use or download the chosen set; offline, say so instead of offering a doomed download."""
    if on_disk or reachable(gensim_data.base_url()):
        st.button(
            t("vectors.use" if on_disk else "vectors.download"),
            key="vec_online_go",
            type="primary",
            on_click=fetch_and_read,
        )
    else:
        offline = t("vectors.offline", host=plain(gensim_data.host()))
        st.warning(offline, icon=":material/wifi_off:")


def offer(name: str, limit: int, *, on_disk: bool) -> None:
    """What loading gensim-data's ``name`` takes, then its button if it fits in memory."""
    spec = gensim_data.SETS[name]
    rows = min(limit, spec.words)
    st.caption(
        t(
            "vectors.online_plan",
            name=name,
            size=megabytes(spec.size),
            rows=f"{rows:,}",
            words=f"{spec.words:,}",
            memory=megabytes(estimate(rows, spec.dim)),
        )
    )
    with explained("warn"):  # the page's other sections still work
        check_memory(rows, spec.dim)
        fetch_button(on_disk=on_disk)
