"""The server process's heap: few allocator arenas, and freed pages handed back.

Two allocators hold what a session leaves behind: glibc's ``malloc`` and the
mimalloc that pyarrow bundles (Streamlit turns every table and chart into Arrow).

Streamlit runs each script run in a thread of its own. glibc gives threads
that allocate at the same time an arena each, up to eight per core, and memory
freed in one arena is reused only by that arena. Measured with
``bench/session_memory.py --cycles 3`` (three sessions each uploading a 20 MB
table, then closing, three times over): with glibc's default the process kept
67 MB more after the third cycle than after the first, although the Python
objects and the bytes in use were the same; with two arenas, 16 MB. With the
GIL only one thread allocates at a time anyway, so more arenas buy nothing here.

Both calls are glibc's; elsewhere they do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from collections.abc import Callable
from functools import cache

ARENAS = 2
"""glibc's own choice is 8 per core."""
_M_ARENA_MAX = -8
"""``mallopt``'s parameter number for the arena limit (malloc.h)."""
THRESHOLD = 128 * 1024
"""glibc's starting mmap and trim thresholds, kept where they start."""
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _function(name: str) -> Callable[..., int] | None:
    return getattr(_libc(), name, None)


@cache
def limit_arenas(most: int = ARENAS) -> bool:
    """Allow at most ``most`` arenas from now on, once per process; whether glibc took it."""
    mallopt = _function("mallopt")
    return bool(mallopt and mallopt(_M_ARENA_MAX, most))


@cache
def fix_thresholds(size: int = THRESHOLD) -> bool:
    """Keep glibc's mmap and trim thresholds at ``size``, once per process; whether glibc took both.

    glibc raises both after a large block is freed (an upload's bytes: to 20 MB and 40
    MB), so later blocks up to that size come from an arena's heap, and what is freed at
    the top of a thread's arena stays resident while under 40 MB: ``malloc_trim`` does not
    shrink it. Set explicitly, they stay put: blocks from 128 KiB get pages of their own,
    unmapped when freed. Measured with ``bench/session_memory.py --cycles 2``, after the
    sessions closed: +38.8 MB over the start and +25.5 MB more after a second cycle; fixed,
    +19.0 MB and +0.8 MB.
    """
    mallopt = _function("mallopt")
    return bool(mallopt and mallopt(_M_MMAP_THRESHOLD, size) and mallopt(_M_TRIM_THRESHOLD, size))


def tune() -> None:
    """What a server process needs, once: two arenas and fixed thresholds (both above)."""
    limit_arenas()
    fix_thresholds()


def trim_heap() -> None:
    """glibc's ``malloc_trim(0)``: hand the heap's free pages back to the system.

    Freed memory otherwise stays in the process: a closed session's upload would keep RSS up.
    """
    trim = _function("malloc_trim")
    if trim is not None:
        trim(0)


def return_arrow_memory() -> None:
    """Make pyarrow's mimalloc hand freed pages back at once; call before pyarrow is imported.

    By default mimalloc keeps them for a delay and purges only when the thread that freed
    them calls into it again; a script thread of Streamlit's has ended by then. Measured
    with ``bench/session_memory.py`` (three sessions each turning a 20 MB upload into
    tables, then closing): the 1 GiB arena mimalloc reserves stayed at 63 MB resident
    with nothing allocated, and the process 96 MB above where it started; with a purge
    delay of 0, 7-10 MB and 27 MB. mimalloc reads the option from the environment when
    pyarrow first allocates; set only if the environment does not choose already.
    """
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "0")
