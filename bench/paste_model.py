"""What the Keras check of a 20-layer pasted model costs, against the formulas, and cached.

The model is a text CNN of 20 layers written as functional code (three
n-gram branches, pooling, concatenation, dense head). Timed in this process,
alternating, after TensorFlow's import and one warm-up build:

* the Keras check: parse, formulas, and building every layer symbolically in
  Keras (what the page does the first time a text is seen);
* the control: the formulas alone, on the parsed model (what the page shows at once);
* reading the text: the Keras 1 translation and the ast walk;
* the page's cached check (``st.cache_data`` keyed by the text): a second call
  with the same text, which must not build again.

    .venv/bin/python bench/paste_model.py [--reps 7]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime": caches still work

from convlab.shapelab import keras_check, model_shapes, paste  # noqa: E402
from convlab.ui import paste_view  # noqa: E402

MODEL = """
inputs = keras.Input(shape=(60,))
x = layers.Embedding(20000, 300)(inputs)
x = layers.SpatialDropout1D(0.2)(x)
a = layers.Conv1D(100, 3, padding="same", activation="relu")(x)
b = layers.Conv1D(100, 4, padding="same", activation="relu")(x)
c = layers.Conv1D(100, 5, padding="same", activation="relu")(x)
a = layers.MaxPooling1D(2)(a)
b = layers.MaxPooling1D(2)(b)
c = layers.MaxPooling1D(2)(c)
x = layers.Concatenate()([a, b, c])
x = layers.BatchNormalization()(x)
x = layers.Conv1D(64, 3, dilation_rate=2)(x)
x = layers.ZeroPadding1D(1)(x)
x = layers.Cropping1D((1, 0))(x)
x = layers.GlobalMaxPooling1D(keepdims=True)(x)
x = layers.Flatten()(x)
x = layers.Dropout(0.5)(x)
x = layers.Dense(32, activation="relu")(x)
x = layers.Activation("relu")(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
"""


PASTED = model_shapes.with_input(paste.parse(MODEL))


def reading() -> None:
    """The Keras 1 translation and the ast walk: what any paste costs before a formula runs."""
    model_shapes.with_input(paste.parse(MODEL))


def formulas() -> list:
    return model_shapes.explain(PASTED)


def keras_check_uncached() -> None:
    pasted = model_shapes.with_input(paste.parse(MODEL))
    keras_check.build_model(pasted, model_shapes.explain(pasted))


def timed(work, repeat: int = 1) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.perf_counter() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    reps = parser.parse_args().reps
    layers = len(formulas())
    assert layers == 20, layers  # keras.Input included
    keras_check_uncached()  # warm-up: first graph build
    paste_view.keras_model(MODEL)  # fills the page's cache
    check, control, read, cached = [], [], [], []
    for _ in range(reps):
        check.append(timed(keras_check_uncached))
        control.append(timed(formulas, 20))
        read.append(timed(reading, 20))
        cached.append(timed(lambda: paste_view.keras_model(MODEL), 20))
    k, c, r, h = (statistics.median(times) for times in (check, control, read, cached))
    print(f"{layers}-layer pasted model, median of {reps} rounds")
    print(f"Keras check (read, formulas, build): {k * 1e3:.1f} ms")
    print(f"formulas alone:                      {c * 1e3:.2f} ms (control)")
    print(f"  per layer:                         {c / layers * 1e6:.0f} µs")
    print(f"reading the text (translate, ast):   {r * 1e3:.2f} ms")
    print(f"cached Keras check, same text:       {h * 1e3:.2f} ms")
    print(f"ratio Keras check / control: {k / c:,.0f}")
    print(f"ratio cached / control:      {h / c:.2f}")


if __name__ == "__main__":
    main()
