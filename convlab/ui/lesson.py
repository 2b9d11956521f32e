"""The lesson's cached work: the sentence matrix, the seeded layer, and its outputs.

TensorFlow is imported inside the cached functions that run layers, never at
import time, so the landing page stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn

import numpy as np
import streamlit as st

from convlab.errors import InputError
from convlab.lesson.layer import ConvLayer
from convlab.tokenize import MAX_TOKENS, has_han
from convlab.ui import warmup
from convlab.ui.state import value
from convlab.ui.text import explained, plain, say, t
from convlab.ui.vectors import BY_SET, per_set, vector_set
from convlab.ui.walkthrough import playing_only_if_it_fits
from convlab.ui.widgets import (
    chart,
    choice,
    oov_input,
    seed_input,
    sentence_input,
    slider,
    tokenizer_input,
)
from convlab.vectors.sets import Embedding, VectorSet, embed_sentence

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

    from convlab.lesson.equivalence import Comparison


@per_set
@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=BY_SET)
def embedding(sentence: str, oov: str, seed: int, tokenizer: str, vs: VectorSet) -> Embedding:
    """The sentence matrix in the active set (call it without ``vs``)."""
    return embed_sentence(sentence, vs, oov, seed, tokenizer)


def current_embedding() -> Embedding:
    """The sentence matrix for the current settings, with its notices shown.

    Stops the page with a friendly prompt when there is nothing to embed.
    """
    emb = embedding(value("sentence"), value("oov"), value("seed"), value("tokenizer"))
    if not emb.tokens:
        st.info(t("embed.empty"), icon=":material/edit:")
        st.stop()
    if emb.truncated:
        st.warning(t("embed.truncated", most=MAX_TOKENS, dropped=emb.truncated))
    with explained():
        emb.require_words()
    policy = t(f"oov.{value('oov')}")
    chinese = [hit for token, hit in zip(emb.tokens, emb.found, strict=True) if has_han(token)]
    missing = chinese.count(False)
    if missing:
        # A set that knows none of the Chinese words is an English one: say what that means.
        key = "segmentation.some_missing" if any(chinese) else "segmentation.no_vectors"
        facts = {"missing": missing, "total": len(emb.tokens), "name": plain(vector_set().name)}
        st.info(t(key, **facts, policy=policy), icon=":material/translate:")
    elif not any(emb.found):
        st.warning(t("embed.all_oov", policy=policy))
    return emb


@st.cache_data(show_spinner=False, max_entries=64)
def weights(conv: ConvLayer, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The seeded Conv1D kernel (n, D, F) and bias (F,)."""
    from convlab.lesson import keras_layers

    return keras_layers.init_weights(conv, dim)


