"""The training page's "why these defaults" follows whatever the bench measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from convlab.textcnn import bench_results


def results(*rows: tuple[str, str, str, float, float]) -> dict:
    keys = ("vectors", "variant", "scale", "accuracy", "seconds")
    return {
        "measured": [dict(zip(keys, row, strict=True)) for row in rows],
        "default": {"vectors": "glove50", "variant": "non-static", "scale": "rescaled"},
    }


DEFAULT = ("glove50", "non-static", "rescaled", 0.758, 25.0)


@pytest.mark.parametrize(
    ("other", "verdict", "gap", "speedup"),
    [
        (("md300", "rand", "raw", 0.750, 90.0), "train.default_best", 0.0, 1.0),
        (("md300", "non-static", "raw", 0.768, 100.0), "train.default_faster", 1.0, 4.0),
        (("glove50", "rand", "raw", 0.763, 20.0), "train.default_behind", 0.5, 0.8),
    ],
)
def test_the_default_against_the_best(
    other: tuple, verdict: str, gap: float, speedup: float
) -> None:
    where = bench_results.standing(results(other, DEFAULT))
    assert where.default.name == "glove50 non-static rescaled"
    assert where.verdict == verdict
    assert where.gap == pytest.approx(gap)
    assert where.speedup == pytest.approx(speedup)


def test_a_rand_model_is_named_without_a_scale() -> None:
    assert bench_results.Measured("md300", "rand", "raw", 0.75, 90).name == "md300 rand"


def test_no_bench_run_means_no_table(tmp_path: Path) -> None:
    assert bench_results.load(tmp_path / "missing.json") is None


def test_the_committed_results_name_the_default_and_every_setting() -> None:
    measured = bench_results.load()
    assert measured is not None, "run bench/train_mr.py and commit bench/train_mr.json"
    assert len(measured["measured"]) == len(measured["rows"]) == 10  # 5 settings x 2 sets
    where = bench_results.standing(measured)
    assert where.default.name == "glove50 non-static rescaled"
    assert 0.7 < where.default.accuracy <= where.best.accuracy < 0.9  # MR, 2 classes


def test_cross_validation_summarises_the_folds() -> None:
    cv = bench_results.cross_validation({"cross_validation": {"folds": [0.75, 0.77, 0.79]}})
    assert cv.fixed == 0.75
    assert cv.mean == pytest.approx(0.77)
    assert cv.sd == pytest.approx(2.0)
    assert cv.shown() == {
        "mean": "77.0%",
        "sd": "2.0",
        "low": "75.0%",
        "high": "79.0%",
        "fixed": "75.0%",
    }
