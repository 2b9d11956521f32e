"""Data for the text CNN: MR from a folder or a local HTTP server, uploaded tables, the split."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from convlab.errors import InputError
from convlab.paths import ENV as CACHE_ENV
from convlab.textcnn import corpus
from tests.mr import MR, mr, mr_archive


def table(rows: list[tuple[str, str]], header: str = "text,label", sep: str = ",") -> bytes:
    lines = [header.replace(",", sep)] + [f"{text}{sep}{label}" for text, label in rows]
    return ("\n".join(lines) + "\n").encode()


REVIEWS = [
    (f"review number {i} is {'good' if i % 2 else 'bad'}", "pos" if i % 2 else "neg")
    for i in range(40)
]


# MR from a folder -------------------------------------------------------------------------


def test_mr_folder_is_read_as_published() -> None:
    data = mr()
    assert len(data) == 2 * corpus.MR_LINES == 10_662
    assert data.classes == ("neg", "pos")
    assert data.counts == [5331, 5331]
    assert data.encoding == "latin-1"
    first_pos = (MR / "rt-polarity.pos").read_bytes().decode("latin-1").splitlines()[0].strip()
    assert data.texts[5331] == first_pos and data.labels[5331] == 1
    assert len(data.digest) == 64 and data.digest == corpus.load_mr(MR).digest


def test_mr_folder_missing_a_file(tmp_path: Path) -> None:
    (tmp_path / "rt-polarity.pos").write_text("good\n")
    with pytest.raises(InputError) as err:
        corpus.load_mr(tmp_path)
    assert err.value.key == "err.mr_missing"


def test_split_is_fixed_disjoint_and_ten_percent() -> None:
    parts = corpus.split(10_662)
    assert parts.sizes == (8637, 959, 1066)  # 10% test, then 10% of the other 9,596
    every = np.concatenate([parts.train, parts.val, parts.test])
    assert sorted(every.tolist()) == list(range(10_662))
    again = corpus.split(10_662)
    assert np.array_equal(parts.test, again.test) and np.array_equal(parts.val, again.val)
    assert not np.array_equal(parts.test, corpus.split(10_662, seed=1).test)
    assert parts.test[:5].tolist() == [1, 11, 17, 29, 37]  # the fixed split never moves


@given(rows=st.integers(10, 5000), seed=st.integers(0, 3))
def test_the_ten_folds_test_every_row_exactly_once(rows: int, seed: int) -> None:
    folds = [corpus.split(rows, seed, fold) for fold in range(corpus.FOLDS)]
    tested = np.concatenate([parts.test for parts in folds])
    assert sorted(tested.tolist()) == list(range(rows))
    for parts in folds:
        every = np.concatenate([parts.train, parts.val, parts.test])
        assert sorted(every.tolist()) == list(range(rows))  # disjoint, and nothing left out
        assert rows // 10 <= len(parts.test) <= rows // 10 + 1 and len(parts.val) >= 1
    assert np.array_equal(folds[0].val, corpus.split(rows, seed).val)


def test_a_fold_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match=r"0\.\.9"):
        corpus.split(100, fold=10)


def test_sample_is_fixed_and_keeps_order() -> None:
    small = mr().sample(300)
    assert len(small) == 300 and small.sampled_from == 10_662
    assert small.texts == mr().sample(300).texts
    positions = [mr().texts.index(text) for text in small.texts[:20]]
    assert positions == sorted(positions)
    assert mr().sample(50_000) is mr()


# MR from the web ------------------------------------------------------------------------------


def test_download_verifies_and_caches(
    serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, serve(mr_archive()))
    cache = tmp_path / "cache"
    folder = corpus.download_mr(cache)
    assert folder == cache
    for name, digest in corpus.MR_SHA256.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in folder.iterdir()) == sorted(corpus.MR_SHA256)
    assert corpus.load_mr(folder).digest == mr().digest
    # Cached: no network needed the second time.
    monkeypatch.setenv(corpus.MR_URL_ENV, "http://127.0.0.1:9/")
    assert corpus.download_mr(cache) == cache
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(corpus.MR_DIR_ENV, "")
    assert corpus.cached_mr() is None  # the default cache is tmp_path/mr, still empty
    (tmp_path / "mr").mkdir()
    for name in corpus.MR_SHA256:
        (tmp_path / "mr" / name).write_bytes((cache / name).read_bytes())
    assert corpus.find_mr() == tmp_path / "mr"


def test_corrupted_download_is_refused_and_nothing_is_written(
    serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, serve(mr_archive(corrupt=True)))
    with pytest.raises(InputError) as err:
        corpus.download_mr(tmp_path / "cache")
    assert err.value.key == "err.mr_corrupt"
    assert not (tmp_path / "cache").exists()


def test_not_an_archive_is_refused(serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, serve(b"<html>moved</html>"))
    with pytest.raises(InputError) as err:
        corpus.download_mr(tmp_path / "cache")
    assert err.value.key == "err.mr_corrupt"


def test_offline_fails_fast_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, "http://127.0.0.1:9/")  # nothing listens there
    with pytest.raises(InputError) as err:
        corpus.download_mr(tmp_path / "cache")
    assert err.value.key == "err.mr_offline"
    assert "127.0.0.1:9" in str(err.value) and "offline" in str(err.value)


def test_silent_server_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        monkeypatch.setenv(corpus.MR_URL_ENV, f"http://127.0.0.1:{silent.getsockname()[1]}/")
        with pytest.raises(InputError) as err:
            corpus.download_mr(tmp_path / "cache", timeout=0.2)
    assert err.value.key == "err.mr_offline"


# Uploaded tables --------------------------------------------------------------------------------


def test_csv_with_string_labels_is_mapped_in_sorted_order() -> None:
    data = corpus.from_table(table(REVIEWS), "reviews.csv")
    assert data.classes == ("neg", "pos")
    assert data.counts == [20, 20]
    assert data.labels[:4].tolist() == [0, 1, 0, 1]
    assert data.texts[1] == "review number 1 is good"
    assert (data.encoding, data.dropped, data.truncated) == ("utf-8", 0, 0)


def test_numeric_labels_sort_as_numbers_and_columns_are_found_by_name() -> None:
    rows = [(f"sentence {chr(97 + i % 26)} here", str([2, 10, 1][i % 3])) for i in range(30)]
    raw = table([(label, text) for text, label in rows], header="stars,sentence")
    data = corpus.from_table(raw, "stars.csv")
    assert data.classes == ("1", "2", "10")
    assert data.counts == [10, 10, 10]
    assert data.texts[0] == "sentence a here"


def test_columns_without_telling_names_are_guessed_by_content() -> None:
    rows = [
        (str(i), f"a longer review text number {i}", "yes" if i % 3 else "no") for i in range(30)
    ]
    raw = ("id,body,flag\n" + "".join(f"{a},{b},{c}\n" for a, b, c in rows)).encode()
    frame, _, _ = corpus.read_table(raw)
    assert corpus.guess_columns(frame) == ("body", "flag")
    assert corpus.from_table(raw, "x.csv").counts == [10, 20]


def test_tsv_by_name_and_by_header() -> None:
    raw = table(REVIEWS, sep="\t")
    assert corpus.from_table(raw, "x.tsv").counts == [20, 20]
    assert corpus.from_table(raw, "x.txt").counts == [20, 20]  # tabs in the header


def test_latin1_file_falls_back() -> None:
    rows = [("café très bon", "pos"), ("très mauvais", "neg")] * 10
    data = corpus.from_table(table(rows).decode().encode("latin-1"), "fr.csv")
    assert data.encoding == "latin-1"
    assert data.texts[0] == "café très bon"


def test_empty_rows_are_dropped_and_counted() -> None:
    rows = [*REVIEWS, ("", "pos"), ("no label here", ""), ("   ", "neg")]
    data = corpus.from_table(table(rows), "gaps.csv")
    assert len(data) == 40 and data.dropped == 3


def test_row_cap_truncates_and_says_how_many(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "MAX_ROWS", 30)
    data = corpus.from_table(table(REVIEWS), "big.csv")
    assert len(data) == 30 and data.truncated == 10


@pytest.mark.parametrize(
    ("raw", "name", "columns", "key"),
    [
        (b"", "empty.csv", (None, None), "err.corpus_empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv", (None, None), "err.corpus_binary"),
        (table(REVIEWS[:10]), "short.csv", (None, None), "err.corpus_few_rows"),
        (table([(t, "pos") for t, _ in REVIEWS]), "one.csv", (None, None), "err.corpus_one_class"),
        (table(REVIEWS), "x.csv", ("review", "label"), "err.corpus_column"),
        (table(REVIEWS), "x.csv", ("text", "text"), "err.corpus_same_column"),
        (b"text\n" + b"only one column\n" * 30, "one.csv", (None, None), "err.corpus_columns"),
        (
            table([(str(i * 1.5), "a" if i % 2 else "b") for i in range(30)]),
            "numbers.csv",
            (None, None),
            "err.corpus_numeric_text",
        ),
        (
            table([(f"text {i}", f"id{i}") for i in range(30)]),
            "ids.csv",
            (None, None),
            "err.corpus_many_classes",
        ),
        (table([("", "pos")] * 30), "blank.csv", (None, None), "err.corpus_no_rows"),
        (b'text,label\n"unclosed,pos\n' + b"a,b,c,d\n" * 3, "bad.csv", (None, None), None),
    ],
)
def test_bad_tables_are_explained(
    raw: bytes, name: str, columns: tuple[str | None, str | None], key: str | None
) -> None:
    with pytest.raises(InputError) as err:
        corpus.from_table(raw, name, *columns)
    if key is None:  # pandas' own complaint, passed on
        assert err.value.key in ("err.corpus_parse", "err.corpus_few_rows")
    else:
        assert err.value.key == key
    assert err.value.say("zh") != str(err.value)


def test_load_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        corpus.load(tmp_path / "nope.csv")
    assert err.value.key == "err.corpus_path"
    (tmp_path / "ok.csv").write_bytes(table(REVIEWS))
    assert corpus.load(tmp_path / "ok.csv").counts == [20, 20]
    assert len(corpus.load(MR)) == 10_662


# Hostile tables: refused before pandas builds them --------------------------------------------


def refusal(raw: bytes) -> InputError:
    with pytest.raises(InputError) as err:
        corpus.read_table(raw, "bomb.csv")
    return err.value


def test_a_header_of_a_million_columns_is_refused() -> None:
    err = refusal(b"a," * 500_000 + b"\nx,y\n")
    assert (err.key, err.params["columns"], err.params["most"]) == (
        "err.corpus_wide",
        "500,001",
        corpus.MAX_COLUMNS,
    )


def test_a_line_longer_than_a_row_can_be_is_refused() -> None:
    err = refusal(b"text,label\n" + b"x" * (corpus.MAX_LINE_BYTES + 1) + b",pos\n")
    assert (err.key, err.params["line"]) == ("err.corpus_line_long", 2)


def test_one_quoted_cell_holding_the_file_is_refused() -> None:
    err = refusal(b'text,label\n"' + b"x\n" * 200_000 + b'",pos\n')
    assert err.key == "err.corpus_parse" and "field limit" in err.params["reason"]


def test_rows_whose_strings_outgrow_the_budget_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(corpus, "MAX_TABLE_MEMORY", 100_000)
    rows = "".join(f"review {i} {'😀' * 100},{i % 2}\n" for i in range(300))  # 4-byte strings
    err = refusal(f"text,label\n{rows}".encode())
    assert err.key == "err.corpus_memory" and int(err.params["rows"]) < 300


def test_utf8_is_recognised_across_the_chunks_it_is_checked_in() -> None:
    raw = b"x" * (corpus._CHUNK - 1) + "é".encode() + b",b\n"  # é straddles the 1 MiB boundary
    assert raw[corpus._CHUNK - 1 : corpus._CHUNK + 1] == "é".encode()
    assert corpus.encoding_of(raw) == "utf-8"
    assert corpus.encoding_of(raw + b"\xe9,c\n") == "latin-1"
