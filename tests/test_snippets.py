"""The Keras code the Conv2D page shows must run and reproduce the page's numbers.

Each snippet is executed exactly as a learner would paste it into a notebook:
next to the embedding CSV the Embed page lets them download.
"""

from __future__ import annotations

import numpy as np
import pytest

from convlab.lesson import keras_layers, ngrams, snippets, tables
from convlab.lesson.equivalence import TOLERANCE
from convlab.lesson.layer import ConvLayer
from convlab.vectors.sets import Embedding, embed_sentence, load_builtin

SENTENCE = "It's not a bad movie at all."

CONFIGS = {
    "valid": ConvLayer(),
    "same-n4": ConvLayer(n=4, filters=3, padding="same", seed=11),
    "causal-strides2": ConvLayer(n=3, filters=5, padding="causal", strides=2, seed=7),
    "dilation2-relu": ConvLayer(n=2, filters=6, dilation=2, activation="relu", seed=123),
    "ones": ConvLayer(n=3, filters=2, padding="same", init="ones"),
}


@pytest.fixture(scope="module")
def emb() -> Embedding:
    return embed_sentence(SENTENCE, load_builtin())


def run_snippet(code: str) -> dict:
    namespace: dict = {"__name__": "__snippet__"}
    exec(compile(code, "<snippet>", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("conv", CONFIGS.values(), ids=CONFIGS.keys())
def test_snippet_reproduces_the_page(conv, emb, tmp_path, monkeypatch, capsys):
    words, dim = emb.matrix.shape
    assert (words, dim) == (9, 300)
    steps = conv.steps(words)
    (tmp_path / snippets.CSV_NAME).write_bytes(tables.csv(tables.embedding(emb)))
    monkeypatch.chdir(tmp_path)

    code = snippets.conv1d(conv, words, dim) + snippets.conv2d(conv, words, dim)
    capsys.readouterr()
    ns = run_snippet(code)
    printed = capsys.readouterr().out.splitlines()

    kernel, bias = keras_layers.init_weights(conv, dim)
    expected = keras_layers.conv1d(emb.matrix, kernel, bias, conv)
    assert expected.shape == (1, steps, conv.filters)

    # The CSV round trip gives back the very float32 matrix the page convolves.
    np.testing.assert_array_equal(np.asarray(ns["x"]), emb.matrix[None])
    # The snippet's layer starts from the page's weights ...
    got_kernel, got_bias = ns["conv1d"].get_weights()
    np.testing.assert_array_equal(got_kernel, kernel)
    np.testing.assert_array_equal(got_bias, bias)

    # ... and so computes the page's numbers: same weights, input and ops, bit for bit.
    y1 = np.asarray(ns["y1"])
    y2 = np.asarray(ns["y2"])
    assert y1.dtype == np.float32
    assert y1.shape == expected.shape
    assert y2.shape == (1, steps, 1, conv.filters)
    # Conv1D twice: the same kernel on both sides, so exactly equal on any CPU.
    assert float(np.abs(y1 - expected).max()) == 0
    # Conv2D is another kernel (oneDNN may pick another algorithm): equal within rounding.
    tolerance = TOLERANCE["float32"] * max(1.0, ngrams.magnitude(emb.matrix, kernel, bias, conv))
    assert float(np.abs(y2[:, :, 0, :] - y1).max()) <= tolerance
    if conv.activation == "relu":
        assert (y1 >= 0).all() and (y1 == 0).any()

    # What it prints: the real shapes, as its own comment promises, then the Conv2D gap.
    kernel_shape, output_shape = (conv.n, dim, conv.filters), (1, steps, conv.filters)
    assert printed[0] == f"{kernel_shape} {output_shape}"
    assert f"# kernel {kernel_shape}, output {output_shape}\n" in code
    assert f"y2 = conv2d(image)  # (1, {steps}, 1, {conv.filters})\n" in code
    assert len(printed) == 2
    assert float(printed[1]) <= tolerance


def test_snippet_spells_out_the_settings():
    conv = ConvLayer(n=4, filters=5, padding="causal", dilation=3, activation="relu", seed=99)
    one = snippets.conv1d(conv, 9, 300)
    assert "filters=5," in one and "kernel_size=4," in one
    assert 'padding="causal"' in one and "dilation_rate=3," in one
    assert 'activation="relu"' in one
    assert "keras.initializers.GlorotUniform(seed=99)" in one
    assert f'pd.read_csv("{snippets.CSV_NAME}"' in one
    two = snippets.conv2d(conv, 9, 300)
    assert "kernel_size=(4, 300)," in two and "dilation_rate=(3, 1)," in two
    # Causal: 3·(4−1) = 9 zero rows before the words, none after, and Conv2D runs "valid".
    assert "ZeroPadding2D(((9, 0), (0, 0)))" in two
    assert 'padding="valid"' in two and 'padding="causal"' not in two
    assert "kernel.reshape(4, 300, 1, 5)" in two

    plain = snippets.conv2d(ConvLayer(), 9, 300)
    assert "ZeroPadding2D" not in plain
    assert 'kernel_initializer="ones",' in snippets.conv1d(ConvLayer(init="ones"), 9, 3)
