"""Six ways researchers and libraries write one text convolution, and their shapes.

Every form computes the same (new_steps, F) matrix from the same (words, D)
sentence and the same Conv1D kernel (n, D, F); they differ in how the input,
the kernel and the output are laid out, and in which settings they can say:

1. ``conv1d``: ``Conv1D(F, n)`` on (1, words, D);
2. ``conv2d``: ``Conv2D(F, (n, D))`` on the one-channel image (1, words, D, 1);
3. ``conv2d_channels``: ``Conv2D(F, (1, n))`` on (1, 1, words, D), D as channels;
4. ``kim``: Kim (2014)'s layout, ``Conv2D(F, (n, D), data_format="channels_first")``
   on (1, 1, words, D);
5. ``jacovi``: Jacovi et al. (2018)'s layout, one ``Conv1D(F, n·D, strides=D)``
   over the flattened (1, words·D, 1) sentence;
6. ``im2col``: the n-gram windows stacked into a (new_steps, n·D) matrix, times
   the kernel reshaped to (n·D, F), plus the bias.

Pure NumPy: the shapes and the matrix form need no TensorFlow; the Keras
forms run in :mod:`convlab.lesson.keras_layers`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convlab.lesson import ngrams
from convlab.lesson.layer import ConvLayer

FORMS = ("conv1d", "conv2d", "conv2d_channels", "kim", "jacovi", "im2col")
KERAS_FORMS = FORMS[:5]
"""The forms that run a Keras layer; im2col is a NumPy matrix product."""


@dataclass(frozen=True)
class Layout:
    """How one form lays out the sentence, the kernel and the output, in Keras's shapes."""

    name: str
    input_shape: tuple[int, ...]
    kernel_shape: tuple[int, ...]
    output_shape: tuple[int, ...]
    strides: str
    dilation: str
    padding: str
    reason: str | None = None
    """Message key saying why the form cannot express these settings; None if it can."""


def cannot(form: str, conv: ConvLayer) -> str | None:
    """Why ``form`` cannot express ``conv``, as a message key, or None.

    A flattened sentence has no word axis to dilate: dilation over the flat
    sequence would skip single numbers, not whole words, and Keras refuses
    strides > 1 (here D) together with dilation > 1.
    """
    if form == "jacovi" and conv.dilation > 1:
        return "forms.reason.jacovi_dilation"
    return None


def layouts(conv: ConvLayer, words: int, dim: int) -> dict[str, Layout]:
    """Every form's shapes and settings for a (words, D) sentence; InputError if it is too short."""
    steps = conv.steps(words)
    n, f, s, d = conv.n, conv.filters, conv.strides, conv.dilation
    before, after = conv.word_padding(words)
    padded = before or after

    def zero_pad(layer: str, pads: object) -> str:
        return f"{layer}({pads}) + 'valid'" if padded else "'valid'"

    rows = (before, after)
    spec = {
        "conv1d": ((1, words, dim), (n, dim, f), (1, steps, f), s, d, f"'{conv.padding}'"),
        "conv2d": (
            (1, words, dim, 1),
            (n, dim, 1, f),
            (1, steps, 1, f),
            (s, 1),
            (d, 1),
            zero_pad("ZeroPadding2D", (rows, (0, 0))),
        ),
        "conv2d_channels": (
            (1, 1, words, dim),
            (1, n, dim, f),
            (1, 1, steps, f),
            (1, s),
            (1, d),
            zero_pad("ZeroPadding2D", ((0, 0), rows)),
        ),
        "kim": (
            (1, 1, words, dim),
            (n, dim, 1, f),
            (1, f, steps, 1),
            (s, 1),
            (d, 1),
            zero_pad("ZeroPadding2D", ((0, 0), rows)),
        ),
        "jacovi": (
            (1, words * dim, 1),
            (n * dim, 1, f),
            (1, steps, f),
            s * dim,
            d,
            zero_pad("ZeroPadding1D", (before * dim, after * dim)),
        ),
        "im2col": (
            (steps, n * dim),
            (n * dim, f),
            (steps, f),
            s,
            d,
            f"np.pad(x, ({rows}, (0, 0)))" if padded else "—",
        ),
    }
    return {
        name: Layout(name, i, k, o, str(st), str(dl), p, cannot(name, conv))
        for name, (i, k, o, st, dl, p) in spec.items()
    }


def squeeze(form: str, y: np.ndarray) -> np.ndarray:
    """The (new_steps, F) matrix inside ``form``'s output, whatever its layout."""
    if form == "kim":  # (1, F, new_steps, 1): filters are channels, first
        return y[0, :, :, 0].T
    return y.reshape(-1, y.shape[-1])


def unfold(x: np.ndarray, conv: ConvLayer) -> np.ndarray:
    """im2col: one row per output step, the n window vectors laid end to end, (new_steps, n·D)."""
    stacked = ngrams.windows(x, conv)
    return stacked.reshape(stacked.shape[0], -1)


def im2col(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer) -> np.ndarray:
    """One matrix product for the whole layer: unfold(x) @ W.reshape(n·D, F) + b, in x's dtype.

    This is why text CNNs are fast: every window and every filter at once, as
    a single GEMM.
    """
    z = unfold(x, conv) @ kernel.reshape(-1, kernel.shape[-1]).astype(x.dtype)
    return ngrams.activate(z + bias.astype(x.dtype), conv.activation)