def _layer_inputs(
    sentence: str, oov: str, tokenizer: str, conv: ConvLayer, vs: VectorSet
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentence matrix and the seeded weights every layer of the lesson runs on."""
    x = embed_sentence(sentence, vs, oov, conv.seed, tokenizer).matrix
    return (x, *weights(conv, x.shape[1]))


@per_set
@st.cache_data(show_spinner=False, max_entries=64, hash_funcs=BY_SET)
def conv1d_output(
    sentence: str, oov: str, tokenizer: str, conv: ConvLayer, vs: VectorSet
) -> np.ndarray:
    """Keras Conv1D's (new_steps, F) output for the sentence (call it without ``vs``)."""
    from convlab.lesson import keras_layers

    return keras_layers.conv1d(*_layer_inputs(sentence, oov, tokenizer, conv, vs), conv)[0]


@per_set
@st.cache_data(show_spinner=False, max_entries=32, hash_funcs=BY_SET)
def comparisons(
    sentence: str, oov: str, tokenizer: str, conv: ConvLayer, vs: VectorSet
) -> dict[str, Comparison]:
    """Conv1D, both Conv2D forms and NumPy, in float32 and float64 (call it without ``vs``)."""
    from convlab.lesson import equivalence, keras_layers

    inputs = _layer_inputs(sentence, oov, tokenizer, conv, vs)
    return {dtype: equivalence.compare(*inputs, conv, dtype) for dtype in keras_layers.DTYPES}


@per_set
@st.cache_data(show_spinner=False, max_entries=32, hash_funcs=BY_SET)
def conv2d_same_output(
    sentence: str, oov: str, tokenizer: str, conv: ConvLayer, vs: VectorSet
) -> np.ndarray:
    """The naive Conv2D(padding="same") port, to show what goes wrong (call it without ``vs``)."""
    from convlab.lesson import keras_layers

    return keras_layers.conv2d_same(*_layer_inputs(sentence, oov, tokenizer, conv, vs), conv)


def lesson_layer() -> ConvLayer:
    """The layer the current settings describe; InputError if Keras would refuse it."""
    return ConvLayer(**{key: value(key) for key in ConvLayer.__dataclass_fields__})


def _keep_one_above_one(changed: str, other: str) -> None:
    """Keras refuses strides > 1 with dilation_rate > 1: raising one resets the other."""
    if st.session_state[changed] > 1 and st.session_state[other] > 1:
        st.session_state[other] = 1
        st.toast(t("toast.reset", changed=changed, other=other))


def conv_controls() -> ConvLayer | None:
    """The Conv1D settings in two rows of four, shared by the Conv1D and Conv2D pages.

    Returns None, after saying why, if the settings cannot form a layer.
    """
    controls = (
        partial(slider, "n"),
        partial(slider, "filters"),
        partial(slider, "strides", on_change=_keep_one_above_one, args=("strides", "dilation")),
        partial(slider, "dilation", on_change=_keep_one_above_one, args=("dilation", "strides")),
        partial(choice, "padding"),
        partial(choice, "activation"),
        partial(choice, "init"),
        seed_input,
    )
    with st.container(border=True):
        for column, draw in zip(st.columns(4) + st.columns(4), controls, strict=True):
            with column:
                draw()
    try:
        return lesson_layer()
    except InputError as err:
        st.error(say(err))
        return None


def conv_lesson() -> tuple[Embedding, ConvLayer, int]:
    """Start a convolution page: sentence, layer settings, and a sentence the layer fits.

    Returns the embedding, the layer and its new_steps; otherwise explains
    what to change and stops the page below the controls. Needs no TensorFlow:
    what the page can say from the layer's arithmetic it draws before
    :func:`load_keras`.
    """
    sentence_input()
    oov_input()
    tokenizer_input()
    conv = conv_controls()
    with playing_only_if_it_fits():
        emb = current_embedding()
        if conv is None:
            st.stop()
        try:
            steps = conv.steps(len(emb.words))
        except InputError as err:
            too_short(err, conv, emb)
    return emb, conv, steps


def load_keras() -> None:
    """Import TensorFlow under a spinner, or wait for the server's background import of it.

    On a cold server this takes seconds; pages call it after drawing what needs
    no Keras, so the reader has that, and the browser has loaded its code, meanwhile.
    """
    with st.spinner(t("spinner.keras")):
        warmup.import_keras()  # TensorFlow, then gc.freeze: keras_runtime


def keras_chart_slot(
    key: str, layout: Callable[..., Any], *args: Any, **kwargs: Any
) -> DeltaGenerator:
    """A place for a chart of Keras's results (returned), and Keras loaded (:func:`load_keras`).

    While this process has not imported Keras yet, the place first holds the
    chart ``layout(*args, **kwargs)``: what the result will look like, drawn from
    the layer's arithmetic. The reader sees it during the seconds of the import,
    and the browser loads and runs the chart code on its own core meanwhile, so
    the result's chart is drawn sooner once it comes (``bench/cold_start.py``).
    The place is a container keyed ``key`` (its CSS class is ``st-key-<key>``).
    """
    slot = st.container(key=key).empty()
    if not warmup.KERAS_IMPORTED.is_set():
        with slot:
            chart(layout, *args, **kwargs)
    load_keras()
    return slot


@st.cache_data(show_spinner=False, max_entries=64)
def short_input_shape(conv: ConvLayer, words: int, dim: int) -> tuple[int, ...] | None:
    """What this server's Keras Conv1D returns for a too-short sentence (None: it refuses)."""
    from convlab.lesson import keras_layers

    return keras_layers.short_input_shape(conv, words, dim)


def too_short(err: InputError, conv: ConvLayer, emb: Embedding) -> NoReturn:
    """Explain why the layer cannot read the sentence, and what Keras itself does here.

    convlab refuses a sentence shorter than the window before any layer runs,
    because TensorFlow's answer depends on the CPU: measured here, not assumed.
    """
    st.warning(say(err), icon=":material/warning:")
    if err.key == "err.too_few_words":
        with st.spinner(t("spinner.keras")):
            shape = short_input_shape(conv, *emb.matrix.shape)
        if shape is not None:
            st.caption(t("conv1d.keras_short", shape=str(shape), words=len(emb.words), n=conv.n))
    st.stop()
