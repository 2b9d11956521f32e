"""Every hostile upload, through the app, while the process's peak memory is measured.

The goal of issue 11: no upload raises the server's RSS by more than twice its
size cap (``server.maxUploadSize``). AppTest runs the page in this process, so
the kernel's high-water mark of this process's RSS is the server's: it is reset
(``/proc/self/clear_refs``) just before the upload's run and read just after.
Unfixed, the .keras bombs reached 3-5 GB and the CSV bombs 5-12 times their size.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from convlab import ui
from convlab.errors import InputError
from convlab.textcnn import corpus, model_file
from convlab.vectors.sets import load_stream
from tests import bombs
from tests.apptest import no_exception, open_app, said
from tests.vector_files import closed_port, isolate

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")
MB = 2**20


def _status(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in bytes."""
    for line in STATUS.read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def peak_rise(run: Callable[[], AppTest]) -> tuple[AppTest, int]:
    """``run()`` and how far its peak RSS rose above the RSS it started from, in bytes."""
    try:
        CLEAR_REFS.write_text("5")  # Linux >= 4.0: reset VmHWM to the current RSS
    except OSError as err:
        pytest.skip(f"cannot reset the peak RSS here: {err}")
    start = _status("VmRSS")
    at = run()
    return at, _status("VmHWM") - start


def cap() -> int:
    return int(config.get_option("server.maxUploadSize")) * MB


def refused_upload(page: str, uploader: str, name: str, raw: bytes) -> tuple[AppTest, int]:
    """Open ``page`` (not measured), then upload ``raw`` and measure that run."""
    at = open_app(page)
    no_exception(at)
    widget = at.file_uploader(key=uploader)
    at, rise = peak_rise(lambda: widget.upload(name, raw).run())
    no_exception(at)
    return at, rise


def shown(at: AppTest) -> list[str]:
    return [w.value for w in at.main.warning] + [e.value for e in at.main.error]


def refusal(read: Callable[[], object], key: str) -> str:
    """What the page should say: the library's own refusal, as ``ui.say`` renders it."""
    with pytest.raises(InputError) as err:
        read()
    assert err.value.key == key
    return said(key, **err.value.params)


@pytest.fixture(scope="module")
def real_model() -> bytes:
    """A small Kim CNN saved by convlab: the bombs keep its other members, so Keras would load."""
    from convlab.textcnn import kim
    from convlab.textcnn.hyperparameters import Hyperparameters
    from tests.mr import glove, mr

    return kim.save(kim.train(mr().sample(200), Hyperparameters(filters=2, epochs=1), glove()).cnn)


KERAS_BOMBS = {
    # the two: a 2 GiB weights member, a 1.2 GiB convlab.json
    "weights_2gib": (("model.weights.h5", 2048, None), "err.zip_member_big"),
    "convlab_json_1.2gib": (("convlab.json", 1229, None), "err.zip_member_big"),
    "config_json_1.2gib": (("config.json", 1229, None), "err.zip_member_big"),
    "weights_40mib_ratio": (("model.weights.h5", 40, None), "err.zip_ratio"),
    "lying_member": (("convlab.json", 400, 1000), "err.zip_bad"),
}


@pytest.mark.parametrize("bomb", [*KERAS_BOMBS, "65000_members"])
def test_keras_bombs_leave_memory_alone(bomb: str, real_model: bytes) -> None:
    if bomb in KERAS_BOMBS:
        (member, mib, declared), key = KERAS_BOMBS[bomb]
        raw = bombs.keras_bomb(member, mib, declared, real=real_model)
    else:
        raw, key = bombs.many_members(65_000), "err.zip_members"
    at, rise = refused_upload("train", "cnn_model_file", "bomb.keras", raw)
    assert shown(at) == [refusal(lambda: model_file.read(raw, "bomb.keras", most=cap()), key)]
    assert ui.UPLOADED_MODEL not in at.session_state
    print(f"{bomb}: {len(raw) / MB:.1f} MB upload, peak RSS +{rise / MB:.1f} MB")
    assert rise <= 2 * cap(), f"{bomb}: peak RSS rose {rise / MB:.0f} MB"


TABLE_BOMBS = {
    "wide_header_48mib": (lambda: bombs.wide_table(48), "err.corpus_line_long"),
    "one_cell_48mib_with_emoji": (lambda: bombs.one_cell_table(48), "err.corpus_line_long"),
}


@pytest.mark.parametrize("bomb", list(TABLE_BOMBS))
def test_table_bombs_leave_memory_alone(bomb: str) -> None:
    build, key = TABLE_BOMBS[bomb]
    raw = build()
    at = open_app("train", cnn_data="upload")
    widget = at.file_uploader(key="cnn_table_file")
    at, rise = peak_rise(lambda: widget.upload("bomb.csv", raw, "text/csv").run())
    no_exception(at)
    assert shown(at) == [refusal(lambda: corpus.read_table(raw, "bomb.csv"), key)]
    assert ui.UPLOADED_TABLE not in at.session_state
    print(f"{bomb}: {len(raw) / MB:.1f} MB upload, peak RSS +{rise / MB:.1f} MB")
    assert rise <= 2 * cap(), f"{bomb}: peak RSS rose {rise / MB:.0f} MB"


def test_a_gzip_of_zero_vectors_is_held_to_the_upload_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """100,000 rows of 300 zeros: 0.5 MB packed, 131 MB loaded; the set may take the cap only."""
    isolate(monkeypatch, tmp_path, f"http://127.0.0.1:{closed_port()}")  # offline
    raw = bombs.zero_vectors(100_000, 300)
    at = open_app("word_vectors")
    widget = at.file_uploader(key="vec_upload")
    at, rise = peak_rise(lambda: widget.set_value(("zeros.vec.gz", raw, "text/plain")).run())
    no_exception(at)
    expected = refusal(
        lambda: load_stream(io.BytesIO(raw), "zeros.vec.gz", max_bytes=cap(), budget=cap()),
        "err.vec_memory",
    )
    assert [e.value for e in at.main.error] == [expected]
    assert at.selectbox(key="vectors").value == "md300"
    print(f"zero vectors: {len(raw) / MB:.1f} MB upload, peak RSS +{rise / MB:.1f} MB")
    assert rise <= 2 * cap(), f"peak RSS rose {rise / MB:.0f} MB"
