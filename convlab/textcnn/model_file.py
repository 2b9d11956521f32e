"""A ``.keras`` file from a visitor, checked before Keras or h5py sees a byte of it.

A ``.keras`` file is a zip: ``config.json`` (the layers), ``metadata.json``,
``model.weights.h5``, and for convlab's own files ``convlab.json`` (vocabulary,
classes, settings). :func:`read` checks the zip's directory against
:data:`LIMITS` (see :mod:`convlab.archives`), reads the two JSON members in
chunks up to their caps, and refuses layers that carry code (:mod:`convlab.model_config`,
as for the Your model page). What Keras then
loads is a fresh zip of only the checked members (:meth:`ModelFile.write_keras`),
so it never meets a member the checks did not read, nor a size they did not
bound. Nothing here imports Keras: a hostile file is refused before the
seconds and hundreds of MB that importing TensorFlow costs.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from convlab import model_config
from convlab.archives import Archive, Limits
from convlab.errors import InputError

CONFIG = "config.json"
METADATA = "metadata.json"
WEIGHTS = "model.weights.h5"
META = "convlab.json"
"""The extra member of a saved ``.keras`` zip: vocabulary, classes, settings, scores."""
MAX_CONFIG_BYTES = 1_000_000
MAX_META_BYTES = 8 * 2**20
"""convlab.json: 30,000 words of up to a few dozen UTF-8 bytes each, and the settings."""
MAX_MODEL_BYTES = 256 * 2**20
"""All members unpacked, for a file named on the command line: a 30,000-word, 2048-d model fits.
The app passes its upload cap instead."""
LIMITS = Limits(
    members=16,
    total=MAX_MODEL_BYTES,
    ratio=100,
    sizes={CONFIG: MAX_CONFIG_BYTES, METADATA: 64 * 2**10, META: MAX_META_BYTES},
)
"""Keras writes its members uncompressed, so a ratio over 100 is no model anyone saved."""
_KERAS_MEMBERS = (CONFIG, METADATA, WEIGHTS)


@dataclass(frozen=True, eq=False)
class ModelFile:
    """A ``.keras`` upload whose directory, config and metadata passed the checks."""

    raw: bytes
    name: str
    limits: Limits
    config: dict
    meta: dict | None
    """convlab.json, if the file has one."""

    def write_keras(self, path: Path) -> None:
        """The members Keras reads, copied in chunks up to their caps, as a new file at ``path``."""
        archive = Archive(self.raw, self.limits, self.name)
        with archive, zipfile.ZipFile(path, "w") as out:
            for member in _KERAS_MEMBERS:
                if member in archive.names:
                    with out.open(member, "w") as target:
                        archive.copy(member, target)


def read(raw: bytes, name: str = "upload.keras", most: int = MAX_MODEL_BYTES) -> ModelFile:
    """``raw`` checked as a ``.keras`` file whose members unpack to at most ``most`` bytes.

    Refused, in this order: not a zip; a directory over the limits; no config
    or weights; JSON that does not parse or holds lone surrogates; Lambda layers or classes not from
    Keras (:func:`convlab.model_config.refuse_code`); no Conv1D layer.
    """
    if not raw.startswith(b"PK"):
        raise InputError("err.model_not_keras")
    limits = Limits(LIMITS.members, min(most, LIMITS.total), LIMITS.ratio, LIMITS.sizes)
    with Archive(raw, limits, name) as archive:
        if not {CONFIG, WEIGHTS} <= archive.names:
            raise InputError("err.model_not_keras")
        config = _json(archive.read(CONFIG))
        meta = _json(archive.read(META)) if META in archive.names else None
    if not isinstance(config, dict):
        raise InputError("err.model_not_keras")
    try:  # JSON's \ud800 escapes make lone surrogates, which no page can show
        json.dumps(meta, ensure_ascii=False).encode()
    except UnicodeEncodeError as err:
        raise InputError("err.model_broken_text") from err
    model_config.refuse_code(config)
    if not any(node.get("class_name") == "Conv1D" for node, _ in model_config.objects(config)):
        raise InputError("err.model_no_conv1d")
    return ModelFile(raw, name, limits, config, meta)


def _json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as err:
        raise InputError("err.model_not_keras") from err
