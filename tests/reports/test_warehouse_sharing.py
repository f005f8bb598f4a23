"""One DuckDB instance a warehouse file in a process: read-only and read-write users side by side."""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from claimpilot.tools.reports import warehouse
from claimpilot.tools.reports.store import ReportStore

LEDGER = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\t"
          "Reason\tCountry\tReconciled Quantity\tUnreconciled Quantity\n"
          "2026-09-01\tX001\tB0TESTASIN\tMUG-1\tMug\tAdjustments\tR1\t-2\tPHX7\tSELLABLE\tM\tUS\t0\t2\n")


@pytest.fixture
def store(tmp_path) -> ReportStore:
    return ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")


def test_an_open_read_only_reader_does_not_stop_an_import(store):
    with store.connect(read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM ledger").fetchone()[0] == 0
        result = store.import_bytes(LEDGER.encode(), "ledger.tsv")
        assert result.rows_added == 1
        assert reader.execute("SELECT reference_id, quantity FROM ledger").fetchall() == [("R1", -2)]
    assert warehouse.open_files() == {}


def test_a_plain_read_only_open_no_longer_conflicts_with_a_writer_in_the_process(store):
    with store.connect() as writer, store.connect(read_only=True) as reader:
        with writer.writing():
            writer.execute("CREATE TABLE notes (x INTEGER)")
            writer.execute("INSERT INTO notes VALUES (1)")
        assert reader.execute("SELECT x FROM notes").fetchall() == [(1,)]
        assert warehouse.open_files() == {str(store.warehouse_path.resolve()): 2}


def test_a_read_only_connection_takes_no_write_lock(store):
    with store.connect(read_only=True) as reader, pytest.raises(duckdb.Error, match="read-only"):
        reader.writing()


def test_the_file_is_free_for_other_processes_once_the_last_cursor_closes(store):
    probe = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1]).close()", str(store.warehouse_path)]
    con = store.connect()
    held = subprocess.run(probe, capture_output=True, text=True)
    assert held.returncode != 0 and "lock" in held.stderr.lower()
    con.close()
    assert con.closed
    assert subprocess.run(probe, capture_output=True, text=True).returncode == 0


def test_a_missing_file_is_not_created_by_a_reader(tmp_path):
    with pytest.raises(duckdb.Error):
        warehouse.connect(tmp_path / "none.duckdb", read_only=True)
    assert not (tmp_path / "none.duckdb").exists()
    assert warehouse.open_files() == {}


def test_the_warehouse_keeps_to_the_configured_memory_limit(tmp_path, monkeypatch):
    from claimpilot.config import get_settings

    monkeypatch.setenv("CLAIMPILOT_WAREHOUSE_MEMORY_LIMIT", "300MB")
    get_settings.cache_clear()
    try:
        store = ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")
        with store.connect() as con:
            limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    finally:
        get_settings.cache_clear()
    assert limit.replace(" ", "") in ("286.1MiB", "300.0MB")
