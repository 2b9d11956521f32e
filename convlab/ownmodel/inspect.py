"""A model file judged without Keras: its kind, its ``config.json`` and convlab's vocabulary.

Everything here runs before Keras sees a byte: :func:`read` caps the file,
reads the zip's or the HDF5 file's model config under caps, and refuses what
:func:`convlab.ownmodel.config.check` refuses. Only then may
:mod:`convlab.ownmodel.keras_model` hand the file to Keras, in safe mode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from convlab.errors import InputError
from convlab.ownmodel import archive, config
from convlab.ownmodel.config import Known

ZIP_MAGIC = b"PK\x03\x04"
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
META = "convlab.json"
"""The member in which convlab's own models keep their vocabulary (see ``textcnn.kim``)."""


@dataclass(frozen=True)
class Checked:
    """A model file that passed every check: its suffix for Keras, its config, convlab's extras."""

    suffix: str
    config: dict
    meta: dict | None


def read(raw: bytes, known: Known | None = None, name: str = "model.keras") -> Checked:
    """The checked config of a ``.keras`` or legacy ``.h5`` model; InputError saying why not.

    ``name`` is the file's name, for the messages about its zip.
    """
    archive.check_size(len(raw))
    if raw.startswith(HDF5_MAGIC):
        found = config.parse(_h5_config(raw), "model_config")
        config.check(found, known, legacy=True)
        return Checked(".h5", found, None)
    if not raw.startswith(ZIP_MAGIC):
        raise InputError("own.not_model_file")
    text = archive.read_member(raw, "config.json", name)
    if text is None:
        raise InputError("own.no_config")
    found = config.parse(text)
    config.check(found, known)
    extra = archive.read_member(raw, META, name)
    meta = config.parse_meta(extra) if extra is not None else None
    return Checked(".keras", found, meta)


def _h5_config(raw: bytes) -> bytes:
    """The ``model_config`` attribute of a legacy HDF5 model, read with h5py alone."""
    import h5py

    try:
        with h5py.File(io.BytesIO(raw), "r") as h5:
            found = h5.attrs.get("model_config")
    except (OSError, ValueError) as err:
        raise InputError("own.h5_unreadable") from err
    if found is None:
        raise InputError("own.h5_no_config")
    return found.encode() if isinstance(found, str) else bytes(found)
