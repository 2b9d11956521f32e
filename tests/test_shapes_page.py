"""The Shape lab page in AppTest: every preset with the issue's numbers, URL state, both
languages, refused layers with Keras's own message, the pictures and the translator.

Expected figures are either the issue's own numbers or computed here from the
layer arithmetic, never read back from the page.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from convlab import arithmetic
from convlab.errors import InputError
from convlab.i18n import message
from convlab.settings import DEFAULTS
from convlab.shapelab import keras1, pitfalls
from convlab.shapelab.layerspec import LayerSpec
from convlab.tokenize import tokenize
from tests.apptest import (
    CJK,
    DEFAULT_SENTENCE,
    chart_data,
    en,
    frames_with_columns,
    main_infos,
    main_warnings,
    no_exception,
    open_app,
    said,
    title,
)

VERSION_COLUMNS = ["role", "code", "output", "kernel", "params", "keras"]


def figures(at: AppTest, lang: str = "en") -> tuple[str, str, str]:
    """The output shape, kernel shape and parameter count metrics."""
    shown = {m.label: m.value for m in at.metric}
    return tuple(shown[message(f"shapelab.{key}", lang)] for key in ("output", "kernel", "params"))


def versions(at: AppTest) -> pd.DataFrame:
    (table,) = frames_with_columns(at, VERSION_COLUMNS)
    return table


def pick(at: AppTest, preset: str) -> AppTest:
    at.button_group(key="shape_preset").set_value(preset).run()
    no_exception(at)
    return at


def summary_rows(at: AppTest) -> list[list[str]]:
    (table,) = frames_with_columns(at, ["layer", "output_shape", "params"])
    return table.to_numpy().tolist()


def window_rows(at: AppTest, index: int) -> dict[str, list[tuple[int, str, str]]]:
    """The ``index``-th sliding-window picture: per row, its (cell, kind, text) in order."""
    frame = chart_data(at, index)
    return {
        row: sorted(zip(part["cell"], part["kind"], part["text"], strict=True))
        for row, part in frame.groupby("row", sort=False)
    }


def query_spec(changes: dict[str, str]) -> LayerSpec:
    """The layer a link with ``changes`` describes, read here from the settings' defaults."""
    settings = {name: str(DEFAULTS[name]) for name in DEFAULTS if name.startswith("shape_")}
    settings |= changes
    transposed = settings["shape_layer"].endswith("_transpose")
    return LayerSpec.from_text(
        settings["shape_layer"],
        settings["shape_input"],
        int(settings["shape_filters"]),
        settings["shape_kernel"],
        settings["shape_strides"],
        settings["shape_padding"],
        settings["shape_dilation"],
        settings["shape_format"],
        1 if transposed else int(settings["shape_groups"]),
        settings["shape_output_padding"] if transposed else "None",
    )


# Defaults ---------------------------------------------------------------------------------------


def test_default_is_the_lesson_layer_checked_by_keras() -> None:
    at = open_app("shapes")
    no_exception(at)
    assert title(at) == en("shapelab.title")
    spec = LayerSpec().check()
    assert figures(at) == ("(None, 7, 4)", "(3, 300, 4)", "3,604")
    assert figures(at) == (str(spec.output_shape), str(spec.kernel_shape), f"{spec.params:,}")
    codes = [c.value for c in at.code]
    assert codes[:3] == [spec.formulas()[0], spec.kernel_formula(), spec.params_formula()]
    assert codes[0].endswith("⌊(9 − 1·(3−1) − 1) / 1⌋ + 1 = 7")
    assert codes[1].startswith("kernel_size=3 → (3,)")
    assert [s.value for s in at.success] == [
        en("shapelab.keras_agrees", output="(None, 7, 4)", kernel="(3, 300, 4)", params="3,604")
    ]
    assert summary_rows(at) == [
        ["input (InputLayer)", "(None, 9, 300)", "0"],
        ["conv1d (Conv1D)", "(None, 7, 4)", "3,604"],
    ]
    (axes,) = frames_with_columns(at, [en("shapelab.col_axis", axis=i) for i in range(3)])
    assert axes.loc[en("shapelab.row_input")].tolist() == [
        "None (batch)",
        "9 (steps)",
        "300 (channels)",
    ]
    assert axes.loc[en("shapelab.row_output")].tolist() == [
        "None (batch)",
        "7 (steps)",
        "4 (filters)",
    ]
    assert dict(at.query_params) == {}
    assert not main_warnings(at) and not at.main.error


# Presets: one click each, with the numbers -------------------------------------------


