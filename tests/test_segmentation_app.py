"""Chinese sentences and unclean text through the pages, in English and in Chinese.

Every number asserted here is computed again by the library (``tokenize``,
``embed_sentence``) on the same text; every bad input of issue 15 (format
characters, full-width letters, lone surrogates, NUL) is opened in both languages.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from convlab.i18n import message
from convlab.lesson.settings import SAMPLES
from convlab.tokenize import tokenize
from convlab.vectors.sets import embed_sentence, load_builtin
from tests.apptest import (
    APP,
    PAGES,
    REPO,
    TIMEOUT,
    chart_data,
    chart_specs,
    heatmap_rows,
    main_infos,
    main_warnings,
    metrics,
    no_exception,
    open_app,
)

ZH = "这部电影很好看，但是太长了。"
WORDS = ["这部", "电影", "很", "好看", "，", "但是", "太长", "了", "。"]
LANGS = ("en", "zh")
GOOD = "\uff27\uff2f\uff2f\uff24"
"""GOOD in full-width Latin letters."""


def notice(lang: str, missing: int, total: int, policy: str) -> str:
    policy_name = message(f"oov.{policy}", lang)
    return message(
        "segmentation.no_vectors",
        lang,
        missing=missing,
        total=total,
        name="md300",
        policy=policy_name,
    )


def shown_tokens(at: AppTest) -> list[str]:
    return at.dataframe[0].value["token"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_a_chinese_sentence_is_rows_of_words_on_seeded_random_vectors(lang: str) -> None:
    at = open_app("embed", sentence=ZH, lang=lang)
    no_exception(at)
    assert shown_tokens(at) == WORDS
    # Said once, in the reader's language; no "try an English sentence" warning beside it.
    assert main_infos(at) == [notice(lang, missing=7, total=9, policy="random")]
    assert main_warnings(at) == []
    assert at.radio(key="oov").value == "random"
    assert at.radio(key="tokenizer").value == "words"
    assert "oov" not in at.query_params  # the suggestion follows the sentence, not the link
    # Seeded random rows (seed 42, the lesson's), not zeros.
    expected = embed_sentence(ZH, load_builtin(), "random", 42).matrix
    assert expected.any(axis=1).all()
    np.testing.assert_allclose(chart_data(at)["value"].to_numpy().reshape(9, 300), expected)
    # The sidebar's coverage bar counts the segmented words.
    (bar,) = at.sidebar.get("progress")
    assert bar.proto.text == message("vectors.coverage", lang, found=0, total=9)


def test_characters_on_request_and_back() -> None:
    at = open_app("embed", sentence=ZH)
    at.radio(key="tokenizer").set_value("chars").run()
    no_exception(at)
    assert shown_tokens(at) == list(ZH)
    assert at.query_params["tokenizer"] == "chars"
    at.switch_page(PAGES["conv1d"]).run()
    no_exception(at)
    assert heatmap_rows(chart_specs(at)[0])[:2] == ["0: 这 部 电", "1: 部 电 影"]


def test_conv1d_windows_are_chinese_word_ngrams() -> None:
    at = open_app("conv1d", sentence=ZH)
    no_exception(at)
    rows = heatmap_rows(chart_specs(at)[0])
    assert rows[1] == "1: 电影 很 好看"
    assert len(rows) == len(WORDS) - 2


def test_a_chosen_policy_is_never_overridden() -> None:
    at = open_app("embed", sentence=ZH)
    at.radio(key="oov").set_value("zero").run()
    at.text_area(key="sentence").input("It's good.").run()
    at.text_area(key="sentence").input(ZH).run()
    no_exception(at)
    assert at.radio(key="oov").value == "zero"
    assert main_infos(at) == [notice("en", missing=7, total=9, policy="zero")]
    assert at.query_params["oov"] == "zero"
    # A link that names a policy chose it too.
    linked = open_app("embed", sentence=ZH, oov="skip")
    assert linked.radio(key="oov").value == "skip"


def test_the_suggestion_follows_the_sentence_until_chosen() -> None:
    at = open_app("embed")
    assert at.radio(key="oov").value == "zero"
    assert "tokenizer" not in [r.key for r in at.radio]  # it matters for Chinese only
    at.text_area(key="sentence").input(ZH).run()
    assert at.radio(key="oov").value == "random"
    at.text_area(key="sentence").input("It's good.").run()
    assert at.radio(key="oov").value == "zero"
    assert "oov" not in at.query_params


def test_the_picker_offers_chinese_samples() -> None:
    at = open_app("embed", lang="zh")
    chinese = [s for s in at.selectbox(key="sample").options if s in SAMPLES[5:]]
    assert chinese == list(SAMPLES[5:]) and all("，" in s for s in chinese)
    at.selectbox(key="sample").set_value(SAMPLES[8]).run()
    no_exception(at)
    assert shown_tokens(at) == tokenize(SAMPLES[8])
    assert shown_tokens(at)[:6] == ["卷积", "核", "的", "形状", "实际上", "是"]


# Bad input of issue 15, in both languages ------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", ["\u200b\u200b", "\u202e\ufeff\u2060\u200c\u200d"])
def test_invisible_sentences_prompt_for_a_sentence(lang: str, text: str) -> None:
    at = open_app("embed", sentence=text, lang=lang)
    no_exception(at)
    assert main_infos(at) == [message("embed.empty", lang)]
    assert not at.dataframe
    at.text_area(key="sentence").input(f"go{text}od").run()
    no_exception(at)
    assert shown_tokens(at) == ["good"]


@pytest.mark.parametrize("lang", LANGS)
def test_full_width_letters_find_their_vectors(lang: str) -> None:
    at = open_app("embed", sentence=f"{GOOD} movie", lang=lang)
    no_exception(at)
    assert shown_tokens(at) == ["good", "movie"]
    assert metrics(at)[message("embed.found", lang)] == "2 / 2"


@pytest.mark.parametrize("lang", LANGS)
def test_a_lone_surrogate_in_a_link_is_no_token_and_no_traceback(lang: str) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    # What a browser sends for %ED%A0%80: the UTF-8 bytes of the surrogate U+D800.
    at.query_params["sentence"] = "good \ud800bad".encode("utf-8", "surrogatepass")
    at.query_params["lang"] = lang
    at.switch_page(PAGES["embed"]).run()
    no_exception(at)
    assert shown_tokens(at) == ["good", "bad"]
    for page in ("conv1d", "conv2d", "home"):
        at.switch_page(PAGES[page]).run()
        no_exception(at)


@pytest.mark.parametrize("lang", LANGS)
def test_nul_in_a_link_parts_words(lang: str) -> None:
    at = open_app("embed", sentence="good\x00bad", lang=lang)
    no_exception(at)
    assert at.text_area(key="sentence").value == "good bad"
    assert shown_tokens(at) == ["good", "bad"]


# Cost --------------------------------------------------------------------------------------

_PROBE = f"""
import json, sys
from streamlit.testing.v1 import AppTest
from convlab.ui import warmup
warmup.start = lambda: None  # the server's background import of TensorFlow is not this test's
at = AppTest.from_file({APP!r}, default_timeout={TIMEOUT}).run()
home = "rjieba" in sys.modules
at.switch_page("pages/lesson/embed.py").run()
english = "rjieba" in sys.modules
at.text_area(key="sentence").input({ZH!r}).run()
print(json.dumps([home, english, "rjieba" in sys.modules, "tensorflow" in sys.modules,
                  len(at.exception)]))
"""


def test_the_segmenter_loads_with_the_first_chinese_sentence_and_no_tensorflow() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=REPO, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, False, True, False, 0]
