"""One setting a link can carry: its default and the values it accepts.

Each feature package declares its own (``convlab.lesson.settings``...);
``convlab.settings`` merges them. The same declaration bounds the widget and
checks whatever arrives in a shared link, so a hand-edited URL can never reach
a layer with a value no widget could produce.
"""

from __future__ import annotations

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


def clipped(most: int) -> Callable[[str], str]:
    """A text check that keeps at most ``most`` characters."""
    return lambda raw: raw[:most]
