"""Take the README's screenshots from the real app, driven by Debian's Chromium.

    .venv/bin/python tools/screenshots.py [--out docs]

Starts `streamlit run app.py`, opens each view below, waits until every chart
is drawn and saves a PNG, so the pictures in the README are never mock-ups.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import harness  # noqa: E402

VIEWS = {
    "embed": "/embed",
    "conv1d": "/conv1d?padding=same&filters=6",
    "conv2d-causal": "/conv2d?padding=causal&sentence=I+didn%27t+like+this+movie",
    "conv1d-zh": "/conv1d?lang=zh&init=ones&n=2",
    "conv1d-chinese": "/conv1d?lang=zh&sentence=%E8%BF%99%E9%83%A8%E7%94%B5%E5%BD%B1%E5%BE%88"
    "%E5%A5%BD%E7%9C%8B%EF%BC%8C%E4%BD%86%E6%98%AF%E5%A4%AA%E9%95%BF%E4%BA%86%E3%80%82",
    "shapes": "/shapes?shape_preset=image",
    "word_vectors": "/word_vectors?vectors=glove50&word=awful",
    "filters": "/filters?cnn_sentence=Not+a+bad+movie%2C+but+a+waste+of+a+good+cast.",
}
"""Views, in order; the filters page needs a fit, so the default model is trained first."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the PNGs")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with harness.running_server() as server, sync_playwright() as p:
        browser = harness.launch_browser(p)
        page = harness.new_page(browser)
        harness.train_on_page(page, server.base_url)  # the default settings, all of MR
        harness.screenshot(page, "train", folder=out)
        for name, path in VIEWS.items():
            harness.open_page(page, server.base_url, path)
            harness.assert_no_exception(page, path)
            saved = harness.screenshot(page, name, folder=out)
            print(f"{saved.relative_to(REPO)}  <- {path}")
        browser.close()


if __name__ == "__main__":
    main()
