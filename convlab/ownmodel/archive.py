"""A ``.keras`` upload read as a zip without trusting it: sizes capped before anything is inflated.

One small boundary (bytes in, capped member texts out) so that a general
upload-bomb check can replace it whole. The model file itself is capped; the
zip's central directory is read first and its declared sizes are capped in
total and in compression ratio; ``zipfile`` never inflates a member past its
declared size, so those caps hold while reading. The one member read here,
``config.json``, is read with its own cap, whatever it declares.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from convlab.errors import InputError

MAX_MODEL_BYTES = 50 * 1024 * 1024
"""Largest model file accepted, uploaded or named on the server."""
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""Largest total the zip may declare once inflated: a bomb stops here."""
MAX_RATIO = 100
"""Largest inflated/compressed ratio of a member bigger than :data:`RATIO_FLOOR`."""
RATIO_FLOOR = 1024 * 1024
MAX_CONFIG_BYTES = 5 * 1024 * 1024
"""``config.json`` of a large real model is tens of kB; vocabularies live in assets."""
MB = 1024 * 1024


def check_size(size: int) -> None:
    """InputError if a model file of ``size`` bytes is over the cap."""
    if size > MAX_MODEL_BYTES:
        raise InputError("own.too_big", size=f"{size / MB:.1f}", most=MAX_MODEL_BYTES // MB)


def read_member(raw: bytes, name: str, most: int = MAX_CONFIG_BYTES) -> bytes | None:
    """Member ``name`` of the zip ``raw`` (None if absent), after the archive-wide caps.

    InputError if ``raw`` is not a whole zip, declares more than the caps, or
    the member is longer than ``most`` or cannot be inflated.
    """
    check_size(len(raw))
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise InputError("own.not_zip") from err
    with archive:
        infos = archive.infolist()
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED_BYTES:
            raise InputError("own.bomb", total=f"{total / MB:,.0f}", most=MAX_UNPACKED_BYTES // MB)
        for info in infos:
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise InputError("own.bomb_ratio", member=info.filename, ratio=f"{ratio:,.0f}")
        if name not in archive.namelist():
            return None
        try:
            with archive.open(name) as member:
                data = member.read(most + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as err:
            raise InputError("own.truncated", member=name) from err
    if len(data) > most:
        raise InputError("own.member_too_big", member=name, most=most // MB)
    return data
