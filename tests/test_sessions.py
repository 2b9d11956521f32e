"""Two visitors on one server at the same time: neither ever sees the other's uploads.

Both AppTest sessions live in this process, as two browser tabs live in one
server, and share every server-wide cache. Session A uploads a table, a vector
file and a model; session B, open all along, asks for each by every way a
page or a link offers, and must get the "nothing uploaded" answer each time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from convlab import ui
from convlab.textcnn import kim
from convlab.textcnn.hyperparameters import Hyperparameters
from tests.apptest import en, main_infos, main_warnings, no_exception, open_app
from tests.mr import glove, mr
from tests.vector_files import closed_port, isolate, text_rows

TABLE = (
    "\n".join(["text,label", *(f"visitor a row {i},{'x' if i % 2 else 'y'}" for i in range(40))])
).encode()


@pytest.fixture(autouse=True)
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    isolate(monkeypatch, tmp_path / "cache", f"http://127.0.0.1:{closed_port()}")
    ui.vectors._shared_sets.clear()
    yield
    ui.vectors._shared_sets.clear()


def vector_file() -> bytes:
    words = ["it", "'s", "not", "a", "bad", "movie", "at", "all", "."]
    vectors = np.random.default_rng(7).uniform(-1, 1, (len(words), 5)).astype(np.float32)
    return f"{len(words)} 5\n".encode() + text_rows(words, vectors)


def vector_choices(at: AppTest) -> list[str]:
    return list(at.selectbox(key="vectors").options)


def test_two_sessions_never_see_each_others_uploads() -> None:
    a, b = open_app("train", cnn_data="upload"), open_app("train", cnn_data="upload")
    for at in (a, b):
        assert main_infos(at) == [en("train.upload_prompt")]

    # A uploads a table; B, already open, reruns and still has none.
    a.file_uploader(key="cnn_table_file").upload("a.csv", TABLE, "text/csv").run()
    no_exception(a)
    assert a.session_state[ui.UPLOADED_TABLE].name == "a.csv"
    b.run()
    assert main_infos(b) == [en("train.upload_prompt")]
    assert ui.UPLOADED_TABLE not in b.session_state

    # A uploads its own vectors; B's picker does not offer them, and a link to them falls back.
    open_app("word_vectors", a)
    a.file_uploader(key="vec_upload").set_value(("mine.vec", vector_file(), "text/plain")).run()
    no_exception(a)
    assert a.selectbox(key="vectors").value == "file:mine"
    open_app("word_vectors", b)
    assert "file:mine" not in vector_choices(b)
    assert b.selectbox(key="vectors").value == "md300"
    linked = open_app("conv1d", vectors="file:mine")
    assert main_warnings(linked) == [
        en("vectors.unavailable", name=ui.plain("file:mine"), fallback="md300")
    ]

    # A uploads a model; B's filters page has none, by its radio or by a link.
    fit = kim.train(
        mr().sample(200), Hyperparameters(kernel_sizes=(3,), filters=2, epochs=1), glove()
    )
    open_app("train", a)
    a.file_uploader(key="cnn_model_file").upload("a.keras", kim.save(fit.cnn)).run()
    no_exception(a)
    assert a.session_state[ui.UPLOADED_MODEL].name == "a.keras"
    open_app("filters", b)
    assert ui.UPLOADED_MODEL not in b.session_state
    linked = open_app("filters", cnn_model="upload")
    assert main_infos(linked) == [en("filters.no_upload")]

    # Everything A had is still A's.
    a.run()
    assert a.selectbox(key="vectors").value == "file:mine"
    assert a.session_state[ui.UPLOADED_TABLE].name == "a.csv"
