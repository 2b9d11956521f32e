"""Keras code a learner can paste into a notebook to get the page's numbers.

Generated from the same settings the page runs, and executed by the tests, so
the snippet can never drift from what the app computes.
"""

from __future__ import annotations

from convlab.lesson.layer import ConvLayer
from convlab.tokenize import MAX_TOKENS
from convlab.vectors import gensim_data
from convlab.vectors.sets import BUILTINS, OOV_SCALE, VectorSet

CSV_NAME = "convlab-embedding.csv"

_OOV_ROWS = {
    "zero": """    else:  # OOV policy "zero": an unknown token is a row of zeros
        rows.append(np.zeros(kv.vector_size, np.float32))
""",
    "skip": '    # OOV policy "skip": an unknown token gets no row at all\n',
    "random": """    else:  # OOV policy "random": uniform in ±{scale}, seeded by seed and token
        rng = np.random.default_rng([{seed}, zlib.crc32(token.encode("utf-8"))])
        rows.append(rng.uniform(-{scale}, {scale}, kv.vector_size).astype(np.float32))
""",
}


def _vectors(vs: VectorSet) -> str:
    """The line that loads the page's word vectors, and where they come from."""
    if vs.name in BUILTINS:
        return f'kv = resolve("{vs.name}").kv  # convlab\'s built-in {vs.name}: offline\n'
    if gensim_data.split(vs.name):
        return f'kv = resolve("{vs.name}").kv  # gensim-data: downloaded once, then from disk\n'
    return (
        f"kv = resolve({vs.source!r}, limit={vs.meta['limit']}).kv"
        "  # your own file, next to the notebook\n"
    )


def embedding(sentence: str, vs: VectorSet, oov: str, seed: int, tokenizer: str) -> str:
    """The sentence looked up in the page's vectors, row by row, under the page's OOV policy.

    The vectors load through convlab's own reader (``resolve``), which hands
    back a gensim ``KeyedVectors``: gensim alone cannot give the same table
    offline. The built-in sets are pruned, float16-stored tables shipped as
    ``.npz`` files, not any gensim-data download, and the tokenizer is
    convlab's (Penn-Treebank clitics, jieba for Chinese). The lookup and the
    OOV policy, the part the page teaches, are written out in NumPy.
    """
    policy = _OOV_ROWS[oov].format(seed=seed, scale=OOV_SCALE)
    return f"""{"import zlib" + chr(10) * 2 if oov == "random" else ""}import numpy as np
from convlab.tokenize import tokenize
from convlab.vectors.sets import resolve

{_vectors(vs)}tokens = tokenize({sentence!r}, "{tokenizer}")[:{MAX_TOKENS}]
rows = []
for token in tokens:
    if token in kv:
        rows.append(kv[token])
{policy}# The rows stacked: the (words, D) sentence matrix
x = np.array(rows, dtype=np.float32).reshape(len(rows), kv.vector_size)
found = sum(token in kv for token in tokens)
print(len(tokens), "tokens,", found, "with a vector:", x.shape)
# Each row's norm, as the token table shows it
print([round(float(norm), 3) for norm in np.linalg.norm(x, axis=1)])
"""


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


def _padded(conv: ConvLayer, words: int) -> str:
    """Code for the zero-padded (rows, D) sentence matrix, as Keras pads it."""
    before, after = conv.word_padding(words)
    return f"padded = np.pad(x[0], (({before}, {after}), (0, 0)))  # zero rows Keras adds\n"


def _activation(conv: ConvLayer, name: str) -> str:
    return f"{name} = np.maximum({name}, 0)  # relu\n" if conv.activation == "relu" else ""


def walkthrough(conv: ConvLayer, words: int, dim: int, t: int, f: int) -> str:
    """Continue the Conv1D snippet: step t of filter f, taken apart as the walkthrough shows it."""
    rows = ", ".join(str(t * conv.strides + i * conv.dilation) for i in range(conv.n))
    return f"""import numpy as np

kernel, bias = conv1d.get_weights()
{_padded(conv, words)}window = padded[[{rows}]]  # ({conv.n}, {dim}): the rows step {t} reads
products = window * kernel[:, :, {f}]  # ({conv.n}, {dim}): the product panel
sums = products.sum(axis=1)  # each row's sum
cell = sums.sum() + bias[{f}]
{_activation(conv, "cell")}print([round(float(v), 4) for v in sums], round(float(cell), 4))
print(round(float(y1[0, {t}, {f}]), 4))  # Keras's output cell
"""


