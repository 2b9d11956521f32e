"""The one exception type for bad user input.

It carries a message-catalogue key and its parameters instead of a finished
sentence, so the app can explain the problem in the reader's language while
the CLI prints the English line.
"""

from __future__ import annotations

from convlab.i18n import message


class InputError(ValueError):
    """Input the lesson cannot use, with a key into the message catalogue."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(message(key, "en", **params))

    def say(self, lang: str) -> str:
        """The explanation in ``lang``."""
        return message(self.key, lang, **self.params)
