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


def nested_model(path: Path) -> Path:
    """A model with a nested Sequential block of Conv1D layers, saved by Keras."""
    from tests import own_models

    own_models.nested(steps=60).save(path)
    return path


MODELS = {"my_signal_model.keras": None, "my_nested_model.keras": nested_model}
"""Uploaded file names, and how each is made (None: the shipped signal example)."""


@pytest.mark.parametrize("name", MODELS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_upload_a_model_and_see_its_heatmaps(
    page: Page, base_url: str, tmp_path: Path, lang: str, name: str
) -> None:
    open_page(page, base_url, f"/your_model?own_source=upload&lang={lang}")
    assert_no_exception(page, "/your_model upload")
    model = tmp_path / name
    make = MODELS[name]
    if make is None:
        model.write_bytes(examples.read("signal_example"))
    else:
        make(model)
    chooser = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    rerun_after(page, lambda: chooser.set_input_files(str(model)))
    wait_for_app(page)
    page.locator(CHART_SVG).nth(4).wait_for(state="visible")
    assert_no_exception(page, f"/your_model after uploading {name}")
    assert page.locator(CHART_SVG).count() == 5  # signal: 5 layers; nested: c0, 3 inside, pool
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert message("own.activations", lang) in text
    stem = name.removesuffix(".keras")
    assert name.replace("_", "\\_") not in text  # escaped markdown renders as the plain name
    assert name in text
    if make is not None:
        assert "block/cb" in text  # a layer inside the nested model, by its path
    screenshot(page, f"your_model-{stem}-{lang}")
