"""Shape lab: any convolution's output, kernel and parameters, with formulas, checked by Keras.

Conv1D/Conv2D and their transposes, with every argument Keras has (None
axes, groups, output_padding). The formulas come from
``convlab.shapelab.layerspec`` (pure Python, instant); every figure is then
compared with a real Keras layer built on the fly. The pitfall presets, the
sliding-window pictures, the pasted model and the Keras 1 translator all read
settings that live in the URL under ``shape_*`` keys.
"""

import streamlit as st

from convlab import ui
from convlab.errors import InputError
from convlab.shapelab.layerspec import LayerSpec
from convlab.ui import paste_view, shapelab


def result(spec: LayerSpec) -> None:
    """The three figures, the formulas that give them, and every axis with its role."""
    st.subheader(ui.t("shapelab.result"))
    labels = (
        ("shapelab.output", "shapelab.output_help"),
        ("shapelab.kernel", "shapelab.kernel_help"),
        ("shapelab.params", "shapelab.params_help"),
    )
    for column, (label, why), figure in zip(
        st.columns(3), labels, shapelab.figures(spec).values(), strict=True
    ):
        column.metric(ui.t(label), figure, help=ui.t(why))
    st.code("\n".join(spec.formulas()), language=None)
    st.code(spec.kernel_formula(), language=None, wrap_lines=True)
    st.code(spec.params_formula(), language=None)

    st.markdown(f"**{ui.t('shapelab.axes')}**")
    st.dataframe(shapelab.axes_table(spec))
    st.caption(
        ui.t(
            "shapelab.axes_caption",
            data_format=spec.data_format,
            axis=spec.channels_axis + 1,
            channels=spec.in_channels,
        )
    )


def calculator() -> None:
    """Everything about the current layer; explains and returns early if it cannot be built.

    It returns rather than stopping the page: the translator below works either way.
    """
    try:
        spec = shapelab.current_spec()
    except InputError as err:  # not numbers: nothing Keras could be asked about
        st.warning(ui.say(err), icon=":material/warning:")
        return
    try:
        spec.check()
    except InputError as err:
        shapelab.refusal(spec, err)
        return
    result(spec)
    shapelab.keras_panel(spec)
    if spec.groups > 1:
        shapelab.groups_picture(spec)
    shapelab.pictures(spec)


shapelab.presets()
shapelab.controls()
calculator()
paste_view.model_paste()
shapelab.translator()
