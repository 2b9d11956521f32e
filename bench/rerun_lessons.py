"""Rerun cost of each lesson page, against the same page with no TensorFlow in the process.

The page runs in AppTest in this process, with Keras imported as on a server. The control
runs in a child process that never imports TensorFlow: the same page scripts, frame and
widgets, but every function that runs a Keras layer (``ui.weights``, ``ui.conv1d_output``,
``ui.comparisons``, ...) is replaced by a lookup of the results this process recorded, and
``convlab.lesson.keras_layers`` is an empty stub. The ratio page/control is then what
TensorFlow and the layers add to a rerun: Streamlit's clear_session and gc after each run,
and, with ``--cold-cache``, the layer calls themselves. Reruns alternate between settings
(kernel_size n on the convolution pages, the OOV policy on Embed) as a student's presses do.

    .venv/bin/python bench/rerun_lessons.py [--reps 12] [--cold-cache]

Without ``--cold-cache`` every setting is in the caches (a class pressing the same sliders);
with it, st.cache_data is cleared before every timed rerun of both (a new n each time).
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from convlab import ui  # noqa: E402
from convlab.lesson.settings import OOV_POLICIES  # noqa: E402
from convlab.ui import lesson  # noqa: E402

TIMEOUT = 120
PAGES = {
    "home": ("pages/lesson/home.py", None, (None,)),
    "embed": ("pages/lesson/embed.py", ("radio", "oov"), OOV_POLICIES),
    "conv1d": ("pages/lesson/conv1d.py", ("slider", "n"), (2, 3, 4, 5)),
    "conv2d": ("pages/lesson/conv2d.py", ("slider", "n"), (2, 3, 4, 5)),
}
"""Page: its script, the widget a student changes (kind, key), the values reruns cycle through."""
KERAS_BACKED = ("weights", "conv1d_output", "comparisons", "conv2d_same_output")
"""``convlab.ui.lesson`` functions that run Keras layers; the control looks their results up."""


def rerun(at: AppTest, widget: tuple[str, str] | None, value: Any, *, cold_cache: bool) -> float:
    """Seconds for one rerun of ``at`` after setting ``widget`` to ``value`` (None: plain rerun)."""
    if cold_cache:
        st.cache_data.clear()
    if widget is not None:
        kind, key = widget
        getattr(at, kind)(key=key).set_value(value)
    start = time.perf_counter()
    at.run(timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed


def time_pages(reps: int, *, cold_cache: bool) -> dict[str, float]:
    """Median ms of ``reps`` reruns of each page, after one warm-up cycle of its values."""
    medians = {}
    for name, (script, widget, values) in PAGES.items():
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        at.switch_page(script).run()
        for value in values:  # warm-up: TensorFlow, vectors, every setting once
            rerun(at, widget, value, cold_cache=False)
        times = [
            rerun(at, widget, values[i % len(values)], cold_cache=cold_cache) for i in range(reps)
        ]
        medians[name] = statistics.median(times) * 1000
    return medians


def record_keras_results() -> dict[tuple, Any]:
    """Wrap the Keras-backed functions so every result the pages get is kept, by arguments."""
    results: dict[tuple, Any] = {}
    for name in KERAS_BACKED:
        real = getattr(lesson, name)

        def recording(*args: Any, _real=real, _name=name) -> Any:
            results[_name, args] = out = _real(*args)
            return out

        setattr(lesson, name, recording)
        setattr(ui, name, recording)
    return results


def replay_keras_results(results: dict) -> None:
    """The control: the recorded results instead of layers, and no TensorFlow to import."""
    sys.modules["convlab.lesson.keras_layers"] = types.ModuleType("convlab.lesson.keras_layers")
    for name in KERAS_BACKED:

        def lookup(*args: Any, _name=name) -> Any:
            return results[_name, args]

        setattr(lesson, name, lookup)
        setattr(ui, name, lookup)


def control_main(record: Path, reps: int, cold_cache: bool) -> None:
    replay_keras_results(pickle.loads(record.read_bytes()))
    medians = time_pages(reps, cold_cache=cold_cache)
    assert "tensorflow" not in sys.modules, "the control imported TensorFlow"
    print(json.dumps(medians))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=12, help="timed reruns per page (default 12)")
    parser.add_argument("--cold-cache", action="store_true", help="clear st.cache_data each time")
    parser.add_argument("--control", type=Path, help=argparse.SUPPRESS)  # the child's mode
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest has no runtime: noisy
    if args.control:
        control_main(args.control, args.reps, args.cold_cache)
        return

    results = record_keras_results()
    page_ms = time_pages(args.reps, cold_cache=args.cold_cache)
    with tempfile.NamedTemporaryFile(suffix=".pkl") as record:
        record.write(pickle.dumps(results))
        record.flush()
        command = [sys.executable, __file__, "--control", record.name, "--reps", str(args.reps)]
        child = subprocess.run(
            [*command, *(["--cold-cache"] if args.cold_cache else [])],
            capture_output=True,
            text=True,
            check=True,
        )
    control_ms = json.loads(child.stdout.strip().splitlines()[-1])
    cache = "cleared before each rerun" if args.cold_cache else "warm (every setting cached)"
    print(f"median of {args.reps} AppTest reruns per page, st.cache_data {cache}")
    print(f"{'page':<8} {'page ms':>8} {'control ms':>11} {'ratio':>6}   (goal <= 1.3)")
    for name, ms in page_ms.items():
        print(f"{name:<8} {ms:8.1f} {control_ms[name]:11.1f} {ms / control_ms[name]:6.2f}")
    print(f"/conv1d slider rerun: {page_ms['conv1d']:.0f} ms in AppTest (goal < 200 ms)")


if __name__ == "__main__":
    main()
