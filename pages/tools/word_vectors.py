"""Word vectors: the active set in detail, your own file, gensim-data sets, and nearest words."""

import streamlit as st

from convlab import ui
from convlab.lesson import tables
from convlab.ui import vector_loading
from convlab.vectors import gensim_data
from convlab.vectors.files import DEFAULT_LIMIT, MAX_LIMIT, MEMORY_BUDGET, megabytes
from convlab.vectors.sets import Neighbours, VectorSet, neighbours
from convlab.vectors.settings import MAX_WORD_CHARS

ONLINE_COLUMNS = {
    "set": "col.set",
    "dim": "col.dim",
    "words": "col.words",
    "download_mb": "col.download",
    "licence": "col.licence",
    "on_disk": "col.on_disk",
    "memory_mb": "col.memory",
}
NEIGHBOUR_COLUMNS = {"word": "col.word", "cosine": "col.cosine", "same_vector": "col.twin"}


def active_set(vs: VectorSet) -> None:
    """The set every page uses now: its size, where it came from and its metadata."""
    st.subheader(ui.t("vectors.active", name=ui.plain(vs.name)))
    figures = {
        "vectors.metric_dim": vs.dim,
        "vectors.metric_words": f"{vs.size:,}",
        "vectors.metric_distinct": f"{vs.distinct:,}",
        "vectors.metric_format": vs.file_format,
    }
    for column, (label, figure) in zip(st.columns(4), figures.items(), strict=True):
        column.metric(ui.t(label), figure)
    st.caption(ui.t("vectors.source", source=ui.plain(vs.source), format=vs.file_format))
    with st.expander(ui.t("vectors.meta")):
        st.json(vs.meta, expanded=False)


def own_file() -> int:
    """Row limit, uploader and (where this server allows it) a path box; returns the limit."""
    st.subheader(ui.t("vectors.own"))
    budget = megabytes(MEMORY_BUDGET)
    upload = f"{ui.upload_cap():,}"
    st.caption(ui.t("vectors.own_text", limit=f"{DEFAULT_LIMIT:,}", budget=budget, upload=upload))
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
        ui.t("label.vec_upload", mb=ui.upload_cap()),
        key="vec_upload",
        help=ui.t("help.vec_upload"),
        on_change=vector_loading.read_upload,
    )
    paths = vector_loading.path_access()
    if not paths.enabled:
        st.caption(ui.t("vectors.paths_off"))
    else:
        if paths.folders:
            st.caption(ui.t("vectors.paths_from", folders=ui.plain(paths.where())))
        path = st.text_input(ui.t("label.vec_path"), key="vec_path", help=ui.t("help.vec_path"))
        st.button(
            ui.t("vectors.load_path"),
            key="vec_load_path",
            disabled=not path.strip(),
            on_click=vector_loading.read_path,
        )
    vector_loading.failure("own")
    return limit


def online_sets(limit: int) -> None:
    """gensim-data's sets, sized at ``limit`` rows, and what loading the chosen one takes."""
    st.subheader(ui.t("vectors.online"))
    st.caption(ui.t("vectors.online_text", folder=ui.plain(str(gensim_data.cache_dir()))))
    on_disk = {name for name in gensim_data.SETS if gensim_data.cached(name)}
    ui.dataframe(
        tables.online_sets(gensim_data.SETS.values(), limit, on_disk),
        ONLINE_COLUMNS,
        formats={"words": "localized", "download_mb": "%.0f", "memory_mb": "%.0f"},
        hide_index=True,
    )
    name = st.selectbox(
        ui.t("label.vec_online"),
        list(gensim_data.SETS),
        key="vec_online",
        help=ui.t("help.vec_online"),
    )
    vector_loading.offer(name, limit, on_disk=name in on_disk)
    vector_loading.failure("online")


def ties(near: Neighbours) -> None:
    """Words sharing the word's exact vector, named: a pruned table's neighbours are not ranked."""
    if not near.twins:
        st.caption(ui.t("vectors.no_twins", word=ui.plain(near.word)))
        return
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


def nearest_words(vs: VectorSet) -> None:
    """A word's nearest words in the active set, with their cosine and any exact ties."""
    st.subheader(ui.t("vectors.neighbours"))
    st.caption(ui.t("vectors.neighbours_text"))
    word_column, topn_column = st.columns([3, 1])
    with word_column:
        word = ui.setting(st.text_input, "word", max_chars=MAX_WORD_CHARS)
    with topn_column:
        topn = ui.setting(st.slider, "topn")
    with ui.explained("inform"):
        near = neighbours(vs, word, topn)
        ui.dataframe(
            tables.neighbours(near), NEIGHBOUR_COLUMNS, formats={"cosine": "%.4f"}, hide_index=True
        )
        ties(near)


active = ui.vector_set()
active_set(active)
online_sets(own_file())
nearest_words(active)
