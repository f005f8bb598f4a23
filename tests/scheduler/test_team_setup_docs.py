"""docs/team-setup.md, every command run as written in bash, in order: PostgreSQL, Redis, a Chroma server
(``chroma run``), two prefork workers, beat and two web servers as processes, the seller's SP-API served by
the emulator with the very credentials the page shows. Only the addresses, folders, ports and the alert
URL are replaced with the test's own (``ADDRESSES``); the test adds a Redis key prefix and a queue name
of its own to the environment so that it shares Redis with nobody.

A user then finds: the seller scanned by a named worker (the schedule's run and the "run now"), its
claims in PostgreSQL, the people with the memberships the page gave them, the API key working, a login
made on one web server valid on the other, the policy passages on the Chroma server."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import boto3
import chromadb
import httpx
import pytest
from scheduler_utils import REDIS_URL
from sqlalchemy import func, select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.engine import dispose_all
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.sandbox.emulator.state import LwaCredentials
from claimpilot.tools.cases.models import Claim
from receivers import Receiver
from spapi_seller import TinySeller

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

DOC = Path(__file__).resolve().parents[2] / "docs" / "team-setup.md"
LONG_RUNNING = ("chroma run", "claimpilot worker", "claimpilot beat", "claimpilot serve")
PATIENCE_S = 240
# the example credentials of the page, which the emulator is told to accept
PAGE_CREDENTIALS = LwaCredentials(client_id="amzn1.application-oa2-client.example",
                                  client_secret="amzn1.oa2-cs.v1.example-client-secret",
                                  refresh_token="Atzr|IwEBIExampleRefreshToken")


def page_commands(text: str) -> list[str]:
    """Each command of the page's ``sh`` blocks, continuation lines joined, in order."""
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for command in block.replace("\\\n", " ").splitlines():
            if command.strip() and not command.lstrip().startswith("#"):
                out.append(command.strip())
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check, logs: Path, procs: list[subprocess.Popen], interval: float = 0.3):
    """``check()`` once it is true; fails at once when a background process has died."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline and all(p.poll() is None for p in procs):
        try:
            value = check()
        except Exception:  # noqa: BLE001 - not up yet
            value = None
        if value:
            return value
        time.sleep(interval)
    tails = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2500:]}" for p in sorted(logs.glob("*.log")))
    raise AssertionError(f"gave up waiting for {what}\n{tails}")


def test_every_command_of_the_team_setup_page_works_as_written(tmp_path, pg_url, redis_prefix, clock, s3_gateway):
    commands = page_commands(DOC.read_text(encoding="utf-8"))
    bucket = f"claimpilot-evidence-{redis_prefix.strip(':').lower().replace('_', '-')}"[:60]
    s3 = boto3.client("s3", endpoint_url=s3_gateway.endpoint, region_name="us-east-1",
                      aws_access_key_id=s3_gateway.access_key, aws_secret_access_key=s3_gateway.secret_key)
    s3.create_bucket(Bucket=bucket)  # made once by the storage's administrator
    assert len(commands) > 20 and any(c.startswith("claimpilot worker") for c in commands)
    home, etc, chroma_dir, logs = (tmp_path / n for n in ("home", "etc", "chroma", "logs"))
    logs.mkdir()
    chroma_port, web_ports = free_port(), [free_port(), free_port()]
    alerts = Receiver().start()
    emulator = start_emulator(TinySeller(), rate_scale=2000.0, credentials=PAGE_CREDENTIALS)
    addresses = [
        ("postgresql+psycopg://claimpilot@db.internal:5432/claimpilot", pg_url),
        ("redis://redis.internal:6379/0", REDIS_URL),
        ("chroma.internal", "127.0.0.1"), ("CHROMA_PORT=8000", f"CHROMA_PORT={chroma_port}"),
        ("--host 0.0.0.0 --port 8000", f"--host 127.0.0.1 --port {chroma_port}"),
        ("/srv/claimpilot", str(home)), ("/srv/chroma", str(chroma_dir)), ("/etc/claimpilot", str(etc)),
        ("https://ops.example.com/claimpilot", alerts.url + "/ops"),
        ("http://sp-api.internal:8900", emulator.url),
        ("--host 0.0.0.0 --port 8800", f"--host 127.0.0.1 --port {web_ports[0]}"),
        ("imap.acme.example", "127.0.0.1"), ("smtp.acme.example", "127.0.0.1"),
        ("http://s3.internal:8333", s3_gateway.endpoint), ("=claimpilot-evidence", f"={bucket}"),
    ]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "CLAIMPILOT_SCHEDULER__KEY_PREFIX": redis_prefix, "CLAIMPILOT_SCHEDULER__QUEUE": f"{redis_prefix}jobs",
           "CLAIMPILOT_SCHEDULER__TICK_S": "1", "CLAIMPILOT_SP_API__POLL_INTERVAL_S": "0.05"}
    env.pop("CLAIMPILOT_HOME", None)
    exports: list[str] = []
    background: list[subprocess.Popen] = []
    outputs: dict[str, str] = {}
    try:
        for n, written in enumerate(commands):
            command = written
            for page, ours in addresses:
                command = command.replace(page, ours)
            script = "\n".join([*exports, command])
            if command.startswith(LONG_RUNNING):
                log = open(logs / f"{n:02d}-{command.split()[1]}.log", "wb")
                background.append(subprocess.Popen(["bash", "-c", "\n".join([*exports, "exec " + command])], env=env,
                                                   cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                                                   start_new_session=True))
                if command.startswith("chroma run"):
                    wait_for("the Chroma server", lambda: httpx.get(
                        f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat").status_code == 200, logs, background)
                continue
            done = subprocess.run(["bash", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=PATIENCE_S)
            assert done.returncode == 0, (written, done.stdout[-2000:], done.stderr[-3000:])
            outputs[written] = done.stdout
            if command.startswith("export "):
                exports.append(command)

        # the same page, second web server: "one or more behind a proxy"
        [serve] = [c for c in commands if c.startswith("claimpilot serve")]
        log = open(logs / "second-serve.log", "wb")
        background.append(subprocess.Popen(
            ["bash", "-c", "\n".join([*exports, "exec " + serve.replace("--host 0.0.0.0 --port 8800",
                                                                        f"--host 127.0.0.1 --port {web_ports[1]}")])],
            env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        first, second = (f"http://127.0.0.1:{p}" for p in web_ports)
        for url in (first, second):
            wait_for(f"the web server at {url}", lambda url=url: httpx.get(f"{url}/healthz").status_code == 200,
                     logs, background)

        settings = Settings(_env_file=None, home=home, database_url=pg_url)

        def scans_done() -> list[JobRun]:
            with session_factory(settings)() as db:
                done = list(db.scalars(select(JobRun).where(JobRun.seller_id == "acme-us", JobRun.kind == "scan",
                                                            JobRun.status == "succeeded")))
            return done if len(done) == 2 else []

        scans = wait_for("the scheduled scan and the one run now to succeed", scans_done, logs, background)

        key = next(out for cmd, out in outputs.items() if cmd.startswith("claimpilot keys create")).split()[-1]
        mine = httpx.get(f"{first}/api/sellers", headers={"X-API-Key": key})
        assert mine.status_code == 200 and {s["seller_id"] for s in mine.json()} == {"acme-us", "acme-ca"}
        with httpx.Client(base_url=first) as browser:
            login = browser.post("/api/auth/login", json={"email": "alice@agency.example",
                                                          "password": "a-long-password-1"})
            assert login.status_code == 200, login.text
            cookies = dict(browser.cookies)
        other = httpx.get(f"{second}/api/sellers", cookies=cookies)  # the proxy sent her to the other server
        assert other.status_code == 200 and {s["seller_id"] for s in other.json()} == {"acme-us", "acme-ca"}

        policy = chromadb.HttpClient(host="127.0.0.1", port=chroma_port).get_collection("policy")
        assert policy.count() > 0
    finally:
        for p in background:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in background:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        emulator.stop()
        alerts.stop()

    # the scan of the schedule (05:30) and the one asked for, each by a worker named as the page names them
    with session_factory(settings)() as db:
        workers = {a.worker for a in db.scalars(select(JobAttempt).where(JobAttempt.outcome == "succeeded"))}
        claims = db.scalar(select(func.count(Claim.id)).where(Claim.seller_id == "acme-us"))
    assert {s.cycle for s in scans} >= {clock.today().isoformat()} and workers <= {"scan1@worker-a", "scan2@worker-a"}
    assert claims and all(s.result["fetched"]["ok"] for s in scans)
    assert PAGE_CREDENTIALS.refresh_token not in json.dumps([s.result for s in scans])
    # the evidence of the scans is in the bucket, under the seller's prefix, and not on the workers' disk
    kept = [o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for o in page.get("Contents") or []]
    assert kept and all(k.startswith(("sellers/acme-us/evidence/", "sellers/acme-ca/evidence/")) for k in kept)
    assert not [p for p in home.rglob("*") if p.is_file() and "evidence" in p.relative_to(home).parts]
    secret = (etc / "s3-secret-key").read_text()
    assert all(secret not in p.read_text(errors="replace") for p in logs.glob("*.log"))
    listed = next(out for cmd, out in outputs.items() if cmd == "claimpilot sellers list")
    assert "acme-us" in listed
    people = next(out for cmd, out in outputs.items() if cmd == "claimpilot users list")
    assert "alice@agency.example" in people and "acme-us:operator" in people and "acme-ca:viewer" in people
    dispose_all()
