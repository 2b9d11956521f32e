"""The app with other word vectors: the URL key `vectors` on every page, uploads, paths,
gensim-data through a local server, bad files that leave the active set alone, neighbours.

Expected numbers come from the library (the same files loaded with convlab.vectors.sets),
never from the app itself.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from convlab import ui
from convlab.errors import InputError
from convlab.i18n import message
from convlab.vectors import gensim_data
from convlab.vectors.files import MEMORY_BUDGET, estimate, megabytes, rows_that_fit
from convlab.vectors.sets import embed_sentence, load_builtin, load_path, load_stream, neighbours
from tests.apptest import (
    APP,
    TIMEOUT,
    autolinks,
    chart_data,
    en,
    everything_shown,
    main_warnings,
    metrics,
    no_exception,
    open_app,
    roads,
    shape_metrics,
)
from tests.vector_files import (
    BAD_TEXT,
    Payload,
    closed_port,
    glove,
    gzipped,
    http_server,
    isolate,
    publish,
    table,
    text_rows,
)

ONLINE = "glove-wiki-gigaword-50"
SENTENCE = "It's not a bad movie at all."


@pytest.fixture(autouse=True)
def fresh_server_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No shared sets or deployment set from earlier tests; offline; an empty download cache."""
    isolate(monkeypatch, tmp_path / "cache", f"http://127.0.0.1:{closed_port()}")
    for var in ("CONVLAB_VECTORS", "CONVLAB_PATH_INPUT", "CONVLAB_PATH_FOLDERS"):
        monkeypatch.delenv(var, raising=False)
    ui.vectors._shared_sets.clear()
    ui.vectors._configured_set.clear()
    yield
    ui.vectors._shared_sets.clear()
    ui.vectors._configured_set.clear()


def active(at: AppTest) -> str:
    return at.selectbox(key="vectors").value


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.main.error]


def sentence_file(tmp_path: Path, dim: int = 6, seed: int = 0, name: str = "mine.vec") -> Path:
    """A word2vec text file covering every token of SENTENCE."""
    words = ["it", "'s", "not", "a", "bad", "movie", "at", "all", ".", "good"]
    vectors = np.random.default_rng(seed).uniform(-1, 1, (len(words), dim)).astype(np.float32)
    path = tmp_path / name
    path.write_bytes(f"{len(words)} {dim}\n".encode() + text_rows(words, vectors))
    return path


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    return at.file_uploader(key="vec_upload").set_value((name, content, "text/plain")).run()


# Every page follows the active set ---------------------------------------------------------


def test_every_page_follows_vectors_in_the_url() -> None:
    at = open_app("home", vectors="glove50")
    no_exception(at)
    assert "(9, 50)" in at.code[0].value and active(at) == "glove50"
    open_app("embed", at)
    assert metrics(at)[en("embed.shape")] == "(9, 50)"
    np.testing.assert_allclose(
        chart_data(at)["value"].to_numpy().reshape(9, 50),
        embed_sentence(SENTENCE, load_builtin("glove50")).matrix,
    )
    open_app("conv1d", at)
    assert shape_metrics(at)["metric.kernel"] == "(3, 50, 4)"
    assert shape_metrics(at)["metric.input"] == "(1, 9, 50)"
    open_app("conv2d", at)
    assert roads(at)["kernel"].tolist()[:2] == ["(3, 50, 4)", "(3, 50, 1, 4)"]
    open_app("word_vectors", at)
    no_exception(at)
    assert metrics(at)[en("vectors.metric_dim")] == "50"
    assert dict(at.query_params) == {"vectors": "glove50"}


def test_switching_in_the_sidebar_changes_numbers_and_link() -> None:
    at = open_app("conv1d")
    assert shape_metrics(at)["metric.kernel"] == "(3, 300, 4)"
    before = chart_data(at)["value"].to_numpy()
    at.selectbox(key="vectors").set_value("glove50").run()
    no_exception(at)
    assert shape_metrics(at)["metric.kernel"] == "(3, 50, 4)"
    assert at.query_params["vectors"] == "glove50"
    assert not np.allclose(chart_data(at)["value"].to_numpy(), before)
    at.selectbox(key="vectors").set_value("md300").run()
    assert shape_metrics(at)["metric.kernel"] == "(3, 300, 4)"
    np.testing.assert_allclose(chart_data(at)["value"].to_numpy(), before)
    assert "vectors" not in at.query_params


