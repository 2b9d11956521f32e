"""How this server is deployed, as its environment says: one process, or one of several replicas.

`make serve-class` (deploy/serve_class.py) sets REPLICAS_ENV in every replica it starts.
"""

from __future__ import annotations

import os

REPLICAS_ENV = "CONVLAB_REPLICAS"


def replicas() -> int:
    """How many processes serve this link (1 unless REPLICAS_ENV says more)."""
    try:
        return max(1, int(os.environ.get(REPLICAS_ENV, "1")))
    except ValueError:
        return 1
