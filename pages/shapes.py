"""Shape lab: any Conv1D/Conv2D's output, kernel and parameters, with formulas, checked by Keras.

The formulas come from ``convlab.shapelab.layerspec`` (pure Python, instant); every
figure is then compared with a real Keras layer built on the fly. The
pitfall presets, the sliding-window pictures and the Keras 1 translator all
read the same settings, which live in the URL under ``shape_*`` keys.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from convlab import arithmetic, ui
from convlab.errors import InputError
from convlab.lesson import charts
from convlab.shapelab import keras1, pitfalls
from convlab.shapelab.layerspec import CLASS_NAMES, MAX_TEXT, LayerSpec, show
from convlab.tokenize import MAX_TOKENS, tokenize

if TYPE_CHECKING:
    from convlab.shapelab.keras_check import Built, Refused

ROLES = {
    "batch": "shapelab.role_batch",
    "steps": "shapelab.role_steps",
    "rows": "shapelab.role_rows",
    "cols": "shapelab.role_cols",
    "channels": "shapelab.role_channels",
    "filters": "shapelab.role_filters",
}
KINDS = {
    "input": "cell.input",
    "pad": "cell.pad",
    "read": "cell.read",
    "read_pad": "cell.read_pad",
    "gap": "cell.gap",
}


@st.cache_data(show_spinner=False, max_entries=128)
def keras_build(spec: LayerSpec) -> Built | Refused:
    """The layer as Keras builds it (TensorFlow is imported on the first call)."""
    from convlab.shapelab import keras_check

    return keras_check.build(spec)


def current_spec() -> LayerSpec:
    """The layer the controls describe; InputError if a text box does not hold numbers."""
    return LayerSpec.from_text(
        ui.value("shape_layer"),
        ui.value("shape_input"),
        ui.value("shape_filters"),
        ui.value("shape_kernel"),
        ui.value("shape_strides"),
        ui.value("shape_padding"),
        ui.value("shape_dilation"),
        ui.value("shape_format"),
    )


def load(spec: LayerSpec) -> None:
    """Put ``spec`` into the controls (a button or preset callback, before they are drawn)."""
    st.session_state.update(
        shape_layer=spec.layer,
        shape_format=spec.data_format,
        shape_input=", ".join(str(size) for size in spec.input_shape),
        shape_filters=spec.filters,
        shape_kernel=str(spec.kernel_size),
        shape_strides=str(spec.strides),
        shape_padding=spec.padding,
        shape_dilation=str(spec.dilation_rate),
    )


def load_preset() -> None:
    key = st.session_state.shape_preset
    if key:
        load(pitfalls.BY_KEY[key].versions[0].spec)


def keras_message(built: Built | Refused) -> str | None:
    """Keras's own message if it refused the layer, None if it built it."""
    from convlab.shapelab.keras_check import Refused  # already imported by keras_build

    return built.message if isinstance(built, Refused) else None


# Presets -------------------------------------------------------------------------------


def version_row(version: pitfalls.Version) -> dict[str, str]:
    """One row of a preset's table: the formulas' figures and Keras's verdict."""
    spec = version.spec
    row = {"role": ui.t(version.role), "code": version.code()}
    built = keras_build(spec)
    message = keras_message(built)
    try:
        spec.check()
    except InputError:
        refused = ui.t("shapelab.refused")
        keras = message or "✗"
        return row | {"output": refused, "kernel": refused, "params": refused, "keras": keras}
    keras = "✓" if message is None and built.agrees(spec) else "✗"
    return row | {
        "output": show(spec.output_shape),
        "kernel": show(spec.kernel_shape),
        "params": f"{spec.params:,}",
        "keras": keras,
    }


