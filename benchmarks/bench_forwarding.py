"""Pages forwarded to a seller's home node: their cost over asking the node's web server directly.

Two uvicorn processes over one PostgreSQL schema, each in a home of its own: node a's web server
(``CLAIMPILOT_SCHEDULER__NODE=a``, its address recorded as ``serve --node a --node-url`` does) and a front
web server with no node. Sellers s1 and s2 live on node a. Measured, each against the same request sent
straight to node a as the baseline: the reports list (``GET /api/sellers/{id}/reports``, p50 and p95 of
sequential requests) and an upload of a demo seller's report files (each seller's first, so both import
every row). A PostgreSQL server that cannot be reached is reported as such.
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy.exc import OperationalError

from benchmarks.bench_server import _free_port, _pg_schema, _start_server

SCALES = {"small": {"requests": 60, "skus": 80}, "full": {"requests": 300, "skus": 200}}


def _serve(home: Path, url: str, node: str = "") -> tuple[subprocess.Popen, str]:
    home.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    return _start_server(home, port, url, {"CLAIMPILOT_SCHEDULER__NODE": node}), f"http://127.0.0.1:{port}"


def _installation(root: Path, url: str) -> str:
    """Node a and sellers s1, s2 on it, a user with an API key in both; returns the key."""
    from claimpilot.accounts import members as accounts
    from claimpilot.accounts import sellers
    from claimpilot.accounts.nodes import register_node
    from claimpilot.config import Settings
    from claimpilot.db import session_factory, upgrade

    settings = Settings(home=root / "web", _env_file=None, database_url=url)
    upgrade(settings)
    with session_factory(settings).begin() as db:
        register_node(db, "a", str(root / "node-a"))
        user = accounts.create_user(db, "bench@example.test", "bench-password-1")
        for seller in ("s1", "s2"):
            sellers.add_seller(db, seller)
            accounts.grant(db, user, seller, "operator")
        _, token = accounts.create_api_key(db, user, "bench")
    return token


def _record_address(root: Path, url: str, address: str) -> None:
    from claimpilot.accounts.nodes import register_node
    from claimpilot.config import Settings
    from claimpilot.db import session_factory

    with session_factory(Settings(home=root / "web", _env_file=None, database_url=url)).begin() as db:
        register_node(db, "a", str(root / "node-a"), url=address)


def _times(client: httpx.Client, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        r = client.get(path)
        out.append(time.perf_counter() - started)
        r.raise_for_status()
    return out


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def _upload(client: httpx.Client, seller: str, files: list[Path]) -> float:
    started = time.perf_counter()
    r = client.post(f"/api/sellers/{seller}/reports", files=[("files", (p.name, p.read_bytes())) for p in files])
    r.raise_for_status()
    return time.perf_counter() - started


def run(scale: str = "full") -> list[dict]:
    from claimpilot import clock
    from claimpilot.sandbox.demo_seller import generate

    size = SCALES[scale]
    try:
        schema = _pg_schema()
        url = schema.__enter__()
    except OperationalError as exc:
        return [{"benchmark": "forwarding", "metric": "PostgreSQL", "value": None,
                 "note": f"PostgreSQL server missing: {type(exc).__name__}"}]
    procs: list[subprocess.Popen] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            token = _installation(root, url)
            files = generate(seed=11, as_of=clock.today(), skus=size["skus"]).write(root / "downloads")
            megabytes = sum(p.stat().st_size for p in files) / 1e6
            node, node_url = _serve(root / "node-a", url, node="a")
            procs.append(node)
            _record_address(root, url, node_url)
            front, front_url = _serve(root / "web", url)
            procs.append(front)
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=node_url, headers=headers, timeout=300) as direct, \
                    httpx.Client(base_url=front_url, headers=headers, timeout=300) as forwarded:
                up_direct, up_forwarded = _upload(direct, "s1", files), _upload(forwarded, "s2", files)
                for client in (direct, forwarded):  # warm both paths
                    _times(client, "/api/sellers/s1/reports", 5)
                base = _times(direct, "/api/sellers/s1/reports", size["requests"])
                via = _times(forwarded, "/api/sellers/s1/reports", size["requests"])
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=20)
        schema.__exit__(None, None, None)
    note = f"{size['requests']} sequential requests a path, loopback, two cores"
    return [
        {"benchmark": "forwarding", "metric": "reports list p50, forwarded", "value": statistics.median(via) * 1000,
         "unit": "ms", "baseline": statistics.median(base) * 1000, "ratio": statistics.median(via) /
         statistics.median(base), "note": note},
        {"benchmark": "forwarding", "metric": "reports list p95, forwarded", "value": p95(via) * 1000, "unit": "ms",
         "baseline": p95(base) * 1000, "ratio": p95(via) / p95(base)},
        {"benchmark": "forwarding", "metric": "upload and import, forwarded", "value": up_forwarded, "unit": "s",
         "baseline": up_direct, "ratio": up_forwarded / up_direct,
         "note": f"{len(files)} demo report files, {megabytes:.1f} MB, each seller's first upload"},
    ]