def form(name: str, conv: ConvLayer, words: int, dim: int) -> str | None:
    """Continue the Conv1D snippet: one of the other roads, and its max |Δ| to Conv1D.

    None if the form cannot express the layer (see ``forms.cannot``); the
    (n, D) Conv2D is :func:`conv2d`.
    """
    from convlab.lesson import forms

    if forms.cannot(name, conv):
        return None
    n, f, s, d = conv.n, conv.filters, conv.strides, conv.dilation
    steps = conv.steps(words)
    before, after = conv.word_padding(words)
    padded = before or after
    act = f'activation="{conv.activation}"'
    head = "kernel, bias = conv1d.get_weights()\n"
    if name == "conv2d_channels":
        pad = f"row = keras.layers.ZeroPadding2D(((0, 0), ({before}, {after})))(row)\n"
        return head + (
            f"row = x.reshape(1, 1, {words}, {dim})  # one row of {words} pixels, {dim} channels\n"
            f"{pad if padded else ''}"
            f"channels = keras.layers.Conv2D({f}, (1, {n}), strides=(1, {s}), "
            f"dilation_rate=(1, {d}), {act})\n"
            f"channels.build(row.shape)\n"
            f"channels.set_weights([kernel.reshape(1, {n}, {dim}, {f}), bias])\n"
            f"y3 = channels(row)  # (1, 1, {steps}, {f})\n"
            f"print(float(keras.ops.max(keras.ops.abs(y1 - y3[:, 0]))))\n"
        )
    if name == "kim":
        pad = (
            f"image = keras.layers.ZeroPadding2D((({before}, {after}), (0, 0)), "
            f'data_format="channels_first")(image)\n'
        )
        return head + (
            "import tensorflow as tf\n\n"
            f"image = x.reshape(1, 1, {words}, {dim})  # (batch, channels=1, words, D)\n"
            f"{pad if padded else ''}"
            f"kim = keras.layers.Conv2D({f}, ({n}, {dim}), strides=({s}, 1), "
            f'dilation_rate=({d}, 1), data_format="channels_first", {act})\n'
            f"kim.build(image.shape)\n"
            f"kim.set_weights([kernel.reshape({n}, {dim}, 1, {f}), bias])\n"
            "# TensorFlow's CPU Conv2D runs channels_first only when compiled with XLA\n"
            f"y4 = tf.function(kim, jit_compile=True)(image)  # (1, {f}, {steps}, 1)\n"
            "y4 = keras.ops.transpose(y4[:, :, :, 0], (0, 2, 1))  # (1, steps, F)\n"
            "print(float(keras.ops.max(keras.ops.abs(y1 - y4))))\n"
        )
    if name == "jacovi":
        pad = f"flat = keras.layers.ZeroPadding1D(({before * dim}, {after * dim}))(flat)\n"
        return head + (
            f"flat = x.reshape(1, {words * dim}, 1)  # the sentence as one long row\n"
            f"{pad if padded else ''}"
            f"jacovi = keras.layers.Conv1D({f}, {n * dim}, strides={s * dim}, {act})\n"
            f"jacovi.build(flat.shape)\n"
            f"jacovi.set_weights([kernel.reshape({n * dim}, 1, {f}), bias])\n"
            f"y5 = jacovi(flat)  # (1, {steps}, {f})\n"
            "print(float(keras.ops.max(keras.ops.abs(y1 - y5))))\n"
        )
    return (
        head
        + "import numpy as np\n\n"
        + _padded(conv, words)
        + f"rows = np.arange({steps})[:, None] * {s} + np.arange({n})[None, :] * {d}\n"
        + f"cols = padded[rows].reshape({steps}, {n * dim})  # im2col: one window per row\n"
        + f"y6 = cols @ kernel.reshape({n * dim}, {f}) + bias  # ({steps}, {f}): one GEMM\n"
        + _activation(conv, "y6")
        + "print(float(np.abs(np.asarray(y1)[0] - y6).max()))\n"
    )
