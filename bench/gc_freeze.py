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


def cleanup_ms(reps: int) -> float:
    """Median ms of Streamlit's after-run cleanup: Keras's clear_session, then gc.collect(2)."""
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        keras.backend.clear_session()
        gc.collect(2)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


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
    print(f"clear_session + gc.collect(2), median of {reps}:")
    print(f"  unfrozen (control) {before:7.1f} ms")
    print(f"  frozen             {after:7.1f} ms   ratio frozen/control {after / before:.3f}")


if __name__ == "__main__":
    main()
