"""Kim's CNN on MR: test accuracy and training time of every variant on both built-in sets.

For each setting and seed the fit is the one the page and `python -m convlab train`
make (fixed split: 10% test, 10% of the rest for validation; Adam 1e-3, batch 50,
up to 10 epochs, early stopping on validation accuracy). The default setting is also
cross-validated: the fixed split is fold 0 of ten, and folds 1-9 test on the other
tenths, so every sentence is a test row once. Before every fit a control
is timed: one epoch of a fixed small model (2,000 MR rows, 16 filters of size 3,
GloVe-50 static), so each training time is also given as a ratio against the
machine's speed at that moment. Then the default model's filters are mined over all
of MR, and the peak memory (RSS) of a whole training process is measured for the
default setting and for the heaviest one.

    .venv/bin/python bench/train_mr.py [--seeds 3] [--data ../shared/data/mr]

Prints a Markdown table and writes bench/train_mr.json, which the training page shows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from convlab.textcnn import corpus, kim, mining  # noqa: E402
from convlab.textcnn.hyperparameters import Hyperparameters  # noqa: E402
from convlab.vectors.sets import load_builtin  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "mr"
OUT = REPO / "bench" / "train_mr.json"
SETS = {"glove50": "GloVe-50", "md300": "md300 (pruned)"}
SETTINGS = (
    ("rand", "raw"),
    ("static", "raw"),
    ("static", "rescaled"),
    ("non-static", "raw"),
    ("non-static", "rescaled"),
)
DEFAULT = ("glove50", Hyperparameters())
CONTROL = Hyperparameters(variant="static", kernel_sizes=(3,), filters=16, epochs=1)
CONTROL_ROWS = 2000

_RSS_PROBE = """
import sys
sys.path.insert(0, {repo!r})
from convlab.textcnn import corpus, kim
from convlab.textcnn.hyperparameters import Hyperparameters
from convlab.vectors.sets import load_builtin
data = corpus.load_mr({data!r})
hp = Hyperparameters(variant={variant!r}, scale={scale!r})
fit = kim.train(data.sample({rows}) if {rows} else data, hp, load_builtin({vectors!r}))
print(next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
      // 1024)
"""
# VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the forking (large)
# process across exec.


def control(data: corpus.Corpus, vs) -> float:
    """Seconds for one epoch of the fixed small model: the machine's speed right now."""
    return kim.train(data, CONTROL, vs).train_seconds


def mean_sd(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values) * scale:.{digits}f} ± {sd * scale:.{digits}f}"


