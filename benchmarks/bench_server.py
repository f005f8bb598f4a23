"""The server under load: the claims list versus /healthz, from a second process.

uvicorn serves the real app (``claimpilot serve``'s app factory) in its own
process over a claims table of a few thousand claims; this process is the
load generator: a pool of threads with httpx clients on loopback, each
request timed, for a bounded time and count. Reported: requests per second
and p99 latency of ``GET /api/sellers/{id}/claims`` (an API key, 50 claims a
page, paging through), with ``GET /healthz`` under the same load as the
baseline, and their ratio.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx

SCALES = {"small": {"claims": 1000, "seconds": 4.0, "max_requests": 4000},
          "full": {"claims": 4000, "seconds": 12.0, "max_requests": 20000}}
WORKERS = 8
PAGE = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _populate(home: Path, count: int) -> str:
    """A seller 'bench' with ``count`` claims and an API key; returns the key."""
    from claimpilot.accounts import members as accounts
    from claimpilot.config import Settings
    from claimpilot.db import session_factory, upgrade
    from claimpilot.tools.audit.finding import Evidence, Finding
    from claimpilot.tools.cases.service import CaseService

    settings = Settings(home=home, _env_file=None)
    upgrade(settings)
    with session_factory(settings)() as db:
        user = accounts.create_user(db, "bench@example.test", "bench-password-1")
        accounts.grant(db, user, "bench", "viewer")
        _, token = accounts.create_api_key(db, user, "bench")
        db.commit()
    as_of = date.today()
    types = ("warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage")
    findings = []
    for n in range(count):
        event = as_of - timedelta(days=20 + n % 40)
        qty = 1 + n % 4
        findings.append(Finding(type=types[n % 4], status="claimable", reference_id=f"R{n:07d}",
                                fnsku=f"X{n:09d}", sku=f"SKU-{n}", quantity=qty, unit_value=Decimal("9.99"),
                                amount=Decimal("9.99") * qty, currency="USD", event_date=event,
                                window_opens=event, window_closes=event + timedelta(days=60 + n % 30),
                                evidence=[Evidence("ledger", "0" * 64, n + 2)]))
    CaseService(settings, seller_id="bench").sync(findings, as_of)
    return token


def _start_server(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_SERVER__RATE_LIMIT_PER_MINUTE": "100000000"}
    env.pop("CLAIMPILOT_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "claimpilot.server.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--no-access-log", "--log-level", "warning"],
        env=env, cwd=str(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def _load(url: str, paths: list[str], headers: dict, seconds: float, max_requests: int) -> dict:
    """Hit ``paths`` round-robin from WORKERS threads until time or count runs out."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    issued = 0
    stop_at = time.perf_counter() + seconds

    def worker(index: int) -> None:
        nonlocal errors, issued
        with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
            i = index
            while time.perf_counter() < stop_at:
                with lock:
                    if issued >= max_requests:
                        return
                    issued += 1
                started = time.perf_counter()
                r = client.get(paths[i % len(paths)])
                elapsed = time.perf_counter() - started
                with lock:
                    latencies.append(elapsed)
                    if r.status_code != 200:
                        errors += 1
                i += WORKERS

    began = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(worker, range(WORKERS)))
    wall = time.perf_counter() - began
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    return {"rps": len(latencies) / wall, "p99_ms": p99 * 1000, "count": len(latencies), "errors": errors}


def run(scale: str) -> list[dict]:
    cfg = SCALES[scale]
    with tempfile.TemporaryDirectory(prefix="cp-bench-server-") as tmp:
        home = Path(tmp)
        token = _populate(home, cfg["claims"])
        port = _free_port()
        proc = _start_server(home, port)
        try:
            url = f"http://127.0.0.1:{port}"
            headers = {"Authorization": f"Bearer {token}"}
            pages = max(1, cfg["claims"] // PAGE)
            claims_paths = [f"/api/sellers/bench/claims?limit={PAGE}&offset={PAGE * (i % pages)}" for i in range(64)]
            _load(url, ["/healthz"], headers, 1.0, 200)  # warm-up
            base = _load(url, ["/healthz"], headers, cfg["seconds"], cfg["max_requests"])
            claims = _load(url, claims_paths, headers, cfg["seconds"], cfg["max_requests"])
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    note = (f"{cfg['claims']} claims, {WORKERS} client threads in a second process, uvicorn 1 worker, SQLite; "
            f"{claims['count']} requests ({claims['errors']} non-200), healthz {base['count']} ({base['errors']} non-200)")
    return [
        {"benchmark": "server", "metric": "claims list requests/s", "value": claims["rps"], "unit": "req/s",
         "baseline": base["rps"], "ratio": claims["rps"] / base["rps"] if base["rps"] else None,
         "note": note + "; baseline /healthz"},
        {"benchmark": "server", "metric": "claims list p99 latency", "value": claims["p99_ms"], "unit": "ms",
         "baseline": base["p99_ms"], "ratio": claims["p99_ms"] / base["p99_ms"] if base["p99_ms"] else None,
         "note": "baseline /healthz p99 under the same load"},
    ]


if __name__ == "__main__":  # pragma: no cover
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "small"):
        print(row)
