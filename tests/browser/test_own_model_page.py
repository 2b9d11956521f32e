"""Upload a model file to the Your model page in a real browser and see its heatmaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from convlab.i18n import message
from convlab.ownmodel import examples
from tests.browser.harness import (
    CHART_SVG,
    assert_no_exception,
    open_page,
    rerun_after,
    screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_upload_a_model_and_see_its_heatmaps(
    page: Page, base_url: str, tmp_path: Path, lang: str
) -> None:
    open_page(page, base_url, f"/your_model?own_source=upload&lang={lang}")
    assert_no_exception(page, "/your_model upload")
    model = tmp_path / "my_signal_model.keras"
    model.write_bytes(examples.read("signal_example"))
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    rerun_after(page, lambda: chooser.set_input_files(str(model)))
    wait_for_app(page)
    page.locator(CHART_SVG).nth(4).wait_for(state="visible")
    assert_no_exception(page, "/your_model after the upload")
    assert page.locator(CHART_SVG).count() == 5
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert message("own.activations", lang) in text
    assert "my\\_signal\\_model.keras" not in text  # escaped markdown renders as the plain name
    assert "my_signal_model.keras" in text
    screenshot(page, f"your_model-upload-{lang}")
