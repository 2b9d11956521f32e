"""One Conv1D, its five other forms, a NumPy sliding window, and how far apart they are.

The lesson's claim, "Conv1D(kernel_size=n) over word vectors is Conv2D with an
(n, D) kernel" (and four other layouts, see :mod:`convlab.lesson.forms`), is
never asserted in prose: it is this measurement, made live for the current
sentence and weights, in float32 and float64.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from convlab.lesson import forms, ngrams
from convlab.lesson.layer import ConvLayer

PAIRS = (
    ("conv1d", "conv2d"),
    ("conv1d", "conv2d_channels"),
    ("conv1d", "numpy"),
    ("conv2d", "numpy"),
)
ROADS = tuple(("conv1d", form) for form in forms.FORMS[1:])
"""Each of the other five forms against Conv1D, as the six-roads table shows them."""
VERDICTS = ("identical", "agree", "differ")
"""What the Conv2D page can say of two forms, strongest first."""
TOLERANCE = {"float32": 1e-5, "float64": 1e-10}
"""Largest |Δ| still called agreement, per unit of the sums involved (see ``Comparison.scale``)."""


@dataclass(frozen=True)
class Comparison:
    """Raw outputs of every form, in their native Keras shapes, for one dtype.

    A form that cannot express the layer's settings has no output; ``reasons``
    holds the message key that says why.
    """

    dtype: str
    outputs: dict[str, np.ndarray]
    reasons: dict[str, str] = field(default_factory=dict)
    scale: float = 1.0
    """The largest Σ|x·w| + |b| of any output cell: rounding error grows with it."""

    @property
    def tolerance(self) -> float:
        """Largest |Δ| that is still rounding: ``TOLERANCE`` times the sums' size (at least 1).

        Two correct float32 sums of n·D terms, added in different orders, can
        differ by ~1e-7 of their absolute size, so a fixed bound would call
        large correct outputs different.
        """
        return TOLERANCE[self.dtype] * max(1.0, self.scale)

    def squeezed(self, form: str) -> np.ndarray:
        """The (new_steps, F) matrix inside ``form``'s output."""
        return forms.squeeze(form, self.outputs[form])

    def max_abs_diff(self, a: str, b: str) -> float:
        return float(np.abs(self.squeezed(a) - self.squeezed(b)).max())

    def road(self, form: str) -> float | None:
        """max |Δ| of ``form`` against Conv1D, or None if the form cannot express the layer."""
        return None if form in self.reasons else self.max_abs_diff("conv1d", form)

    def verdict(self, a: str, b: str) -> str:
        """'identical' (|Δ| = 0), 'agree' (within ``tolerance``) or 'differ'."""
        diff = self.max_abs_diff(a, b)
        identical, agree, differ = VERDICTS
        return identical if diff == 0 else agree if diff <= self.tolerance else differ


def compare(
    x: np.ndarray, kernel: np.ndarray, bias: np.ndarray, conv: ConvLayer, dtype: str = "float32"
) -> Comparison:
    """Run all six forms and the NumPy window on the same weights.

    InputError, before any layer runs, if the sentence is too short for the window.
    Imports TensorFlow on first use, so that pages can show ``PAIRS`` without it.
    """
    from convlab.lesson import keras_layers

    conv.steps(x.shape[0])
    reasons = {form: why for form in forms.FORMS if (why := forms.cannot(form, conv))}
    outputs = {
        form: getattr(keras_layers, form)(x, kernel, bias, conv, dtype)
        for form in forms.KERAS_FORMS
        if form not in reasons
    }
    outputs["im2col"] = forms.im2col(x.astype(dtype), kernel, bias, conv)
    outputs["numpy"] = ngrams.conv1d(x.astype(dtype), kernel, bias, conv)
    return Comparison(dtype, outputs, reasons, scale=ngrams.magnitude(x, kernel, bias, conv))
