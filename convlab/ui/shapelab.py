"""The Shape lab's views: presets, controls, the Keras check, window pictures, the translator.

Every view reads the same ``shape_*`` settings, which live in the URL; the
formulas (``convlab.shapelab.layerspec``) answer at once, and a real Keras
layer, built on the fly and cached, checks them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from convlab import arithmetic
from convlab.errors import InputError
from convlab.lesson import charts
from convlab.shapelab import groups, keras1, pitfalls
from convlab.shapelab.layerspec import CLASS_NAMES, MAX_TEXT, LayerSpec, show
from convlab.shapelab.windows import Window, transposed_window, window
from convlab.tokenize import MAX_TOKENS, tokenize
from convlab.ui.state import value
from convlab.ui.text import explained, plain, say, t
from convlab.ui.widgets import dataframe, setting

if TYPE_CHECKING:
    from collections.abc import Sequence

    from convlab.shapelab.keras_check import Built, Refused, RoundTrip

ROLES = {
    "batch": "shapelab.role_batch",
    "steps": "shapelab.role_steps",
    "rows": "shapelab.role_rows",
    "cols": "shapelab.role_cols",
    "channels": "shapelab.role_channels",
    "filters": "shapelab.role_filters",
    "features": "shapelab.role_features",
}
"""Catalogue key of what Keras reads each axis as."""

KINDS = {
    "input": "cell.input",
    "pad": "cell.pad",
    "read": "cell.read",
    "read_pad": "cell.read_pad",
    "gap": "cell.gap",
}
"""Catalogue key of each kind of cell in a sliding-window picture's legend."""

VERSION_COLUMNS = {
    "role": "col.role",
    "output": "shapelab.output",
    "kernel": "shapelab.kernel",
    "params": "shapelab.params",
    "keras": "col.keras",
    "code": "col.code",
}
"""A preset's table, in display order: the formulas' figures, Keras's verdict, the code."""

SUMMARY_COLUMNS = {"layer": "col.layer", "output_shape": "col.output_shape", "params": "col.param"}
"""model.summary()'s columns."""

LEGACY_COLUMNS = {"keras1": "col.keras1", "keras3": "col.keras3"}
"""The translator's tables: a Keras 1 name and its Keras 3 name."""


# Keras ----------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=128)
def keras_build(spec: LayerSpec) -> Built | Refused:
    """The layer as Keras builds it, cached: building one costs a moment, importing TF seconds."""
    from convlab.shapelab import keras_check

    return keras_check.build(spec)


def keras_message(built: Built | Refused) -> str | None:
    """Keras's own message if it refused the layer, None if it built it."""
    from convlab.shapelab.keras_check import Refused  # already imported by keras_build

    return built.message if isinstance(built, Refused) else None


def figures(layer: LayerSpec | Built) -> dict[str, str]:
    """Output shape, kernel shape and parameter count as shown, so formulas and Keras match."""
    return {
        "output": show(layer.output_shape),
        "kernel": show(layer.kernel_shape),
        "params": f"{layer.params:,}",
    }


# Controls ------------------------------------------------------------------------------


def transposed() -> bool:
    """Whether the chosen layer is a transposed convolution (output_padding, no groups)."""
    return value("shape_layer").endswith("_transpose")


def current_spec() -> LayerSpec:
    """The layer the controls describe; InputError if a text box does not hold numbers.

    groups goes only to Conv1D/Conv2D and output_padding only to the
    transposes: the page greys out the control the chosen layer does not have.
    """
    return LayerSpec.from_text(
        value("shape_layer"),
        value("shape_input"),
        value("shape_filters"),
        value("shape_kernel"),
        value("shape_strides"),
        value("shape_padding"),
        value("shape_dilation"),
        value("shape_format"),
        1 if transposed() else value("shape_groups"),
        value("shape_output_padding") if transposed() else "None",
    )


def load(spec: LayerSpec) -> None:
    """Put ``spec`` into the controls (a button or preset callback, before they are drawn)."""
    st.session_state.update(
        shape_layer=spec.layer,
        shape_format=spec.data_format,
        shape_input=", ".join(str(size) for size in spec.input_shape),
        shape_groups=spec.groups,
        shape_output_padding=str(spec.output_padding),
        shape_filters=spec.filters,
        shape_kernel=str(spec.kernel_size),
        shape_strides=str(spec.strides),
        shape_padding=spec.padding,
        shape_dilation=str(spec.dilation_rate),
    )


