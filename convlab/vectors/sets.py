"""Word-vector sets and the sentence matrix built from them.

The built-in sets live in ``convlab/vectors/data`` as compressed ``.npz`` files written
by ``tools/build_vectors.py``: distinct float16 rows, a row index per word, the
words and a JSON metadata string. They are read with ``allow_pickle=False``, so
loading one never runs code, and become a float32 table; gensim's ``KeyedVectors``
over the same rows is built only when something asks for it (:attr:`VectorSet.kv`).
Other sets come from files (``convlab.vectors.files``) or gensim-data
(``convlab.vectors.gensim_data``); :func:`resolve` turns any name or path into a set.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from convlab.errors import InputError
from convlab.tokenize import MAX_TOKENS, has_han, tokenize
from convlab.vectors import files, gensim_data
from convlab.vectors.files import DEFAULT_LIMIT, MAX_FILE_BYTES, Progress

if TYPE_CHECKING:
    from gensim.models import KeyedVectors

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_VECTORS = "md300"
BUILTINS = ("md300", "glove50")
ENV_VECTORS = "CONVLAB_VECTORS"
"""A deployment's own set: a built-in name, a gensim-data name or a file path."""
FILE_PREFIX = "file:"
SET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,79}")
OOV_POLICIES = ("zero", "skip", "random")
OOV_SCALE = 0.25
"""Random OOV vectors are uniform in ±0.25, the range Kim (2014) used for unknown words."""

OPPOSITES = (
    ("good", "bad"),
    ("love", "hate"),
    ("hot", "cold"),
    ("big", "small"),
    ("up", "down"),
    ("yes", "no"),
    ("best", "worst"),
)
"""Antonym pairs checked for sharing one vector, the visible cost of a pruned table."""


@dataclass(frozen=True, eq=False)
class VectorSet:
    """A loaded table of word vectors plus what a learner should know about it.

    Lookups go through the set itself (``word in vs``, ``vs.vector(word)``), not through
    gensim: importing gensim takes 0.9 s (it imports scipy.stats), which a cold server's
    first page need not wait for. :attr:`kv` is the same table as gensim ``KeyedVectors``.
    """

    name: str
    words: list[str]
    """No word twice."""
    table: np.ndarray
    """(rows, dim) float32: a file's rows, one per word, or a built-in set's distinct vectors."""
    rows: np.ndarray | None
    """The row of ``table`` for each word; None when the i-th row is the i-th word's.

    md300 has 4,963 distinct vectors for 50,000 words: its full (50,000, 300) table,
    60 MB, is made only when :attr:`vectors` is asked for, never on a lesson page.
    """
    meta: dict

    @cached_property
    def index(self) -> dict[str, int]:
        """Each word's position in ``words``."""
        return {word: i for i, word in enumerate(self.words)}

    @cached_property
    def vectors(self) -> np.ndarray:
        """(size, dim) float32, the i-th row for ``words[i]``."""
        return self.table if self.rows is None else self.table[self.rows]

    @cached_property
    def kv(self) -> KeyedVectors:
        """gensim ``KeyedVectors`` over the same rows (no copy), built and imported on first use."""
        return keyed_vectors(self.words, self.vectors)

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def vector(self, word: str) -> np.ndarray:
        """The vector of ``word``, which must be in the set."""
        i = self.index[word]
        return self.table[i if self.rows is None else self.rows[i]]

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def licence(self) -> str:
        return str(self.meta["licence"])

    @property
    def source(self) -> str:
        """Where the vectors came from: the pinned wheel, the download address or the file name."""
        source = self.meta["source"]
        return str(source.get("wheel") or source.get("url") or source.get("file"))

    @property
    def file_format(self) -> str:
        """The format it was read from: one of ``files.FORMATS``, or the built-in .npz."""
        return str(self.meta.get("file_format", "convlab-npz"))

    @property
    def dim(self) -> int:
        return int(self.table.shape[1])

    @property
    def size(self) -> int:
        return len(self.words)

    @cached_property
    def distinct(self) -> int:
        """Distinct vectors in the table, measured rather than read from metadata.

        Each table row a word uses is hashed to a 16-byte BLAKE2b digest: ~0.1 s for
        50,000 × 300, and small in memory where a set of the rows' bytes would copy a
        whole 500 MB table; ``np.unique(axis=0)`` sorts rows and takes over a second.
        """
        used = self.table if self.rows is None else self.table[np.unique(self.rows)]
        return len({hashlib.blake2b(row, digest_size=16).digest() for row in used})

    @cached_property
    def digest(self) -> str:
        """A hash of the words, table and rows: equal only for the same vectors."""
        content = hashlib.blake2b("\n".join(self.words).encode(), digest_size=16)
        for part in (self.table, self.rows if self.rows is not None else np.empty(0)):
            content.update(memoryview(np.ascontiguousarray(part)).cast("B"))
        return content.hexdigest()

    @property
    def key(self) -> str:
        """Name and content hash: what caches of results computed from the set are keyed by.

        A name alone is not enough: two visitors' files can share one.
        """
        return f"{self.name}#{self.digest}"

    @cached_property
    def shared_opposites(self) -> list[tuple[str, str]]:
        """Antonym pairs from ``OPPOSITES`` whose two vectors are bit-identical."""
        return [
            (a, b)
            for a, b in OPPOSITES
            if a in self and b in self and np.array_equal(self.vector(a), self.vector(b))
        ]

    def covers(self, tokens: list[str]) -> int:
        """How many of ``tokens`` have a vector."""
        return sum(token in self for token in tokens)