def test_sidebar_panel_states_computed_facts() -> None:
    at = open_app("home", vectors="glove50")
    glove50 = load_builtin("glove50")
    facts = en("vectors.facts", dim=50, words="50,000", distinct="50,000", licence="PDDL\\-1\\.0")
    assert facts in [c.value for c in at.sidebar.caption]
    assert not at.sidebar.warning  # GloVe is not pruned
    assert glove50.distinct == 50_000
    at.selectbox(key="vectors").set_value("md300").run()
    (pruned,) = [w.value for w in at.sidebar.warning]
    assert "4,963" in pruned and "good = bad" in pruned


# Links naming sets this server does not have -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [("file:someone", "vectors.unavailable"), (ONLINE, "vectors.needs_download")],
)
def test_a_link_to_a_missing_set_falls_back_with_a_notice(name: str, key: str) -> None:
    at = open_app("conv1d", vectors=name)
    no_exception(at)
    assert main_warnings(at) == [en(key, name=ui.plain(name), fallback="md300")]
    assert active(at) == "md300"
    assert shape_metrics(at)["metric.kernel"] == "(3, 300, 4)"
    assert "vectors" not in at.query_params


def test_a_link_cannot_name_a_path() -> None:
    at = open_app("home", vectors="/etc/passwd")
    no_exception(at)
    assert main_warnings(at) == [en("url.ignored", values=ui.plain("vectors=/etc/passwd"))]
    assert active(at) == "md300"


def test_a_cached_gensim_set_named_by_the_link_is_read_from_disk(tmp_path: Path) -> None:
    words, vectors = table(rows=40, dim=5)
    cache = tmp_path / "cache" / "gensim-data"
    cache.mkdir(parents=True)
    raw = f"{len(words)} 5\n".encode() + text_rows(words, vectors)
    gzipped(cache / f"{ONLINE}.gz", raw)
    at = open_app("conv1d", vectors=f"{ONLINE}:30", sentence="the movie at")
    no_exception(at)
    assert not main_warnings(at)
    assert shape_metrics(at)["metric.kernel"] == "(3, 5, 4)"
    assert active(at) == f"{ONLINE}:30"
    assert ui.vectors._shared_sets()[f"{ONLINE}:30"].size == 30
    other = open_app("home", vectors=f"{ONLINE}:30")  # another visitor: shared, not re-read
    assert active(other) == f"{ONLINE}:30" and not main_warnings(other)


# Your own file --------------------------------------------------------------------------------


def test_an_uploaded_file_becomes_the_active_set_on_every_page(tmp_path: Path) -> None:
    path = sentence_file(tmp_path)
    at = upload(open_app("word_vectors"), "mine.vec", path.read_bytes())
    no_exception(at)
    assert active(at) == "file:mine"
    assert at.query_params["vectors"] == "file:mine"
    assert metrics(at)[en("vectors.metric_dim")] == "6"
    assert metrics(at)[en("vectors.metric_format")] == "fasttext-vec"
    open_app("conv1d", at)
    assert shape_metrics(at)["metric.kernel"] == "(3, 6, 4)"
    open_app("embed", at)
    np.testing.assert_allclose(
        chart_data(at)["value"].to_numpy().reshape(9, 6),
        embed_sentence(SENTENCE, load_path(path)).matrix,
    )
    assert "file:mine" in at.selectbox(key="vectors").options


def test_same_name_new_content_never_shows_stale_numbers(tmp_path: Path) -> None:
    at = open_app("word_vectors")
    for seed in (1, 2):
        path = sentence_file(tmp_path, seed=seed, name=f"v{seed}.txt")
        upload(at, "v.txt", path.read_bytes())  # one name, "file:v", for both
        open_app("embed", at)
        np.testing.assert_allclose(
            chart_data(at)["value"].to_numpy().reshape(9, 6),
            embed_sentence(SENTENCE, load_path(path)).matrix,
        )
        open_app("word_vectors", at)


