"""Rerun cost of a kernel_size change on the Conv1D page, against a control script.

The control draws the same elements as pages/lesson/conv1d.py (sidebar, sentence,
the eight layer controls, four metrics, formula, explanation, heatmap,
download, the walkthrough's controls and panels, pooling table) from
arrays computed once before timing, so the ratio page/control is what
convlab's live computation adds to a rerun. Both run in AppTest, in this one
process, alternating; st.cache_data is cleared before every timed page rerun
so that each kernel_size is a cache miss, as for a learner trying a new n.

    .venv/bin/python bench/rerun_conv1d.py [--reps 15]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.walkthrough_step import control as walkthrough_control  # noqa: E402
from bench.walkthrough_step import drawn_steps  # noqa: E402
from convlab import settings  # noqa: E402
from convlab.lesson import keras_layers, ngrams, tables  # noqa: E402
from convlab.lesson.layer import ConvLayer  # noqa: E402
from convlab.vectors.sets import embed_sentence, load_builtin  # noqa: E402

TIMEOUT = 120
N_VALUES = (2, 3, 4, 5, 6, 7)


def precompute() -> dict:
    """Everything the page computes for the default settings, done once up front."""
    conv = ConvLayer(seed=settings.DEFAULTS["seed"])
    emb = embed_sentence(settings.DEFAULTS["sentence"], load_builtin())
    kernel, bias = keras_layers.init_weights(conv, emb.matrix.shape[1])
    y = keras_layers.conv1d(emb.matrix, kernel, bias, conv)[0]
    phrases = ngrams.phrases(emb.words, conv)
    return {
        "y": y,
        "phrases": phrases,
        "labels": tables.row_labels(phrases),
        "formula": conv.formula(len(emb.words)),
        "walkthrough": drawn_steps((emb.words, emb.matrix, kernel, bias, y, conv)),
    }


def control(arrays: dict) -> None:
    """The Conv1D page's elements, drawn from precomputed arrays (run by AppTest)."""
    from unittest import mock

    import streamlit as st

    from convlab import ui
    from convlab.lesson import charts, tables

    y, labels = arrays["y"], arrays["labels"]
    # A function app has no navigation, so the sidebar's one page link cannot resolve there.
    with mock.patch.object(st, "page_link"):
        ui.page("conv1d.title", "conv1d.intro")
    ui.sentence_input()
    ui.oov_input()
    ui.conv_controls()
    ui.current_embedding()
    st.subheader("Shapes")
    shapes = ("(1, 9, 300)", "(3, 300, 4)", "(1, 7, 4)", "3,604")
    for column, value in zip(st.columns(4), shapes, strict=True):
        column.metric("shape", value, help="help")
    st.code(arrays["formula"], language=None)
    st.caption("terms")
    with st.expander("Where did the 300 go?", expanded=True):
        st.markdown("explanation")
        st.markdown("kernel_size=1")
    st.subheader("Output")
    st.caption("caption")
    filters = tables.filter_names(y.shape[1])
    st.altair_chart(
        charts.heatmap(y, labels, filters, row_title="n", column_title="f", value_title="v"),
        width="stretch",
    )
    st.download_button("csv", tables.csv(tables.output(y, labels)), key="download_conv1d")
    st.subheader("Watch it slide")
    st.button("Play")
    st.select_slider("Speed", ("slow", "normal", "fast"), value="normal")
    st.toggle("All filters at once")
    walkthrough_control(arrays["walkthrough"])
    st.subheader("Max-over-time pooling")
    st.caption("caption")
    st.dataframe(tables.pooling(y, arrays["phrases"]), hide_index=True)


def timed_rerun(at: AppTest, n: int, *, clear_cache: bool) -> float:
    if clear_cache:
        st.cache_data.clear()
    at.slider(key="n").set_value(n)
    start = time.perf_counter()
    at.run(timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=15, help="timed reruns of each (default 15)")
    reps = parser.parse_args().reps
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest has no runtime: noisy

    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    page.switch_page("pages/lesson/conv1d.py").run()  # warm-up: TensorFlow, vectors, first layer
    ctrl = AppTest.from_function(control, args=(precompute(),), default_timeout=TIMEOUT)
    ctrl.run()

    page_times, control_times = [], []
    for i in range(reps):
        n = N_VALUES[i % len(N_VALUES)]
        page_times.append(timed_rerun(page, n, clear_cache=True))
        control_times.append(timed_rerun(ctrl, n, clear_cache=False))
    page_ms = statistics.median(page_times) * 1000
    control_ms = statistics.median(control_times) * 1000
    print(f"kernel_size change: median of {reps} AppTest reruns, cache cleared before each")
    print(f"  Conv1D page : {page_ms:7.1f} ms")
    print(f"  control     : {control_ms:7.1f} ms")
    print(f"  ratio page/control: {page_ms / control_ms:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
