"""One Conv1D, three other computations, and how far apart they are.

The lesson's claim, "Conv1D(kernel_size=n) over word vectors is Conv2D with an
(n, D) kernel", is never asserted in prose: it is this measurement, made live
for the current sentence and weights, in float32 and float64.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from convlab import conv, ngrams
from convlab.config import ConvConfig

PAIRS = (
    ("conv1d", "conv2d"),
    ("conv1d", "conv2d_channels"),
    ("conv1d", "numpy"),
    ("conv2d", "numpy"),
)
TOLERANCE = {"float32": 1e-5, "float64": 1e-10}
"""Largest |Δ| still called agreement: rounding of ~n·D products in each precision."""


@dataclass(frozen=True)
class Comparison:
    """Raw outputs of every form, in their native Keras shapes, for one dtype."""

    dtype: str
    outputs: dict[str, np.ndarray]

    def squeezed(self, form: str) -> np.ndarray:
        """The (new_steps, F) matrix inside ``form``'s output."""
        return self.outputs[form].reshape(self.outputs["numpy"].shape)

    def max_abs_diff(self, a: str, b: str) -> float:
        return float(np.abs(self.squeezed(a) - self.squeezed(b)).max())

    def verdict(self, a: str, b: str) -> str:
        """'identical' (|Δ| = 0), 'agree' (within ``TOLERANCE``) or 'differ'."""
        diff = self.max_abs_diff(a, b)
        return "identical" if diff == 0 else "agree" if diff <= TOLERANCE[self.dtype] else "differ"


def compare(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, cfg: ConvConfig, dtype: str = "float32"
) -> Comparison:
    """Run Conv1D, both Conv2D forms and the NumPy window on the same weights."""
    return Comparison(
        dtype,
        {
            "conv1d": conv.conv1d(x, kernel, bias, cfg, dtype),
            "conv2d": conv.conv2d(x, kernel, bias, cfg, dtype),
            "conv2d_channels": conv.conv2d_channels(x, kernel, bias, cfg, dtype),
            "numpy": ngrams.conv1d(x.astype(dtype), kernel, bias, cfg),
        },
    )