def peak_rss(data: Path, rows: int, vectors: str, variant: str, scale: str) -> int:
    """Peak RSS in MB of a fresh process that imports TensorFlow and trains one model."""
    probe = _RSS_PROBE.format(
        repo=str(REPO), data=str(data), rows=rows, vectors=vectors, variant=variant, scale=scale
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3, help="seeds per setting (default 3)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the MR folder")
    parser.add_argument("--rows", type=int, default=0, help="a sample, to try the script quickly")
    parser.add_argument("--out", type=Path, default=OUT, help=f"results (default {OUT.name})")
    args = parser.parse_args()

    data = corpus.load_mr(args.data)
    if args.rows:
        data = data.sample(args.rows)
    small = data.sample(CONTROL_ROWS)
    sets = {name: load_builtin(name) for name in SETS}
    control(small, sets["glove50"])  # warm-up: TensorFlow's first graphs
    rows, measured, default_fit, default_accuracies = [], [], None, []
    for name, vs in sets.items():
        for variant, scale in SETTINGS:
            accuracies, seconds, ratios, epochs = [], [], [], []
            is_default = (name, Hyperparameters(variant=variant, scale=scale)) == DEFAULT
            for seed in range(args.seeds):
                reference = control(small, sets["glove50"])
                hp = Hyperparameters(variant=variant, scale=scale, seed=seed)
                fit = kim.train(data, hp, vs)
                accuracies.append(fit.test_accuracy)
                seconds.append(fit.train_seconds)
                ratios.append(fit.train_seconds / reference)
                epochs.append(len(fit.history))
                if is_default and seed == 0:
                    default_fit = fit
                print(
                    f"  {SETS[name]} {hp.name} seed {seed}: test {fit.test_accuracy:.4f}, "
                    f"{fit.train_seconds:.1f} s ({len(fit.history)} epochs), control "
                    f"{reference:.2f} s",
                    flush=True,
                )
            if is_default:
                default_accuracies = accuracies
            rows.append(
                {
                    "setting": f"rand, {vs.dim}-d"
                    if variant == "rand"
                    else f"{SETS[name]} {hp.name}",
                    "MR test accuracy (%)": mean_sd(accuracies, 100),
                    "training time (s)": mean_sd(seconds),
                    "time / control": mean_sd(ratios),
                    "epochs": mean_sd(epochs, digits=1),
                }
            )
            measured.append(
                {
                    "vectors": name,
                    "variant": variant,
                    "scale": scale,
                    "accuracy": statistics.mean(accuracies),
                    "seconds": statistics.mean(seconds),
                }
            )

    folds = [default_accuracies]
    for fold in range(1, corpus.FOLDS):
        folds.append(
            [
                kim.train(
                    data, Hyperparameters(seed=seed), sets[DEFAULT[0]], fold=fold
                ).test_accuracy
                for seed in range(args.seeds)
            ]
        )
        print(f"  default on fold {fold}: {folds[-1]}", flush=True)
    fold_means = [statistics.mean(accuracies) for accuracies in folds]
    cross_validation = {"folds": [round(mean, 4) for mean in fold_means]}

    assert default_fit is not None
    started = time.perf_counter()
    tokens = kim.tokens_of(data.texts)
    ids = default_fit.cnn.encode(tokens)
    tokenized = time.perf_counter() - started
    reference = control(small, sets["glove50"])
    started = time.perf_counter()
    mined = mining.mine(default_fit.cnn.weights, tokens, ids, data.labels, data.classes, 3)
    report = mined.report(10)
    mine_seconds = time.perf_counter() - started
    rss = {
        f"{SETS[vectors]} {Hyperparameters(variant=variant, scale=scale).name}": peak_rss(
            args.data, args.rows, vectors, variant, scale
        )
        for vectors, variant, scale in (
            ("glove50", "non-static", "rescaled"),
            ("md300", "non-static", "rescaled"),
        )
    }

    results = {
        "seeds": args.seeds,
        "machine": f"{os.cpu_count()} cores ({platform.machine()})",
        "rows": rows,
        "measured": measured,
        "default": {
            "vectors": DEFAULT[0],
            "variant": DEFAULT[1].variant,
            "scale": DEFAULT[1].scale,
        },
        "cross_validation": cross_validation,
        "mining": {
            "sentences": len(data),
            "filters": default_fit.cnn.weights.filters,
            "seconds": round(mine_seconds, 2),
            "control_seconds": round(reference, 2),
            "ratio": round(mine_seconds / reference, 2),
            "tokenize_seconds": round(tokenized, 2),
            "top_filter": report[0],
        },
        "peak_rss_mb": rss,
    }
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")

    columns = list(rows[0])
    print(f"\nMR, mean ± sd over {args.seeds} seeds, {results['machine']}:\n")
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    print(
        f"\nThe default setting ({SETS[DEFAULT[0]]} {DEFAULT[1].name}), 10-fold cross-validation: "
        f"{mean_sd(fold_means, 100)} (folds {min(fold_means):.1%} to {max(fold_means):.1%})"
    )
    print(
        f"\nMining all {len(data):,} sentences × {results['mining']['filters']} filters "
        f"(words seen ≥ 3 times, top 10 each): {mine_seconds:.2f} s; control "
        f"{reference:.2f} s; ratio {mine_seconds / reference:.2f}. Tokenizing: {tokenized:.2f} s."
    )
    print(
        "Peak RSS of a training process (TensorFlow included): "
        + ", ".join(f"{k} {v} MB" for k, v in rss.items())
    )
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()
