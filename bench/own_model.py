"""What Your model costs on a 10 MB model, against Keras loading it and predicting alone.

Builds a ~12 MB ``.keras`` signal model (three Conv1D layers on (2048, 32)
input) in a temporary folder, then times whole processes, alternating:

- control: ``keras.saving.load_model(path)`` + ``model.predict(x)``;
- convlab: the checks (zip caps, config walk), ``load_model(safe_mode=True)``,
  the shape table, the receptive fields and every shown layer's activations.

Then, in one process, a new input on an already loaded model (one forward
pass, what a new sentence costs) against a fresh load. The ratio is printed;
the goal is ≤ 1.2×.

    .venv/bin/python bench/own_model.py [--reps 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

CONTROL = """
import sys, numpy as np, keras
model = keras.saving.load_model(sys.argv[1])
model.predict(np.load(sys.argv[2]), verbose=0)
"""
CONVLAB = """
import sys, numpy as np
sys.path.insert(0, {repo!r})
from convlab.ownmodel import keras_model, receptive, table
from convlab.ownmodel.inputs import Prepared
own = keras_model.load_file(sys.argv[1])
x = np.load(sys.argv[2])
prepared = Prepared(x, None, "npy")
fields = receptive.check_length(own.graph, [l.name for l in own.shown], prepared.steps)
table.conv_rows(own.layer_infos, own.graph, fields)
own.run(prepared)
"""


def build(folder: Path) -> tuple[Path, Path]:
    import keras
    import numpy as np

    keras.utils.set_random_seed(0)
    inputs = keras.Input((2048, 32))
    x = keras.layers.Conv1D(128, 9, activation="relu")(inputs)
    x = keras.layers.MaxPooling1D(2)(x)
    x = keras.layers.Conv1D(512, 9, activation="relu")(x)
    x = keras.layers.Conv1D(512, 9, dilation_rate=2, activation="relu")(x)
    x = keras.layers.GlobalMaxPooling1D()(x)
    model = keras.Model(inputs, keras.layers.Dense(4, activation="softmax")(x))
    model.save(folder / "big.keras")
    np.save(folder / "x.npy", np.random.default_rng(0).normal(size=(1, 2048, 32)).astype("f4"))
    return folder / "big.keras", folder / "x.npy"


def process(code: str, model: Path, x: Path) -> float:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(model), str(x)], check=True, env=env, capture_output=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    reps = parser.parse_args().reps
    with tempfile.TemporaryDirectory() as tmp:
        model, x = build(Path(tmp))
        print(f"model: {model.stat().st_size / 1e6:.1f} MB")
        control, ours = [], []
        for _ in range(reps):
            control.append(process(CONTROL, model, x))
            ours.append(process(CONVLAB.format(repo=str(REPO)), model, x))
        c, o = statistics.median(control), statistics.median(ours)
        print(f"whole process, median of {reps}: load_model+predict {c:.2f} s, convlab {o:.2f} s")
        print(f"ratio convlab / control: {o / c:.2f}x (goal <= 1.2x)")

        import numpy as np

        from convlab.ownmodel import keras_model
        from convlab.ownmodel.inputs import Prepared

        started = time.perf_counter()
        own = keras_model.load_file(model)
        load = time.perf_counter() - started
        array = np.load(x)
        own.run(Prepared(array, None, "npy"))  # builds the multi-output model once
        runs = []
        for seed in range(reps):
            other = Prepared(array + seed, None, "npy")
            started = time.perf_counter()
            own.run(other)
            runs.append(time.perf_counter() - started)
        r = statistics.median(runs)
        print(f"in process: checked load {load:.2f} s; a new input {r * 1000:.0f} ms")


if __name__ == "__main__":
    main()
