"""Build the Your model page's example models, reproducibly, from data made here.

    python tools/build_own_examples.py [--out convlab/ownmodel/data]

- ``text_example.keras``: keras-io's "text classification from scratch" stack,
  ``TextVectorization → Embedding → Conv1D → MaxPooling1D → Conv1D →
  GlobalMaxPooling1D → Dense``, trained on short reviews generated from two
  seeded word lists (praise and complaint, with negations that flip them).
- ``signal_example.keras``: a classifier of ``(256 steps, 1 channel)``
  signals, the shape the question behind convlab had, trained to tell apart
  the four example signals the page generates (sine, square, noise, step).

Both are plain ``.keras`` zips (JSON config, HDF5 weights, a vocabulary text
file): nothing pickled. ``examples.json`` records their SHA-256 and sizes;
``tests/test_own_examples.py`` rebuilds them and compares.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import keras
import numpy as np
import tensorflow as tf

from convlab.ownmodel import examples
from convlab.ownmodel.inputs import SIGNALS, signal

SEED = 13
GOOD = ("good", "great", "moving", "funny", "beautiful", "clever", "warm", "sharp", "fine")
BAD = ("bad", "dull", "boring", "awful", "flat", "silly", "slow", "weak", "tired")
NOUNS = ("movie", "film", "plot", "acting", "story", "cast", "script", "ending", "music")
FILLER = ("the", "a", "this", "was", "is", "really", "quite", "and", "but", "so", "very")
TEXT_LENGTH = 32
SIGNAL_STEPS = 256


def reviews(count: int, rng: np.random.Generator) -> tuple[list[str], np.ndarray]:
    """Short reviews and their labels (1 positive): "not" before a word flips it."""
    texts, labels = [], []
    for _ in range(count):
        words, score = [], 0
        for _ in range(rng.integers(2, 5)):
            positive = rng.random() < 0.5
            negated = rng.random() < 0.25
            word = rng.choice(GOOD if positive else BAD)
            words += [rng.choice(FILLER), rng.choice(NOUNS), "was"]
            words += ["not", word] if negated else [word]
            score += 1 if positive != negated else -1
        texts.append(" ".join(words))
        labels.append(int(score > 0) if score else int(rng.random() < 0.5))
    return texts, np.array(labels, np.float32)


def text_model(texts: list[str]) -> keras.Model:
    vectorize = keras.layers.TextVectorization(
        max_tokens=200, output_sequence_length=TEXT_LENGTH, name="text_vectorization"
    )
    vectorize.adapt(texts)
    inputs = keras.Input(shape=(1,), dtype="string", name="text")
    x = vectorize(inputs)
    x = keras.layers.Embedding(200, 16, name="embedding")(x)
    x = keras.layers.Conv1D(16, 3, activation="relu", name="conv1")(x)
    x = keras.layers.MaxPooling1D(2, name="pool1")(x)
    x = keras.layers.Conv1D(16, 3, activation="relu", name="conv2")(x)
    x = keras.layers.GlobalMaxPooling1D(name="global_pool")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="positive")(x)
    return keras.Model(inputs, outputs, name="text_example")


def signal_model() -> keras.Model:
    inputs = keras.Input(shape=(SIGNAL_STEPS, 1), name="signal")
    x = keras.layers.Conv1D(8, 7, strides=2, padding="same", name="conv1")(inputs)
    x = keras.layers.BatchNormalization(name="norm1")(x)
    x = keras.layers.Activation("relu", name="relu1")(x)
    x = keras.layers.MaxPooling1D(2, name="pool1")(x)
    x = keras.layers.Conv1D(16, 5, dilation_rate=2, activation="relu", name="conv2")(x)
    x = keras.layers.GlobalAveragePooling1D(name="global_pool")(x)
    outputs = keras.layers.Dense(len(SIGNALS), activation="softmax", name="kind")(x)
    return keras.Model(inputs, outputs, name="signal_example")


def signals(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    kinds = rng.integers(0, len(SIGNALS), size=count)
    seeds = rng.integers(0, 2**31, size=count)
    x = np.stack(
        [signal(SIGNALS[k], SIGNAL_STEPS, 1, int(s)) for k, s in zip(kinds, seeds, strict=True)]
    )
    return x, kinds.astype(np.int32)


def build(out: Path) -> dict[str, dict]:
    """Train both examples with fixed seeds, save them to ``out``, return their manifest."""
    out.mkdir(parents=True, exist_ok=True)
    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    rng = np.random.default_rng(SEED)
    texts, labels = reviews(2000, rng)
    text = text_model(texts)
    text.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    text.fit(tf.constant(texts)[:, None], labels, epochs=4, batch_size=64, verbose=0)
    x, y = signals(1200, rng)
    sig = signal_model()
    sig.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    sig.fit(x, y, epochs=6, batch_size=64, verbose=0)
    manifest = {}
    for name, model in (("text_example", text), ("signal_example", sig)):
        target = out / f"{name}.keras"
        # The same layers in a model never compiled: saved without the optimizer's state.
        keras.Model(model.inputs, model.outputs, name=model.name).save(target)
        raw = target.read_bytes()
        manifest[name] = {"sha256": hashlib.sha256(raw).hexdigest(), "bytes": len(raw)}
    (out / examples.MANIFEST.name).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=examples.FOLDER)
    print(json.dumps(build(parser.parse_args().out), indent=2))


if __name__ == "__main__":
    main()
