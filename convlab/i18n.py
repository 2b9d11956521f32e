"""Every sentence the user reads, in English and Simplified Chinese.

One catalogue keyed by message id, each entry holding both languages side by
side, so a missing translation is visible in review and caught by a test.
Numbers are never written here: they arrive as format parameters. The entries
live in ``convlab.messages``, one module per topic; this module merges them
and refuses a key defined twice.
"""

from __future__ import annotations

from convlab.disjoint import union
from convlab.messages import (
    archives,
    core,
    lesson,
    model_config,
    ownmodel,
    segmentation,
    shapelab,
    training,
    vectors,
    walkthrough,
)

LANGS: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANG = "en"


CATALOGUE = union(
    "message keys",
    archives.MESSAGES,
    core.MESSAGES,
    lesson.MESSAGES,
    model_config.MESSAGES,
    ownmodel.MESSAGES,
    segmentation.MESSAGES,
    shapelab.MESSAGES,
    training.MESSAGES,
    vectors.MESSAGES,
    walkthrough.MESSAGES,
)


def message(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` (English if ``lang`` is unknown), filled in."""
    entry = CATALOGUE[key]
    return entry.get(lang, entry[DEFAULT_LANG]).format(**params)
