"""The shape table: one row per layer, every axis named, every Conv1D's figures derived.

Pure Python on what the built model reports (:class:`LayerInfo`). Each Conv1D
is rebuilt as a :class:`convlab.shapelab.layerspec.LayerSpec` so that its
new_steps formula, kernel shape and parameter count come from the same
arithmetic as the Shape lab, and each is checked against the real layer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from convlab.ownmodel.receptive import Field, Node, window
from convlab.shapelab.layerspec import LayerSpec, show

STEPS_IN = frozenset({"InputLayer", "TextVectorization"})
AXES = ("batch", "steps", "channels", "filters", "features", "text", "unknown")
"""What an axis can mean; the page shows each through ``own.axis.<name>``."""
COLUMNS = (
    *("layer", "class", "output_shape", "axes", "params"),
    *("kernel", "formula", "params_formula", "data_format", "field", "jump", "agrees"),
    *("filter", "rank", "span", "activation", "ngram", "position", "id", "token", "oov"),
)
"""Every column the page's tables head through ``own.col.<name>``."""


@dataclass(frozen=True)
class LayerInfo:
    """One layer of a built model, as numbers."""

    name: str
    class_name: str
    output_shape: tuple[int | None, ...]
    params: int
    config: Mapping[str, Any]
    kernel_shape: tuple[int, ...] | None
    input_shape: tuple[int | None, ...] | None


def channels_first(config: Mapping[str, Any], model: bool) -> bool:
    """Whether a layer's (batch, ·, ·) output is (batch, channels, steps): its own
    ``data_format`` if it has one, else the model's (an activation keeps its input's order)."""
    return config.get("data_format", "channels_first" if model else "") == "channels_first"


def axes(info: LayerInfo, text: bool, first: bool = False) -> list[str]:
    """What each output axis of a layer means: batch, steps, channels, filters or features.

    ``first``: the model reads (batch, channels, steps), as its channels_first Conv1D do.
    """
    rank = len(info.output_shape)
    if rank <= 1:
        return ["batch"][:rank]
    if info.class_name == "InputLayer" and info.config.get("dtype") == "string":
        return ["batch", "text", *["unknown"] * (rank - 2)][:rank]
    if rank == 2:
        steps = info.class_name in STEPS_IN and (text or info.class_name == "InputLayer")
        return ["batch", "steps" if steps else "features"]
    last = "filters" if info.class_name == "Conv1D" else "channels"
    if rank == 3 and channels_first(info.config, first):
        return ["batch", last, "steps"]
    return ["batch", "steps", last] + ["unknown"] * (rank - 3)


def spec(info: LayerInfo, steps: int) -> LayerSpec:
    """The Conv1D as the Shape lab's LayerSpec, on an input of ``steps`` steps."""
    c = info.config
    first = c.get("data_format") == "channels_first"
    in_ch = info.kernel_shape[1] if info.kernel_shape else 0
    win = window("Conv1D", c)
    assert win is not None
    return LayerSpec(
        layer="conv1d",
        input_shape=(in_ch, steps) if first else (steps, in_ch),
        filters=int(c["filters"]),
        kernel_size=win.kernel,
        strides=win.stride,
        padding=win.padding,
        dilation_rate=win.dilation,
        data_format=str(c.get("data_format", "channels_last")),
    )


def steps_into(graph: Sequence[Node], fields: Mapping[str, Field | None]) -> dict[str, int]:
    """Each layer's input steps for this input: the rows of the layer it reads."""
    out = {}
    for node in graph:
        if len(node.inbound) == 1 and fields.get(node.inbound[0]) is not None:
            out[node.name] = fields[node.inbound[0]].rows  # type: ignore[union-attr]
    return out


def conv_rows(
    infos: Sequence[LayerInfo], graph: Sequence[Node], fields: Mapping[str, Field | None]
) -> list[dict[str, Any]]:
    """Per Conv1D: kernel, formula, params and data_format, each checked against the layer."""
    steps = steps_into(graph, fields)
    rows = []
    for info in infos:
        if info.class_name != "Conv1D" or info.name not in steps:
            continue
        s = spec(info, steps[info.name])
        field = fields.get(info.name)
        out_steps = s.output_sizes()[0]
        agrees = (
            s.kernel_shape == info.kernel_shape
            and s.params == info.params
            and (field is None or field.rows == out_steps)
            and all(
                want in (None, got)
                for want, got in zip(info.output_shape, s.output_shape, strict=True)
            )
        )
        rows.append(
            {
                "layer": info.name,
                "kernel": show(info.kernel_shape or ()),
                "formula": s.formulas()[0].removeprefix("steps: "),
                "params": s.params_formula(),
                "data_format": s.data_format,
                "field": None if field is None else field.size,
                "jump": None if field is None else field.jump,
                "agrees": agrees,
            }
        )
    return rows


def layer_rows(infos: Sequence[LayerInfo], text: bool, first: bool = False) -> pd.DataFrame:
    """One row per layer: name, class, output shape, the meaning of each axis, parameters."""
    return pd.DataFrame(
        {
            "layer": [i.name for i in infos],
            "class": [i.class_name for i in infos],
            "output_shape": [show(i.output_shape) for i in infos],
            "axes": [axes(i, text, first) for i in infos],
            "params": [i.params for i in infos],
        }
    )
