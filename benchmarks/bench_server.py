"""The server under load: the claims list versus /healthz, from a second process.

uvicorn serves the real app (``claimpilot serve``'s app factory) in its own
process over a claims table of a few thousand claims; this process is the
load generator: a pool of threads with httpx clients on loopback, each
request timed, for a bounded time and count. Reported: requests per second
and p99 latency of ``GET /api/sellers/{id}/claims`` (an API key, 50 claims a
page, paging through), with ``GET /healthz`` under the same load as the
baseline, and their ratio. Once on SQLite (the default store) and once on the PostgreSQL server at
127.0.0.1:5432 (``CLAIMPILOT_BENCH_PG`` names another), in a schema of its own dropped afterwards; a
PostgreSQL server that cannot be reached is reported as such.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy.exc import OperationalError

SCALES = {"small": {"claims": 1000, "seconds": 4.0, "max_requests": 4000},
          "full": {"claims": 4000, "seconds": 12.0, "max_requests": 20000}}
WORKERS = 8
ROUNDS = 4  # healthz and the claims list measured in turns, this many of each
PAGE = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PG_SERVER = os.environ.get("CLAIMPILOT_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def _pg_schema() -> Iterator[str]:
    """A database URL whose search_path is a new schema on the PostgreSQL server; dropped afterwards."""
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield f"{PG_SERVER}?options=-csearch_path%3D{schema}"
    finally:
        from claimpilot.db.engine import dispose_all

        dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _populate(home: Path, count: int, database_url: str | None = None) -> str:
    """A seller 'bench' with ``count`` claims and an API key; returns the key."""
    from claimpilot.accounts import members as accounts
    from claimpilot.config import Settings
    from claimpilot.db import session_factory, upgrade
    from claimpilot.tools.audit.finding import Evidence, Finding
    from claimpilot.tools.cases.service import CaseService

    settings = Settings(home=home, _env_file=None, database_url=database_url)
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


def _start_server(home: Path, port: int, database_url: str | None = None,
                  extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """uvicorn serving the app from ``home`` on ``port``, once its /healthz answers; ``extra_env`` on top."""
    env = {**os.environ, "CLAIMPILOT_HOME": str(home), "CLAIMPILOT_SERVER__RATE_LIMIT_PER_MINUTE": "100000000"}
    env.pop("CLAIMPILOT_DATABASE_URL", None)
    if database_url:
        env["CLAIMPILOT_DATABASE_URL"] = database_url
    env.update(extra_env or {})
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
    clients = [httpx.Client(base_url=url, headers=headers, timeout=30) for _ in range(WORKERS)]  # before the clock
    stop_at = time.perf_counter() + seconds

    def worker(index: int) -> None:
        nonlocal errors, issued
        with clients[index] as client:
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
    return {"rps": len(latencies) / wall, "p99_ms": p99 * 1000, "count": len(latencies), "errors": errors,
            "wall": wall, "latencies": latencies}


def _cpu_s(pid: int) -> float | None:
    """CPU seconds (user + system) process ``pid`` has used so far (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _merged(parts: list[dict]) -> dict:
    """Slices of one measurement taken in turns with another, as one: requests over their summed time."""
    latencies = sorted(x for p in parts for x in p["latencies"])
    wall = sum(p["wall"] for p in parts)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    return {"rps": len(latencies) / wall if wall else 0.0, "p99_ms": p99 * 1000, "count": len(latencies),
            "errors": sum(p["errors"] for p in parts)}


def _measure(cfg: dict, database_url: str | None) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory(prefix="cp-bench-server-") as tmp:
        home = Path(tmp)
        token = _populate(home, cfg["claims"], database_url)
        port = _free_port()
        proc = _start_server(home, port, database_url)
        try:
            url = f"http://127.0.0.1:{port}"
            headers = {"Authorization": f"Bearer {token}"}
            pages = max(1, cfg["claims"] // PAGE)
            claims_paths = [f"/api/sellers/bench/claims?limit={PAGE}&offset={PAGE * (i % pages)}" for i in range(64)]
            _load(url, ["/healthz"], headers, 1.0, 200)  # warm-up
            first = _load(url, claims_paths[:pages], headers, 60.0, min(pages, 64))  # each page's first read
            # in turns, so that a machine busy with something else weighs on both alike
            slices: dict[str, list[dict]] = {"base": [], "claims": []}
            cpu = {"base": 0.0, "claims": 0.0}
            for _ in range(ROUNDS):
                for name, paths in (("base", ["/healthz"]), ("claims", claims_paths)):
                    before = _cpu_s(proc.pid)
                    slices[name].append(_load(url, paths, headers, cfg["seconds"] / ROUNDS,
                                              cfg["max_requests"] // ROUNDS))
                    after = _cpu_s(proc.pid)
                    cpu[name] += (after - before) if before is not None and after is not None else float("nan")
            base, claims = _merged(slices["base"]), _merged(slices["claims"])
            for name, measured in (("base", base), ("claims", claims)):
                measured["cpu_ms"] = cpu[name] * 1000 / measured["count"] if measured["count"] else float("nan")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return base, claims, first


def _rows(cfg: dict, store: str, base: dict, claims: dict, first: dict) -> list[dict]:
    note = (f"{cfg['claims']} claims, {WORKERS} client threads in a second process, uvicorn 1 worker, {store}, "
            f"{ROUNDS} turns each; "
            f"{claims['count']} requests ({claims['errors']} non-200), healthz {base['count']} ({base['errors']} non-200)")
    return [
        {"benchmark": "server", "metric": f"claims list requests/s ({store})", "value": claims["rps"],
         "unit": "req/s", "baseline": base["rps"], "ratio": claims["rps"] / base["rps"] if base["rps"] else None,
         "note": note + "; baseline /healthz"},
        {"benchmark": "server", "metric": f"claims list p99 latency ({store})", "value": claims["p99_ms"],
         "unit": "ms", "baseline": base["p99_ms"], "ratio": claims["p99_ms"] / base["p99_ms"] if base["p99_ms"] else None,
         "note": "baseline /healthz p99 under the same load"},
        {"benchmark": "server", "metric": f"claims list p99 latency, first read of each page ({store})",
         "value": first["p99_ms"], "unit": "ms", "baseline": base["p99_ms"],
         "ratio": first["p99_ms"] / base["p99_ms"] if base["p99_ms"] else None,
         "note": f"{first['count']} pages read once each before the run above (no answer kept yet), "
                 f"{WORKERS} clients"},
        {"benchmark": "server", "metric": f"claims list server CPU per request ({store})", "value": claims["cpu_ms"],
         "unit": "ms", "baseline": base["cpu_ms"],
         "ratio": claims["cpu_ms"] / base["cpu_ms"] if base["cpu_ms"] else None,
         "note": "the uvicorn process's CPU time over the requests served; baseline /healthz; "
                 "steady while other work shares the machine"},
    ]


def run(scale: str) -> list[dict]:
    cfg = SCALES[scale]
    rows = _rows(cfg, "SQLite", *_measure(cfg, None))
    try:
        with _pg_schema() as url:
            rows += _rows(cfg, "PostgreSQL", *_measure(cfg, url))
    except OperationalError as exc:
        rows.append({"benchmark": "server", "metric": "claims list (PostgreSQL)", "value": None, "unit": "",
                     "note": f"PostgreSQL server not reachable at {PG_SERVER}: {type(exc).__name__}"})
    return rows


if __name__ == "__main__":  # pragma: no cover
    for row in run(sys.argv[1] if len(sys.argv) > 1 else "small"):
        print(row)
