"""The Streamlit app driven headlessly with AppTest: every page, its numbers, and bad input.

Expected numbers are computed here from the library (tokenizer, vectors, config, NumPy
convolution) rather than read back from the app, so a page that shows the wrong shape,
the wrong seed's weights or the wrong n-gram labels fails. Streamlit's caches are
process-wide, so only the first conv page of the session pays for importing TensorFlow.
"""

from __future__ import annotations

import re
import sys
import threading
from functools import cache

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from convlab import arithmetic, ui
from convlab.i18n import message
from convlab.lesson import charts, snippets, tables
from convlab.lesson.layer import ConvLayer
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.ui import warmup
from convlab.vectors.sets import VectorSet, embed_sentence, load_builtin
from tests.apptest import (
    APP,
    CJK,
    DEFAULT_SENTENCE,
    FORM_NAMES,
    PAGES,
    TIMEOUT,
    TOPICS,
    autolinks,
    chart_data,
    chart_specs,
    en,
    frames_with_columns,
    fresh_process,
    heatmap_rows,
    main_infos,
    main_warnings,
    metrics,
    no_exception,
    open_app,
    roads,
    shape_metrics,
    title,
)

SENTENCE_PAGES = ("embed", "conv1d", "conv2d")
CONV_PAGES = ("conv1d", "conv2d")
# What the app writes to the URL when nothing was changed: only non-defaults go there.
DEFAULT_QUERY: dict[str, str] = {}


@cache
def vectors() -> VectorSet:
    return load_builtin()


def ngram_labels(sentence: str, n: int) -> list[str]:
    """ "i: w_i ... w_{i+n-1}" for a 'valid', stride-1 window, straight from the tokens."""
    tokens = tokenize(sentence)
    return [f"{i}: {' '.join(tokens[i : i + n])}" for i in range(len(tokens) - n + 1)]


def expected_output(sentence: str, oov: str, conv: ConvLayer) -> np.ndarray:
    """(steps, F) computed here: the library's vectors and seeded weights, NumPy's window."""
    from convlab.lesson import keras_layers, ngrams

    x = embed_sentence(sentence, vectors(), oov, conv.seed).matrix
    kernel, bias = keras_layers.init_weights(conv, x.shape[1])
    return ngrams.conv1d(x.astype(np.float64), kernel, bias, conv)


def heatmap_values(at: AppTest, steps: int, filters: int) -> np.ndarray:
    frame = chart_data(at, 0)
    return frame["value"].to_numpy().reshape(steps, filters)


# Every page, defaults ---------------------------------------------------------


def test_home_default() -> None:
    at = open_app("home")
    no_exception(at)
    assert title(at) == en("home.title")
    words, dim = len(tokenize(DEFAULT_SENTENCE)), vectors().dim
    assert (words, dim) == (9, 300)
    conv = ConvLayer()
    pipeline = en(
        "home.pipeline",
        words=9,
        dim=300,
        n=3,
        filters=4,
        steps=7,
        params=f"{conv.params(dim):,}",
    )
    assert [c.value for c in at.code] == [pipeline]
    assert "(9, 300)" in pipeline and "(1, 7, 4)" in pipeline and "3,604" in pipeline
    assert dict(at.query_params) == DEFAULT_QUERY
    assert not main_warnings(at)


def test_embed_default() -> None:
    at = open_app("embed")
    no_exception(at)
    assert title(at) == en("embed.title")
    assert metrics(at) == {
        en("embed.tokens"): "9",
        en("embed.found"): "9 / 9",
        en("embed.shape"): "(9, 300)",
    }
    tokens = at.dataframe[0].value
    assert tokens["token"].tolist() == ["it", "'s", "not", "a", "bad", "movie", "at", "all", "."]
    x = embed_sentence(DEFAULT_SENTENCE, vectors()).matrix
    np.testing.assert_allclose(tokens["norm"].to_numpy(float), np.linalg.norm(x, axis=1), 1e-5)
    (spec, *_) = chart_specs(at)
    assert heatmap_rows(spec) == [f"{i}: {t}" for i, t in enumerate(tokenize(DEFAULT_SENTENCE))]
    np.testing.assert_allclose(chart_data(at)["value"].to_numpy().reshape(9, 300), x)
    assert not main_warnings(at)


