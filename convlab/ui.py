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

The word vectors are one more setting, ``vectors``: a set's name. Built-in
and gensim-data sets are shared by every session; a visitor's own file lives
in their session only, so a link naming it elsewhere falls back with a notice.
Cached results take the active set as an argument, hashed by name and content.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import numpy as np
import pandas as pd
import streamlit as st
from streamlit import config
from streamlit.runtime.pages_manager import PagesManager

from convlab import i18n, settings
from convlab.errors import InputError
from convlab.lesson import tables
from convlab.lesson.layer import ConvLayer
from convlab.settings import CHOICES, DEFAULTS, MAX_SENTENCE_CHARS, RANGES, SAMPLES
from convlab.textcnn import corpus
from convlab.textcnn.corpus import Corpus
from convlab.textcnn.hyperparameters import Hyperparameters, parse_kernel_sizes
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.vectors import gensim_data
from convlab.vectors.files import DEFAULT_LIMIT, Progress, estimate, megabytes
from convlab.vectors.sets import (
    BUILTINS,
    DEFAULT_VECTORS,
    ENV_VECTORS,
    Embedding,
    VectorSet,
    embed_sentence,
    load_builtin,
    load_online,
    resolve,
)

if TYPE_CHECKING:
    from convlab.lesson.equivalence import Comparison
    from convlab.textcnn.kim import FitStore, TextCNN
    from convlab.textcnn.mining import Mining

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


def load_settings() -> None:
    """On a session's first run, take every setting from the URL or its default."""
    if st.session_state.get(_READY):
        return
    values, st.session_state[_IGNORED] = settings.from_query(st.query_params.to_dict())
    st.session_state.update(values)
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


def _widget(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """Render ``widget`` for setting ``key``, labelled and explained in the reader's language."""
    return widget(t(f"label.{key}"), key=key, help=t(f"help.{key}"), **kwargs)


def _slider(key: str, **kwargs: Any) -> int:
    return setting(st.slider, key, **kwargs)


def _choice(key: str, **kwargs: Any) -> str:
    return setting(st.radio, key, horizontal=True, **kwargs)


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
    return setting(st.number_input, "seed", step=1)


def pick(key: str, count: int, label: Callable[[int], str]) -> int:
    """An index in range(count), shown through ``label``; back to 0 when count shrinks."""
    if value(key) >= count:
        st.session_state[key] = 0
        save_settings()
    return _widget(st.selectbox, key, options=range(count), format_func=label)


def settings_config() -> ConvLayer:
    """The layer the current settings describe; InputError if Keras would refuse it."""
    return ConvLayer(**{key: value(key) for key in ConvLayer.__dataclass_fields__})


def conv_controls() -> ConvLayer | None:
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


def conv_lesson(title_key: str, intro_key: str) -> tuple[Embedding, ConvLayer, int]:
    """Start a convolution page: sentence, layer settings, and a sentence the layer fits.

    Returns the embedding, the layer and its new_steps; otherwise explains
    what to change and stops the page below the controls.
    """
    page(title_key, intro_key)
    sentence_input()
    oov_input()
    conv = conv_controls()
    emb = current_embedding()
    if conv is None:
        st.stop()
    try:
        steps = conv.steps(len(emb.words))
    except InputError as err:
        stop(err)
    with st.spinner(t("spinner.keras")):
        import convlab.lesson.keras_layers  # noqa: F401  (the first import loads TensorFlow: seconds)
    return emb, conv, steps


def stop(err: InputError) -> NoReturn:
    """Explain ``err`` and end this run of the page; the widgets above stay usable."""
    st.warning(say(err), icon="⚠️")
    st.stop()


def say(err: InputError) -> str:
    """``err`` in the reader's language, with the words it quotes from a file or link escaped."""
    params = {key: plain(v) if isinstance(v, str) else v for key, v in err.params.items()}
    return i18n.message(err.key, lang(), **params)


@contextmanager
def progress_bar(text: str) -> Iterator[Progress]:
    """A progress callback that shows a bar only once the work takes more than a moment."""
    started, bar, shown = time.perf_counter(), None, -1

    def update(fraction: float) -> None:
        nonlocal bar, shown
        percent = int(100 * fraction)
        if percent == shown or time.perf_counter() - started < 0.3:
            return
        bar, shown = bar or st.progress(0, text=text), percent
        bar.progress(percent, text=text)

    try:
        yield update
    finally:
        if bar is not None:
            bar.empty()


# The active vector set -------------------------------------------------------

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


def _settle_vectors() -> None:
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


# Cached work ----------------------------------------------------------------


def vector_set(name: str | None = None) -> VectorSet:
    """The active word vectors (the sidebar's choice, ``?vectors=``), or built-in set ``name``."""
    if name is not None:
        return _builtin(name)
    return _find_set(value("vectors")) or _home_set()


T = TypeVar("T")
_BY_SET = {VectorSet: lambda vs: vs.key}
"""Cached functions hash a vector set by name and content, never by its (huge) arrays."""


def _per_set(cached: Callable[..., T]) -> Callable[..., T]:
    """``cached``, called with the active vector set appended, so the set is in its cache key.

    Switching sets can then never show numbers computed with another table.
    """

    @wraps(cached)
    def call(*args: Any) -> T:
        return cached(*args, vector_set())

    return call


@_per_set
@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_SET)
def embedding(sentence: str, oov: str, seed: int, vs: VectorSet) -> Embedding:
    """The sentence matrix in the active set (call it without ``vs``)."""
    return embed_sentence(sentence, vs, oov, seed)


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
def weights(conv: ConvLayer, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The seeded Conv1D kernel (n, D, F) and bias (F,)."""
    from convlab.lesson import keras_layers

    return keras_layers.init_weights(conv, dim)


def _layer_inputs(
    sentence: str, oov: str, conv: ConvLayer, vs: VectorSet
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentence matrix and the seeded weights every layer of the lesson runs on."""
    x = embed_sentence(sentence, vs, oov, conv.seed).matrix
    return (x, *weights(conv, x.shape[1]))


@_per_set
@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=_BY_SET)
def conv1d_output(sentence: str, oov: str, conv: ConvLayer, vs: VectorSet) -> np.ndarray:
    """Keras Conv1D's (new_steps, F) output for the sentence (call it without ``vs``)."""
    from convlab.lesson import keras_layers

    return keras_layers.conv1d(*_layer_inputs(sentence, oov, conv, vs), conv)[0]


