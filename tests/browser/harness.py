"""Start the Streamlit server and Debian's Chromium: shared by the browser tests and the bench.

Nothing here is pytest-specific, so `bench/cold_start.py` imports it too.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

from deploy import replicas
from deploy.replicas import Server

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "tests" / "screenshots"

# Debian's chromium (apt-get install chromium); Playwright's own browser builds are never used.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 1000}  # projector-like

# The first page load imports TensorFlow and loads the vectors, so allow it plenty of time.
PAGE_TIMEOUT_MS = 90_000

# Streamlit 1.67 DOM hooks.
APP = '[data-testid="stApp"]'
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
MAIN_BLOCK = '[data-testid="stMainBlockContainer"]'
EXCEPTION = '[data-testid="stException"]'
CHART_SVG = '[data-testid="stVegaLiteChart"] svg'
# Streamlit 1.67 sliders are react-aria: a visually hidden <input type="range"> takes the keys
# (there is no div[role="slider"] any more).
SLIDER_INPUT = '[data-testid="stSlider"] input[type="range"]'

CJK = re.compile(r"[\u4e00-\u9fff]")


def app_dir() -> Path:
    """Folder holding app.py: $CONVLAB_APP_DIR if set (e.g. a stub), else the repo root."""
    return Path(os.environ.get("CONVLAB_APP_DIR") or REPO_ROOT).resolve()


def start_server(directory: Path | None = None, **kwargs) -> Server:
    """Spawn `streamlit run app.py` in `directory` (default app_dir()); return once healthy."""
    return replicas.start_server(directory or app_dir(), **kwargs)


@contextlib.contextmanager
def running_server(directory: Path | None = None, **kwargs) -> Iterator[Server]:
    server = start_server(directory, **kwargs)
    try:
        yield server
    finally:
        server.stop()


def chromium_missing_reason() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return None
    return f"{CHROMIUM} not found (as root: apt-get update && apt-get install -y chromium)"


def launch_browser(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_page(browser: Browser) -> Page:
    return browser.new_page(viewport=VIEWPORT)


def wait_for_app(page: Page, timeout: float = PAGE_TIMEOUT_MS) -> None:
    """Wait until the websocket is up, the script run has finished and everything is drawn."""
    page.wait_for_selector(CONNECTED, state="attached", timeout=timeout)
    page.wait_for_selector(SCRIPT_DONE, state="attached", timeout=timeout)
    page.wait_for_selector(MAIN_BLOCK, state="attached", timeout=timeout)
    wait_rendered(page, timeout)


def wait_rendered(page: Page, timeout: float = PAGE_TIMEOUT_MS) -> None:
    """Wait until lazy elements are drawn: no loading skeleton, every chart on SVG or canvas.

    Streamlit finishes the script run before charts and tables are drawn, so a
    screenshot taken at "notRunning" can show grey placeholders.
    """
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"]') &&
                 [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                   .every(chart => chart.querySelector("svg, canvas"))""",
        timeout=timeout,
    )


def open_page(page: Page, base_url: str, path: str, timeout: float = PAGE_TIMEOUT_MS) -> Page:
    """Open `path` (e.g. "/conv1d" or "/embed?lang=zh") and wait for its script run to finish."""
    page.goto(base_url.rstrip("/") + path, timeout=timeout)
    wait_for_app(page, timeout)
    return page


def rerun_after(page: Page, action, timeout: float = PAGE_TIMEOUT_MS) -> None:
    """Do `action()` (a click, a key press), then wait for the rerun it causes to finish.

    A MutationObserver notes when the script state leaves "notRunning", so a rerun faster
    than our polling is not missed. It reads each change's old value too: a fragment's rerun
    can go to "running" and back before the observer's callback runs, and then only the
    record of the second change still says it ran.
    """
    page.evaluate(
        """(sel) => {
            const app = document.querySelector(sel);
            window.__convlabRerunSeen = false;
            window.__convlabObserver?.disconnect();
            window.__convlabObserver = new MutationObserver((records) => {
                const ran = records.some((r) => r.oldValue && r.oldValue !== "notRunning");
                if (ran || app.dataset.testScriptState !== "notRunning") {
                    window.__convlabRerunSeen = true;
                }
            });
            window.__convlabObserver.observe(app, {
                attributeFilter: ["data-test-script-state"],
                attributeOldValue: true,
            });
        }""",
        APP,
    )
    action()
    page.wait_for_function(
        """(sel) => window.__convlabRerunSeen &&
                    document.querySelector(sel)?.dataset.testScriptState === "notRunning" """,
        arg=APP,
        timeout=timeout,
    )


def exception_texts(page: Page) -> list[str]:
    return [e.inner_text() for e in page.locator(EXCEPTION).all()]


def assert_no_exception(page: Page, where: str) -> None:
    texts = exception_texts(page)
    assert not texts, f"{where} shows {len(texts)} exception(s):\n" + "\n---\n".join(texts)


def screenshot(page: Page, name: str, folder: Path = SCREENSHOT_DIR) -> Path:
    """Save the whole page as <folder>/<name>.png (default tests/screenshots).

    Streamlit scrolls inside its main block, so a "full page" screenshot would
    stop at the viewport: the viewport is stretched to the content instead.
    """
    wait_rendered(page)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    height = page.evaluate(
        """() => Math.max(...[...document.querySelectorAll(
                    '[data-testid="stMain"], [data-testid="stSidebarContent"]')]
                  .map(el => el.scrollHeight))"""
    )
    viewport = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    try:
        wait_rendered(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)
    return path


def train_on_page(page: Page, base_url: str, query: str = "") -> None:
    """Open /train with ``query``, press Train and wait for the page that shows the fit."""
    from convlab.i18n import message

    open_page(page, base_url, f"/train?{query}")
    assert_no_exception(page, "/train")
    button = page.get_by_role("button", name=message("train.button", "en"), exact=True)
    rerun_after(page, button.click, timeout=10 * PAGE_TIMEOUT_MS)
    metric = page.locator('[data-testid="stMetric"]', has_text=message("train.test_accuracy", "en"))
    metric.first.wait_for(state="visible")
    wait_for_app(page)  # the run after training, which redraws the page without the button
    page.locator(CHART_SVG).first.wait_for(state="visible")
    assert_no_exception(page, "/train after Train")