def test_preset_image() -> None:
    at = pick(open_app("shapes"), "image")
    assert figures(at) == ("(None, 1, 32, 10)", "(8, 8, 32, 10)", "20,490")
    table = versions(at)
    assert table["output"].tolist() == [
        "(None, 1, 32, 10)",
        "(None, 32, 32, 10)",
        "(None, 10, 32, 32)",
    ]
    assert table["params"].tolist() == ["20,490", "650", "650"]
    assert table["kernel"].tolist() == ["(8, 8, 32, 10)", "(8, 8, 1, 10)", "(8, 8, 1, 10)"]
    assert table["keras"].tolist() == ["✓", "✓", "✓"]
    assert "data_format='channels_first'" in table["code"].iloc[2]
    story = " ".join(m.value for m in at.markdown)
    assert "`(None, 1, 32, 10)`" in story and "**20,490 parameters**" in story
    assert "(8, 8, 32, 10)" in story and "**650 parameters**" in story
    assert summary_rows(at)[-1] == ["conv2d (Conv2D)", "(None, 1, 32, 10)", "20,490"]
    assert at.query_params["shape_preset"] == "image"
    assert at.query_params["shape_input"] == "1, 32, 32"

    # Each fix loads with one click and shows its own 650.
    at.button(key="shape_load_2").click().run()
    no_exception(at)
    assert figures(at) == ("(None, 32, 32, 10)", "(8, 8, 1, 10)", "650")
    at.button(key="shape_load_3").click().run()
    assert figures(at) == ("(None, 10, 32, 32)", "(8, 8, 1, 10)", "650")
    assert at.radio(key="shape_format").value == "channels_first"
    assert summary_rows(at)[-1] == ["conv2d (Conv2D)", "(None, 10, 32, 32)", "650"]


def test_preset_signal() -> None:
    at = pick(open_app("shapes"), "signal")
    assert figures(at)[0] == "(None, 1, 16)"
    table = versions(at)
    assert table["code"].tolist()[0] == "Input(shape=(1, 8000)) → Conv1D(16, 1)"
    assert table["output"].iloc[0] == "(None, 1, 16)"
    assert table["output"].iloc[1] == en("shapelab.refused")
    assert table["keras"].iloc[1].startswith("Computed output size would be zero or negative")
    for row, k in ((2, 1), (3, 3)):
        assert table["code"].iloc[row] == f"Input(shape=(8000, 1)) → Conv1D(16, {k})"
        assert table["output"].iloc[row] == f"(None, {8000 - k + 1}, 16)"
    assert "7,998 steps" in " ".join(m.value for m in at.markdown)


def test_preset_order() -> None:
    at = pick(open_app("shapes"), "order")
    table = versions(at)
    assert table["output"].tolist() == ["(None, 1, 8)", "(None, 8, 98)", "(None, 98, 8)"]
    assert table["kernel"].tolist() == ["(3, 100, 8)", "(3, 3, 8)", "(3, 3, 8)"]
    assert table["code"].iloc[1].endswith("Conv1D(8, 3, data_format='channels_first')")
    assert table["keras"].tolist() == ["✓"] * 3
    at.button(key="shape_load_2").click().run()
    assert figures(at) == ("(None, 8, 98)", "(3, 3, 8)", "80")


def test_preset_twins() -> None:
    at = pick(open_app("shapes"), "twins")
    table = versions(at)
    assert table["kernel"].tolist() == ["(3, 300, 64)", "(3, 300, 1, 64)"]
    assert table["output"].tolist() == ["(None, 598, 64)", "(None, 598, 1, 64)"]
    assert table["params"].tolist() == ["57,664", "57,664"]
    assert "kernel.reshape((3, 300, 1, 64))" in " ".join(m.value for m in at.markdown)


def test_preset_pointwise() -> None:
    at = pick(open_app("shapes"), "pointwise")
    assert figures(at) == ("(None, 9, 4)", "(1, 300, 4)", f"{300 * 4 + 4:,}")
    assert versions(at)["output"].tolist() == ["(None, 9, 4)", "(None, 7, 4)"]
    assert "`Dense(4)`" in " ".join(m.value for m in at.markdown)


def test_every_preset_has_a_test() -> None:
    tested = {"image", "signal", "order", "twins", "pointwise", "transpose"}
    assert tested == set(pitfalls.KEYS)


