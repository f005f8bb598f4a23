"""A server killed mid-upload, or an import killed mid-way, leaves folders that the next start-up and the
daily housekeeping remove; folders still in use by a live process are left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from server_utils import free_port

from claimpilot.config import Settings
from claimpilot.server.app import create_app

SERVER = """
import sys
sys.path.insert(0, sys.argv[2])
import uvicorn
from server_utils import add_member
from claimpilot.config import Settings
from claimpilot.server.app import create_app
app = create_app(Settings())
print(add_member(app, "a@acme.test", "acme", "admin").token, flush=True)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""

WORK = """
import os, sys
from pathlib import Path
from claimpilot.tools.reports.workdirs import work_dir
with work_dir(Path(sys.argv[1]), prefix=sys.argv[2]) as folder:
    (folder / "raw").write_bytes(b"x" * 4096)
    print(folder, flush=True)
    if sys.argv[3] == "die":
        os.kill(os.getpid(), 9)
    sys.stdin.readline()
"""


def _work(parent: Path, prefix: str, how: str) -> tuple[subprocess.Popen, Path]:
    proc = subprocess.Popen([sys.executable, "-c", WORK, str(parent), prefix, how], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    folder = Path(proc.stdout.readline().strip())
    assert folder.is_dir()
    if how == "die":
        proc.wait(timeout=30)
    return proc, folder


def _kill_mid_upload(settings: Settings) -> Path:
    """Stream a big upload to a real uvicorn server and SIGKILL it once part of the file is on disk."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port), str(Path(__file__).parent)],
                              stdout=subprocess.PIPE, text=True)
    token = server.stdout.readline().strip()
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
        time.sleep(0.2)
    uploads = settings.seller_dir("acme") / "uploads"

    def body():
        yield b'--B\r\nContent-Disposition: form-data; name="files"; filename="ledger.tsv"\r\n\r\n'
        for i in range(64):
            yield b"x" * (1 << 20)
            if i == 8:
                deadline = time.monotonic() + 30
                while not any(f.stat().st_size for f in uploads.rglob("*") if f.is_file() and f.name != ".in-use"):
                    assert time.monotonic() < deadline, "nothing reached the disk"
                    time.sleep(0.05)
                os.kill(server.pid, signal.SIGKILL)

    try:
        httpx.post(f"http://127.0.0.1:{port}/api/sellers/acme/reports", content=body(), timeout=60,
                   headers={"Authorization": f"Bearer {token}", "Content-Type": "multipart/form-data; boundary=B"})
    except httpx.TransportError:
        pass
    assert server.wait(timeout=30) == -signal.SIGKILL
    [left] = [p for p in uploads.iterdir()]
    assert sum(f.stat().st_size for f in left.rglob("*")) > 1 << 20
    return left


def test_a_server_killed_mid_upload_leaves_nothing_after_its_next_start(isolated_home):
    settings = Settings(home=isolated_home, _env_file=None)
    left = _kill_mid_upload(settings)
    seller = settings.seller_dir("acme")
    _, crashed_import = _work(seller, "tmp", "die")
    live, in_use = _work(seller / "uploads", "", "wait")
    old = seller / "tmpold"  # a scratch folder from before folders were marked, untouched for a day
    old.mkdir()
    os.utime(old, (time.time() - 86400, time.time() - 86400))
    fresh = seller / "tmpfresh"
    fresh.mkdir()
    try:
        with TestClient(create_app(settings)):
            pass
        assert not left.exists() and not crashed_import.exists() and not old.exists()
        assert in_use.is_dir() and fresh.is_dir()
    finally:
        live.communicate("\n", timeout=30)
    assert not in_use.exists()


def test_the_daily_housekeeping_removes_what_crashed_imports_left(isolated_home):
    from claimpilot.scheduler.embedded import EmbeddedScheduler

    settings = Settings(home=isolated_home, _env_file=None)
    seller = settings.seller_dir("acme")
    _, crashed = _work(seller, "tmp", "die")
    _, crashed_upload = _work(seller / "uploads", "", "die")
    live, in_use = _work(seller, "tmp", "wait")
    try:
        EmbeddedScheduler(settings).housekeeping()
        assert not crashed.exists() and not crashed_upload.exists() and in_use.is_dir()
    finally:
        live.communicate("\n", timeout=30)


def test_the_celery_daily_prune_removes_them_too(isolated_home):
    from claimpilot.jobs.runner import ensure_schema
    from claimpilot.workers.app import PRUNE_TASK, make_app

    settings = Settings(home=isolated_home, _env_file=None)
    ensure_schema(settings)
    seller = settings.seller_dir("acme")
    _, crashed = _work(seller / "uploads", "", "die")
    live, in_use = _work(seller, "tmp", "wait")
    try:
        outcome = make_app(settings).tasks[PRUNE_TASK].apply().get()
        assert outcome["leftovers"] == 1 and not crashed.exists() and in_use.is_dir()
    finally:
        live.communicate("\n", timeout=30)
