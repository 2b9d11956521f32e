"""`python -m convlab vectors info`, and --vectors / $CONVLAB_VECTORS on the other commands."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

from convlab.cli import main
from tests.cli import run_cli
from tests.vector_files import BAD_TEXT, Payload, glove, refused, table, word2vec

KEYS = ["name", "format", "D", "words", "distinct_vectors", "licence"]


def info(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict | str]:
    code, out, err = run_cli(capsys, "vectors", "info", *args)
    return code, json.loads(out) if code == 0 and "--json" in args else out or err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("md300", ["md300", "convlab-npz", 300, 50_000, 4963, "CC0-1.0"]),
        ("glove50", ["glove50", "convlab-npz", 50, 50_000, 50_000, "PDDL-1.0"]),
    ],
)
def test_builtin_sets(capsys: pytest.CaptureFixture[str], name: str, expected: list) -> None:
    code, report = info(capsys, "--builtin", name, "--json")
    assert code == 0
    assert report == dict(zip(KEYS, expected, strict=True))


@pytest.mark.parametrize(
    ("filename", "binary", "fmt"),
    [
        ("v.bin", True, "word2vec-binary"),
        ("v.txt", False, "word2vec-text"),
        ("v.vec", False, "fasttext-vec"),
    ],
)
def test_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, filename: str, binary: bool, fmt: str
) -> None:
    words, vectors = table(rows=20, dim=6)
    vectors[5] = vectors[4]  # one shared vector: 19 distinct
    path = word2vec(tmp_path / filename, words, vectors, binary=binary)
    code, report = info(capsys, "--path", str(path), "--limit", "10", "--json")
    assert code == 0
    assert report == dict(zip(KEYS, ["file:v", fmt, 6, 10, 9, "unknown"], strict=True))


def test_glove_and_the_readable_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = glove(tmp_path / "glove.6B.3d.txt", *table(dim=3))
    code, out = info(capsys, "--path", str(path))
    assert code == 0
    assert out.strip() == (
        "file:glove.6B.3d (glove-text): D = 3, 8 words, 8 distinct vectors, licence unknown"
    )


BAD_FILES = [(content, key) for content, key, _ in BAD_TEXT]
BAD_FILES.append((np.random.default_rng(0).bytes(4000), "err.vec_unknown_format"))


@pytest.mark.parametrize(("content", "key"), BAD_FILES, ids=[key for _, key in BAD_FILES])
def test_every_bad_file_exits_2_with_the_librarys_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, key: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    expected = refused(path)
    assert expected.key == key
    code, err = info(capsys, "--path", str(path), "--json")
    assert (code, err) == (2, f"error: {expected}\n")


def test_a_pickle_through_the_cli_never_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    marker = tmp_path / "marker"
    path = tmp_path / "vectors.txt"
    path.write_bytes(pickle.dumps(Payload(marker)))
    code, err = info(capsys, "--path", str(path))
    assert code == 2 and "pickle" in err
    assert not marker.exists()


def test_missing_path_and_unknown_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert info(capsys, "--path", str(tmp_path / "nope.txt"))[0] == 2
    code, err = info(capsys, "--vectors", "nope")
    assert code == 2 and "Built-in sets: md300, glove50" in err
    code, err = info(capsys, "--builtin", "glove100")
    assert code == 2 and "invalid choice" in err


def test_environment_names_the_default_set_for_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVLAB_VECTORS", str(glove(tmp_path / "mine.txt", *table(dim=7))))
    assert info(capsys, "--json")[1]["name"] == "file:mine"
    assert main(["equivalence", "--sentence", "the good movie", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["embedding_shape"] == [3, 7]
    assert report["conv1d_kernel_shape"] == [3, 7, 4]


def test_vectors_option_takes_a_file_on_equivalence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = word2vec(tmp_path / "v.bin", *table(dim=5), binary=True)
    code = main(["equivalence", "--sentence", "king and queen", "--n", "2", "--vectors", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "Conv1D kernel (2, 5, 4)" in out