def test_conv1d_default() -> None:
    at = open_app("conv1d")
    no_exception(at)
    assert title(at) == en("conv1d.title")
    assert shape_metrics(at) == {
        "metric.input": "(1, 9, 300)",
        "metric.kernel": "(3, 300, 4)",
        "metric.output": "(1, 7, 4)",
        "metric.params": "3,604",
    }
    formula = at.code[0].value
    assert formula.startswith("new_steps") and formula.endswith("= 7")
    assert formula == arithmetic.formula(9, 3, "valid")

    specs = chart_specs(at)
    labels = ngram_labels(DEFAULT_SENTENCE, 3)
    assert len(labels) == 7 and labels[0] == "0: it 's not"
    assert heatmap_rows(specs[0]) == labels
    y = expected_output(DEFAULT_SENTENCE, "zero", ConvLayer(seed=42))
    np.testing.assert_allclose(heatmap_values(at, 7, 4), y, atol=1e-5)

    (pooling,) = frames_with_columns(at, ["filter", "max", "step", "ngram"])
    np.testing.assert_allclose(pooling["max"].to_numpy(float), y.max(axis=0), atol=1e-5)
    assert pooling["step"].tolist() == y.argmax(axis=0).tolist()
    assert not main_warnings(at)


def test_conv_pages_draw_what_needs_no_keras_before_loading_it(monkeypatch) -> None:
    """On a cold server a deep link shows this while TensorFlow is still being imported.

    With the heavy module made unimportable, each page stops at ``ui.load_keras``: all
    above it (the shapes, the formula, the reshape, the output's layout, the kernel's
    place on the input) was drawn without Keras.
    """
    monkeypatch.setitem(sys.modules, "convlab.lesson.keras_layers", None)
    monkeypatch.setattr(warmup, "start", lambda: None)  # its import would fail the same way
    monkeypatch.setattr(warmup, "KERAS_IMPORTED", threading.Event())  # this process's is set
    at = open_app("conv1d")
    assert ["convlab.lesson.keras_layers" in e.message for e in at.exception] == [True]
    assert shape_metrics(at) == {
        "metric.input": "(1, 9, 300)",
        "metric.kernel": "(3, 300, 4)",
        "metric.output": "(1, 7, 4)",
        "metric.params": "3,604",
    }
    assert at.code[0].value == arithmetic.formula(9, 3, "valid")
    (layout,) = chart_specs(at)
    assert heatmap_rows(layout) == ngram_labels(DEFAULT_SENTENCE, 3)
    dots = layout["layer"][0]
    assert dots["encoding"]["x"]["sort"] == ["f0", "f1", "f2", "f3"]
    assert dots["mark"]["type"] == "text" and dots["mark"]["text"] == charts.PENDING_MARK
    cells = chart_data(at)
    assert list(zip(cells["row"], cells["column"], strict=True)) == [
        (row, f"f{f}") for row in ngram_labels(DEFAULT_SENTENCE, 3) for f in range(4)
    ]

    at = open_app("conv2d")
    assert ["convlab.lesson.keras_layers" in e.message for e in at.exception] == [True]
    assert [h.value for h in at.main.subheader] == [en("conv2d.reshape"), en("image.title")]
    assert len(chart_specs(at)) == 2  # the (n, D) kernel and a (3, 3) one on the input


def test_conv1d_draws_the_output_layout_only_until_keras_is_imported(monkeypatch) -> None:
    """Once Keras is in, a rerun must not draw the layout first: it would flash each time."""
    drawn = []

    def recorded(build, *args, **kwargs):
        drawn.append(build.__name__)
        real_chart(build, *args, **kwargs)

    real_chart = ui.lesson.chart
    monkeypatch.setattr(ui.lesson, "chart", recorded)
    open_app("conv1d")  # Keras is imported here, if no test did before
    assert warmup.KERAS_IMPORTED.is_set()
    drawn.clear()
    no_exception(open_app("conv1d"))
    assert drawn == []

    monkeypatch.setattr(warmup, "KERAS_IMPORTED", threading.Event())
    at = open_app("conv1d")
    no_exception(at)
    assert drawn == ["heatmap_layout"]
    assert warmup.KERAS_IMPORTED.is_set()
    specs = chart_specs(at)  # the layout's place now holds the heatmap
    assert specs[0]["layer"][0]["mark"]["type"] == "rect"
    assert heatmap_rows(specs[0]) == ngram_labels(DEFAULT_SENTENCE, 3)


