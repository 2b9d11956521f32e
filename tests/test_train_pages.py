"""The training and filters pages driven with AppTest: a real fit through the page, and bad input.

The fits the pages show are compared with fits made here by the library on the
same rows and settings: training is deterministic, so they must be equal.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import keras
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from convlab import ui
from convlab.paths import ENV as CACHE_ENV
from convlab.textcnn import bench_results, corpus, kim, mining
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.ui import plain
from tests.apptest import PAGES, autolinks, en, everything_shown, metrics, no_exception, open_app
from tests.apptest import chart_data as chart_frame
from tests.apptest import chart_specs as specs
from tests.apptest import main_infos as infos
from tests.apptest import main_warnings as warnings
from tests.mr import glove, mr, mr_archive

FILTERS = PAGES["filters"]
# A fit that takes a few seconds: 600 MR rows, 4 filters of size 3, one epoch.
QUICK = {"cnn_rows": "600", "cnn_kernel_sizes": "3", "cnn_filters": "4", "cnn_epochs": "1"}
QUICK_CFG = Hyperparameters(kernel_sizes=(3,), filters=4, epochs=1)


@pytest.fixture(autouse=True)
def no_fits() -> None:
    """Every test starts with an empty server-wide store of fits."""
    ui.textcnn.shared_fits.clear()


@pytest.fixture(scope="module")
def quick_fit() -> kim.Fit:
    """The quick fit, made by the library directly."""
    return kim.train(mr().sample(600), QUICK_CFG, glove())


# The training page -------------------------------------------------------------------------------


def test_train_page_shows_the_data_and_does_not_train_by_itself() -> None:
    at = open_app("train")
    no_exception(at)
    assert at.title[0].value == en("train.title")
    shown = metrics(at)
    assert (shown[en("train.n_train")], shown[en("train.n_val")], shown[en("train.n_test")]) == (
        "8,637",
        "959",
        "1,066",
    )
    classes = at.dataframe[0].value
    assert classes["label"].tolist() == ["neg", "pos"] and classes["rows"].tolist() == [5331, 5331]
    assert en("train.not_trained") in infos(at)
    assert at.button(key="cnn_train")
    assert en("train.test_accuracy") not in shown
    assert at.radio(key="cnn_variant").value == "non-static"
    assert at.selectbox(key="cnn_vectors").value == "glove50"
    assert at.text_input(key="cnn_kernel_sizes").value == "3,4,5"
    assert dict(at.query_params) == {}


def test_the_defaults_are_explained_from_the_measured_table() -> None:
    at = open_app("train")
    where = bench_results.standing(bench_results.load())
    assert where.verdict == "train.default_best"  # as measured: see README
    shown = [md.value for md in at.markdown]
    expected = en(
        "train.default_best",
        default=where.default.name,
        accuracy=f"{where.default.accuracy:.1%}",
        seconds=f"{where.default.seconds:.0f}",
    )
    assert expected in shown
    table = at.dataframe[-1].value
    assert len(table) == 10 and "glove50 non-static rescaled" in expected
    cv = bench_results.cross_validation(bench_results.load())
    assert len(cv.folds) == 10 and cv.fixed == pytest.approx(where.default.accuracy, abs=1e-4)
    caption = en("train.cross_validation", **cv.shown())
    assert caption in [c.value for c in at.caption]


def test_the_measured_table_reads_in_chinese() -> None:
    at = open_app("train", lang="zh")
    table = at.dataframe[-1].value
    assert list(table.columns) == [
        "设置",
        "MR 测试集准确率 (%)",
        "训练时间 (秒)",
        "时间 / 对照",
        "轮数",
    ]
    assert table.iloc[4].tolist()[:2] == ["GloVe-50 non-static rescaled", "75.8 ± 0.3"]


def test_train_through_the_page_then_reruns_never_retrain(quick_fit: kim.Fit) -> None:
    at = open_app("train", **QUICK)
    at.button(key="cnn_train").click().run()
    no_exception(at)
    shown = metrics(at)
    assert shown[en("train.test_accuracy")] == f"{quick_fit.test_accuracy:.1%}"
    assert shown[en("train.val_accuracy")] == f"{quick_fit.val_accuracy:.1%}"
    assert shown[en("train.params")] == f"{quick_fit.cnn.model.count_params():,}"
    data = mr().sample(600)
    (fit,) = ui.fits()._fits.values()
    assert ui.fits().get(ui.fit_key(data, QUICK_CFG, glove())) is fit
    for mine, theirs in zip(
        fit.cnn.model.get_weights(), quick_fit.cnn.model.get_weights(), strict=True
    ):
        np.testing.assert_array_equal(mine, theirs)
    accuracy, loss = chart_frame(at, 0), chart_frame(at, 1)  # learning curves, then confusion
    epoch = quick_fit.history[0]
    assert sorted(accuracy["value"]) == sorted([epoch["accuracy"], epoch["val_accuracy"]])
    assert sorted(loss["value"]) == sorted([epoch["loss"], epoch["val_loss"]])
    confusion = chart_frame(at, 2)
    assert confusion["rows"].tolist() == quick_fit.confusion.ravel().tolist()
    assert "cnn_train" not in [b.key for b in at.button]  # redrawn from the stored fit
    assert en("train.not_trained") not in infos(at)

    at.run()  # a rerun shows the same fit
    assert ui.fits()._fits[next(iter(ui.fits()._fits))] is fit
    at.slider(key="cnn_epochs").set_value(2).run()  # a setting without a fit: no training
    no_exception(at)
    assert en("train.not_trained") in infos(at)
    assert en("train.test_accuracy") not in metrics(at)
    assert len(ui.fits()._fits) == 1
    at.slider(key="cnn_epochs").set_value(1).run()  # back: the kept fit, at once
    assert metrics(at)[en("train.test_accuracy")] == f"{quick_fit.test_accuracy:.1%}"

    other = open_app("train", **QUICK)  # another visitor with the same link
    assert metrics(other)[en("train.test_accuracy")] == f"{quick_fit.test_accuracy:.1%}"
    assert len(ui.fits()._fits) == 1


def test_filters_page_explains_the_fit_of_the_current_settings(quick_fit: kim.Fit) -> None:
    at = open_app("filters", **QUICK)
    no_exception(at)
    assert infos(at) == [en("filters.no_fit")]
    (link,) = at.main.get("page_link")
    assert link.proto.label == en("filters.to_train")
    assert not at.dataframe and not at.get("vega_lite_chart")

    ui.fits().put(ui.fit_key(mr().sample(600), QUICK_CFG, glove()), quick_fit)
    sentence = "<b>Not</b> a waste of time at all"
    at = open_app("filters", **QUICK, cnn_sentence=sentence, cnn_min_count="1", cnn_top="3")
    no_exception(at)
    overview = at.dataframe[0].value
    cnn = quick_fit.cnn
    w = cnn.weights
    assert len(overview) == 4
    assert overview["weight"].tolist() == sorted(w.weight.tolist(), reverse=True)
    tokens = kim.tokens_of(mr().sample(600).texts)
    found = mining.mine(w, tokens, cnn.encode(tokens), mr().sample(600).labels, cnn.classes, 1)
    assert overview["top"].tolist()[0] == " | ".join(
        h.ngram for h in found.top(found.order()[0], 3)
    )

    hits = at.dataframe[1].value
    best = int(found.order()[0])
    assert hits["ngram"].tolist() == [h.ngram for h in found.top(best, 3)]
    np.testing.assert_allclose(
        hits["activation"].to_numpy(float), [h.activation for h in found.top(best, 3)], atol=1e-6
    )

    typed = kim.tokens_of([sentence])[0]
    probs = cnn.predict([typed])[0]
    shown = metrics(at)
    assert shown[en("filters.prediction")] == cnn.classes[int(probs.argmax())]
    assert shown[en("filters.probability")] == f"{probs.max():.1%}"
    for md in at.markdown:
        assert not md.allow_html or "<b>" not in md.value
    marked = [md.value for md in at.markdown if "-background[" in md.value]
    assert marked and all("\\<b\\>" in text or "<b>" not in text for text in marked)
    bars = specs(at)[-1]
    assert bars["mark"]["type"] == "bar"


def test_url_garbage_for_the_cnn_settings_is_ignored() -> None:
    at = open_app("train", cnn_kernel_sizes="3,x", cnn_variant="bogus", cnn_filters="0")
    no_exception(at)
    (warning,) = warnings(at)
    assert "cnn\\_kernel\\_sizes=3,x" in warning and "cnn\\_variant=bogus" in warning
    assert at.text_input(key="cnn_kernel_sizes").value == "3,4,5"


def test_bad_kernel_sizes_typed_in_say_so() -> None:
    at = open_app("train")
    at.text_input(key="cnn_kernel_sizes").input("3,,x").run()
    no_exception(at)
    assert warnings(at) == [en("err.kernel_sizes", text="3,,x", most=10)]


# Uploaded tables: every bad input of the issue ---------------------------------------------------


def upload_table(raw: bytes, name: str = "data.csv", **query: str) -> AppTest:
    at = open_app("train", cnn_data="upload", **query)
    assert infos(at) == [en("train.upload_prompt")]
    at.file_uploader(key="cnn_table_file").upload(name, raw, "text/csv").run()
    no_exception(at)
    return at


def csv(rows: list[tuple[str, str]], header: str = "text,label") -> bytes:
    return ("\n".join([header] + [f"{a},{b}" for a, b in rows]) + "\n").encode()


REVIEWS = [
    (f"review number {i} was {'great' if i % 2 else 'dull'}", "good" if i % 2 else "bad")
    for i in range(40)
]


def test_string_labels_are_mapped_and_shown() -> None:
    at = upload_table(csv(REVIEWS))
    classes = at.dataframe[0].value
    assert classes["label"].tolist() == ["bad", "good"] and classes["rows"].tolist() == [20, 20]
    assert classes.index.tolist() == [0, 1]
    assert en("train.not_trained") in infos(at)
    assert at.selectbox(key="cnn_text_col").value == "text"
    assert at.selectbox(key="cnn_label_col").value == "label"


@pytest.mark.parametrize(
    ("raw", "key", "params"),
    [
        (csv([(t, "pos") for t, _ in REVIEWS]), "err.corpus_one_class", {"label": "pos"}),
        (
            b"text\n" + b"one column only\n" * 30,
            "err.corpus_columns",
            {"name": "data.csv", "found": "text"},
        ),
        (csv(REVIEWS[:12]), "err.corpus_few_rows", {"rows": 12, "least": 20}),
        (
            csv([(str(i), "a" if i % 2 else "b") for i in range(30)]),
            "err.corpus_numeric_text",
            {"column": "text"},
        ),
        (bytes(range(256)) * 4, "err.corpus_binary", {}),
        (b"", "err.corpus_empty", {}),
    ],
)
def test_bad_tables_are_explained_and_the_page_keeps_working(
    raw: bytes, key: str, params: dict
) -> None:
    at = upload_table(raw)
    escaped = {k: plain(v) if isinstance(v, str) else v for k, v in params.items()}
    assert warnings(at) == [en(key, **escaped)]
    assert at.radio(key="cnn_data").value == "upload"  # nothing the user set is lost
    assert "cnn_train" not in [b.key for b in at.button]


def test_same_column_twice_is_explained() -> None:
    at = upload_table(csv(REVIEWS))
    at.selectbox(key="cnn_label_col").set_value("text").run()
    no_exception(at)
    assert warnings(at) == [en("err.corpus_same_column", column="text")]
    at.selectbox(key="cnn_label_col").set_value("label").run()
    assert not warnings(at)


def test_misnamed_columns_are_guessed_by_content_and_can_be_picked() -> None:
    rows = [(label, f"{text}, truly") for text, label in REVIEWS]
    at = upload_table(csv([(f'"{a}"', f'"{b}"') for a, b in rows], header="Verdict,Notes"))
    assert at.selectbox(key="cnn_text_col").value == "Notes"  # the longest values
    assert at.selectbox(key="cnn_label_col").value == "Verdict"  # the fewest distinct values
    assert at.dataframe[0].value["label"].tolist() == ["bad", "good"]
    at.selectbox(key="cnn_label_col").set_value("Notes").run()
    no_exception(at)
    assert warnings(at) == [en("err.corpus_same_column", column="Notes")]
    at.selectbox(key="cnn_text_col").set_value("Verdict").run()
    assert warnings(at) == [en("err.corpus_many_classes", column="Notes", classes=40, most=20)]


def test_empty_rows_latin1_and_row_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [*[(t.replace("review", "critique très"), lab) for t, lab in REVIEWS], ("", "good")]
    raw = csv(rows).decode().encode("latin-1")
    monkeypatch.setattr(corpus, "MAX_ROWS", 35)
    at = upload_table(raw)
    assert en("train.latin1") in infos(at)
    assert en("train.truncated", most="35", rows="6") in warnings(at)
    classes = at.dataframe[0].value
    assert sum(classes["rows"]) == 35

    monkeypatch.setattr(corpus, "MAX_ROWS", 20_000)
    at = upload_table(csv([*REVIEWS, ("", "good"), ("no label", "")]), name="gaps.csv")
    assert en("train.dropped", rows=2) in infos(at)


def test_class_names_from_a_table_are_never_links() -> None:
    """Labels reach st.metric on the filters page, whose values are markdown too."""
    labels = {"good": "https://evil.example/login", "bad": "www.evil.example"}
    quick = {key: raw for key, raw in QUICK.items() if key != "cnn_rows"}
    at = upload_table(csv([(text, labels[label]) for text, label in REVIEWS]), **quick)
    at.button(key="cnn_train").click().run()
    no_exception(at)
    at.switch_page(FILTERS).run()
    no_exception(at)
    shown = metrics(at)
    assert {shown[en("filters.col_class")], shown[en("filters.prediction")]} <= {
        plain(v) for v in labels.values()
    }
    assert [text for text in everything_shown(at) if autolinks(text)] == []


# Saved models ------------------------------------------------------------------------------------


def test_upload_a_saved_model_and_explain_it(quick_fit: kim.Fit) -> None:
    raw = kim.save(quick_fit.cnn)
    at = open_app("train")
    at.file_uploader(key="cnn_model_file").upload("class.keras", raw).run()
    no_exception(at)
    (success,) = [s.value for s in at.main.success]
    assert success.startswith("Loaded class\\.keras: classes neg, pos")
    assert at.session_state[ui.UPLOADED_MODEL][0] == hashlib.sha256(raw).hexdigest()
    assert at.session_state["cnn_model"] == "upload"

    at.switch_page(FILTERS).run()
    no_exception(at)
    assert at.radio(key="cnn_model").value == "upload"
    assert len(at.dataframe[0].value) == 4
    assert at.query_params["cnn_model"] == "upload"


def lambda_model(tmp_path: Path) -> bytes:
    ids = keras.Input((None,), dtype="int32")
    x = keras.layers.Lambda(lambda t: t * 2, name="doubled")(keras.layers.Embedding(10, 4)(ids))
    model = keras.Model(ids, keras.layers.GlobalMaxPooling1D()(keras.layers.Conv1D(2, 2)(x)))
    model.save(tmp_path / "lambda.keras")
    return (tmp_path / "lambda.keras").read_bytes()


def test_unsafe_or_broken_model_files_are_refused(tmp_path: Path) -> None:
    for raw, key, params in (
        (b"not a model", "err.model_not_keras", {}),
        (lambda_model(tmp_path), "err.model_lambda", {"layer": "doubled"}),
    ):
        at = open_app("train")
        at.file_uploader(key="cnn_model_file").upload("x.keras", raw).run()
        no_exception(at)
        assert warnings(at) == [en(key, **params)]
        assert ui.UPLOADED_MODEL not in at.session_state


def test_filters_page_without_an_uploaded_model_points_back() -> None:
    at = open_app("filters", cnn_model="upload")
    no_exception(at)
    assert infos(at) == [en("filters.no_upload")]


# MR on demand ------------------------------------------------------------------------------------


@pytest.fixture
def no_local_mr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(corpus.MR_DIR_ENV, "")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "mr"


def test_offline_download_says_so(no_local_mr: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, "http://127.0.0.1:9/")
    at = open_app("train")
    no_exception(at)
    assert infos(at) == [en("train.mr_missing")]
    at.button(key="cnn_download").click().run()
    no_exception(at)
    (warning,) = warnings(at)
    assert warning.startswith("Could not download MR from " + plain("http://127.0.0.1:9/"))
    assert not no_local_mr.exists()


def test_download_then_train_on_it(
    no_local_mr: Path, serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(corpus.MR_URL_ENV, serve(mr_archive()))
    at = open_app("train")
    at.button(key="cnn_download").click().run()
    no_exception(at)
    assert corpus.cached_mr(no_local_mr) == no_local_mr
    assert at.dataframe[0].value["rows"].tolist() == [5331, 5331]
    assert en("train.not_trained") in infos(at)
    assert en("train.mr_folder", folder=plain(str(no_local_mr))) in [c.value for c in at.caption]
