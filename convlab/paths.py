"""Where convlab keeps what it downloads: one folder for MR and the gensim-data sets alike.

``$CONVLAB_CACHE`` if set (tests and deployments point it elsewhere), else
``$XDG_CACHE_HOME/convlab``, else ``~/.cache/convlab``.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "CONVLAB_CACHE"


def root() -> Path:
    named = os.environ.get(ENV)
    if named:
        return Path(named)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "convlab"
