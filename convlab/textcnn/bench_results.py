"""What ``bench/train_mr.py`` measured, read back so the training page can justify its defaults.

The page must not type in "the default is the most accurate": it reads the
measured means and says where the default stands against the best setting,
whatever the last run found.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

from convlab.textcnn.hyperparameters import Hyperparameters

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "train_mr.json"
COLUMNS = {
    "setting": "train.column_setting",
    "MR test accuracy (%)": "train.column_accuracy",
    "training time (s)": "train.column_seconds",
    "time / control": "train.column_ratio",
    "epochs": "train.column_epochs",
}
"""The catalogue key of each column the bench writes: the table reads in the reader's language."""


@dataclass(frozen=True)
class Measured:
    """One setting's mean test accuracy (0-1) and training seconds over the bench's seeds."""

    vectors: str
    variant: str
    scale: str
    accuracy: float
    seconds: float

    @property
    def name(self) -> str:
        """e.g. "glove50 non-static rescaled"; a rand model only borrows the set's dimension."""
        return f"{self.vectors} {Hyperparameters(variant=self.variant, scale=self.scale).name}"


@dataclass(frozen=True)
class Standing:
    default: Measured
    best: Measured
    """The most accurate setting measured (the default itself if nothing beat it)."""

    @property
    def gap(self) -> float:
        """Accuracy points (0-100) the best setting has over the default."""
        return 100 * (self.best.accuracy - self.default.accuracy)

    @property
    def speedup(self) -> float:
        """How many times longer the best setting trains than the default."""
        return self.best.seconds / self.default.seconds

    @property
    def verdict(self) -> str:
        """The catalogue key that describes this standing honestly."""
        if self.best == self.default:
            return "train.default_best"
        return "train.default_faster" if self.speedup > 1 else "train.default_behind"


@dataclass(frozen=True)
class CrossValidation:
    """The default's mean test accuracy (0-1) on each of MR's ten folds; fold 0 is the fixed split.

    Shown because one split's 1,066 test rows move the score by points, more
    than most settings do: the page should not let a learner read one number
    as the model's accuracy.
    """

    folds: tuple[float, ...]

    @property
    def mean(self) -> float:
        return statistics.mean(self.folds)

    @property
    def sd(self) -> float:
        """Spread across folds, in accuracy points (0-100)."""
        return 100 * statistics.stdev(self.folds)

    @property
    def fixed(self) -> float:
        return self.folds[0]

    def shown(self) -> dict[str, str]:
        """The numbers as the page's sentence prints them."""
        return {
            "mean": f"{self.mean:.1%}",
            "sd": f"{self.sd:.1f}",
            "low": f"{min(self.folds):.1%}",
            "high": f"{max(self.folds):.1%}",
            "fixed": f"{self.fixed:.1%}",
        }


def load(path: Path = RESULTS) -> dict | None:
    """The bench's JSON, or None if it has not been run here."""
    return json.loads(path.read_text()) if path.is_file() else None


def standing(results: dict) -> Standing:
    """The default setting's numbers next to the most accurate setting's."""
    measured = [Measured(**row) for row in results["measured"]]
    key = results["default"]
    default = next(
        m
        for m in measured
        if (m.vectors, m.variant, m.scale) == (key["vectors"], key["variant"], key["scale"])
    )
    return Standing(default, max(measured, key=lambda m: m.accuracy))


def cross_validation(results: dict) -> CrossValidation:
    return CrossValidation(tuple(results["cross_validation"]["folds"]))
