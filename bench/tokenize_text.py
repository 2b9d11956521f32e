"""Tokenizing: the cleaned tokenizer against the one before it, and against the segmenter alone.

1. MR's 10,662 sentences through ``tokenize``, against the tokenizer before issue
   15 (apostrophes, lowercase, the same chunk and clitic rules; no cleaning, no
   Chinese), rebuilt here as the control. Target: ratio <= 1.2.
2. 10,000 short Chinese sentences (seeded, built from the sample phrases) as a
   corpus, through ``tokenize_all`` (what training and mining call), against
   ``rjieba.cut`` alone on the same sentences. Target: <= 1.1. One sentence at a
   time through ``tokenize`` (what a page calls) is printed beside it.
3. The first Chinese sentence in a fresh process (rjieba's one-time load), and,
   when jieba is installed, the same for jieba: its first cut, its time on the
   10,000 sentences, whether it segments them identically, and what each leaves in
   an empty temp folder. This is the measurement rjieba was chosen by.

Timings alternate the measured code and its control, and keep the best of
``--reps`` runs of each, so a machine busy with other work moves both alike.

    .venv/bin/python bench/tokenize_text.py [--reps 7]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from convlab.textcnn.corpus import find_mr, load_mr  # noqa: E402
from convlab.tokenize import segmenter, tokenize, tokenize_all  # noqa: E402

_BEFORE_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_BEFORE_CHUNK = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:[-']\w+)*|[^\w\s]")
_BEFORE_CLITIC = re.compile(r"^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$")

PHRASES = ("这部电影", "很好看", "但是", "太长了", "演员的表演", "剧情很差", "我一点也不喜欢")
PHRASES += ("简直是浪费时间", "卷积核的形状", "实际上是", "一部感人", "有趣又拍得很美的电影")
SENTENCES = 10_000


def tokenize_before(text: str) -> list[str]:
    """The tokenizer as it was before issue 15: the control of measure 1."""
    tokens: list[str] = []
    for chunk in _BEFORE_CHUNK.findall(text.translate(_BEFORE_APOSTROPHES).lower()):
        clitic = _BEFORE_CLITIC.match(chunk)
        tokens.extend(clitic.groups() if clitic else (chunk,))
    return tokens


def chinese_sentences(count: int = SENTENCES, seed: int = 0) -> list[str]:
    """Short Chinese sentences of one to four clauses, the same for the same seed."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        clauses = ["".join(rng.sample(PHRASES, 2)) for _ in range(rng.randint(1, 4))]
        out.append("，".join(clauses) + rng.choice("。！？"))
    return out


def best_pair(
    measured: Callable[[str], object], control: Callable[[str], object], texts: Sequence[str], reps
) -> tuple[float, float]:
    """Best seconds of each over ``reps`` alternating runs, one text at a time."""
    return best_pair_of_corpus(
        lambda corpus: [measured(text) for text in corpus],
        lambda corpus: [control(text) for text in corpus],
        texts,
        reps,
    )


def best_pair_of_corpus(
    measured: Callable[[Sequence[str]], object],
    control: Callable[[Sequence[str]], object],
    texts: Sequence[str],
    reps: int,
) -> tuple[float, float]:
    """Best seconds of each over ``reps`` alternating runs on the whole of ``texts``."""
    mine, theirs = [], []
    for _ in range(reps):
        for runs, function in ((mine, measured), (theirs, control)):
            started = time.perf_counter()
            function(texts)
            runs.append(time.perf_counter() - started)
    return min(mine), min(theirs)


FIRST_USE = """
import json, os, sys, time
sys.path.insert(0, {repo!r})
started = time.perf_counter()
{load}
first = time.perf_counter() - started
print(json.dumps({{"first_seconds": first}}))
"""
LOADS = {
    "convlab (rjieba)": "from convlab.tokenize import tokenize\ntokenize('这部电影很好看')",
    "jieba": "import jieba\njieba.setLogLevel(60)\njieba.lcut('这部电影很好看')",
}


def first_use(load: str) -> tuple[float, list[str]]:
    """Seconds to the first segmented sentence in a fresh process, and files left in TMPDIR."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TMPDIR": folder}
        done = subprocess.run(
            [sys.executable, "-c", FIRST_USE.format(repo=str(REPO), load=load)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        left = sorted(os.listdir(folder))
    return json.loads(done.stdout.strip().splitlines()[-1])["first_seconds"], left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()

    mr = load_mr(str(find_mr())).texts
    mine, before = best_pair(tokenize, tokenize_before, mr, args.reps)
    print(f"1. MR, {len(mr):,} sentences: tokenize {mine:.3f} s, before issue 15 {before:.3f} s;")
    print(f"   ratio {mine / before:.2f} (target <= 1.2)")

    texts = chinese_sentences()
    cut = segmenter()
    mine, alone = best_pair_of_corpus(tokenize_all, lambda t: [cut(x) for x in t], texts, args.reps)
    print(f"2. Chinese corpus, {len(texts):,} sentences: tokenize_all {mine:.3f} s, rjieba.cut")
    print(f"   alone {alone:.3f} s; ratio {mine / alone:.2f} (target <= 1.1)")
    mine, alone = best_pair(tokenize, cut, texts, args.reps)
    print(f"   one at a time, as a page does: tokenize {mine:.3f} s; ratio {mine / alone:.2f}")

    print("3. First Chinese sentence in a fresh process (import and load included):")
    for name, load in LOADS.items():
        try:
            seconds, left = first_use(load)
        except subprocess.CalledProcessError:
            print(f"   {name}: not installed")
            continue
        print(f"   {name}: {seconds:.2f} s; files left in an empty TMPDIR: {left or 'none'}")
    try:
        import jieba
    except ImportError:
        return
    jieba.setLogLevel(60)
    jieba.initialize()
    theirs, alone = best_pair(jieba.lcut, cut, texts, min(args.reps, 3))
    same = sum(jieba.lcut(text) == cut(text) for text in texts)
    print(f"   jieba.lcut on the {len(texts):,} sentences {theirs:.3f} s, rjieba.cut {alone:.3f} s")
    print(f"   (jieba / rjieba {theirs / alone:.1f}); identical: {same:,} of {len(texts):,}")


if __name__ == "__main__":
    main()
