"""Fixtures shared across test modules, and where the tests find MR.

The library never looks beside the checkout: MR comes from ``$CONVLAB_MR_DIR``.
The tests point it at ``../shared/data/mr`` unless CI or the developer chose
another folder, before any test module (or app the tests start) reads it.
"""

import os
from pathlib import Path

os.environ.setdefault(
    "CONVLAB_MR_DIR", str(Path(__file__).resolve().parents[2] / "shared" / "data" / "mr")
)


from tests.mr import serve  # noqa: F401  (a fixture: a local HTTP server holding an MR archive)
