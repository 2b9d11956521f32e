"""Labelled sentences to train a text CNN on: MR from a folder or the web, or a CSV/TSV.

Every source ends as one :class:`Corpus`: texts, integer labels, the class
names they stand for, and what had to be changed on the way in (encoding,
empty rows dropped, rows over the cap). Bad input raises ``InputError`` with
a catalogue key, so the page and the command line explain it the same way.

MR (Pang & Lee 2005, sentence polarity v1.0) is 5,331 positive and 5,331
negative snippets, one per line, in latin-1. It is fetched on demand from
Cornell, checked against known line counts and sha256 sums, and cached on
disk; ``CONVLAB_MR_URL`` points the download elsewhere (the tests serve a
generated archive from a local ``http.server``).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import os
import re
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from convlab import paths
from convlab.errors import InputError

MR_BASE_URL = "https://www.cs.cornell.edu/people/pabo/movie-review-data/"
MR_ARCHIVE = "rt-polaritydata.tar.gz"
MR_URL_ENV = "CONVLAB_MR_URL"
"""Environment variable naming another base URL for the MR archive."""
MR_DIR_ENV = "CONVLAB_MR_DIR"
"""Environment variable naming a local folder in the MR layout."""
"""Where a development checkout keeps MR: ``../shared/data/mr`` beside the repository."""
MR_CLASSES = ("neg", "pos")
MR_LINES = 5331
MR_SHA256 = {
    "rt-polarity.pos": "2da124ec187a9d5a29c9f04e91c540e02baed5af8868f550a26bd6fd4dbf8bf0",
    "rt-polarity.neg": "4ace77d558c3714723843f1d65b60c01e3417b208180f0728808d76ad0eeeaca",
}
DOWNLOAD_TIMEOUT = 5.0
"""Seconds before a silent network is declared offline: never hang the page."""
MAX_ARCHIVE_BYTES = 5_000_000
"""The real archive is ~490 kB; anything far larger is not it."""

MAX_ROWS = 20_000
"""Rows kept from an uploaded table: enough for MR (10,662), bounded for a hosted demo."""
MIN_ROWS = 20
MAX_COLUMNS = 100
MAX_TABLE_MEMORY = 32 * 2**20
MAX_LINE_BYTES = 2**20
"""Bytes the kept rows' strings may take: MR takes 3 MB, 20,000 rows of 1,000 characters 22 MB."""
_CHUNK = 1 << 20
_BLANK = re.compile(rb"\s*\Z")
MAX_CLASSES = 20
"""More distinct labels than this means a text or id column was picked as the label."""
FOLDS = 10
"""Test on one tenth: ``split``'s folds are the tenths of one seeded order."""
VAL_SHARE = 0.1
SPLIT_SEED = 0
"""The split is fixed, not drawn from the model's seed, so every fit is tested on the same rows."""
TEXT_NAMES = ("text", "sentence", "review", "content", "comment")
LABEL_NAMES = ("label", "labels", "class", "sentiment", "polarity", "category", "target", "y")
_NUMBER = re.compile(r"^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*$")


@dataclass(frozen=True, eq=False)
class Corpus:
    """Sentences with integer labels; ``classes[k]`` is the name of label k."""

    texts: tuple[str, ...]
    labels: np.ndarray
    classes: tuple[str, ...]
    source: str
    encoding: str = "utf-8"
    dropped: int = 0
    """Rows left out because their text or label was empty."""
    truncated: int = 0
    """Rows beyond ``MAX_ROWS`` that were not read."""
    sampled_from: int = 0
    """Rows of the full data when this is a sample of it (0: not a sample)."""

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def counts(self) -> list[int]:
        """Rows per class, in class order."""
        return np.bincount(self.labels, minlength=len(self.classes)).tolist()

    @cached_property
    def digest(self) -> str:
        """sha256 of the texts, labels and class names: what a cached fit is keyed by."""
        h = hashlib.sha256()
        for name in self.classes:
            h.update(name.encode("utf-8") + b"\0")
        for text, label in zip(self.texts, self.labels.tolist(), strict=True):
            h.update(f"{label}\t{text}\n".encode())
        return h.hexdigest()

    def sample(self, rows: int) -> Corpus:
        """A fixed random ``rows`` of the corpus, in their original order: a quick, smaller fit.

        Always the same rows (seeded by ``SPLIT_SEED``), so a link with a sample
        size reproduces the fit.
        """
        if rows >= len(self):
            return self
        keep = np.sort(np.random.default_rng(SPLIT_SEED).permutation(len(self))[:rows])
        return _checked(
            [self.texts[i] for i in keep],
            self.labels[keep].tolist(),
            self.classes,
            source=self.source,
            encoding=self.encoding,
            dropped=self.dropped,
            truncated=self.truncated,
            sampled_from=len(self),
        )


