"""Open every page of the app in a real browser; screenshots go to tests/screenshots/.

To test more interactions, reuse the fixtures (`page`, `base_url`) and
`tests.browser.harness.open_page` / `rerun_after` / `assert_no_exception`.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from bench.cold_start import TARGETS as COLD_START_TARGETS
from convlab.i18n import message
from convlab.ui import PAGES as PAGE_REGISTRY
from deploy import replicas
from tests.browser import harness
from tests.browser.harness import (
    CHART_SVG,
    CJK,
    SLIDER_INPUT,
    assert_no_exception,
    open_page,
    rerun_after,
    screenshot,
)

pytestmark = pytest.mark.browser

# Every page of the app, from the app's own registry (screenshot name -> URL path), and one
# page on the other built-in vector set.
PAGES = {(entry.path or "landing"): f"/{entry.path or ''}" for entry in PAGE_REGISTRY}
PAGES["conv1d-glove50"] = "/conv1d?vectors=glove50"


@pytest.mark.parametrize(("name", "path"), PAGES.items(), ids=PAGES.keys())
def test_page_renders_without_exception(page: Page, base_url: str, name: str, path: str) -> None:
    open_page(page, base_url, path)
    screenshot(page, name)
    assert_no_exception(page, path)


def test_conv1d_slider_reruns_and_keeps_chart(page: Page, base_url: str) -> None:
    open_page(page, base_url, PAGES["conv1d"])
    slider = page.locator(SLIDER_INPUT).first
    slider.focus()
    before = slider.input_value()
    # ArrowRight, unless the slider already sits at its maximum (then no rerun would follow).
    key = "ArrowLeft" if float(before) >= float(slider.get_attribute("max")) else "ArrowRight"
    rerun_after(page, lambda: page.keyboard.press(key))
    assert_no_exception(page, f"/conv1d after {key} on the first slider")
    assert slider.input_value() != before, f"{key} did not move the first slider"
    page.locator(CHART_SVG).first.wait_for(state="visible")
    screenshot(page, "conv1d-after-slider")


@pytest.mark.parametrize(("name", "path"), PAGES.items(), ids=PAGES.keys())
def test_page_in_chinese(page: Page, base_url: str, name: str, path: str) -> None:
    path += ("&" if "?" in path else "?") + "lang=zh"
    open_page(page, base_url, path)
    screenshot(page, f"{name}-zh")
    assert_no_exception(page, path)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert CJK.search(text), f"{path} shows no Chinese characters:\n{text[:500]}"
    heading = page.locator("h1").first.inner_text()
    assert CJK.search(heading), f"{path} has an untranslated title: {heading}"


def test_deep_link_to_a_fresh_server_goes_through_the_router(browser) -> None:
    """The first visitor of a new server may arrive on /conv1d from a shared link.

    Until a script calls ``st.navigation``, Streamlit discovers pages from pages/*.py;
    the stub pages/conv1d.py hands that first run to the router, so the visitor sees
    the router's sections and titles and the page the link names, and no "Page not
    found" dialog.
    """
    with harness.running_server() as server:
        page = browser.new_page(viewport=harness.VIEWPORT)
        try:
            open_page(page, server.base_url, "/conv1d?lang=zh&n=2")
            assert_no_exception(page, "/conv1d on a fresh server")
            nav = page.locator('[data-testid="stSidebarNavLink"]')
            nav.first.wait_for(state="visible", timeout=harness.PAGE_TIMEOUT_MS)
            harness.wait_for_app(page)
            assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").inner_text()
            links = nav.all_inner_texts()
            titles = [message(entry.nav, "zh") for entry in PAGE_REGISTRY]
            assert [text.splitlines()[-1] for text in links] == titles
            assert page.locator("h1").first.inner_text() == message("conv1d.title", "zh")
            assert "n=2" in page.url
            # What bench/cold_start.py waits for: the heatmap's cells, 8 n-grams x 4 filters,
            # in the place that held the output's layout while TensorFlow was imported.
            assert page.locator(COLD_START_TARGETS["/conv1d"]["app"]).count() == 8 * 4
        finally:
            page.close()


def test_a_chinese_sentence_in_chinese(page: Page, base_url: str) -> None:
    """A Chinese learner's first move: Chinese words as rows, and the notice about vectors."""
    sentence = "这部电影很好看，但是太长了。"
    path = f"/conv1d?lang=zh&sentence={quote(sentence)}"
    open_page(page, base_url, path)
    screenshot(page, "conv1d-chinese-sentence-zh")
    assert_no_exception(page, path)
    main = page.locator('[data-testid="stMain"]')
    notice = message("segmentation.no_vectors", "zh", missing=7, total=9, name="md300",
                     policy=message("oov.random", "zh"))  # fmt: skip
    assert notice.split("**")[1] in main.inner_text()
    page.locator(CHART_SVG).first.wait_for(state="visible")
    assert "1: 电影 很 好看" in page.locator(CHART_SVG).first.inner_html()


def test_the_first_slider_press_after_a_server_restart_counts(browser) -> None:
    """Open /conv1d?n=4, restart the server on the same port, press the slider once: n is 5."""
    port = replicas.free_port()
    page = browser.new_page(viewport=harness.VIEWPORT)
    try:
        with harness.running_server(port=port) as server:
            open_page(page, server.base_url, "/conv1d?n=4")
            slider = page.locator(SLIDER_INPUT).first  # kernel_size n
            assert slider.input_value() == "4"
        with harness.running_server(port=port):
            page.locator(harness.CONNECTED).wait_for(timeout=harness.PAGE_TIMEOUT_MS)
            slider.focus()
            rerun_after(page, lambda: page.keyboard.press("ArrowRight"))
            assert_no_exception(page, "/conv1d after the restart")
            assert slider.input_value() == "5"
            assert "n=5" in page.url
            label = message("metric.kernel", "en")
            kernel = page.locator('[data-testid="stMetric"]', has_text=label).first
            assert "(5, 300, 4)" in kernel.inner_text()
    finally:
        page.close()
