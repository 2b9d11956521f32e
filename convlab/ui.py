"""The Streamlit glue every page shares: settings in the URL, language, sidebar, cached work.

This is the only convlab module that imports Streamlit. Every lesson setting
lives in ``st.session_state`` under a stable key (``sentence``, ``n``, ...).
On a session's first run the settings are read, validated, from the query
parameters of the same names; on every run those that differ from their
defaults are written back, so the URL of any page reproduces the view.

Streamlit forgets a widget's value when a page without that widget runs, so
every run re-assigns each setting to itself before any widget is drawn, which
makes the values plain session state that survives page switches. Neither
``bind="query-params"`` nor ``persist_state="session"`` is used: bound values
live only in the URL of the page showing the widget and carry its displayed
(translated) label, and a persisted widget comes back at its default on the
first run after a page switch (seen with Streamlit 1.67).

TensorFlow is imported inside the cached functions that run layers, never at
import time, so the landing page stays light.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from convlab import i18n
from convlab.config import ACTIVATIONS, INITIALIZERS, MAX_FILTERS, MAX_SEED, ConvConfig
from convlab.errors import InputError
from convlab.shapes import PADDINGS
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.vectors import (
    DEFAULT_VECTORS,
    OOV_POLICIES,
    Embedding,
    VectorSet,
    embed_sentence,
    load_builtin,
)

if TYPE_CHECKING:
    from convlab.equivalence import Comparison

SAMPLES = (
    "It's not a bad movie at all.",
    "I didn't like this movie, it's a waste of time.",
    "The acting was good but the plot was bad.",
    "A moving, funny and beautifully shot film.",
    "Don't waste your money on this one.",
)
DEFAULTS: dict[str, Any] = {
    "sentence": SAMPLES[0],
    "n": 3,
    "filters": 4,
    "seed": 42,
    "padding": "valid",
    "strides": 1,
    "dilation": 1,
    "activation": "linear",
    "init": "glorot_uniform",
    "oov": "zero",
    "lang": i18n.DEFAULT_LANG,
    "cell_t": 0,
    "cell_f": 0,
}
RANGES: dict[str, tuple[int, int]] = {
    "n": (1, 10),
    "filters": (1, MAX_FILTERS),
    "strides": (1, 4),
    "dilation": (1, 4),
    "seed": (0, MAX_SEED),
    "cell_t": (0, MAX_TOKENS),
    "cell_f": (0, MAX_FILTERS - 1),
}
"""Accepted integers, for the widgets and for values arriving in the URL alike."""
CHOICES: dict[str, tuple[str, ...]] = {
    "padding": PADDINGS,
    "activation": ACTIVATIONS,
    "init": INITIALIZERS,
    "oov": OOV_POLICIES,
    "lang": tuple(i18n.LANGS),
}
MAX_SENTENCE_CHARS = 2000
_READY = "_convlab_ready"
_IGNORED = "_convlab_ignored"


# Language ------------------------------------------------------------------


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


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """``text`` escaped for Streamlit markdown, for anything a user or a URL supplied.

    Without it a shared link could put a link, an image or a :red[...] directive
    into a warning; backslash escapes make every character literal.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# Settings and the URL -------------------------------------------------------


def parse(key: str, raw: str) -> Any:
    """A setting from its query-parameter text; ValueError if it is not acceptable."""
    if key == "sentence":
        return raw[:MAX_SENTENCE_CHARS]
    if key in CHOICES:
        if raw not in CHOICES[key]:
            raise ValueError(raw)
        return raw
    low, high = RANGES[key]
    number = int(raw)
    if not low <= number <= high:
        raise ValueError(raw)
    return number


def load_settings() -> None:
    """On a session's first run, take every setting from the URL or its default.

    Values that do not parse, or that Keras would refuse together (strides and
    dilation both above 1), fall back to defaults and are listed for the reader.
    """
    if st.session_state.get(_READY):
        return
    ignored = []
    for key, default in DEFAULTS.items():
        raw = st.query_params.get(key)
        try:
            st.session_state[key] = default if raw is None else parse(key, raw)
        except ValueError:
            st.session_state[key] = default
            ignored.append(f"{key}={raw}")
    if st.session_state.strides > 1 and st.session_state.dilation > 1:
        ignored.append(f"dilation={st.session_state.dilation}")
        st.session_state.dilation = DEFAULTS["dilation"]
    st.session_state[_IGNORED] = ignored
    st.session_state[_READY] = True


def save_settings() -> None:
    """Write every setting that differs from its default to the URL.

    Copying the URL then reproduces this view, and stays short enough to paste
    into a chat: a missing key means the default, as it does when loading.
    """
    st.query_params.from_dict(
        {key: str(value(key)) for key, default in DEFAULTS.items() if value(key) != default}
    )


def value(key: str) -> Any:
    """A setting's current value, on any page."""
    return st.session_state.get(key, DEFAULTS[key])


