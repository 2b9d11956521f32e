"""Split a sentence into the tokens that pretrained word vectors are keyed by.

GloVe and spaCy's English vectors were built from lowercase, Penn-Treebank-style
tokens: punctuation stands alone and contractions split off their clitic
("didn't" -> "did", "n't"; "it's" -> "it", "'s"). Tokenizing the same way is
what makes most words of a sentence findable in the table at all.
"""

from __future__ import annotations

import re

MAX_TOKENS = 200
"""Longer inputs are truncated: a (200, 300) heatmap is already 60,000 cells."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_CHUNK = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-']\w+)*|[^\w\s]")
_CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")


def tokenize(text: str) -> list[str]:
    """Lowercase ``text`` and split it into words, clitics and punctuation marks.

    >>> tokenize("I didn't like it, it's dull!")
    ['i', 'did', "n't", 'like', 'it', ',', 'it', "'s", 'dull', '!']
    """
    tokens: list[str] = []
    for chunk in _CHUNK.findall(text.translate(_APOSTROPHES).lower()):
        clitic = _CLITIC.match(chunk)
        tokens.extend(clitic.groups() if clitic else (chunk,))
    return tokens
