"""The Conv1D walkthrough: watch the window slide, one step per click or per tick of Play.

The play controls sit outside the fragment, because pressing Play or
changing the speed must set the fragment's timer (``run_every``), which
only a full run can do. Everything a step changes is inside the fragment, so
a step or a tick reruns only it: it receives the cached arrays and calls no
layer. The step is the setting ``cell_t`` (and the filter ``cell_f``), so
the URL of any step opens on that step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from convlab.lesson import charts, ngrams, snippets, tables
from convlab.lesson import walkthrough as walk
from convlab.lesson.layer import ConvLayer
from convlab.ui.state import save_settings, value
from convlab.ui.text import plain, t, translator
from convlab.ui.widgets import labelled, pick

STEP_SETTINGS = ("cell_t", "cell_f")
"""The only settings a control inside the fragment changes: all its runs write to the URL."""
SPEEDS = {"slow": 2.0, "normal": 1.0, "fast": 0.5}
"""Seconds per step of Play."""
PLAYING = "walk_playing"
FRESH = "walk_fresh"
"""Set by every control that moves the step itself: the next run shows it, not the one after."""
ALL = "walk_all"
ICONS = {
    "first": ":material/first_page:",
    "prev": ":material/chevron_left:",
    "next": ":material/chevron_right:",
    "last": ":material/last_page:",
}


def stop_playing() -> None:
    st.session_state[PLAYING] = False


@contextmanager
def playing_only_if_it_fits() -> Iterator[None]:
    """Play survives the block only if it ends normally: a page stopped inside it stops Play.

    When the settings stop forming a layer (or the sentence no longer fits
    it) there is nothing to step through, and Play must not resume by itself
    once they do again.
    """
    playing = st.session_state.get(PLAYING, False)
    stop_playing()
    yield
    st.session_state[PLAYING] = playing


def _go(step: int) -> None:
    st.session_state["cell_t"] = step
    st.session_state[FRESH] = True


def _toggle(steps: int) -> None:
    playing = not st.session_state.get(PLAYING, False)
    st.session_state[PLAYING] = playing
    st.session_state[FRESH] = True
    if playing and value("cell_t") >= steps - 1:  # Play at the last step starts over
        st.session_state["cell_t"] = 0


def _pick_cell() -> None:
    """A click on an output cell selects its step and filter."""
    picked = st.session_state["walk_output"]["selection"].get("cell") or []
    if picked:
        st.session_state["cell_t"] = int(picked[0]["t"])
        st.session_state["cell_f"] = int(picked[0]["f"])
        st.session_state[FRESH] = True


def _pick_row(conv: ConvLayer, words: int) -> None:
    """A click on an input row selects the first window that reads it."""
    picked = st.session_state["walk_input"]["selection"].get("row") or []
    if not picked:
        return
    step = walk.first_step_reading(conv, words, int(picked[0]["row"]))
    if step is None:  # strides jump over this row: no window reads it
        st.toast(t("walk.unread", row=int(picked[0]["row"])))
        return
    _go(step)


def walkthrough(run: walk.LayerRun) -> None:
    """Play, speed and "all filters" controls, then the fragment that draws the current step."""
    steps = run.y.shape[0]
    playing = st.session_state.get(PLAYING, False)
    play, speed, every = st.columns([1, 2, 2], vertical_alignment="bottom")
    play.button(
        t("walk.pause" if playing else "walk.play"),
        key="walk_play",
        on_click=_toggle,
        args=(steps,),
        help=t("help.walk_play"),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        type="primary",
    )
    with speed:
        labelled(
            st.select_slider,
            "walk_speed",
            options=list(SPEEDS),
            value="normal",
            format_func=lambda s: t(f"walk.speed.{s}"),
        )
    with every:
        labelled(st.toggle, "walk_all")
    interval = SPEEDS[st.session_state.walk_speed] if playing else None
    st.fragment(step_view, run_every=interval)(run)


def _advance(steps: int) -> None:
    """One tick of Play: the next step, or the end of playing after the last one."""
    if value("cell_t") + 1 < steps:
        st.session_state["cell_t"] = value("cell_t") + 1
        return
    stop_playing()
    st.rerun(scope="app")  # a full run, which draws no timer


def step_view(run: walk.LayerRun) -> None:
    """The fragment: buttons, pickers, the four panels, the step in words, and its code."""
    x, kernel, bias, y, conv = run.x, run.kernel, run.bias, run.y, run.conv
    tr = translator()
    steps, filters = y.shape
    playing = st.session_state.get(PLAYING, False)
    if playing and not st.session_state.pop(FRESH, False):
        _advance(steps)
    st.session_state.pop(FRESH, None)
    now = min(value("cell_t"), steps - 1)
    buttons = st.columns(4)
    for column, (name, target) in zip(
        buttons,
        (
            ("first", 0),
            ("prev", max(now - 1, 0)),
            ("next", min(now + 1, steps - 1)),
            ("last", steps - 1),
        ),
        strict=True,
    ):
        column.button(
            tr(f"walk.{name}"),
            key=f"walk_{name}",
            on_click=_go,
            args=(target,),
            help=tr(f"help.walk_{name}"),
            icon=ICONS[name],
            width="stretch",
        )
    pick_t, pick_f = st.columns([3, 1])
    with pick_t:
        step_t = pick("cell_t", steps, run.labels.__getitem__)
    with pick_f:
        step_f = pick("cell_f", filters, tables.filter_names(filters).__getitem__)
    save_settings(STEP_SETTINGS)
    at = run.step(step_t, step_f, all_filters=st.session_state.get(ALL, False))
    _panels(run, at, playing, tr)
    phrase = run.phrases[at.t]
    st.markdown(
        tr(
            "walk.now_all" if at.all_filters else "walk.now",
            **{**walk.describe(phrase, at, y), "window": plain(phrase)},
        )
    )
    part = ngrams.cell(x, kernel, bias, conv, at.t, at.f)
    st.code(part.equation(), language=None)
    st.caption(
        tr(
            "conv1d.cell_check",
            t=at.t,
            f=at.f,
            value=f"{y[at.t, at.f]:.4f}",
            diff=f"{abs(walk.cell_value(x, kernel, bias, conv, at) - y[at.t, at.f]):.1e}",
        )
    )
    with st.expander(tr("walk.code")):
        st.caption(tr("walk.code_intro", t=at.t, f=at.f))
        st.code(
            snippets.conv1d(conv, run.words, run.dim)
            + snippets.walkthrough(conv, run.words, run.dim, at.t, at.f)
        )


def _draw(
    where: DeltaGenerator,
    frame: pd.DataFrame,
    *,
    key: str | None = None,
    on_select: Callable[[], None] | None = None,
    **layout: Any,
) -> None:
    """One panel: the cached Altair-built spec of its layout, with this step's data."""
    spec = charts.grid(**layout)
    if key is None:
        where.vega_lite_chart(frame, spec)
    else:
        where.vega_lite_chart(
            frame, spec, key=key, on_select=on_select, selection_mode=layout["select"][0]
        )


