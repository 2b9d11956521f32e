"""One setting a link can carry: its default and the values it accepts.

Each feature package declares its own (``convlab.lesson.settings``...);
``convlab.settings`` merges them. The same declaration bounds the widget and
checks whatever arrives in a shared link, so a hand-edited URL can never reach
a layer with a value no widget could produce.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    """A setting's default, and exactly one of: an integer range, choices, or a text check."""

    default: Any
    range: tuple[int, int] | None = None
    choices: tuple[str, ...] | None = None
    text: Callable[[str], str] | None = None
    """For free text: the check (ValueError if unusable), returning the text kept."""

    def parse(self, raw: str) -> Any:
        """The value from its query-parameter text; ValueError if it is not acceptable."""
        if self.text is not None:
            return self.text(raw)
        if self.choices is not None:
            if raw not in self.choices:
                raise ValueError(raw)
            return raw
        if self.range is None:
            raise ValueError(raw)
        low, high = self.range
        number = int(raw)
        if not low <= number <= high:
            raise ValueError(raw)
        return number


_SURROGATES = re.compile("[\ud800-\udfff]")
"""Lone surrogates: no page can send them to a browser, they are not UTF-8."""


def clipped(most: int) -> Callable[[str], str]:
    """A text check keeping at most ``most`` characters: no lone surrogates, NUL as a space."""
    return lambda raw: _SURROGATES.sub("", raw).replace("\x00", " ")[:most]
