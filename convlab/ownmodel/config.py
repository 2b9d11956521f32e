"""A saved model's ``config.json`` judged before Keras reads it: what runs, and what is wired how.

:func:`check` refuses what :mod:`convlab.model_config` refuses (code, classes
outside Keras) and what this page cannot take (no model, several inputs).
:func:`graph` reads the layers and their wiring for the receptive fields,
without building anything; a model nested as a layer is opened into its own
layers, each named by its path (``block/conv``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from convlab import model_config
from convlab.errors import InputError
from convlab.ownmodel.receptive import Node

Known = model_config.Known
LEGACY = model_config.LEGACY


def parse(raw: bytes, what: str = "config.json") -> dict:
    """The JSON object in ``raw``; InputError if it is not one."""
    try:
        config = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
        raise InputError("own.not_json", member=what) from err
    if not isinstance(config, dict) or "class_name" not in config:
        raise InputError("own.not_json", member=what)
    return config


def parse_meta(raw: bytes) -> dict | None:
    """convlab's own ``convlab.json`` (vocabulary, training length); None if it is not usable."""
    try:
        meta = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(meta, dict) or not isinstance(meta.get("vocabulary"), list):
        return None
    return meta


def check(config: dict, known: Known | None = None, *, legacy: bool = False) -> None:
    """InputError naming the layer and class of the first thing this page cannot take.

    Refused: whatever :func:`convlab.model_config.refuse_code` refuses (code,
    classes outside Keras, names ``known`` says Keras does not have, inside
    nested models too); a file that holds no model; more than one input.
    """
    model_config.refuse_code(config, known, legacy=legacy)
    top = str(config.get("class_name"))
    if top not in ("Functional", "Sequential"):
        raise InputError("own.not_model", name=top)
    inputs = [n for n in graph(config) if not n.inbound]
    if len(inputs) != 1:
        raise InputError("own.inputs", count=len(inputs), names=", ".join(n.name for n in inputs))


def _sources(node: Any) -> Iterator[str]:
    """The layer names a layer's inbound nodes read (``keras_history[0]`` of each tensor)."""
    if isinstance(node, dict):
        inner = node.get("config")
        if node.get("class_name") == "__keras_tensor__" and isinstance(inner, dict):
            history = inner.get("keras_history")
            if isinstance(history, list | tuple) and history:
                yield str(history[0])
            return
        for value in node.values():
            yield from _sources(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _sources(value)


def _name(layer: dict) -> str:
    return str(layer.get("name") or (layer.get("config") or {}).get("name"))


def graph(config: dict, path: str = "", feed: tuple[str, ...] = ()) -> list[Node]:
    """The model's layers in saved order, each with the layers it reads.

    A Sequential model is a chain; a Functional one names its inputs in each
    layer's ``inbound_nodes``. Keras saves every layer after those it reads.
    A nested model (``path`` its name and a slash, ``feed`` what it reads in
    the model around it) is its own layers, its input layers reading ``feed``,
    then a node of its own that reads its output layers.
    """
    body = config.get("config") or {}
    layers = [layer for layer in body.get("layers") or [] if isinstance(layer, dict)]
    sequential = config.get("class_name") == "Sequential"
    if sequential and (not layers or layers[0].get("class_name") != "InputLayer"):
        layers.insert(0, {"class_name": "InputLayer", "config": {"name": "input"}})
    nodes: list[Node] = []
    for i, layer in enumerate(layers):
        if sequential:
            inbound = () if i == 0 else (path + _name(layers[i - 1]),)
        else:
            reads = dict.fromkeys(_sources(layer.get("inbound_nodes")))
            inbound = tuple(path + source for source in reads)
        name, class_name = path + _name(layer), str(layer.get("class_name"))
        if class_name == "InputLayer":
            inbound = feed
        if class_name in model_config.MODELS:
            inner = graph(layer, f"{name}/", inbound)
            nodes.extend(inner)
            inbound = _outputs(layer, f"{name}/", inner)
        nodes.append(Node(name, class_name, layer.get("config") or {}, inbound))
    return nodes


def _outputs(model: dict, path: str, nodes: list[Node]) -> tuple[str, ...]:
    """The layers a nested model's output comes from: its last (Sequential) or its output layers."""
    if model.get("class_name") == "Sequential":
        return (nodes[-1].name,) if nodes else ()
    named = (model.get("config") or {}).get("output_layers") or []
    if named and isinstance(named[0], str):  # one output: [name, node, tensor]
        named = [named]
    return tuple(path + str(out[0]) for out in named if isinstance(out, list) and out)
