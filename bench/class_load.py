"""A class on one link: N websocket students through nginx, 2 replicas against 1 (the control).

Each student is a real Streamlit session held as a browser holds one
(tests/stream_client.py): it loads the lesson link, reads for about 3 s (uniform in
[think/2, 3·think/2], so the class does not press in step), moves the slider to another
value, and waits for the rerun to finish, over and over until the time is up. Students
arrive spread over the first --ramp seconds, as a class opening a link in the same minute.

For each setting the class server (deploy/serve_class.py: replicas behind nginx) is started
fresh; before the clock starts, one session per replica opens the page directly, so the
TensorFlow import and the first layer build are not in the figures (bench/cold_start.py
measures those). Every press must prove a real script run: its ``script_finished`` arrives
with success, no exception element was drawn, and the page's metrics (the kernel shape
moves with n) differ from the previous run's; anything else is counted as an error.

Reported per setting: completed script runs per second (page opens and presses),
press-to-done median and p95, page open median, errors, the replicas' CPU seconds per
completed run (from /proc: the server did the work), and the peak RSS of each replica
(sampled every 0.5 s). Then the ratios 2 replicas / 1 replica. Sessions go to the loopback
only, at most MAX_CLIENTS of them, for at most MAX_DURATION_S seconds.

    .venv/bin/python bench/class_load.py [--clients 30] [--duration 60] [--replicas 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import ConnectionClosed

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deploy import serve_class  # noqa: E402
from tests.stream_client import Session  # noqa: E402

MAX_CLIENTS = 100
MAX_DURATION_S = 600.0
PRESS_TIMEOUT_S = 120.0
SLIDER = "n"
VALUES = (2, 3, 4, 5, 6)


@dataclass
class Tally:
    """What the whole class saw during one setting."""

    opens: list[float] = field(default_factory=list)
    presses: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runs: int = 0  # script runs that finished with success, opens included
    upstreams: dict[str, int] = field(default_factory=dict)
    example: str = ""

    def check(self, run, before: list[str] | None, what: str) -> bool:
        """Count ``run`` if it really ran; note why not otherwise."""
        metrics = run.texts("metric")
        if not run.finished:
            self.errors.append(f"{what}: no successful script_finished")
        elif run.exceptions:
            self.errors.append(f"{what}: {run.exceptions[0]}")
        elif before is not None and metrics == before:
            self.errors.append(f"{what}: same metrics as the run before ({metrics})")
        else:
            self.runs += 1
            if before is not None and not self.example:
                self.example = f"metrics {before} -> {metrics}"
            return True
        return False


async def student(
    base_url: str, path: str, start_at: float, end_at: float, think: float, tally: Tally
) -> None:
    """One student: open the link, then read and press until ``end_at`` (perf_counter time)."""
    rng = random.Random()
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    session = Session(base_url, path, timeout=PRESS_TIMEOUT_S)
    try:
        run = await session.open()
        tally.upstreams[session.upstream] = tally.upstreams.get(session.upstream, 0) + 1
        if not tally.check(run, None, "open"):
            return
        tally.opens.append(run.seconds)
        current = session.slider(SLIDER).slider.value[0]
        while True:
            await asyncio.sleep(rng.uniform(think / 2, think * 3 / 2))
            if time.perf_counter() >= end_at:
                return
            value = rng.choice([v for v in VALUES if v != current])
            before = run.texts("metric")
            run = await session.press_slider(SLIDER, value)
            if not tally.check(run, before, f"press {SLIDER}={value}"):
                return
            tally.presses.append(run.seconds)
            current = value
    except (TimeoutError, OSError, LookupError, ConnectionClosed) as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await session.close()


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RssSampler(threading.Thread):
    """Peak RSS of each replica process while the class runs."""

    def __init__(self, pids: list[int], every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.pids, self.every = pids, every
        self.peak = dict.fromkeys(pids, 0.0)
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_mb(pid))


async def class_session(base_url: str, args: argparse.Namespace) -> tuple[Tally, float]:
    tally = Tally()
    begin = time.perf_counter()
    end_at = begin + args.duration
    starts = [begin + args.ramp * i / max(1, args.clients - 1) for i in range(args.clients)]
    await asyncio.gather(
        *(student(base_url, args.path, s, end_at, args.think, tally) for s in starts)
    )
    return tally, time.perf_counter() - begin


async def warm(urls: list[str], path: str) -> None:
    """One session per replica, straight to its port: TensorFlow and the first layer are in."""
    for url in urls:
        session = Session(url, path, timeout=PRESS_TIMEOUT_S)
        try:
            run = await session.open()
            assert run.ok, f"warm-up of {url}{path} failed: {run.exceptions}"
        finally:
            await session.close()


def measure(n_replicas: int, args: argparse.Namespace) -> dict:
    with (
        tempfile.TemporaryDirectory(prefix="convlab-class-") as run_dir,
        serve_class.running(n_replicas, run_dir=Path(run_dir), timeout=120.0) as served,
    ):
        asyncio.run(warm([s.base_url for s in served.replicas], args.path))
        pids = [s.proc.pid for s in served.replicas]
        cpu_before = sum(cpu_seconds(pid) for pid in pids)
        sampler = RssSampler(pids)
        sampler.start()
        try:
            tally, elapsed = asyncio.run(class_session(served.base_url, args))
        finally:
            sampler.done.set()
            sampler.join()
            cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    pct = statistics.quantiles(tally.presses, n=20)[18] if len(tally.presses) > 1 else float("nan")
    return {
        "replicas": n_replicas,
        "runs_per_s": tally.runs / elapsed,
        "runs": tally.runs,
        "presses": len(tally.presses),
        "press_median": statistics.median(tally.presses) if tally.presses else float("nan"),
        "press_p95": pct,
        "open_median": statistics.median(tally.opens) if tally.opens else float("nan"),
        "errors": tally.errors,
        "rss": sorted(sampler.peak.values()),
        "cpu_per_run": cpu / tally.runs if tally.runs else float("nan"),
        "elapsed": elapsed,
        "upstreams": tally.upstreams,
        "example": tally.example,
    }


def report(r: dict) -> None:
    rss = ", ".join(f"{mb:.0f}" for mb in r["rss"])
    print(f"{r['replicas']} replica(s) through nginx, {r['elapsed']:.1f} s:")
    print(f"  completed script runs      {r['runs']} ({r['presses']} presses), "
          f"{r['runs_per_s']:.2f} runs/s")  # fmt: skip
    print(f"  press-to-done              median {r['press_median']:.2f} s, "
          f"p95 {r['press_p95']:.2f} s")  # fmt: skip
    print(f"  page open (first run)      median {r['open_median']:.2f} s")
    print(f"  errors                     {len(r['errors'])}")
    for error in sorted(set(r["errors"]))[:5]:
        print(f"    {r['errors'].count(error)} x {error}")
    print(f"  server CPU per run         {r['cpu_per_run']:.2f} s (replicas' CPU time / runs)")
    print(f"  peak RSS per replica       {rss} MB (sum {sum(r['rss']):.0f} MB)")
    print(f"  sessions per replica       {sorted(r['upstreams'].values())}")
    print(f"  proof of a run             {r['example']}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=30, help="students (default 30)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--think", type=float, default=3.0, help="mean reading time (default 3)")
    parser.add_argument("--ramp", type=float, default=5.0, help="arrivals spread (default 5 s)")
    parser.add_argument("--path", default="/conv1d", help="lesson link (default /conv1d)")
    parser.add_argument(
        "--replicas", type=int, nargs="+", default=[1, 2], help="settings; the first is the control"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.duration <= MAX_DURATION_S:
        parser.error(f"--clients must be 1..{MAX_CLIENTS}, --duration 0..{MAX_DURATION_S:.0f} s")
    reason = serve_class.nginx_missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2

    print(f"{args.clients} students on {args.path}, {args.duration:.0f} s each setting, "
          f"reading ~{args.think:.0f} s between presses\n", flush=True)  # fmt: skip
    results = []
    for n in args.replicas:
        results.append(measure(n, args))
        report(results[-1])
    control = results[0]
    for r in results[1:]:
        print(f"\n{r['replicas']} replicas / {control['replicas']} (control, same run):")
        print(f"  runs per second   {r['runs_per_s'] / control['runs_per_s']:.2f}x")
        print(f"  median press-to-done  {r['press_median'] / control['press_median']:.2f}x")
        print(f"  p95 press-to-done     {r['press_p95'] / control['press_p95']:.2f}x")
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