@dataclass(frozen=True)
class Split:
    """Row indices of the training, validation and test parts."""

    train: np.ndarray
    val: np.ndarray
    test: np.ndarray

    @property
    def sizes(self) -> tuple[int, int, int]:
        return len(self.train), len(self.val), len(self.test)


def split(rows: int, seed: int = SPLIT_SEED, fold: int = 0) -> Split:
    """A seeded split: one tenth for testing, then 10% of the rest for validation.

    The seed fixes an order of the rows; ``fold`` k (0-9) tests on its k-th
    tenth, so the ten folds together test every row exactly once (10-fold
    cross-validation, how Kim reported MR). Fold 0 is the page's fixed split.
    Every part keeps at least one row.
    """
    if not 0 <= fold < FOLDS:
        raise ValueError(f"fold must be in 0..{FOLDS - 1}, not {fold}")
    order = np.random.default_rng(seed).permutation(rows)
    start = fold * rows // FOLDS
    stop = max(start + 1, (fold + 1) * rows // FOLDS)
    rest = np.concatenate([order[:start], order[stop:]])
    n_val = max(1, int(len(rest) * VAL_SHARE))
    return Split(
        train=np.sort(rest[n_val:]), val=np.sort(rest[:n_val]), test=np.sort(order[start:stop])
    )


# MR -----------------------------------------------------------------------------------


def mr_lines(raw: bytes) -> list[str]:
    """The snippets of one MR file: latin-1, one per line, surrounding spaces trimmed.

    Split on newlines only: ``str.splitlines`` would also break at the 0x85
    bytes (latin-1 NEL) inside some snippets and invent 16 extra sentences.
    """
    return [line.strip() for line in raw.decode("latin-1").split("\n")]


def load_mr(folder: Path | str) -> Corpus:
    """MR from a folder holding ``rt-polarity.pos`` and ``rt-polarity.neg``."""
    folder = Path(folder)
    texts: list[str] = []
    labels: list[int] = []
    for label, name in enumerate(MR_CLASSES):
        path = folder / f"rt-polarity.{name}"
        if not path.is_file():
            raise InputError("err.mr_missing", folder=str(folder))
        lines = [line for line in mr_lines(path.read_bytes()) if line]
        texts += lines
        labels += [label] * len(lines)
    return _checked(texts, labels, MR_CLASSES, source=f"MR ({folder})", encoding="latin-1")


def mr_url() -> str:
    return (os.environ.get(MR_URL_ENV) or MR_BASE_URL).rstrip("/") + "/" + MR_ARCHIVE


def _verified(files: dict[str, bytes]) -> bool:
    """Both files present, 5,331 lines each, with the published sha256 sums."""
    return all(
        name in files
        and files[name].count(b"\n") == MR_LINES
        and hashlib.sha256(files[name]).hexdigest() == digest
        for name, digest in MR_SHA256.items()
    )


def cached_mr(folder: Path | None = None) -> Path | None:
    """The cached MR folder if it holds verified files, else None."""
    folder = folder or paths.root() / "mr"
    files = {name: (folder / name).read_bytes() for name in MR_SHA256 if (folder / name).is_file()}
    return folder if _verified(files) else None


def find_mr() -> Path | None:
    """A local MR folder: ``$CONVLAB_MR_DIR``, else the download cache."""
    named = os.environ.get(MR_DIR_ENV)
    for folder in (Path(named) if named else None, cached_mr()):
        if folder and all((folder / name).is_file() for name in MR_SHA256):
            return folder
    return None


def download_mr(folder: Path | None = None, timeout: float = DOWNLOAD_TIMEOUT) -> Path:
    """Fetch MR once, verify it, cache it in ``folder``; return the folder.

    Only the two data files are taken out of the archive, by name, and
    nothing is written before both pass verification: a broken or hostile
    archive leaves the cache as it was.
    """
    folder = folder or paths.root() / "mr"
    if cached_mr(folder):
        return folder
    url = mr_url()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            archive = response.read(MAX_ARCHIVE_BYTES + 1)
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise InputError("err.mr_offline", url=url, reason=str(reason)) from err
    files = _mr_members(archive)
    if len(archive) > MAX_ARCHIVE_BYTES or not _verified(files):
        raise InputError("err.mr_corrupt", url=url)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as tmp:
            tmp.write(data)
        Path(tmp.name).replace(folder / name)
    return folder


def _mr_members(archive: bytes) -> dict[str, bytes]:
    """The two MR files inside a tar.gz, read into memory; {} if it is not such an archive."""
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            return {
                Path(member.name).name: tar.extractfile(member).read()  # type: ignore[union-attr]
                for member in tar.getmembers()
                if member.isfile() and Path(member.name).name in MR_SHA256
            }
    except (tarfile.TarError, OSError, EOFError):
        return {}


# Uploaded tables ---------------------------------------------------------------------------


def encoding_of(raw: bytes) -> str:
    """The encoding that reads an uploaded file: UTF-8 if all of it is, else latin-1.

    latin-1 decodes any byte string, so a binary file is recognised first by
    its NUL bytes, which no CSV or TSV contains. UTF-8 is checked in chunks,
    never decoding the whole file at once: one emoji in 50 MB of ASCII would
    make that one string 200 MB.
    """
    if not raw or raw.isspace():  # not raw.strip(): that copies the file
        raise InputError("err.corpus_empty")
    if b"\0" in raw[:65536]:
        raise InputError("err.corpus_binary")
    check = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), _CHUNK):
            check.decode(view[start : start + _CHUNK])
        check.decode(b"", final=True)
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def _separator(first: str, name: str) -> str:
    if name.lower().endswith((".tsv", ".tab")) or ("\t" in first and "," not in first):
        return "\t"
    return ","


