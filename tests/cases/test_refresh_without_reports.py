"""An audit speaks only for the claim rules whose reports the store holds: a store that lost its reports (a
seller's store rebuilt, a new machine) or never had one kind takes no claim away."""

from __future__ import annotations

from datetime import date

from claimpilot.config import Settings
from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.cases.refresh import refresh_claims
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.store import ReportStore

DAY = date(2026, 10, 20)


def _statuses(settings: Settings) -> dict[str, str]:
    return {c["key"]: c["status"] for c in CaseService(settings).list_claims()}


def test_an_empty_store_withdraws_nothing_and_a_missing_ledger_keeps_the_ledger_rules_claims(isolated_home, tmp_path):
    settings = Settings(home=isolated_home, _env_file=None)
    folder = generate(seed=11, as_of=DAY, skus=80).write(tmp_path / "downloads")[0].parent
    ReportStore.for_seller(settings).import_path(folder)
    refresh_claims(settings, DAY)
    before = _statuses(settings)
    assert "withdrawn" not in before.values() and {"warehouse_lost", "customer_return_missing"} <= {
        c["type"] for c in CaseService(settings).list_claims()}

    settings.warehouse_path().unlink()  # the store is gone: a fresh, empty one opens
    refresh_claims(settings, DAY)
    assert _statuses(settings) == before

    ledgers = [p for p in folder.iterdir() if "Event Type" in p.read_text(errors="replace").split("\n", 1)[0]]
    assert ledgers
    for path in ledgers:  # every report again but the inventory ledger
        path.unlink()
    ReportStore.for_seller(settings).import_path(folder)
    refresh_claims(settings, DAY)
    after = {c["key"]: (c["type"], c["status"]) for c in CaseService(settings).list_claims()}
    assert set(after) == set(before)  # nothing claimed from a rule read without its reports
    for key, (type_, status) in after.items():
        if type_ in ("warehouse_lost", "warehouse_damaged", "inbound_shortage", "reimbursement_reversed_unfound",
                     "customer_return_missing", "fee_overcharge"):
            assert status == before[key], (key, type_, status)  # their ledger is missing: not known to be gone
