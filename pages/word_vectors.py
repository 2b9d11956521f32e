"""Word vectors: the active set in detail, your own file, gensim-data sets, and nearest words."""

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from convlab import settings, ui
from convlab.errors import InputError
from convlab.lesson import tables
from convlab.vectors import gensim_data
from convlab.vectors.files import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MB,
    MEMORY_BUDGET,
    Progress,
    check_memory,
    estimate,
    megabytes,
)
from convlab.vectors.sets import VectorSet, load_online, load_path, load_stream, neighbours

ui.page("word_vectors.title", "word_vectors.intro")
vs = ui.vector_set()

st.subheader(ui.t("vectors.active", name=ui.plain(vs.name)))
cols = st.columns(4)
cols[0].metric(ui.t("vectors.metric_dim"), vs.dim)
cols[1].metric(ui.t("vectors.metric_words"), f"{vs.size:,}")
cols[2].metric(ui.t("vectors.metric_distinct"), f"{vs.distinct:,}")
cols[3].metric(ui.t("vectors.metric_format"), vs.file_format)
st.caption(ui.t("vectors.source", source=ui.plain(vs.source), format=vs.file_format))
with st.expander(ui.t("vectors.meta")):
    st.json(vs.meta, expanded=False)


@st.cache_data(ttl=60, show_spinner=False)
def reachable(base_url: str) -> bool:
    """Whether gensim-data's server answers, asked at most once a minute per address."""
    del base_url  # the cache key: a changed address is asked again
    return gensim_data.reachable()


FAILED = "_vec_failed"  # session key: {section: why the last load failed}, until the next one


def use(section: str, text: str, action: Callable[[Progress], VectorSet], *, own: bool) -> None:
    """Widget callback: run ``action`` under a progress bar and use the set, or keep why not.

    A callback runs once, before the page reruns, while the sidebar's picker can
    still change; the previous set stays active if anything goes wrong.
    """
    try:
        with ui.progress_bar(text) as progress:
            loaded = action(progress)
    except InputError as err:
        st.session_state[FAILED] = {section: ui.say(err)}
    else:
        st.session_state.pop(FAILED, None)
        ui.use_set(loaded, own=own)


def failure(section: str) -> None:
    message = st.session_state.get(FAILED, {}).get(section)
    if message:
        st.error(message, icon="⚠️")


def upload_cap() -> int:
    """The upload limit in MB: Streamlit's server.maxUploadSize, enforced again when reading."""
    return int(st.get_option("server.maxUploadSize"))


def read_upload() -> None:
    upload, limit = st.session_state.vec_upload, st.session_state.vec_limit
    if upload is not None:
        use(
            "own",
            ui.t("vectors.reading_file", name=ui.plain(upload.name)),
            lambda progress: load_stream(
                upload, upload.name, limit=limit, max_bytes=upload_cap() * MB, progress=progress
            ),
            own=True,
        )


def read_path() -> None:
    file, limit = Path(st.session_state.vec_path.strip()).expanduser(), st.session_state.vec_limit
    use(
        "own",
        ui.t("vectors.reading_file", name=ui.plain(file.name)),
        lambda progress: load_path(file, limit=limit, progress=progress),
        own=True,
    )


def fetch_and_read() -> None:
    name, spec = st.session_state.vec_online, gensim_data.SETS[st.session_state.vec_online]
    rows = min(st.session_state.vec_limit, spec.words)

    def steps(progress: Progress) -> VectorSet:
        """Download (under its own bar) unless on disk, then read the first ``rows`` rows."""
        if not gensim_data.cached(name):
            size = megabytes(spec.size)
            with ui.progress_bar(ui.t("vectors.downloading", name=name, size=size)) as fetching:
                gensim_data.fetch(name, fetching)
        return load_online(name, rows, progress)

    memory = megabytes(estimate(rows, spec.dim))
    text = ui.t("vectors.reading", name=name, rows=f"{rows:,}", dim=spec.dim, memory=memory)
    use("online", text, steps, own=False)


