"""The Conv1D walkthrough in AppTest: stepping, Play, links, and settings changing under it.

AppTest runs the whole script on every ``run()``, so a run while playing
stands for one tick of the fragment's timer: both run the fragment once.
"""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from convlab import arithmetic, ui
from convlab.lesson import ngrams, snippets
from convlab.lesson.layer import ConvLayer
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.ui.walkthrough import PLAYING
from tests.apptest import (
    DEFAULT_SENTENCE,
    chart_data,
    en,
    keras_output,
    main_infos,
    main_warnings,
    no_exception,
    open_app,
)

INPUT, OUTPUT, KERNEL, PRODUCT = 1, 2, 3, 4
"""Chart positions on the Conv1D page: the output heatmap comes first."""


def step_line(at: AppTest) -> str:
    (line,) = [m.value for m in at.markdown if m.value.startswith("Step ")]
    return line


def expected_line(sentence: str, conv: ConvLayer, t: int, f: int) -> str:
    """The one-line description, from tokens, windows and Keras's output computed here."""
    y = keras_output(sentence, conv)
    phrase = ngrams.phrases(tokenize(sentence), conv)[t]
    words = len(tokenize(sentence))
    rows = arithmetic.window_positions(words, conv.n, conv.padding, conv.strides, conv.dilation)[t]
    return en(
        "walk.now",
        step=t + 1,
        steps=y.shape[0],
        window=ui.plain(phrase),
        rows=f"{rows[0]}…{rows[-1]}",
        filter=f"f{f}",
        value=f"{y[t, f]:.4f}",
    )


def current_cells(at: AppTest) -> list[tuple[int, int]]:
    out = chart_data(at, OUTPUT)
    return sorted(zip(out.t[out.state == "current"], out.f[out.state == "current"], strict=True))


def test_stepping_moves_the_window_and_the_link() -> None:
    at = open_app("conv1d")
    no_exception(at)
    conv = ConvLayer(seed=42)
    assert step_line(at) == expected_line(DEFAULT_SENTENCE, conv, 0, 0)
    at.button(key="walk_next").click().run()
    no_exception(at)
    assert at.selectbox(key="cell_t").value == 1
    assert at.query_params["cell_t"] == "1"
    assert step_line(at) == expected_line(DEFAULT_SENTENCE, conv, 1, 0)
    assert current_cells(at) == [(1, 0)]
    slots = chart_data(at, INPUT).groupby("row").slot.first()
    assert slots[slots >= 0].index.tolist() == [1, 2, 3]

    at.button(key="walk_last").click().run()
    assert at.selectbox(key="cell_t").value == 6
    at.button(key="walk_next").click().run()  # the last step has no next
    assert at.selectbox(key="cell_t").value == 6
    at.button(key="walk_prev").click().run()
    assert at.selectbox(key="cell_t").value == 5
    at.button(key="walk_first").click().run()
    assert at.selectbox(key="cell_t").value == 0
    assert "cell_t" not in at.query_params


def test_a_link_opens_on_its_step_and_filter() -> None:
    at = open_app("conv1d", cell_t="4", cell_f="2")
    no_exception(at)
    assert step_line(at) == expected_line(DEFAULT_SENTENCE, ConvLayer(seed=42), 4, 2)
    assert current_cells(at) == [(4, 2)]
    kernel = chart_data(at, KERNEL)
    assert kernel.slot.nunique() == 3
    # The product panel: each row's Σ plus the bias is the cell (the equation shows it).
    product = chart_data(at, PRODUCT)
    sums = product[product.column == "Σ row"].value.to_numpy()
    y = keras_output(DEFAULT_SENTENCE, ConvLayer(seed=42))
    (equation,) = [c.value for c in at.code if "b[2] (" in c.value]
    bias = float(equation.split("b[2] (")[1].split(")")[0])  # as printed, to 4 decimals
    assert abs(sums.sum() + bias - y[4, 2]) <= 1e-4
    assert equation.endswith(f"= {y[4, 2]:.4f}")


