"""Small word-vector files and a local download server, shared by the vector-source tests."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import http.server
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pytest
from gensim.models import KeyedVectors

from convlab.errors import InputError
from convlab.paths import ENV as CACHE_ENV
from convlab.vectors import gensim_data
from convlab.vectors.sets import load_path

WORDS = ["the", "movie", "good", "bad", "king", "queen", "film", "at"]


def table(rows: int = len(WORDS), dim: int = 4, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """``rows`` words (the sample words, then w8, w9, ...) with seeded float32 vectors."""
    words = (WORDS + [f"w{i}" for i in range(len(WORDS), rows)])[:rows]
    vectors = np.random.default_rng(seed).uniform(-1, 1, (rows, dim)).astype(np.float32)
    return words, vectors


def keyed(words: list[str], vectors: np.ndarray) -> KeyedVectors:
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(words, vectors)
    return kv


def word2vec(path: Path, words: list[str], vectors: np.ndarray, *, binary: bool) -> Path:
    """A word2vec file as gensim writes it (text, or binary without newlines)."""
    keyed(words, vectors).save_word2vec_format(str(path), binary=binary)
    return path


def text_rows(words: list[str], vectors: np.ndarray) -> bytes:
    """Rows "word v1 ... vD" as GloVe and word2vec text write them."""
    pairs = zip(words, vectors, strict=True)
    lines = [" ".join([word, *(repr(float(v)) for v in row)]) for word, row in pairs]
    return ("\n".join(lines) + "\n").encode()


def glove(path: Path, words: list[str], vectors: np.ndarray) -> Path:
    """GloVe text: word2vec text without the header line."""
    path.write_bytes(text_rows(words, vectors))
    return path


def gzipped(path: Path, content: bytes) -> Path:
    path.write_bytes(gzip.compress(content, mtime=0))
    return path


@dataclass
class Server:
    """A local HTTP server standing in for gensim-data's release server."""

    base_url: str
    requests: list[str] = field(default_factory=list)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files, records each path asked for, and keeps quiet on stderr."""

    def do_GET(self) -> None:
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        super().do_GET()

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def http_server(folder: Path) -> Iterator[Server]:
    """Serve ``folder`` on 127.0.0.1 at a free port, in a thread, until the block ends."""
    handler = functools.partial(_Handler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.seen = server.requests  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def publish(
    folder: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes
) -> gensim_data.OnlineSet:
    """Put ``content`` where the release server has ``name``, and make list.json's entry match."""
    (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / name / f"{name}.gz").write_bytes(content)
    spec = replace(gensim_data.SETS[name], size=len(content), md5=hashlib.md5(content).hexdigest())
    monkeypatch.setitem(gensim_data.SETS, name, spec)
    return spec


def isolate(monkeypatch: pytest.MonkeyPatch, cache: Path, base_url: str) -> None:
    """Point downloads at ``base_url`` and the cache at ``cache``; no proxy for loopback."""
    monkeypatch.setenv(CACHE_ENV, str(cache))
    monkeypatch.setenv(gensim_data.ENV_URL, base_url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


def closed_port() -> int:
    """A loopback port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refused(path: Path, **kwargs: object) -> InputError:
    """The error loading ``path`` raises; fails the test if it loads."""
    with pytest.raises(InputError) as err:
        load_path(path, **kwargs)  # type: ignore[arg-type]
    return err.value


BAD_TEXT = [
    # (file content, key, params that must be in the message)
    (b"", "err.vec_empty", {}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3 0.4\n", "err.vec_truncated", {"found": "2", "rows": "3"}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3 0.4\ndog 0.5", "err.vec_cut_short", {"line": 4}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3\ndog 0.5 0.6\n", "err.vec_row_values", {"line": 3, "got": 1}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3 0.4 0.5\ndog 0.5 0.6\n", "err.vec_row_values", {"got": 3}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3 abc\ndog 0.5 0.6\n", "err.vec_not_number", {"line": 3}),
    (b"1000000000 2\nthe 0.1 0.2\n", "err.vec_header_rows", {"rows": "1,000,000,000"}),
    (b"3 3\nthe 0.1 0.2\ncat 0.3 0.4\ndog 0.5 0.6\n", "err.vec_dim_mismatch", {"got": 2}),
    (b"3 2\nthe 0.1 0.2\ncat 0.3 0.4\nthe 0.5 0.6\n", "err.vec_duplicate", {"word": "the"}),
    ("3 2\nthe 0.1 0.2\ncafé 0.3 0.4\n".encode("latin-1"), "err.vec_not_utf8", {"line": 3}),
    (b"2 2\nthe 0.1 nan\ncat inf 0.4\n", "err.vec_not_finite", {"count": 2}),
    (b"2 2\nthe 0.1 0.2\n 0.3 0.4\n", "err.vec_no_word", {"line": 3}),
    (b"0 2\n", "err.vec_bad_header", {}),
    (b"2 5000\nthe" + b" 0" * 5000 + b"\n", "err.vec_dim", {}),
    (b"Hello, this is a letter.\nNot vectors.\n", "err.vec_unknown_format", {}),
    (b"the 0.1 0.2\ncat 0.3 0.4 0.5\n", "err.vec_row_values", {"line": 2}),
    (b"2 2\nthe " + b"1" * 200_000 + b"\n", "err.vec_line_long", {"line": 2}),
]
"""Damaged text files: (content, message key, params the message must carry)."""


class Payload:
    """Unpickling this creates the marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple:
        return (Path.touch, (self.marker,))
