"""The built-in example models: shipped files, their checksums, and how to open them.

``tools/build_own_examples.py`` trains them on data it makes itself and
writes them here with ``examples.json`` (SHA-256 of each file); a test
rebuilds them and compares. A file that does not match its checksum is
refused rather than loaded.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from convlab.errors import InputError

FOLDER = Path(__file__).parent / "data"
MANIFEST = FOLDER / "examples.json"
EXAMPLES = ("text_example", "signal_example")
"""Source names of the examples; each file is ``data/<name>.keras``."""


def path(name: str) -> Path:
    return FOLDER / f"{name}.keras"


def read(name: str) -> bytes:
    """An example's bytes, after its checksum; InputError if the file is missing or altered."""
    if name not in EXAMPLES:
        raise InputError("err.choice", name="example", value=name)
    try:
        raw = path(name).read_bytes()
        want = json.loads(MANIFEST.read_text())[name]["sha256"]
    except (OSError, KeyError, ValueError) as err:
        raise InputError("own.example_missing", name=name) from err
    if hashlib.sha256(raw).hexdigest() != want:
        raise InputError("own.example_altered", name=name)
    return raw


MODEL_DIR_ENV = "CONVLAB_MODEL_DIR"
"""A folder on the server whose model files the page may open by name; unset, none may be."""


def model_dir(folder: str | None) -> Path:
    """The server's model folder; InputError if the server allows no model files by path."""
    if not folder:
        raise InputError("own.path_off", env=MODEL_DIR_ENV)
    return Path(folder).resolve()


def server_file(name: str, folder: str | None) -> Path:
    """``name`` inside the model folder, never outside it (``..``, absolute paths, links)."""
    root = model_dir(folder)
    target = (root / name).resolve()
    if not target.is_relative_to(root) or target == root:
        raise InputError("own.path_outside", path=name)
    return target
