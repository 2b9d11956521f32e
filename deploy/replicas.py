"""Start and stop `streamlit run` processes: `make serve-class`'s replicas, the tests' servers.

Each process gets its own process group, so stopping it reaches every child it started.
Nothing here needs the test tools: `make serve-class` runs it with requirements.txt only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

HEALTH_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running `streamlit run` process in its own process group."""

    proc: subprocess.Popen[bytes]
    base_url: str
    log_path: Path
    spawned_at: float  # time.perf_counter() just before the process was spawned
    healthy_at: float = field(default=0.0)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, *, keep_log: bool = False) -> None:
        stop_process_group(self.proc)
        if not keep_log:
            with contextlib.suppress(OSError):
                self.log_path.unlink()


def stop_process_group(
    proc: subprocess.Popen[bytes], timeout: float = 10.0, sig: int = signal.SIGTERM
) -> None:
    """Send ``sig`` (SIGTERM) to the process group, then SIGKILL it if it does not leave in time."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout)


def start_server(
    directory: Path,
    *,
    port: int | None = None,
    python: str = sys.executable,
    timeout: float = HEALTH_TIMEOUT_S,
    env: Mapping[str, str] | None = None,
    log_path: Path | None = None,
) -> Server:
    """Spawn `streamlit run app.py` in `directory` on 127.0.0.1; return once /_stcore/health is ok.

    The app's own .streamlit/config.toml applies (it is read from `directory`); ``env`` adds
    to this process's environment; the log goes to ``log_path`` or a temp file.
    """
    if not (directory / "app.py").is_file():
        raise FileNotFoundError(f"no app.py in {directory}")
    port = port or free_port()
    cmd = [
        python, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if log_path is None:
        log_fd, log_name = tempfile.mkstemp(prefix="convlab-streamlit-", suffix=".log")
        log_path = Path(log_name)
        log = os.fdopen(log_fd, "wb")
    else:
        log = log_path.open("wb")
    spawned_at = time.perf_counter()
    with log:
        proc = subprocess.Popen(
            cmd,
            cwd=directory,
            env=full_env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group, so stop() reaches every child
        )
    server = Server(proc, f"http://127.0.0.1:{port}", log_path, spawned_at)
    try:
        wait_healthy(server.base_url, timeout, proc=proc, log_tail=server.log_tail)
    except BaseException:
        server.stop()
        raise
    server.healthy_at = time.perf_counter()
    return server


def is_healthy(base_url: str, timeout: float = 2.0) -> bool:
    """Does ``base_url``/_stcore/health answer ``ok``? (Streamlit's health check.)"""
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=timeout) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_healthy(
    base_url: str,
    timeout: float,
    *,
    proc: subprocess.Popen[bytes] | None = None,
    log_tail=lambda: "",
) -> None:
    """Poll the health check until it says ok; fail early if ``proc`` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(
                f"{proc.args[0]} exited with code {proc.returncode} before {base_url} was "
                "healthy:\n" + log_tail()
            )
        if is_healthy(base_url):
            return
        time.sleep(0.1)
    raise TimeoutError(
        f"{base_url}/_stcore/health did not answer 'ok' within {timeout:.0f} s:\n" + log_tail()
    )