def test_a_visitors_file_stays_in_their_session(tmp_path: Path) -> None:
    mine = upload(open_app("word_vectors"), "mine.vec", sentence_file(tmp_path).read_bytes())
    assert active(mine) == "file:mine"
    theirs = open_app("home", **dict(mine.query_params))
    assert active(theirs) == "md300"
    assert main_warnings(theirs) == [
        en("vectors.unavailable", name=ui.plain("file:mine"), fallback="md300")
    ]


BAD_UPLOADS = [(f"bad{i}.txt", content, key) for i, (content, key, _) in enumerate(BAD_TEXT)]
BAD_UPLOADS += [
    ("garbage.bin", np.random.default_rng(0).bytes(4000), "err.vec_unknown_format"),
    ("v.kv", b"\x80\x04whatever", "err.vec_pickle_suffix"),
]
"""Every bad file the library refuses, uploaded: each is explained and changes nothing."""


def explained(name: str, content: bytes, key: str, lang: str = "en") -> str:
    """The library's message for this file, escaped for markdown as the app shows it."""
    with pytest.raises(InputError) as err:
        load_stream(io.BytesIO(content), name)
    assert err.value.key == key
    params = {k: ui.plain(v) if isinstance(v, str) else v for k, v in err.value.params.items()}
    return message(key, lang, **params)


def test_bad_uploads_are_explained_and_the_active_set_stays() -> None:
    at = open_app("word_vectors", vectors="glove50")
    for name, content, key in BAD_UPLOADS:
        upload(at, name, content)
        no_exception(at)
        assert errors(at) == [explained(name, content, key)]
        assert active(at) == "glove50"
        assert dict(at.query_params) == {"vectors": "glove50"}


def test_bad_uploads_are_explained_in_chinese() -> None:
    name, content, key = BAD_UPLOADS[0]
    at = upload(open_app("word_vectors", lang="zh"), name, content)
    assert errors(at) == [explained(name, content, key, "zh")]


def test_an_uploaded_pickle_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    at = upload(open_app("word_vectors"), "vectors.txt", pickle.dumps(Payload(marker)))
    no_exception(at)
    assert errors(at) == [en("err.vec_pickle", name="vectors\\.txt")]
    assert not marker.exists()
    assert active(at) == "md300"


def test_an_upload_over_the_cap_is_refused_and_the_cap_is_stated(tmp_path: Path) -> None:
    old = config.get_option("server.maxUploadSize")
    config.set_option("server.maxUploadSize", 1)
    try:
        at = open_app("word_vectors")
        assert at.file_uploader(key="vec_upload").label == en("label.vec_upload", mb=1)
        words, vectors = table(rows=30_000, dim=4)
        content = glove(tmp_path / "big.txt", words, vectors).read_bytes()
        assert len(content) > 2**20
        upload(at, "big.txt", content)
    finally:
        config.set_option("server.maxUploadSize", old)
    size = megabytes(len(content))
    assert errors(at) == [
        en("err.vec_too_big", name="big\\.txt", size=ui.plain(size), most="1\\.0")
    ]
    assert active(at) == "md300"


@contextmanager
def listening_on(address: str | None) -> Iterator[None]:
    """Streamlit's server.address for the block: loopback makes the server private."""
    old = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        yield
    finally:
        config.set_option("server.address", old)


def load_from_path(at: AppTest, path: str) -> AppTest:
    at.text_input(key="vec_path").input(path).run()
    return at.button(key="vec_load_path").click().run()


def test_a_path_on_this_machine(tmp_path: Path) -> None:
    """A server on the loopback is the reader's own machine: every problem is named."""
    with listening_on("127.0.0.1"):
        at = open_app("word_vectors")
        load_from_path(at, str(tmp_path / "nope.txt"))
        assert errors(at) == [en("err.vec_no_file", path=ui.plain(str(tmp_path / "nope.txt")))]
        load_from_path(at, str(tmp_path))
        assert errors(at) == [en("err.vec_is_dir", path=ui.plain(str(tmp_path)))]
        for proc in ("/proc/self/status", "/proc/self/mem"):  # seek(0, SEEK_END): Errno 22
            load_from_path(at, proc)
            no_exception(at)
            assert errors(at) == [en("err.vec_not_regular", path=Path(proc).name)]
        path = sentence_file(tmp_path, dim=3, name="mine.txt")
        load_from_path(at, str(path))
        no_exception(at)
    assert active(at) == "file:mine"
    assert metrics(at)[en("vectors.metric_format")] == "word2vec-text"