def builtin_path(name: str) -> Path:
    return DATA_DIR / f"{name}.npz"


def load_builtin(name: str = DEFAULT_VECTORS) -> VectorSet:
    """Load a built-in set: its distinct rows as float32, and each word's row (a few ms)."""
    path = builtin_path(name)
    if not path.is_file():
        raise InputError("err.no_builtin", name=name)
    with np.load(path, allow_pickle=False) as data:
        table = data["vectors"].astype(np.float32)
        rows = data["index"]
        words = data["words"].tolist()
        meta = json.loads(str(data["meta"]))
    return VectorSet(name=name, words=words, table=table, rows=rows, meta=meta)


def keyed_vectors(words: list[str], rows: np.ndarray) -> KeyedVectors:
    """gensim ``KeyedVectors`` holding ``rows`` itself, the i-th row for ``words[i]``.

    ``add_vectors`` would copy the table three times (a mask, ``astype``, ``vstack``) and
    look every word up one by one: for md300's 50,000 x 300 rows 0.39 s and 180 MB passing
    through the heap, on a cold server's first page. A repeated word maps to its last row,
    as ``add_vectors`` maps it.
    """
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vector_size=rows.shape[1], count=0, dtype=rows.dtype)
    kv.index_to_key = list(words)
    kv.key_to_index = {word: i for i, word in enumerate(kv.index_to_key)}
    kv.vectors = rows
    kv.next_index = len(words)
    return kv


def load_stream(
    stream: BinaryIO,
    filename: str,
    *,
    limit: int = DEFAULT_LIMIT,
    max_bytes: int = MAX_FILE_BYTES,
    budget: int = files.MEMORY_BUDGET,
    progress: Progress | None = None,
    name: str | None = None,
    meta: dict | None = None,
) -> VectorSet:
    """A set from a vector file (a seekable binary stream), checked and loaded safely."""
    info = files.inspect(stream, filename, limit, max_bytes, budget)
    kv = files.load(stream, info, progress)
    facts = {
        "title": filename,
        "licence": "unknown",
        "source": {"file": filename},
        "file_format": info.format,
        "rows_in_file": info.rows_in_file,
        "limit": limit,
    }
    return VectorSet(
        name=name or file_set_name(filename),
        words=kv.index_to_key,
        table=kv.vectors,
        rows=None,
        meta=facts | (meta or {}),
    )


def check_set_name(raw: str) -> str:
    """``raw`` if it can name a set in a URL, else ValueError.

    Never a path: a link must not make the server open a file.
    """
    if not SET_NAME.fullmatch(raw):
        raise ValueError(raw)
    return raw


