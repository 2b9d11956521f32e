"""The Shape lab's new features in a real browser: a transposed layer, groups, a pasted model.

Each view is opened from a link, in English and Chinese, and screenshotted
(tests/screenshots/shapes-*.png) so that a reviewer can look at it.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page

from convlab.i18n import message
from convlab.shapelab import model_shapes, paste
from tests.browser.harness import CHART_SVG, assert_no_exception, open_page, screenshot

pytestmark = pytest.mark.browser

VIEWS = {
    "transpose": {
        "shape_preset": "transpose",
        "shape_layer": "conv1d_transpose",
        "shape_input": "5, 4",
        "shape_filters": "300",
        "shape_strides": "2",
        "shape_padding": "same",
        "shape_output_padding": "0",
    },
    "groups": {"shape_input": "None, 6", "shape_groups": "3", "shape_filters": "6"},
    "paste": {"shape_model": paste.EXAMPLES["text"]},
    "paste_keras1": {
        "shape_model": "model = Sequential()\n"
        "model.add(Convolution2D(8, 3, 3, border_mode='same', input_shape=(28, 28, 1)))\n"
        "model.add(MaxPooling2D(pool_size=(2, 2), strides=(1, 1), border_mode='same'))\n"
        "model.add(AveragePooling2D((3, 3), None, 'valid', 'tf'))\n"
        "model.add(Flatten())\n"
        "model.add(Dense(10))\n"
    },
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_shape_lab_views(page: Page, base_url: str, view: str, lang: str) -> None:
    path = "/shapes?" + urlencode({**VIEWS[view], "lang": lang})
    open_page(page, base_url, path)
    assert_no_exception(page, path)
    page.locator(CHART_SVG).first.wait_for(state="visible")
    close = page.locator('[role="dialog"] button[aria-label="Close"]')
    if close.count():  # a deep link to a fresh session may raise "Page not found" first
        close.first.click()
    screenshot(page, f"shapes-{view}-{lang}")
    text = page.locator('[data-testid="stMain"]').inner_text()
    if view.startswith("paste"):  # the table is a canvas; the verdict under it is text
        pasted = model_shapes.with_input(paste.parse(VIEWS[view]["shape_model"]))
        rows = model_shapes.explain(pasted)
        total = f"{sum(row.params for row in rows):,}"
        layers = len(rows)
        verdict = message("paste.verdict", lang, layers=layers, params=total, keras=total)
        assert verdict in text
    if view == "paste_keras1":  # translated, not refused: no class "renamed" to itself
        assert "border_mode='same' → padding='same'" in text
        assert "'tf' → 'channels_last'" in text
        assert "MaxPooling2D → MaxPooling2D" not in text