def keep_settings() -> None:
    """Make every setting plain session state again, so no page switch can drop it."""
    for key in DEFAULTS:
        st.session_state[key] = st.session_state[key]


def _widget(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """Render ``widget`` for setting ``key``, labelled and explained in the reader's language."""
    return widget(t(f"label.{key}"), key=key, help=t(f"help.{key}"), **kwargs)


def _slider(key: str, **kwargs: Any) -> int:
    low, high = RANGES[key]
    return _widget(st.slider, key, min_value=low, max_value=high, **kwargs)


def _choice(key: str, **kwargs: Any) -> str:
    return _widget(st.radio, key, options=CHOICES[key], horizontal=True, **kwargs)


def _keep_one_above_one(changed: str, other: str) -> None:
    """Keras refuses strides > 1 with dilation_rate > 1: raising one resets the other."""
    if st.session_state[changed] > 1 and st.session_state[other] > 1:
        st.session_state[other] = 1
        st.toast(t("toast.reset", changed=changed, other=other))


def _use_sample() -> None:
    if st.session_state.sample:
        st.session_state.sentence = st.session_state.sample


# Widgets -------------------------------------------------------------------


def sentence_input(*, samples: bool = False) -> str:
    """The sentence box, optionally under a picker of sample sentences."""
    if samples:
        st.selectbox(
            t("label.sample"),
            SAMPLES,
            index=None,
            key="sample",
            placeholder=t("placeholder.sample"),
            help=t("help.sample"),
            on_change=_use_sample,
        )
    return _widget(st.text_area, "sentence", max_chars=MAX_SENTENCE_CHARS, height=80)


def oov_input() -> str:
    labels = {policy: t(f"oov.{policy}") for policy in CHOICES["oov"]}
    return _choice("oov", format_func=labels.__getitem__)


def seed_input() -> int:
    low, high = RANGES["seed"]
    return _widget(st.number_input, "seed", min_value=low, max_value=high, step=1)


def pick(key: str, count: int, label: Callable[[int], str]) -> int:
    """An index in range(count), shown through ``label``; back to 0 when count shrinks."""
    if value(key) >= count:
        st.session_state[key] = 0
        save_settings()
    return _widget(st.selectbox, key, options=range(count), format_func=label)


def settings_config() -> ConvConfig:
    """The layer the current settings describe; InputError if Keras would refuse it."""
    return ConvConfig(**{key: value(key) for key in ConvConfig.__dataclass_fields__})


def conv_controls() -> ConvConfig | None:
    """The Conv1D settings in two rows of four, shared by the Conv1D and Conv2D pages.

    Returns None, after saying why, if the settings cannot form a layer.
    """
    controls = (
        partial(_slider, "n"),
        partial(_slider, "filters"),
        partial(_slider, "strides", on_change=_keep_one_above_one, args=("strides", "dilation")),
        partial(_slider, "dilation", on_change=_keep_one_above_one, args=("dilation", "strides")),
        partial(_choice, "padding"),
        partial(_choice, "activation"),
        partial(_choice, "init"),
        seed_input,
    )
    with st.container(border=True):
        for column, draw in zip(st.columns(4) + st.columns(4), controls, strict=True):
            with column:
                draw()
    try:
        return settings_config()
    except InputError as err:
        st.error(err.say(lang()))
        return None


def conv_lesson(title_key: str, intro_key: str) -> tuple[Embedding, ConvConfig, int]:
    """Start a convolution page: sentence, layer settings, and a sentence the layer fits.

    Returns the embedding, the layer and its new_steps; otherwise explains
    what to change and stops the page below the controls.
    """
    page(title_key, intro_key)
    sentence_input()
    oov_input()
    cfg = conv_controls()
    emb = current_embedding()
    if cfg is None:
        st.stop()
    try:
        steps = cfg.steps(len(emb.words))
    except InputError as err:
        stop(err)
    with st.spinner(t("spinner.keras")):
        import convlab.conv  # noqa: F401  (the first import loads TensorFlow: seconds)
    return emb, cfg, steps


def stop(err: InputError) -> NoReturn:
    """Explain ``err`` and end this run of the page; the widgets above stay usable."""
    st.warning(err.say(lang()), icon="⚠️")
    st.stop()


# Cached work ----------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def vector_set(name: str = DEFAULT_VECTORS) -> VectorSet:
    """The word vectors, loaded once per server process."""
    return load_builtin(name)


@st.cache_data(show_spinner=False, max_entries=64)
def embedding(sentence: str, oov: str, seed: int, vectors: str = DEFAULT_VECTORS) -> Embedding:
    return embed_sentence(sentence, vector_set(vectors), oov, seed)


def current_embedding() -> Embedding:
    """The sentence matrix for the current settings, with its notices shown.

    Stops the page with a friendly prompt when there is nothing to embed.
    """
    emb = embedding(value("sentence"), value("oov"), value("seed"))
    if not emb.tokens:
        st.info(t("embed.empty"), icon="✍️")
        st.stop()
    if emb.truncated:
        st.warning(t("embed.truncated", most=MAX_TOKENS, dropped=emb.truncated))
    try:
        emb.require_words()
    except InputError as err:
        stop(err)
    if not any(emb.found):
        st.warning(t("embed.all_oov", policy=t(f"oov.{value('oov')}")))
    return emb


@st.cache_data(show_spinner=False, max_entries=64)
def weights(cfg: ConvConfig, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The seeded Conv1D kernel (n, D, F) and bias (F,)."""
    from convlab import conv

    return conv.init_weights(cfg, dim)


def _layer_inputs(
    sentence: str, oov: str, cfg: ConvConfig
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentence matrix and the seeded weights every layer of the lesson runs on."""
    x = embedding(sentence, oov, cfg.seed).matrix
    return (x, *weights(cfg, x.shape[1]))


@st.cache_data(show_spinner=False, max_entries=64)
def conv1d_output(sentence: str, oov: str, cfg: ConvConfig) -> np.ndarray:
    """Keras Conv1D's (new_steps, F) output for the sentence."""
    from convlab import conv

    return conv.conv1d(*_layer_inputs(sentence, oov, cfg), cfg)[0]


@st.cache_data(show_spinner=False, max_entries=32)
def comparisons(sentence: str, oov: str, cfg: ConvConfig) -> dict[str, Comparison]:
    """Conv1D, both Conv2D forms and NumPy, in float32 and float64."""
    from convlab import conv, equivalence

    inputs = _layer_inputs(sentence, oov, cfg)
    return {dtype: equivalence.compare(*inputs, cfg, dtype) for dtype in conv.DTYPES}


@st.cache_data(show_spinner=False, max_entries=32)
def conv2d_same_output(sentence: str, oov: str, cfg: ConvConfig) -> np.ndarray:
    """The naive Conv2D(padding="same") port, to show what goes wrong."""
    from convlab import conv

    return conv.conv2d_same(*_layer_inputs(sentence, oov, cfg), cfg)


# Page frame -----------------------------------------------------------------


def vector_panel() -> None:
    """What the active vectors are, what they cannot do, and how much of the sentence they cover."""
    vs = vector_set()
    st.subheader(t("vectors.heading"))
    st.markdown(f"**{plain(vs.title)}**")
    if vs.shared_opposites:
        pairs = ", ".join(f"{a} = {b}" for a, b in vs.shared_opposites)
        st.warning(
            t("vectors.pruned", distinct=f"{vs.distinct:,}", words=f"{vs.size:,}", pairs=pairs)
        )
    st.caption(t("vectors.facts", dim=vs.dim, words=f"{vs.size:,}", licence=vs.licence))
    tokens = tokenize(value("sentence"))[:MAX_TOKENS]
    if tokens:
        covered = vs.covers(tokens)
        st.progress(
            covered / len(tokens), text=t("vectors.coverage", found=covered, total=len(tokens))
        )


PAGES = (
    ("pages/home.py", "nav.home", ":material/home:", None),
    ("pages/embed.py", "nav.embed", ":material/grid_on:", "embed"),
    ("pages/conv1d.py", "nav.conv1d", ":material/view_week:", "conv1d"),
    ("pages/conv2d.py", "nav.conv2d", ":material/compare:", "conv2d"),
)
"""(script, title key, icon, URL path) of every page; the first, at "/", is the default."""


def _pages() -> list[st.Page]:
    return [
        st.Page(script, title=t(title), icon=icon, url_path=path, default=path is None)
        for script, title, icon, path in PAGES
    ]


def route() -> None:
    """Run the page the URL names, under navigation titled in the reader's language."""
    st.navigation(_pages()).run()


def _reroute_direct_run() -> None:
    """Send a page that Streamlit ran directly back through the router.

    Until ``st.navigation`` has run once in a server process, Streamlit treats
    ``pages/`` as an old-style page folder and runs a deep-linked page such as
    ``/conv1d`` by itself: no ``app.py``, so no wide layout and file names as
    navigation. Declaring the navigation switches that off for the process;
    the rerun then goes through ``app.py``. Streamlit keeps that state in
    ``PagesManager.uses_pages_directory``, an internal flag (pinned Streamlit;
    a browser test opens a deep link on a fresh server to catch any change).
    """
    if PagesManager.uses_pages_directory:
        st.navigation(_pages(), position="hidden")
        st.rerun()


def page(title_key: str, intro_key: str) -> None:
    """Start a page: settings from and to the URL, the sidebar, the title and intro."""
    _reroute_direct_run()
    load_settings()
    keep_settings()
    save_settings()
    with st.sidebar:
        _widget(st.selectbox, "lang", options=CHOICES["lang"], format_func=i18n.LANGS.get)
        with st.spinner(t("vectors.loading")):
            vector_panel()
    st.title(t(title_key))
    ignored = st.session_state.pop(_IGNORED, [])
    if ignored:
        st.warning(t("url.ignored", values=plain(", ".join(ignored))))
    st.markdown(t(intro_key))