def _checked_end(raw: bytes, encoding: str, sep: str, name: str) -> int:
    """Where the rows pandas may read end, once each has been framed within bounded memory.

    Python's csv reader frames them one at a time, from lines of at most
    ``MAX_LINE_BYTES``: at most ``MAX_COLUMNS`` columns, cells within its field
    limit (128K characters), and strings of ``MAX_TABLE_MEMORY`` bytes in all.
    A 50 MB header of commas, or one quoted cell holding the whole file, is
    refused before pandas builds it. Blank lines count as rows here, so
    ``MAX_ROWS`` + 1 of them bound the scan too.
    """
    stream = io.BytesIO(raw)
    memory = 0
    try:
        rows = csv.reader(_lines(stream, encoding, name), delimiter=sep)
        for number, row in enumerate(rows, start=1):
            if len(row) > MAX_COLUMNS:
                raise InputError(
                    "err.corpus_wide", name=name, columns=f"{len(row):,}", most=MAX_COLUMNS
                )
            memory += sum(map(sys.getsizeof, row))
            if memory > MAX_TABLE_MEMORY:
                raise InputError(
                    "err.corpus_memory",
                    name=name,
                    rows=f"{number:,}",
                    most=MAX_TABLE_MEMORY // 2**20,
                )
            if number > MAX_ROWS:
                break
    except csv.Error as err:
        raise InputError("err.corpus_parse", name=name, reason=str(err).strip()) from err
    return stream.tell()


def _lines(stream: io.BytesIO, encoding: str, name: str) -> Iterator[str]:
    """The decoded lines of ``stream``; InputError for one longer than ``MAX_LINE_BYTES``."""
    for number in itertools.count(1):
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES:
            raise InputError(
                "err.corpus_line_long", name=name, line=number, most=f"{MAX_LINE_BYTES:,}"
            )
        yield line.decode(encoding)


