"""`python -m convlab train` and `ngrams`: the JSON they print, progress, and bad input."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from convlab.cli import EXIT_BAD_INPUT, main
from tests.cli import run_cli
from tests.mr import MR

QUICK = ["--rows", "600", "--kernel-sizes", "3", "--filters", "4", "--epochs", "1"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A quick model trained by the command itself, and the JSON it printed."""
    path = tmp_path_factory.mktemp("cli") / "quick.keras"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["train", "--data", str(MR), *QUICK, "--save", str(path), "--json"])
    assert code == 0, err.getvalue()
    assert err.getvalue() == ""  # --json: no progress lines
    return path, json.loads(out.getvalue())


def test_train_prints_the_issue_keys(saved: tuple[Path, dict]) -> None:
    path, report = saved
    assert {
        "test_accuracy",
        "val_accuracy",
        "epochs",
        "train_seconds",
        "n_train",
        "n_val",
        "n_test",
        "vocab_coverage",
    } <= set(report)
    assert (report["n_train"], report["n_val"], report["n_test"]) == (486, 54, 60)
    assert report["epochs"] == 1 and 0 <= report["test_accuracy"] <= 1
    assert {"types", "tokens"} <= set(report["vocab_coverage"])
    assert report["saved"] == str(path) and path.stat().st_size > 0


def test_train_shows_progress_on_stderr_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "train", "--data", str(MR), *QUICK, "--epochs", "2")
    assert code == 0
    assert [line.split(":")[0] for line in err.splitlines() if line.startswith("epoch")] == [
        "epoch 1/2",
        "epoch 2/2",
    ]
    assert out.startswith("test accuracy ") and "486 rows" in out


def test_ngrams_lists_every_filter(
    saved: tuple[Path, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = saved
    code, out, err = run_cli(
        capsys, "ngrams", "--model", str(path), "--data", str(MR), "--top", "3", "--json"
    )
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["sentences"] == 10_662 and report["classes"] == ["neg", "pos"]
    assert len(report["filters"]) == 4
    for f in report["filters"]:
        assert set(f) == {"filter", "kernel_size", "class", "weight", "top"}
        assert f["kernel_size"] == 3 and f["class"] in ("neg", "pos")
        assert len(f["top"]) == 3
        activations = [hit["activation"] for hit in f["top"]]
        assert activations == sorted(activations, reverse=True)
        assert all(len(hit["ngram"].split()) == 3 for hit in f["top"])
    weights = [f["weight"] for f in report["filters"]]
    assert weights == sorted(weights, reverse=True)

    code, out, _ = run_cli(capsys, "ngrams", "--model", str(path), "--data", str(MR), "--top", "2")
    assert code == 0 and out.splitlines()[0].startswith("4 filters, most important first")


def one_class_csv(tmp_path: Path) -> Path:
    path = tmp_path / "one.csv"
    path.write_text("text,label\n" + "".join(f"sentence {i},pos\n" for i in range(30)))
    return path


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["train", "--data", "/nonexistent/data.csv"], "neither a CSV/TSV file nor a folder"),
        (["train", "--data", str(MR), "--kernel-sizes", "3,x"], "Kernel sizes must be"),
        (["train", "--data", str(MR), "--filters", "0"], "Filters per kernel size"),
        (["train", "--data", str(MR), "--variant", "multichannel"], "invalid choice"),
        (["train", "--data", "ONE_CLASS"], "at least two classes"),
        (["train", "--data", "ONE_CLASS", "--text-col", "review"], "no column named 'review'"),
        (["ngrams", "--model", "/nonexistent.keras", "--data", str(MR)], "No model file"),
        (["ngrams", "--model", "NOT_A_MODEL", "--data", str(MR)], "not a Keras model file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"just text")
    swap = {"ONE_CLASS": str(one_class_csv(tmp_path)), "NOT_A_MODEL": str(junk)}
    code, out, err = run_cli(capsys, *[swap.get(arg, arg) for arg in args])
    assert code == EXIT_BAD_INPUT
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and says in err, err


def test_ngrams_top_must_be_positive(
    saved: tuple[Path, dict], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = saved
    code, _, err = run_cli(capsys, "ngrams", "--model", str(path), "--data", str(MR), "--top", "0")
    assert code == EXIT_BAD_INPUT and "at least 1" in err
