"""Tables that several feature packages contribute to, merged without silent overrides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

V = TypeVar("V")


def union(what: str, *parts: Mapping[str, V]) -> dict[str, V]:
    """All ``parts`` in one dict; ValueError naming ``what`` if a key comes from two.

    Messages and settings are declared per feature; a key defined twice would
    otherwise let the later feature silently replace the earlier one's entry.
    """
    merged: dict[str, V] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"{what} defined twice: {sorted(twice)}")
        merged |= part
    return merged
