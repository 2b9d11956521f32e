"""TensorFlow imported in a background thread from the server's first script run on.

``import tensorflow`` takes seconds. Started here, it runs while the landing
page (which needs no TensorFlow) is drawn and read; a deep link to a Keras
page then waits, under its spinner, only for what is left: its own
``import convlab.lesson.keras_layers`` blocks on Python's import lock until
this thread is done. No script run imports TensorFlow itself.
"""

from __future__ import annotations

import threading

THREAD_NAME = "convlab-tensorflow-import"

_lock = threading.Lock()
_thread: threading.Thread | None = None


def _import_heavy_modules() -> None:
    import convlab.lesson.keras_layers  # noqa: F401  (TensorFlow, Keras, gc.freeze)


def start() -> threading.Thread:
    """Start the import once per process (later calls return the same thread)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_heavy_modules, name=THREAD_NAME, daemon=True)
            _thread.start()
        return _thread
