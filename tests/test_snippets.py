"""The code the lesson pages show must run and reproduce the pages' numbers.

Each snippet is executed exactly as a learner would paste it into a notebook:
the Embed page's next to nothing, the Conv pages' next to the embedding CSV the
Embed page lets them download.
"""

from __future__ import annotations

import ast

import numpy as np
import pytest

from convlab.lesson import forms, keras_layers, ngrams, snippets, tables
from convlab.lesson import walkthrough as walk
from convlab.lesson.equivalence import TOLERANCE
from convlab.lesson.layer import ConvLayer
from convlab.vectors.sets import (
    Embedding,
    embed_sentence,
    load_builtin,
    load_path,
    resolve,
)
from tests import vector_files
from tests.apptest import en, metrics, no_exception, open_app

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


EMBEDDINGS = {
    "default-zero": ("It's not a bad movie at all.", "md300", "zero", 0, "words"),
    "unknown-skip": ("A zxqv film, blorft and good.", "md300", "skip", 0, "words"),
    "unknown-random": ("A zxqv film, blorft and zxqv.", "md300", "random", 7, "words"),
    "glove-random": ("Movies of 2024 qqqz!", "glove50", "random", 123, "words"),
    "chinese-chars": ("这部电影不错", "md300", "random", 5, "chars"),
}


@pytest.mark.parametrize("settings", EMBEDDINGS.values(), ids=EMBEDDINGS.keys())
def test_embed_snippet_rebuilds_the_page_matrix(settings, capsys):
    sentence, name, oov, seed, tokenizer = settings
    vs = load_builtin(name)
    page = embed_sentence(sentence, vs, oov, seed, tokenizer)  # what the Embed page shows
    code = snippets.embedding(sentence, vs, oov, seed, tokenizer)
    capsys.readouterr()
    ns = run_snippet(code)
    printed = capsys.readouterr().out.splitlines()

    # The very matrix, bit for bit: same rows, same OOV rows from the same seed.
    assert ns["x"].dtype == np.float32
    np.testing.assert_array_equal(ns["x"], page.matrix)
    # What it prints is what the page's metrics and token table show.
    words, dim = page.matrix.shape
    found = sum(page.found)
    assert printed[0] == f"{len(page.tokens)} tokens, {found} with a vector: ({words}, {dim})"
    shown = tables.tokens(page).norm.dropna().map("{:.3f}".format).tolist()
    assert [f"{v:.3f}" for v in ast.literal_eval(printed[1])] == shown
    assert len(printed) == 2
    # Each policy's own branch ran: skipped tokens have no row, random ones do.
    if oov == "skip":
        assert found == words < len(page.tokens)
    if oov == "random":
        assert found < words == len(page.tokens)
        assert "zlib.crc32" in code and f"default_rng([{seed}," in code


def test_embed_snippet_reads_your_own_file_where_you_keep_it(tmp_path, monkeypatch, capsys):
    words, vectors = vector_files.table(rows=12, dim=5)
    path = vector_files.word2vec(tmp_path / "my vectors.txt", words, vectors, binary=False)
    vs = load_path(path, limit=10)  # the last two rows are beyond the limit, as on the page
    page = embed_sentence("the good film w11", vs, "zero")
    code = snippets.embedding("the good film w11", vs, "zero", 0, "words")
    assert "resolve('my vectors.txt', limit=10)" in code
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    ns = run_snippet(code)
    np.testing.assert_array_equal(ns["x"], page.matrix)
    assert capsys.readouterr().out.splitlines()[0] == "4 tokens, 3 with a vector: (4, 5)"


def test_embed_snippet_of_a_gensim_data_set_runs_on_the_same_download(
    tmp_path, monkeypatch, capsys
):
    """A local server stands in for gensim-data's releases; the page's set and the snippet's
    come from the same cached download."""
    name = "glove-wiki-gigaword-50"
    words, vectors = vector_files.table(rows=40, dim=5)
    raw = f"{len(words)} 5\n".encode() + vector_files.text_rows(words, vectors)
    content = vector_files.gzipped(tmp_path / "r.gz", raw).read_bytes()
    vector_files.publish(tmp_path / "releases", monkeypatch, name, content)
    with vector_files.http_server(tmp_path / "releases") as server:
        vector_files.isolate(monkeypatch, tmp_path / "cache", server.base_url)
        online = resolve(f"{name}:25")
        assert server.requests == [f"/{name}/{name}.gz"]
        page = embed_sentence("the good film w30", online, "zero")
        code = snippets.embedding("the good film w30", online, "zero", 0, "words")
        assert f'kv = resolve("{name}:25").kv  # gensim-data' in code
        capsys.readouterr()
        ns = run_snippet(code)
        assert server.requests == [f"/{name}/{name}.gz"]  # the snippet read the cache
    np.testing.assert_array_equal(ns["x"], page.matrix)
    found = sum(page.found)
    assert 0 < found < len(page.tokens)  # w30 is beyond the 25 rows read
    assert capsys.readouterr().out.splitlines()[0] == f"4 tokens, {found} with a vector: (4, 5)"


def test_embed_snippet_quotes_the_sentence_as_code():
    sentence = 'He said "no" \\ then\nprint("pwned")'
    code = snippets.embedding(sentence, load_builtin(), "zero", 0, "words")
    assert f"tokenize({sentence!r}, " in code
    assert 'print("pwned")\n' not in code.replace(repr(sentence), "")
    compile(code, "<snippet>", "exec")


def test_the_embed_page_shows_the_code_for_its_settings():
    at = open_app("embed", sentence="A zxqv film.", oov="random", seed="9")
    no_exception(at)
    assert metrics(at)[en("embed.shape")] == "(4, 300)"
    expected = snippets.embedding("A zxqv film.", load_builtin(), "random", 9, "words")
    assert expected.strip() in [c.value.strip() for c in at.code]