def test_preset_transpose_restores_the_shape_not_the_values() -> None:
    at = pick(open_app("shapes"), "transpose")
    table = versions(at)
    assert table["output"].tolist() == ["(None, 5, 4)", "(None, 10, 300)", "(None, 9, 300)"]
    assert table["kernel"].tolist() == ["(3, 300, 4)"] * 3
    assert table["params"].tolist() == ["3,604", "3,900", "3,900"]
    assert table["keras"].tolist() == ["✓", "✓", "✓"]
    assert "output_padding=0" in table["code"].iloc[2]
    from convlab.shapelab import keras_check

    preset = pitfalls.BY_KEY["transpose"]
    measured = keras_check.round_trip(preset.versions[0].spec, preset.versions[2].spec, 42)
    assert measured.gap > 0.5 * measured.size > 0  # not the input back
    shown = en(
        "preset.round_trip",
        seed=42,
        size=f"{measured.size:.2f}",
        gap=f"{measured.gap:.2f}",
        mean=f"{measured.mean:.2f}",
    )
    assert shown in [c.value for c in at.caption]
    at.button(key="shape_load_3").click().run()
    assert at.radio(key="shape_layer").value == "conv1d_transpose"
    assert at.text_input(key="shape_output_padding").value == "0"
    assert figures(at) == ("(None, 9, 300)", "(3, 300, 4)", "3,900")


# New arguments ----------------------------------------------------------------------------------


def test_variable_length_axis_keeps_none_and_a_symbolic_formula() -> None:
    at = open_app("shapes", shape_input="None, 300")
    no_exception(at)
    spec = LayerSpec("conv1d", (None, 300), 4, 3).check()
    assert figures(at) == ("(None, None, 4)", "(3, 300, 4)", "3,604")
    assert at.code[0].value == "steps: new_steps = ⌊(steps − 1·(3−1) − 1) / 1⌋ + 1"
    assert at.code[0].value == spec.formulas()[0]
    assert at.success[0].value == en(
        "shapelab.keras_agrees", output="(None, None, 4)", kernel="(3, 300, 4)", params="3,604"
    )
    captions = [c.value for c in at.caption]
    assert en("shapelab.picture_none", axis="steps") in captions
    assert not main_warnings(at)


def test_groups_show_the_kernel_and_which_channels_feed_which_filters() -> None:
    at = open_app("shapes", shape_input="9, 6", shape_groups="3", shape_filters="6")
    no_exception(at)
    assert figures(at) == ("(None, 7, 6)", "(3, 2, 6)", f"{3 * 2 * 6 + 6:,}")
    chart = chart_data(at, 0)
    read = chart[chart["reads"] == en("cell.read")]
    # filter f reads channel c exactly when both are in the same third
    assert sorted(zip(read["filter"], read["channel"], strict=True)) == [
        (f, c) for f in range(6) for c in range(6) if f // 2 == c // 2
    ]
    assert at.number_input(key="shape_groups").value == 3
    assert at.text_input(key="shape_output_padding").disabled


def test_transposed_layer_and_its_picture() -> None:
    query = {
        "shape_layer": "conv1d_transpose",
        "shape_input": "3, 4",
        "shape_strides": "2",
        "shape_groups": "2",  # greyed out for a transpose, so not used
    }
    at = open_app("shapes", **query)
    no_exception(at)
    assert at.number_input(key="shape_groups").disabled
    assert not at.text_input(key="shape_output_padding").disabled
    spec = LayerSpec("conv1d_transpose", (3, 4), 4, 3, 2).check()
    assert figures(at) == (str(spec.output_shape), "(3, 4, 4)", f"{3 * 4 * 4 + 4:,}")
    assert spec.output_shape == (None, (3 - 1) * 2 + 3, 4)
    assert at.code[0].value == "steps: " + arithmetic.transposed_formula(3, 3, "valid", 2)
    rows = window_rows(at, 0)
    # the input spread out: 2 padding zeros, x0, 0, x1, 0, x2, then 2 padding zeros
    assert [text for _, _, text in rows["input"]] == [
        "0",
        "0",
        "x0",
        "0",
        "x1",
        "0",
        "x2",
        "0",
        "0",
    ]
    assert list(rows) == ["input", *(f"y[{t}]" for t in range(7))]
    assert [cell for cell, _, _ in rows["y[6]"]] == [6, 7, 8]


# Language and URL -----------------------------------------------------------------------------


def test_chinese_preset() -> None:
    at = open_app("shapes", lang="zh", shape_preset="image")
    no_exception(at)
    assert title(at) == message("shapelab.title", "zh")
    story = " ".join(m.value for m in at.markdown)
    assert "**20,490 个参数**" in story and CJK.search(story)
    assert at.button_group(key="shape_preset").value == "image"
    assert all(CJK.search(label) for label in (m.label for m in at.metric))


