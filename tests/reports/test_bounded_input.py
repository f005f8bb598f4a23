"""Every report file has bounds: a gzip bomb, too many rows, columns or too long a row is refused,
naming the file and the setting that refused it, with memory flat and nothing left on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from report_layouts import LAYOUTS, files, render, store  # noqa: F401 (fixtures)

from claimpilot.config import get_settings
from claimpilot.tools.reports.bounded import LimitExceeded

ZEROS_MB = 64


def _member(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def write_bomb(path: Path, gigabytes: float) -> Path:
    """A ledger header and one row, then ``gigabytes`` of zeros, as gzip members (a few MB on disk)."""
    header, row = LAYOUTS["ledger"]
    zeros = _member(b"\0" * (ZEROS_MB << 20))
    with open(path, "wb") as out:
        out.write(_member(render(header, [row]).encode()))
        for _ in range(int(gigabytes * 1024 / ZEROS_MB)):
            out.write(zeros)
    return path


def _left_behind(store) -> list[str]:
    """What the import left in the store's folder: files other than the warehouse and the test's own reports."""
    root = store.warehouse_path.parent
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and not p.name.startswith(store.warehouse_path.name)
                  and p.parent.name != "downloads" and p.parent != root)


def _limit(monkeypatch, name: str, value: int) -> None:
    monkeypatch.setenv(f"CLAIMPILOT_REPORTS__{name.upper()}", str(value))
    get_settings.cache_clear()


def test_a_gzip_bomb_is_refused_by_its_ratio_and_leaves_nothing(store, tmp_path):
    bomb = write_bomb(tmp_path / "ledger-bomb.tsv.gz", 5)
    assert bomb.stat().st_size < 8 << 20
    folder = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in tmp_path.iterdir() if p.is_file())
    with pytest.raises(LimitExceeded) as caught:
        store.import_path(bomb).raise_refused()
    assert sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in tmp_path.iterdir() if p.is_file()) \
        == folder  # the warehouse and its snapshot untouched
    message = str(caught.value)
    assert message.startswith("ledger-bomb.tsv.gz:") and "reports.max_ratio" in message
    assert "200 times its compressed size" in message
    assert store.counts()["ledger"] == 0 and store.counts()["raw_files"] == 0
    assert _left_behind(store) == []


def test_a_big_gzip_file_is_refused_by_its_decompressed_size(store, files, monkeypatch):
    header, row = LAYOUTS["ledger"]
    rows = []
    for i in range(30_000):  # ~3 MB of varied rows: an honest ratio
        r = list(row)
        r[header.index("Reference ID")] = f"{880000000 + i * 7919}"
        rows.append(r)
    path = files("ledger-big.tsv.gz", header, rows, gz=True)
    _limit(monkeypatch, "max_decompressed_mb", 1)
    with pytest.raises(LimitExceeded, match=r"ledger-big.tsv.gz: decompresses to more than 1 MB .*max_decompressed_mb"):
        store.import_path(path).raise_refused()
    assert store.counts()["ledger"] == 0 and _left_behind(store) == []
    _limit(monkeypatch, "max_decompressed_mb", 64)
    assert store.import_path(path).rows_added == 30_000


def test_too_many_rows_columns_or_too_long_a_row_are_refused_by_name(store, files, monkeypatch):
    header, row = LAYOUTS["ledger"]
    many = files("ledger-rows.tsv", header, [row] * 11)
    _limit(monkeypatch, "max_rows", 10)
    with pytest.raises(LimitExceeded, match=r"ledger-rows.tsv: has more than 10 rows .*reports.max_rows"):
        store.import_path(many).raise_refused()

    wide = files("wide.tsv", header + [f"extra {i}" for i in range(600)], [row + [""] * 600])
    with pytest.raises(LimitExceeded, match=r"wide.tsv: has 6\d\d columns, more than 512 .*reports.max_columns"):
        store.import_path(wide).raise_refused()

    _limit(monkeypatch, "max_line_kb", 1)
    long = [("x" * 3000 if h == "Title" else v) for h, v in zip(header, row, strict=True)]
    path = files("ledger-long.tsv", header, [row, long])
    with pytest.raises(LimitExceeded, match=r"ledger-long.tsv: row 3 is longer than 1 KB .*reports.max_line_kb"):
        store.import_path(path).raise_refused()
    assert store.counts()["raw_files"] == 0 and _left_behind(store) == []


PEAK = """
import json, resource, sys
from pathlib import Path
from claimpilot.tools.reports.store import ReportStore
from claimpilot.tools.reports.errors import ReportError
store = ReportStore(Path(sys.argv[1]) / "warehouse.duckdb", Path(sys.argv[1]) / "evidence")
try:
    store.import_path(sys.argv[2]).raise_refused(); outcome = "imported"
except ReportError as exc:
    outcome = str(exc)
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def _peak(home: Path, path: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", PEAK, str(home), str(path)], capture_output=True, text=True,
                          env={**os.environ}, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_memory_stays_flat_whatever_the_bomb_holds(files, tmp_path):
    header, row = LAYOUTS["ledger"]
    normal = files("ledger.tsv.gz", header, [row] * 2000, gz=True)
    bomb = write_bomb(tmp_path / "ledger-bomb.gz", 5)
    base = _peak(tmp_path / "a", normal)
    hit = _peak(tmp_path / "b", bomb)
    assert base["outcome"] == "imported"
    assert "ledger-bomb.gz" in hit["outcome"] and "max_ratio" in hit["outcome"]
    assert hit["peak_mb"] < base["peak_mb"] + 64, (base, hit)
    assert not (tmp_path / "b" / "evidence").exists() or not any((tmp_path / "b" / "evidence").iterdir())



def test_a_zip_bomb_is_refused_before_anything_is_unpacked(store, tmp_path):
    import zipfile

    bomb = tmp_path / "downloads-2026-03.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        header, row = LAYOUTS["ledger"]
        zf.writestr("ledger.txt", render(header, [row]))
        with zf.open("ledger-2.txt", "w") as member:
            for _ in range(256):
                member.write(b"\0" * (1 << 20))
    assert bomb.stat().st_size < 2 << 20
    with pytest.raises(LimitExceeded, match=r"^downloads-2026-03.zip: decompresses .*reports\.max_ratio"):
        store.import_path(bomb)
    assert store.counts()["raw_files"] == 0 and _left_behind(store) == []