def read_table(raw: bytes, name: str = "upload.csv") -> tuple[pd.DataFrame, str, int]:
    """An uploaded CSV/TSV as strings, with the encoding used and rows cut beyond ``MAX_ROWS``.

    pandas reads the checked bytes themselves: decoding the file into one
    string first (and a StringIO of it) took 8 times the file's size in memory.
    """
    encoding = encoding_of(raw)
    end = raw.find(b"\n", 0, _CHUNK)
    first = raw[: end if end >= 0 else _CHUNK].decode(encoding, errors="replace")
    sep = _separator(first.removeprefix("\ufeff"), name)
    end = _checked_end(raw, encoding, sep, name)
    try:
        frame = pd.read_csv(
            io.BytesIO(raw if end == len(raw) else raw[:end]),
            sep=sep,
            encoding="utf-8-sig" if encoding == "utf-8" else encoding,
            dtype=str,
            keep_default_na=False,
            nrows=MAX_ROWS,
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise InputError("err.corpus_parse", name=name, reason=str(err).strip()) from err
    truncated = 0
    if not _BLANK.match(raw, end):  # rows are left over, not just blank lines
        truncated = max(raw.count(b"\n", end) + (not raw.endswith(b"\n")), 1)
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame, encoding, truncated


def guess_columns(frame: pd.DataFrame) -> tuple[str, str]:
    """Likely (text, label) columns: by name, else by content.

    Without a telling name the text is the column with the longest values,
    and the label the other column with the fewest distinct values.
    """
    columns = list(frame.columns)
    lowered = {column.lower(): column for column in columns}
    text = next((lowered[n] for n in TEXT_NAMES if n in lowered), None)
    if text is None:
        text = max(columns, key=lambda c: (frame[c].str.len().sum(), -columns.index(c)))
    others = [column for column in columns if column != text] or columns
    label = next((lowered[n] for n in LABEL_NAMES if n in lowered and lowered[n] != text), None)
    if label is None:
        label = min(others, key=lambda c: (frame[c].nunique(), others.index(c)))
    return text, label


def from_table(
    raw: bytes, name: str, text_col: str | None = None, label_col: str | None = None
) -> Corpus:
    """A corpus from an uploaded CSV/TSV and the chosen text and label columns."""
    frame, encoding, truncated = read_table(raw, name)
    columns = list(frame.columns)
    if len(columns) < 2:
        raise InputError("err.corpus_columns", name=name, found=", ".join(columns))
    guessed = guess_columns(frame)
    text_col, label_col = text_col or guessed[0], label_col or guessed[1]
    for column in (text_col, label_col):
        if column not in columns:
            raise InputError("err.corpus_column", column=column, found=", ".join(columns))
    if text_col == label_col:
        raise InputError("err.corpus_same_column", column=text_col)
    texts = frame[text_col].str.strip()
    labels = frame[label_col].str.strip()
    keep = (texts != "") & (labels != "")
    texts, labels = texts[keep], labels[keep]
    if sum(bool(_NUMBER.match(text)) for text in texts) > len(texts) / 2:
        raise InputError("err.corpus_numeric_text", column=text_col)
    classes = sorted(labels.unique(), key=_label_order)
    if len(classes) > MAX_CLASSES:
        raise InputError(
            "err.corpus_many_classes", column=label_col, classes=len(classes), most=MAX_CLASSES
        )
    index = {name: k for k, name in enumerate(classes)}
    return _checked(
        texts.tolist(),
        labels.map(index).tolist(),
        tuple(classes),
        source=name,
        encoding=encoding,
        dropped=int((~keep).sum()),
        truncated=truncated,
    )


def _label_order(label: str) -> tuple[int, float, str]:
    """Numbers in numeric order ("2" before "10"), then everything else alphabetically."""
    if _NUMBER.match(label):
        return 0, float(label.replace(",", ".")), label
    return 1, 0.0, label


def _checked(
    texts: list[str], labels: list[int], classes: tuple[str, ...], **facts: object
) -> Corpus:
    """A Corpus, once it has enough rows and at least two classes."""
    if not texts:
        raise InputError("err.corpus_no_rows")
    if len(texts) < MIN_ROWS:
        raise InputError("err.corpus_few_rows", rows=len(texts), least=MIN_ROWS)
    if len(classes) < 2:
        raise InputError("err.corpus_one_class", label=classes[0] if classes else "")
    return Corpus(tuple(texts), np.asarray(labels, dtype=np.int64), classes, **facts)  # type: ignore[arg-type]


def load(path: Path | str, text_col: str | None = None, label_col: str | None = None) -> Corpus:
    """A corpus from the command line: an MR-layout folder, or a CSV/TSV file."""
    path = Path(path)
    if path.is_dir():
        return load_mr(path)
    if not path.is_file():
        raise InputError("err.corpus_path", path=str(path))
    return from_table(path.read_bytes(), path.name, text_col, label_col)
