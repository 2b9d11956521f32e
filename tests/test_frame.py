"""The router's registry and the files Streamlit looks for before the router runs."""

from __future__ import annotations

from convlab.ui import PAGES
from tests.apptest import REPO


def test_every_page_path_has_its_first_run_stub_and_nothing_else() -> None:
    """A fresh server's first run discovers pages/*.py; each must hand over to the router."""
    stubs = {path.stem: path.read_text() for path in (REPO / "pages").glob("*.py")}
    assert set(stubs) == {page.path for page in PAGES if page.path}
    app = (REPO / "app.py").read_text()
    router_call = app[app.index("from convlab import ui") :]
    assert all(text.endswith(router_call) for text in stubs.values())


def test_every_registered_script_exists() -> None:
    assert all((REPO / page.script).is_file() for page in PAGES)
