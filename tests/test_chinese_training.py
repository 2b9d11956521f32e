"""Chinese data end to end: a synthetic CSV trains a text CNN, whose filters mine Chinese words.

The data is made here: two classes told apart by their words (精彩 / 无聊...),
so a one-epoch fit on a few rows is enough to check what matters: the same
segmentation for training, mining and the sentence explanation, and Chinese
own vectors that load and are used.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import keras
import numpy as np
import pytest

from convlab import ui
from convlab.errors import InputError
from convlab.i18n import message
from convlab.textcnn import corpus, kim, mining, model_file
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.tokenize import has_han, tokenize
from convlab.ui.textcnn import OWN_FITS
from convlab.vectors.sets import embed_sentence, load_builtin, load_path
from tests.apptest import chart_data, main_infos, main_warnings, metrics, no_exception, open_app
from tests.vector_files import keyed

GOOD = ("精彩", "感人", "好看")
BAD = ("无聊", "糟糕", "难看")
FILLERS = ("这部电影", "剧情", "演员的表演", "整体来说", "我觉得")
ROWS = 60
RAND = Hyperparameters(variant="rand", kernel_sizes=(2,), filters=4, epochs=1)
QUICK = {"cnn_variant": "rand", "cnn_kernel_sizes": "2", "cnn_filters": "4", "cnn_epochs": "1"}
SENTENCE = "这部电影真的很精彩，剧情也感人。"


def reviews(rows: int = ROWS, seed: int = 0) -> bytes:
    """A CSV of short Chinese reviews, "好评" or "差评", some with invisible characters."""
    rng = random.Random(seed)
    lines = ["text,label"]
    for i in range(rows):
        words = GOOD if i % 2 else BAD
        first, second = rng.choice(FILLERS), rng.choice(FILLERS)
        text = f"{first}真的很{rng.choice(words)}，{second}也{rng.choice(words)}。"
        if i % 5 == 0:
            text = "\u200b" + text.replace("很", "很\u200d")  # invisible: must change nothing
        lines.append(f"{text},{'好评' if i % 2 else '差评'}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def data() -> corpus.Corpus:
    return corpus.from_table(reviews(), "reviews.csv")


@pytest.fixture(scope="module")
def fit(data: corpus.Corpus) -> kim.Fit:
    return kim.train(data, RAND, load_builtin("glove50"))


def chinese_vectors(path: Path, dim: int = 8) -> Path:
    """An own vector file (fastText .vec, UTF-8) keyed by Chinese words, as cc.zh.300 is."""
    words = [*GOOD, *BAD, "这部", "电影", "真的", "很", "，", "。"]
    vectors = np.random.default_rng(0).uniform(-1, 1, (len(words), dim)).astype(np.float32)
    keyed(words, vectors).save_word2vec_format(str(path), binary=False)
    return path


def test_training_sees_segmented_words(data: corpus.Corpus, fit: kim.Fit) -> None:
    sentences = kim.tokens_of(data.texts)
    assert sentences == [tokenize(text) for text in data.texts]
    words = {token for tokens in sentences for token in tokens}
    assert not any("\u200b" in word or "\u200d" in word for word in words)
    assert set(GOOD + BAD) <= set(fit.cnn.vocab.words)
    assert fit.cnn.length == max(map(len, sentences))
    glove = load_builtin("glove50")
    assert fit.coverage.types == len(words)
    assert fit.coverage.types_found == sum(word in glove.kv for word in words) < len(words)
    assert set(data.classes) == {"好评", "差评"}


def test_mining_finds_chinese_word_ngrams(data: corpus.Corpus, fit: kim.Fit) -> None:
    sentences = kim.tokens_of(data.texts)
    found = mining.mine(
        fit.cnn.weights, sentences, fit.cnn.encode(sentences), data.labels, data.classes, 1
    )
    bigrams = {" ".join(s[i : i + 2]) for s in sentences for i in range(len(s) - 1)}
    for j in range(fit.cnn.weights.filters):
        hits = found.top(j, 3)
        assert hits and all(hit.ngram in bigrams for hit in hits)
        assert any(has_han(hit.ngram) for hit in hits)


def test_a_chinese_own_vector_file_loads_and_is_used(tmp_path: Path, data: corpus.Corpus) -> None:
    vs = load_path(chinese_vectors(tmp_path / "zh.vec"))
    assert (vs.size, vs.dim, vs.file_format) == (12, 8, "fasttext-vec")
    emb = embed_sentence(SENTENCE, vs)
    assert [t for t, hit in zip(emb.tokens, emb.found, strict=True) if hit] == [
        "这部", "电影", "真的", "很", "精彩", "，", "感人", "。"
    ]  # fmt: skip
    np.testing.assert_array_equal(emb.matrix[4], vs.kv["精彩"])
    static = kim.train(data, Hyperparameters(variant="static", kernel_sizes=(2,), filters=4,
                                             epochs=1), vs)  # fmt: skip
    words = {token for tokens in kim.tokens_of(data.texts) for token in tokens}
    assert static.coverage.types_found == len(words & set(vs.kv.index_to_key)) == 12
    (embedding,) = [x for x in static.cnn.model.layers if isinstance(x, keras.layers.Embedding)]
    table = embedding.get_weights()[0]
    row = static.cnn.vocab.index["精彩"]
    np.testing.assert_allclose(
        table[row] / np.linalg.norm(table[row]),
        vs.kv["精彩"] / np.linalg.norm(vs.kv["精彩"]),
        rtol=1e-5,
    )  # the pretrained row, maybe rescaled, and frozen


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_own_chinese_vectors_on_the_pages(tmp_path: Path, lang: str) -> None:
    path = chinese_vectors(tmp_path / "zh.vec")
    at = open_app("word_vectors", lang=lang)
    at.file_uploader(key="vec_upload").set_value(("zh.vec", path.read_bytes(), "text/plain"))
    at.run()
    no_exception(at)
    assert at.query_params["vectors"] == "file:zh"
    at.switch_page("pages/lesson/embed.py").run()
    at.text_area(key="sentence").input(SENTENCE).run()
    no_exception(at)
    emb = embed_sentence(SENTENCE, load_path(path), "random", 42)
    assert metrics(at)[message("embed.found", lang)] == f"{sum(emb.found)} / {len(emb.tokens)}"
    np.testing.assert_allclose(chart_data(at)["value"].to_numpy().reshape(10, 8), emb.matrix)
    policy = message("oov.random", lang)
    facts = {"missing": 2, "total": 10, "name": ui.plain("file:zh"), "policy": policy}
    assert main_infos(at) == [message("segmentation.some_missing", lang, **facts)]


def test_train_and_explain_chinese_through_the_pages(data: corpus.Corpus, fit: kim.Fit) -> None:
    at = open_app("train", cnn_data="upload", **QUICK)
    at.file_uploader(key="cnn_table_file").upload("reviews.csv", reviews(), "text/csv").run()
    at.button(key="cnn_train").click().run()
    no_exception(at)
    (trained,) = at.session_state[OWN_FITS]._fits.values()  # fits on an upload: the session's
    for mine, theirs in zip(trained.cnn.model.get_weights(), fit.cnn.model.get_weights(),
                            strict=True):  # fmt: skip
        np.testing.assert_array_equal(mine, theirs)

    at.switch_page("pages/textcnn/filters.py").run()
    at.slider(key="cnn_min_count").set_value(1).run()
    at.text_area(key="cnn_sentence").input(SENTENCE).run()
    no_exception(at)
    overview = at.dataframe[0].value
    assert all(has_han(top) for top in overview["top"])
    typed = tokenize(SENTENCE)
    probs = fit.cnn.predict([typed])[0]
    assert metrics(at)[message("filters.prediction", "en")] == fit.cnn.classes[probs.argmax()]


def broken_model(fit: kim.Fit) -> bytes:
    """The fit's .keras file with a lone surrogate (a JSON \\ud800 escape) in its vocabulary."""
    source, out = zipfile.ZipFile(io.BytesIO(kim.save(fit.cnn))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            raw = source.read(item)
            if item.filename == model_file.META:
                meta = json.loads(raw)
                meta["vocabulary"][2] = "\ud800"
                raw = json.dumps(meta).encode()  # ensure_ascii: written as the escape
            archive.writestr(item, raw)
    return out.getvalue()


def test_a_model_with_lone_surrogates_is_refused(fit: kim.Fit) -> None:
    with pytest.raises(InputError) as refused:
        kim.load(broken_model(fit))
    assert refused.value.key == "err.model_broken_text"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_model_with_lone_surrogates_is_explained_on_the_page(fit: kim.Fit, lang: str) -> None:
    at = open_app("train", lang=lang)
    at.file_uploader(key="cnn_model_file").upload("x.keras", broken_model(fit)).run()
    no_exception(at)
    assert main_warnings(at) == [message("err.model_broken_text", lang)]
    assert ui.UPLOADED_MODEL not in at.session_state


def test_a_csv_with_nul_bytes_is_explained_in_chinese() -> None:
    at = open_app("train", cnn_data="upload", lang="zh")
    at.file_uploader(key="cnn_table_file").upload("x.csv", reviews()[:200] + b"\x00", "text/csv")
    at.run()
    no_exception(at)
    assert main_warnings(at) == [message("err.corpus_binary", "zh")]
