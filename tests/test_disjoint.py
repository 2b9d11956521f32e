"""Merging what feature packages declare: every key once, or a loud refusal."""

from __future__ import annotations

import pytest

from convlab import i18n, settings
from convlab.disjoint import union
from convlab.lesson import settings as lesson_settings
from convlab.messages import lesson as lesson_messages


def test_disjoint_parts_are_all_kept() -> None:
    assert union("things", {"a": 1}, {"b": 2}, {}) == {"a": 1, "b": 2}


def test_a_key_from_two_parts_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"things defined twice: \['b'\]"):
        union("things", {"a": 1, "b": 2}, {"b": 3})


def test_the_app_tables_hold_every_feature_key() -> None:
    assert lesson_settings.SETTINGS.keys() <= settings.SETTINGS.keys()
    assert lesson_messages.MESSAGES.keys() <= i18n.CATALOGUE.keys()