ROUND_TRIP = {
    "shape_layer": "conv2d",
    "shape_format": "channels_first",
    "shape_input": "3, 28, 28",
    "shape_filters": "6",
    "shape_kernel": "(5, 3)",
    "shape_strides": "2",
    "shape_padding": "same",
    "shape_dilation": "1",
    "shape_legacy": "Convolution1D(64, 3)",
    "lang": "zh",
}


def test_query_params_round_trip() -> None:
    at = open_app("shapes", **ROUND_TRIP)
    no_exception(at)
    assert not main_warnings(at)
    assert at.radio(key="shape_layer").value == "conv2d"
    assert at.text_input(key="shape_kernel").value == "(5, 3)"
    assert at.number_input(key="shape_filters").value == 6
    assert figures(at, "zh") == ("(None, 6, 14, 14)", "(5, 3, 3, 6)", "276")
    assert [c.value for c in at.code][-1] == "Conv1D(filters=64, kernel_size=3)"
    url = dict(at.query_params)
    assert url == {key: value for key, value in ROUND_TRIP.items() if key != "shape_dilation"}

    again = open_app("shapes", **url)
    no_exception(again)
    assert dict(again.query_params) == url
    assert figures(again, "zh") == figures(at, "zh")
    assert [c.value for c in again.code] == [c.value for c in at.code]


def test_url_garbage_falls_back_and_is_listed() -> None:
    at = open_app("shapes", shape_input="abc", shape_layer="conv3d", shape_filters="0")
    no_exception(at)
    (warning,) = main_warnings(at)
    assert "shape\\_input=abc" in warning and "shape\\_layer=conv3d" in warning
    assert figures(at) == ("(None, 7, 4)", "(3, 300, 4)", "3,604")
    assert dict(at.query_params) == {}


def test_settings_survive_a_trip_to_the_lesson() -> None:
    at = pick(open_app("shapes"), "image")
    at.switch_page("pages/lesson/conv1d.py").run()
    no_exception(at)
    assert at.query_params["shape_preset"] == "image"
    at.switch_page("pages/tools/shapes.py").run()
    assert figures(at) == ("(None, 1, 32, 10)", "(8, 8, 32, 10)", "20,490")


# Refused layers: Keras's message and one plain sentence, never a traceback ------------------------


def test_kernel_longer_than_input_shows_keras_message_and_what_to_change() -> None:
    at = open_app("shapes")
    at.text_input(key="shape_input").input("2, 300").run()
    no_exception(at)
    codes = [c.value for c in at.code]
    assert codes[0].startswith("Computed output size would be zero or negative")
    assert main_warnings(at) == [
        said("err.shape_too_short", axis="steps", size=2, span=3, k=3, d=1)
    ]
    assert not at.metric
    assert at.text_input(key="shape_input").value == "2, 300"
    # The translator below still works.
    assert codes[-1] == keras1.translate(keras1.EXAMPLE).code


@pytest.mark.parametrize(
    ("changes", "key", "keras_says"),
    [
        (
            {"shape_layer": "conv2d", "shape_input": "9, 9, 3", "shape_padding": "causal"},
            "err.shape_causal",
            "The `padding` argument",
        ),
        (
            {"shape_strides": "2", "shape_dilation": "2"},
            "err.strides_dilation",
            "`strides > 1` not supported",
        ),
        ({"shape_kernel": "0"}, "err.shape_positive", "The `kernel_size` argument"),
        ({"shape_layer": "conv2d"}, "err.shape_rank", "expected min_ndim=4, found ndim=3"),
        (
            {"shape_layer": "conv2d", "shape_input": "9, 9, 3", "shape_kernel": "3,"},
            "err.shape_tuple",
            "tuple of 2 integers",
        ),
        ({"shape_input": "9, None"}, "err.shape_none_channels", "unsupported operand"),
        ({"shape_input": "9, 5", "shape_groups": "2"}, "err.shape_groups", "evenly divisible"),
        (
            {"shape_layer": "conv1d_transpose", "shape_strides": "2", "shape_output_padding": "2"},
            "err.shape_output_padding",
            "`output_padding` must be strictly less than `strides`",
        ),
        (
            {"shape_layer": "conv1d_transpose", "shape_input": "9, None"},
            "err.shape_none_channels",
            "Shapes used to initialize variables must be fully-defined",
        ),
    ],
)
def test_refused_layers(changes: dict[str, str], key: str, keras_says: str) -> None:
    at = open_app("shapes", **changes)
    no_exception(at)
    assert keras_says in at.code[0].value
    with pytest.raises(InputError) as err:
        query_spec(changes).check()
    assert err.value.key == key
    assert main_warnings(at) == [said(err.value.key, **err.value.params)]
    assert not at.metric


