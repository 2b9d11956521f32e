"""Users' vector files: every format loads to the right numbers, every bad file says why.

The files are written here, most by gensim's own ``save_word2vec_format``, the bad
ones byte by byte. The gensim behaviours the loader guards against (a short row
broadcast to D values, a duplicate leaving a None key) are shown first, so these
tests fail if gensim starts checking by itself and the guards become dead code.
"""

from __future__ import annotations

import io
import os
import pickle
import zipfile
from pathlib import Path

import numpy as np
import pytest
from gensim.models import KeyedVectors

from convlab.errors import InputError
from convlab.vectors import files
from convlab.vectors.files import DEFAULT_LIMIT, MEMORY_BUDGET, estimate, inspect
from convlab.vectors.sets import load_path, load_stream, neighbours
from tests.vector_files import (
    BAD_TEXT,
    WORDS,
    Payload,
    glove,
    gzipped,
    keyed,
    refused,
    table,
    text_rows,
    word2vec,
)

# What gensim does on its own (measured, gensim 4.4.0) -------------------------------------


def test_gensim_alone_broadcasts_a_short_row_and_keeps_a_none_key(tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_bytes(b"2 2\nthe 0.1 0.2\ncat 0.3\n")
    kv = KeyedVectors.load_word2vec_format(str(short))
    np.testing.assert_allclose(kv["cat"], [0.3, 0.3])  # one value became both dimensions

    dup = tmp_path / "dup.txt"
    dup.write_bytes(b"2 2\nthe 0.1 0.2\nthe 0.3 0.4\n")
    assert KeyedVectors.load_word2vec_format(str(dup)).index_to_key == ["the", None]


def test_gensim_alone_preallocates_what_a_header_claims(tmp_path: Path) -> None:
    """Without a limit a 10^9-row header means a 10^9-entry key list before any row is read."""
    liar = tmp_path / "liar.txt"
    liar.write_bytes(b"1000000000 2\nthe 0.1 0.2\n")
    with pytest.raises(EOFError):  # with a limit: a 100,000-entry allocation, then EOF
        KeyedVectors.load_word2vec_format(str(liar), limit=DEFAULT_LIMIT)


# Every format ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "binary", "fmt"),
    [
        ("vectors.bin", True, "word2vec-binary"),
        ("vectors.txt", False, "word2vec-text"),
        ("vectors.vec", False, "fasttext-vec"),
    ],
)
def test_word2vec_formats_load_exactly(tmp_path: Path, name: str, binary: bool, fmt: str) -> None:
    words, vectors = table()
    vs = load_path(word2vec(tmp_path / name, words, vectors, binary=binary))
    assert vs.file_format == fmt
    assert vs.name == f"file:{Path(name).stem}"
    assert vs.kv.index_to_key == words
    np.testing.assert_array_equal(vs.kv.vectors, vectors)
    assert (vs.dim, vs.size, vs.distinct) == (4, len(WORDS), len(WORDS))
    assert vs.licence == "unknown"
    assert vs.source == name


def test_glove_text_without_header(tmp_path: Path) -> None:
    words, vectors = table()
    vs = load_path(glove(tmp_path / "glove.6B.4d.txt", words, vectors))
    assert vs.file_format == "glove-text"
    assert vs.meta["rows_in_file"] is None
    assert vs.kv.index_to_key == words
    np.testing.assert_array_equal(vs.kv.vectors, vectors)


def test_word2vec_c_binary_with_a_newline_after_each_vector(tmp_path: Path) -> None:
    words, vectors = table(rows=3, dim=2)
    pairs = zip(words, vectors, strict=True)
    rows = b"".join(w.encode() + b" " + v.tobytes() + b"\n" for w, v in pairs)
    path = tmp_path / "c.bin"
    path.write_bytes(b"3 2\n" + rows)
    vs = load_path(path)
    assert vs.kv.index_to_key == words
    np.testing.assert_array_equal(vs.kv.vectors, vectors)


