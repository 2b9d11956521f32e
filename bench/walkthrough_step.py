"""Cost of one step of the Conv1D walkthrough, against a control fragment.

The walkthrough's fragment (``convlab.ui.walkthrough.step_view``) receives
the layer's cached arrays (a ``LayerRun``, which keeps what is the same at
every step) and builds the four panels' tables for the step it draws. The
control draws the same elements (four buttons, two pickers, the four panels
with the same specs, the zoom caption, the line, the equation, the check and
the code) from tables computed for every step before timing. Both run in
AppTest in this one process, alternating, each stepped by its "Next" button;
the ratio is what building a step live adds. The whole Conv1D page is then
stepped too (AppTest reruns the whole script: an upper bound of the fragment
rerun a browser does), with every Keras layer function counting its calls,
and 20 steps of Play are checked for memory growth.

    .venv/bin/python bench/walkthrough_step.py [--reps 20]
"""

from __future__ import annotations

import argparse
import gc
import logging
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streamlit.testing.v1 import AppTest  # noqa: E402

from convlab import settings  # noqa: E402
from convlab.lesson import keras_layers, ngrams, snippets, tables  # noqa: E402
from convlab.lesson import walkthrough as walk  # noqa: E402
from convlab.lesson.layer import ConvLayer  # noqa: E402
from convlab.vectors.sets import embed_sentence, load_builtin  # noqa: E402

TIMEOUT = 120
KERAS = ("conv1d", "conv2d", "conv2d_channels", "kim", "jacovi", "init_weights")


def arrays() -> walk.LayerRun:
    """The sentence, weights and Keras output the page caches, computed once."""
    conv = ConvLayer(seed=settings.DEFAULTS["seed"])
    emb = embed_sentence(settings.DEFAULTS["sentence"], load_builtin())
    kernel, bias = keras_layers.init_weights(conv, emb.matrix.shape[1])
    y = keras_layers.conv1d(emb.matrix, kernel, bias, conv)[0]
    return walk.LayerRun(tuple(emb.words), emb.matrix, kernel, bias, y, conv)


def fragment(run) -> None:
    """The walkthrough's fragment body, as a one-function app (AppTest runs its source
    alone, so the annotation would not resolve: ``run`` is a ``LayerRun``)."""
    from convlab.ui.walkthrough import step_view

    step_view(run)


def drawn_steps(run: walk.LayerRun) -> list[dict]:
    """Every step's tables, specs and text, built before timing, for the control."""
    from convlab.i18n import message
    from convlab.lesson import charts
    from convlab.ui.walkthrough import ICONS

    tokens, x, kernel, bias, y, conv = run.tokens, run.x, run.kernel, run.bias, run.y, run.conv
    labels = run.labels
    buttons = [
        (name, message(f"walk.{name}", "en"), message(f"help.walk_{name}", "en"), ICONS[name])
        for name in ("first", "prev", "next", "last")
    ]
    out = []
    for t in range(y.shape[0]):
        at = walk.step(conv, len(tokens), t, 0)
        inputs_table = walk.mark_window(walk.input_cells(x, tokens, conv, "∅"), at)
        columns = run.columns
        layout = {"value_title": "value", "extent": 1.0}
        out.append(
            {
                "panels": [
                    (
                        inputs_table,
                        charts.grid(
                            rows=list(dict.fromkeys(inputs_table.label)),
                            columns=columns,
                            title="input",
                            outline="datum.slot >= 0",
                            select=("row", "row"),
                            **layout,
                        ),
                    ),
                    (
                        walk.output_table(y, at, labels, playing=False),
                        charts.grid(
                            rows=labels,
                            columns=tables.filter_names(y.shape[1]),
                            title="output",
                            outline="datum.state == 'current'",
                            select=("cell", "t", "f"),
                            **layout,
                        ),
                    ),
                    (
                        walk.kernel_table(kernel, 0),
                        charts.grid(
                            rows=[f"W[{s}]" for s in range(conv.n)],
                            columns=columns,
                            title="kernel",
                            **layout,
                        ),
                    ),
                    (
                        walk.product_table(x, kernel, at),
                        charts.grid(
                            rows=[f"x·W[{s}]" for s in range(conv.n)],
                            columns=[*columns, walk.SUM],
                            title="product",
                            outline="datum.column == 'Σ row'",
                            **layout,
                        ),
                    ),
                ],
                "line": str(walk.describe(labels[t], at, y)),
                "equation": ngrams.cell(x, kernel, bias, conv, t, 0).equation(),
                "code": snippets.conv1d(conv, len(tokens), x.shape[1])
                + snippets.walkthrough(conv, len(tokens), x.shape[1], t, 0),
                "labels": labels,
                "buttons": buttons,
                "pick_help": message("help.cell_t", "en"),
            }
        )
    return out


