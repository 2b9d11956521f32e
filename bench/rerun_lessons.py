"""Rerun cost of each lesson page, against the same page with no TensorFlow in the process.

The page runs in AppTest in this process, with Keras imported as on a server. The control
runs in a child process that never imports TensorFlow: the same page scripts, frame and
widgets, but every function that runs a Keras layer (``ui.weights``, ``ui.conv1d_output``,
``ui.comparisons``, ...) is replaced by a lookup of the results this process recorded, and
``convlab.lesson.keras_layers`` is an empty stub. The ratio page/control is then what
TensorFlow and the layers add to a rerun: Streamlit's clear_session and gc after each run,
and, with ``--cold-cache``, the layer calls themselves. Reruns alternate between settings
(kernel_size n on the convolution pages, the OOV policy on Embed) as a student's presses do,
and page and control reruns alternate, so that a shared machine's load hits both alike.

    .venv/bin/python bench/rerun_lessons.py [--reps 12] [--cold-cache]

Without ``--cold-cache`` every setting is in the caches (a class pressing the same sliders);
with it, st.cache_data is cleared before every timed rerun of both (a new n each time).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
import types
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from convlab import ui  # noqa: E402
from convlab.lesson.equivalence import Comparison  # noqa: E402
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


class Pages:
    """One AppTest session per lesson page, warmed up, rerun on demand."""

    def __init__(self, cold_cache: bool) -> None:
        self.cold_cache = cold_cache
        self.sessions: dict[str, AppTest] = {}

    def warm(self, name: str) -> None:
        """Open the page and run each of its values once: TensorFlow, vectors, every setting."""
        script, _, values = PAGES[name]
        self.sessions[name] = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
        self.sessions[name].switch_page(script).run()
        for i in range(len(values)):
            self.rerun(name, i, cold_cache=False)

    def rerun(self, name: str, i: int, cold_cache: bool | None = None) -> float:
        """Seconds for one rerun of page ``name`` after setting its widget to its i-th value."""
        at = self.sessions[name]
        _, widget, values = PAGES[name]
        if self.cold_cache if cold_cache is None else cold_cache:
            st.cache_data.clear()
        if widget is not None:
            kind, key = widget
            getattr(at, kind)(key=key).set_value(values[i % len(values)])
        start = time.perf_counter()
        at.run(timeout=TIMEOUT)
        elapsed = time.perf_counter() - start
        assert not at.exception, [e.value for e in at.exception]
        return elapsed


def record_keras_results() -> dict[str, Any]:
    """Wrap the Keras-backed functions so every result the pages get is kept, by arguments."""
    results: dict[str, Any] = {}
    for name in KERAS_BACKED:
        real = getattr(lesson, name)

        def recording(*args: Any, _real=real, _name=name) -> Any:
            results[repr((_name, args))] = out = _real(*args)
            return out

        setattr(lesson, name, recording)
        setattr(ui, name, recording)
    return results


def _encode(value: Any, arrays: dict[str, np.ndarray]) -> Any:
    """``value`` as JSON, its arrays set aside in ``arrays``: what the results are made of."""
    if isinstance(value, np.ndarray):
        arrays[name := f"a{len(arrays)}"] = value
        return {"array": name}
    if isinstance(value, Comparison):
        return {
            "comparison": {f.name: _encode(getattr(value, f.name), arrays) for f in fields(value)}
        }
    if isinstance(value, dict):
        return {"dict": {key: _encode(item, arrays) for key, item in value.items()}}
    if isinstance(value, tuple):
        return {"tuple": [_encode(item, arrays) for item in value]}
    return {"value": value}


def _decode(encoded: dict[str, Any], arrays: Any) -> Any:
    ((kind, body),) = encoded.items()
    if kind == "array":
        return arrays[body]
    if kind == "comparison":
        return Comparison(**{name: _decode(item, arrays) for name, item in body.items()})
    if kind == "dict":
        return {key: _decode(item, arrays) for key, item in body.items()}
    if kind == "tuple":
        return tuple(_decode(item, arrays) for item in body)
    return body


def save_results(results: dict[str, Any], path: Path) -> None:
    """The recorded results as one .npz: the arrays, and the JSON that places them."""
    arrays: dict[str, np.ndarray] = {}
    structure = json.dumps({key: _encode(value, arrays) for key, value in results.items()})
    np.savez(path, structure=np.array(structure), **arrays)


def load_results(path: Path) -> dict[str, Any]:
    """What :func:`save_results` wrote, read without unpickling anything."""
    with np.load(path, allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    structure = json.loads(str(arrays.pop("structure")))
    return {key: _decode(value, arrays) for key, value in structure.items()}


def replay_keras_results(results: dict[str, Any]) -> None:
    """The control: the recorded results instead of layers, and no TensorFlow to import."""
    sys.modules["convlab.lesson.keras_layers"] = types.ModuleType("convlab.lesson.keras_layers")
    for name in KERAS_BACKED:

        def lookup(*args: Any, _name=name) -> Any:
            return results[repr((_name, args))]

        setattr(lesson, name, lookup)
        setattr(ui, name, lookup)


def control_main(record: Path, cold_cache: bool) -> None:
    """The child: "name i" on stdin reruns the control's page (i < 0: warm it up); prints s."""
    replay_keras_results(load_results(record))
    pages = Pages(cold_cache)
    for line in sys.stdin:
        name, i = line.split()
        if int(i) < 0:
            pages.warm(name)
            print(0.0, flush=True)
        else:
            print(pages.rerun(name, int(i)), flush=True)
    assert "tensorflow" not in sys.modules, "the control imported TensorFlow"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=12, help="timed reruns per page (default 12)")
    parser.add_argument("--cold-cache", action="store_true", help="clear st.cache_data each time")
    parser.add_argument("--control", type=Path, help=argparse.SUPPRESS)  # the child's mode
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest has no runtime: noisy
    if args.control:
        control_main(args.control, args.cold_cache)
        return

    results = record_keras_results()
    pages = Pages(args.cold_cache)
    for name in PAGES:
        pages.warm(name)  # records every result the control will look up
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in PAGES}
    with tempfile.TemporaryDirectory(prefix="convlab-rerun-") as folder:
        record = Path(folder) / "results.npz"
        save_results(results, record)
        command = [sys.executable, __file__, "--control", str(record)]
        with subprocess.Popen(
            [*command, *(["--cold-cache"] if args.cold_cache else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        ) as control:

            def ask(name: str, i: int) -> float:
                control.stdin.write(f"{name} {i}\n")
                control.stdin.flush()
                return float(control.stdout.readline())

            for name in PAGES:
                ask(name, -1)
                for i in range(args.reps):  # page and control alternate: same load on both
                    times[name][0].append(pages.rerun(name, i))
                    times[name][1].append(ask(name, i))
            control.stdin.close()
            assert control.wait() == 0, "the control failed"
    cache = "cleared before each rerun" if args.cold_cache else "warm (every setting cached)"
    print(f"median of {args.reps} AppTest reruns per page, st.cache_data {cache}")
    print(f"{'page':<8} {'page ms':>8} {'control ms':>11} {'ratio':>6}   (goal <= 1.3)")
    for name, (page, ctrl) in times.items():
        page_ms, control_ms = statistics.median(page) * 1000, statistics.median(ctrl) * 1000
        print(f"{name:<8} {page_ms:8.1f} {control_ms:11.1f} {page_ms / control_ms:6.2f}")
    conv1d = statistics.median(times["conv1d"][0]) * 1000
    print(f"/conv1d slider rerun: {conv1d:.0f} ms in AppTest (goal < 200 ms)")


if __name__ == "__main__":
    main()
