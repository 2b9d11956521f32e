"""Word-vector files people bring: detect the format, refuse what is unsafe, load with gensim.

Only gensim's ``KeyedVectors.load_word2vec_format`` parses a file: it reads
words and numbers and never unpickles. Pickled formats (gensim's ``.kv`` and
``.model``, ``.pkl``, ``.npy`` with object arrays) are refused by name and by
content before anything reads them, because unpickling runs code.

gensim itself checks little. Measured with gensim 4.4.0: a row with one value
where the header says two is silently broadcast to both dimensions (so a file
cut in the middle of its last line loads), a repeated word leaves a ``None``
key in the vocabulary, NaN and inf load, text read as binary loads as nonsense,
and a header claiming 10^9 rows makes it preallocate a 10^9-entry list and
matrix (``MemoryError`` under a 4 GB address-space limit) unless ``limit``
caps it. So :func:`load` first frames every row itself: it counts rows and
values, checks that words are UTF-8 and unique, and bounds how much it reads.
Only then does gensim parse the checked bytes, through a pipe, while progress
is reported. Each problem becomes an ``InputError`` that names the line and
says what to change.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import itertools
import logging
import os
import pickletools
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from convlab.errors import InputError

if TYPE_CHECKING:  # imported where a file is read: gensim takes 0.9 s to import
    from gensim.models import KeyedVectors

Progress = Callable[[float], None]
"""Called with the fraction of rows read so far, 0.0 to 1.0."""

DEFAULT_LIMIT = 100_000
"""Rows read from a file unless told otherwise: the most frequent words come first."""
MAX_LIMIT = 3_000_000
MAX_DIM = 2048
WORD_OVERHEAD = 176
"""Bytes per word beyond its float32 vector once loaded: gensim's key list, index dict and
count array. Measured: 137-167 bytes for 100,000-400,000 words (README)."""
MEMORY_BUDGET = 600 * 2**20
"""Largest estimated size of one loaded set: with the app's ~820 MB it fits a 2.7 GB container."""
MAX_FILE_BYTES = 4 * 2**30
"""Largest file accepted from a path (GoogleNews' 3.6 GB .bin fits); uploads have their own cap."""
PICKLE_SUFFIXES = (".kv", ".model", ".pkl", ".pickle", ".joblib", ".pt", ".pth", ".ckpt")
FORMATS = ("word2vec-binary", "word2vec-text", "glove-text", "fasttext-vec")
MB = 2**20

_SNIFF_BYTES = 64 * 1024
_CHUNK = 1 << 20
_BATCH = 2000
_MAX_WORD_BYTES = 1024
_GZIP_MAGIC = b"\x1f\x8b"
_NPY_MAGIC = b"\x93NUMPY"
_ZIP_MAGIC = b"PK\x03\x04"
_FASTTEXT_MAGIC = (793712314).to_bytes(4, "little")
_NUMBER_BYTES = frozenset(b"0123456789+-.eE \t\r\ninfaINFA")
_CODE_OPCODES = frozenset({"GLOBAL", "STACK_GLOBAL", "INST", "OBJ", "REDUCE", "NEWOBJ", "BUILD"})


def _expected_warning(record: logging.LogRecord) -> bool:
    """False for smart_open's warning that a pipe has no file name to guess compression from."""
    return "unable to transparently decompress" not in record.getMessage()


logging.getLogger("smart_open.compression").addFilter(_expected_warning)


@dataclass(frozen=True)
class FileInfo:
    """What sniffing a file found, and how much of it will be read."""

    filename: str
    format: str
    """One of ``FORMATS``. fastText's ``.vec`` is word2vec text; only the name tells them apart."""
    dim: int
    rows: int
    """Rows that will be read: the header's count or the rows counted, capped by the limit."""
    rows_in_file: int | None
    """What the header claims; None for GloVe text, which has no header."""
    header: bytes
    """The header line gensim reads: the file's own, or one made for GloVe text."""
    compressed: bool

    @property
    def binary(self) -> bool:
        return self.format == "word2vec-binary"

    @property
    def memory(self) -> int:
        return estimate(self.rows, self.dim)


def estimate(rows: int, dim: int) -> int:
    """Bytes a set of ``rows`` words in ``dim`` dimensions takes once loaded (float32 + keys)."""
    return rows * (4 * dim + WORD_OVERHEAD)


def rows_that_fit(dim: int, budget: int = MEMORY_BUDGET) -> int:
    """The most rows of ``dim`` dimensions that stay within ``budget`` bytes."""
    return budget // (4 * dim + WORD_OVERHEAD)


