"""`make serve-class REPLICAS=N`: N Streamlit replicas on local ports behind nginx, for a class.

One Streamlit process has one GIL, so one process completes a fixed number of script runs a
second however many students wait. Several processes behind a proxy with sticky sessions
share a machine's cores. Everything runs in the foreground under the calling user; its
files (rendered nginx.conf, logs, pid files) are in the run folder. Ctrl-C, SIGTERM or
`make stop-class` (``--stop``) stops nginx and every replica.

    python -m deploy.serve_class [--replicas 2] [--host 0.0.0.0] [--port 8501] [--run-dir DIR]
    python -m deploy.serve_class --stop [--run-dir DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from convlab import serving
from deploy import replicas
from deploy.replicas import Server

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
DEFAULT_RUN_DIR = REPO / ".run" / "class"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # /usr/sbin is not on every user's PATH
STREAMLIT_DEFAULT_UPLOAD_MB = 200
MULTIPART_MARGIN = 1024 * 1024
"""Streamlit accepts a multipart body this much over server.maxUploadSize (its framing)."""
POLL_S = 5.0


def nginx_missing_reason() -> str | None:
    if os.access(NGINX, os.X_OK):
        return None
    return "nginx not found (as root: apt-get update && apt-get install -y nginx)"


def max_upload_mb(app_dir: Path = REPO) -> int:
    """server.maxUploadSize from the app's .streamlit/config.toml (Streamlit's default if unset)."""
    config = app_dir / ".streamlit" / "config.toml"
    settings = tomllib.loads(config.read_text()) if config.is_file() else {}
    return int(settings.get("server", {}).get("maxUploadSize", STREAMLIT_DEFAULT_UPLOAD_MB))


def render(*, run_dir: Path, listen: str, ports: list[int], upload_mb: int) -> str:
    """deploy/nginx.conf.template with the run folder, the listen address and the replicas.

    Replica i (from 1) has the upstream convlab_i: its own server first, every other one as a
    backup; convlab_new gives new visitors each replica in turn.
    """
    health = "max_fails=2 fail_timeout=10s"
    numbers = range(1, len(ports) + 1)
    blocks = ["    upstream convlab_new {"]
    blocks += [f"        server 127.0.0.1:{port} {health};" for port in ports]
    blocks.append("    }")
    for i, port in enumerate(ports, 1):
        blocks.append(f"    upstream convlab_{i} {{")
        blocks.append(f"        server 127.0.0.1:{port} {health};")
        blocks += [f"        server 127.0.0.1:{other} backup;" for other in ports if other != port]
        blocks.append("    }")
    fills = {
        "@USER@": "user www-data;" if os.geteuid() == 0 else "# (not root: workers run as you)",
        "@RUN_DIR@": str(run_dir),
        "@UPSTREAM_BY_COOKIE@": "\n".join(f"        {i} convlab_{i};" for i in numbers),
        "@REPLICA_BY_ADDRESS@": "\n".join(
            f"        127.0.0.1:{port} {i};" for i, port in enumerate(ports, 1)
        ),
        "@UPSTREAMS@": "\n".join(blocks),
        "@LISTEN@": listen,
        "@MAX_UPLOAD_MB@": str(upload_mb),
        "@MAX_BODY_BYTES@": str(upload_mb * 1024 * 1024 + MULTIPART_MARGIN),
    }
    text = TEMPLATE.read_text()
    for mark, value in fills.items():
        text = text.replace(mark, value)
    return text


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@dataclass
class ClassServer:
    """Replicas and the nginx in front of them, started by start()."""

    replicas: list[Server]
    nginx: subprocess.Popen[bytes]
    base_url: str
    run_dir: Path
    app_dir: Path
    env: Mapping[str, str]

    def restart_exited(self) -> list[int]:
        """Start again, on its port, every replica whose process has exited; return their ports."""
        restarted = []
        for i, server in enumerate(self.replicas):
            if server.proc.poll() is None:
                continue
            port = int(server.base_url.rsplit(":", 1)[1])
            self.replicas[i] = replicas.start_server(
                self.app_dir, port=port, env=self.env, log_path=server.log_path
            )
            restarted.append(port)
        return restarted

    def stop(self) -> None:
        """nginx first (fast shutdown: it would wait an hour for open websockets), then replicas."""
        replicas.stop_process_group(self.nginx)
        for server in self.replicas:
            server.stop(keep_log=True)


def start(
    n: int,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    run_dir: Path = DEFAULT_RUN_DIR,
    app_dir: Path = REPO,
    timeout: float = replicas.HEALTH_TIMEOUT_S,
) -> ClassServer:
    """Start ``n`` replicas on free loopback ports, then nginx on host:port; wait until healthy."""
    reason = nginx_missing_reason()
    if reason:
        raise FileNotFoundError(reason)
    run_dir = run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)  # as root, nginx's workers (www-data) must reach their temp folders
    env = {serving.REPLICAS_ENV: str(n)}  # the Train page then says fits stay in one
    if not is_loopback(host):  # the replicas listen on 127.0.0.1, but the class reaches nginx
        env["CONVLAB_PATH_INPUT"] = "off"
    started: list[Server] = []
    try:
        for i in range(n):
            log = run_dir / f"replica-{i + 1}.log"
            started.append(replicas.start_server(app_dir, env=env, log_path=log, timeout=timeout))
        port = port or replicas.free_port()
        config = run_dir / "nginx.conf"
        ports = [int(s.base_url.rsplit(":", 1)[1]) for s in started]
        upload_mb = max_upload_mb(app_dir)
        config.write_text(
            render(run_dir=run_dir, listen=f"{host}:{port}", ports=ports, upload_mb=upload_mb)
        )
        # -e: nginx logs its start-up to /var/log/nginx/error.log until it has read the config.
        error_log = run_dir / "nginx-error.log"
        with (run_dir / "nginx.out").open("wb") as out:
            nginx = subprocess.Popen(
                [NGINX, "-p", f"{run_dir}/", "-c", str(config), "-e", str(error_log)],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    except BaseException:
        for server in started:
            server.stop(keep_log=True)
        raise
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    served = ClassServer(started, nginx, f"http://{local}:{port}", run_dir, app_dir, env)
    try:
        replicas.wait_healthy(
            served.base_url, timeout, proc=nginx, log_tail=lambda: nginx_log(run_dir)
        )
    except BaseException:
        served.stop()
        raise
    return served


def nginx_log(run_dir: Path) -> str:
    texts = []
    for name in ("nginx.out", "nginx-error.log"):
        with contextlib.suppress(OSError):
            texts.append((run_dir / name).read_text(errors="replace")[-3000:])
    return "\n".join(texts)


@contextlib.contextmanager
def running(n: int, **kwargs) -> Iterator[ClassServer]:
    served = start(n, **kwargs)
    try:
        yield served
    finally:
        served.stop()


def serve(args: argparse.Namespace) -> int:
    """The foreground server of `make serve-class`: start, watch the replicas, stop on a signal."""
    pid_file = args.run_dir / "serve_class.pid"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # runs the finally blocks below
    print(f"starting {args.replicas} replica(s) and nginx; files in {args.run_dir}", flush=True)
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    pid_file.write_text(str(os.getpid()))
    try:
        with running(args.replicas, host=args.host, port=args.port, run_dir=args.run_dir) as srv:
            ports = ", ".join(s.base_url for s in srv.replicas)
            print(f"serving on http://{args.host}:{args.port} (replicas: {ports})", flush=True)
            print("Ctrl-C or `make stop-class` stops it.", flush=True)
            try:
                while srv.nginx.poll() is None:
                    time.sleep(POLL_S)
                    for port in srv.restart_exited():
                        print(f"replica on port {port} had exited: restarted", flush=True)
            finally:
                print("stopping nginx and the replicas", flush=True)
        print("nginx exited:\n" + nginx_log(args.run_dir), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:  # only now is everything stopped: `make stop-class` waits for this file to go
        pid_file.unlink(missing_ok=True)


def stop(run_dir: Path, timeout: float = 30.0) -> int:
    """`make stop-class`: SIGTERM the foreground server named in the run folder; wait for it."""
    pid_file = run_dir / "serve_class.pid"
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        print(f"no class server running (no {pid_file})")
        return 0
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    if pid_file.exists():
        print(f"process {pid} did not stop within {timeout:.0f} s", file=sys.stderr)
        return 1
    print("stopped")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2)")
    parser.add_argument("--host", default="0.0.0.0", help="nginx's address (default all)")
    parser.add_argument("--port", type=int, default=8501, help="nginx's port (default 8501)")
    parser.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR, help="config and logs")
    parser.add_argument("--stop", action="store_true", help="stop the running class server")
    args = parser.parse_args(argv)
    args.run_dir = args.run_dir.resolve()
    if args.stop:
        return stop(args.run_dir)
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
