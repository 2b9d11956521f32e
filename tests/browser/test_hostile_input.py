"""Hostile input in the real browser: link values that must not become links, and a .keras bomb
uploaded while the server's peak memory is measured."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from convlab.textcnn import model_file
from tests import bombs
from tests.browser.harness import (
    MAIN_BLOCK,
    Server,
    assert_no_exception,
    open_page,
    rerun_after,
    screenshot,
)

pytestmark = pytest.mark.browser

EVIL = 'a[href*="evil.example"]'
LINKED = {
    "conv1d": "padding",  # the frame's "values not usable" warning
    "word_vectors": "word",  # "no such word" and the neighbours section
}
VALUES = ("https://evil.example/login", "www.evil.example", "bob@evil.example")
UPLOAD_CAP = 50 * 2**20  # .streamlit/config.toml server.maxUploadSize


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("path", list(LINKED))
def test_values_from_a_link_are_never_links(
    page: Page, base_url: str, path: str, value: str
) -> None:
    open_page(page, base_url, f"/{path}?{LINKED[path]}={quote(value, safe='')}")
    assert_no_exception(page, path)
    shown = page.locator(MAIN_BLOCK).inner_text()
    assert "evil.example" in shown  # the value is said back, as text
    assert page.locator(EVIL).count() == 0
    assert page.locator('a[href^="mailto:"]').count() == 0
    if value == VALUES[0]:
        screenshot(page, f"hostile-link-{path}")


def _memory(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def test_a_keras_bomb_upload_leaves_the_server_alone(page: Page, server: Server) -> None:
    """The issue's 2 GiB weights member: 2 MB on the wire, refused from the zip's directory."""
    raw = bombs.keras_bomb(model_file.WEIGHTS, 2048)
    open_page(page, server.base_url, "/train")
    try:
        Path(f"/proc/{server.proc.pid}/clear_refs").write_text("5")
    except OSError as err:
        pytest.skip(f"cannot reset the server's peak RSS: {err}")
    start = _memory(server.proc.pid, "VmRSS")
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]').last
    rerun_after(
        page,
        lambda: upload.set_input_files(
            files=[{"name": "bomb.keras", "mimeType": "application/zip", "buffer": raw}]
        ),
    )
    rise = _memory(server.proc.pid, "VmHWM") - start
    assert_no_exception(page, "/train")
    warning = page.locator('[data-testid="stAlertContentWarning"]').last.inner_text()
    assert "bomb.keras" in warning and "model.weights.h5" in warning and "2,048.0" in warning
    screenshot(page, "hostile-keras-upload")
    print(f"browser: .keras of {len(raw) / 2**20:.1f} MB, server peak RSS +{rise / 2**20:.1f} MB")
    assert rise <= 2 * UPLOAD_CAP
