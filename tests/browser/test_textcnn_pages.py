"""Train a small text CNN through the real page, then look at its filters; screenshots of both."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from convlab.i18n import message
from tests.browser.harness import (
    assert_no_exception,
    open_page,
    screenshot,
    train_on_page,
)

pytestmark = pytest.mark.browser

SMALL = "cnn_rows=1000&cnn_kernel_sizes=3,4&cnn_filters=8&cnn_epochs=2"


def test_train_then_see_the_filters(page: Page, base_url: str) -> None:
    train_on_page(page, base_url, SMALL)
    assert not page.get_by_role("button", name=message("train.button", "en"), exact=True).count()
    screenshot(page, "train-fitted")

    sentence = "I didn't like this movie, it's a waste of time."
    open_page(page, base_url, f"/filters?{SMALL}&cnn_sentence={sentence}")
    assert_no_exception(page, "/filters")
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert message("filters.prediction", "en") in text
    assert page.locator('[data-testid="stDataFrame"]').count() >= 2
    screenshot(page, "filters")