def test_conv2d_default() -> None:
    at = open_app("conv2d")
    no_exception(at)
    assert title(at) == en("conv2d.title")

    forms = roads(at)
    assert forms.index.tolist() == list(FORM_NAMES)
    output_row = forms["output"].tolist()
    assert output_row == [
        "(1, 7, 4)",
        "(1, 7, 1, 4)",
        "(1, 1, 7, 4)",
        "(1, 4, 7, 1)",
        "(1, 7, 4)",
        "(7, 4)",
    ]
    assert forms.loc["conv1d", "kernel"] == "(3, 300, 4)"
    assert forms.loc["jacovi", "kernel"] == "(900, 1, 4)"
    assert forms.loc["im2col", "input"] == "(7, 900)"
    diffs = forms[["float32", "float64"]].to_numpy(float)
    assert (diffs[0] == 0).all() and (diffs <= 1e-5).all()
    assert (diffs[:, 1] <= 1e-10).all()

    y = expected_output(DEFAULT_SENTENCE, "zero", ConvLayer(seed=42))
    side_by_side = frames_with_columns(at, ["f0", "f1", "f2", "f3"])
    assert len(side_by_side) == 3
    for frame in side_by_side:
        assert frame.index.tolist() == ngram_labels(DEFAULT_SENTENCE, 3)
        np.testing.assert_allclose(frame.to_numpy(float), y, atol=1e-5)

    assert len(at.success) == 1 and not at.main.error
    assert at.success[0].value.startswith(en("forms.agree", roads=6, worst="\0").split("\0")[0])

    conv = ConvLayer(seed=42)
    small_kernel = (  # the (3, 3) kernel beside the picture of the (n, D) one
        f"{arithmetic.formula(9, 3, 'valid', name='new_rows')}\n"
        f"{arithmetic.formula(300, 3, 'valid', name='new_cols')}"
    )
    assert small_kernel.endswith("= 298")
    assert [c.value.strip() for c in at.code] == [
        small_kernel,
        snippets.conv1d(conv, 9, 300).strip(),
        snippets.conv2d(conv, 9, 300).strip(),
        *(snippets.form(form, conv, 9, 300).strip() for form in FORM_NAMES[2:]),
    ]
    assert main_infos(at) == [en("conv2d.padding_valid")]


# Changed settings --------------------------------------------------------------


def test_home_changed_n() -> None:
    at = open_app("home", n="5")
    no_exception(at)
    assert "-> (1, 5, 4)   [6,004 parameters]" in at.code[0].value
    assert "kernel_size=5" in at.code[0].value


def test_embed_changed_sentence() -> None:
    at = open_app("embed")
    sentence = "The cat sat on the mat, didn't it?"
    at.text_area(key="sentence").input(sentence).run()
    no_exception(at)
    tokens = tokenize(sentence)
    assert metrics(at)[en("embed.shape")] == f"({len(tokens)}, 300)" == "(11, 300)"
    assert at.dataframe[0].value["token"].tolist() == tokens
    assert at.query_params["sentence"] == sentence


def test_embed_sample_picker() -> None:
    at = open_app("embed")
    sample = "The acting was good but the plot was bad."
    assert sample in at.selectbox(key="sample").options
    at.selectbox(key="sample").set_value(sample).run()
    no_exception(at)
    assert at.text_area(key="sentence").value == sample
    assert metrics(at)[en("embed.shape")] == "(10, 300)"


def test_conv1d_changed_n() -> None:
    at = open_app("conv1d")
    at.slider(key="n").set_value(5).run()
    no_exception(at)
    shown = shape_metrics(at)
    assert shown["metric.output"] == "(1, 5, 4)"
    assert shown["metric.kernel"] == "(5, 300, 4)"
    assert shown["metric.params"] == f"{ConvLayer(n=5).params(300):,}" == "6,004"
    labels = heatmap_rows(chart_specs(at)[0])
    assert labels == ngram_labels(DEFAULT_SENTENCE, 5)
    assert all(len(label.split(": ", 1)[1].split()) == 5 for label in labels)
    y = expected_output(DEFAULT_SENTENCE, "zero", ConvLayer(n=5, seed=42))
    np.testing.assert_allclose(heatmap_values(at, 5, 4), y, atol=1e-5)