def test_play_advances_one_step_per_tick_and_stops_at_the_end() -> None:
    at = open_app("conv1d", cell_t="4")
    at.button(key="walk_play").click().run()
    no_exception(at)
    assert at.session_state[PLAYING]
    assert at.button(key="walk_play").label == en("walk.pause")
    assert at.selectbox(key="cell_t").value == 4  # the press shows the step it starts from
    out = chart_data(at, OUTPUT)
    assert out.value[out.t > 4].isna().all() and out.value[out.t < 4].notna().all()
    at.run()  # one tick
    assert at.selectbox(key="cell_t").value == 5
    at.run()
    assert at.selectbox(key="cell_t").value == 6
    assert at.query_params["cell_t"] == "6"
    at.run()  # past the last step: Play stops, the last step stays
    no_exception(at)
    assert not at.session_state[PLAYING]
    assert at.selectbox(key="cell_t").value == 6
    assert at.button(key="walk_play").label == en("walk.play")
    assert chart_data(at, OUTPUT).value.notna().all()

    at.button(key="walk_play").click().run()  # Play at the end starts over
    assert at.session_state[PLAYING] and at.selectbox(key="cell_t").value == 0


def test_all_filters_fill_a_whole_row() -> None:
    at = open_app("conv1d", cell_t="2")
    at.toggle(key="walk_all").set_value(True).run()
    no_exception(at)
    assert current_cells(at) == [(2, f) for f in range(4)]
    y = keras_output(DEFAULT_SENTENCE, ConvLayer(seed=42))
    assert step_line(at).endswith(", ".join(f"{v:.4f}" for v in y[2]))


@pytest.mark.parametrize(("key", "kind", "new"), [("n", "slider", 5), ("padding", "radio", "same")])
def test_changing_the_layer_while_playing(key: str, kind: str, new) -> None:
    at = open_app("conv1d", cell_t="6")
    at.button(key="walk_play").click().run()
    getattr(at, kind)(key=key).set_value(new).run()
    no_exception(at)
    conv = ConvLayer(**{key: new}, seed=42)
    steps = conv.steps(9)
    assert at.selectbox(key="cell_t").value < steps
    assert len(chart_data(at, OUTPUT)) == steps * 4
    assert at.session_state[PLAYING]
    at.run()
    no_exception(at)
    assert at.selectbox(key="cell_t").value < steps


def test_play_stops_when_the_sentence_no_longer_fits() -> None:
    at = open_app("conv1d")
    at.button(key="walk_play").click().run()
    at.text_area(key="sentence").input("good").run()  # one word, n=3, valid
    no_exception(at)
    assert main_warnings(at) == [en("err.too_few_words", needed=3, words=1, n=3)]
    assert not at.session_state[PLAYING]
    at.radio(key="padding").set_value("same").run()  # now it fits: one step, not playing
    no_exception(at)
    assert not at.session_state[PLAYING]
    assert step_line(at).startswith("Step 1 of 1:")


@pytest.mark.parametrize("padding", ["same", "causal"])
def test_n_longer_than_the_sentence_with_padding(padding: str) -> None:
    at = open_app("conv1d", sentence="good film", n="5", padding=padding, cell_t="1")
    no_exception(at)
    conv = ConvLayer(n=5, padding=padding, seed=42)
    assert step_line(at) == expected_line("good film", conv, 1, 0)
    pads = chart_data(at, INPUT).groupby("row").pad.first()
    before, after = conv.word_padding(2)
    assert pads.sum() == before + after and len(pads) == 2 + before + after


def test_a_sentence_at_the_token_cap_while_playing() -> None:
    long = " ".join(f"w{i % 50}" for i in range(MAX_TOKENS))
    at = open_app("conv1d", cell_t="3")
    at.button(key="walk_play").click().run()
    at.text_area(key="sentence").input(long).run()
    no_exception(at)
    steps = MAX_TOKENS - 2
    assert step_line(at).startswith(f"Step 5 of {steps}:")
    inputs = chart_data(at, INPUT)
    assert inputs.row.nunique() == MAX_TOKENS
    assert not np.isfinite(inputs.value).all()  # the zoom column: D − 12 dims summarised


def test_the_notebook_code_follows_the_step() -> None:
    at = open_app("conv1d", cell_t="3", cell_f="1", n="4", padding="causal")
    no_exception(at)
    conv = ConvLayer(n=4, padding="causal", seed=42)
    expected = snippets.conv1d(conv, 9, 300) + snippets.walkthrough(conv, 9, 300, 3, 1)
    assert expected.strip() in [c.value.strip() for c in at.code]


def test_a_dilated_layer_says_which_road_cannot_follow() -> None:
    at = open_app("conv2d", dilation="2")
    no_exception(at)
    reason = en("forms.reason.jacovi_dilation", form=en("form.jacovi"), d=2)
    assert reason in main_infos(at)
    assert reason in [c.value for c in at.caption]
    assert not at.main.error
