"""`python -m convlab equivalence`: the lesson's numbers as JSON, and bad input as one line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from convlab.cli import main
from tests.cli import run_cli

REPO = Path(__file__).resolve().parents[1]
SENTENCE = "It's not a bad movie at all."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, "equivalence", *args)


def test_json_report_for_the_default_lesson(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--sentence", SENTENCE, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["tokens"] == ["it", "'s", "not", "a", "bad", "movie", "at", "all", "."]
    assert report["oov"] == []
    assert report["embedding_shape"] == [9, 300]
    assert report["conv1d_kernel_shape"] == [3, 300, 4]
    assert report["conv2d_kernel_shape"] == [3, 300, 1, 4]
    assert report["conv1d_output_shape"] == [1, 7, 4]
    assert report["conv2d_output_shape"] == [1, 7, 1, 4]
    assert report["params"] == 3 * 300 * 4 + 4
    assert report["formula"].endswith("= 7")
    assert report["max_abs_diff"] <= 1e-5
    assert report["max_abs_diff_numpy"] <= 1e-5
    assert report["dtype"] == "float32"


@pytest.mark.parametrize(
    ("args", "conv1d_shape", "conv2d_shape"),
    [
        (["--padding", "same", "--n", "4"], [1, 9, 4], [1, 9, 1, 4]),
        (["--padding", "causal", "--strides", "2", "--filters", "3"], [1, 5, 3], [1, 5, 1, 3]),
        (["--dilation", "2", "--activation", "relu"], [1, 5, 4], [1, 5, 1, 4]),
        (["--init", "ones", "--n", "1"], [1, 9, 4], [1, 9, 1, 4]),
    ],
)
def test_shapes_follow_padding_strides_and_dilation(
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    conv1d_shape: list[int],
    conv2d_shape: list[int],
) -> None:
    code, out, _ = run(capsys, "--sentence", SENTENCE, *args, "--json")
    report = json.loads(out)
    assert code == 0
    assert (report["conv1d_output_shape"], report["conv2d_output_shape"]) == (
        conv1d_shape,
        conv2d_shape,
    )
    assert report["max_abs_diff"] <= 1e-5


def test_float64_agrees_to_1e_10(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys, "--sentence", SENTENCE, "--padding", "causal", "--dtype", "float64", "--json"
    )
    report = json.loads(out)
    assert report["dtype"] == "float64"
    assert report["max_abs_diff"] <= 1e-10
    assert report["max_abs_diff_numpy"] <= 1e-10


def test_oov_policies_change_the_matrix(capsys: pytest.CaptureFixture[str]) -> None:
    _, zero, _ = run(capsys, "--sentence", "the qwxzv film", "--json")
    _, skip, _ = run(capsys, "--sentence", "the qwxzv film", "--oov", "skip", "--n", "2", "--json")
    assert json.loads(zero)["oov"] == ["qwxzv"]
    assert json.loads(zero)["embedding_shape"] == [3, 300]
    assert json.loads(skip)["embedding_shape"] == [2, 300]


def test_readable_summary_without_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--sentence", SENTENCE)
    assert code == 0
    assert "embedding (9, 300)" in out
    assert "Conv1D kernel (3, 300, 4) -> output (1, 7, 4), 3,604 parameters" in out
    assert "Conv2D kernel (3, 300, 1, 4) -> output (1, 7, 1, 4)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sentence", "   "], "The sentence has no words"),
        (["--sentence", "😀 日本語", "--oov", "skip"], "'skip the word' drops them all"),
        (["--sentence", "good film", "--n", "5"], "needs at least 5 words; the sentence has 2"),
        (["--sentence", SENTENCE, "--n", "0"], "kernel_size n must be at least 1"),
        (
            ["--sentence", SENTENCE, "--strides", "2", "--dilation", "2"],
            "cannot combine strides > 1",
        ),
        (["--sentence", SENTENCE, "--filters", "65"], "filters must be between 1 and 64"),
        (["--sentence", SENTENCE, "--n", "abc"], "invalid int value: 'abc'"),
        (["--sentence", SENTENCE, "--padding", "full"], "invalid choice: 'full'"),
        ([], "the following arguments are required: --sentence"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        code = main(["equivalence", *args])
    except SystemExit as exit_:  # argparse's own errors leave through SystemExit
        code = exit_.code
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_module_entry_point_runs_in_a_fresh_process() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "convlab", "equivalence", "--sentence", SENTENCE, "--json"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["conv2d_output_shape"] == [1, 7, 1, 4]
    bad = subprocess.run(
        [sys.executable, "-m", "convlab", "equivalence", "--sentence", ""],
        cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: The sentence has no words. Type a sentence to begin."


def test_vectors_option_switches_the_set(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "--sentence", "king and queen", "--n", "2", "--vectors", "glove50", "--json"
    )
    report = json.loads(out)
    assert code == 0
    assert report["embedding_shape"] == [3, 50]
    assert report["conv1d_kernel_shape"] == [2, 50, 4]


def test_equivalence_takes_its_defaults_from_the_app_settings() -> None:
    """One declaration (convlab.lesson.settings): the CLI's run is the app's default view."""
    from convlab.cli import parser
    from convlab.lesson.settings import SETTINGS

    args = parser().parse_args(["equivalence", "--sentence", "a b c"])
    for key in ("n", "filters", "seed", "padding", "strides", "dilation", "activation", "init"):
        assert getattr(args, key) == SETTINGS[key].default, key
    assert args.seed == 42 and args.tokenizer == "words"
    assert args.oov is None  # it follows the sentence, as on the pages


SENTENCE_ZH = "这部电影很好看，但是太长了。"


@pytest.mark.parametrize(
    ("args", "tokens", "oov"),
    [
        ([], ["这部", "电影", "很", "好看", "，", "但是", "太长", "了", "。"], "random"),
        (["--tokenizer", "chars"], [*"这部电影很好看，但是太长了。"], "random"),
        (
            ["--oov", "zero"],
            ["这部", "电影", "很", "好看", "，", "但是", "太长", "了", "。"],
            "zero",
        ),
    ],
)
def test_chinese_sentences_are_segmented(
    capsys: pytest.CaptureFixture[str], args: list[str], tokens: list[str], oov: str
) -> None:
    code, out, err = run(capsys, "--sentence", SENTENCE_ZH, *args, "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["tokens"], report["oov_policy"], report["tokenizer"]) == (
        tokens,
        oov,
        args[1] if args[:1] == ["--tokenizer"] else "words",
    )
    assert report["embedding_shape"] == [len(tokens), 300]
    assert report["oov"] == tokens  # md300 is English: not even "，" has a vector


@pytest.mark.parametrize("sentence", ["\u200b\u200b", "\u202e\ufeff\u2060", "\x00"])
def test_invisible_sentences_have_no_words(capsys: pytest.CaptureFixture[str], sentence) -> None:
    code, out, err = run(capsys, "--sentence", sentence)
    assert (code, out) == (2, "")
    assert err.strip() == "error: The sentence has no words. Type a sentence to begin."


def test_json_forms_are_the_six_roads(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--sentence", SENTENCE, "--json", "--padding", "same", "--n", "4")
    assert (code, err) == (0, "")
    forms = {form["name"]: form for form in json.loads(out)["forms"]}
    assert list(forms) == ["conv1d", "conv2d", "conv2d_channels", "kim", "jacovi", "im2col"]
    shapes = {
        name: (f["input_shape"], f["kernel_shape"], f["output_shape"]) for name, f in forms.items()
    }
    assert shapes == {
        "conv1d": ([1, 9, 300], [4, 300, 4], [1, 9, 4]),
        "conv2d": ([1, 9, 300, 1], [4, 300, 1, 4], [1, 9, 1, 4]),
        "conv2d_channels": ([1, 1, 9, 300], [1, 4, 300, 4], [1, 1, 9, 4]),
        "kim": ([1, 1, 9, 300], [4, 300, 1, 4], [1, 4, 9, 1]),
        "jacovi": ([1, 2700, 1], [1200, 1, 4], [1, 9, 4]),
        "im2col": ([9, 1200], [1200, 4], [9, 4]),
    }
    assert forms["conv1d"]["max_abs_diff"] == 0.0
    for form in forms.values():
        assert form["reason"] is None
        assert 0.0 <= form["max_abs_diff"] <= 1e-5, form


def test_json_marks_a_form_that_cannot_express_dilation(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--sentence", SENTENCE, "--json", "--dilation", "2")
    assert (code, err) == (0, "")
    forms = {form["name"]: form for form in json.loads(out)["forms"]}
    jacovi = forms.pop("jacovi")
    assert jacovi["output_shape"] is None and jacovi["max_abs_diff"] is None
    assert "dilation_rate=2" in jacovi["reason"]
    assert all(f["reason"] is None and 4 in f["output_shape"] for f in forms.values())
    assert forms["kim"]["output_shape"] == [1, 4, 5, 1]