def presets() -> None:
    """The pitfall picker, and for the chosen one its story, fix and every version."""
    fields = {preset.key: pitfalls.fields(preset) for preset in pitfalls.PRESETS}
    ui.setting(
        st.pills,
        "shape_preset",
        format_func=lambda key: ui.t(pitfalls.BY_KEY[key].title, **fields[key]),
        on_change=load_preset,
    )
    key = ui.value("shape_preset")
    if not key:
        return
    preset = pitfalls.BY_KEY[key]
    with st.container(border=True):
        st.markdown(ui.t(preset.story, **fields[key]))
        st.markdown(f"**{ui.t('preset.fix')}:** {ui.t(preset.fix, **fields[key])}")
        st.caption(ui.t("shapelab.versions"))
        with st.spinner(ui.t("spinner.keras")):
            rows = [version_row(version) for version in preset.versions]
        st.dataframe(
            pd.DataFrame(rows, index=range(1, len(rows) + 1)),
            column_order=["role", "output", "kernel", "params", "keras", "code"],
            column_config={
                "role": st.column_config.TextColumn(ui.t("col.role")),
                "output": st.column_config.TextColumn(ui.t("shapelab.output")),
                "kernel": st.column_config.TextColumn(ui.t("shapelab.kernel")),
                "params": st.column_config.TextColumn(ui.t("shapelab.params")),
                "keras": st.column_config.TextColumn(ui.t("col.keras")),
                "code": st.column_config.TextColumn(ui.t("col.code")),
            },
        )
        for i, (column, version) in enumerate(
            zip(st.columns(len(preset.versions)), preset.versions, strict=True), start=1
        ):
            column.button(
                f"{ui.t('shapelab.load')} {i} · {ui.t(version.role)}",
                key=f"shape_load_{i}",
                on_click=load,
                args=(version.spec,),
                help=ui.t("shapelab.load_help"),
                icon=":material/upload:",
            )


# Controls ------------------------------------------------------------------------------


def controls() -> None:
    """The layer's settings in two rows of four; each is a URL setting."""
    with st.container(border=True):
        first = st.columns([1, 1.3, 1.3, 1])
        with first[0]:
            ui.setting(
                st.radio, "shape_layer", format_func=CLASS_NAMES.__getitem__, horizontal=True
            )
        with first[1]:
            ui.setting(st.radio, "shape_format", horizontal=True)
        with first[2]:
            ui.setting(st.text_input, "shape_input", max_chars=MAX_TEXT)
        with first[3]:
            ui.setting(st.number_input, "shape_filters", step=1)
        second = st.columns(4)
        for column, key in zip(second[:2], ("shape_kernel", "shape_strides"), strict=True):
            with column:
                ui.setting(st.text_input, key, max_chars=MAX_TEXT)
        with second[2]:
            ui.setting(st.radio, "shape_padding", horizontal=True)
        with second[3]:
            ui.setting(st.text_input, "shape_dilation", max_chars=MAX_TEXT)


# Read-outs -----------------------------------------------------------------------------


def refusal(spec: LayerSpec, err: InputError) -> None:
    """Keras's own message for a layer it cannot build, then what to change."""
    if spec.too_big:
        st.caption(ui.t("shapelab.not_built"))
    else:
        with st.spinner(ui.t("spinner.keras")):
            built = keras_build(spec)
        message = keras_message(built)
        if message:
            st.markdown(ui.t("shapelab.keras_says"))
            st.code(message, language=None, wrap_lines=True)
        else:
            st.info(
                ui.t(
                    "shapelab.keras_builds",
                    output=show(built.output_shape),
                    kernel=show(built.kernel_shape),
                )
            )
    st.warning(err.say(ui.lang()), icon="⚠️")


