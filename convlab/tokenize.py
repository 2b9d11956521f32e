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
    from collections.abc import Callable, Sequence

MAX_TOKENS = 200
"""Longer inputs are truncated: a (200, 300) heatmap is already 60,000 cells."""

TOKENIZERS = ("words", "chars")
"""How Chinese text is split: into jieba's words, or into single characters."""

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
_HOLDERS = range(0xFDD0, 0xFDF0)
"""Noncharacters, never text: they hold the characters NFKC must not touch while it runs."""
_FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞⅟↉"
"""Kept as typed: NFKC splits ``½`` into three tokens, and the vector sets have ``½``."""
_CHINESE_PUNCTUATION = "，！？：；（）\uff5e"
"""Also kept in text with Han characters: the full-width marks Chinese is written with,
which NFKC would turn into ASCII, because Chinese vector files are keyed by them."""
_HOLDER = dict(zip(_FRACTIONS + _CHINESE_PUNCTUATION, map(chr, _HOLDERS), strict=False))
_KEPT = {holder: kept for kept, holder in _HOLDER.items()}
_HOLDABLE = re.compile(f"[{_FRACTIONS}]")
_HOLDABLE_IN_CHINESE = re.compile(f"[{_FRACTIONS}{_CHINESE_PUNCTUATION}]")
_HELD = re.compile(f"[{''.join(_KEPT)}]")
_CURLY = re.compile("[\u2018\u2019\u02bc]")
"""Typographic apostrophes, read as the ASCII one the clitic rules match."""
_STABLE_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002f7ff\U00030000-\U0003134f"
_STABLE_PUNCTUATION = "，。、！？：；（）“”《》【】「」『』—·\uff5e"
_CHINESE_ONLY = re.compile(
    f"[{_STABLE_PUNCTUATION}]*[{_STABLE_HAN}][{_STABLE_HAN}{_STABLE_PUNCTUATION}]*"
)
"""Chinese that cleaning leaves as it is (no compatibility ideographs, no invisible or
full-width Latin characters) and that the segmenter splits exactly as the general path
would: one call does it all, at the segmenter's own speed."""
_CHINESE_LINES = re.compile(f"[{_STABLE_HAN}{_STABLE_PUNCTUATION}\n]*")
_LINE_WITHOUT_HAN = re.compile(f"\n[{_STABLE_PUNCTUATION}]*\n")
"""Together, on a corpus joined by newlines: every line is ``_CHINESE_ONLY``. Two flat
scans, because one pattern with a repeated group runs ten times slower in ``re``."""


def _visible(c: str) -> str:
    category = unicodedata.category(c)
    if category in _REMOVED or c == _REPLACEMENT or ord(c) in _HOLDERS:
        return ""
    return " " if category == "Cc" and not c.isspace() else c


def clean(text: str) -> str:
    """``text`` normalised to NFKC, without format characters or lone surrogates (or the
    replacement character U+FFFD that broken UTF-8 becomes).

    Control characters (NUL, the C1 controls a latin-1 file decodes to) become
    spaces, so the words on either side stay apart. Each step is one C-speed
    string method unless the text needs it: this runs on every sentence of a corpus.

    >>> clean("\\u200b\\uff27\\uff2f\\uff2f\\uff24\\u202e\\uff01\\x00½"), clean("好看！")
    ('GOOD! ½', '好看！')
    """
    if text.isascii():
        return _ASCII_CONTROLS.sub(" ", text)
    if not text.isprintable() or _REPLACEMENT in text:
        text = "".join(map(_visible, text))
    if unicodedata.is_normalized("NFKC", text):
        return text
    holdable = _HOLDABLE_IN_CHINESE if has_han(text) else _HOLDABLE
    held = holdable.sub(lambda kept: _HOLDER[kept[0]], text)
    if unicodedata.is_normalized("NFKC", held):
        return text
    return _HELD.sub(lambda holder: _KEPT[holder[0]], unicodedata.normalize("NFKC", held))


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
    if tokenizer == "words" and _CHINESE_ONLY.fullmatch(text):
        return segmenter()(text)
    text = clean(text).lower()
    if text.isascii():
        return _words(text)
    text = _CURLY.sub("'", text)
    if not has_han(text):
        return _words(text)
    return _by_script(text, segmenter() if tokenizer == "words" else list)


def _by_script(text: str, split: Callable[[str], list[str]]) -> list[str]:
    """Han runs through ``split``, the text between them split as English is."""
    tokens: list[str] = []
    for i, part in enumerate(_HAN_RUN.split(text)):
        tokens.extend(split(part) if i % 2 else _words(part))
    return tokens


def tokenize_all(texts: Sequence[str], tokenizer: str = "words") -> list[list[str]]:
    """Every text of a corpus, each exactly as ``tokenize`` splits it.

    A Chinese data set is mostly plain Chinese sentences. When every text is, one
    regex pass over the joined corpus says so (no text may hold the newline that
    joins them), and each text then goes straight to the segmenter: training on
    10,000 sentences costs the segmenter's time, not a check per sentence on top.

    >>> tokenize_all(["很好看。", "Not bad"])
    [['很', '好看', '。'], ['not', 'bad']]
    """
    if tokenizer == "words" and texts:
        joined = "\n".join(texts)
        if (
            joined.count("\n") == len(texts) - 1
            and _CHINESE_LINES.fullmatch(joined)
            and not _LINE_WITHOUT_HAN.search(f"\n{joined}\n")
        ):
            return list(map(segmenter(), texts))
    return [tokenize(text, tokenizer) for text in texts]
