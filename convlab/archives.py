"""Zip archives from strangers: their sizes checked before any member is read.

A zip says in its central directory how many members it holds and how large
each one is once decompressed; nothing obliges it to be modest. A ``.keras``
upload that declared a 2 GiB weights member took the server to 4.9 GB before
Keras gave up, and ``zipfile`` itself builds one object per member (about
500 bytes each, from 46 on disk). So :class:`Archive` reads the end record
first and refuses too many members, then checks every member's declared size,
the total, and its compression ratio against :class:`Limits` before returning
the archive. Its ``read`` and ``copy`` then read in chunks
and stop at the cap whatever the directory said, so a member that lies about
its size costs at most its cap. Nothing here imports Keras or Streamlit: any
feature that takes an archive (a model, and later others) checks it here.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from convlab.errors import InputError

CHUNK = 1 << 20
RATIO_FLOOR = 1 << 20
"""Members smaller than this are not ratio-checked: small JSON compresses well and costs little."""
_END = struct.Struct("<4s4H2LH")
_END_SIG = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_SIG = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIG = b"PK\x06\x06"
_CENTRAL_ENTRY = 46
"""Bytes of a central directory entry before its name: the least one member takes."""
_COMMENT_MOST = 0xFFFF
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


@dataclass(frozen=True)
class Limits:
    """What an archive may hold: members, bytes once decompressed, and how well they compress."""

    members: int
    total: int
    """Bytes all members hold together once decompressed."""
    ratio: int
    """Most decompressed/compressed bytes of a member over ``RATIO_FLOOR``."""
    sizes: Mapping[str, int] = field(default_factory=dict)
    """Caps for named members; others may take up to ``total``."""

    def most(self, name: str) -> int:
        return min(self.sizes.get(name, self.total), self.total)


class Archive:
    """A zip whose directory is within ``limits``, read member by member up to their caps.

    Use it as a context manager; ``filename`` names the upload in messages.
    """

    def __init__(self, raw: bytes, limits: Limits, filename: str) -> None:
        _check_end_record(raw, limits, filename)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as err:
            raise InputError("err.zip_bad", name=filename) from err
        self.limits, self.filename = limits, filename
        try:
            _check_members(self.zip.infolist(), limits, filename)
        except InputError:
            self.zip.close()
            raise

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    @property
    def names(self) -> set[str]:
        return set(self.zip.namelist())

    def read(self, member: str) -> bytes:
        """The bytes of ``member``, read in chunks; InputError once more than its cap arrive."""
        out = io.BytesIO()
        self.copy(member, out)
        return out.getvalue()

    def copy(self, member: str, target: BinaryIO) -> int:
        """Copy ``member`` into ``target`` in chunks, stopping past its cap; the bytes copied.

        ``zipfile`` stops at the declared size and checks the CRC at the end, so
        a member whose data holds more than its directory entry says is refused.
        """
        most = self.limits.most(member)
        copied = 0
        try:
            with self.zip.open(member) as source:
                while chunk := source.read(CHUNK):
                    copied += len(chunk)
                    if copied > most:
                        raise InputError(
                            "err.zip_member_big",
                            name=self.filename,
                            member=member,
                            size=f"> {megabytes(most)}",
                            most=megabytes(most),
                        )
                    target.write(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as err:
            raise InputError("err.zip_bad", name=self.filename) from err
        return copied


def _check_end_record(raw: bytes, limits: Limits, filename: str) -> None:
    """Refuse, before ``zipfile`` parses the directory, an archive with too many members.

    The end record is the last 22 bytes, unless a comment follows it; ZIP64
    archives keep the real counts in a second record that a locator points to.
    """
    tail = raw[-(_END.size + _COMMENT_MOST) :]
    at = tail.rfind(_END_SIG)
    if at < 0 or len(tail) - at < _END.size:
        raise InputError("err.zip_bad", name=filename)
    *_, entries, directory, _, _ = _END.unpack_from(tail, at)
    if entries == 0xFFFF or directory == 0xFFFFFFFF:
        start = len(raw) - len(tail) + at - _END64_LOCATOR.size
        if start < 0 or raw[start : start + 4] != _END64_LOCATOR_SIG:
            raise InputError("err.zip_bad", name=filename)
        offset = _END64_LOCATOR.unpack_from(raw, start)[2]
        if raw[offset : offset + 4] != _END64_SIG or offset + _END64.size > len(raw):
            raise InputError("err.zip_bad", name=filename)
        *_, entries, directory, _ = _END64.unpack_from(raw, offset)[4:]
    if entries > limits.members or directory > limits.members * (_CENTRAL_ENTRY + 1024):
        raise InputError(
            "err.zip_members", name=filename, members=f"{entries:,}", most=limits.members
        )


def _check_members(infos: list[zipfile.ZipInfo], limits: Limits, filename: str) -> None:
    """Each member's declared size, the total and the compression ratio, from the directory."""
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):  # which one a reader picks is then up to the reader
        raise InputError("err.zip_bad", name=filename)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type not in _METHODS:
            raise InputError("err.zip_method", name=filename, member=info.filename)
        most = limits.most(info.filename)
        if info.file_size > most:
            raise InputError(
                "err.zip_member_big",
                name=filename,
                member=info.filename,
                size=megabytes(info.file_size),
                most=megabytes(most),
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > limits.ratio:
            raise InputError(
                "err.zip_ratio",
                name=filename,
                member=info.filename,
                ratio=f"{ratio:,.0f}",
                most=limits.ratio,
            )
        total += info.file_size
    if total > limits.total:
        raise InputError(
            "err.zip_total", name=filename, size=megabytes(total), most=megabytes(limits.total)
        )


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f}"
