"""A session's first run after a server restart: the browser's widget values beat the URL.

The browser reconnects to a new session and sends the values of the widgets it
shows with the first run (the slider press that woke it). AppTest reproduces
that by running a fresh session with another session's widget states.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest import APP, PAGES, TIMEOUT, no_exception, open_app, shape_metrics


def reconnected(widgets_from: AppTest, **query: str) -> AppTest:
    """A new session on /conv1d?query whose first run carries ``widgets_from``'s widget values."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, raw in query.items():
        at.query_params[key] = raw
    at.switch_page(PAGES["conv1d"])
    return at._run(widgets_from._tree.get_widget_states())


def test_the_first_press_after_a_restart_is_kept():
    before = open_app("conv1d", n="4")
    before.slider(key="n").set_value(5)  # pressed in the browser, sent to the new server
    at = reconnected(before, n="4")
    no_exception(at)
    assert at.slider(key="n").value == 5
    assert at.session_state["n"] == 5
    assert shape_metrics(at)["metric.kernel"] == "(5, 300, 4)"
    assert at.query_params["n"] == "5"  # the URL follows, in the same run
    # The next run keeps it, and the settings the browser did not send still come from the URL.
    at.run()
    assert at.slider(key="n").value == 5
    assert at.query_params["n"] == "5"


def test_the_url_still_fills_what_the_browser_did_not_send():
    before = open_app("conv1d", n="4")
    # The browser shows filters=4 whatever the URL says; the Train page's epochs are not on it.
    at = reconnected(before, n="4", filters="6", cnn_epochs="3")
    no_exception(at)
    assert (at.slider(key="n").value, at.slider(key="filters").value) == (4, 4)
    assert at.session_state["cnn_epochs"] == 3
    assert at.query_params["cnn_epochs"] == "3"
    assert "filters" not in at.query_params


def test_a_fresh_page_load_still_reads_the_url():
    at = open_app("conv1d", n="4", filters="6")
    no_exception(at)
    assert (at.slider(key="n").value, at.slider(key="filters").value) == (4, 6)
