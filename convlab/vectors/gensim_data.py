"""gensim-data word vectors, for when the network is there: download once, check, keep on disk.

``gensim.downloader.load`` is not used: next to each data set it downloads a
Python module (``__init__.py``) and imports it, so loading vectors would run
code fetched from the network. Here only the data file is fetched, its size
and md5 are checked against gensim-data's published ``list.json``, and it is
then read like anyone's own file (``convlab.vectors.files``), with a row limit.

The release address and the cache folder come from the environment
(``CONVLAB_GENSIM_DATA_URL``, ``CONVLAB_CACHE``), so tests serve files from a
local HTTP server and a deployment can point at a mirror.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from convlab import paths
from convlab.errors import InputError
from convlab.vectors.files import DEFAULT_LIMIT, Progress, check_limit

BASE_URL = "https://github.com/RaRe-Technologies/gensim-data/releases/download"
ENV_URL = "CONVLAB_GENSIM_DATA_URL"
TIMEOUT_S = 5.0
"""Socket timeout for connecting and for each read: offline, a download fails in seconds."""
_CHUNK = 1 << 16


@dataclass(frozen=True)
class OnlineSet:
    """One gensim-data vector set, as its list.json describes the single-part release file."""

    name: str
    title: str
    dim: int
    words: int
    size: int
    """Bytes of the .gz file."""
    md5: str
    licence: str


SETS = {
    spec.name: spec
    for spec in (
        OnlineSet(
            "glove-wiki-gigaword-50",
            "GloVe 6B 50d (Wikipedia 2014 + Gigaword 5)",
            50, 400_000, 69_182_535, "c289bc5d7f2f02c6dc9f2f9b67641813", "PDDL-1.0",
        ),
        OnlineSet(
            "glove-wiki-gigaword-100",
            "GloVe 6B 100d (Wikipedia 2014 + Gigaword 5)",
            100, 400_000, 134_300_434, "40ec481866001177b8cd4cb0df92924f", "PDDL-1.0",
        ),
        OnlineSet(
            "glove-wiki-gigaword-200",
            "GloVe 6B 200d (Wikipedia 2014 + Gigaword 5)",
            200, 400_000, 264_336_934, "59652db361b7a87ee73834a6c391dfc1", "PDDL-1.0",
        ),
        OnlineSet(
            "glove-wiki-gigaword-300",
            "GloVe 6B 300d (Wikipedia 2014 + Gigaword 5)",
            300, 400_000, 394_362_229, "29e9329ac2241937d55b852e8284e89b", "PDDL-1.0",
        ),
        OnlineSet(
            "word2vec-google-news-300",
            "word2vec Google News 300d",
            300, 3_000_000, 1_743_563_840, "a5e5354d40acb95f9ec66d5977d140ef", "unstated",
        ),
        OnlineSet(
            "fasttext-wiki-news-subwords-300",
            "fastText wiki-news 300d (subword)",
            300, 999_999, 1_005_007_116, "de2bb3a20c46ce65c9c131e1ad9a77af", "CC-BY-SA-3.0",
        ),
    )
}  # fmt: skip
"""The sets offered, with sizes and md5 sums from gensim-data's list.json."""


def base_url() -> str:
    return (os.environ.get(ENV_URL) or BASE_URL).rstrip("/")


def url(name: str) -> str:
    return f"{base_url()}/{name}/{name}.gz"


def cache_dir() -> Path:
    """Where gensim-data downloads are kept: ``gensim-data`` in convlab's cache folder."""
    return paths.root() / "gensim-data"


def cached(name: str) -> Path | None:
    """The downloaded, checked file for ``name``, if it is on disk."""
    path = cache_dir() / f"{name}.gz"
    return path if path.is_file() else None


def key(name: str, limit: int) -> str:
    """The name a loaded online set goes by, in the URL too: the row limit, unless the default."""
    return name if limit == DEFAULT_LIMIT else f"{name}:{limit}"


def split(spec: str) -> tuple[str, int | None] | None:
    """(name, limit) for an online set's key, ``name`` or ``name:limit``; else None."""
    name, _, limit = spec.partition(":")
    if name not in SETS or (limit and not limit.isdigit()):
        return None
    if not limit:
        return name, None
    check_limit(int(limit))
    return name, int(limit)


def _host() -> tuple[str, int]:
    parts = urlsplit(base_url())
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def host() -> str:
    return _host()[0]


def reachable() -> bool:
    """Whether the release server accepts a connection within ``TIMEOUT_S``."""
    try:
        socket.create_connection(_host(), timeout=TIMEOUT_S).close()
    except OSError:
        return False
    return True


def fetch(name: str, progress: Progress | None = None) -> Path:
    """The set's .gz file, downloaded into the cache first if it is not there.

    The download goes to a temporary file that becomes the cached file only
    once its size and md5 match list.json, so the cache never holds a partial
    or corrupted file.
    """
    found = cached(name)
    if found:
        return found
    spec = SETS[name]
    target = cache_dir() / f"{name}.gz"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        part = tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False)  # noqa: SIM115
    except OSError as err:
        raise InputError("err.net_cache", folder=str(target.parent), reason=err.strerror) from err
    try:
        with part:
            size, md5 = _download(url(name), part, spec.size, progress or (lambda fraction: None))
        if (size, md5) != (spec.size, spec.md5):
            raise InputError(
                "err.net_checksum", name=name, size=f"{size:,}", expected=f"{spec.size:,}"
            )
        os.replace(part.name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part.name)
    return target


def _download(address: str, out: IO[bytes], expected: int, progress: Progress) -> tuple[int, str]:
    """Stream ``address`` into ``out``; (bytes, md5). InputError if the network or disk fails."""
    md5 = hashlib.md5(usedforsecurity=False)
    done = 0
    try:
        with urllib.request.urlopen(address, timeout=TIMEOUT_S) as response:
            total = int(response.headers.get("Content-Length") or expected) or expected
            while chunk := response.read(_CHUNK):
                out.write(chunk)
                md5.update(chunk)
                done += len(chunk)
                progress(min(done / total, 1.0))
    except urllib.error.HTTPError as err:
        raise InputError("err.net_http", url=address, status=err.code) from err
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        reason = getattr(err, "reason", err)
        raise InputError("err.net_offline", host=host(), reason=str(reason)[:80]) from err
    except OSError as err:  # writing the cache failed: the network errors above are OSErrors too
        folder = str(Path(out.name).parent)
        raise InputError("err.net_cache", folder=folder, reason=err.strerror) from err
    return done, md5.hexdigest()
