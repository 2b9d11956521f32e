"""The tokenizer must split text the way the vectors' training text was split."""

import subprocess
import sys
import unicodedata
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convlab.tokenize import _by_script, clean, has_han, segmenter, tokenize, tokenize_all
from convlab.vectors.sets import BUILTINS, load_builtin

SAMPLE_ZH = "这部电影很好看，但是太长了。"
GOOD = "\uff27\uff2f\uff2f\uff24"
"""GOOD in full-width Latin letters."""
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u202e", "\u00ad", "\u2066"]
"""Zero-width characters, the issue's bidi override, a soft hyphen, a bidi isolate: all Cf."""


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "I didn't like it, it's dull!",
            ["i", "did", "n't", "like", "it", ",", "it", "'s", "dull", "!"],
        ),
        ("Can't won't", ["ca", "n't", "wo", "n't"]),
        (
            "They're sure we've seen I'll he'd I'm",
            ["they", "'re", "sure", "we", "'ve", "seen", "i", "'ll", "he", "'d", "i", "'m"],
        ),
        ("It\u2019s fine", ["it", "'s", "fine"]),
        ("A well-known film", ["a", "well-known", "film"]),
        ("It cost $3.50.", ["it", "cost", "$", "3.50", "."]),
        ("<b>bold</b>", ["<", "b", ">", "bold", "<", "/", "b", ">"]),
        ("😀 日本語 שלום", ["😀", "日本", "語", "שלום"]),
        ("MiXeD CaSe", ["mixed", "case"]),
    ],
)
def test_splits_like_the_vectors_expect(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_blank_text_has_no_tokens(text: str) -> None:
    assert tokenize(text) == []


# Chinese ---------------------------------------------------------------------------------


def test_chinese_is_segmented_into_words() -> None:
    assert tokenize(SAMPLE_ZH) == ["这部", "电影", "很", "好看", "，", "但是", "太长", "了", "。"]


def test_chinese_characters_on_request() -> None:
    assert tokenize("很好看！", "chars") == ["很", "好", "看", "！"]


def test_mixed_text_is_split_token_by_token() -> None:
    text = f"I like 这部电影 very much, {GOOD}"
    assert tokenize(text) == ["i", "like", "这部", "电影", "very", "much", ",", "good"]
    chars = ["i", "like", "这", "部", "电", "影", "very", "much", ",", "good"]
    assert tokenize(text, "chars") == chars
    # Latin glued to Han still parts at the script boundary.
    assert tokenize("cnn卷积核") == ["cnn", "卷积", "核"]


def test_segmentation_is_the_segmenters() -> None:
    """Each run of Han characters is exactly what rjieba makes of it."""
    assert tokenize("卷积核实际上是 (3, 300)") == [
        *segmenter()("卷积核实际上是"),
        "(",
        "3",
        ",",
        "300",
        ")",
    ]


def test_the_segmenter_loads_only_for_chinese_text() -> None:
    probe = (
        f'import sys; from convlab.tokenize import tokenize; tokenize("It\'s {GOOD} ½"); '
        "before = 'rjieba' in sys.modules; tokenize('好看'); "
        "print(before, 'rjieba' in sys.modules, 'tensorflow' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True", "False"]


# Cleaning --------------------------------------------------------------------------------


@pytest.mark.parametrize("char", INVISIBLE)
def test_format_characters_vanish(char: str) -> None:
    assert unicodedata.category(char) == "Cf"
    assert tokenize(char * 2) == []
    assert tokenize(f"go{char}od mo{char}vie") == ["good", "movie"]
    assert tokenize(f"好{char}看") == ["好看"]


def test_full_width_latin_and_digits_are_normalised() -> None:
    assert tokenize(f"{GOOD} \uff11\uff12\uff13 movie\uff01") == ["good", "123", "movie", "!"]


def test_chinese_punctuation_stays_full_width_in_chinese_text() -> None:
    assert clean("好看！（真的）") == "好看！（真的）"
    assert clean(f"{GOOD}\uff01") == "GOOD!"


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x97"])
def test_nul_and_controls_part_words(bad: str) -> None:
    assert tokenize(bad) == []
    assert tokenize(f"good{bad}bad") == ["good", "bad"]


@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\ufffd"])
def test_lone_surrogates_and_replacement_characters_vanish(bad: str) -> None:
    """A broken character (or what broken UTF-8 in a URL decodes to) was never a word."""
    assert tokenize(bad) == []
    assert tokenize(f"good{bad}bad 好{bad}看") == ["goodbad", "好看"]


@pytest.mark.parametrize("name", BUILTINS)
def test_normalising_loses_no_key_of_the_builtin_sets(name: str) -> None:
    """A token that matched a key before cleaning still matches one after it."""
    kv = load_builtin(name).kv
    changed = {key: clean(key) for key in kv.index_to_key if clean(key) != key}
    assert changed == {"…": "..."}
    assert all(after in kv for after in changed.values())


# Properties ------------------------------------------------------------------------------


@given(st.text(max_size=40), st.lists(st.sampled_from(INVISIBLE), max_size=5), st.randoms())
def test_format_characters_change_no_token(text, marks, rnd) -> None:
    marked = list(text)
    for mark in marks:
        marked.insert(rnd.randint(0, len(marked)), mark)
    assert tokenize("".join(marked)) == tokenize(text)


@given(st.text(max_size=40))
def test_cleaning_twice_is_cleaning_once(text: str) -> None:
    assert clean(clean(text)) == clean(text)
    assert tokenize(clean(text)) == tokenize(text)


@given(st.text(max_size=40))
def test_no_token_is_blank_or_invisible(text: str) -> None:
    for token in tokenize(text):
        assert token.strip() == token != ""
        assert not {unicodedata.category(c) for c in token} & {"Cc", "Cf", "Cs"}


HAN = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=20)


@given(HAN)
def test_words_and_characters_cover_the_same_text(text: str) -> None:
    chars = tokenize(text, "chars")
    assert chars == list(text)
    assert "".join(tokenize(text)) == text
    assert has_han(text)


CHINESE = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),
        st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
        st.sampled_from("，。、！？：；（）“”《》【】「」『』—·\uff5e"),
        st.sampled_from(["这部", "电影", "很", "好看", "但是", "太长", "了"]),
    ),
    min_size=1,
    max_size=20,
).map("".join)


@given(CHINESE)
def test_plain_chinese_takes_one_segmenter_call_with_the_same_tokens(text: str) -> None:
    """The fast path (one rjieba call on the raw text) equals cleaning and splitting by script."""
    general = _by_script(clean(text).lower(), segmenter())
    assert tokenize(text) == general


CORPUS_TEXT = st.one_of(
    CHINESE,
    st.sampled_from(["", "，。", "好\n看", "很好看\n", "Not bad", "ＧＯＯＤ电影", "好\u200b看"]),
    st.text(max_size=10),
)


@given(st.lists(CORPUS_TEXT, max_size=6))
def test_a_corpus_is_tokenized_text_by_text(texts: list[str]) -> None:
    """One check over the joined corpus takes the fast path only where each text would."""
    assert tokenize_all(texts) == [tokenize(text) for text in texts]
    assert tokenize_all(texts, "chars") == [tokenize(text, "chars") for text in texts]


def test_a_plain_chinese_corpus_goes_straight_to_the_segmenter() -> None:
    texts = [SAMPLE_ZH, "很好看。"]
    with mock.patch("convlab.tokenize.tokenize", side_effect=AssertionError):
        assert tokenize_all(texts) == [
            ["这部", "电影", "很", "好看", "，", "但是", "太长", "了", "。"],
            ["很", "好看", "。"],
        ]
