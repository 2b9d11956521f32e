"""Loading a vector file through convlab's checks, against plain gensim on the same file.

For each synthetic file (written once into a temporary folder by gensim), a fresh
Python process loads it with ``convlab.vectors.sets.load_path`` (sniffing, row framing,
the pipe to gensim) and another with ``KeyedVectors.load_word2vec_format`` alone,
the control. Each reports seconds and RSS growth; the table gives the ratio of the
times and compares the memory with ``vectorfiles.estimate`` (the figure the app
states before loading).

    .venv/bin/python bench/vector_loading.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402
from gensim.models import KeyedVectors  # noqa: E402

from convlab.vectors.files import MB, estimate  # noqa: E402

CASES = ((100_000, 300, True), (100_000, 50, False), (20_000, 300, False))
"""(rows, D, binary): a 300-d binary file, and text files, which gensim parses far slower."""

PROBE = """
import json, os, sys, time
sys.path.insert(0, {repo!r})
from gensim.models import KeyedVectors
from convlab.vectors.sets import load_path
from pathlib import Path

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

before, started = rss(), time.perf_counter()
if {convlab!r}:
    kv = load_path(Path({path!r}), limit={rows}).kv
else:
    kv = KeyedVectors.load_word2vec_format({path!r}, binary={binary!r}, limit={rows})
print(json.dumps({{"seconds": time.perf_counter() - started, "rss": rss() - before}}))
"""


def write(folder: Path, rows: int, dim: int, binary: bool) -> Path:
    path = folder / f"v{rows}x{dim}.{'bin' if binary else 'txt'}"
    kv = KeyedVectors(dim)
    vectors = np.random.default_rng(0).standard_normal((rows, dim)).astype(np.float32)
    kv.add_vectors([f"w{i}" for i in range(rows)], vectors)
    kv.save_word2vec_format(str(path), binary=binary)
    return path


def measure(path: Path, rows: int, binary: bool, convlab: bool) -> dict:
    code = PROBE.format(repo=str(REPO), path=str(path), rows=rows, binary=binary, convlab=convlab)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    print("| file | convlab | gensim alone | ratio | RSS growth | estimate |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for rows, dim, binary in CASES:
            path = write(Path(folder), rows, dim, binary)
            ours = measure(path, rows, binary, convlab=True)
            theirs = measure(path, rows, binary, convlab=False)
            kind = "word2vec binary" if binary else "word2vec text"
            print(
                f"| {rows:,} × {dim} {kind} ({path.stat().st_size / MB:,.0f} MB) "
                f"| {ours['seconds']:.2f} s | {theirs['seconds']:.2f} s "
                f"| {ours['seconds'] / theirs['seconds']:.2f} "
                f"| {ours['rss'] / MB:,.0f} MB | {estimate(rows, dim) / MB:,.0f} MB |"
            )


if __name__ == "__main__":
    main()
