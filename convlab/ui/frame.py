"""The frame every page shares, drawn by ``app.py`` before the page itself runs.

Settings from and to the URL, the sidebar (language, word vectors), the page's
title, notices and intro: no page repeats any of it. The frame imports no
TensorFlow (``ui.warmup`` imports it in a background thread once a page is drawn), so a
cold server draws it at once, and a page that needs Keras shows its spinner
under a finished frame while the import finishes.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from convlab import i18n, process_memory
from convlab.settings import CHOICES
from convlab.ui import state, vectors, warmup
from convlab.ui.text import plain, t
from convlab.ui.widgets import labelled, load_segmenter


@dataclass(frozen=True)
class Page:
    """One page: its script, its section and title in the navigation, its URL path."""

    script: str
    section: str
    """Message key of its navigation section."""
    topic: str
    """Message prefix of its texts: ``{topic}.title``, ``{topic}.intro``."""
    nav: str
    """Message key of its navigation entry."""
    icon: str
    path: str | None
    """URL path; None for the default page at "/"."""


PAGES = (
    Page("pages/lesson/home.py", "section.lesson", "home", "nav.home", ":material/home:", None),
    Page(
        "pages/lesson/embed.py",
        "section.lesson",
        "embed",
        "nav.embed",
        ":material/grid_on:",
        "embed",
    ),
    Page(
        "pages/lesson/conv1d.py",
        "section.lesson",
        "conv1d",
        "nav.conv1d",
        ":material/view_week:",
        "conv1d",
    ),
    Page(
        "pages/lesson/conv2d.py",
        "section.lesson",
        "conv2d",
        "nav.conv2d",
        ":material/compare:",
        "conv2d",
    ),
    Page(
        "pages/tools/shapes.py",
        "section.tools",
        "shapelab",
        "nav.shapes",
        ":material/straighten:",
        "shapes",
    ),
    Page(
        "pages/tools/word_vectors.py",
        "section.tools",
        "word_vectors",
        "nav.vectors",
        ":material/dictionary:",
        "word_vectors",
    ),
    Page(
        "pages/textcnn/train.py",
        "section.textcnn",
        "train",
        "nav.train",
        ":material/model_training:",
        "train",
    ),
    Page(
        "pages/textcnn/filters.py",
        "section.textcnn",
        "filters",
        "nav.filters",
        ":material/manage_search:",
        "filters",
    ),
    Page(
        "pages/yours/your_model.py",
        "section.yours",
        "your_model",
        "nav.your_model",
        ":material/frame_inspect:",
        "your_model",
    ),
)
"""Every page, in navigation order; the first, at "/", is the default."""


def route() -> None:
    """Run the page the URL names, under the shared frame, in the reader's language.

    ``app.py`` and the stubs ``pages/<path>.py`` call this. Until a script has
    called ``st.navigation``, Streamlit discovers pages from ``pages/*.py``, so
    on a fresh server the first visitor of a link to ``/conv1d`` would get
    "Page not found" (then the default page) unless ``pages/conv1d.py`` exists.
    That stub runs only in this first run of the server; the navigation below
    serves every run after it.
    """
    st.set_page_config(page_title="convlab", page_icon=":material/search:", layout="wide")
    process_memory.tune()  # each run is a thread: see convlab.process_memory
    sections: dict[str, list[st.Page]] = {}
    by_path: dict[str, Page] = {}
    for page in PAGES:
        entry = st.Page(
            page.script,
            title=t(page.nav),
            icon=page.icon,
            url_path=page.path,
            default=page.path is None,
        )
        sections.setdefault(t(page.section), []).append(entry)
        by_path[entry.url_path] = page
    current = st.navigation(sections)
    frame(by_path[current.url_path])
    try:
        current.run()
    finally:  # also after st.stop()
        state.save_after_reconnect()
        warmup.start()  # once the first page is drawn, not competing with it


def frame(page: Page) -> None:
    """Settings from and to the URL, the sidebar, the title, notices and intro of ``page``."""
    state.load_settings()
    vectors.settle()
    state.keep_settings()
    state.follow_suggestions()
    state.save_settings()
    load_segmenter()
    with st.sidebar:
        labelled(st.selectbox, "lang", options=CHOICES["lang"], format_func=i18n.LANGS.get)
        with st.spinner(t("vectors.loading")):
            vectors.vector_panel()
    st.title(t(f"{page.topic}.title"))
    ignored = state.pop_ignored()
    if ignored:
        st.warning(t("url.ignored", values=plain(", ".join(ignored))))
    notice = vectors.pop_notice()
    if notice:
        st.warning(notice)
    st.markdown(t(f"{page.topic}.intro"))
