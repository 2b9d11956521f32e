"""Widgets bound to settings: catalogue label and help, URL range or options, stable key."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from convlab.lesson import tables
from convlab.lesson.settings import MAX_SENTENCE_CHARS, SAMPLES
from convlab.settings import CHOICES, RANGES
from convlab.tokenize import has_han, segmenter
from convlab.ui.state import choose, save_settings, value
from convlab.ui.text import t
from convlab.vectors.files import Progress


def labelled(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """Render ``widget`` for setting ``key``, labelled and explained in the reader's language."""
    return widget(t(f"label.{key}"), key=key, help=t(f"help.{key}"), **kwargs)


def upload_cap() -> int:
    """The upload limit in MB: Streamlit's server.maxUploadSize, enforced again when reading.

    Uploads that unpack (a ``.keras`` zip) are held to it once unpacked too.
    """
    return int(st.get_option("server.maxUploadSize"))


def setting(widget: Callable[..., Any], key: str, **kwargs: Any) -> Any:
    """A widget for setting ``key``: catalogue label and help, and its URL range or options."""
    if key in RANGES:
        kwargs = {"min_value": RANGES[key][0], "max_value": RANGES[key][1], **kwargs}
    elif key in CHOICES:
        kwargs = {"options": CHOICES[key], **kwargs}
    return labelled(widget, key, **kwargs)


def slider(key: str, **kwargs: Any) -> int:
    return setting(st.slider, key, **kwargs)


def choice(key: str, **kwargs: Any) -> str:
    return setting(st.radio, key, horizontal=True, **kwargs)


def _use_sample() -> None:
    if st.session_state.sample:
        st.session_state.sentence = st.session_state.sample


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
    return labelled(st.text_area, "sentence", max_chars=MAX_SENTENCE_CHARS, height=80)


def oov_input() -> str:
    """The OOV policy; once the user picks one, it no longer follows the sentence."""
    labels = {policy: t(f"oov.{policy}") for policy in CHOICES["oov"]}
    return choice("oov", format_func=labels.__getitem__, on_change=choose, args=("oov",))


def load_segmenter() -> None:
    """Load rjieba under a spinner if the sentence is the server's first Chinese one.

    Measured (bench/tokenize_text.py): 0.15 s on a quiet machine, 0.7-1.4 s on
    this one while others trained models; later sentences pay nothing.
    """
    if has_han(value("sentence")) and not segmenter.cache_info().currsize:
        with st.spinner(t("segmentation.loading")):
            segmenter()


def tokenizer_input() -> str | None:
    """Words or characters: shown only for a sentence with Chinese, where the choice matters."""
    if not has_han(value("sentence")):
        return None
    labels = {mode: t(f"tokenizer.{mode}") for mode in CHOICES["tokenizer"]}
    return choice("tokenizer", format_func=labels.__getitem__)


def seed_input() -> int:
    return setting(st.number_input, "seed", step=1)


def pick(key: str, count: int, label: Callable[[int], str]) -> int:
    """An index in range(count), shown through ``label``; back to 0 when count shrinks."""
    if value(key) >= count:
        st.session_state[key] = 0
        save_settings()
    return labelled(st.selectbox, key, options=range(count), format_func=label)


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


def dataframe(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    *,
    formats: Mapping[str, str] | None = None,
    **kwargs: Any,
) -> None:
    """``frame`` with each column headed by its catalogue label, ``{column: message key}``.

    Booleans become checkboxes and numbers number columns (with ``formats[column]``
    if given); ``"_index"`` heads the index. Columns not named keep their names.
    """
    formats = formats or {}
    config = {}
    for column, key in columns.items():
        dtype = frame.index.dtype if column == "_index" else frame[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            config[column] = st.column_config.CheckboxColumn(t(key))
        elif pd.api.types.is_numeric_dtype(dtype):
            config[column] = st.column_config.NumberColumn(t(key), format=formats.get(column))
        else:
            config[column] = st.column_config.TextColumn(t(key))
    st.dataframe(frame, column_config=config, **kwargs)


@st.cache_data(show_spinner=False, max_entries=256)
def _vega_lite(
    name: str, _build: Callable[..., Any], args: tuple, kwargs: dict[str, Any]
) -> dict[str, Any]:
    """The Vega-Lite spec ``st.altair_chart`` would send for ``_build(*args, **kwargs)``.

    Building, validating and serialising an Altair chart costs tens of ms on every run;
    cached, a rerun that shows the same chart pays only for a copy. ``name`` (the
    builder's) stands for it in the cache key.
    """
    return _convert_altair_to_vega_lite_spec(_build(*args, **kwargs))


def chart(build: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """``st.altair_chart(build(*args, **kwargs), width="stretch")``, with the spec cached."""
    name = f"{build.__module__}.{build.__qualname__}"
    st.vega_lite_chart(_vega_lite(name, build, args, kwargs), width="stretch")