# Your own file ------------------------------------------------------------------------
st.subheader(ui.t("vectors.own"))
st.caption(ui.t("vectors.own_text", limit=f"{DEFAULT_LIMIT:,}", budget=megabytes(MEMORY_BUDGET)))
limit = st.number_input(
    ui.t("label.vec_limit"),
    min_value=1,
    max_value=MAX_LIMIT,
    value=DEFAULT_LIMIT,
    step=10_000,
    key="vec_limit",
    help=ui.t("help.vec_limit"),
)
st.file_uploader(
    ui.t("label.vec_upload", mb=upload_cap()),
    key="vec_upload",
    help=ui.t("help.vec_upload"),
    on_change=read_upload,
)
if ui.deployment_setting("CONVLAB_PATH_INPUT") == "off":
    st.caption(ui.t("vectors.paths_off"))
else:
    path = st.text_input(ui.t("label.vec_path"), key="vec_path", help=ui.t("help.vec_path"))
    st.button(
        ui.t("vectors.load_path"),
        key="vec_load_path",
        disabled=not path.strip(),
        on_click=read_path,
    )
failure("own")

# gensim-data ---------------------------------------------------------------------------
st.subheader(ui.t("vectors.online"))
st.caption(ui.t("vectors.online_text", folder=ui.plain(str(gensim_data.cache_dir()))))
on_disk = {name for name in gensim_data.SETS if gensim_data.cached(name)}
st.dataframe(
    tables.online_sets(gensim_data.SETS.values(), limit, on_disk),
    hide_index=True,
    column_config={
        "set": st.column_config.TextColumn(ui.t("col.set")),
        "dim": st.column_config.NumberColumn(ui.t("col.dim")),
        "words": st.column_config.NumberColumn(ui.t("col.words"), format="localized"),
        "download_mb": st.column_config.NumberColumn(ui.t("col.download"), format="%.0f"),
        "licence": st.column_config.TextColumn(ui.t("col.licence")),
        "on_disk": st.column_config.CheckboxColumn(ui.t("col.on_disk")),
        "memory_mb": st.column_config.NumberColumn(ui.t("col.memory"), format="%.0f"),
    },
)
name = st.selectbox(
    ui.t("label.vec_online"), list(gensim_data.SETS), key="vec_online", help=ui.t("help.vec_online")
)
spec = gensim_data.SETS[name]
rows = min(limit, spec.words)
st.caption(
    ui.t(
        "vectors.online_plan",
        name=name,
        size=megabytes(spec.size),
        rows=f"{rows:,}",
        words=f"{spec.words:,}",
        memory=megabytes(estimate(rows, spec.dim)),
    )
)
try:
    check_memory(rows, spec.dim)
except InputError as err:
    st.warning(ui.say(err), icon="⚠️")
else:
    if name in on_disk or reachable(gensim_data.base_url()):
        st.button(
            ui.t("vectors.use" if name in on_disk else "vectors.download"),
            key="vec_online_go",
            type="primary",
            on_click=fetch_and_read,
        )
    else:
        offline = ui.t("vectors.offline", host=ui.plain(gensim_data.host()))
        st.warning(offline, icon=":material/wifi_off:")
failure("online")

# Nearest words ---------------------------------------------------------------------------
st.subheader(ui.t("vectors.neighbours"))
st.caption(ui.t("vectors.neighbours_text"))
word_column, topn_column = st.columns([3, 1])
with word_column:
    word = ui.setting(st.text_input, "word", max_chars=settings.MAX_WORD_CHARS)
with topn_column:
    topn = ui.setting(st.slider, "topn")
try:
    near = neighbours(vs, word, topn)
except InputError as err:
    st.info(ui.say(err))
else:
    st.dataframe(
        tables.neighbours(near),
        hide_index=True,
        column_config={
            "word": st.column_config.TextColumn(ui.t("col.word")),
            "cosine": st.column_config.NumberColumn(ui.t("col.cosine"), format="%.4f"),
            "same_vector": st.column_config.CheckboxColumn(ui.t("col.twin")),
        },
    )
    if near.twins:
        listed = {twin for twin, _ in near.similar} & set(near.twins)
        st.warning(
            ui.t(
                "vectors.ties",
                count=f"{len(near.twins):,}",
                word=ui.plain(near.word),
                examples=ui.plain(", ".join(f"'{twin}'" for twin in near.twins[:8])),
                shown=len(listed),
            )
        )
    else:
        st.caption(ui.t("vectors.no_twins", word=ui.plain(near.word)))
