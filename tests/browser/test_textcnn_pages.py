"""Train a small text CNN through the real page, then look at its filters; screenshots of both."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from convlab.i18n import message
from tests.browser.harness import (
    CHART_SVG,
    PAGE_TIMEOUT_MS,
    assert_no_exception,
    open_page,
    rerun_after,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

SMALL = "cnn_rows=1000&cnn_kernel_sizes=3,4&cnn_filters=8&cnn_epochs=2"


def test_train_then_see_the_filters(page: Page, base_url: str) -> None:
    open_page(page, base_url, f"/train?{SMALL}")
    assert_no_exception(page, "/train")
    button = page.get_by_role("button", name=message("train.button", "en"), exact=True)
    rerun_after(page, button.click, timeout=4 * PAGE_TIMEOUT_MS)
    page.get_by_text(message("train.test_accuracy", "en")).first.wait_for(state="visible")
    wait_for_app(page)  # the run after training, which redraws the page without the button
    page.locator(CHART_SVG).first.wait_for(state="visible")
    assert_no_exception(page, "/train after Train")
    assert not page.get_by_role("button", name=message("train.button", "en"), exact=True).count()
    screenshot(page, "train-fitted")

    sentence = "I didn't like this movie, it's a waste of time."
    open_page(page, base_url, f"/filters?{SMALL}&cnn_sentence={sentence}")
    assert_no_exception(page, "/filters")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert message("filters.prediction", "en") in text
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    screenshot(page, "filters")