def test_conv2d_changed_n() -> None:
    at = open_app("conv2d")
    at.slider(key="n").set_value(5).run()
    no_exception(at)
    forms = roads(at)
    assert forms.loc["conv1d", "output"] == "(1, 5, 4)"
    assert forms.loc["conv2d", "kernel"] == "(5, 300, 1, 4)"
    for frame in frames_with_columns(at, ["f0", "f1", "f2", "f3"]):
        assert frame.index.tolist() == ngram_labels(DEFAULT_SENTENCE, 5)
        assert all(len(label.split(": ", 1)[1].split()) == 5 for label in frame.index)
    assert "kernel_size=5" in at.code[1].value


def test_conv2d_a_form_that_cannot_run_shows_a_dash_for_every_figure() -> None:
    """Jacovi's flat Conv1D cannot dilate: its output and its |Δ| cells say "—", not "None"."""
    at = open_app("conv2d", dilation="2")
    no_exception(at)
    forms = roads(at)
    assert forms.loc["jacovi", "output"] == tables.NOT_RUN == "—"
    assert forms.loc["jacovi", ["float32", "float64"]].isna().all()
    assert not forms.drop(index="jacovi")[["float32", "float64"]].isna().any(axis=None)
    road_tables = [df for df in at.dataframe if "padding" in df.value or "float32" in df.value]
    assert [df.proto.placeholder for df in road_tables] == [tables.NOT_RUN] * 2


# Empty input --------------------------------------------------------------------


@pytest.mark.parametrize("page", SENTENCE_PAGES)
def test_blank_sentence_prompts(page: str) -> None:
    at = open_app(page)
    at.text_area(key="sentence").input("   ").run()
    no_exception(at)
    assert main_infos(at) == [en("embed.empty")]
    assert not at.metric and not at.get("vega_lite_chart")
    assert at.text_area(key="sentence").value == "   "
    assert at.query_params["sentence"] == "   "
    at.run()  # a rerun keeps the user's text
    assert at.text_area(key="sentence").value == "   "


def test_blank_sentence_home() -> None:
    """The landing page has no sentence box; a blank sentence from the URL is explained."""
    at = open_app("home", sentence="   ")
    no_exception(at)
    assert main_infos(at) == [en("err.no_words")]
    assert not at.code


# URL round trip ---------------------------------------------------------------------

ROUND_TRIP = {
    "sentence": "the cat sat on the mat",
    "n": "2",
    "filters": "3",
    "padding": "causal",
    "strides": "2",
    "seed": "7",
    "oov": "random",
    "lang": "zh",
}


def test_query_params_round_trip() -> None:
    at = open_app("conv1d", **ROUND_TRIP)
    no_exception(at)
    assert not main_warnings(at)
    assert at.text_area(key="sentence").value == "the cat sat on the mat"
    assert at.slider(key="n").value == 2
    assert at.slider(key="filters").value == 3
    assert at.slider(key="strides").value == 2
    assert at.radio(key="padding").value == "causal"
    assert at.radio(key="oov").value == "random"
    assert at.number_input(key="seed").value == 7
    assert at.selectbox(key="lang").value == "zh"

    assert arithmetic.output_length(6, 2, "causal", 2) == 3
    shown = shape_metrics(at, "zh")
    assert shown == {
        "metric.input": "(1, 6, 300)",
        "metric.kernel": "(2, 300, 3)",
        "metric.output": "(1, 3, 3)",
        "metric.params": "1,803",
    }
    conv = ConvLayer(n=2, filters=3, padding="causal", strides=2, seed=7)
    y = expected_output(ROUND_TRIP["sentence"], "random", conv)
    np.testing.assert_allclose(heatmap_values(at, 3, 3), y, atol=1e-5)
    assert heatmap_rows(chart_specs(at)[0]) == ["0: ∅ the", "1: cat sat", "2: on the"]

    url = dict(at.query_params)
    assert url == {**DEFAULT_QUERY, **ROUND_TRIP}

    again = open_app("conv1d", **url)
    no_exception(again)
    assert dict(again.query_params) == url
    assert shape_metrics(again, "zh") == shown
    assert [c.value for c in again.code] == [c.value for c in at.code]
    assert chart_specs(again)[0] == chart_specs(at)[0]
    pd.testing.assert_frame_equal(chart_data(again), chart_data(at))
    assert len(again.dataframe) == len(at.dataframe) > 0
    for mine, theirs in zip(again.dataframe, at.dataframe, strict=True):
        pd.testing.assert_frame_equal(mine.value, theirs.value)