def test_a_public_server_has_no_path_box_by_default() -> None:
    for address in (None, "0.0.0.0", "192.0.2.7"):
        with listening_on(address):
            at = open_app("word_vectors")
        assert "vec_path" not in [w.key for w in at.text_input]
        assert en("vectors.paths_off") in [c.value for c in at.caption]


def test_a_deployment_can_switch_path_input_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVLAB_PATH_INPUT", "off")
    with listening_on("127.0.0.1"):
        at = open_app("word_vectors")
    assert "vec_path" not in [w.key for w in at.text_input]
    assert en("vectors.paths_off") in [c.value for c in at.caption]


def only_not_here(at: AppTest, probes: list[str], folders: str = "-") -> None:
    """Each probed path gets the same answer, whatever is there, and the active set stays."""
    for probe in probes:
        load_from_path(at, probe)
        no_exception(at)
        expected = en("err.vec_not_here", path=ui.plain(probe), folders=ui.plain(folders))
        assert errors(at) == [expected], probe
    assert active(at) == "md300"


def test_a_public_server_switched_on_says_only_not_readable_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVLAB_PATH_INPUT", "on")
    with listening_on(None):
        at = open_app("word_vectors")
        only_not_here(
            at, [str(tmp_path / "nope.txt"), str(tmp_path), "/proc/self/mem", "/dev/zero"]
        )
        load_from_path(at, str(sentence_file(tmp_path, dim=3, name="mine.txt")))
    no_exception(at)
    assert active(at) == "file:mine"


def test_a_public_server_reads_only_its_shared_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, private = tmp_path / "shared", tmp_path / "private"
    shared.mkdir()
    private.mkdir()
    secret = sentence_file(private, dim=3, name="secret.txt")
    (shared / "link.txt").symlink_to(secret)
    monkeypatch.setenv("CONVLAB_PATH_FOLDERS", str(shared))
    with listening_on(None):
        at = open_app("word_vectors")
        assert en("vectors.paths_from", folders=ui.plain(str(shared))) in [
            c.value for c in at.caption
        ]
        probes = [
            str(secret),  # exists, outside
            str(shared / ".." / "private" / "secret.txt"),  # climbs out
            str(shared / "link.txt"),  # a link inside pointing outside
            str(shared / "nope.txt"),  # missing inside
            str(shared),  # a folder
            "/etc/passwd",
        ]
        only_not_here(at, probes, str(shared))
        load_from_path(at, str(sentence_file(shared, dim=3, name="ours.txt")))
    no_exception(at)
    assert active(at) == "file:ours"


@pytest.mark.parametrize(
    "word", ["https://evil.example/login", "www.evil.example", "x@evil.example"]
)
def test_a_word_from_a_link_is_never_a_link(word: str) -> None:
    at = open_app("word_vectors", word=word)
    no_exception(at)
    shown = everything_shown(at)
    assert any("evil\\.example" in text for text in shown)  # the word is said back
    assert [text for text in shown if autolinks(text)] == []


# A deployment's own set --------------------------------------------------------------------


def test_the_environment_names_the_starting_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONVLAB_VECTORS", str(sentence_file(tmp_path, dim=8, name="ours.txt")))
    at = open_app("conv1d")
    no_exception(at)
    assert active(at) == "file:ours"
    assert at.query_params["vectors"] == "file:ours"
    assert shape_metrics(at)["metric.kernel"] == "(3, 8, 4)"
    linked = open_app("conv1d", vectors="glove50")  # a link still wins
    assert shape_metrics(linked)["metric.kernel"] == "(3, 50, 4)"


def test_secrets_name_the_starting_set() -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets["CONVLAB_VECTORS"] = "glove50"
    at.run()
    assert active(at) == "glove50"