def check_memory(rows: int, dim: int, budget: int = MEMORY_BUDGET) -> None:
    """InputError if ``rows`` words of ``dim`` values would take more than ``budget`` bytes."""
    need = estimate(rows, dim)
    if need > budget:
        raise InputError(
            "err.vec_memory",
            rows=f"{rows:,}",
            dim=dim,
            need=megabytes(need),
            budget=megabytes(budget),
            fit=f"{rows_that_fit(dim, budget):,}",
        )


def megabytes(size: int) -> str:
    return f"{size / MB:,.1f}"


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError("err.vec_limit", limit=limit, most=f"{MAX_LIMIT:,}")


# Opening and sniffing --------------------------------------------------------------------


def open_path(path: Path) -> BinaryIO:
    """The file at ``path`` opened for reading, or an InputError saying why it cannot be."""
    if not path.exists():
        raise InputError("err.vec_no_file", path=str(path))
    if path.is_dir():
        raise InputError("err.vec_is_dir", path=str(path))
    if not path.is_file():
        raise InputError("err.vec_not_regular", path=str(path))
    try:
        return path.open("rb")
    except OSError as err:
        raise InputError("err.vec_unreadable", path=str(path), reason=err.strerror) from err


def _content(stream: BinaryIO, compressed: bool) -> BinaryIO:
    """The file's bytes from the start, decompressed if it is gzip."""
    stream.seek(0)
    return gzip.GzipFile(fileobj=stream, mode="rb") if compressed else stream


def inspect(
    stream: BinaryIO,
    filename: str,
    limit: int = DEFAULT_LIMIT,
    max_bytes: int = MAX_FILE_BYTES,
    budget: int = MEMORY_BUDGET,
) -> FileInfo:
    """Sniff a vector file (seekable ``stream``) and check it can be loaded within ``budget``.

    Refuses empty, oversized, pickled and unknown files, headers that claim more
    rows than the file can hold, and sets that would take more than ``budget``
    bytes. An upload's budget is its size cap: a gzip of zero vectors packs a
    hundred times, and the set it holds must not outgrow the upload.
    """
    check_limit(limit)
    try:
        size = stream.seek(0, io.SEEK_END)
    except OSError as err:  # /proc/self/status, /proc/self/mem: "regular" files without an end
        raise InputError("err.vec_not_regular", path=filename) from err
    if size == 0:
        raise InputError("err.vec_empty", name=filename)
    if size > max_bytes:
        raise InputError(
            "err.vec_too_big", name=filename, size=megabytes(size), most=megabytes(max_bytes)
        )
    suffix = Path(filename.lower().removesuffix(".gz")).suffix
    if suffix in PICKLE_SUFFIXES:
        raise InputError("err.vec_pickle_suffix", name=filename, suffix=suffix)
    stream.seek(0)
    compressed = stream.read(2) == _GZIP_MAGIC
    try:
        head = _content(stream, compressed).read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error) as err:
        raise InputError("err.vec_bad_gzip", name=filename) from err
    if not head:
        raise InputError("err.vec_empty", name=filename)
    _refuse_unsafe(head, filename)

    first, _, body = head.partition(b"\n")
    try:
        fields = first.decode("utf-8").split()
    except UnicodeDecodeError:
        fields = []
    vec_name = filename.lower().removesuffix(".gz").endswith(".vec")
    if len(fields) == 2 and all(_is_int(field) for field in fields):
        rows_in_file, dim = (int(field) for field in fields)
        if rows_in_file < 1 or dim < 1:
            raise InputError("err.vec_bad_header", name=filename, header=first.decode().strip())
        _check_dim(dim, filename)
        binary = _looks_binary(body, dim)
        if not compressed:
            _check_claimed_rows(rows_in_file, dim, binary, size - len(first) - 1, filename)
        fmt = "word2vec-binary" if binary else "fasttext-vec" if vec_name else "word2vec-text"
        rows, header = min(rows_in_file, limit), first + b"\n"
    elif len(fields) > 1 and all(_is_number(field) for field in fields[1:]):
        dim, rows_in_file, fmt = len(fields) - 1, None, "glove-text"
        _check_dim(dim, filename)
        rows = _count_rows(_content(stream, compressed), dim, limit)
        header = f"{rows} {dim}\n".encode()
    else:
        raise InputError("err.vec_unknown_format", name=filename)
    check_memory(rows, dim, budget)
    return FileInfo(filename, fmt, dim, rows, rows_in_file, header, compressed)


