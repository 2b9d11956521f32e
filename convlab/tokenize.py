"""Split a sentence into the tokens that pretrained word vectors are keyed by.

GloVe and spaCy's English vectors were built from lowercase, Penn-Treebank-style
tokens: punctuation stands alone and contractions split off their clitic
("didn't" -> "did", "n't"; "it's" -> "it", "'s"). Tokenizing the same way is
what makes most words of a sentence findable in the table at all.

Chinese is written without spaces, so a run of Han characters is one ``\\w+``
chunk: a whole clause. Such runs are segmented into words by rjieba (jieba's
dictionary and algorithm in Rust), or split into single characters when the
teacher wants character n-grams. Text without Han characters never loads it.

Before any of that the text is cleaned: invisible characters (format
characters such as zero-width spaces and bidi controls, and lone surrogates) are
removed and control characters such as NUL become spaces, so they can neither
become empty-looking tokens nor break a page, and the text is normalised to NFKC
so that a full-width ``GOOD`` (U+FF27...) finds the vector of ``good``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_TOKENS = 200
"""Longer inputs are truncated: a (200, 300) heatmap is already 60,000 cells."""

TOKENIZERS = ("words", "chars")
"""How Chinese text is split: into jieba's words, or into single characters."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CHUNK = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-']\w+)*|[^\w\s]")
_CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RUN = re.compile(f"([{_HAN}]+)")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
"""ASCII control characters that ``str.isspace`` does not count as space (NUL among them)."""
_REMOVED = frozenset(("Cf", "Cs"))
"""Format characters (zero-width, bidi controls) and lone surrogates: removed, so that a
zero-width joiner inside a word leaves the word whole."""
_REPLACEMENT = "\ufffd"
"""What a URL's broken UTF-8 (a lone surrogate, say) arrives as: removed like a surrogate."""
_FRACTIONS = "\u00bc-\u00be\u2150-\u215f\u2189"
_CHINESE_PUNCTUATION = "，！？：；（）\uff5e"
_KEPT = re.compile(f"([{_FRACTIONS}]+)")
"""Kept as typed: NFKC splits ``½`` into three tokens, and the vector sets have ``½``."""
_KEPT_IN_CHINESE = re.compile(f"([{_FRACTIONS}{_CHINESE_PUNCTUATION}]+)")
"""Also kept in text with Han characters: the full-width marks Chinese is written with,
which NFKC would turn into ASCII, because Chinese vector files are keyed by them."""


def _visible(c: str) -> str:
    category = unicodedata.category(c)
    if category in _REMOVED or c == _REPLACEMENT:
        return ""
    return " " if category == "Cc" and not c.isspace() else c


def clean(text: str) -> str:
    """``text`` normalised to NFKC, without format characters or lone surrogates (or the
    replacement character U+FFFD that broken UTF-8 becomes).

    Control characters (NUL, the C1 controls a latin-1 file decodes to) become
    spaces, so the words on either side stay apart.

    >>> clean("\\u200b\\uff27\\uff2f\\uff2f\\uff24\\u202e\\uff01\\x00½"), clean("好看！")
    ('GOOD! ½', '好看！')
    """
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)
    visible = "".join(map(_visible, text))
    if unicodedata.is_normalized("NFKC", visible):
        return visible
    kept = _KEPT_IN_CHINESE if has_han(visible) else _KEPT
    parts = kept.split(visible)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))


def has_han(text: str) -> bool:
    """Whether ``text`` holds Chinese (Han) characters, which the tokenizer segments."""
    return _HAN_RUN.search(text) is not None


@cache
def segmenter() -> Callable[[str], list[str]]:
    """rjieba's word segmenter, imported on the first Chinese text of the process.

    Chosen over jieba by measurement (bench/tokenize_text.py): the same words,
    no one-second dictionary load and no cache file written to the temp folder.
    """
    import rjieba

    return rjieba.cut


def _words(text: str) -> list[str]:
    tokens: list[str] = []
    for chunk in _CHUNK.findall(text):
        clitic = _CLITIC.match(chunk)
        tokens.extend(clitic.groups() if clitic else (chunk,))
    return tokens


def tokenize(text: str, tokenizer: str = "words") -> list[str]:
    """Clean and lowercase ``text``; split it into words, clitics and punctuation marks.

    Runs of Han characters become jieba's words, or single characters when
    ``tokenizer`` is "chars"; the text around them is split as English is.

    >>> tokenize("I didn't like it, it's dull!")
    ['i', 'did', "n't", 'like', 'it', ',', 'it', "'s", 'dull', '!']
    >>> tokenize("这部电影很好看，但是太长了。")
    ['这部', '电影', '很', '好看', '，', '但是', '太长', '了', '。']
    """
    text = clean(text).translate(_APOSTROPHES).lower()
    if text.isascii() or not has_han(text):
        return _words(text)
    split = segmenter() if tokenizer == "words" else list
    tokens: list[str] = []
    for i, part in enumerate(_HAN_RUN.split(text)):
        tokens.extend(split(part) if i % 2 else _words(part))
    return tokens
