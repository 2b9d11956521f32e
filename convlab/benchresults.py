"""What ``bench/train_mr.py`` measured, read back so the training page can justify its defaults.

The page must not type in "the default is the most accurate": it reads the
measured means and says where the default stands against the best setting,
whatever the last run found.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from convlab.kimconfig import KimConfig

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "train_mr.json"


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
        return f"{self.vectors} {KimConfig(variant=self.variant, scale=self.scale).name}"


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
