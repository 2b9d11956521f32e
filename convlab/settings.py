"""Every setting a page keeps, merged from the features that declare them.

Plain Python, no Streamlit. Each feature package declares its own settings
(``convlab.lesson.settings``, ``convlab.shapelab.settings``,
``convlab.textcnn.settings``, ``convlab.vectors.settings``); this module merges
them as ``convlab.i18n`` merges the catalogues, refusing a key declared twice,
and reads and writes them as query parameters. Each key is also the widget's
key and the query parameter's name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from convlab import i18n
from convlab.disjoint import union
from convlab.lesson import settings as lesson
from convlab.ownmodel import settings as ownmodel
from convlab.setting import Setting
from convlab.shapelab import settings as shapelab
from convlab.textcnn import settings as textcnn
from convlab.vectors import settings as vectors

FRAME = {"lang": Setting(i18n.DEFAULT_LANG, choices=tuple(i18n.LANGS))}
"""The frame's own setting: the reader's language."""


SETTINGS = union(
    "settings",
    FRAME,
    lesson.SETTINGS,
    vectors.SETTINGS,
    shapelab.SETTINGS,
    textcnn.SETTINGS,
    ownmodel.SETTINGS,
)
RULES: tuple[Callable[[dict[str, Any]], list[str]], ...] = (lesson.reconcile,)
"""Checks across settings: each fixes ``values`` in place and returns the ``key=value`` dropped."""
SUGGESTED: dict[str, Callable[[Mapping[str, Any]], Any]] = lesson.SUGGESTED
"""Settings whose default depends on the others' values, until the user chooses one."""

DEFAULTS: dict[str, Any] = {key: s.default for key, s in SETTINGS.items()}
RANGES: dict[str, tuple[int, int]] = {k: s.range for k, s in SETTINGS.items() if s.range}
"""Accepted integers, for the widgets and for values arriving in the URL alike."""
CHOICES: dict[str, tuple[str, ...]] = {k: s.choices for k, s in SETTINGS.items() if s.choices}


def default(key: str, values: Mapping[str, Any]) -> Any:
    """What ``key`` is when nobody chose it: its suggestion for ``values``, else its default."""
    suggest = SUGGESTED.get(key)
    return DEFAULTS[key] if suggest is None else suggest(values)


def parse(key: str, raw: str) -> Any:
    """A setting from its query-parameter text; ValueError if it is not acceptable."""
    return SETTINGS[key].parse(raw)


def from_query(query: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Every setting from a link's query parameters, and the ``key=value`` texts ignored.

    A missing key means the default (or its suggestion); a value that does not
    parse, or a combination a feature's rule refuses, falls back to the default
    and is listed so the page can say so.
    """
    values, ignored = {}, []
    for key, fallback in DEFAULTS.items():
        raw = query.get(key)
        try:
            values[key] = fallback if raw is None else parse(key, raw)
        except ValueError:
            values[key] = fallback
            ignored.append(f"{key}={raw}")
    for rule in RULES:
        ignored += rule(values)
    for key in SUGGESTED.keys() - chosen(query):
        values[key] = default(key, values)
    return values, ignored


def chosen(query: Mapping[str, str]) -> set[str]:
    """The settings a link chose: those it names with a usable value."""
    named = set()
    for key in query.keys() & DEFAULTS.keys():
        try:
            parse(key, query[key])
        except ValueError:
            continue
        named.add(key)
    return named


def to_query(values: Mapping[str, Any]) -> dict[str, str]:
    """The settings that differ from their defaults (or suggestions), as query parameters.

    A copied URL then stays short enough to paste into a chat, and reads back
    to the same view through :func:`from_query`.
    """
    return {key: str(values[key]) for key in DEFAULTS if values[key] != default(key, values)}
