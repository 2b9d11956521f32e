"""A saved model's ``config.json`` judged before Keras reads it: what runs, and what is wired how.

Keras rebuilds a model by looking up each ``class_name`` and calling it with
its config, so a config naming a Lambda (Python bytecode), a class outside
Keras or a function from an arbitrary module would run code that did not come
from Keras. :func:`check` walks every serialized object and refuses those,
naming the layer and the class. :func:`graph` reads the layers and their
wiring for the receptive fields, without building anything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from convlab.errors import InputError
from convlab.ownmodel.receptive import Node

MODELS = ("Functional", "Sequential", "Model")
VALUES = frozenset(
    {"__keras_tensor__", "__tensor__", "__numpy__", "__bytes__", "__ellipsis__", "__slice__"}
)
"""Keras's own encodings of values inside a config (no code): kept as they are."""
FUNCTION_MODULES = ("keras.activations", "keras.losses", "keras.metrics")
"""Where a serialized plain function (an activation) may come from."""

LEGACY = "keras.layers"
"""Where a legacy HDF5 config's classes, which name no module, are looked up."""
Known = Callable[[str, str], bool]
"""``known(module, class_name)``: is it a class or function Keras itself defines?"""


def parse(raw: bytes, what: str = "config.json") -> dict:
    """The JSON object in ``raw``; InputError if it is not one."""
    try:
        config = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
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


def _objects(node: Any, layer: str) -> Iterator[tuple[dict, str]]:
    """Every serialized object (a dict with ``class_name``) and the layer it sits in."""
    if isinstance(node, dict):
        if "class_name" in node:
            inner = node.get("config")
            if isinstance(inner, dict) and isinstance(inner.get("name"), str):
                layer = inner["name"]
            yield node, layer
        for value in node.values():
            yield from _objects(value, layer)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _objects(value, layer)


def check(config: dict, known: Known | None = None, *, legacy: bool = False) -> None:
    """InputError naming the layer and class of the first thing that is not plain Keras.

    Refused: Lambda layers and lambdas anywhere; classes whose ``module`` is not
    Keras or that carry a registered name (``package>Name``); functions from
    outside Keras's activations, losses and metrics; names ``known`` says Keras
    does not have; models nested as layers; models with more than one input.
    A ``legacy`` (HDF5) config names no modules: its classes are looked up
    among Keras's public layers and models (``known(LEGACY, name)``).
    """
    top = str(config.get("class_name"))
    for node, layer in _objects(config, "model"):
        name = str(node["class_name"])
        module = str(node.get("module") or "")
        registered = str(node.get("registered_name") or "")
        if name in ("Lambda", "__lambda__"):
            raise InputError("own.lambda", layer=layer)
        if name in VALUES:
            continue
        if name == "function":
            function = str(node.get("config"))
            if module not in FUNCTION_MODULES or (known and not known(module, function)):
                raise InputError("own.custom", layer=layer, name=f"{module}.{function}")
            continue
        if ">" in registered or (module and module.split(".")[0] != "keras"):
            raise InputError("own.custom", layer=layer, name=f"{module}.{name}")
        if not module and not legacy:
            raise InputError("own.custom", layer=layer, name=name)
        if known is not None and not known(module or LEGACY, name):
            raise InputError("own.unknown", layer=layer, name=f"{module}.{name}".lstrip("."))
        if name in MODELS and node is not config:
            raise InputError("own.nested", layer=layer, name=name)
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


def graph(config: dict) -> list[Node]:
    """The model's layers in saved order, each with the layers it reads.

    A Sequential model is a chain; a Functional one names its inputs in each
    layer's ``inbound_nodes``. Keras saves every layer after those it reads.
    """
    body = config.get("config") or {}
    layers = [layer for layer in body.get("layers") or [] if isinstance(layer, dict)]
    sequential = config.get("class_name") == "Sequential"
    if sequential and (not layers or layers[0].get("class_name") != "InputLayer"):
        layers.insert(0, {"class_name": "InputLayer", "config": {"name": "input"}})
    nodes = []
    for i, layer in enumerate(layers):
        if sequential:
            inbound = () if i == 0 else (_name(layers[i - 1]),)
        else:
            inbound = tuple(dict.fromkeys(_sources(layer.get("inbound_nodes") or [])))
        name, class_name = _name(layer), str(layer.get("class_name"))
        nodes.append(Node(name, class_name, layer.get("config") or {}, inbound))
    return nodes
