"""Peak memory of a gzip bomb's import against an honest gzip report's, each in a fresh process.

The bomb is a ledger header and one row followed by gigabytes of zeros, as gzip members (a few MB on
disk); the honest file is an inventory ledger of the same kind. Each import runs in its own Python
process and reports its peak resident memory (``ru_maxrss``); the bomb's is given as a ratio to the
honest file's. The bomb must be refused (by the ratio cap) and leave nothing in the store's folder.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

SIZES = {"small": (1, 50_000), "full": (5, 500_000)}  # (bomb GB of zeros, honest file rows)
HEADER = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\t"
          "Reason\tCountry\tReconciled Quantity\tUnreconciled Quantity\r\n")

PEAK = """
import json, resource, sys, time
from pathlib import Path
from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.store import ReportStore
store = ReportStore(Path(sys.argv[1]) / "warehouse.duckdb", Path(sys.argv[1]) / "evidence")
started = time.perf_counter()
try:
    outcome = f"imported {store.import_path(sys.argv[2]).raise_refused().rows_added:,} rows"
except ReportError as exc:
    outcome = str(exc)
left = [p.name for p in Path(sys.argv[1]).rglob("*") if p.is_file() and not p.name.startswith("warehouse.duckdb")]
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome,
                  "seconds": time.perf_counter() - started, "left": left}))
"""


def _row(i: int) -> str:
    return (f"03/{1 + i % 28:02d}/2025\tX00{i % 3000:07d}\tB0{i % 3000:08d}\tSKU-{i % 3000}\tProduct {i % 3000} "
            f"- Stainless Steel Water Bottle\tAdjustments\t{880000000 + i}\t-{1 + i % 3}\tPHX7\tSELLABLE\tM\tUS"
            "\t0\t1\r\n")


def _member(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def _files(folder: Path, scale: str) -> tuple[Path, Path]:
    gigabytes, rows = SIZES[scale]
    honest = folder / "ledger.tsv.gz"
    with gzip.open(honest, "wt", encoding="utf-8", newline="") as out:
        out.write(HEADER)
        for i in range(rows):
            out.write(_row(i))
    bomb = folder / "ledger-bomb.tsv.gz"
    zeros = _member(b"\0" * (64 << 20))
    with open(bomb, "wb") as out:
        out.write(_member((HEADER + _row(0)).encode()))
        for _ in range(gigabytes * 16):
            out.write(zeros)
    return honest, bomb


def _peak(home: Path, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PEAK, str(home), str(path)], capture_output=True, text=True,
                          timeout=1800, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(scale: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        honest, bomb = _files(Path(tmp), scale)
        base = _peak(Path(tmp) / "honest", honest)
        hit = _peak(Path(tmp) / "bomb", bomb)
        bomb_mb, honest_mb = bomb.stat().st_size / 2**20, honest.stat().st_size / 2**20
    if "max_ratio" not in hit["outcome"] or hit["left"]:
        raise RuntimeError(f"the bomb was not refused cleanly: {hit}")
    return [
        {"benchmark": "bomb", "metric": "honest gzip import peak memory", "value": base["peak_mb"], "unit": "MB",
         "note": f"{honest_mb:.1f} MB gzip, {base['outcome']}"},
        {"benchmark": "bomb", "metric": "gzip bomb import peak memory", "value": hit["peak_mb"], "unit": "MB",
         "baseline": base["peak_mb"], "ratio": hit["peak_mb"] / base["peak_mb"],
         "note": f"{bomb_mb:.1f} MB gzip of {SIZES[scale][0]} GB zeros, refused: nothing left on disk"},
    ]
