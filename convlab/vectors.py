"""Word-vector sets and the sentence matrix built from them.

The built-in sets live in ``convlab/data`` as compressed ``.npz`` files written
by ``tools/build_vectors.py``: distinct float16 rows, a row index per word, the
words and a JSON metadata string. They are read with ``allow_pickle=False``, so
loading one never runs code, and turned into a float32 gensim ``KeyedVectors``.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from gensim.models import KeyedVectors

from convlab.errors import InputError
from convlab.tokenize import MAX_TOKENS, tokenize

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_VECTORS = "md300"
BUILTINS = ("md300", "glove50")
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
    """A loaded table of word vectors plus what a learner should know about it."""

    name: str
    kv: KeyedVectors
    meta: dict

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def licence(self) -> str:
        return str(self.meta["licence"])

    @property
    def dim(self) -> int:
        return int(self.kv.vector_size)

    @property
    def size(self) -> int:
        return len(self.kv)

    @cached_property
    def distinct(self) -> int:
        """Distinct vectors in the table, measured rather than read from metadata.

        Hashing each row's bytes takes ~30 ms for 50,000 × 300; ``np.unique(axis=0)``
        sorts rows lexicographically and takes over a second.
        """
        return len({row.tobytes() for row in self.kv.vectors})

    @cached_property
    def shared_opposites(self) -> list[tuple[str, str]]:
        """Antonym pairs from ``OPPOSITES`` whose two vectors are bit-identical."""
        return [
            (a, b)
            for a, b in OPPOSITES
            if a in self.kv and b in self.kv and np.array_equal(self.kv[a], self.kv[b])
        ]

    def covers(self, tokens: list[str]) -> int:
        """How many of ``tokens`` have a vector."""
        return sum(token in self.kv for token in tokens)


def builtin_path(name: str) -> Path:
    return DATA_DIR / f"{name}.npz"


def load_builtin(name: str = DEFAULT_VECTORS) -> VectorSet:
    """Load a built-in set into float32 ``KeyedVectors`` (tens of milliseconds)."""
    path = builtin_path(name)
    if not path.is_file():
        raise InputError("err.no_builtin", name=name)
    with np.load(path, allow_pickle=False) as data:
        rows = data["vectors"].astype(np.float32)[data["index"]]
        words = data["words"].tolist()
        meta = json.loads(str(data["meta"]))
    kv = KeyedVectors(vector_size=rows.shape[1], count=0, dtype=np.float32)
    kv.add_vectors(words, rows)
    return VectorSet(name=name, kv=kv, meta=meta)


def resolve(spec: str) -> VectorSet:
    """The vector set a command line or URL names."""
    return load_builtin(spec)


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
    found = [token in vs.kv for token in kept_tokens]
    kept = [hit or oov != "skip" for hit in found]
    rows = [
        vs.kv[token]
        if hit
        else oov_vector(token, vs.dim, seed)
        if oov == "random"
        else np.zeros(vs.dim, np.float32)
        for token, hit, keep in zip(kept_tokens, found, kept, strict=True)
        if keep
    ]
    matrix = np.array(rows, dtype=np.float32).reshape(len(rows), vs.dim)
    return Embedding(kept_tokens, found, kept, matrix, truncated=len(tokens) - len(kept_tokens))


def embed_sentence(sentence: str, vs: VectorSet, oov: str = "zero", seed: int = 0) -> Embedding:
    """Tokenize ``sentence`` and embed it: the first step of every page and command."""
    return embed(tokenize(sentence), vs, oov, seed)
