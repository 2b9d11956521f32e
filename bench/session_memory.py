"""Server RSS before, during and after sessions that upload large tables, in real browsers.

A real `streamlit run` server; each session opens /train?cnn_data=upload in its own browser
context and uploads a CSV of about --mb MB. The contexts are then closed. Streamlit keeps a
disconnected session for server.disconnectedSessionTTL (120 s by default; this bench sets it to
--ttl seconds), then drops it; convlab's next collection of frozen objects
(keras_runtime.REFREEZE_SECONDS, at the first script run after it) frees what it held. The
control is the same server's RSS before any upload, once /conv1d and /train have been
visited (their modules and TensorFlow are the process's, not a session's). Goal: after the
sessions close, RSS is back within 50 MB of it. A second cycle of the same uploads then
tells memory kept for reuse (RSS stays where the first cycle left it) from a leak (RSS
grows with every cycle).

    .venv/bin/python bench/session_memory.py [--sessions 3] [--mb 20] [--ttl 5] [--cycles 2]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser import harness

UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'
WARM_UP = ("/conv1d", "/train?cnn_data=upload")
"""Visited before the start is measured: TensorFlow, the lesson and the Train page's modules
load once per process, whoever comes first; they are not a session's memory."""
REFREEZE_WAIT = 65
"""Seconds for convlab.keras_runtime.REFREEZE_SECONDS (60) to pass; not imported from there,
which would import TensorFlow into this client process."""


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def write_table(path: Path, megabytes: float) -> None:
    """A two-class CSV of about ``megabytes`` MB, each row a long distinct review."""
    words = ["the", "film", "was", "quietly", "moving", "and", "rather", "long", "yet", "dull"]
    rows, size, i = ["text,label"], 0, 0
    while size < megabytes * 1_000_000:
        text = " ".join(f"{words[(i + k) % len(words)]}{(i * 7 + k) % 1000}" for k in range(180))
        rows.append(f"{text},{'pos' if i % 2 else 'neg'}")
        size += len(rows[-1]) + 1
        i += 1
    path.write_text("\n".join(rows) + "\n")


def visit(browser, base_url: str, path: str) -> None:
    """One short session: open ``path``, wait for its run to finish, close it."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    try:
        harness.open_page(context.new_page(), base_url, path)
    finally:
        context.close()


def settle(browser, base_url: str, ttl: float) -> None:
    """Let closed sessions expire, make Streamlit drop them, then let a refreeze collect them.

    Streamlit drops an expired session from its store only when the store next changes (a
    session disconnecting), and convlab refreezes at the first script run REFREEZE_WAIT later.
    """
    time.sleep(ttl + 1)
    visit(browser, base_url, "/")  # its disconnect drops the expired sessions
    time.sleep(REFREEZE_WAIT)
    visit(browser, base_url, "/")  # its run's clear_session refreezes: they are collected
    time.sleep(3)


def upload_and_close(browser, base_url: str, pid: int, table: Path, args) -> float:
    """``args.sessions`` sessions each upload ``table`` and stay open; then all close.

    Returns the peak RSS seen while they were open.
    """
    contexts, peak = [], 0.0
    for i in range(args.sessions):
        context = browser.new_context(viewport=harness.VIEWPORT)
        contexts.append(context)
        page = harness.open_page(context.new_page(), base_url, "/train?cnn_data=upload")
        harness.rerun_after(page, lambda page=page: page.set_input_files(UPLOAD_INPUT, str(table)))
        harness.assert_no_exception(page, f"upload {i + 1}")
        peak = max(peak, rss_mb(pid))
        print(f"session {i + 1} uploaded {table.stat().st_size / 1e6:.1f} MB: "
              f"{rss_mb(pid):7.1f} MB", flush=True)  # fmt: skip
    for context in contexts:
        context.close()
    return peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=3, help="uploading sessions (default 3)")
    parser.add_argument("--mb", type=float, default=20.0, help="CSV size in MB (default 20)")
    parser.add_argument("--ttl", type=int, default=5, help="disconnectedSessionTTL in s")
    parser.add_argument("--cycles", type=int, default=2, help="upload-and-close cycles (default 2)")
    args = parser.parse_args()
    reason = harness.chromium_missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    os.environ["STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL"] = str(args.ttl)

    with tempfile.TemporaryDirectory(prefix="convlab-mem-") as tmp, sync_playwright() as p:
        table = Path(tmp) / "reviews.csv"
        write_table(table, args.mb)
        browser = harness.launch_browser(p)
        server = harness.start_server()
        try:
            pid = server.proc.pid
            for path in WARM_UP:  # code and caches every session shares, imported once
                visit(browser, server.base_url, path)
            settle(browser, server.base_url, args.ttl)
            start = rss_mb(pid)
            print(f"start (pages visited once, no session open): {start:7.1f} MB", flush=True)
            peak, after = start, []
            for cycle in range(1, args.cycles + 1):
                peak = max(peak, upload_and_close(browser, server.base_url, pid, table, args))
                settle(browser, server.base_url, args.ttl)
                after.append(rss_mb(pid))
                print(f"cycle {cycle}: after the sessions closed {after[-1]:7.1f} MB", flush=True)
        finally:
            server.stop()
            browser.close()
    print(f"peak with {args.sessions} sessions open: {peak:7.1f} MB")
    print(f"after they closed (TTL {args.ttl} s + refreeze): {after[0]:7.1f} MB")
    print(f"after - start: {after[0] - start:+.1f} MB (goal: within 50 MB)")
    if len(after) > 1:  # held for reuse, or leaked: a leak grows with every cycle
        print(f"after the last cycle - after the first: {after[-1] - after[0]:+.1f} MB")
    print(f"start: after visiting {', '.join(WARM_UP)} once, without an upload")
    return 0


if __name__ == "__main__":
    sys.exit(main())
