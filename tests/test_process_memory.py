"""The allocator arenas a server's script threads may use, counted in a fresh process."""

import platform

import pytest

from tests.apptest import fresh_process

THREADS = 8

ARENAS_AFTER_THREADS = """
import ctypes, json, os, tempfile, threading
from convlab import process_memory

limited = process_memory.limit_arenas() if LIMIT else False
barrier = threading.Barrier(THREADS)
kept = []

def allocate():  # every thread holds memory at once, as concurrent script runs do
    kept.append([bytes(1000) for _ in range(200)])
    barrier.wait()

threads = [threading.Thread(target=allocate) for _ in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc = ctypes.CDLL("libc.so.6")
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
libc.fclose.argtypes = [ctypes.c_void_p]
libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
path = os.path.join(tempfile.mkdtemp(), "malloc.xml")
stream = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, stream)
libc.fclose(stream)
print(json.dumps({"limited": limited, "arenas": open(path).read().count("<heap nr=")}))
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="arenas are glibc's")
def test_script_threads_share_two_arenas() -> None:
    control = fresh_process(f"LIMIT, THREADS = False, {THREADS}\n{ARENAS_AFTER_THREADS}")
    limited = fresh_process(f"LIMIT, THREADS = True, {THREADS}\n{ARENAS_AFTER_THREADS}")
    assert control["arenas"] > THREADS // 2  # glibc's default: an arena per busy thread
    assert limited == {"limited": True, "arenas": 2}


def test_trimming_the_heap_is_safe_to_call_any_time() -> None:
    from convlab import process_memory

    process_memory.trim_heap()
    assert process_memory.limit_arenas() is process_memory.limit_arenas()  # once per process