def _is_int(text: str) -> bool:
    return text.lstrip("+-").isdigit()


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _check_dim(dim: int, filename: str) -> None:
    if dim > MAX_DIM:
        raise InputError("err.vec_dim", name=filename, dim=f"{dim:,}", most=MAX_DIM)


def _refuse_unsafe(head: bytes, filename: str) -> None:
    """Refuse, with the reason, files that are pickles or other formats gensim cannot read."""
    if head.startswith(_NPY_MAGIC):
        dtype = _npy_dtype(head)
        key = "err.vec_npy" if dtype is not None and not dtype.hasobject else "err.vec_npy_object"
        raise InputError(key, name=filename)
    if head.startswith(_ZIP_MAGIC):
        raise InputError("err.vec_zip", name=filename)
    if head.startswith(_FASTTEXT_MAGIC):
        raise InputError("err.vec_fasttext_bin", name=filename)
    if _is_pickle(head):
        raise InputError("err.vec_pickle", name=filename)


def _npy_dtype(head: bytes) -> np.dtype | None:
    """The dtype in a .npy header, parsed without loading the array; None if unreadable."""
    fp = io.BytesIO(head)
    try:
        version = np.lib.format.read_magic(fp)
        read = np.lib.format.read_array_header_1_0
        if version != (1, 0):
            read = np.lib.format.read_array_header_2_0
        return read(fp)[2]
    except ValueError:
        return None


def _is_pickle(head: bytes) -> bool:
    """Whether ``head`` starts a pickle that can run code: opcodes are read, never run.

    Protocols 2-5 open with a PROTO opcode. Older ones are plain text, so an
    opcode walk must reach STOP having met an opcode that imports or calls.
    """
    if head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        return True
    names = set()
    try:
        for opcode, _, _ in pickletools.genops(io.BytesIO(head)):
            names.add(opcode.name)
            if opcode.name == "STOP":
                return bool(names & _CODE_OPCODES)
    except (ValueError, EOFError, UnicodeDecodeError):
        return False
    return False


def _looks_binary(body: bytes, dim: int) -> bool:
    """Whether the bytes after the first word are raw floats rather than written numbers.

    Looks no further than the first line: in a small text file the next row's word
    would follow within 4·D bytes.
    """
    start = body.find(b" ") + 1
    end = body.find(b"\n", start)
    sample = body[start : min(start + 4 * dim, start + 64, end if end >= 0 else len(body))]
    return bool(start) and bool(sample) and not set(sample) <= _NUMBER_BYTES


def _check_claimed_rows(rows: int, dim: int, binary: bool, body_size: int, filename: str) -> None:
    """Refuse a header claiming more rows than the file could hold at the smallest row size."""
    smallest = 2 + 4 * dim if binary else 2 + 2 * dim  # "w " + floats, or "w 0 0 ...\n"
    most = body_size // smallest
    if rows > most:
        raise InputError(
            "err.vec_header_rows",
            name=filename,
            rows=f"{rows:,}",
            dim=dim,
            size=f"{body_size:,}",
            most=f"{most:,}",
        )


def _max_line(dim: int) -> int:
    """Longest text row accepted: a word and ``dim`` numbers of up to 48 characters each."""
    return _MAX_WORD_BYTES + 48 * dim


def _count_rows(content: BinaryIO, dim: int, limit: int) -> int:
    """Rows of a GloVe text file (non-blank lines) up to ``limit``: gensim needs the count first."""
    rows = 0
    for _, line in _lines(content, dim):
        if line.strip():
            rows += 1
            if rows == limit:
                break
    return rows