# Language -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", list(PAGES))
def test_chinese_then_back_to_english(page: str) -> None:
    at = open_app(page, lang="zh")
    no_exception(at)
    zh_title = title(at)
    assert zh_title == message(f"{TOPICS[page]}.title", "zh")
    assert zh_title != en(f"{TOPICS[page]}.title")
    assert CJK.search(zh_title)
    assert at.query_params["lang"] == "zh"

    at.selectbox(key="lang").set_value("en").run()
    no_exception(at)
    assert title(at) == en(f"{TOPICS[page]}.title")
    assert "lang" not in at.query_params  # back at the default


# Bad input: never a traceback --------------------------------------------------------------

HTML = "<script>alert(1)</script> <b>bold</b>"


def test_html_sentence_is_text() -> None:
    at = open_app("embed")
    at.text_area(key="sentence").input(HTML).run()
    no_exception(at)
    tokens = at.dataframe[0].value["token"].tolist()
    assert tokens == tokenize(HTML)
    assert {"script", "<", ">", "/", "b", "bold"} <= set(tokens)
    for md in at.markdown:
        assert not (md.allow_html and "script" in md.value), md.value

    at.switch_page(PAGES["conv1d"]).run()
    no_exception(at)
    labels = heatmap_rows(chart_specs(at)[0])
    assert labels[0] == "0: < script >"


EMOJI = "😀 にほんご שלום"
"""Without Han characters: the OOV policy stays at its default (Chinese: test_segmentation_app)."""


def test_non_english_sentence_all_oov() -> None:
    at = open_app("embed")
    at.text_area(key="sentence").input(EMOJI).run()
    no_exception(at)
    assert main_warnings(at) == [en("embed.all_oov", policy=en("oov.zero"))]
    assert metrics(at)[en("embed.shape")] == "(3, 300)"
    assert metrics(at)[en("embed.found")] == "0 / 3"
    assert at.dataframe[0].value["token"].tolist() == ["😀", "にほんご", "שלום"]
    assert not chart_data(at)["value"].any()  # three zero rows

    at.radio(key="oov").set_value("skip").run()
    no_exception(at)
    # Skipping every token leaves no rows: say so, and not the all-OOV row warning.
    assert main_warnings(at) == [en("err.all_skipped")]
    assert not at.metric
    assert at.text_area(key="sentence").value == EMOJI

    for page in ("conv1d", "conv2d", "home"):
        at.switch_page(PAGES[page]).run()
        no_exception(at)
        assert en("err.all_skipped") in main_warnings(at) + main_infos(at), page


def test_long_sentence_is_truncated() -> None:
    sentence = "word " * (MAX_TOKENS + 50)
    at = open_app("embed")
    at.text_area(key="sentence").input(sentence).run()
    no_exception(at)
    assert main_warnings(at) == [en("embed.truncated", most=MAX_TOKENS, dropped=50)]
    assert metrics(at)[en("embed.tokens")] == "200"
    assert metrics(at)[en("embed.shape")] == "(200, 300)"

    at.switch_page(PAGES["conv1d"]).run()
    no_exception(at)
    assert shape_metrics(at)["metric.output"] == "(1, 198, 4)"


@pytest.mark.parametrize("page", CONV_PAGES)
def test_too_few_words_for_valid_padding(page: str) -> None:
    at = open_app(page, sentence="good film")
    at.slider(key="n").set_value(5).run()
    no_exception(at)
    assert main_warnings(at) == [en("err.too_few_words", needed=5, words=2, n=5)]
    assert "'same'" in main_warnings(at)[0]
    assert not at.get("vega_lite_chart") and not at.code

    at.radio(key="padding").set_value("same").run()
    no_exception(at)
    assert not main_warnings(at)
    if page == "conv1d":
        assert shape_metrics(at)["metric.output"] == "(1, 2, 4)"
        assert shape_metrics(at)["metric.params"] == "6,004"
    else:
        outputs = roads(at)["output"].tolist()
        assert outputs == [
            "(1, 2, 4)",
            "(1, 2, 1, 4)",
            "(1, 1, 2, 4)",
            "(1, 4, 2, 1)",
            "(1, 2, 4)",
            "(2, 4)",
        ]


