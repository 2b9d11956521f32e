"""The pure-Python shape arithmetic (convlab.arithmetic, ConvLayer) against real Keras layers.

Every page shows shapes, formulas and parameter counts without importing
TensorFlow; these tests are what makes those read-outs trustworthy: each
number is checked against the ``keras.layers.Conv1D`` it describes.
"""

from __future__ import annotations

import math
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlab import arithmetic
from convlab.errors import InputError
from convlab.lesson import ngrams
from convlab.lesson.layer import MAX_FILTERS, MAX_SEED, ConvLayer

DIM = 3
"""Embedding width for the shape checks; output length never depends on it."""

steps_and_dilations = st.tuples(st.integers(1, 4), st.integers(1, 4)).filter(
    lambda sd: sd[0] == 1 or sd[1] == 1
)


def keras_conv1d(conv: ConvLayer, dim: int = DIM) -> keras.layers.Conv1D:
    layer = keras.layers.Conv1D(
        conv.filters,
        conv.n,
        strides=conv.strides,
        padding=conv.padding,
        dilation_rate=conv.dilation,
    )
    layer.build((None, None, dim))
    return layer


def keras_steps(layer: keras.layers.Conv1D, words: int, dim: int = DIM) -> int:
    """Output length Keras really produces, for an input at least as long as the window.

    Only ask Keras where its answer is defined on every CPU. With oneDNN (on by
    default on AVX-512/AMX CPUs) a "valid" Conv1D on an input shorter than its
    window returns a wrong-shaped tensor instead of raising, so the refusal of a
    too-short sentence is convlab's own, tested against the formulas below.
    """
    return int(layer(np.zeros((1, words, dim), "float32")).shape[1])


# ---------------------------------------------------------------------------
# Shapes against a real Conv1D


@settings(deadline=None, max_examples=60)
@given(
    padding=st.sampled_from(arithmetic.PADDINGS),
    sd=steps_and_dilations,
    n=st.integers(1, 6),
    words=st.integers(1, 15),
    filters=st.integers(1, 8),
    dim=st.integers(1, 20),
)
def test_steps_and_params_match_keras(padding, sd, n, words, filters, dim):
    strides, dilation = sd
    conv = ConvLayer(n=n, filters=filters, padding=padding, strides=strides, dilation=dilation)
    layer = keras_conv1d(conv, dim)

    assert conv.params(dim) == layer.count_params() == n * dim * filters + filters
    assert conv.span == arithmetic.receptive_field(n, dilation) == dilation * (n - 1) + 1
    length = arithmetic.output_length(words, n, padding, strides, dilation)

    if padding == "valid" and words < conv.span:
        # Too short for the window: convlab refuses before Keras sees it.
        assert length <= 0
        with pytest.raises(InputError) as err:
            conv.steps(words)
        assert err.value.key == "err.too_few_words"
        return

    out = keras_steps(layer, words, dim)
    assert conv.steps(words) == length == out >= 1
    assert conv.formula(words).endswith(f"= {out}")
    if padding != "valid":
        assert out == math.ceil(words / strides)


