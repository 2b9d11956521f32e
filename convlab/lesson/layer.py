"""The Conv1D settings a learner can change, validated once for every caller.

Kept free of TensorFlow so that widgets, URLs and shape read-outs can use it on
pages that never run a layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from convlab import arithmetic
from convlab.errors import InputError

ACTIVATIONS = ("linear", "relu")
INITIALIZERS = ("glorot_uniform", "ones")
MAX_FILTERS = 64
MAX_SEED = 2**31 - 1

Activation = Literal["linear", "relu"]
Initializer = Literal["glorot_uniform", "ones"]


@dataclass(frozen=True)
class ConvLayer:
    """One Conv1D(filters, kernel_size=n, ...) layer, plus the seed of its weights."""

    n: int = 3
    filters: int = 4
    padding: arithmetic.Padding = "valid"
    strides: int = 1
    dilation: int = 1
    activation: Activation = "linear"
    init: Initializer = "glorot_uniform"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.n < 1:
            raise InputError("err.n_min", n=self.n)
        if not 1 <= self.filters <= MAX_FILTERS:
            raise InputError("err.filters_range", filters=self.filters, most=MAX_FILTERS)
        if self.strides < 1 or self.dilation < 1:
            raise InputError("err.step_min", strides=self.strides, dilation=self.dilation)
        if self.strides > 1 and self.dilation > 1:
            raise InputError("err.strides_dilation", strides=self.strides, dilation=self.dilation)
        if self.padding not in arithmetic.PADDINGS:
            raise InputError("err.choice", name="padding", value=self.padding)
        if self.activation not in ACTIVATIONS:
            raise InputError("err.choice", name="activation", value=self.activation)
        if self.init not in INITIALIZERS:
            raise InputError("err.choice", name="init", value=self.init)
        if not 0 <= self.seed <= MAX_SEED:
            raise InputError("err.seed_range", seed=self.seed, most=MAX_SEED)

    @property
    def span(self) -> int:
        """Consecutive words one window covers, gaps included."""
        return arithmetic.receptive_field(self.n, self.dilation)

    def steps(self, words: int) -> int:
        """new_steps for a sentence of ``words`` tokens, after checking that it fits."""
        if words < 1:
            raise InputError("err.no_words")
        if self.padding == "valid" and words < self.span:
            raise InputError("err.too_few_words", needed=self.span, words=words, n=self.n)
        return arithmetic.output_length(words, self.n, self.padding, self.strides, self.dilation)

    def word_padding(self, words: int) -> tuple[int, int]:
        """Zero rows Keras adds before and after the words."""
        return arithmetic.padding_amounts(words, self.n, self.padding, self.strides, self.dilation)

    def formula(self, words: int) -> str:
        """The new_steps formula with this layer's numbers."""
        return arithmetic.formula(words, self.n, self.padding, self.strides, self.dilation)

    def params(self, dim: int) -> int:
        """Trainable parameters: n·D·F weights plus F biases."""
        return self.n * dim * self.filters + self.filters
