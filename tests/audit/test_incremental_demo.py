"""Day by day, the demo seller's new rows imported and audited on the kept findings: the same as a full audit."""

from datetime import date, timedelta

from claimpilot.sandbox.demo_seller import generate
from claimpilot.sandbox.scorecard import score
from claimpilot.tools.audit import run_audit
from claimpilot.tools.reports.store import ReportStore

ANCHOR = date(2026, 11, 27)
EVENTS = ("ledger", "reimbursements", "customer_returns", "settlement", "removal_shipments")
SNAPSHOTS = ("orders", "inbound_items", "fee_estimates", "products", "removal_orders", "removal_receipts")


def _view(findings):
    return sorted((f.key, f.quantity, f.amount, f.status, f.unit_value_estimated, tuple(f.evidence)) for f in findings)


def test_each_new_day_of_demo_reports_audits_as_a_full_audit_does(tmp_path):
    seller = generate(seed=5, skus=80)
    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    start = ANCHOR - timedelta(days=12)
    seller.as_of = start
    seller.write(tmp_path / "history")
    store.import_path(tmp_path / "history")
    with store.connect() as con:
        run_audit(con, start)
    for n in range(1, 13, 3):  # every third day, three days of event rows at a time
        first, day = start + timedelta(days=n), start + timedelta(days=n + 2)
        seller.as_of = day
        folder = tmp_path / f"day{n}"
        folder.mkdir()
        for kind in EVENTS:
            (folder / f"{kind}.txt").write_bytes(seller.report(kind, first, day))
        for kind in SNAPSHOTS:
            (folder / f"{kind}.txt").write_bytes(seller.report(kind))
        store.import_path(folder)
        with store.connect() as con:
            kept = run_audit(con, day).findings
            full = run_audit(con, day, cache=False).findings
        assert _view(kept) == _view(full), f"as of {day}"
        card = score(kept, seller.truth)
        assert card.perfect, (day, card)
