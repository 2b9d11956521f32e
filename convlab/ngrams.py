"""Which words each output step saw, and the same convolution in plain NumPy.

Every output row of a Conv1D over a sentence is the score of one n-gram. This
module names those n-grams, splits one output cell into per-word
contributions, and recomputes the whole layer with an explicit sliding window:
the independent check that the Keras layers are compared against.
"""

from __future__ import annotations

import numpy as np

from convlab.config import ConvConfig

PAD = -1
"""Window slot that falls on a zero padding row rather than on a word."""


def window_indices(words: int, cfg: ConvConfig) -> np.ndarray:
    """(steps, n) word positions seen by each output step, ``PAD`` for padding.

    Step t starts at t·strides in the padded sentence and takes every
    dilation-th row from there, n times.
    """
    before, _ = cfg.word_padding(words)
    starts = np.arange(cfg.steps(words))[:, None] * cfg.strides
    padded = starts + np.arange(cfg.n)[None, :] * cfg.dilation - before
    return np.where((padded >= 0) & (padded < words), padded, PAD)


def phrases(tokens: list[str], cfg: ConvConfig, pad: str = "∅") -> list[str]:
    """The n-gram behind each output row, with ``pad`` marking padding cells."""
    return [
        " ".join(tokens[i] if i != PAD else pad for i in row)
        for row in window_indices(len(tokens), cfg)
    ]


def windows(x: np.ndarray, cfg: ConvConfig) -> np.ndarray:
    """(steps, n, D) stack of the word vectors each step sees, zeros for padding."""
    with_zero_row = np.vstack([x, np.zeros((1, x.shape[1]), dtype=x.dtype)])
    return with_zero_row[window_indices(x.shape[0], cfg)]


def slot_contributions(
    x: np.ndarray, kernel: np.ndarray, cfg: ConvConfig, t: int, f: int
) -> np.ndarray:
    """(n,) dot products x[t+i]·W[i, :, f]; their sum plus the bias is cell (t, f)."""
    return np.einsum("nd,nd->n", windows(x, cfg)[t], kernel[:, :, f])


def activate(z: np.ndarray, activation: str) -> np.ndarray:
    """Apply the layer's activation to pre-activation values."""
    return np.maximum(z, 0) if activation == "relu" else z


def conv1d(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, cfg: ConvConfig) -> np.ndarray:
    """(steps, F) output of Conv1D computed window by window, in x's dtype."""
    z = np.einsum("tnd,ndf->tf", windows(x, cfg), kernel.astype(x.dtype)) + bias.astype(x.dtype)
    return activate(z, cfg.activation)
