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


ARROW_KEPT_AFTER_THREADS = """
import json, os, threading
import numpy as np
os.environ.pop("MIMALLOC_PURGE_DELAY", None)  # inherited from this test process, if set
from convlab import process_memory
if PURGE:
    process_memory.return_arrow_memory()
import pyarrow as pa
import pyarrow.compute as pc

def rss_mb():
    status = open("/proc/self/status").read().split("VmRSS:")[1]
    return int(status.split()[0]) / 1024

def tables():  # a script thread turning data into Arrow, then ending
    base = pa.array(np.arange(2_000_000))
    outs = [pc.add(base, i) for i in range(8)]  # 8 x 16 MB from Arrow's own pool
    del outs

before = rss_mb()
threads = [threading.Thread(target=tables) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
pool = pa.default_memory_pool()
print(json.dumps({"backend": pool.backend_name, "in_use": pool.bytes_allocated(),
                  "peak_mb": pool.max_memory() / 2**20, "kept_mb": rss_mb() - before}))
"""

PYARROW_SEES = """
import json, os, sys
seen = {}

class Spy:  # notes the setting at the moment pyarrow is first imported
    def find_spec(self, name, path=None, target=None):
        if name == "pyarrow":
            seen.setdefault("at_pyarrow_import", os.environ.get("MIMALLOC_PURGE_DELAY"))

sys.meta_path.insert(0, Spy())
os.environ.pop("MIMALLOC_PURGE_DELAY", None)
import convlab.ui
print(json.dumps(seen))
"""


def test_freed_arrow_memory_goes_back_to_the_system() -> None:
    """pyarrow's mimalloc keeps what ended threads freed, unless told to purge at once."""
    kept = fresh_process(f"PURGE = False\n{ARROW_KEPT_AFTER_THREADS}")
    purged = fresh_process(f"PURGE = True\n{ARROW_KEPT_AFTER_THREADS}")
    if kept["backend"] != "mimalloc":
        pytest.skip(f"pyarrow allocates with {kept['backend']} here, not mimalloc")
    assert kept["in_use"] == purged["in_use"] == 0
    assert kept["peak_mb"] >= 100 and purged["peak_mb"] >= 100
    assert kept["kept_mb"] > 80  # control: most of the peak stays resident
    assert purged["kept_mb"] < kept["kept_mb"] / 3


def test_the_app_sets_the_purge_before_pyarrow_is_imported() -> None:
    assert fresh_process(PYARROW_SEES) == {"at_pyarrow_import": "0"}


MAPPED_AFTER_A_BIG_FREE = """
import ctypes, json
from convlab import process_memory

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = MallInfo2
fixed = process_memory.fix_thresholds() if FIX else False
upload = b"x" * (20 << 20)  # an upload's bytes, mapped on their own, then freed
del upload
before = libc.mallinfo2().hblks
column = b"y" * (1 << 20)  # a 1 MB block afterwards
print(json.dumps({"fixed": fixed, "mapped": libc.mallinfo2().hblks - before}))
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the thresholds are glibc's")
def test_a_freed_upload_does_not_move_large_blocks_into_the_heap() -> None:
    """glibc's own rule puts the 1 MB block in the heap; with fixed thresholds it gets pages
    of its own, handed back when it is freed."""
    control = fresh_process(f"FIX = False\n{MAPPED_AFTER_A_BIG_FREE}")
    fixed = fresh_process(f"FIX = True\n{MAPPED_AFTER_A_BIG_FREE}")
    assert control == {"fixed": False, "mapped": 0}
    assert fixed == {"fixed": True, "mapped": 1}
