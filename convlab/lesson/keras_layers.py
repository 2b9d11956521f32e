"""Conv1D over a sentence and its two Conv2D twins, run as real Keras layers.

Importing this module imports TensorFlow (seconds, hundreds of MB), so only
the pages and commands that run a layer import it.

The twins, for a (words, D) sentence matrix and a Conv1D kernel (n, D, F):

- "image" form: the matrix is a one-channel image (1, words, D, 1) and the
  kernel (n, D, 1, F) covers the whole width D, so it can only slide down;
- "channels" form: the matrix is one row of pixels (1, 1, words, D) with D
  channels and a (1, n) kernel, which is what Conv1D really is.

"same" and "causal" padding are built by padding the word axis alone with
``ZeroPadding2D`` and then convolving "valid": ``Conv2D(padding="same")``
would pad the embedding axis as well (see :func:`conv2d_same`).
"""

from __future__ import annotations

import numpy as np

from convlab.keras_runtime import keras, layer_work
from convlab.lesson.layer import ConvLayer

DTYPES = ("float32", "float64")


def _initializer(conv: ConvLayer) -> keras.initializers.Initializer:
    if conv.init == "ones":
        return keras.initializers.Ones()
    return keras.initializers.GlorotUniform(seed=conv.seed)


@layer_work
def init_weights(conv: ConvLayer, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """The kernel (n, D, F) and bias (F,) of a freshly built, seeded Conv1D.

    Built by Keras itself, so ``Conv1D(..., kernel_initializer=GlorotUniform(seed))``
    in a notebook starts from exactly these numbers.
    """
    layer = keras.layers.Conv1D(conv.filters, conv.n, kernel_initializer=_initializer(conv))
    layer.build((None, None, dim))
    kernel, bias = layer.get_weights()
    return kernel, bias


def _apply(layer: keras.layers.Layer, inputs: np.ndarray, weights: list[np.ndarray]) -> np.ndarray:
    layer.build(inputs.shape)
    layer.set_weights([w.astype(layer.dtype) for w in weights])
    return np.asarray(layer(inputs))


@layer_work
def conv1d(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """Keras Conv1D on the (1, words, D) batch; returns (1, new_steps, F)."""
    layer = keras.layers.Conv1D(
        conv.filters,
        conv.n,
        strides=conv.strides,
        padding=conv.padding,
        dilation_rate=conv.dilation,
        activation=conv.activation,
        dtype=dtype,
    )
    return _apply(layer, x[None].astype(dtype), [kernel, bias])


@layer_work
def short_input_shape(conv: ConvLayer, words: int, dim: int) -> tuple[int, ...] | None:
    """The shape Keras's own Conv1D returns for ``words`` < the window, or None if it refuses.

    The answer depends on the CPU, so convlab never relies on it: with
    TensorFlow's oneDNN kernels (on by default on AVX-512/AMX CPUs) a "valid"
    Conv1D on a too-short input returns a meaningless tensor, e.g. (1, 2, 300)
    for Conv1D(2, 3) on (1, 2, 300); without them it raises. convlab checks the
    length itself (``ConvLayer.steps``); the lesson shows what this server does.
    """
    conv1d = keras.layers.Conv1D(
        conv.filters, conv.n, strides=conv.strides, dilation_rate=conv.dilation
    )
    try:
        return tuple(int(size) for size in conv1d(np.zeros((1, words, dim), "float32")).shape)
    except Exception:  # ValueError, or TensorFlow's InvalidArgumentError
        return None


def _pad_words(inputs: np.ndarray, before: int, after: int, axis: int) -> np.ndarray:
    """Zero rows on the word axis (1 or 2) only; the embedding axis is left alone."""
    if not before and not after:
        return inputs
    pads = [(0, 0), (0, 0)]
    pads[axis - 1] = (before, after)
    return np.asarray(keras.layers.ZeroPadding2D(tuple(pads), dtype=inputs.dtype)(inputs))


def _conv2d_layer(
    conv: ConvLayer,
    kernel_size: tuple[int, int],
    axis: int,
    padding: str,
    dtype: str,
    data_format: str = "channels_last",
) -> keras.layers.Conv2D:
    """Conv1D's settings on a Conv2D whose word axis is ``axis`` (1 or 2): (s, 1) or (1, s)."""
    strides, dilation = [1, 1], [1, 1]
    strides[axis - 1], dilation[axis - 1] = conv.strides, conv.dilation
    return keras.layers.Conv2D(
        conv.filters,
        kernel_size,
        strides=tuple(strides),
        dilation_rate=tuple(dilation),
        padding=padding,
        data_format=data_format,
        activation=conv.activation,
        dtype=dtype,
    )


@layer_work
def conv2d(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """Conv2D(F, (n, D)) on the (1, words, D, 1) image; returns (1, new_steps, 1, F)."""
    words, dim = x.shape
    image = x.reshape(1, words, dim, 1).astype(dtype)
    inputs = _pad_words(image, *conv.word_padding(words), axis=1)
    layer = _conv2d_layer(conv, (conv.n, dim), axis=1, padding="valid", dtype=dtype)
    return _apply(layer, inputs, [kernel[:, :, None, :], bias])


@layer_work
def conv2d_channels(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """Conv2D(F, (1, n)) on (1, 1, words, D), D as channels; returns (1, 1, new_steps, F)."""
    words, dim = x.shape
    row = x.reshape(1, 1, words, dim).astype(dtype)
    inputs = _pad_words(row, *conv.word_padding(words), axis=2)
    layer = _conv2d_layer(conv, (1, conv.n), axis=2, padding="valid", dtype=dtype)
    return _apply(layer, inputs, [kernel[None], bias])


@layer_work
def conv2d_same(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """The tempting but wrong twin: Conv2D(F, (n, D), padding="same") on (1, words, D, 1).

    "same" pads both axes, so the (n, D) kernel also slides across D and the
    output is (1, ⌈words/s⌉, D, F) instead of (1, new_steps, 1, F). Conv2D has
    no "causal", so this is also what a causal Conv1D becomes if ported naively.
    """
    words, dim = x.shape
    layer = _conv2d_layer(conv, (conv.n, dim), axis=1, padding="same", dtype=dtype)
    return _apply(layer, x.reshape(1, words, dim, 1).astype(dtype), [kernel[:, :, None, :], bias])


def kim(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """Kim (2014)'s layout: Conv2D(F, (n, D), channels_first) on (1, 1, words, D).

    The one channel comes before the (words, D) image and the F output
    channels before the (new_steps, 1) map; the kernel is (n, D, 1, F) as in
    any Keras Conv2D. Returns (1, F, new_steps, 1).

    TensorFlow's CPU Conv2D implements only NHWC, except oneDNN's float32
    kernel: channels_first is "Unimplemented" in float64 everywhere and in
    float32 without oneDNN. The layer is therefore compiled with XLA, the
    workaround Keras itself uses for channels_first Conv3D, on every CPU.
    """
    words, dim = x.shape
    # (1, 1, words, D) read channels_last has the words on axis 2: pad those rows only.
    image = _pad_words(x.reshape(1, 1, words, dim).astype(dtype), *conv.word_padding(words), axis=2)
    layer = _conv2d_layer(
        conv, (conv.n, dim), axis=1, padding="valid", dtype=dtype, data_format="channels_first"
    )
    layer.build(image.shape)
    layer.set_weights([kernel[:, :, None, :].astype(dtype), bias.astype(dtype)])
    import tensorflow as tf

    return np.asarray(tf.function(layer, jit_compile=True)(image))


def jacovi(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> np.ndarray:
    """Jacovi et al. (2018)'s layout: Conv1D(F, n·D, strides=s·D) on the flat (1, words·D, 1).

    Each word is D consecutive numbers, so a window of n·D numbers that jumps
    D at a time reads exactly the n-grams. Padding is whole zero words (D
    zeros each) before "valid"; Keras's own "causal" would pad n·D − 1 numbers
    and split words. Dilation cannot be said (see ``forms.cannot``).
    Returns (1, new_steps, F).
    """
    words, dim = x.shape
    flat = x.reshape(1, words * dim, 1).astype(dtype)
    before, after = conv.word_padding(words)
    if before or after:  # whole zero words: D numbers each
        pad = keras.layers.ZeroPadding1D((before * dim, after * dim), dtype=dtype)
        flat = np.asarray(pad(flat))
    layer = keras.layers.Conv1D(
        conv.filters,
        conv.n * dim,
        strides=conv.strides * dim,
        padding="valid",
        activation=conv.activation,
        dtype=dtype,
    )
    return _apply(layer, flat, [kernel.reshape(conv.n * dim, 1, conv.filters), bias])
