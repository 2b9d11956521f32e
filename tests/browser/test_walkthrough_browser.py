"""The Conv1D walkthrough in a real browser: Play moves the window; a click picks a cell."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page

from convlab.i18n import message
from tests.browser import harness
from tests.browser.harness import assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser

CHARTS = '[data-testid="stVegaLiteChart"]'
INPUT, OUTPUT = 1, 2
"""Chart positions on the Conv1D page: the output heatmap comes first."""
STEP = re.compile(r"^(Step \d+ of|第 \d+ 步)")


def open_walkthrough(page: Page, base_url: str, path: str) -> None:
    open_page(page, base_url, path)
    # A deep link's first load may show Streamlit's "page not found" notice before the
    # router takes over; it is not part of the page.
    dialog = page.locator('[data-testid="stDialog"]')
    if dialog.count():
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached")
    harness.wait_for_app(page)
    assert_no_exception(page, path)


def step_line(page: Page) -> Locator:
    return page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=STEP).first


def step_number(page: Page) -> int:
    return int(re.search(r"\d+", step_line(page).inner_text()).group())


def test_play_moves_the_window(page: Page, base_url: str) -> None:
    open_walkthrough(page, base_url, "/conv1d")
    assert step_number(page) == 1
    input_chart = page.locator(CHARTS).nth(INPUT)
    input_chart.scroll_into_view_if_needed()
    before = input_chart.screenshot()
    page.get_by_role("button", name="Play").click()
    # One step a second; a loaded machine may be slower, so wait for two steps, not a time.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
                 .some(el => /^Step ([3-7]) of 7/.test(el.innerText))""",
        timeout=30_000,
    )
    assert_no_exception(page, "/conv1d while playing")
    screenshot(page, "walkthrough-playing")
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=30_000)
    assert "cell_t=" in page.url
    harness.wait_rendered(page)
    assert input_chart.screenshot() != before, "the window outline did not move"


def test_clicking_an_output_cell_selects_it(page: Page, base_url: str) -> None:
    open_walkthrough(page, base_url, "/conv1d")
    output_chart = page.locator(CHARTS).nth(OUTPUT)
    output_chart.scroll_into_view_if_needed()
    # The transparent frames: the last rect layer, on top of the values.
    cells = output_chart.locator("g.mark-rect.role-mark").last.locator("path")
    assert cells.count() == 7 * 4
    harness.rerun_after(page, lambda: cells.nth(3 * 4 + 2).click())
    harness.wait_for_app(page)
    page.wait_for_function("() => location.search.includes('cell_t=3')", timeout=30_000)
    assert "cell_f=2" in page.url
    assert step_line(page).inner_text().startswith("Step 4 of 7")
    assert "filter f2" in step_line(page).inner_text()
    screenshot(page, "walkthrough-clicked")


def test_walkthrough_in_chinese(page: Page, base_url: str) -> None:
    open_walkthrough(page, base_url, "/conv1d?lang=zh&cell_t=4&cell_f=1&padding=same")
    line = step_line(page).inner_text()
    assert line.startswith("第 5 步，共 9 步"), line
    assert message("walk.title", "zh") in page.locator('[data-testid="stMain"]').inner_text()
    screenshot(page, "walkthrough-zh")


def test_clicking_an_input_row_selects_the_first_window_reading_it(
    page: Page, base_url: str
) -> None:
    open_walkthrough(page, base_url, "/conv1d")
    input_chart = page.locator(CHARTS).nth(INPUT)
    input_chart.scroll_into_view_if_needed()
    cells = input_chart.locator("g.mark-rect.role-mark").last.locator("path")
    columns = 12 + 1  # d0…d11 and the Σ column of the other 288 dimensions
    assert cells.count() == 9 * columns
    # Row 5 ("movie"): n = 3, valid, so windows 3, 4 and 5 read it, and 3 is the first.
    harness.rerun_after(page, lambda: cells.nth(5 * columns + 2).click())
    harness.wait_for_app(page)
    page.wait_for_function("() => location.search.includes('cell_t=3')", timeout=30_000)
    assert step_line(page).inner_text().startswith("Step 4 of 7")
    screenshot(page, "walkthrough-row-clicked")


ROADS_QUERY = "&".join(
    (
        "sentence=" + "+".join(f"good{i % 7}+movie" for i in range(100)),  # the 200-token cap
        "n=10&filters=64&padding=causal&dilation=3",  # the longest shapes and padding texts
    )
)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_six_roads_fit_the_page_at_1280_px(page: Page, base_url: str, lang: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, base_url, f"/conv2d?lang={lang}&{ROADS_QUERY}")
    harness.wait_rendered(page)
    assert_no_exception(page, "/conv2d with 200 tokens")
    tables = page.locator('[data-testid="stDataFrame"]')
    for table in (tables.nth(0), tables.nth(1)):  # shapes and |Δ|; strides, dilation, padding
        table.scroll_into_view_if_needed()
        scroller = table.locator(".dvn-scroller")
        scroller.wait_for()
        wide, shown = scroller.evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert wide <= shown, f"the table scrolls sideways: {wide} px in {shown} px"
    tables.nth(0).scroll_into_view_if_needed()
    screenshot(page, f"six-roads-1280-{lang}")
