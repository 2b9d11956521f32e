"""The Shape lab's settings: its own keys, so the lesson's n, filters, padding... stay apart."""

from __future__ import annotations

from convlab.arithmetic import PADDINGS
from convlab.setting import Setting, clipped
from convlab.shapelab import keras1, layerspec, paste, pitfalls

SETTINGS = {
    "shape_preset": Setting(None, choices=pitfalls.KEYS),
    "shape_layer": Setting("conv1d", choices=layerspec.LAYERS),
    "shape_format": Setting("channels_last", choices=layerspec.DATA_FORMATS),
    "shape_input": Setting("9, 300", text=layerspec.checked_text),
    "shape_filters": Setting(4, range=(1, layerspec.MAX_FILTERS)),
    "shape_kernel": Setting("3", text=layerspec.checked_text),
    "shape_strides": Setting("1", text=layerspec.checked_text),
    "shape_padding": Setting("valid", choices=PADDINGS),
    "shape_dilation": Setting("1", text=layerspec.checked_text),
    "shape_groups": Setting(1, range=(1, layerspec.MAX_FILTERS)),
    "shape_output_padding": Setting("None", text=layerspec.checked_optional),
    "shape_legacy": Setting(keras1.EXAMPLE, text=clipped(keras1.MAX_CHARS)),
    "shape_model": Setting(paste.EXAMPLES["image"], text=clipped(paste.MAX_CHARS)),
}
