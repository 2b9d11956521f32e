"""Which words each output step saw, and the same convolution in plain NumPy.

Every output row of a Conv1D over a sentence is the score of one n-gram. This
module names those n-grams, splits one output cell into per-word
contributions, and recomputes the whole layer with an explicit sliding window:
the independent check that the Keras layers are compared against.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convlab import arithmetic
from convlab.lesson.layer import ConvLayer

PAD = -1
"""Window slot that falls on a zero padding row rather than on a word."""


def window_indices(words: int, conv: ConvLayer) -> np.ndarray:
    """(steps, n) word positions seen by each output step, ``PAD`` for padding.

    Step t starts at t·strides in the padded sentence and takes every
    dilation-th row from there, n times.
    """
    conv.steps(words)  # refuses a sentence the window does not fit
    read = arithmetic.window_positions(words, conv.n, conv.padding, conv.strides, conv.dilation)
    return np.where((read >= 0) & (read < words), read, PAD)


def phrases(tokens: list[str], conv: ConvLayer, pad: str = "∅") -> list[str]:
    """The n-gram behind each output row, with ``pad`` marking padding cells."""
    return [
        " ".join(tokens[i] if i != PAD else pad for i in row)
        for row in window_indices(len(tokens), conv)
    ]


def windows(x: np.ndarray, conv: ConvLayer) -> np.ndarray:
    """(steps, n, D) stack of the word vectors each step sees, zeros for padding."""
    with_zero_row = np.vstack([x, np.zeros((1, x.shape[1]), dtype=x.dtype)])
    return with_zero_row[window_indices(x.shape[0], conv)]


def slot_contributions(
    x: np.ndarray, kernel: np.ndarray, conv: ConvLayer, t: int, f: int
) -> np.ndarray:
    """(n,) dot products x[t+i]·W[i, :, f]; their sum plus the bias is cell (t, f)."""
    return np.einsum("nd,nd->n", windows(x, conv)[t], kernel[:, :, f])


def magnitude(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer) -> float:
    """The largest Σ|x·w| + |b| over output cells: the size that rounding scales with."""
    sums = np.einsum("tnd,ndf->tf", windows(np.abs(x), conv), np.abs(kernel)) + np.abs(bias)
    return float(sums.max()) if sums.size else 0.0


@dataclass(frozen=True)
class Cell:
    """Output cell (t, f) taken apart: one dot product per window slot, plus the bias."""

    t: int
    f: int
    positions: list[int]
    """The word position under each slot of the window, ``PAD`` for padding."""
    terms: list[float]
    """x[position] · W[slot, :, f] for each slot (0 for padding)."""
    bias: float
    activation: str

    @property
    def pre_activation(self) -> float:
        return sum(self.terms) + self.bias

    @property
    def value(self) -> float:
        return float(activate(np.float64(self.pre_activation), self.activation))

    def equation(self) -> str:
        """The sum with its real numbers, and the activation if it changes anything."""
        terms = " + ".join(f"({term:.4f})" for term in self.terms)
        text = f"{terms} + b[{self.f}] ({self.bias:.4f}) = {self.pre_activation:.4f}"
        if self.activation == "relu":
            text += f"\nrelu({self.pre_activation:.4f}) = {self.value:.4f}"
        return text


def cell(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, t: int, f: int
) -> Cell:
    """Take output cell (t, f) apart into its slot contributions."""
    return Cell(
        t=t,
        f=f,
        positions=window_indices(x.shape[0], conv)[t].tolist(),
        terms=slot_contributions(x, kernel, conv, t, f).tolist(),
        bias=float(bias[f]),
        activation=conv.activation,
    )


def activate(z: np.ndarray, activation: str) -> np.ndarray:
    """Apply the layer's activation to pre-activation values."""
    return np.maximum(z, 0) if activation == "relu" else z


def conv1d(x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer) -> np.ndarray:
    """(steps, F) output of Conv1D computed window by window, in x's dtype."""
    z = np.einsum("tnd,ndf->tf", windows(x, conv), kernel.astype(x.dtype)) + bias.astype(x.dtype)
    return activate(z, conv.activation)
