"""TensorFlow imported in a background thread once the server's first page is drawn.

``import tensorflow`` takes seconds of CPU. Started at the end of the first
script run, it does not compete with drawing the landing page (which needs no
TensorFlow), and runs while the visitor reads it; a Keras page opened then
waits, under its spinner, only for what is left: its own
``import convlab.lesson.keras_layers`` blocks on Python's import lock until
this thread is done. A deep link to a Keras page as the server's very first
run imports it in that run, as it must before it can draw anything.
"""

from __future__ import annotations

import threading

THREAD_NAME = "convlab-tensorflow-import"

_lock = threading.Lock()
_thread: threading.Thread | None = None


def _import_heavy_modules() -> None:
    import gensim.models  # noqa: F401  (VectorSet.kv: the Word vectors page's neighbours)

    import convlab.lesson.keras_layers  # noqa: F401  (TensorFlow, Keras, gc.freeze)


def start() -> threading.Thread:
    """Start the import once per process (later calls return the same thread)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_heavy_modules, name=THREAD_NAME, daemon=True)
            _thread.start()
        return _thread
