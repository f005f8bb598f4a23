"""The large seller writer, at a small size: Amazon's layouts, rows that join, and some losses."""

from __future__ import annotations

import csv

import duckdb
import pytest

from claimpilot.sandbox.demo_seller.seller import WRITES
from claimpilot.sandbox.scale import write_large_seller
from claimpilot.tools.reports.kinds import KINDS, fold


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    return write_large_seller(folder, ledger_rows=20_000, settlement_rows=50_000, order_rows=12_000, seed=3)


def _read(path, delim):
    return f"read_csv('{path}', delim='{delim}', header=true, all_varchar=true, quote='\"')"


def test_every_kind_written_with_its_header_and_row_counts(large):
    assert set(large) == set(WRITES)
    for kind, path in large.items():
        lines = path.read_text(encoding="utf-8").split("\n")
        delimiter = "\t" if "\t" in lines[0] else ","
        # the header: the first row of more than one cell (past the notes above a Date Range report's header)
        header = {fold(h) for h in next(r for r in csv.reader(lines, delimiter=delimiter) if len(r) > 1)}
        for col in KINDS[kind].columns:
            if col.required:
                assert header & col.folded_names(), f"{kind}: no column {col.name}"
    lines = {k: sum(1 for _ in p.open(encoding="utf-8")) - 1 for k, p in large.items()}
    assert lines["ledger"] == 20_000 and lines["orders"] == 12_000
    assert lines["settlement"] == 50_000 + 1  # one summary row first


def test_reports_join_and_hold_some_losses(large):
    con = duckdb.connect()
    tsv = lambda k: _read(large[k], "\\t")  # noqa: E731
    products = {r[0] for r in con.execute(f"SELECT fnsku FROM {tsv('fee_estimates')}").fetchall()}
    ledger_fnskus = {r[0] for r in con.execute(f"SELECT DISTINCT FNSKU FROM {_read(large['ledger'], ',')}").fetchall()}
    assert ledger_fnskus <= products
    orphan_refunds = con.execute(f"""SELECT count(*) FROM {tsv('settlement')} s
        WHERE "transaction-type" = 'Refund' AND "order-id" NOT IN (SELECT "amazon-order-id" FROM {tsv('orders')})""").fetchone()[0]
    assert orphan_refunds == 0
    refunds, unreturned = con.execute(f"""SELECT count(*), count(*) FILTER (WHERE "order-id" NOT IN
        (SELECT "order-id" FROM {tsv('customer_returns')})) FROM {tsv('settlement')}
        WHERE "transaction-type" = 'Refund' AND "amount-description" = 'Principal'""").fetchone()
    assert refunds > 100 and 0 < unreturned < refunds
    lost = con.execute(f"""SELECT count(*) FROM {_read(large['ledger'], ',')}
        WHERE "Event Type" = 'Adjustments' AND Reason IN ('M', '5')""").fetchone()[0]
    assert lost > 0


def test_large_files_import(large, tmp_path):
    from claimpilot.tools.reports.store import ReportStore

    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    result = store.import_path(large["ledger"].parent)
    assert {f.kind for f in result.files} == set(WRITES)
