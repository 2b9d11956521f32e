"""TensorFlow imported in a background thread once the server's first page is drawn.

``import tensorflow`` takes seconds of CPU. Started at the end of the first
script run, it does not compete with drawing the landing page (which needs no
TensorFlow), and runs while the visitor reads it; a Keras page opened then
waits, under its spinner, only for what is left: its own
``import convlab.lesson.keras_layers`` blocks on Python's import lock until
this thread is done. A deep link to a Keras page as the server's very first
run imports it in that run, after drawing what needs no Keras.
"""

from __future__ import annotations

import gc
import importlib
import threading

THREAD_NAME = "convlab-tensorflow-import"

_lock = threading.Lock()
_thread: threading.Thread | None = None


KERAS = "convlab.lesson.keras_layers"
"""Imported first: TensorFlow and Keras (a Keras page opened meanwhile waits only for them)."""
AFTER_KERAS = "gensim.models"
"""Then gensim (``VectorSet.kv``: the Word vectors page's nearest neighbours)."""

KERAS_IMPORTED = threading.Event()
"""Set by :func:`import_keras`, in this thread or in a page that needed Keras first
(``ui.load_keras``). Until then a page may draw stand-ins for what Keras will compute;
after it, a rerun draws no stand-in that would flash before the result replaces it."""


def import_keras() -> None:
    """Import :data:`KERAS` (at once if done, else waiting on the import lock), then say so."""
    importlib.import_module(KERAS)
    KERAS_IMPORTED.set()


def _import_heavy_modules() -> None:
    import_keras()
    importlib.import_module(AFTER_KERAS)
    # keras_runtime froze what TensorFlow left; freeze gensim's objects too, or every run's
    # collections walk them until the next refreeze: measured with bench/class_load.py (30
    # students, /conv1d first), 0.11 s of server CPU per run instead of 0.08.
    gc.freeze()


def start() -> threading.Thread:
    """Start the import once per process (later calls return the same thread)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_heavy_modules, name=THREAD_NAME, daemon=True)
            _thread.start()
        return _thread
