"""The notebook code that gets the page's arrays, in Keras 3, beside the Keras 2 code it replaces.

Generated from the same layer names and input as the page; a test runs it
and compares its arrays with the page's.
"""

from __future__ import annotations

from collections.abc import Sequence

MODEL_FILE = "model.keras"
INPUT_FILE = "input.npy"


def reachable(layers: Sequence[str]) -> list[str]:
    """The layers ``model.get_layer(name).output`` reaches: not those inside a nested model,
    whose outputs Keras keeps in the nested model's own graph (the page opens those itself)."""
    return [name for name in layers if "/" not in name]


def keras3(layers: Sequence[str], sentence: str | None, model_file: str = MODEL_FILE) -> str:
    """Keras 3: one model from the same inputs to the layers, called with ``training=False``."""
    if sentence is not None:
        imports = "import keras\nimport tensorflow as tf\n"
        x = f"x = tf.constant([[{sentence!r}]])  # (1, 1): one string"
    else:
        imports = "import keras\nimport numpy as np\n"
        x = f"x = np.load({INPUT_FILE!r})  # (1, steps, channels), as the page's download"
    return (
        f"{imports}\n"
        f"model = keras.saving.load_model({model_file!r}, safe_mode=True)\n"
        f"names = {list(layers)!r}\n"
        "features = keras.Model(model.inputs, [model.get_layer(n).output for n in names])\n"
        f"{x}\n"
        "arrays = features([x], training=False)  # one (1, steps, channels) array per layer\n"
        "for name, array in zip(names, arrays):\n"
        "    print(name, tuple(array.shape))\n"
    )


KERAS2 = """\
# Keras 2 (the code convlab's question started from): no longer runs in Keras 3.
from keras import backend as K

conv_layers = [layer for layer in model.layers if "conv" in layer.name]
get = K.function([model.input, K.learning_phase()], [layer.output for layer in conv_layers])
arrays = get([x, 0])  # 0 = test phase: no dropout
"""
