"""Keras shared by many sessions: frozen once, no leak per run, layers safe from clear_session."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
import time
import weakref
from collections.abc import Callable

import numpy as np
import pytest

from convlab import keras_runtime
from convlab.keras_runtime import keras
from convlab.lesson import keras_layers
from convlab.lesson.layer import ConvLayer
from convlab.shapelab import keras_check
from convlab.shapelab.layerspec import LayerSpec
from tests.apptest import no_exception, open_app

CONV = ConvLayer(n=3, filters=4, seed=7)
X = np.random.default_rng(0).normal(size=(9, 12)).astype("float32")


def objects_added(run: Callable[[], None], *, warm: int, repeat: int) -> int:
    """Objects the collector tracks after ``repeat`` more calls of ``run`` than after ``warm``."""
    for _ in range(warm):
        run()
    gc.collect()
    before = len(gc.get_objects())
    for _ in range(repeat):
        run()
    gc.collect()
    return len(gc.get_objects()) - before


def test_tensorflow_is_frozen_once_imported():
    """The long-lived TF objects sit in the permanent generation, out of every collection."""
    assert gc.get_freeze_count() > 100_000
    assert gc.get_freeze_count() > 2 * len(gc.get_objects())
    assert gc.isenabled()  # off only during the import


def test_a_failed_import_leaves_the_collector_on(monkeypatch):
    """The collector is switched off for the import: if it raises, it must come back on."""
    monkeypatch.delitem(sys.modules, "convlab.keras_runtime")
    monkeypatch.setitem(sys.modules, "keras", None)  # import keras: ImportError
    with pytest.raises(ImportError):
        importlib.import_module("convlab.keras_runtime")
    assert gc.isenabled()


class Node:
    def __init__(self, next: object = None) -> None:
        self.next = next


def test_a_clear_refreezes_the_heap_once_a_period_has_passed(monkeypatch):
    """Frozen objects are never collected as cycles: now and then, collect all and refreeze."""
    keras.backend.clear_session()
    frozen_at = keras_runtime._frozen_at
    keras.backend.clear_session()
    assert keras_runtime._frozen_at == frozen_at  # within the period: no full collection
    monkeypatch.setattr(keras_runtime, "REFREEZE_SECONDS", 0.0)
    garbage = Node()
    garbage.next = Node(garbage)  # a cycle, frozen below, then dropped
    gc.freeze()
    cycle = weakref.ref(garbage)
    del garbage
    gc.collect()
    assert cycle() is not None
    keras.backend.clear_session()
    assert keras_runtime._frozen_at > frozen_at
    assert cycle() is None


def test_the_heavy_modules_share_one_keras():
    from convlab.textcnn import kim

    assert keras_layers.keras is keras_check.keras is kim.keras is keras
    assert keras.backend.clear_session.__wrapped__ is keras.utils.clear_session


def test_layer_calls_leak_nothing_per_run():
    """A run's layers and Streamlit's clear_session afterwards leave no objects behind."""
    kernel, bias = keras_layers.init_weights(CONV, X.shape[1])

    def one_run() -> None:
        keras_layers.conv1d(X, kernel, bias, CONV)
        keras_layers.conv2d(X, kernel, bias, CONV)
        keras.backend.clear_session()

    # A leak of even one layer per run would be thousands of objects (a layer is ~100).
    assert objects_added(one_run, warm=5, repeat=40) < 500


def test_apptest_reruns_of_conv1d_leak_nothing():
    """Slider reruns of /conv1d, cache hits and misses alike, hold no more objects over time."""
    at = open_app("conv1d")
    no_exception(at)
    sizes = (2, 3, 4, 5)

    def cycle() -> None:
        for n in sizes:
            at.slider(key="n").set_value(n).run()
            no_exception(at)

    assert objects_added(cycle, warm=2, repeat=5) < 2_000


def test_layers_stay_right_while_other_threads_clear_the_session():
    """Many threads build and call layers while others call clear_session, as Streamlit does."""
    kernel, bias = keras_layers.init_weights(CONV, X.shape[1])
    expected = keras_layers.conv1d(X, kernel, bias, CONV)
    spec = LayerSpec(layer="conv1d", input_shape=(9, 12), filters=4, kernel_size=3)
    expected_params = keras_check.build(spec).params
    errors: list[str] = []
    cleared = [0]
    skipped_before = keras_runtime.GUARD.skipped
    deadline = time.monotonic() + 8

    def work() -> None:
        while time.monotonic() < deadline:
            try:
                k, b = keras_layers.init_weights(CONV, X.shape[1])
                np.testing.assert_array_equal(k, kernel)
                np.testing.assert_allclose(keras_layers.conv1d(X, k, b, CONV), expected, atol=1e-5)
                twin = keras_layers.conv2d(X, k, b, CONV)[:, :, 0, :]
                np.testing.assert_allclose(twin, expected, atol=1e-4)
                assert keras_check.build(spec).params == expected_params
            except Exception as err:  # every failure is collected and reported
                errors.append(repr(err)[:300])
            time.sleep(0.05)  # a session between two runs: a clear can happen now

    def clear() -> None:
        while time.monotonic() < deadline:
            keras.backend.clear_session()
            cleared[0] += 1
            time.sleep(0.001)

    threads = [threading.Thread(target=work) for _ in range(4)]
    threads += [threading.Thread(target=clear) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Both things happened: clears that collided with layer work were skipped, others ran.
    assert keras_runtime.GUARD.skipped > skipped_before
    assert cleared[0] > keras_runtime.GUARD.skipped - skipped_before