def _lines(content: BinaryIO, dim: int) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of a text file; InputError for a line too long to be a row."""
    longest = _max_line(dim)
    for number in itertools.count(1):
        line = content.readline(longest)
        if not line:
            return
        if len(line) == longest and not line.endswith(b"\n"):
            raise InputError("err.vec_line_long", line=number, most=f"{longest:,}")
        yield number, line


def _text_rows(content: BinaryIO, info: FileInfo) -> Iterator[tuple[int, bytes]]:
    """(line number, line) of each row gensim will read, after the header.

    Stops right after the last row, so ``content.tell()`` is then where the rows
    end. Blank lines after them are ignored; one among them would be read by
    gensim as a row without values, so it is refused.
    """
    lines = _lines(content, info.dim)
    if info.rows_in_file is not None:
        next(lines, None)  # the header
    rows = 0
    for number, line in lines:
        if not line.strip():
            raise InputError("err.vec_blank_line", line=number)
        rows += 1
        yield number, line
        if rows == info.rows:
            return
    raise InputError(
        "err.vec_truncated", name=info.filename, found=f"{rows:,}", rows=f"{info.rows:,}"
    )


# Loading ---------------------------------------------------------------------------------


def load(stream: BinaryIO, info: FileInfo, progress: Progress | None = None) -> KeyedVectors:
    """Load the rows ``info`` describes with gensim, after checking every one of them.

    Two passes: this thread first checks each row's framing (a fifth of the
    progress bar), then copies the checked bytes, as they are in the file, into
    a pipe that gensim reads in a worker thread. Checking during gensim's parse
    would make the two threads take turns on the GIL at every pipe read, which
    measured 1.5× slower; a plain copy waits in the kernel instead. ``progress``
    is called from the caller's thread, where Streamlit can draw.
    """
    from gensim.models import KeyedVectors  # here, not in the worker: the import holds the GIL

    report = progress or (lambda fraction: None)
    scan = _scan_binary if info.binary else _scan_text
    end = scan(_content(stream, info.compressed), info, lambda done: report(0.2 * done))
    read_end, write_end = os.pipe()
    outcome: dict[str, object] = {}
    worker = threading.Thread(
        target=_gensim, args=(read_end, info, outcome), name="convlab-gensim", daemon=True
    )
    worker.start()
    pipe = open(write_end, "wb")  # noqa: SIM115  (closed below, before the worker is joined)
    try:
        with contextlib.suppress(BrokenPipeError):  # gensim stopped reading: its error says why
            if info.rows_in_file is None:
                pipe.write(info.header)  # GloVe text: the header gensim needs
            rest = _content(stream, info.compressed)
            _copy(rest, end, pipe, lambda done: report(0.2 + 0.8 * done))
    finally:
        with contextlib.suppress(BrokenPipeError):
            pipe.close()  # closes the descriptor even when the final flush fails
        worker.join()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise _explain(error, stream, info) from error
    kv = outcome["kv"]
    assert isinstance(kv, KeyedVectors)
    _check_finite(kv)
    return kv


def _gensim(read_end: int, info: FileInfo, outcome: dict[str, object]) -> None:
    """The worker: gensim reads the pipe (an open file descriptor) with a row limit."""
    from gensim.models import KeyedVectors  # already imported by load()

    try:
        outcome["kv"] = KeyedVectors.load_word2vec_format(
            read_end, binary=info.binary, limit=info.rows, unicode_errors="strict"
        )
    except Exception as err:  # handed to the caller's thread, which explains it
        outcome["error"] = err
    finally:
        os.close(read_end)


def _copy(content: BinaryIO, end: int, pipe: BinaryIO, progress: Progress) -> None:
    """The first ``end`` bytes of ``content`` into ``pipe``, a megabyte at a time."""
    done = 0
    while done < end and (chunk := content.read(min(_CHUNK, end - done))):
        pipe.write(chunk)
        done += len(chunk)
        progress(done / end)


def _scan_text(content: BinaryIO, info: FileInfo, progress: Progress) -> int:
    """Check every text row gensim will read; the offset where they end."""
    seen: dict[str, int] = {}
    for done, (number, line) in enumerate(_text_rows(content, info), start=1):
        _check_text_row(line, number, info, seen)
        if done % _BATCH == 0:
            progress(done / info.rows)
    progress(1.0)
    return content.tell()


def _check_text_row(line: bytes, number: int, info: FileInfo, seen: dict[str, int]) -> None:
    """InputError unless ``line`` is a UTF-8 word and ``info.dim`` space-separated values.

    Values are counted the way gensim splits them: one per space after rstrip.
    """
    try:
        text = line.decode("utf-8").rstrip()
    except UnicodeDecodeError as err:
        raise InputError("err.vec_not_utf8", line=number, byte=f"0x{line[err.start]:02X}") from err
    values = text.count(" ")
    if values != info.dim:
        if not line.endswith(b"\n"):
            raise InputError("err.vec_cut_short", name=info.filename, line=number)
        if not seen and info.rows_in_file is not None:
            raise InputError("err.vec_dim_mismatch", dim=info.dim, got=values)
        raise InputError("err.vec_row_values", line=number, got=values, dim=info.dim)
    word = text.split(" ", 1)[0]
    if not word:
        raise InputError("err.vec_no_word", line=number)
    _remember(word, number, seen)


def _remember(word: str, row: int, seen: dict[str, int]) -> None:
    """InputError if ``word`` came before: gensim would keep the first and leave a None key."""
    if word in seen:
        raise InputError("err.vec_duplicate", word=word[:40], first=seen[word], second=row)
    seen[word] = row


class _Buffer:
    """Bytes read ahead from a stream and taken off the front, for binary word2vec rows."""

    def __init__(self, content: BinaryIO) -> None:
        self.content = content
        self.data = b""
        self.pos = 0

    @property
    def offset(self) -> int:
        """Where in the stream the next byte taken comes from."""
        return self.content.tell() - (len(self.data) - self.pos)

    def _fill(self, size: int) -> bool:
        """Make ``size`` unread bytes available; False if the stream ends first."""
        while len(self.data) - self.pos < size:
            chunk = self.content.read(_CHUNK)
            if not chunk:
                return False
            self.data = self.data[self.pos :] + chunk
            self.pos = 0
        return True

    def until_space(self, most: int) -> bytes | None:
        """The bytes before the next space, which is consumed too; None if the stream ends.

        Looks no further than ``most`` bytes: without a space there, the longer
        bytes are returned as they are, for the caller to refuse.
        """
        while (end := self.data.find(b" ", self.pos, self.pos + most + 1)) < 0:
            if len(self.data) - self.pos > most:
                return self.data[self.pos : self.pos + most + 1]
            if not self._fill(len(self.data) - self.pos + 1):
                return None
        word, self.pos = self.data[self.pos : end], end + 1
        return word

    def skip(self, size: int) -> bool:
        """Pass over ``size`` bytes; False if the stream ends first."""
        if not self._fill(size):
            return False
        self.pos += size
        return True


def _scan_binary(content: BinaryIO, info: FileInfo, progress: Progress) -> int:
    """Frame binary rows as gensim does, a word up to a space then 4·D bytes of float32,
    checking each word; the offset where the rows end."""
    content.readline(_SNIFF_BYTES)  # the header
    buffer = _Buffer(content)
    seen: dict[str, int] = {}
    for row in range(1, info.rows + 1):
        raw = buffer.until_space(_MAX_WORD_BYTES)
        if raw is not None:
            _remember(_binary_word(raw.lstrip(b"\n"), row, info), row, seen)
        if raw is None or not buffer.skip(4 * info.dim):
            raise InputError(
                "err.vec_truncated", name=info.filename, found=f"{row - 1:,}", rows=f"{info.rows:,}"
            )
        if row % _BATCH == 0:
            progress(row / info.rows)
    progress(1.0)
    return buffer.offset


def _binary_word(raw: bytes, row: int, info: FileInfo) -> str:
    """The word of a binary row; InputError if it is not UTF-8 or is not a word at all.

    After a dimension mismatch the "word" is float bytes: they hold control
    characters, where a Latin-1 word reads as printable text.
    """
    try:
        word = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        latin = raw.decode("latin-1")
        if latin.isprintable() and len(raw) < _MAX_WORD_BYTES:
            raise InputError("err.vec_not_utf8_binary", row=row, word=latin[:40]) from err
        word = ""
    if not word or not word.isprintable() or len(raw) >= _MAX_WORD_BYTES:
        raise InputError("err.vec_misaligned", name=info.filename, row=row, dim=info.dim)
    return word


def _check_finite(kv: KeyedVectors) -> None:
    finite = np.isfinite(kv.vectors).all(axis=1)
    if not finite.all():
        first = int(np.argmin(finite))
        raise InputError(
            "err.vec_not_finite", word=kv.index_to_key[first][:40], count=int((~finite).sum())
        )


def _explain(error: BaseException, stream: BinaryIO, info: FileInfo) -> InputError:
    """Turn what gensim raised into a message: every row was framed, so it is about numbers."""
    if isinstance(error, MemoryError):
        return InputError("err.vec_memory_failed", name=info.filename, need=megabytes(info.memory))
    if isinstance(error, ValueError) and not info.binary:
        found = _first_bad_number(_content(stream, info.compressed), info)
        if found is not None:
            return InputError("err.vec_not_number", line=found[0], value=found[1])
    return InputError("err.vec_unreadable", path=info.filename, reason=type(error).__name__)


def _first_bad_number(content: BinaryIO, info: FileInfo) -> tuple[int, str] | None:
    """(line, value) of the first value that float32 cannot parse, as gensim parses it."""
    for number, line in _text_rows(content, info):
        for value in line.decode("utf-8").rstrip().split(" ")[1:]:
            try:
                np.float32(value)
            except ValueError:
                return number, value[:40]
    return None
