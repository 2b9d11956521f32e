"""The notebook code that gets the page's arrays, in Keras 3, beside the Keras 2 code it replaces.

Generated from the same layer names and input as the page; a test runs it
and compares its arrays with the page's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from convlab.model_config import MODELS
from convlab.ownmodel.receptive import Node

MODEL_FILE = "model.keras"
INPUT_FILE = "input.npy"


@dataclass(frozen=True)
class Opened:
    """A model nested in the loaded one: the code calls its shown layers on what feeds it."""

    name: str
    feed: str
    """The outer layer whose output the nested model reads."""
    layers: tuple[str, ...]
    """Its shown layers, by their own names."""


def reachable(graph: Sequence[Node], layers: Sequence[str]) -> tuple[list[str], list[Opened]]:
    """The shown layers the code can return, and the nested models it opens to reach some.

    ``model.get_layer(name).output`` reaches the outer layers. A nested model's
    layers have outputs only in its own graph; the code reaches them by calling
    them (its own ``keras.Model``) on the output of the one outer layer that
    feeds it. Deeper nesting, several feeding layers, or a feed that is itself
    a nested model: only the page shows those layers.
    """
    nodes = {node.name: node for node in graph}
    inner: dict[str, list[str]] = {}
    for name in layers:
        if name.count("/") == 1:
            block, layer = name.split("/")
            inner.setdefault(block, []).append(layer)
    opened = []
    for block, names in inner.items():
        feeds = {
            source
            for node in graph
            if node.name.rsplit("/", 1)[0] == block and node.class_name == "InputLayer"
            for source in node.inbound
        }
        feed = next(iter(feeds)) if len(feeds) == 1 else ""
        if feed and "/" not in feed and nodes[feed].class_name not in MODELS:
            opened.append(Opened(block, feed, tuple(names)))
    kept = {f"{o.name}/{layer}" for o in opened for layer in o.layers}
    return [name for name in layers if "/" not in name or name in kept], opened


def keras3(
    layers: Sequence[str],
    sentence: str | None,
    model_file: str = MODEL_FILE,
    opened: Sequence[Opened] = (),
) -> str:
    """Keras 3: one model from the same inputs to the layers, called with ``training=False``."""
    if sentence is not None:
        imports = "import keras\nimport tensorflow as tf\n"
        x = f"x = tf.constant([[{sentence!r}]])  # (1, 1): one string"
    else:
        imports = "import keras\nimport numpy as np\n"
        x = f"x = np.load({INPUT_FILE!r})  # (1, steps, channels), as the page's download"
    if opened:
        outputs = "tensors = {n: model.get_layer(n).output for n in names if '/' not in n}\n"
        outputs += "".join(_open(block) for block in opened)
        outputs += "features = keras.Model(model.inputs, {n: tensors[n] for n in names})\n"
    else:
        outputs = (
            "features = keras.Model(model.inputs, {n: model.get_layer(n).output for n in names})\n"
        )
    return (
        f"{imports}\n"
        f"model = keras.saving.load_model({model_file!r}, safe_mode=True)\n"
        f"names = {list(layers)!r}\n"
        f"{outputs}"
        f"{x}\n"
        "arrays = features([x], training=False)  # {name: (1, steps, channels) array}\n"
        "for name in names:\n"
        "    print(name, tuple(arrays[name].shape))\n"
    )


def _open(block: Opened) -> str:
    return (
        f"# {block.name!r} is a model inside this one: Keras keeps its layers' outputs in its own\n"
        "# graph, so call them (same weights) on what the outer model feeds it.\n"
        f"nested = model.get_layer({block.name!r})\n"
        f"inner = {list(block.layers)!r}\n"
        "inside = keras.Model(nested.inputs, {n: nested.get_layer(n).output for n in inner})\n"
        f"opened = inside(model.get_layer({block.feed!r}).output)\n"
        f"tensors.update({{{block.name + '/'!r} + n: t for n, t in opened.items()}})\n"
    )


KERAS2 = """\
# Keras 2 (the code convlab's question started from): no longer runs in Keras 3.
from keras import backend as K

conv_layers = [layer for layer in model.layers if "conv" in layer.name]
get = K.function([model.input, K.learning_phase()], [layer.output for layer in conv_layers])
arrays = get([x, 0])  # 0 = test phase: no dropout
"""