@settings(deadline=None, max_examples=60)
@given(
    padding=st.sampled_from(arithmetic.PADDINGS),
    sd=steps_and_dilations,
    n=st.integers(1, 6),
    words=st.integers(1, 15),
)
def test_padding_amounts_reproduce_the_windows_keras_sees(padding, sd, n, words):
    """Let Keras reveal which word each window slot reads, and compare with the padding.

    The input is the column 1, 2, …, words (D = 1) and filter j of the kernel
    picks slot j alone, so output[t, j] is the 1-based position of the word in
    slot j of step t, or 0 where the slot lies on a padding row.
    """
    strides, dilation = sd
    conv = ConvLayer(n=n, filters=n, padding=padding, strides=strides, dilation=dilation)
    if padding == "valid" and words < conv.span:
        assert conv.word_padding(words) == (0, 0)
        return
    layer = keras_conv1d(conv, dim=1)
    kernel = np.eye(n, dtype="float32")[:, None, :]  # (n, 1, n): filter j = slot j
    layer.set_weights([kernel, np.zeros(n, "float32")])
    x = np.arange(1, words + 1, dtype="float32").reshape(1, words, 1)
    seen = np.asarray(layer(x))[0].round().astype(int) - 1  # -1 where Keras padded

    before, after = conv.word_padding(words)
    assert (before, after) == arithmetic.padding_amounts(words, n, padding, strides, dilation)
    assert before >= 0 and after >= 0
    if padding == "valid":
        assert (before, after) == (0, 0)
    elif padding == "causal":
        assert (before, after) == (conv.span - 1, 0)
    else:
        # TensorFlow's "same": total padding split with the extra row after.
        total = max((conv.steps(words) - 1) * strides + conv.span - words, 0)
        assert (before, after) == (total // 2, total - total // 2)

    # Slot j of step t reads padded row t·s + j·d, i.e. word t·s + j·d − before.
    t, j = np.indices(seen.shape)
    expected = t * strides + j * dilation - before
    expected = np.where((expected >= 0) & (expected < words), expected, ngrams.PAD)
    np.testing.assert_array_equal(seen, expected)
    np.testing.assert_array_equal(ngrams.window_indices(words, conv), seen)


def test_window_that_just_fits_gives_one_step_and_one_word_less_is_refused():
    for n, dilation in [(1, 1), (3, 1), (4, 2), (3, 4), (6, 1)]:
        conv = ConvLayer(n=n, filters=2, dilation=dilation)
        layer = keras_conv1d(conv)
        assert conv.span == arithmetic.receptive_field(n, dilation)
        assert keras_steps(layer, conv.span) == conv.steps(conv.span) == 1
        if conv.span > 1:
            assert arithmetic.output_length(conv.span - 1, n, "valid", 1, dilation) == 0
            with pytest.raises(InputError) as err:
                conv.steps(conv.span - 1)
            assert err.value.params == {"needed": conv.span, "words": conv.span - 1, "n": n}


def test_params_of_a_text_cnn_layer():
    # Conv1D(64, 3) over 300-d vectors: 3·300·64 weights + 64 biases.
    assert ConvLayer(n=3, filters=64).params(300) == 3 * 300 * 64 + 64 == 57_664
    assert ConvLayer(n=1, filters=1).params(1) == 2


# ---------------------------------------------------------------------------
# formula with real numbers


def test_formula_valid():
    assert arithmetic.formula(9, 3, "valid") == (
        "new_steps = ⌊(i − d·(k−1) − 1) / s⌋ + 1 = ⌊(9 − 1·(3−1) − 1) / 1⌋ + 1 = 7"
    )
    assert arithmetic.formula(9, 3, "valid").endswith("= 7")
    assert arithmetic.formula(15, 4, "valid", 1, 3).endswith("⌊(15 − 3·(4−1) − 1) / 1⌋ + 1 = 6")
    assert arithmetic.formula(10, 3, "valid", 4).endswith("⌊(10 − 1·(3−1) − 1) / 4⌋ + 1 = 2")


@pytest.mark.parametrize("padding", ["same", "causal"])
def test_formula_same_and_causal_with_strides(padding):
    assert arithmetic.formula(9, 3, padding, 2) == "new_steps = ⌈i / s⌉ = ⌈9 / 2⌉ = 5"
    assert arithmetic.formula(8, 5, padding, 2) == "new_steps = ⌈i / s⌉ = ⌈8 / 2⌉ = 4"
    assert ConvLayer(n=3, padding=padding, strides=3).formula(7).endswith("⌈7 / 3⌉ = 3")


# ---------------------------------------------------------------------------
# ConvLayer validation


@pytest.mark.parametrize(
    ("kwargs", "key", "params"),
    [
        ({"n": 0}, "err.n_min", {"n": 0}),
        ({"n": -2}, "err.n_min", {"n": -2}),
        ({"filters": 0}, "err.filters_range", {"filters": 0, "most": MAX_FILTERS}),
        ({"filters": 65}, "err.filters_range", {"filters": 65, "most": MAX_FILTERS}),
        ({"strides": 0}, "err.step_min", {"strides": 0, "dilation": 1}),
        ({"dilation": 0}, "err.step_min", {"strides": 1, "dilation": 0}),
        ({"strides": 2, "dilation": 2}, "err.strides_dilation", {"strides": 2, "dilation": 2}),
        ({"strides": 4, "dilation": 3}, "err.strides_dilation", {"strides": 4, "dilation": 3}),
        ({"padding": "full"}, "err.choice", {"name": "padding", "value": "full"}),
        ({"padding": "VALID"}, "err.choice", {"name": "padding", "value": "VALID"}),
        ({"activation": "tanh"}, "err.choice", {"name": "activation", "value": "tanh"}),
        ({"init": "zeros"}, "err.choice", {"name": "init", "value": "zeros"}),
        ({"seed": -1}, "err.seed_range", {"seed": -1, "most": MAX_SEED}),
        ({"seed": 2**31}, "err.seed_range", {"seed": 2**31, "most": MAX_SEED}),
    ],
)
def test_config_rejects(kwargs, key, params):
    with pytest.raises(InputError) as err:
        ConvLayer(**kwargs)
    assert err.value.key == key
    assert err.value.params == params
    assert str(err.value) == err.value.say("en")
    assert err.value.say("zh") != err.value.say("en")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n": 1},
        {"filters": 1},
        {"filters": 64},
        {"seed": 0},
        {"seed": 2**31 - 1},
        {"strides": 4},
        {"dilation": 4},
        {"padding": "causal", "activation": "relu", "init": "ones"},
    ],
)
def test_config_accepts_the_edges(kwargs):
    conv = ConvLayer(**kwargs)
    for name, value in kwargs.items():
        assert getattr(conv, name) == value


@pytest.mark.parametrize("words", [0, -1])
@pytest.mark.parametrize("padding", arithmetic.PADDINGS)
def test_no_words(padding, words):
    with pytest.raises(InputError) as err:
        ConvLayer(padding=padding).steps(words)
    assert err.value.key == "err.no_words"


@pytest.mark.parametrize(
    ("n", "dilation", "words"), [(3, 1, 2), (2, 1, 1), (6, 1, 5), (3, 2, 4), (4, 4, 12)]
)
def test_valid_with_too_few_words(n, dilation, words):
    conv = ConvLayer(n=n, dilation=dilation)
    with pytest.raises(InputError) as err:
        conv.steps(words)
    assert err.value.key == "err.too_few_words"
    assert err.value.params == {"needed": dilation * (n - 1) + 1, "words": words, "n": n}
    assert f"at least {dilation * (n - 1) + 1} words" in str(err.value)


def test_same_and_causal_never_refuse_a_sentence():
    for padding in ("same", "causal"):
        for strides, dilation in [(1, 1), (2, 1), (3, 1), (4, 1), (1, 2), (1, 3), (1, 4)]:
            for n in range(1, 11):
                conv = ConvLayer(n=n, padding=padding, strides=strides, dilation=dilation)
                for words in range(1, 30):
                    assert conv.steps(words) == math.ceil(words / strides)
