"""An upload, an audit with its claims, and the claims pages of one seller at the same moment, in one process."""

from __future__ import annotations

import threading
from datetime import date

from cases_store_files import import_ledger, ledger_line

from claimpilot.tools.audit import run_audit
from claimpilot.tools.reports import warehouse
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.store import ReportStore

AS_OF = date(2026, 9, 20)
ROUNDS = 6
PRODUCT = {"sku": "MUG-1", "length": 10, "width": 6, "height": 3, "dimension_unit": "in", "weight": 1.5,
           "weight_unit": "lb", "unit_cost": "10.00", "currency": "USD"}


def _products() -> bytes:
    cols = [c.name for c in KINDS["products"].columns]
    return ("\t".join(c.replace("_", "-") for c in cols) + "\n"
            + "\t".join(str(PRODUCT.get(c, "")) for c in cols) + "\n").encode()


def _refs(n: int) -> list[str]:
    return [f"R{n}A", f"R{n}B"]


def _import_round(store: ReportStore, n: int) -> None:
    a, b = _refs(n)
    import_ledger(store, [ledger_line("2026-09-01", f"X{n:03d}", a, -1), ledger_line("2026-09-02", f"X{n:03d}", b, -2)],
                  f"ledger{n}.tsv")


def test_upload_audit_and_listing_at_once_share_the_warehouse(db_settings, service):
    store = ReportStore(db_settings.warehouse_path(), db_settings.evidence_dir())
    store.import_bytes(_products(), "products.tsv")
    _import_round(store, 0)
    errors: list[BaseException] = []
    audits: list[set[str]] = []
    reads: list[tuple[int, int, int]] = []
    done = threading.Event()

    def guarded(work):
        def run():
            try:
                work()
            except BaseException as exc:  # noqa: BLE001 - reported by the assertions below
                errors.append(exc)
                done.set()
        return run

    def upload():
        try:
            for n in range(1, ROUNDS):
                _import_round(store, n)
        finally:
            done.set()

    def audit():
        while True:
            finishing = done.is_set()
            with store.connect() as con:
                result = run_audit(con, AS_OF)
            service.sync(result.findings, AS_OF)
            audits.append({f.reference_id for f in result.findings if f.type == "warehouse_lost"})
            if finishing:
                return

    def list_claims():
        while not done.is_set():
            conn = service.store_connection()
            assert conn is not None, "the claims pages could not open the seller's store"
            try:
                rows, files = conn.execute("SELECT (SELECT count(*) FROM ledger), "
                                           "(SELECT count(*) FROM raw_files WHERE kind = 'ledger')").fetchone()
            finally:
                conn.close()
            reads.append((rows, files, len(service.list_claims(type="warehouse_lost"))))

    threads = [threading.Thread(target=guarded(w)) for w in (upload, audit, list_claims)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    everything = {r for n in range(ROUNDS) for r in _refs(n)}
    # each audit saw whole uploads only, and the last one saw them all
    assert all(seen == {r for n in range(len(seen) // 2) for r in _refs(n)} for seen in audits)
    assert audits[-1] == everything
    assert reads and all(rows == 2 * files for rows, files, _ in reads)
    assert [c for _, _, c in reads] == sorted(c for _, _, c in reads)
    assert {c["reference_id"] for c in service.list_claims(type="warehouse_lost")} == everything
    assert warehouse.open_files() == {}
