"""What the Shape lab's Keras check costs per layer, against the pure-Python formulas.

For every layer of the five presets (and the page's default), time building
``keras.Input`` → the layer → ``keras.Model`` (what the page does on a cache
miss) and, as the control, the formulas the page shows at once (check,
output shape, kernel shape, parameters, per-axis formulas). Both in this
process, alternating; TensorFlow is imported before timing starts.

    .venv/bin/python bench/shape_check.py [--reps 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from convlab.errors import InputError  # noqa: E402
from convlab.shapelab import keras_check, pitfalls  # noqa: E402
from convlab.shapelab.layerspec import LayerSpec  # noqa: E402


def formulas(spec: LayerSpec) -> None:
    try:
        spec.check()
    except InputError:
        return
    spec.output_shape, spec.kernel_shape, spec.params, spec.formulas()


def timed(work, specs: list[LayerSpec]) -> float:
    started = time.perf_counter()
    for spec in specs:
        work(spec)
    return (time.perf_counter() - started) / len(specs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    reps = parser.parse_args().reps
    specs = [LayerSpec(), *(v.spec for p in pitfalls.PRESETS for v in p.versions)]
    keras_check.build(specs[0])  # warm-up: first graph build
    check, control = [], []
    for _ in range(reps):
        check.append(timed(keras_check.build, specs))
        control.append(timed(formulas, specs))
    k, c = statistics.median(check), statistics.median(control)
    print(f"{len(specs)} layers, median of {reps} rounds")
    print(f"Keras check per layer: {k * 1e3:.1f} ms")
    print(f"formulas per layer:    {c * 1e6:.1f} µs (control)")
    print(f"ratio: {k / c:,.0f}")


if __name__ == "__main__":
    main()
