"""SIGKILL the importer and the claims sync at random points: each time every report file is in the
store whole or not at all, no claim is doubled, and running the command again gives exactly the
result of one clean run."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from claimpilot.config import Settings
from claimpilot.tools.reports import warehouse
from claimpilot.tools.reports.kinds import KINDS

KILLS = 3
TABLES = [k.table for k in KINDS.values()] + ["raw_files"]


def _cli(home: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "CLAIMPILOT_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "claimpilot.cli", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _run(home: Path, *args: str) -> float:
    started = time.monotonic()
    proc = _cli(home, *args)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    return time.monotonic() - started


def _kill_at(home: Path, delay: float, *args: str) -> None:
    proc = _cli(home, *args)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)


def _counts(home: Path) -> dict[str, int]:
    path = Settings(home=home, _env_file=None).warehouse_path("acme")
    if not path.exists():
        return {}
    with warehouse.connect(path, read_only=True) as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in TABLES if t in present}


def _half_stored(home: Path) -> dict[str, int]:
    """Rows whose file the store does not list as imported: what a killed import would have left half-done."""
    path = Settings(home=home, _env_file=None).warehouse_path("acme")
    if not path.exists():
        return {}
    with warehouse.connect(path, read_only=True) as con:
        present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "raw_files" not in present:
            return {}
        orphans = {t: int(con.execute(f'SELECT count(*) FROM "{t}" WHERE _file NOT IN '
                                      "(SELECT sha256 FROM raw_files)").fetchone()[0])
                   for t in TABLES if t in present and t != "raw_files"}
    return {t: n for t, n in orphans.items() if n}


def _claims(home: Path) -> list[tuple]:
    from claimpilot.db.engine import dispose_all
    from claimpilot.tools.cases.service import CaseService

    try:
        rows = CaseService(Settings(home=home, _env_file=None), seller_id="acme").list_claims()
    finally:
        dispose_all()
    return sorted((c["type"], c["reference_id"], c["fnsku"] or "", str(c["amount"])) for c in rows)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    from claimpilot.sandbox.demo_seller import generate

    folder = tmp_path_factory.mktemp("demo")
    generate(seed=7, as_of=date.today(), skus=80).write(folder)
    return folder


@pytest.mark.slow
def test_killed_imports_and_syncs_lose_nothing_and_double_nothing(demo_folder, tmp_path):
    rng = random.Random(18)
    reference, home = tmp_path / "reference", tmp_path / "killed"
    import_args = ("import", str(demo_folder), "--seller", "acme")
    sync_args = ("cases", "sync", "--seller", "acme")
    import_s = _run(reference, *import_args)
    sync_s = _run(reference, *sync_args)
    full, claims = _counts(reference), _claims(reference)
    assert full["raw_files"] == len(list(demo_folder.iterdir())) and len(claims) > 10

    for _ in range(KILLS):
        _kill_at(home, rng.uniform(0.2, import_s), *import_args)
        assert _half_stored(home) == {}  # each file whole or not at all
        now = _counts(home)
        assert all(now.get(t, 0) <= n for t, n in full.items()), now
    _run(home, *import_args)
    assert _counts(home) == full
    _run(home, *import_args)  # once more: everything is known, nothing is doubled
    assert _counts(home) == full

    for _ in range(KILLS):
        _kill_at(home, rng.uniform(0.2, sync_s), *sync_args)
        got = _claims(home)
        assert len(got) == len(set(got)) and set(got) <= set(claims)
    _run(home, *sync_args)
    assert _claims(home) == claims
