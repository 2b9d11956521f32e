"""The Keras code the Conv2D page shows must run and reproduce the page's numbers.

Each snippet is executed exactly as a learner would paste it into a notebook:
next to the embedding CSV the Embed page lets them download.
"""

from __future__ import annotations

import numpy as np
import pytest

from convlab.lesson import forms, keras_layers, ngrams, snippets, tables
from convlab.lesson import walkthrough as walk
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


def run_printed(code: str, emb: Embedding, tmp_path, monkeypatch, capsys) -> list[str]:
    """Run ``code`` next to the page's embedding CSV, as a learner would; the lines it prints."""
    (tmp_path / snippets.CSV_NAME).write_bytes(tables.csv(tables.embedding(emb)))
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    run_snippet(code)
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("conv", CONFIGS.values(), ids=CONFIGS.keys())
def test_walkthrough_snippet_takes_the_page_step_apart(conv, emb, tmp_path, monkeypatch, capsys):
    words, dim = emb.matrix.shape
    t, f = conv.steps(words) - 1, conv.filters - 1  # the last step: padding after, if any
    code = snippets.conv1d(conv, words, dim) + snippets.walkthrough(conv, words, dim, t, f)
    printed = run_printed(code, emb, tmp_path, monkeypatch, capsys)
    assert len(printed) == 3

    kernel, bias = keras_layers.init_weights(conv, dim)
    at = walk.step(conv, words, t, f)
    sums = walk.contributions(emb.matrix, kernel, at)  # the product panel's row sums
    cell = walk.cell_value(emb.matrix, kernel, bias, conv, at)
    y = keras_layers.conv1d(emb.matrix, kernel, bias, conv)[0]
    assert printed[1] == f"{[round(float(v), 4) for v in sums]} {round(cell, 4)}"
    assert printed[2] == str(round(float(y[t, f]), 4))
    assert abs(cell - float(y[t, f])) <= 1e-5


@pytest.mark.parametrize("name", ["conv2d_channels", "kim", "jacovi", "im2col"])
@pytest.mark.parametrize("conv", CONFIGS.values(), ids=CONFIGS.keys())
def test_each_road_snippet_reproduces_conv1d(name, conv, emb, tmp_path, monkeypatch, capsys):
    words, dim = emb.matrix.shape
    code = snippets.form(name, conv, words, dim)
    if forms.cannot(name, conv):
        assert code is None
        return
    printed = run_printed(
        snippets.conv1d(conv, words, dim) + code, emb, tmp_path, monkeypatch, capsys
    )
    assert len(printed) == 2
    kernel, bias = keras_layers.init_weights(conv, dim)
    tolerance = TOLERANCE["float32"] * max(1.0, ngrams.magnitude(emb.matrix, kernel, bias, conv))
    assert 0.0 <= float(printed[1]) <= tolerance
    # The shapes the code promises in its comments are the page's.
    layout = forms.layouts(conv, words, dim)[name]
    assert str(layout.output_shape) in code or name == "kim"
    assert f"reshape({', '.join(map(str, layout.kernel_shape))})" in code or name == "kim"


def test_jacovi_snippet_refuses_dilation():
    assert snippets.form("jacovi", ConvLayer(dilation=2), 9, 300) is None
    assert snippets.form("kim", ConvLayer(dilation=2), 9, 300) is not None