@pytest.mark.parametrize("binary", [False, True])
def test_gzipped_files_load(tmp_path: Path, binary: bool) -> None:
    words, vectors = table()
    raw = word2vec(tmp_path / "raw", words, vectors, binary=binary).read_bytes()
    vs = load_path(gzipped(tmp_path / "vectors.gz", raw))
    assert vs.file_format == ("word2vec-binary" if binary else "word2vec-text")
    np.testing.assert_array_equal(vs.kv.vectors, vectors)


def test_gzipped_glove(tmp_path: Path) -> None:
    words, vectors = table()
    vs = load_path(gzipped(tmp_path / "glove.txt.gz", text_rows(words, vectors)))
    assert (vs.file_format, vs.size, vs.name) == ("glove-text", len(words), "file:glove")


def test_a_blank_last_line_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"2 2\r\nthe 0.5 -1.5\r\ncat 2 3\r\n\r\n")
    vs = load_path(path)
    np.testing.assert_array_equal(vs.kv["cat"], [2, 3])


@pytest.mark.parametrize("binary", [False, True])
def test_the_limit_reads_the_first_rows(tmp_path: Path, binary: bool) -> None:
    words, vectors = table(rows=50)
    path = word2vec(tmp_path / "v", words, vectors, binary=binary)
    vs = load_path(path, limit=7)
    assert vs.kv.index_to_key == words[:7]
    assert vs.meta["rows_in_file"] == 50
    np.testing.assert_array_equal(vs.kv.vectors, vectors[:7])


def test_the_limit_applies_to_glove_too(tmp_path: Path) -> None:
    words, vectors = table(rows=20)
    assert (
        load_path(glove(tmp_path / "g.txt", words, vectors), limit=5).kv.index_to_key == words[:5]
    )


@pytest.mark.parametrize("binary", [False, True])
def test_progress_rises_to_one(tmp_path: Path, binary: bool) -> None:
    words, vectors = table(rows=5000, dim=2)
    seen: list[float] = []
    load_path(word2vec(tmp_path / "v", words, vectors, binary=binary), progress=seen.append)
    assert seen == sorted(seen)
    assert len(seen) >= 3 and 0 < seen[0] < 1 and seen[-1] == 1.0


def test_an_upload_is_a_stream(tmp_path: Path) -> None:
    words, vectors = table()
    raw = word2vec(tmp_path / "v.txt", words, vectors, binary=False).read_bytes()
    vs = load_stream(io.BytesIO(raw), "mine.vec")
    assert (vs.name, vs.file_format, vs.title) == ("file:mine", "fasttext-vec", "mine.vec")


def test_keys_differ_for_different_files_with_one_name(tmp_path: Path) -> None:
    first = load_path(glove(tmp_path / "v.txt", *table(seed=1)))
    second = load_path(glove(tmp_path / "v.txt", *table(seed=2)))
    assert first.name == second.name
    assert first.key != second.key
    assert first.key == load_path(glove(tmp_path / "v.txt", *table(seed=1))).key