def _panels(run: walk.LayerRun, at: walk.Step, playing: bool, tr: Callable[..., str]) -> None:
    """The four linked panels: input and output above, kernel and product below."""
    x, kernel, y, conv = run.x, run.kernel, run.y, run.conv
    words, dim = x.shape
    shown = walk.shown_dims(dim)
    pad = tr("conv1d.pad")
    value_title = tr("axis.value")
    left, right = st.columns([3, 2])
    _draw(
        left,
        run.input_table(at, pad),
        key="walk_input",
        on_select=partial(_pick_row, conv, words),
        rows=run.input_rows(pad),
        columns=run.columns,
        title=tr("walk.input", words=words, dim=dim),
        value_title=value_title,
        extent=float(np.abs(x).max()) or 1.0,
        outline="datum.slot >= 0",
        select=("row", "row"),
    )
    _draw(
        right,
        run.output_table(at, playing=playing),
        key="walk_output",
        on_select=_pick_cell,
        rows=run.labels,
        columns=tables.filter_names(y.shape[1]),
        title=tr("walk.output", steps=y.shape[0], filters=y.shape[1]),
        value_title=value_title,
        extent=float(np.abs(y).max()) or 1.0,
        outline="datum.state == 'current'",
        select=("cell", "t", "f"),
    )
    if shown < dim:
        st.caption(tr("walk.zoom", shown=shown, dim=dim, rest=dim - shown))
    kernel_panel, product_panel = st.columns(2)
    _draw(
        kernel_panel,
        run.kernel_table(at.f),
        rows=[f"W[{s}]" for s in range(conv.n)],
        columns=run.columns,
        title=tr("walk.kernel", n=conv.n, dim=dim, f=at.f),
        value_title=value_title,
        extent=float(np.abs(kernel[:, :, at.f]).max()) or 1.0,
    )
    product = run.product_table(at)
    _draw(
        product_panel,
        product,
        rows=[f"x·W[{s}]" for s in range(conv.n)],
        columns=[*run.columns, walk.SUM],
        title=tr("walk.product", n=conv.n, dim=dim),
        value_title=value_title,
        extent=float(np.abs(product.value).max()) or 1.0,
        outline=f"datum.column == '{walk.SUM}'",
    )