def file_set_name(filename: str) -> str:
    """``file:`` and the file's stem, kept to URL-safe characters."""
    stem = Path(filename.removesuffix(".gz")).stem
    return FILE_PREFIX + (re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")[:40] or "vectors")


def load_online(
    name: str, limit: int = DEFAULT_LIMIT, progress: Progress | None = None
) -> VectorSet:
    """A gensim-data set from the disk cache, downloaded first if needed (without progress)."""
    spec = gensim_data.SETS[name]
    with gensim_data.fetch(name).open("rb") as stream:
        return load_stream(
            stream,
            f"{name}.gz",
            limit=limit,
            progress=progress,
            name=gensim_data.key(name, limit),
            meta={
                "title": spec.title,
                "licence": spec.licence,
                "source": {"url": gensim_data.url(name)},
            },
        )


def resolve(
    spec: str | None = None, *, limit: int = DEFAULT_LIMIT, progress: Progress | None = None
) -> VectorSet:
    """The vector set a command line, URL or deployment names.

    ``spec`` is a built-in name, a gensim-data name (``name`` or ``name:limit``)
    or a file path; None means ``$CONVLAB_VECTORS``, else the default set.
    ``limit`` caps the rows read from a file or download.
    """
    spec = spec or os.environ.get(ENV_VECTORS) or DEFAULT_VECTORS
    if spec in BUILTINS:
        return load_builtin(spec)
    named = gensim_data.split(spec)
    if named:
        return load_online(named[0], named[1] or limit, progress)
    path = Path(spec).expanduser()
    if not path.exists():
        raise InputError(
            "err.vec_unknown",
            spec=spec,
            builtins=", ".join(BUILTINS),
            online=", ".join(gensim_data.SETS),
        )
    return load_path(path, limit=limit, progress=progress)


def load_path(
    path: Path, *, limit: int = DEFAULT_LIMIT, progress: Progress | None = None
) -> VectorSet:
    """A set from the vector file at ``path``."""
    with files.open_path(path) as stream:
        return load_stream(stream, path.name, limit=limit, progress=progress)


@dataclass(frozen=True)
class Neighbours:
    """The nearest words to one word, and the words whose vector is exactly the same."""

    word: str
    """The word as found in the set (lowercased if only that form is there)."""
    similar: list[tuple[str, float]]
    """(word, cosine), most similar first, from gensim's ``most_similar``."""
    twins: list[str]
    """Other words with a bit-identical vector: cosine 1, so their order is arbitrary."""


def neighbours(vs: VectorSet, word: str, topn: int = 10) -> Neighbours:
    """The ``topn`` nearest words to ``word`` by cosine, and its twins in a pruned table."""
    found = word.strip() if word.strip() in vs else word.strip().lower()
    if found not in vs:
        raise InputError("err.vec_word_missing", word=word.strip()[:40], name=vs.name)
    vector = vs.vector(found)
    if not vector.any():
        raise InputError("err.vec_word_zero", word=found[:40])
    # A dot product equal to |v|² finds the candidates in O(N) memory; equality then decides.
    close = np.flatnonzero(np.isclose(vs.vectors @ vector, vector @ vector, rtol=1e-5, atol=0))
    same = close[(vs.vectors[close] == vector).all(axis=1)]
    twins = [vs.words[i] for i in same.tolist() if vs.words[i] != found]
    return Neighbours(found, vs.kv.most_similar(found, topn=topn), twins)


def oov_vector(token: str, dim: int, seed: int) -> np.ndarray:
    """A random vector for an unknown word, the same for the same (token, seed) anywhere.

    The generator is seeded from the seed and a CRC of the token, so a word
    that occurs twice gets one vector and the result does not depend on
    Python's per-process string hashing.
    """
    rng = np.random.default_rng([seed, zlib.crc32(token.encode("utf-8"))])
    return rng.uniform(-OOV_SCALE, OOV_SCALE, dim).astype(np.float32)


@dataclass(frozen=True)
class Embedding:
    """A sentence as a (words, D) matrix, remembering which tokens were found."""

    tokens: list[str]
    """Every token, in order, after truncation to ``MAX_TOKENS``."""
    found: list[bool]
    """Whether each token has a vector in the set."""
    kept: list[bool]
    """Whether each token has a row in ``matrix`` (False only for OOV under "skip")."""
    matrix: np.ndarray
    """(words, D) float32, one row per kept token."""
    truncated: int = 0
    """How many tokens beyond ``MAX_TOKENS`` were dropped."""

    @property
    def words(self) -> list[str]:
        """The tokens that are rows of ``matrix``."""
        return [token for token, keep in zip(self.tokens, self.kept, strict=True) if keep]

    def require_words(self) -> None:
        """InputError unless the matrix has a row: no tokens at all, or all skipped as OOV."""
        if not self.tokens:
            raise InputError("err.no_words")
        if not self.words:
            raise InputError("err.all_skipped")

    @property
    def norms(self) -> list[float | None]:
        """Each token's vector norm; None where the token was skipped."""
        row_norms = iter(np.linalg.norm(self.matrix, axis=1).tolist())
        return [next(row_norms) if keep else None for keep in self.kept]


def embed(tokens: list[str], vs: VectorSet, oov: str = "zero", seed: int = 0) -> Embedding:
    """Look each token up in ``vs`` and stack the rows, handling misses by ``oov``.

    ``oov`` is "zero" (a zero row, the default), "skip" (drop the token) or
    "random" (a seeded random row, see :func:`oov_vector`).
    """
    if oov not in OOV_POLICIES:
        raise InputError("err.choice", name="oov", value=oov)
    kept_tokens = tokens[:MAX_TOKENS]
    found = [token in vs for token in kept_tokens]
    kept = [hit or oov != "skip" for hit in found]
    rows = [
        vs.vector(token)
        if hit
        else oov_vector(token, vs.dim, seed)
        if oov == "random"
        else np.zeros(vs.dim, np.float32)
        for token, hit, keep in zip(kept_tokens, found, kept, strict=True)
        if keep
    ]
    matrix = np.array(rows, dtype=np.float32).reshape(len(rows), vs.dim)
    return Embedding(kept_tokens, found, kept, matrix, truncated=len(tokens) - len(kept_tokens))


def embed_sentence(
    sentence: str, vs: VectorSet, oov: str = "zero", seed: int = 0, tokenizer: str = "words"
) -> Embedding:
    """Tokenize ``sentence`` and embed it: the first step of every page and command."""
    return embed(tokenize(sentence, tokenizer), vs, oov, seed)


def suggested_oov(sentence: str) -> str:
    """The OOV policy to start a sentence with when the user has not chosen one.

    Chinese sentences get "random": the built-in sets are English, so every
    Chinese word would be a zero row, and all windows would print the bias.
    With seeded random rows the mechanics (shapes, windows, the Conv2D
    equivalence) are exactly the same as with real vectors.
    """
    return "random" if has_han(sentence) else OOV_POLICIES[0]