@_per_set
@st.cache_data(show_spinner=False, max_entries=32, hash_funcs=_BY_SET)
def comparisons(sentence: str, oov: str, conv: ConvLayer, vs: VectorSet) -> dict[str, Comparison]:
    """Conv1D, both Conv2D forms and NumPy, in float32 and float64 (call it without ``vs``)."""
    from convlab.lesson import equivalence, keras_layers

    inputs = _layer_inputs(sentence, oov, conv, vs)
    return {dtype: equivalence.compare(*inputs, conv, dtype) for dtype in keras_layers.DTYPES}


@_per_set
@st.cache_data(show_spinner=False, max_entries=32, hash_funcs=_BY_SET)
def conv2d_same_output(sentence: str, oov: str, conv: ConvLayer, vs: VectorSet) -> np.ndarray:
    """The naive Conv2D(padding="same") port, to show what goes wrong (call it without ``vs``)."""
    from convlab.lesson import keras_layers

    return keras_layers.conv2d_same(*_layer_inputs(sentence, oov, conv, vs), conv)


# Trained text CNN (pages/train.py, pages/filters.py) ---------------------------------

UPLOADED_TABLE = "_cnn_table"
"""Session key of the uploaded CSV/TSV: {"name", "raw", "text", "label"}; survives page switches."""
UPLOADED_MODEL = "_cnn_uploaded"
"""Session key of the uploaded .keras model: (sha256, TextCNN)."""


def download_table(label: str, frame: pd.DataFrame, file_name: str, *, key: str, help: str) -> None:
    """A button that downloads ``frame`` as UTF-8 CSV, as every text-CNN table offers."""
    st.download_button(
        label,
        tables.csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        help=help,
        icon=":material/download:",
    )