def controls() -> None:
    """The layer, then its settings in two rows of four; each is a URL setting.

    groups (Conv1D/Conv2D) and output_padding (transposes) are greyed out for
    the layer that does not have them, so that no setting is silently ignored.
    """
    with st.container(border=True):
        setting(st.radio, "shape_layer", format_func=CLASS_NAMES.__getitem__, horizontal=True)
        first = st.columns([1.3, 1.3, 1, 1])
        with first[0]:
            setting(st.radio, "shape_format", horizontal=True)
        with first[1]:
            setting(st.text_input, "shape_input", max_chars=MAX_TEXT)
        with first[2]:
            setting(st.number_input, "shape_filters", step=1)
        with first[3]:
            setting(st.number_input, "shape_groups", step=1, disabled=transposed())
        second = st.columns([1, 1, 1.3, 1, 1])
        for column, key in zip(second[:2], ("shape_kernel", "shape_strides"), strict=True):
            with column:
                setting(st.text_input, key, max_chars=MAX_TEXT)
        with second[2]:
            setting(st.radio, "shape_padding", horizontal=True)
        with second[3]:
            setting(st.text_input, "shape_dilation", max_chars=MAX_TEXT)
        with second[4]:
            setting(
                st.text_input,
                "shape_output_padding",
                max_chars=MAX_TEXT,
                disabled=not transposed(),
            )


# Presets -------------------------------------------------------------------------------


def load_preset() -> None:
    """Picker callback: a chosen pitfall puts the layer as the learner wrote it in the controls."""
    key = st.session_state.shape_preset
    if key:
        load(pitfalls.BY_KEY[key].versions[0].spec)


def version_row(version: pitfalls.Version) -> dict[str, str]:
    """One row of a preset's table: the formulas' figures and Keras's verdict."""
    spec = version.spec
    row = {"role": t(version.role), "code": version.code()}
    built = keras_build(spec)
    message = keras_message(built)
    try:
        spec.check()
    except InputError:
        refused = dict.fromkeys(("output", "kernel", "params"), t("shapelab.refused"))
        return row | refused | {"keras": message or "✗"}
    agrees = message is None and built.agrees(spec)
    return row | figures(spec) | {"keras": "✓" if agrees else "✗"}


def load_buttons(versions: Sequence[pitfalls.Version]) -> None:
    """One button per version, so each fix is one click away from the calculator."""
    columns = st.columns(len(versions))
    for i, (column, version) in enumerate(zip(columns, versions, strict=True), start=1):
        column.button(
            f"{t('shapelab.load')} {i} · {t(version.role)}",
            key=f"shape_load_{i}",
            on_click=load,
            args=(version.spec,),
            help=t("shapelab.load_help"),
            icon=":material/upload:",
        )


@st.cache_data(show_spinner=False, max_entries=8)
def round_trip(conv: LayerSpec, transpose: LayerSpec, seed: int) -> RoundTrip:
    """x → conv → transpose on a seeded batch, cached: the same link shows the same numbers."""
    from convlab.shapelab import keras_check

    return keras_check.round_trip(conv, transpose, seed)


def round_trip_caption(preset: pitfalls.Preset) -> None:
    """The measured gap between a batch and what a convolution and its transpose return."""
    first, second = preset.round_trip
    seed = value("seed")
    with st.spinner(t("spinner.keras")):
        measured = round_trip(preset.versions[first].spec, preset.versions[second].spec, seed)
    st.caption(
        t(
            "preset.round_trip",
            seed=seed,
            size=f"{measured.size:.2f}",
            gap=f"{measured.gap:.2f}",
            mean=f"{measured.mean:.2f}",
        )
    )


def preset_panel(preset: pitfalls.Preset, fields: dict[str, str]) -> None:
    """The chosen pitfall's story and fix, every version checked by Keras, and their buttons."""
    with st.container(border=True):
        st.markdown(t(preset.story, **fields))
        st.markdown(f"**{t('preset.fix')}:** {t(preset.fix, **fields)}")
        if preset.round_trip:
            round_trip_caption(preset)
        st.caption(t("shapelab.versions"))
        with st.spinner(t("spinner.keras")):
            rows = [version_row(version) for version in preset.versions]
        frame = pd.DataFrame(rows, index=range(1, len(rows) + 1))
        dataframe(frame, VERSION_COLUMNS, column_order=list(VERSION_COLUMNS))
        load_buttons(preset.versions)


def presets() -> None:
    """The pitfall picker, and for the chosen one its panel."""
    fields = {preset.key: pitfalls.fields(preset) for preset in pitfalls.PRESETS}
    setting(
        st.pills,
        "shape_preset",
        format_func=lambda key: t(pitfalls.BY_KEY[key].title, **fields[key]),
        on_change=load_preset,
    )
    key = value("shape_preset")
    if key:
        preset_panel(pitfalls.BY_KEY[key], fields[key])


