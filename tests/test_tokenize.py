"""The tokenizer must split text the way the vectors' training text was split."""

import pytest

from convlab.tokenize import tokenize


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
        ("😀 日本語 שלום", ["😀", "日本語", "שלום"]),
        ("MiXeD CaSe", ["mixed", "case"]),
    ],
)
def test_splits_like_the_vectors_expect(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_blank_text_has_no_tokens(text: str) -> None:
    assert tokenize(text) == []