def test_a_broken_deployment_set_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"3 2\nthe 0.1 0.2\ncat 0.3 0.4\n")
    monkeypatch.setenv("CONVLAB_VECTORS", str(bad))
    at = open_app("home")
    reason = explained("broken.txt", bad.read_bytes(), "err.vec_truncated")
    assert main_warnings(at) == [en("vectors.config_failed", reason=reason, fallback="md300")]
    assert active(at) == "md300"
    at.run()
    assert not main_warnings(at)


# gensim-data through the app ----------------------------------------------------------------


def test_download_and_use_from_a_local_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words, vectors = table(rows=40, dim=5)
    raw = f"{len(words)} 5\n".encode() + text_rows(words, vectors)
    publish(
        tmp_path / "releases", monkeypatch, ONLINE, gzipped(tmp_path / "r.gz", raw).read_bytes()
    )
    with http_server(tmp_path / "releases") as server:
        isolate(monkeypatch, tmp_path / "cache", server.base_url)
        at = open_app("word_vectors")
        assert at.selectbox(key="vec_online").value == ONLINE
        at.number_input(key="vec_limit").set_value(25).run()
        at.button(key="vec_online_go").click().run()
        no_exception(at)
        assert server.requests == [f"/{ONLINE}/{ONLINE}.gz"]
    assert active(at) == f"{ONLINE}:25"
    assert metrics(at)[en("vectors.metric_words")] == "25"
    assert at.button(key="vec_online_go").label == en("vectors.use")  # now on disk


def test_offline_the_download_is_not_offered() -> None:
    at = open_app("word_vectors")
    no_exception(at)
    assert en("vectors.offline", host="127\\.0\\.0\\.1") in main_warnings(at)
    assert not [b for b in at.button if b.key == "vec_online_go"]


def test_the_memory_estimate_is_stated_before_loading() -> None:
    at = open_app("word_vectors")
    at.selectbox(key="vec_online").set_value("word2vec-google-news-300").run()
    at.number_input(key="vec_limit").set_value(3_000_000).run()
    no_exception(at)
    spec = gensim_data.SETS["word2vec-google-news-300"]
    need = estimate(3_000_000, 300)
    plan = en(
        "vectors.online_plan",
        name=spec.name,
        size=megabytes(spec.size),
        rows="3,000,000",
        words="3,000,000",
        memory=megabytes(need),
    )
    assert plan in [c.value for c in at.caption]
    assert need > MEMORY_BUDGET
    over = en(
        "err.vec_memory",
        rows="3,000,000",
        dim=300,
        need=ui.plain(megabytes(need)),
        budget=ui.plain(megabytes(MEMORY_BUDGET)),
        fit=f"{rows_that_fit(300):,}",
    )
    assert over in main_warnings(at)
    assert not [b for b in at.button if b.key == "vec_online_go"]


# Nearest words --------------------------------------------------------------------------------


def test_neighbours_in_the_pruned_set_show_ties_honestly() -> None:
    at = open_app("word_vectors")
    md300 = load_builtin("md300")
    near = neighbours(md300, "good", 10)
    table_shown = at.dataframe[-1].value
    assert table_shown["word"].tolist() == [w for w, _ in near.similar]
    assert table_shown["same_vector"].all() and (table_shown["cosine"] > 0.9999).all()
    ties = en(
        "vectors.ties",
        count=f"{len(near.twins):,}",
        word="good",
        examples=ui.plain(", ".join(f"'{twin}'" for twin in near.twins[:8])),
        shown=10,
    )
    assert ties in main_warnings(at)
    assert "bad" in near.twins


def test_neighbours_in_glove() -> None:
    at = open_app("word_vectors", vectors="glove50", word="king", topn="5")
    shown = at.dataframe[-1].value
    expected = load_builtin("glove50").kv.most_similar("king", topn=5)
    assert shown["word"].tolist() == [w for w, _ in expected]
    np.testing.assert_allclose(shown["cosine"].to_numpy(float), [c for _, c in expected], 1e-6)
    assert not shown["same_vector"].any()
    assert en("vectors.no_twins", word="king") in [c.value for c in at.caption]
    at.text_input(key="word").input("qwxzv").run()
    assert en("err.vec_word_missing", word="qwxzv", name="glove50") in [i.value for i in at.info]
