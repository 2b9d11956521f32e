"""Cold start: seconds from spawning `streamlit run` to the Conv1D output's chart on /conv1d.

The same is measured for a bare control app (st.navigation + one Altair chart, no TensorFlow)
written to a temp folder, so the ratio app/control says what convlab itself adds on top of
Streamlit and the browser. Runs alternate app and control; medians are reported.

A second cold start of each opens the landing page instead, and times its title: the
TensorFlow import that convlab starts in the background must not hold it up.

    .venv/bin/python bench/cold_start.py [--runs 3] [--app-dir DIR]

The browser (Debian's /usr/bin/chromium) is started once, before any timing. The moment a
target appears is noted by a MutationObserver in the page, on the wall clock this process
reads too, not when Playwright's polling (every 100-500 ms) happens to see it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser import harness

TARGETS = {
    "/conv1d": {
        "app": f".st-key-conv1d_output {harness.CHART_SVG} .mark-rect.role-mark path",
        "control": f"{harness.CHART_SVG} .mark-line.role-mark path",
    },
    "/": {"app": "h1", "control": "h1"},
}
"""Each path opened on a cold server, and what shows that it is drawn, in each app.

On /conv1d that is the Conv1D output's heatmap with its values (its cells, rect marks): before
Keras is imported, the same place holds the output's layout, which has none."""

APPEARED = """selector => {
    window.__appeared = null;
    new MutationObserver((changes, observer) => {
        if (document.querySelector(selector)) {
            window.__appeared = performance.timeOrigin + performance.now();
            observer.disconnect();
        }
    }).observe(document, {subtree: true, childList: true});
}"""
"""Installed before the page loads: the epoch milliseconds at which ``selector`` first matched."""

CONTROL_APP = textwrap.dedent(
    '''
    """Bare control app for bench/cold_start.py: navigation and one Altair chart."""
    import altair as alt
    import pandas as pd
    import streamlit as st


    def landing():
        st.title("control")


    def conv1d():
        st.title("Conv1D")
        df = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
        st.altair_chart(alt.Chart(df).mark_line().encode(x="x", y="y"))


    st.navigation([
        st.Page(landing, title="Home", url_path="", default=True),
        st.Page(conv1d, title="Conv1D", url_path="conv1d"),
    ]).run()
    '''
)


def time_to_drawn(browser, app_dir: Path, path: str, target: str, timeout_ms: float) -> float:
    """Spawn the server for `app_dir`, open `path`, return seconds until `target` is visible."""
    server = harness.start_server(app_dir)
    spawned = server.spawned_at + time.time() - time.perf_counter()  # on the wall clock
    try:
        page = harness.new_page(browser)
        try:
            page.add_init_script(script=f"({APPEARED})({target!r})")
            page.goto(server.base_url + path, timeout=timeout_ms)
            page.locator(target).first.wait_for(state="visible", timeout=timeout_ms)
            harness.assert_no_exception(page, f"{app_dir}{path}")
            return page.evaluate("window.__appeared") / 1000 - spawned
        finally:
            page.close()
    except Exception:
        print(server.log_tail(), file=sys.stderr)
        raise
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts of each app (default 3)")
    parser.add_argument(
        "--app-dir",
        type=Path,
        default=harness.app_dir(),
        help="folder with app.py (default: $CONVLAB_APP_DIR or the repo root)",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per page load")
    args = parser.parse_args(argv)

    reason = harness.chromium_missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2

    timings: dict[tuple[str, str], list[float]] = {
        (path, name): [] for path in TARGETS for name in ("app", "control")
    }
    with tempfile.TemporaryDirectory(prefix="convlab-control-") as tmp, sync_playwright() as p:
        control_dir = Path(tmp)
        (control_dir / "app.py").write_text(CONTROL_APP)
        dirs = {"app": args.app_dir.resolve(), "control": control_dir}
        browser = harness.launch_browser(p)
        try:
            for run in range(1, args.runs + 1):
                for path in TARGETS:
                    for name, directory in dirs.items():
                        target, timeout = TARGETS[path][name], args.timeout * 1000
                        seconds = time_to_drawn(browser, directory, path, target, timeout)
                        timings[path, name].append(seconds)
                        print(f"run {run}/{args.runs}  {path:<8} {name:<8} {seconds:6.2f} s")
        finally:
            browser.close()

    print(f"\ncold start, median of {args.runs}: app {args.app_dir.resolve()}")
    print("  against a control: bare st.navigation + one Altair chart, no TensorFlow")
    for path, goal in (("/conv1d", "Conv1D output chart, goal <= 2.0"), ("/", "title")):
        app = statistics.median(timings[path, "app"])
        control = statistics.median(timings[path, "control"])
        ratio = app / control
        print(f"  {path:<8} app {app:6.2f} s  control {control:6.2f} s  ratio {ratio:.2f} ({goal})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
