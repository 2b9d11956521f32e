"""Keras code a learner can paste into a notebook to get the page's numbers.

Generated from the same settings the page runs, and executed by the tests, so
the snippet can never drift from what the app computes.
"""

from __future__ import annotations

from convlab.lesson.layer import ConvLayer

CSV_NAME = "convlab-embedding.csv"


def _initializer(conv: ConvLayer) -> str:
    if conv.init == "ones":
        return '"ones"'
    return f"keras.initializers.GlorotUniform(seed={conv.seed})"


def conv1d(conv: ConvLayer, words: int, dim: int) -> str:
    """Load the downloaded sentence matrix and run the page's Conv1D on it."""
    steps = conv.steps(words)
    return f'''import keras
import pandas as pd

# The ({words}, {dim}) sentence matrix, downloaded from the Embed page
x = pd.read_csv("{CSV_NAME}", index_col=0).to_numpy("float32")[None]  # (1, {words}, {dim})

conv1d = keras.layers.Conv1D(
    filters={conv.filters},
    kernel_size={conv.n},
    strides={conv.strides},
    padding="{conv.padding}",
    dilation_rate={conv.dilation},
    activation="{conv.activation}",
    kernel_initializer={_initializer(conv)},
)
y1 = conv1d(x)
# kernel ({conv.n}, {dim}, {conv.filters}), output (1, {steps}, {conv.filters})
print(conv1d.kernel.shape, y1.shape)
'''


def conv2d(conv: ConvLayer, words: int, dim: int) -> str:
    """Continue the Conv1D snippet: the same weights as an (n, D) Conv2D on a 1-channel image."""
    steps = conv.steps(words)
    before, after = conv.word_padding(words)
    pad = (
        f"image = keras.layers.ZeroPadding2D((({before}, {after}), (0, 0)))(image)"
        "  # pad the word axis only\n"
        if before or after
        else ""
    )
    return f'''kernel, bias = conv1d.get_weights()
image = x.reshape(1, {words}, {dim}, 1)  # (batch, words, D, channels=1)
{pad}conv2d = keras.layers.Conv2D(
    filters={conv.filters},
    kernel_size=({conv.n}, {dim}),
    strides=({conv.strides}, 1),
    padding="valid",
    dilation_rate=({conv.dilation}, 1),
    activation="{conv.activation}",
)
conv2d.build(image.shape)
conv2d.set_weights([kernel.reshape({conv.n}, {dim}, 1, {conv.filters}), bias])
y2 = conv2d(image)  # (1, {steps}, 1, {conv.filters})
print(float(keras.ops.max(keras.ops.abs(y1 - y2[:, :, 0, :]))))
'''
