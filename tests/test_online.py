"""gensim-data sets: downloaded from a local HTTP server standing in for the network, checked,
cached, loaded; and offline, a quick "needs internet" against unreachable loopback addresses."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from convlab.cli import main
from convlab.errors import InputError
from convlab.paths import ENV as CACHE_ENV
from convlab.vectors import gensim_data
from convlab.vectors.sets import load_online, resolve
from tests.vector_files import closed_port, gzipped, http_server, isolate, publish, table, word2vec

NAME = "glove-wiki-gigaword-50"


@pytest.fixture
def release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict]:
    """A release server holding a small stand-in for NAME, and an empty cache."""
    words, vectors = table(rows=30, dim=5)
    raw = word2vec(tmp_path / "raw.txt", words, vectors, binary=False).read_bytes()
    content = gzipped(tmp_path / "raw.gz", raw).read_bytes()
    folder = tmp_path / "releases"
    spec = publish(folder, monkeypatch, NAME, content)
    with http_server(folder) as server:
        isolate(monkeypatch, tmp_path / "cache", server.base_url)
        yield {"server": server, "spec": spec, "words": words, "vectors": vectors}


def test_download_checks_and_caches(release: dict) -> None:
    seen: list[float] = []
    path = gensim_data.fetch(NAME, seen.append)
    assert path == gensim_data.cache_dir() / f"{NAME}.gz" == gensim_data.cached(NAME)
    assert path.stat().st_size == release["spec"].size
    assert seen[-1] == 1.0 and seen == sorted(seen)
    assert release["server"].requests == [f"/{NAME}/{NAME}.gz"]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left
    gensim_data.fetch(NAME)
    assert len(release["server"].requests) == 1  # the second time comes from the cache


def test_load_online_reads_the_download_like_a_file(release: dict) -> None:
    vs = load_online(NAME, limit=10)
    assert (vs.name, vs.dim, vs.size) == (f"{NAME}:10", 5, 10)
    assert vs.kv.index_to_key == release["words"][:10]
    np.testing.assert_array_equal(vs.kv.vectors, release["vectors"][:10])
    assert vs.licence == "PDDL-1.0"
    assert vs.source == f"{release['server'].base_url}/{NAME}/{NAME}.gz"
    assert vs.title == gensim_data.SETS[NAME].title
    assert resolve(NAME).name == NAME  # the default limit keeps the plain name
    assert resolve(f"{NAME}:7").size == 7


def test_cli_downloads_then_describes(release: dict, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vectors", "info", "--vectors", NAME, "--limit", "12", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "name": f"{NAME}:12",
        "format": "word2vec-text",
        "D": 5,
        "words": 12,
        "distinct_vectors": 12,
        "licence": "PDDL-1.0",
    }


def test_a_corrupted_download_is_discarded(
    release: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "releases" / NAME
    (folder / f"{NAME}.gz").write_bytes(b"\x1f\x8b" + b"\x00" * (release["spec"].size - 2))
    with pytest.raises(InputError) as err:
        gensim_data.fetch(NAME)
    assert err.value.key == "err.net_checksum"
    assert gensim_data.cached(NAME) is None
    assert list(gensim_data.cache_dir().iterdir()) == []


def test_a_missing_release_says_what_the_server_answered(release: dict) -> None:
    name = "glove-wiki-gigaword-100"  # the stand-in server has no such file
    with pytest.raises(InputError) as err:
        gensim_data.fetch(name)
    assert (err.value.key, err.value.params["status"]) == ("err.net_http", 404)
    assert gensim_data.cached(name) is None


def test_offline_is_a_quick_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch, tmp_path / "cache", f"http://127.0.0.1:{closed_port()}")
    started = time.perf_counter()
    assert not gensim_data.reachable()
    with pytest.raises(InputError) as err:
        gensim_data.fetch(NAME)
    assert time.perf_counter() - started < gensim_data.TIMEOUT_S
    assert err.value.key == "err.net_offline"
    assert err.value.params["host"] == "127.0.0.1"
    assert str(err.value).startswith("Needs internet")
    assert gensim_data.cached(NAME) is None


def test_a_server_that_never_answers_times_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Accepts the connection (the kernel does, from the backlog) and then says nothing."""
    monkeypatch.setattr(gensim_data, "TIMEOUT_S", 0.5)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        isolate(monkeypatch, tmp_path / "cache", f"http://127.0.0.1:{silent.getsockname()[1]}")
        started = time.perf_counter()
        with pytest.raises(InputError) as err:
            gensim_data.fetch(NAME)
        assert 0.4 < time.perf_counter() - started < 5
    assert err.value.key == "err.net_offline"


def test_names_and_limits() -> None:
    assert gensim_data.split(NAME) == (NAME, None)
    assert gensim_data.split(f"{NAME}:5000") == (NAME, 5000)
    assert gensim_data.split("glove50") is None
    assert gensim_data.split(f"{NAME}:many") is None
    with pytest.raises(InputError):
        gensim_data.split(f"{NAME}:0")
    assert gensim_data.key(NAME, 100_000) == NAME
    assert gensim_data.key(NAME, 5000) == f"{NAME}:5000"


def test_the_catalogue_matches_gensim_data() -> None:
    """Sizes and md5 sums as gensim-data's list.json publishes them (checked by hand)."""
    assert {name: (s.dim, s.words) for name, s in gensim_data.SETS.items()} == {
        "glove-wiki-gigaword-50": (50, 400_000),
        "glove-wiki-gigaword-100": (100, 400_000),
        "glove-wiki-gigaword-200": (200, 400_000),
        "glove-wiki-gigaword-300": (300, 400_000),
        "word2vec-google-news-300": (300, 3_000_000),
        "fasttext-wiki-news-subwords-300": (300, 999_999),
    }
    assert gensim_data.SETS["word2vec-google-news-300"].md5 == "a5e5354d40acb95f9ec66d5977d140ef"
    assert gensim_data.url(NAME).endswith(f"/{NAME}/{NAME}.gz")


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert gensim_data.cache_dir() == Path("/somewhere/convlab/gensim-data")
    monkeypatch.setenv(CACHE_ENV, "/elsewhere")
    assert gensim_data.cache_dir() == Path("/elsewhere/gensim-data")
