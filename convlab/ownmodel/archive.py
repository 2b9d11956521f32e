"""A ``.keras`` model a visitor brings, read as a zip without trusting it.

The file itself is capped here; everything about its members (how many, their
declared sizes, the total, the compression ratio, reading past a cap) is
:mod:`convlab.archives`'s, as for every archive the app takes.
"""

from __future__ import annotations

from convlab.archives import Archive, Limits
from convlab.errors import InputError

MAX_MODEL_BYTES = 50 * 1024 * 1024
"""Largest model file accepted, uploaded or named on the server."""
MB = 1024 * 1024
LIMITS = Limits(
    members=10_000,
    total=200 * MB,
    ratio=100,
    sizes={"config.json": 5 * MB, "convlab.json": 8 * MB},
)
"""A model's weights may unpack to 200 MB; ``config.json`` of a large real model is tens
of kB (vocabularies live in assets), and convlab's own vocabulary file stays under 8 MB."""


def check_size(size: int) -> None:
    """InputError if a model file of ``size`` bytes is over the cap."""
    if size > MAX_MODEL_BYTES:
        raise InputError("own.too_big", size=f"{size / MB:.1f}", most=MAX_MODEL_BYTES // MB)


def read_member(raw: bytes, name: str, filename: str = "model.keras") -> bytes | None:
    """Member ``name`` of the zip ``raw`` (None if absent), once the whole archive is within
    :data:`LIMITS`; InputError from :mod:`convlab.archives` if it is not."""
    check_size(len(raw))
    with Archive(raw, LIMITS, filename) as archive:
        return archive.read(name) if name in archive.names else None