def test_url_strides_and_dilation_both_above_one() -> None:
    at = open_app("conv1d", strides="2", dilation="3")
    no_exception(at)
    assert main_warnings(at) == [en("url.ignored", values="dilation=3")]
    assert at.slider(key="strides").value == 2
    assert at.slider(key="dilation").value == 1
    assert (
        shape_metrics(at)["metric.output"]
        == f"(1, {arithmetic.output_length(9, 3, 'valid', 2)}, 4)"
    )
    assert "dilation" not in at.query_params and at.query_params["strides"] == "2"


@pytest.mark.parametrize("page", list(PAGES))
def test_url_garbage_is_ignored(page: str) -> None:
    at = open_app(page, n="abc", padding="bogus", seed="-1")
    no_exception(at)
    prefix, suffix = en("url.ignored", values="\0").split("\0")
    (warning,) = [w for w in main_warnings(at) if w.startswith(prefix)]
    assert warning.startswith(prefix) and warning.endswith(suffix)
    listed = warning[len(prefix) : len(warning) - len(suffix)].split(", ")
    # The values are escaped for markdown, so they show literally.
    assert sorted(listed) == [ui.plain(v) for v in ("n=abc", "padding=bogus", "seed=-1")]
    assert dict(at.query_params) == DEFAULT_QUERY
    if page in CONV_PAGES:
        assert at.slider(key="n").value == 3
        assert at.radio(key="padding").value == "valid"
        assert at.number_input(key="seed").value == 42
    if page == "conv1d":
        assert shape_metrics(at)["metric.output"] == "(1, 7, 4)"


def test_raising_strides_resets_dilation() -> None:
    at = open_app("conv1d", dilation="2")
    assert at.slider(key="dilation").value == 2
    at.slider(key="strides").set_value(3).run()
    no_exception(at)
    assert at.slider(key="strides").value == 3
    assert at.slider(key="dilation").value == 1
    assert [t.value for t in at.toast] == [en("toast.reset", changed="strides", other="dilation")]
    assert not at.main.error
    assert shape_metrics(at)["metric.output"] == "(1, 3, 4)"

    at.slider(key="dilation").set_value(2).run()  # and the other way round
    no_exception(at)
    assert (at.slider(key="strides").value, at.slider(key="dilation").value) == (1, 2)
    assert shape_metrics(at)["metric.output"] == "(1, 5, 4)"


# Session state across pages ----------------------------------------------------------------


def test_settings_survive_page_switches() -> None:
    at = open_app("conv1d")
    at.slider(key="n").set_value(6).run()
    assert shape_metrics(at)["metric.output"] == "(1, 4, 4)"
    at.switch_page(PAGES["embed"]).run()
    no_exception(at)
    assert at.query_params["n"] == "6"
    at.switch_page(PAGES["conv2d"]).run()
    no_exception(at)
    assert title(at) == en("conv2d.title")
    assert at.slider(key="n").value == 6
    forms = roads(at)
    assert forms.loc["conv1d", "output"] == "(1, 4, 4)"
    assert forms.loc["conv1d", "kernel"] == "(6, 300, 4)"
    at.switch_page(PAGES["home"]).run()
    assert "-> (1, 4, 4)" in at.code[0].value


# Cold start -----------------------------------------------------------------------------

_TF_PROBE = f"""
import json, sys
from streamlit.testing.v1 import AppTest
from convlab.ui import warmup
start, warmup.start = warmup.start, lambda: None  # the landing run alone: what did it import?
at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT}).run()
home = {{"title": [t.value for t in at.title], "exceptions": len(at.exception),
        "heavy": sorted({{"tensorflow", "gensim", "scipy"}} & set(sys.modules))}}
warmup.start = start
warmup.start().join({TIMEOUT})
from convlab import keras_runtime
home["imported_by"] = keras_runtime.IMPORTED_BY
at.switch_page("pages/lesson/conv1d.py").run()
conv1d = {{"title": [t.value for t in at.title], "exceptions": len(at.exception),
          "charts": len(at.get("vega_lite_chart"))}}
print(json.dumps({{"home": home, "conv1d": conv1d}}))
"""


