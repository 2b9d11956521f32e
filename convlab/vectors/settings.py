"""The word vectors' settings: the active set, and the nearest-words tool."""

from __future__ import annotations

from convlab.setting import Setting, clipped
from convlab.vectors.sets import DEFAULT_VECTORS, check_set_name

MAX_WORD_CHARS = 100

SETTINGS = {
    "vectors": Setting(DEFAULT_VECTORS, text=check_set_name),
    "word": Setting("good", text=clipped(MAX_WORD_CHARS)),
    "topn": Setting(10, range=(1, 50)),
}
