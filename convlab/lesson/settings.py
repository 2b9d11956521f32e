"""The lesson's settings: the sentence, the Conv1D layer, and the output cell taken apart."""

from __future__ import annotations

from typing import Any

from convlab.arithmetic import PADDINGS
from convlab.lesson.layer import ACTIVATIONS, INITIALIZERS, MAX_FILTERS, MAX_SEED, ConvLayer
from convlab.setting import Setting, clipped
from convlab.tokenize import MAX_TOKENS, TOKENIZERS
from convlab.vectors.sets import OOV_POLICIES, suggested_oov

MAX_SENTENCE_CHARS = 2000
SAMPLES = (
    "It's not a bad movie at all.",
    "I didn't like this movie, it's a waste of time.",
    "The acting was good but the plot was bad.",
    "A moving, funny and beautifully shot film.",
    "Don't waste your money on this one.",
    "这部电影很好看，但是太长了。",
    "我一点也不喜欢这部电影，简直是浪费时间。",
    "演员的表演很好，但是剧情很差。",
    "卷积核的形状实际上是 (3, 300)，不是 (3,)。",
)
"""English and Chinese: a Chinese learner's first move is to type a Chinese sentence."""
SEED = 42
"""The lesson's weights seed, in the app and the CLI alike."""

SETTINGS = {
    "sentence": Setting(SAMPLES[0], text=clipped(MAX_SENTENCE_CHARS)),
    "n": Setting(ConvLayer.n, range=(1, 10)),
    "filters": Setting(ConvLayer.filters, range=(1, MAX_FILTERS)),
    "seed": Setting(SEED, range=(0, MAX_SEED)),
    "padding": Setting(ConvLayer.padding, choices=PADDINGS),
    "strides": Setting(ConvLayer.strides, range=(1, 4)),
    "dilation": Setting(ConvLayer.dilation, range=(1, 4)),
    "activation": Setting(ConvLayer.activation, choices=ACTIVATIONS),
    "init": Setting(ConvLayer.init, choices=INITIALIZERS),
    "oov": Setting("zero", choices=OOV_POLICIES),
    "tokenizer": Setting(TOKENIZERS[0], choices=TOKENIZERS),
    "cell_t": Setting(0, range=(0, MAX_TOKENS)),
    "cell_f": Setting(0, range=(0, MAX_FILTERS - 1)),
}


SUGGESTED = {"oov": lambda values: suggested_oov(values["sentence"])}
"""Defaults that follow the sentence until the user chooses: seeded random rows for Chinese."""


def reconcile(values: dict[str, Any]) -> list[str]:
    """Keras refuses strides > 1 with dilation_rate > 1: a link asking both keeps the strides."""
    if values["strides"] > 1 and values["dilation"] > 1:
        ignored = [f"dilation={values['dilation']}"]
        values["dilation"] = SETTINGS["dilation"].default
        return ignored
    return []
