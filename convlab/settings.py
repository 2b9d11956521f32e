"""Every setting a page keeps: its default, the values it accepts, and how its URL text reads.

Plain Python, no Streamlit: the same table bounds the widgets (``convlab.ui``)
and checks whatever arrives in a shared link, so a hand-edited URL can never
reach a layer with a value no widget could produce. Each key is also the
widget's key and the query parameter's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from convlab import i18n
from convlab.arithmetic import PADDINGS
from convlab.lesson.layer import ACTIVATIONS, INITIALIZERS, MAX_FILTERS, MAX_SEED
from convlab.shapelab import keras1, layerspec, pitfalls
from convlab.textcnn.corpus import MAX_ROWS, MIN_ROWS
from convlab.textcnn.hyperparameters import (
    MAX_CNN_FILTERS,
    MAX_EPOCHS,
    MAX_KERNELS,
    SCALES,
    VARIANTS,
    Hyperparameters,
    kernel_sizes_text,
    parse_kernel_sizes,
)
from convlab.tokenize import MAX_TOKENS
from convlab.vectors.sets import DEFAULT_VECTORS, OOV_POLICIES, check_set_name

MAX_SENTENCE_CHARS = 2000
MAX_WORD_CHARS = 100
SAMPLES = (
    "It's not a bad movie at all.",
    "I didn't like this movie, it's a waste of time.",
    "The acting was good but the plot was bad.",
    "A moving, funny and beautifully shot film.",
    "Don't waste your money on this one.",
)
DEFAULTS: dict[str, Any] = {
    "sentence": SAMPLES[0],
    "n": 3,
    "filters": 4,
    "seed": 42,
    "padding": "valid",
    "strides": 1,
    "dilation": 1,
    "activation": "linear",
    "init": "glorot_uniform",
    "oov": "zero",
    "lang": i18n.DEFAULT_LANG,
    "cell_t": 0,
    "cell_f": 0,
    # Word vectors: the active set (every page), the neighbours tool (pages/word_vectors.py).
    "vectors": DEFAULT_VECTORS,
    "word": "good",
    "topn": 10,
    # Shape lab (pages/shapes.py): its own keys, so the lesson's n, filters, padding... stay apart.
    "shape_preset": None,
    "shape_layer": "conv1d",
    "shape_format": "channels_last",
    "shape_input": "9, 300",
    "shape_filters": 4,
    "shape_kernel": "3",
    "shape_strides": "1",
    "shape_padding": "valid",
    "shape_dilation": "1",
    "shape_legacy": keras1.EXAMPLE,
    # Trained text CNN (pages/train.py, pages/filters.py); defaults from bench/train_mr.py.
    "cnn_data": "mr",
    "cnn_rows": MAX_ROWS,
    "cnn_vectors": "glove50",
    "cnn_variant": Hyperparameters.variant,
    "cnn_scale": Hyperparameters.scale,
    "cnn_kernel_sizes": "3,4,5",
    "cnn_filters": Hyperparameters.filters,
    "cnn_epochs": Hyperparameters.epochs,
    "cnn_seed": Hyperparameters.seed,
    "cnn_model": "fit",
    "cnn_min_count": 3,
    "cnn_top": 10,
    "cnn_purity": 50,
    "cnn_filter": 0,
    "cnn_sentence": SAMPLES[1],
}
RANGES: dict[str, tuple[int, int]] = {
    "n": (1, 10),
    "filters": (1, MAX_FILTERS),
    "strides": (1, 4),
    "dilation": (1, 4),
    "seed": (0, MAX_SEED),
    "cell_t": (0, MAX_TOKENS),
    "cell_f": (0, MAX_FILTERS - 1),
    "topn": (1, 50),
    "shape_filters": (1, layerspec.MAX_FILTERS),
    "cnn_rows": (MIN_ROWS, MAX_ROWS),
    "cnn_filters": (1, MAX_CNN_FILTERS),
    "cnn_epochs": (1, MAX_EPOCHS),
    "cnn_seed": (0, MAX_SEED),
    "cnn_min_count": (1, 20),
    "cnn_top": (1, 50),
    "cnn_purity": (0, 100),
    "cnn_filter": (0, MAX_KERNELS * MAX_CNN_FILTERS - 1),
}
"""Accepted integers, for the widgets and for values arriving in the URL alike."""
CHOICES: dict[str, tuple[str, ...]] = {
    "padding": PADDINGS,
    "activation": ACTIVATIONS,
    "init": INITIALIZERS,
    "oov": OOV_POLICIES,
    "lang": tuple(i18n.LANGS),
    "shape_preset": pitfalls.KEYS,
    "shape_layer": layerspec.LAYERS,
    "shape_format": layerspec.DATA_FORMATS,
    "shape_padding": PADDINGS,
    "cnn_data": ("mr", "upload"),
    "cnn_vectors": ("glove50", "md300", "active"),
    "cnn_variant": VARIANTS,
    "cnn_scale": SCALES,
    "cnn_model": ("fit", "upload"),
}
TEXTS: dict[str, Callable[[str], str]] = {
    "sentence": lambda raw: raw[:MAX_SENTENCE_CHARS],
    "vectors": check_set_name,
    "word": lambda raw: raw[:MAX_WORD_CHARS],
    "shape_input": layerspec.checked_text,
    "shape_kernel": layerspec.checked_text,
    "shape_strides": layerspec.checked_text,
    "shape_dilation": layerspec.checked_text,
    "shape_legacy": lambda raw: raw[: keras1.MAX_CHARS],
    "cnn_kernel_sizes": lambda raw: kernel_sizes_text(parse_kernel_sizes(raw)),
    "cnn_sentence": lambda raw: raw[:MAX_SENTENCE_CHARS],
}
"""Free-text settings: each key's check (ValueError if unusable) and the text it keeps."""


def parse(key: str, raw: str) -> Any:
    """A setting from its query-parameter text; ValueError if it is not acceptable."""
    if key in TEXTS:
        return TEXTS[key](raw)
    if key in CHOICES:
        if raw not in CHOICES[key]:
            raise ValueError(raw)
        return raw
    low, high = RANGES[key]
    number = int(raw)
    if not low <= number <= high:
        raise ValueError(raw)
    return number


def from_query(query: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Every setting from a link's query parameters, and the ``key=value`` texts ignored.

    A missing key means the default; a value that does not parse, or a pair
    Keras refuses together (strides and dilation both above 1), falls back to
    the default and is listed so the page can say so.
    """
    values, ignored = {}, []
    for key, default in DEFAULTS.items():
        raw = query.get(key)
        try:
            values[key] = default if raw is None else parse(key, raw)
        except ValueError:
            values[key] = default
            ignored.append(f"{key}={raw}")
    if values["strides"] > 1 and values["dilation"] > 1:
        ignored.append(f"dilation={values['dilation']}")
        values["dilation"] = DEFAULTS["dilation"]
    return values, ignored


def to_query(values: Mapping[str, Any]) -> dict[str, str]:
    """The settings that differ from their defaults, as query parameters.

    A copied URL then stays short enough to paste into a chat, and reads back
    to the same view through :func:`from_query`.
    """
    return {key: str(values[key]) for key, default in DEFAULTS.items() if values[key] != default}