# The Keras check -----------------------------------------------------------------------


def refusal(spec: LayerSpec, err: InputError) -> None:
    """Keras's own message for a layer it cannot build, then what to change."""
    if spec.too_big:
        st.caption(t("shapelab.not_built"))
    else:
        with st.spinner(t("spinner.keras")):
            built = keras_build(spec)
        message = keras_message(built)
        if message:
            st.markdown(t("shapelab.keras_says"))
            st.code(message, language=None, wrap_lines=True)
        else:
            shown = figures(built)
            st.info(t("shapelab.keras_builds", output=shown["output"], kernel=shown["kernel"]))
    st.warning(say(err), icon=":material/warning:")


def axes_table(spec: LayerSpec) -> pd.DataFrame:
    """Input and output shapes axis by axis, each size with what Keras reads it as."""
    roles = spec.roles()
    output_roles = [role if role != "channels" else "filters" for role in roles]

    def labelled(shape: Sequence[int | None], names: list[str]) -> list[str]:
        """Each size with its role, so "300" reads as channels and "4" as filters."""
        return [f"{size} ({t(ROLES[name])})" for size, name in zip(shape, names, strict=True)]

    return pd.DataFrame(
        [labelled((None, *spec.input_shape), roles), labelled(spec.output_shape, output_roles)],
        index=[t("shapelab.row_input"), t("shapelab.row_output")],
        columns=[t("shapelab.col_axis", axis=axis) for axis in range(len(roles))],
    )


def keras_summary(built: Built) -> None:
    """The real model's model.summary() rows and total, as a learner would see them in Keras."""
    st.caption(t("shapelab.summary"))
    rows = [
        {"layer": f"{name} ({cls})", "output_shape": shape, "params": f"{params:,}"}
        for name, cls, shape, params in built.summary
    ]
    dataframe(pd.DataFrame(rows), SUMMARY_COLUMNS, hide_index=True)
    st.caption(t("shapelab.total", params=f"{sum(row[3] for row in built.summary):,}"))


def keras_panel(spec: LayerSpec) -> None:
    """The real layer's figures next to the formulas', its summary and the code that builds it."""
    st.subheader(t("shapelab.keras"))
    with st.spinner(t("spinner.keras")):
        built = keras_build(spec)
    message = keras_message(built)
    if message:  # the formulas accepted a layer Keras refuses
        st.error(f"{t('shapelab.keras_says')} {plain(message)}")
        return
    if built.agrees(spec):
        st.success(t("shapelab.keras_agrees", **figures(built)))
    else:
        st.error(t("shapelab.keras_differs", **figures(built)))
    keras_summary(built)
    with st.expander(t("shapelab.code")):
        st.code(spec.code(), language="python")


# Pictures ------------------------------------------------------------------------------


def window_picture(shown: Window, labels: Sequence[str]) -> None:
    """The first windows along one axis, its cells labelled by ``labels``; says what is cut."""
    st.altair_chart(
        charts.sliding_window(
            shown.read,
            labels,
            before=shown.before,
            length=shown.length,
            cells=shown.cells,
            kinds={kind: t(key) for kind, key in KINDS.items()},
            input_row=t("shapelab.row_input"),
            output_row="y",
            cell_title=t("axis.cell"),
        ),
        width="stretch",
    )
    if shown.cut:
        st.caption(
            t(
                "shapelab.picture_cut",
                cells=shown.cells,
                total=shown.total,
                rows=shown.rows,
                outputs=shown.outputs,
            )
        )


def axis_picture(axis: str, size: int, k: int, s: int, d: int, padding: str) -> None:
    """One spatial axis's windows over its cell indices, under a caption with its padding."""
    shown = window(size, k, s, d, padding)
    st.caption(
        t(
            "shapelab.picture_caption",
            axis=t(ROLES[axis]),
            size=f"{size:,}",
            k=k,
            s=s,
            d=d,
            padding=padding,
            before=shown.before,
            after=shown.after,
        )
    )
    window_picture(shown, [str(i) for i in range(min(size, shown.cells))])


