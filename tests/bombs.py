"""Hostile uploads built in a fraction of a second: zips that declare or hold far more than they
weigh, and tables that would blow up in a parser.

A zip is written by hand here, because ``zipfile`` will not write a directory
entry that lies. Zeros are deflated once, a MiB at a time with a full flush,
and that block is repeated: a 2 GiB member weighs about 2 MB and takes no
time to build. Unfixed, the app would really decompress it.
"""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

MIB = 2**20
_ZERO_MIB = bytes(MIB)
_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")


def _zero_block() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(_ZERO_MIB) + packer.flush(zlib.Z_FULL_FLUSH)


_ZERO_BLOCK = _zero_block()
_FINAL_EMPTY_BLOCK = b"\x03\x00"


@dataclass(frozen=True)
class Member:
    """One zip member: its deflated data, and the size and CRC its directory entry claims."""

    name: str
    data: bytes
    size: int
    crc: int


def zeros(name: str, mib: int, declared: int | None = None) -> Member:
    """``mib`` MiB of zeros, deflated; the entry claims ``declared`` bytes (default: the truth)."""
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(_ZERO_MIB, crc)
    data = _ZERO_BLOCK * mib + _FINAL_EMPTY_BLOCK
    return Member(name, data, mib * MIB if declared is None else declared, crc)


def text(name: str, content: bytes) -> Member:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    return Member(name, data, len(content), zlib.crc32(content))


def zip_of(*members: Member) -> bytes:
    """A deflated zip of ``members``, with their claimed sizes in both headers."""
    body, directory = bytearray(), bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(body)
        sizes = (m.crc, len(m.data), m.size)
        body += _LOCAL.pack(b"PK\x03\x04", 20, 0, 8, 0, 0, *sizes, len(name), 0) + name + m.data
        directory += _CENTRAL.pack(
            b"PK\x01\x02", 20, 20, 0, 8, 0, 0, *sizes, len(name), 0, 0, 0, 0, 0, offset
        )
        directory += name
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + end)


def many_members(count: int) -> bytes:
    """A zip of ``count`` empty members: ``zipfile`` builds an object for each one it lists."""
    return zip_of(*(Member(f"{i}", _FINAL_EMPTY_BLOCK, 0, 0) for i in range(count)))


MINIMAL_KERAS = {
    "config.json": b'{"class_name": "Functional", "module": "keras", "config": {}}',
    "model.weights.h5": b"\x89HDF\r\n\x1a\n",
}


def keras_bomb(
    member: str, mib: int, declared: int | None = None, real: bytes | None = None
) -> bytes:
    """A ``.keras`` zip whose ``member`` holds ``mib`` MiB of zeros (claiming ``declared``).

    The other members come from ``real``, a saved model, so that unfixed code
    gets as far as Keras; without it, from a stub that only a directory check sees.
    """
    if real is None:
        members = dict(MINIMAL_KERAS)
    else:
        with zipfile.ZipFile(io.BytesIO(real)) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    packed = {name: text(name, data) for name, data in members.items()}
    packed[member] = zeros(member, mib, declared)
    return zip_of(*packed.values())


# Tables and vector files ------------------------------------------------------------------------


def wide_table(mib: int) -> bytes:
    """A CSV header of ``mib`` MiB of commas: pandas would make a column of each."""
    return b"a," * (mib * MIB // 2) + b"\nx,y\n"


def one_cell_table(mib: int) -> bytes:
    """One ``mib`` MiB cell holding an emoji: decoded whole, it is four bytes a character."""
    return b"text,label\n" + b"x" * (mib * MIB) + "\U0001f600,pos\n".encode()


def zero_vectors(rows: int, dim: int) -> bytes:
    """A gzipped word2vec text file of ``rows`` distinct words with zero vectors: packs ~100:1."""
    zeros_row = b" 0" * dim + b"\n"
    body = b"".join(b"w%d" % i + zeros_row for i in range(rows))
    return gzip.compress(b"%d %d\n" % (rows, dim) + body, compresslevel=6)