# Every bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "key", "params"), BAD_TEXT, ids=[key for _, key, _ in BAD_TEXT]
)
def test_bad_text_files_are_explained(
    tmp_path: Path, content: bytes, key: str, params: dict
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = refused(path)
    assert err.key == key
    assert params.items() <= err.params.items()
    assert err.say("zh") != str(err)  # both languages, no traceback text
    assert "Traceback" not in str(err)


def test_binary_garbage(tmp_path: Path) -> None:
    path = tmp_path / "garbage.bin"
    path.write_bytes(np.random.default_rng(0).bytes(4000))
    assert refused(path).key == "err.vec_unknown_format"


def binary_file(path: Path, header: bytes, words: list[bytes], vectors: np.ndarray) -> Path:
    pairs = zip(words, vectors, strict=True)
    path.write_bytes(header + b"".join(w + b" " + v.tobytes() for w, v in pairs))
    return path


def test_binary_truncated(tmp_path: Path) -> None:
    words, vectors = table(rows=3, dim=2)
    raw = word2vec(tmp_path / "v.bin", words, vectors, binary=True).read_bytes()
    (tmp_path / "cut.bin").write_bytes(raw[:-5])
    err = refused(tmp_path / "cut.bin")
    assert (err.key, err.params["found"], err.params["rows"]) == ("err.vec_truncated", "2", "3")


def test_binary_dimension_differs_from_the_header(tmp_path: Path) -> None:
    _, vectors = table(rows=12, dim=2)
    words = [w.encode() for w in table(rows=12)[0]]
    err = refused(binary_file(tmp_path / "d.bin", b"4 3\n", words, vectors))
    assert (err.key, err.params["dim"]) == ("err.vec_misaligned", 3)
    assert err.params["row"] in (2, 3)  # row 2's "word" may be a printable byte of row 1


def test_binary_duplicate_and_latin1_words(tmp_path: Path) -> None:
    _, vectors = table(rows=3, dim=2)
    dup = binary_file(tmp_path / "dup.bin", b"3 2\n", [b"the", b"cat", b"the"], vectors)
    assert refused(dup).params == {"word": "the", "first": 1, "second": 3}
    latin = binary_file(tmp_path / "l.bin", b"3 2\n", [b"the", b"caf\xe9", b"dog"], vectors)
    err = refused(latin)
    assert (err.key, err.params["row"]) == ("err.vec_not_utf8_binary", 2)
    assert err.params["word"] == "café"


def test_missing_path_directory_and_device(tmp_path: Path) -> None:
    assert refused(tmp_path / "nope.txt").key == "err.vec_no_file"
    assert refused(tmp_path).key == "err.vec_is_dir"
    os.mkfifo(tmp_path / "fifo")
    assert refused(tmp_path / "fifo").key == "err.vec_not_regular"  # opening would block


def test_a_file_larger_than_the_cap(tmp_path: Path) -> None:
    words, vectors = table(rows=100)
    path = word2vec(tmp_path / "big.txt", words, vectors, binary=False)
    with pytest.raises(InputError) as err:
        load_stream(path.open("rb"), "big.txt", max_bytes=1000)
    assert err.value.key == "err.vec_too_big"
    assert err.value.params["most"] == "0.0"  # MB, as the upload cap is stated


def test_a_damaged_gzip(tmp_path: Path) -> None:
    words, vectors = table()
    good = gzipped(tmp_path / "v.gz", text_rows(words, vectors)).read_bytes()
    (tmp_path / "bad.gz").write_bytes(good[:10] + b"\x00" * 40)
    assert refused(tmp_path / "bad.gz").key == "err.vec_bad_gzip"


def test_a_lying_header_in_a_gzip_is_bounded_by_the_limit(tmp_path: Path) -> None:
    """A compressed file's size says nothing about its rows: the limit caps the allocation."""
    path = gzipped(tmp_path / "liar.gz", b"1000000000 2\nthe 0.1 0.2\n")
    info = inspect(path.open("rb"), path.name)
    assert info.rows == DEFAULT_LIMIT and info.memory == estimate(DEFAULT_LIMIT, 2)
    err = refused(path)
    assert (err.key, err.params["found"]) == ("err.vec_truncated", "1")


def test_a_set_over_the_memory_budget(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(b"400000 2000\nthe" + b" 0" * 2000 + b"\n")  # the header passes, no rows yet
    with pytest.raises(InputError) as err:
        inspect(path.open("rb"), path.name, limit=400_000, max_bytes=2**40)
    assert err.value.key == "err.vec_header_rows"
    gz = gzipped(tmp_path / "wide.gz", path.read_bytes())
    with pytest.raises(InputError) as err:
        inspect(gz.open("rb"), gz.name, limit=400_000)
    assert err.value.key == "err.vec_memory"
    assert estimate(400_000, 2000) > MEMORY_BUDGET
    assert err.value.params["fit"] == f"{files.rows_that_fit(2000):,}"


@pytest.mark.parametrize("limit", [0, files.MAX_LIMIT + 1])
def test_a_limit_out_of_range(tmp_path: Path, limit: int) -> None:
    path = glove(tmp_path / "g.txt", *table())
    assert refused(path, limit=limit).key == "err.vec_limit"


# Never unpickled -----------------------------------------------------------------------------


@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
@pytest.mark.parametrize("name", ["vectors.txt", "vectors.pkl", "vectors.bin.gz"])
def test_a_crafted_pickle_is_refused_without_running(
    tmp_path: Path, protocol: int, name: str
) -> None:
    marker = tmp_path / "marker"
    content = pickle.dumps(Payload(marker), protocol=protocol)
    pickle.loads(content)  # the control: this payload does run when unpickled
    assert marker.exists()
    marker.unlink()

    path = tmp_path / name
    path.write_bytes(gzipped(tmp_path / "p.gz", content).read_bytes() if ".gz" in name else content)
    err = refused(path)
    assert err.key == ("err.vec_pickle_suffix" if name.endswith(".pkl") else "err.vec_pickle")
    assert "code" in str(err)  # the reason is given
    assert not marker.exists()


@pytest.mark.parametrize("suffix", [".kv", ".model"])
def test_gensim_saved_files_are_refused_by_name(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"vectors{suffix}"
    keyed(*table()).save(str(path))  # gensim's native format: a pickle
    err = refused(path)
    assert (err.key, err.params["suffix"]) == ("err.vec_pickle_suffix", suffix)


def test_gensim_kv_renamed_is_refused_by_content(tmp_path: Path) -> None:
    keyed(*table()).save(str(tmp_path / "v.kv"))
    (tmp_path / "v.kv").rename(tmp_path / "v.txt")
    assert refused(tmp_path / "v.txt").key == "err.vec_pickle"


def test_npy_files(tmp_path: Path) -> None:
    np.save(tmp_path / "objects.npy", np.array([{"the": 1}], dtype=object), allow_pickle=True)
    assert refused(tmp_path / "objects.npy").key == "err.vec_npy_object"
    np.save(tmp_path / "numbers.npy", np.zeros((3, 2), np.float32))
    assert refused(tmp_path / "numbers.npy").key == "err.vec_npy"


def test_archives_and_fasttext_models(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "v.npz", "w") as archive:
        archive.writestr("x.txt", "the 0.1 0.2\n")
    assert refused(tmp_path / "v.npz").key == "err.vec_zip"
    (tmp_path / "cc.en.300.bin").write_bytes((793712314).to_bytes(4, "little") + b"\x0c" * 100)
    assert refused(tmp_path / "cc.en.300.bin").key == "err.vec_fasttext_bin"


def test_a_glove_word_that_looks_like_an_opcode_is_not_a_pickle(tmp_path: Path) -> None:
    """ "(" then "0" then "." walk through MARK, POP, STOP: text, not code."""
    path = tmp_path / "g.txt"
    path.write_bytes(b"( 0.1 0.2\n. 0.3 0.4\n")
    assert load_path(path).kv.index_to_key == ["(", "."]


# Nearest words ----------------------------------------------------------------------------------


def test_neighbours_and_twins(tmp_path: Path) -> None:
    words, vectors = table(rows=6, dim=3)
    vectors[3] = vectors[2]  # "bad" = "good", as in a pruned table
    vs = load_path(glove(tmp_path / "p.txt", words, vectors))
    near = neighbours(vs, "GOOD", topn=3)
    assert near.word == "good"
    assert near.twins == ["bad"]
    assert near.similar[0] == ("bad", pytest.approx(1.0))
    assert near.similar == vs.kv.most_similar("good", topn=3)
    assert neighbours(vs, "king").twins == []


def test_neighbours_of_unknown_and_zero_words(tmp_path: Path) -> None:
    words, vectors = table(rows=3, dim=2)
    vectors[1] = 0
    vs = load_path(glove(tmp_path / "z.txt", words, vectors))
    with pytest.raises(InputError) as err:
        neighbours(vs, "qwxzv")
    assert err.value.key == "err.vec_word_missing"
    with pytest.raises(InputError) as err:
        neighbours(vs, "movie")
    assert err.value.key == "err.vec_word_zero"
