"""The class deployment: two Streamlit replicas behind Debian's nginx (deploy/serve_class.py).

Skipped where nginx is not installed, except under CI=true, where the Makefile installs it
and a missing nginx fails. Pages are opened by tests/stream_client.py, which holds a
Streamlit session the way a browser does.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from convlab import settings
from convlab.vectors.sets import embed_sentence, load_builtin
from deploy import replicas, serve_class
from tests.apptest import REPO, en, open_app
from tests.stream_client import XSRF_COOKIE, Run, Session, http_get

LINK = "/conv1d?n=4&filters=3&seed=7&init=glorot_uniform"
STICKY = "convlab_replica"


def upload_cap_bytes() -> int:
    """server.maxUploadSize of the repo's config, in bytes (Streamlit counts MB as 2**20)."""
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    return config["server"]["maxUploadSize"] * 1024 * 1024


def rendered(tmp_path: Path) -> str:
    return serve_class.render(run_dir=tmp_path, listen="127.0.0.1:8080", ports=[9001, 9002],
                              upload_mb=serve_class.max_upload_mb())  # fmt: skip


def test_nginx_config_caps_bodies_at_streamlits_upload_limit(tmp_path: Path) -> None:
    text = rendered(tmp_path)
    # Streamlit refuses a multipart body over maxUploadSize + 1 MB: nginx refuses the same.
    assert f"client_max_body_size {upload_cap_bytes() + 1024 * 1024};" in text
    assert "server 127.0.0.1:9001 max_fails=2" in text and "server 127.0.0.1:9002" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "server 127.0.0.1:9001 backup;" in text
    assert re.search(r"@[A-Z_]+@", text) is None, "a placeholder was left unfilled"