def sentence_picture(k: int, s: int, d: int, padding: str) -> None:
    """The first axis's windows over the lesson's sentence, one word per cell."""
    st.subheader(t("shapelab.text_picture"))
    tokens = tokenize(value("sentence"), value("tokenizer"))[:MAX_TOKENS]
    span = arithmetic.receptive_field(k, d)
    if not tokens:
        st.info(t("err.no_words"))
    elif padding == "valid" and len(tokens) < span:
        st.info(t("err.too_few_words", needed=span, words=len(tokens), n=k))
    else:
        st.caption(t("shapelab.text_caption", words=len(tokens), k=k, s=s, d=d, padding=padding))
        window_picture(window(len(tokens), k, s, d, padding), tokens)


def transposed_picture(axis: str, size: int, k: int, s: int, d: int, spec: LayerSpec) -> None:
    """A transposed axis: the windows of a stride-1 convolution on the stride-dilated input."""
    op = spec.normalised("output_padding")[spec.axis_names().index(axis)]
    shown, labels = transposed_window(size, k, s, d, spec.padding, op)
    st.caption(
        t(
            "shapelab.transposed_caption",
            axis=t(ROLES[axis]),
            size=f"{size:,}",
            zeros=s - 1,
            spread=f"{shown.length:,}",
            k=k,
            d=d,
            before=shown.before,
            after=shown.after,
            outputs=f"{shown.outputs:,}",
        )
    )
    window_picture(shown, labels)


def pictures(spec: LayerSpec) -> None:
    """One sliding-window picture per known spatial axis, then the first axis over a sentence.

    A None axis has no cells to draw: the reader is told so. Transposed
    layers show their windows over the stride-dilated input; the sentence
    picture is for the convolutions that read words.
    """
    st.subheader(t("shapelab.picture"))
    strides, dilation = spec.normalised("strides"), spec.normalised("dilation_rate")
    axes = zip(spec.axis_names(), spec.spatial, spec.kernel, strides, dilation, strict=True)
    for axis, size, k, s, d in axes:
        if size is None:
            st.caption(t("shapelab.picture_none", axis=t(ROLES[axis])))
        elif spec.transposed:
            transposed_picture(axis, size, k, s, d, spec)
        else:
            axis_picture(axis, size, k, s, d, spec.padding)
    if not spec.transposed:
        sentence_picture(spec.kernel[0], strides[0], dilation[0], spec.padding)


def groups_picture(spec: LayerSpec) -> None:
    """Which input channels feed which filters, when the channels are split into groups."""
    st.subheader(t("shapelab.groups"))
    reads = groups.feeds(spec.in_channels, spec.filters, spec.groups)
    st.caption(
        t(
            "shapelab.groups_caption",
            groups=spec.groups,
            channels=spec.in_channels,
            filters=spec.filters,
            per_group=spec.group_channels,
            filters_per_group=spec.filters // spec.groups,
        )
    )
    st.altair_chart(
        groups.chart(
            reads,
            channel_title=t("shapelab.role_channels"),
            filter_title=t("shapelab.role_filters"),
            read=t("cell.read"),
        ),
        width="content",
    )
    if reads.shape != (spec.filters, spec.in_channels):
        rows, columns = reads.shape
        st.caption(t("shapelab.groups_cut", filters=rows, channels=columns, total=spec.in_channels))


# Keras 1 translator ---------------------------------------------------------------------


def legacy_table(rows: Sequence[tuple[str, str]]) -> None:
    """Keras 1 names beside their Keras 3 names: what was changed, or everything that would be."""
    frame = pd.DataFrame(rows, columns=list(LEGACY_COLUMNS))
    dataframe(frame, LEGACY_COLUMNS, hide_index=True)


def translation(result: keras1.Translation) -> None:
    """The Keras 3 text, then what it could not carry over, notes, and what it changed."""
    if not result.changes and not result.notes:
        st.info(t("keras1.nothing"))
    st.caption(t("shapelab.legacy_out"))
    st.code(result.code, language="python", wrap_lines=True)
    if result.unknown:
        st.warning(t("keras1.unknown", args=plain(", ".join(result.unknown))))
    for key, params in result.notes:
        st.info(t(key, **{name: plain(str(v)) for name, v in params.items()}))
    if result.changes:
        st.caption(t("shapelab.legacy_changes"))
        legacy_table(result.changes)


def translator() -> None:
    """Paste box, its translation (or why there is none), and the whole table of names."""
    st.subheader(t("shapelab.legacy"))
    st.markdown(t("shapelab.legacy_intro"))
    code = setting(st.text_area, "shape_legacy", max_chars=keras1.MAX_CHARS, height=90)
    with explained("warn"):  # the table below still helps
        translation(keras1.translate(code))
    with st.expander(t("shapelab.legacy_table")):
        legacy_table(keras1.mapping())
