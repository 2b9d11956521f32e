"""A saved Keras model's ``config.json`` judged before Keras reads it: would loading run code?

Keras rebuilds a model by looking up each ``class_name`` and calling it with
its config, so a config naming a Lambda (Python bytecode), a class outside
Keras or a function from an arbitrary module would run code that did not come
from Keras. :func:`refuse_code` walks every serialized object, nested models
included (their layers are serialized objects like any other), and refuses
those, naming the layer and the class. Every page that takes a model file
(the Train page's ``.keras`` and the Your model page's ``.keras`` or ``.h5``)
checks it here; nothing here imports Keras.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from convlab.errors import InputError

MODELS = frozenset({"Functional", "Sequential", "Model"})
"""Model classes: a model nested in another is one of its layers, its own layers inside."""
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


def objects(node: Any, layer: str = "model") -> Iterator[tuple[dict, str]]:
    """Every serialized object (a dict with ``class_name``) and the path of the layer it sits in.

    The path is the layer's name, and inside a nested model ``outer/inner`` (the
    Your model page names it so); whatever a layer holds (its initializers, its
    activation) counts as the layer's. ``model`` is the model itself. Depth first,
    in file order, with a stack of its own: JSON nested as deep as the parser
    allows must not exhaust Python's.
    """
    stack = [(node, layer)]
    while stack:
        node, layer = stack.pop()
        if isinstance(node, dict):
            if "class_name" in node:
                yield node, layer
            below = []
            for key, value in node.items():
                if key == "layers" and isinstance(value, list):
                    below.extend((entry, _path(layer, entry)) for entry in value)
                else:
                    below.append((value, layer))
            stack.extend(reversed(below))
        elif isinstance(node, list | tuple):
            stack.extend((value, layer) for value in reversed(node))


def _path(model: str, layer: object) -> str:
    inner = layer.get("config") if isinstance(layer, dict) else None
    name = str((inner if isinstance(inner, dict) else {}).get("name") or "?")
    return name if model == "model" else f"{model}/{name}"


def refuse_code(config: dict, known: Known | None = None, *, legacy: bool = False) -> None:
    """InputError naming the layer and class of the first thing that is not plain Keras.

    Refused: Lambda layers and lambdas anywhere; classes whose ``module`` is not
    Keras or that carry a registered name (``package>Name``); functions from
    outside Keras's activations, losses and metrics; names ``known`` says Keras
    does not have (without ``known``, only the module is judged). A ``legacy``
    (HDF5) config names no modules: its classes are looked up among Keras's
    public layers and models (``known(LEGACY, name)``). A nested model passes
    when every class inside it does.
    """
    for node, layer in objects(config):
        name = str(node["class_name"])
        module = str(node.get("module") or "")
        registered = str(node.get("registered_name") or "")
        if name in ("Lambda", "__lambda__"):
            raise InputError("err.model_lambda", layer=layer)
        if name in VALUES:
            continue
        if name == "function":
            function = str(node.get("config"))
            if module not in FUNCTION_MODULES or (known and not known(module, function)):
                raise InputError("err.model_custom", layer=layer, name=f"{module}.{function}")
            continue
        if ">" in registered or (module and module.split(".")[0] != "keras"):
            raise InputError("err.model_custom", layer=layer, name=f"{module}.{name}")
        if not module and not legacy:
            raise InputError("err.model_custom", layer=layer, name=name)
        if known is not None and not known(module or LEGACY, name):
            raise InputError("err.model_unknown", layer=layer, name=f"{module}.{name}".lstrip("."))
