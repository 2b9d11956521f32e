"""What Streamlit's after-run cleanup costs with TensorFlow imported, frozen heap or not.

After every script run Streamlit calls ``keras.backend.clear_session()`` (a full
``gc.collect()``) and then ``gc.collect(2)``. Both walk every object the collector tracks;
TensorFlow leaves hundreds of thousands. This process imports Keras (not through
convlab.keras_runtime, which would freeze at once), builds and calls a few lesson layers,
times the two calls (the control), then freezes the heap as keras_runtime does and times them
again.

    .venv/bin/python bench/gc_freeze.py [--reps 10]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np


def cleanup_ms(reps: int) -> tuple[float, float]:
    """Median ms of Streamlit's after-run cleanup: Keras's clear_session, then gc.collect(2)."""
    clears, collects = [], []
    for _ in range(reps):
        start = time.perf_counter()
        keras.backend.clear_session()
        middle = time.perf_counter()
        gc.collect(2)
        clears.append(middle - start)
        collects.append(time.perf_counter() - middle)
    return statistics.median(clears) * 1000, statistics.median(collects) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=10, help="timed cleanups each (default 10)")
    reps = parser.parse_args().reps
    x = np.random.default_rng(0).normal(size=(1, 9, 300)).astype("float32")
    for n in (2, 3, 4):  # what a lesson page leaves behind
        keras.layers.Conv1D(4, n)(x)
    tracked = len(gc.get_objects())
    before = cleanup_ms(reps)
    gc.collect()
    gc.freeze()
    after = cleanup_ms(reps)
    print(f"objects tracked before the freeze: {tracked:,}; frozen: {gc.get_freeze_count():,}")
    print(f"median of {reps}        clear_session  gc.collect(2)   both")
    for name, (clear, collect) in (("unfrozen (control)", before), ("frozen", after)):
        print(f"  {name:<18} {clear:10.2f} ms {collect:10.2f} ms {clear + collect:8.2f} ms")
    print(f"  ratio frozen/control (both): {sum(after) / sum(before):.4f}")


if __name__ == "__main__":
    main()