def test_tensorflow_is_imported_beside_the_landing_page_not_in_it() -> None:
    """Once the server's first page is drawn, the import runs in its own thread, not in a run.

    Nor does the landing page import gensim (0.9 s, with scipy.stats): the word vectors are
    looked up without it.
    """
    report = fresh_process(_TF_PROBE)
    assert report["home"] == {
        "title": [en("home.title")],
        "exceptions": 0,
        "heavy": [],
        "imported_by": warmup.THREAD_NAME,
    }
    charts = len(open_app("conv1d").get("vega_lite_chart"))  # the page as this process draws it
    assert report["conv1d"] == {"title": [en("conv1d.title")], "exceptions": 0, "charts": charts}


_DEEP_LINK_FIRST = f"""
import gc, json
from streamlit.testing.v1 import AppTest
from convlab.ui import warmup
at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT})
at.switch_page("pages/lesson/conv1d.py").run()  # imports TensorFlow itself, then the warmup
warmup.start().join({TIMEOUT})  # imports gensim
print(json.dumps({{"exceptions": len(at.exception), "frozen": gc.get_freeze_count(),
                  "not_frozen": len(gc.get_objects())}}))
"""


def test_what_the_background_import_loads_after_a_deep_link_is_frozen_too() -> None:
    """A first visit to /conv1d imports TensorFlow in its run; gensim comes after, in the
    background. Left unfrozen, its ~50,000 objects are walked by every run's collections."""
    report = fresh_process(_DEEP_LINK_FIRST)
    assert report["exceptions"] == 0
    assert report["frozen"] > 400_000
    assert report["not_frozen"] < 20_000  # 40,000 when gensim's objects were left out


def test_picked_cell_falls_back_to_zero_and_the_url_follows() -> None:
    at = open_app("conv1d")
    at.selectbox(key="cell_t").set_value(6).run()
    assert at.query_params["cell_t"] == "6"
    at.slider(key="n").set_value(5).run()  # 5 rows now: row 6 is gone
    no_exception(at)
    assert at.selectbox(key="cell_t").value == 0
    assert "cell_t" not in at.query_params  # back at the default, 0


def test_url_values_cannot_inject_markdown() -> None:
    """A shared link must not put a link, image or colour directive into the page."""
    evil = "![x](http://example.invalid/p.png) :red[alarm] [click](http://example.invalid)"
    at = open_app("home", n=evil)
    no_exception(at)
    warning = main_warnings(at)[0]
    assert warning.startswith(en("url.ignored", values="").split(":")[0])
    assert not re.search(r"(?<!\\)\]\(", warning), warning  # no live link or image syntax
    assert not re.search(r"(?<!\\):red(?<!\\)\[", warning), warning
    assert "example\\.invalid" in warning


EVIL_LINKS = ("https://evil.example/login", "WWW.evil.example", "bob@evil.example")


@pytest.mark.parametrize("link", EVIL_LINKS)
def test_url_values_cannot_become_autolinks(link: str) -> None:
    """Escaping does not stop GFM's autolinks: the shown value must not be one at all."""
    at = open_app("conv1d", padding=link)
    no_exception(at)
    (warning,) = main_warnings(at)
    assert autolinks(warning) == [] and "evil\\.example" in warning
    assert autolinks(f"{link}") != []  # the check finds the raw value


def test_too_short_sentence_says_what_this_servers_keras_does() -> None:
    """convlab refuses by the formula; what TensorFlow does instead is measured, not claimed."""
    from convlab.lesson import keras_layers

    at = open_app("conv1d", sentence="good movie")
    no_exception(at)
    assert main_warnings(at) == [en("err.too_few_words", needed=3, words=2, n=3)]
    shape = keras_layers.short_input_shape(ConvLayer(), 2, 300)
    captions = [c.value for c in at.main.caption]
    shown = en("conv1d.keras_short", shape=str(shape), words=2, n=3)
    # oneDNN CPUs return a tensor (shown); others raise (nothing to show).
    assert (shown in captions) == (shape is not None)