def test_nginx_accepts_the_rendered_config(tmp_path: Path) -> None:
    reason = serve_class.nginx_missing_reason()
    if reason:
        pytest.skip(reason)
    config = tmp_path / "nginx.conf"
    config.write_text(rendered(tmp_path))
    tmp_path.chmod(0o755)
    check = subprocess.run(
        [serve_class.NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(config)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_train_page_says_fits_stay_in_one_replica(monkeypatch: pytest.MonkeyPatch) -> None:
    note = en("train.replica_only", replicas=3)
    assert note not in [c.value for c in open_app("train").caption]
    monkeypatch.setenv("CONVLAB_REPLICAS", "3")
    assert note in [c.value for c in open_app("train").caption]


def require_nginx() -> None:
    """Skip where nginx is missing, except under CI=true (the Makefile installs it): fail."""
    reason = serve_class.nginx_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def two_replicas(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serve_class.ClassServer]:
    """Two replicas and nginx on the loopback."""
    require_nginx()
    with serve_class.running(2, run_dir=tmp_path_factory.mktemp("class"), timeout=120.0) as srv:
        yield srv


def visit(base_url: str, path: str) -> tuple[Session, Run]:
    """Open ``path`` in a new session and close it; the session keeps its cookies and upstream."""

    async def go() -> tuple[Session, Run]:
        session = Session(base_url, path)
        try:
            return session, await session.open()
        finally:
            await session.close()

    return asyncio.run(go())


def expected_shapes() -> list[str]:
    """The Conv1D page's shape metrics for LINK, computed here from the embedded vectors."""
    words, dim = embed_sentence(settings.DEFAULTS["sentence"], load_builtin()).matrix.shape
    params = 4 * dim * 3 + 3
    return [str((1, words, dim)), str((4, dim, 3)), str((1, words - 4 + 1, 3)), f"{params:,}"]


def test_a_page_through_the_proxy_keeps_its_visitor_on_one_replica(
    two_replicas: serve_class.ClassServer,
) -> None:
    session, run = visit(two_replicas.base_url, LINK)
    assert run.ok, run.exceptions
    assert run.texts("metric") == expected_shapes()
    # The page, the health check and the websocket all reached the replica of the cookie.
    replica_ports = {urlsplit(s.base_url).port for s in two_replicas.replicas}
    assert session.cookies[STICKY] in {"1", "2"} and XSRF_COOKIE in session.cookies
    assert int(session.upstream.rsplit(":", 1)[1]) in replica_ports
    for path in ("/conv1d", "/_stcore/health", "/"):
        status, _, upstream = http_get(two_replicas.base_url + path, session.cookies, 10)
        assert (status, upstream) == (200, session.upstream)
    # New visitors (no cookie) take turns: a class splits evenly.
    fresh = [http_get(two_replicas.base_url + "/", {}, 10)[2] for _ in range(30)]
    assert {int(u.rsplit(":", 1)[1]) for u in fresh} == replica_ports
    assert sorted(fresh.count(u) for u in set(fresh)) == [15, 15]


def test_the_same_link_shows_the_same_view_on_every_replica(
    two_replicas: serve_class.ClassServer,
) -> None:
    """Every element (metrics, formula, chart specs and data, tables) is byte-identical."""
    first, second = (visit(server.base_url, LINK)[1] for server in two_replicas.replicas)
    assert first.ok and second.ok, (first.exceptions, second.exceptions)
    assert first.texts("metric") == expected_shapes()
    assert any(e.HasField("vega_lite_chart") for e in first.elements)
    assert [e.SerializeToString(deterministic=True) for e in first.elements] == [
        e.SerializeToString(deterministic=True) for e in second.elements
    ]


def test_nginx_refuses_a_body_over_the_upload_cap(two_replicas: serve_class.ClassServer) -> None:
    """Only the declared length is sent: nginx answers 413 before reading any body."""
    host = urlsplit(two_replicas.base_url)

    def status_for(length: int) -> int:
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        try:
            conn.putrequest("PUT", "/_stcore/upload_file/no-session/no-file")
            conn.putheader("Content-Length", str(length))
            conn.endheaders()
            return conn.getresponse().status
        finally:
            conn.close()

    limit = upload_cap_bytes() + 1024 * 1024
    assert status_for(limit + 1) == 413
    assert status_for(limit) != 413  # passed on: Streamlit itself refuses an unknown session


def test_a_replica_that_dies_leaves_its_visitors_to_another(
    two_replicas: serve_class.ClassServer,
) -> None:
    """Last in this module: it stops replica 1 of the shared fixture."""
    first, second = two_replicas.replicas
    second_address = f"127.0.0.1:{urlsplit(second.base_url).port}"
    first.stop()
    for _ in range(3):  # before and after nginx has counted replica 1's failures
        status, cookies, upstream = http_get(two_replicas.base_url + "/", {STICKY: "1"}, 10)
        assert status == 200
        assert upstream.split(", ")[-1] == second_address
        assert cookies[STICKY] in {"", "2"}  # a new pick next time, or replica 2 directly


def test_serve_class_starts_and_stop_class_stops_everything(tmp_path: Path) -> None:
    """`make serve-class` and `make stop-class` as processes: nothing is left running."""
    require_nginx()
    port = replicas.free_port()
    cli = [sys.executable, "-m", "deploy.serve_class", "--run-dir", str(tmp_path)]
    server = subprocess.Popen(
        [*cli, "--replicas", "1", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        replicas.wait_healthy(f"http://127.0.0.1:{port}", 120, proc=server)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) == 2  # one replica and nginx's master (which has its worker)
        stopped = subprocess.run([*cli, "--stop"], cwd=REPO, capture_output=True, text=True)
        assert stopped.returncode == 0 and "stopped" in stopped.stdout, stopped
        assert server.wait(30) == 0
        assert not replicas.is_healthy(f"http://127.0.0.1:{port}")
        for pid in children:
            assert not Path(f"/proc/{pid}").exists(), f"process {pid} is still running"
    finally:
        replicas.stop_process_group(server)
