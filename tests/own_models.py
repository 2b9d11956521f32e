"""Model files for the Your model tests: small real ones, and hostile ones, as bytes.

Shared by the library, CLI and AppTest suites of the Your model page, so no
test module imports another.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import keras
import numpy as np


def saved(model: keras.Model, folder: Path, name: str = "model.keras") -> bytes:
    path = folder / name
    model.save(path)
    return path.read_bytes()


def signal_cnn(steps: int | None = 50, channels: int = 1) -> keras.Model:
    keras.utils.set_random_seed(3)
    x = inputs = keras.Input((steps, channels), name="signal")
    x = keras.layers.Conv1D(4, 5, strides=2, padding="same", name="c1")(x)
    x = keras.layers.MaxPooling1D(2, name="p1")(x)
    x = keras.layers.Conv1D(3, 3, dilation_rate=2, activation="relu", name="c2")(x)
    return keras.Model(inputs, keras.layers.GlobalMaxPooling1D(name="g")(x))


def marker_lambda(marker: Path) -> keras.Model:
    """A model whose Lambda creates ``marker`` whenever it runs: Keras runs it while loading."""
    # A lambda is saved as its bytecode, the marker's path a constant inside it.
    touch = eval(f"lambda t: (open({str(marker)!r}, 'w').close(), t)[1]")
    inputs = keras.Input((10, 1))
    x = keras.layers.Lambda(touch, name="innocent_looking")(inputs)
    return keras.Model(inputs, keras.layers.Conv1D(2, 3, name="conv")(x))


@keras.saving.register_keras_serializable(package="evil")
class Doubling(keras.layers.Layer):
    def call(self, x):
        return 2 * x


def custom_layer() -> keras.Model:
    inputs = keras.Input((10, 1))
    x = Doubling(name="doubling")(inputs)
    return keras.Model(inputs, keras.layers.Conv1D(2, 3)(x))


def dense_only() -> keras.Model:
    inputs = keras.Input((8,), name="features")
    return keras.Model(inputs, keras.layers.Dense(2, name="out")(inputs))


def two_inputs() -> keras.Model:
    a, b = keras.Input((10, 1), name="left"), keras.Input((10, 1), name="right")
    x = keras.layers.Concatenate()([a, b])
    return keras.Model([a, b], keras.layers.Conv1D(2, 3)(x))


def nested(steps: int = 30) -> keras.Model:
    """A Functional model around a nested Sequential block of two Conv1D layers and a ReLU."""
    keras.utils.set_random_seed(5)
    block = keras.Sequential(
        [
            keras.layers.Conv1D(4, 3, name="ca"),
            keras.layers.ReLU(name="relu"),
            keras.layers.Conv1D(3, 3, strides=2, dilation_rate=1, name="cb"),
        ],
        name="block",
    )
    inputs = keras.Input((steps, 2), name="signal")
    x = keras.layers.Conv1D(5, 2, padding="same", name="c0")(inputs)
    x = block(x)
    x = keras.layers.MaxPooling1D(2, name="pool")(x)
    return keras.Model(inputs, keras.layers.GlobalMaxPooling1D(name="g")(x))


def deep_nested(steps: int = 30) -> keras.Model:
    """A Sequential inside a Sequential inside a Functional model."""
    keras.utils.set_random_seed(6)
    deep = keras.Sequential([keras.layers.Conv1D(2, 3, name="deep")], name="i2")
    mid = keras.Sequential([keras.layers.Conv1D(3, 2, name="mid"), deep], name="i1")
    inputs = keras.Input((steps, 1), name="wave")
    return keras.Model(inputs, keras.layers.GlobalMaxPooling1D(name="g")(mid(inputs)))


def nested_lambda(marker: Path) -> keras.Model:
    """A nested Sequential whose second layer is a Lambda that creates ``marker`` when run."""
    touch = eval(f"lambda t: (open({str(marker)!r}, 'w').close(), t)[1]")
    block = keras.Sequential(
        [keras.layers.Conv1D(2, 3, name="ca"), keras.layers.Lambda(touch, name="sneaky")],
        name="block",
    )
    inputs = keras.Input((10, 1))
    return keras.Model(inputs, block(inputs))


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def with_config(raw: bytes, config: dict | bytes) -> bytes:
    """A .keras file with its config.json replaced."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["config.json"] = config if isinstance(config, bytes) else json.dumps(config).encode()
    return zipped(members)


def bomb(megabytes: int) -> bytes:
    """A zip whose one member inflates ``megabytes`` MB of zeros from a few hundred kB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("model.weights.h5", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
        archive.writestr("config.json", b"{}")
    return out.getvalue()


def npy(array: np.ndarray, allow_pickle: bool = False) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=allow_pickle)
    return out.getvalue()


def channels_first(steps: int = 40, channels: int = 3) -> keras.Model:
    """Conv1D layers that read (channels, steps), a ReLU between them keeping that order."""
    keras.utils.set_random_seed(11)
    inputs = keras.Input((channels, steps), name="wave")
    x = keras.layers.Conv1D(4, 5, strides=2, data_format="channels_first", name="cf1")(inputs)
    x = keras.layers.ReLU(name="act")(x)
    x = keras.layers.Conv1D(2, 3, dilation_rate=2, data_format="channels_first", name="cf2")(x)
    return keras.Model(inputs, keras.layers.GlobalMaxPooling1D(data_format="channels_first")(x))
