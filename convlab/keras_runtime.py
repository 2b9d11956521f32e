"""Keras, imported once per process and made safe to share between sessions.

Every heavy module (``lesson.keras_layers``, ``shapelab.keras_check``,
``textcnn.kim``) takes Keras from here, so these two things happen exactly
once, right after the TensorFlow import, whichever module comes first:

- ``gc.freeze()``: TensorFlow leaves about 350,000 long-lived objects (the import
  runs with the collector off, and they are frozen without a collection). Streamlit
  calls ``keras.backend.clear_session()`` (a full ``gc.collect()``) and then
  ``gc.collect(2)`` after every script run, each walking all of them while
  holding the GIL: about 135 + 140 ms per run here, during which every other
  session waits. Frozen, they are skipped: both take a few ms. But frozen
  objects are never collected as cycles, and the import runs while the first
  sessions are open: their state, and what it later holds, would stay after
  they end. So every ``REFREEZE_SECONDS`` one clear collects everything and
  freezes what is still alive (:func:`refreeze`): one full collection a minute
  instead of two per run. A closed session (Streamlit drops it
  ``server.disconnectedSessionTTL`` after its tab closed) is then freed within a
  minute, at the next script run, and the freed pages go back to the system.
- ``keras.backend.clear_session()`` resets Keras's global state for *every*
  thread, and Streamlit calls it from each session's script thread. Layer work
  runs inside :func:`using`; a clear waits for none of it: it is skipped while
  any thread is inside ``using`` (it is only housekeeping, and the next run
  clears again), and ``using`` waits for a clear that has already started.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

from convlab.process_memory import trim_heap

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

# The import makes about 350,000 objects that live as long as the process: the collections
# their allocations trigger only walk them again and again. Without them the import takes
# 2.1-2.2 s instead of 2.85 s in a process that has Streamlit and convlab.ui loaded
# (measured on the 2-core dev machine, three runs each). Enabled again below, once frozen.
_COLLECTING = gc.isenabled()
gc.disable()
try:
    import keras
    import tensorflow as tf
except BaseException:
    if _COLLECTING:
        gc.enable()
    raise

__all__ = ["keras", "layer_work", "tf", "using"]

F = TypeVar("F", bound=Callable[..., Any])


REFREEZE_SECONDS = 60.0


def refreeze() -> None:
    """Collect everything, frozen objects included, freeze what is alive now, trim the heap."""
    global _frozen_at
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    trim_heap()
    _frozen_at = time.monotonic()


class _Guard:
    """Any number of threads run layers at once; ``clear_session`` runs only when none does."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._users = 0
        self._clearing = False
        self.skipped = 0
        """Clears skipped because a layer was in use (read by the stress test)."""

    @contextmanager
    def using(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._clearing)
            self._users += 1
        try:
            yield
        finally:
            with self._cond:
                self._users -= 1

    def guarded(self, clear: Callable[..., None]) -> Callable[..., None]:
        @wraps(clear)
        def clear_when_idle(*args: object, **kwargs: object) -> None:
            with self._cond:
                if self._users:
                    self.skipped += 1
                    return
                self._clearing = True
            try:
                # Streamlit's own gc.collect(2) follows at once: a second full collection
                # here (Keras's default) would only double the cost.
                clear(*args, **{"free_memory": False, **kwargs})
                if time.monotonic() - _frozen_at > REFREEZE_SECONDS:
                    refreeze()
            finally:
                with self._cond:
                    self._clearing = False
                    self._cond.notify_all()

        return clear_when_idle


GUARD = _Guard()

using = GUARD.using
"""``with using():`` around building and calling layers, so no clear_session resets them."""


def layer_work(fn: F) -> F:
    """``fn`` run inside :func:`using`: for functions that build or call Keras layers."""

    @wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with using():
            return fn(*args, **kwargs)

    return run  # type: ignore[return-value]


# Streamlit looks the function up as ``sys.modules["keras"].backend.clear_session``.
keras.backend.clear_session = GUARD.guarded(keras.backend.clear_session)

IMPORTED_BY = threading.current_thread().name
"""The thread that imported TensorFlow: the server's background import, not a script run."""

# Frozen as they are, without a full collection first (0.3-0.4 s on a cold server's first
# chart): what little garbage the import left waits for the first refreeze, a minute later.
gc.freeze()
_frozen_at = time.monotonic()
if _COLLECTING:
    gc.enable()
