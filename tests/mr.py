"""Shared by the text-CNN tests: MR beside the repo, and one small model trained once.

MR is never copied into the repository: tests read ``$CONVLAB_MR_DIR``, which
``tests/conftest.py`` points at ``../shared/data/mr`` unless it is set already.
The small model (3,000 MR rows, 16 filters of sizes 3 and 4, two epochs,
about 3 s) is trained once per test process and reused.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import tarfile
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from convlab.textcnn import corpus
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.vectors.sets import VectorSet, load_builtin

MR = Path(os.environ[corpus.MR_DIR_ENV])
SMALL_ROWS = 3000
SMALL = Hyperparameters(kernel_sizes=(3, 4), filters=16, epochs=2, learning_rate=3e-3)


@cache
def mr() -> corpus.Corpus:
    return corpus.load_mr(MR)


@cache
def glove() -> VectorSet:
    return load_builtin("glove50")


@cache
def small_fit():
    """The small model on a fixed sample of MR (Keras is imported here, not at collection)."""
    from convlab.textcnn import kim

    return kim.train(mr().sample(SMALL_ROWS), SMALL, glove())


def mr_archive(corrupt: bool = False) -> bytes:
    """A tar.gz laid out like Cornell's, from the real files (one line changed if ``corrupt``)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name in ("rt-polarity.neg", "rt-polarity.pos"):
            data = (MR / name).read_bytes()
            if corrupt and name.endswith("pos"):
                data = data.replace(b"the rock", b"the rick", 1)
            info = tarfile.TarInfo(f"rt-polaritydata/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        readme = b"sentence polarity dataset v1.0\n"
        info = tarfile.TarInfo("rt-polaritydata.README.1.0.txt")
        info.size = len(readme)
        tar.addfile(info, io.BytesIO(readme))
    return out.getvalue()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator:
    """serve(archive bytes) -> base URL of a local HTTP server holding it as MR's archive."""
    servers = []

    def start(archive: bytes) -> str:
        folder = tmp_path / f"site{len(servers)}"
        folder.mkdir()
        (folder / corpus.MR_ARCHIVE).write_bytes(archive)
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        handler.log_message = lambda *args: None  # type: ignore[method-assign]
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
