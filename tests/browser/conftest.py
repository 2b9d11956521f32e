"""Fixtures for the real-browser tests: one Streamlit server per session, Debian's Chromium.

Point the server at another app with CONVLAB_APP_DIR=/path/to/dir (default: the repo root).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser import harness


@pytest.fixture(scope="session")
def server() -> Iterator[harness.Server]:
    """Start `streamlit run app.py` on a free port; yield it; kill its process group."""
    try:
        server = harness.start_server(harness.app_dir())
    except (OSError, RuntimeError) as exc:  # TimeoutError is an OSError
        pytest.fail(f"could not start the Streamlit server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def base_url(server: harness.Server) -> str:
    """The shared server's URL."""
    return server.base_url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium. Skipped when it is missing, except in CI, where that fails.

    Module scope keeps Playwright's event loop out of the non-browser tests that run later.
    """
    reason = harness.chromium_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as p:
        browser = harness.launch_browser(p)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh 1400x1000 tab (its own context, so no state leaks between tests)."""
    context = browser.new_context(viewport=harness.VIEWPORT)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
