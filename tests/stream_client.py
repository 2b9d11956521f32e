"""A Streamlit session held the way the browser holds one: for the load bench and the deploy tests.

The browser loads the page (which sets Streamlit's XSRF cookie and, behind deploy/'s nginx,
the sticky-replica cookie), opens ``/_stcore/stream`` with the subprotocols
``["streamlit", <xsrf token>]`` and those cookies, and sends a ``BackMsg.rerun_script``
carrying the URL's query string and page. The server answers with ForwardMsgs (``new_session``,
one ``delta`` per element, ``script_finished``). A slider press is another rerun whose
``widget_states`` carry the slider's new value. Only the widget that changed is sent: the
server keeps the others' values from the previous run, so the script does the same work.

What this client does not do: fetch the page's JS and CSS (a browser caches them after the
first visit) or announce cached message hashes (so the server sends every element in full,
slightly more work than for a browser).
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Common_pb2 import DoubleArray
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

XSRF_COOKIE = "_streamlit_xsrf"
UPSTREAM_HEADER = "X-Convlab-Upstream"
"""Set by deploy/nginx.conf.template: which replica answered (tests check stickiness with it)."""

EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
DONE = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class Run:
    """One script run as the client saw it: from sending the rerun to ``script_finished``."""

    seconds: float
    drawn: dict[tuple[int, ...], Element] = field(default_factory=dict)
    """Each element at its place in the page (its ``delta_path``). One drawn where another
    was replaces it, as in the browser: a cold server draws the Conv1D output's layout in
    an ``st.empty`` and then, once Keras is imported, the heatmap in its place."""
    exceptions: list[str] = field(default_factory=list)
    finished: bool = False  # script_finished arrived with a success status

    @property
    def elements(self) -> list[Element]:
        """What the page shows at the end of the run, top to bottom as first drawn."""
        return list(self.drawn.values())

    @property
    def ok(self) -> bool:
        return self.finished and not self.exceptions

    def texts(self, kind: str) -> list[str]:
        """The visible text of every element of one kind: metric bodies, code blocks, markdown."""
        field_of = {"metric": "body", "code": "code_text", "markdown": "body"}[kind]
        return [getattr(getattr(e, kind), field_of) for e in self.elements if e.HasField(kind)]


def http_get(url: str, cookies: dict[str, str], timeout: float) -> tuple[int, dict[str, str], str]:
    """GET ``url`` sending ``cookies``; return the status, the cookies it set, and its upstream."""
    request = urllib.request.Request(url)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        jar: SimpleCookie = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        upstream = response.headers.get(UPSTREAM_HEADER, "")
        return response.status, {k: m.value for k, m in jar.items()}, upstream


class Session:
    """One visitor's tab: open a link, then press widgets; every call waits for its run."""

    def __init__(self, base_url: str, path: str, *, timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(path)
        self.page = parts.path.strip("/")
        self.query = parts.query
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.upstream = ""  # the replica the websocket reached, if the proxy said
        self.ws: ClientConnection | None = None
        self.last: Run | None = None

    async def open(self) -> Run:
        """Load the page like a browser: GET it and the health check, connect, run the script."""
        url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        # The page sets the proxy's sticky cookie; the health check, sent with it, the XSRF one.
        for link in (url, f"{self.base_url}/_stcore/health"):
            _, cookies, _ = await asyncio.to_thread(http_get, link, self.cookies, self.timeout)
            self.cookies.update(cookies)
        xsrf = self.cookies.get(XSRF_COOKIE)
        headers = {"Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await connect(
            self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,  # a browser sends no pings; it answers the server's (every 30 s)
        )
        if self.ws.response is not None:
            self.upstream = self.ws.response.headers.get(UPSTREAM_HEADER, "")
        return await self.rerun([])

    def slider(self, key: str) -> Element:
        """The slider with widget key ``key`` as the last run drew it."""
        assert self.last is not None, "open() first"
        for element in self.last.elements:
            if element.HasField("slider") and element.slider.id.endswith(f"-{key}"):
                return element
        raise LookupError(f"no slider with key {key!r} on /{self.page}")

    async def press_slider(self, key: str, value: float) -> Run:
        """Move the slider ``key`` to ``value`` and wait for the rerun it causes."""
        widget_id = self.slider(key).slider.id
        state = WidgetState(id=widget_id, double_array_value=DoubleArray(data=[value]))
        return await self.rerun([state])

    async def rerun(self, widget_states: list[WidgetState]) -> Run:
        """Send one rerun_script and read ForwardMsgs until its script_finished."""
        assert self.ws is not None, "open() first"
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.widget_states.widgets.extend(widget_states)
        state.context_info.timezone = "UTC"
        state.context_info.locale = "en-US"
        start = time.perf_counter()
        run = Run(0.0)
        await self.ws.send(msg.SerializeToString())
        async with asyncio.timeout(self.timeout):
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await self.ws.recv())
                kind = fwd.WhichOneof("type")
                if kind == "new_session":  # a run (re)starts: drop what an interrupted one drew
                    run.drawn.clear()
                    run.exceptions.clear()
                elif kind == "delta" and fwd.delta.HasField("new_element"):
                    element = fwd.delta.new_element
                    run.drawn[tuple(fwd.metadata.delta_path)] = element
                    if element.HasField("exception"):
                        error = element.exception
                        run.exceptions.append(f"{error.type}: {error.message}")
                elif kind == "script_finished":
                    if fwd.script_finished == EARLY_FOR_RERUN:
                        continue  # st.rerun() or a newer request: the run that counts follows
                    run.finished = fwd.script_finished in DONE
                    break
        run.seconds = time.perf_counter() - start
        self.last = run
        return run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None