def control(steps: list[dict]) -> None:
    """The same elements as the fragment, from the precomputed steps."""
    import streamlit as st

    t = st.session_state.get("cell_t", 0)
    buttons = steps[0]["buttons"]
    for column, (name, label, help_text, icon) in zip(st.columns(4), buttons, strict=True):
        pressed = column.button(
            label, key=f"walk_{name}", help=help_text, icon=icon, width="stretch"
        )
        if pressed and name == "next":
            st.session_state.cell_t = t = min(t + 1, len(steps) - 1)
    step = steps[t]
    pick_t, pick_f = st.columns([3, 1])
    labels, help_text = step["labels"], step["pick_help"]
    pick_t.selectbox(
        "t", range(len(steps)), index=t, format_func=labels.__getitem__, help=help_text
    )
    pick_f.selectbox("f", range(4), help=help_text)
    left, right = st.columns([3, 2])
    st.caption("zoom")
    bottom = st.columns(2)
    for where, (frame, spec), key in zip(
        (left, right, *bottom),
        step["panels"],
        ("walk_input", "walk_output", None, None),
        strict=True,
    ):
        if key:
            where.vega_lite_chart(
                frame,
                spec,
                key=key,
                on_select="rerun",
                selection_mode=spec["params"][0]["name"],
            )
        else:
            where.vega_lite_chart(frame, spec)
    st.markdown(step["line"])
    st.code(step["equation"], language=None)
    st.caption("check")
    with st.expander("code"):
        st.caption("intro")
        st.code(step["code"])


def timed_steps(at: AppTest, reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        if "cell_t" in at.session_state and at.session_state["cell_t"] >= 5:  # near the end
            at.button(key="walk_first").click().run(timeout=TIMEOUT)
        start = time.perf_counter()
        at.button(key="walk_next").click().run(timeout=TIMEOUT)
        times.append(time.perf_counter() - start)
        assert not at.exception, [e.value for e in at.exception]
    return times


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=20, help="timed steps of each (default 20)")
    reps = parser.parse_args().reps
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest has no runtime: noisy

    run = arrays()
    gc.freeze()  # what the app does after importing TensorFlow (convlab.ui.lesson.keras_loaded)
    live = AppTest.from_function(fragment, args=(run,), default_timeout=TIMEOUT).run()
    ctrl = AppTest.from_function(control, args=(drawn_steps(run),), default_timeout=TIMEOUT)
    ctrl.run()
    live_times, control_times = [], []
    for _ in range(reps):  # alternate, so that load on the machine hits both alike
        live_times += timed_steps(live, 1)
        control_times += timed_steps(ctrl, 1)
    live_ms = statistics.median(live_times) * 1000
    control_ms = statistics.median(control_times) * 1000
    print(f"one walkthrough step: median of {reps} AppTest runs of the fragment's body")
    print(f"  fragment : {live_ms:7.1f} ms")
    print(f"  control  : {control_ms:7.1f} ms")
    print(f"  ratio fragment/control: {live_ms / control_ms:.2f} (goal <= 1.3)")

    page = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    page.switch_page("pages/lesson/conv1d.py").run()  # warm-up: TensorFlow, vectors, layers
    page.switch_page("pages/lesson/conv1d.py").run()
    calls = {name: 0 for name in KERAS}

    def counting(name: str):
        real = getattr(keras_layers, name)

        def count(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return count

    with mock.patch.multiple(keras_layers, **{name: counting(name) for name in KERAS}):
        page_times = timed_steps(page, reps)
        before = rss_mb()
        page.button(key="walk_first").click().run()
        page.button(key="walk_play").click().run()
        for _ in range(20):  # 20 ticks of Play (it starts over at the end)
            page.run()
            if not page.session_state["walk_playing"]:
                page.button(key="walk_play").click().run()
        after = rss_mb()
    print(
        f"whole Conv1D page stepped (AppTest reruns the whole script): "
        f"median {statistics.median(page_times) * 1000:.1f} ms over {reps} steps"
    )
    print(f"Keras layer calls during the steps and 20 ticks of Play: {sum(calls.values())} {calls}")
    print(
        f"RSS before/after 20 ticks of Play: {before:.0f} MB / {after:.0f} MB "
        f"({after - before:+.1f} MB)"
    )


if __name__ == "__main__":
    main()