def test_empty_axis_that_keras_accepts_is_explained() -> None:
    at = open_app("shapes", shape_input="9, 0", shape_padding="same")
    no_exception(at)
    assert main_infos(at) == [
        en("shapelab.keras_builds", output="(None, 9, 4)", kernel="(3, 0, 4)")
    ]
    assert main_warnings(at) == [said("err.shape_positive", name="input shape", value=0)]


def test_not_numbers_and_huge_layers() -> None:
    at = open_app("shapes")
    at.text_input(key="shape_kernel").input("three").run()
    no_exception(at)
    assert main_warnings(at) == [said("err.shape_ints", name="kernel_size", text="three")]
    at.text_input(key="shape_kernel").input("3").run()
    at.text_input(key="shape_input").input("100000, 5000").run()
    at.number_input(key="shape_filters").set_value(4096).run()
    no_exception(at)
    assert en("shapelab.not_built") in [c.value for c in at.main.caption]
    assert main_warnings(at)[0].startswith("This kernel would hold 61,440,000 weights")


# Pictures ----------------------------------------------------------------------------------------


def test_window_picture_shows_each_output_window() -> None:
    at = open_app("shapes")
    rows = window_rows(at, 0)
    assert list(rows) == ["input", *(f"y[{t}]" for t in range(7))]
    assert [text for _, _, text in rows["input"]] == [str(i) for i in range(9)]
    for t in range(7):
        assert rows[f"y[{t}]"] == [(t + j, "read by the window", str(t + j)) for j in range(3)]

    text = window_rows(at, 1)  # the lesson's sentence, one word per cell
    words = tokenize(DEFAULT_SENTENCE)
    assert [cell_text for _, _, cell_text in text["input"]] == words
    assert [cell_text for _, _, cell_text in text["y[0]"]] == words[:3]


def test_window_picture_shows_padding_and_dilation_gaps() -> None:
    at = open_app("shapes", shape_padding="causal", shape_dilation="2", shape_input="6, 4")
    rows = window_rows(at, 0)
    before, _ = arithmetic.padding_amounts(6, 3, "causal", 1, 2)
    assert before == 4
    assert [kind for _, kind, _ in rows["input"]] == [en("cell.pad")] * 4 + [en("cell.input")] * 6
    assert rows["y[0]"] == [
        (0, en("cell.read_pad"), "0"),
        (1, en("cell.gap"), ""),
        (2, en("cell.read_pad"), "0"),
        (3, en("cell.gap"), ""),
        (4, en("cell.read"), "0"),
    ]
    assert len(rows) == 1 + 6


def test_long_axes_are_cut_and_say_so() -> None:
    at = pick(open_app("shapes"), "signal")
    at.button(key="shape_load_4").click().run()
    captions = [c.value for c in at.caption]
    assert en("shapelab.picture_cut", cells=40, total=8000, rows=12, outputs=7998) in captions


# Legacy translator -------------------------------------------------------------------------------


def test_translator_on_the_page() -> None:
    at = open_app("shapes")
    assert at.code[-1].value == (
        "Conv2D(filters=10, kernel_size=(8, 8), strides=(1, 1), padding='same', activation='relu')"
    )
    at.text_area(key="shape_legacy").input(
        "Convolution1D(128, 3, dim_ordering='th', weights=[W], <b>=1)"
    ).run()
    no_exception(at)
    assert main_warnings(at)[-1].startswith(
        en("err.legacy_syntax", line=1, reason="\0").split("(")[0]
    )

    at.text_area(key="shape_legacy").input(
        "Convolution1D(128, 3, weights=[W], border_mode='full')"
    ).run()
    no_exception(at)
    assert at.code[-1].value == "Conv1D(filters=128, kernel_size=3, padding='full')"
    assert main_warnings(at) == [en("keras1.unknown", args="weights=\\[W\\]")]
    assert main_infos(at) == [en("keras1.note_full")]
    changes = frames_with_columns(at, ["keras1", "keras3"])[0]
    assert changes.to_numpy().tolist()[0] == ["Convolution1D", "Conv1D"]
    assert at.query_params["shape_legacy"].startswith("Convolution1D(128")