def setting(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """A widget for setting ``key``: catalogue label and help, and its URL range or options."""
    if key in RANGES:
        kwargs = {"min_value": RANGES[key][0], "max_value": RANGES[key][1], **kwargs}
    elif key in CHOICES:
        kwargs = {"options": CHOICES[key], **kwargs}
    return _widget(widget, key, **kwargs)


@st.cache_resource(show_spinner=False)
def fits() -> FitStore:
    """Trained text CNNs by (data, settings, vectors), shared by every session of the server.

    Process-wide rather than per session: a class opening the teacher's link
    gets the teacher's fit at once instead of each retraining it, and a
    browser reload loses nothing. Only the Train button adds to it.
    """
    from convlab.textcnn.kim import FitStore

    return FitStore()


@st.cache_resource(show_spinner=False, max_entries=4)
def _mr(folder: str, rows: int) -> Corpus:
    return corpus.load_mr(folder).sample(rows)


@st.cache_resource(show_spinner=False, max_entries=4)
def _table(raw: bytes, name: str, text: str, label: str, rows: int) -> Corpus:
    return corpus.from_table(raw, name, text, label).sample(rows)


def cnn_corpus() -> Corpus | None:
    """The data the settings name, cut to ``cnn_rows``; None while there is none (no MR, no upload).

    InputError if the uploaded table cannot be used.
    """
    if value("cnn_data") == "upload":
        table = st.session_state.get(UPLOADED_TABLE)
        if table is None:
            return None
        return _table(table["raw"], table["name"], table["text"], table["label"], value("cnn_rows"))
    folder = corpus.find_mr()
    return None if folder is None else _mr(str(folder), value("cnn_rows"))


def cnn_config() -> Hyperparameters:
    """The Kim CNN the settings describe; InputError if they cannot form one."""
    return Hyperparameters(
        variant=value("cnn_variant"),
        scale=value("cnn_scale"),
        kernel_sizes=parse_kernel_sizes(value("cnn_kernel_sizes")),
        filters=value("cnn_filters"),
        epochs=value("cnn_epochs"),
        seed=value("cnn_seed"),
    )


def cnn_vectors() -> VectorSet:
    """The word vectors the model starts from: a built-in set, or the one the sidebar shows."""
    name = value("cnn_vectors")
    return vector_set() if name == "active" else vector_set(name)


def fit_key(data: Corpus, hp: Hyperparameters, vs: VectorSet) -> tuple[str, Hyperparameters, str]:
    """What a fit is cached by: the data's digest, the settings, the vector set (name + hash)."""
    return data.digest, hp, vs.key


@st.cache_resource(show_spinner=False, max_entries=4)
def mining(
    model_key: object, _cnn: TextCNN, data_key: str, _data: Corpus, min_count: int
) -> Mining:
    """The data scanned by a model for every filter; cached by the model's and the data's keys."""
    from convlab.textcnn.kim import tokens_of
    from convlab.textcnn.mining import mine

    tokens = tokens_of(_data.texts)
    return mine(_cnn.weights, tokens, _cnn.encode(tokens), _data.labels, _data.classes, min_count)


# Page frame -----------------------------------------------------------------


def vector_panel() -> None:
    """What the active vectors are, what they cannot do, and how much of the sentence they cover."""
    vs = vector_set()
    st.subheader(t("vectors.heading"))
    _widget(st.selectbox, "vectors", options=_set_choices())
    st.markdown(f"**{plain(vs.title)}**")
    if vs.shared_opposites:
        pairs = ", ".join(f"{a} = {b}" for a, b in vs.shared_opposites)
        st.warning(
            t("vectors.pruned", distinct=f"{vs.distinct:,}", words=f"{vs.size:,}", pairs=pairs)
        )
    facts = {"dim": vs.dim, "words": f"{vs.size:,}", "distinct": f"{vs.distinct:,}"}
    st.caption(t("vectors.facts", **facts, licence=plain(vs.licence)))
    st.caption(t("vectors.source", source=plain(vs.source), format=vs.file_format))
    tokens = tokenize(value("sentence"))[:MAX_TOKENS]
    if tokens:
        covered = vs.covers(tokens)
        st.progress(
            covered / len(tokens), text=t("vectors.coverage", found=covered, total=len(tokens))
        )
    st.page_link("pages/word_vectors.py", label=t("vectors.more"), icon=":material/dictionary:")


PAGES = (
    ("pages/home.py", "nav.home", ":material/home:", None),
    ("pages/embed.py", "nav.embed", ":material/grid_on:", "embed"),
    ("pages/conv1d.py", "nav.conv1d", ":material/view_week:", "conv1d"),
    ("pages/conv2d.py", "nav.conv2d", ":material/compare:", "conv2d"),
    ("pages/word_vectors.py", "nav.vectors", ":material/dictionary:", "word_vectors"),
    ("pages/shapes.py", "nav.shapes", ":material/straighten:", "shapes"),
    ("pages/train.py", "nav.train", ":material/model_training:", "train"),
    ("pages/filters.py", "nav.filters", ":material/manage_search:", "filters"),
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

    Not under AppTest: it resets that flag before every run, which a server
    never does, so rerouting there would run each page twice and lose clicks.
    """
    # streamlit.config.get_option, not st.get_option: AppTest patches only the former.
    if PagesManager.uses_pages_directory and not config.get_option("global.appTest"):
        st.navigation(_pages(), position="hidden")
        st.rerun()


def page(title_key: str, intro_key: str) -> None:
    """Start a page: settings from and to the URL, the sidebar, the title and intro."""
    _reroute_direct_run()
    load_settings()
    _settle_vectors()
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
    notice = st.session_state.pop(_VECTORS_NOTICE, None)
    if notice:
        st.warning(notice)
    st.markdown(t(intro_key))