def axes_table(spec: LayerSpec) -> pd.DataFrame:
    """Input and output shapes axis by axis, each size with what Keras reads it as."""
    roles = spec.roles()
    output_roles = [role if role != "channels" else "filters" for role in roles]

    def labelled(shape: Sequence[int | None], names: list[str]) -> list[str]:
        return [f"{size} ({ui.t(ROLES[name])})" for size, name in zip(shape, names, strict=True)]

    return pd.DataFrame(
        [labelled((None, *spec.input_shape), roles), labelled(spec.output_shape, output_roles)],
        index=[ui.t("shapelab.row_input"), ui.t("shapelab.row_output")],
        columns=[ui.t("shapelab.col_axis", axis=axis) for axis in range(len(roles))],
    )


def keras_panel(spec: LayerSpec) -> None:
    """The real layer's figures next to the formulas', and its model.summary() rows."""
    st.subheader(ui.t("shapelab.keras"))
    with st.spinner(ui.t("spinner.keras")):
        built = keras_build(spec)
    message = keras_message(built)
    if message:  # the formulas accepted a layer Keras refuses
        st.error(f"{ui.t('shapelab.keras_says')} {ui.plain(message)}")
        return
    figures = {
        "output": show(built.output_shape),
        "kernel": show(built.kernel_shape),
        "params": f"{built.params:,}",
    }
    if built.agrees(spec):
        st.success(ui.t("shapelab.keras_agrees", **figures))
    else:
        st.error(ui.t("shapelab.keras_differs", **figures))
    st.caption(ui.t("shapelab.summary"))
    st.dataframe(
        pd.DataFrame(
            [
                {"layer": f"{name} ({cls})", "output_shape": shape, "params": f"{params:,}"}
                for name, cls, shape, params in built.summary
            ]
        ),
        hide_index=True,
        column_config={
            "layer": st.column_config.TextColumn(ui.t("col.layer")),
            "output_shape": st.column_config.TextColumn(ui.t("col.output_shape")),
            "params": st.column_config.TextColumn(ui.t("col.param")),
        },
    )
    st.caption(ui.t("shapelab.total", params=f"{sum(row[3] for row in built.summary):,}"))
    with st.expander(ui.t("shapelab.code")):
        st.code(spec.code(), language="python")


def window_picture(
    length: int, k: int, s: int, d: int, padding: str, labels: Sequence[str]
) -> None:
    """The first windows along one axis of ``length`` cells, labelled by ``labels``."""
    before, after = arithmetic.padding_amounts(length, k, padding, s, d)
    total = before + length + after
    cells = min(total, charts.WINDOW_CELLS)
    outputs = arithmetic.output_length(length, k, padding, s, d)
    rows = min(outputs, charts.WINDOW_ROWS, math.ceil(cells / s))
    read = arithmetic.window_positions(
        length, k, padding, s, d, most_steps=rows, most_taps=math.ceil(cells / d)
    )
    st.altair_chart(
        charts.sliding_window(
            read + before,
            labels,
            before=before,
            length=length,
            cells=cells,
            kinds={kind: ui.t(key) for kind, key in KINDS.items()},
            input_row=ui.t("shapelab.row_input"),
            output_row="y",
            cell_title=ui.t("axis.cell"),
        ),
        width="stretch",
    )
    if cells < total or rows < outputs:
        st.caption(
            ui.t("shapelab.picture_cut", cells=cells, total=total, rows=rows, outputs=outputs)
        )


def pictures(spec: LayerSpec) -> None:
    """One sliding-window picture per spatial axis, then the first axis over a sentence."""
    st.subheader(ui.t("shapelab.picture"))
    strides, dilation = spec.normalised("strides"), spec.normalised("dilation_rate")
    axes = zip(spec.axis_names(), spec.spatial, spec.kernel, strides, dilation, strict=True)
    for axis, size, k, s, d in axes:
        before, after = arithmetic.padding_amounts(size, k, spec.padding, s, d)
        st.caption(
            ui.t(
                "shapelab.picture_caption",
                axis=ui.t(ROLES[axis]),
                size=f"{size:,}",
                k=k,
                s=s,
                d=d,
                padding=spec.padding,
                before=before,
                after=after,
            )
        )
        cells = min(size, charts.WINDOW_CELLS)
        window_picture(size, k, s, d, spec.padding, [str(i) for i in range(cells)])

    st.subheader(ui.t("shapelab.text_picture"))
    k, s, d = spec.kernel[0], strides[0], dilation[0]
    tokens = tokenize(ui.value("sentence"))[:MAX_TOKENS]
    span = arithmetic.receptive_field(k, d)
    if not tokens:
        st.info(ui.t("err.no_words"))
    elif spec.padding == "valid" and len(tokens) < span:
        st.info(ui.t("err.too_few_words", needed=span, words=len(tokens), n=k))
    else:
        words = len(tokens)
        st.caption(ui.t("shapelab.text_caption", words=words, k=k, s=s, d=d, padding=spec.padding))
        window_picture(words, k, s, d, spec.padding, tokens)


def calculator() -> None:
    """Everything about the current layer; explains and returns early if it cannot be built."""
    try:
        spec = current_spec()
    except InputError as err:  # not numbers: nothing Keras could be asked about
        st.warning(err.say(ui.lang()), icon="⚠️")
        return
    try:
        spec.check()
    except InputError as err:
        refusal(spec, err)
        return

    st.subheader(ui.t("shapelab.result"))
    shown = st.columns(3)
    shown[0].metric(
        ui.t("shapelab.output"), show(spec.output_shape), help=ui.t("shapelab.output_help")
    )
    shown[1].metric(
        ui.t("shapelab.kernel"), show(spec.kernel_shape), help=ui.t("shapelab.kernel_help")
    )
    shown[2].metric(ui.t("shapelab.params"), f"{spec.params:,}", help=ui.t("shapelab.params_help"))
    st.code("\n".join(spec.formulas()), language=None)
    st.code(spec.kernel_formula(), language=None, wrap_lines=True)
    st.code(spec.params_formula(), language=None)

    st.markdown(f"**{ui.t('shapelab.axes')}**")
    st.dataframe(axes_table(spec))
    st.caption(
        ui.t(
            "shapelab.axes_caption",
            data_format=spec.data_format,
            axis=spec.channels_axis + 1,
            channels=spec.in_channels,
        )
    )
    keras_panel(spec)
    pictures(spec)


# Legacy translator -------------------------------------------------------------------


def translator() -> None:
    """Paste box, the Keras 3 text, what changed and what was left out, and the whole table."""
    st.subheader(ui.t("shapelab.legacy"))
    st.markdown(ui.t("shapelab.legacy_intro"))
    code = ui.setting(st.text_area, "shape_legacy", max_chars=keras1.MAX_CHARS, height=90)
    columns = {
        "keras1": st.column_config.TextColumn(ui.t("col.keras1")),
        "keras3": st.column_config.TextColumn(ui.t("col.keras3")),
    }
    try:
        result = keras1.translate(code)
    except InputError as err:
        st.warning(err.say(ui.lang()), icon="⚠️")
    else:
        if not result.changes:
            st.info(ui.t("keras1.nothing"))
        st.caption(ui.t("shapelab.legacy_out"))
        st.code(result.code, language="python", wrap_lines=True)
        if result.unknown:
            st.warning(ui.t("keras1.unknown", args=ui.plain(", ".join(result.unknown))))
        for key, params in result.notes:
            st.info(ui.t(key, **{name: ui.plain(str(v)) for name, v in params.items()}))
        if result.changes:
            st.caption(ui.t("shapelab.legacy_changes"))
            st.dataframe(
                pd.DataFrame(result.changes, columns=list(columns)),
                hide_index=True,
                column_config=columns,
            )
    with st.expander(ui.t("shapelab.legacy_table")):
        st.dataframe(
            pd.DataFrame(keras1.mapping(), columns=list(columns)),
            hide_index=True,
            column_config=columns,
        )


ui.page("shapelab.title", "shapelab.intro")
presets()
controls()
calculator()
translator()
