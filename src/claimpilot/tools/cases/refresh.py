"""``refresh_claims``: the one call that brings a seller's claims up to date with its stored reports.

It audits the reports as of a day, turns the findings into claims (new, changed, moved on) and matches
new reimbursement rows to the filed claims. ``claimpilot cases sync``, ``POST /audit`` with ``sync``,
the agent's ``run_audit`` and the scheduled scan (``jobs/scan.py``) all call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimpilot.config import Settings
from claimpilot.tools.audit import AuditResult, run_audit
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.cases.sync import SyncResult
from claimpilot.tools.reports.coverage import rules_with_reports
from claimpilot.tools.reports.store import ReportStore


@dataclass
class Refreshed:
    """What one refresh did: the audit, the claims it synced, the reimbursements it matched."""

    as_of: date
    audit: AuditResult
    sync: SyncResult
    matched: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.sync.to_json(), "reimbursements_matched": len(self.matched)}


def refresh_claims(settings: Settings, as_of: date, *, seller_id: str | None = None,
                   marketplace: str | None = None, cases: CaseService | None = None) -> Refreshed:
    """Audit the seller's stored reports as of ``as_of``, sync the findings into claims and match new
    reimbursements (``settings.seller_id`` and ``settings.marketplace`` unless named). Only the rules whose source
    reports the store holds make or withdraw claims: a store emptied or never filled takes no claim away, and a
    rule read without its reports (returns without the returns report, say) claims nothing."""
    cases = cases or CaseService(settings, seller_id, marketplace)
    store = ReportStore.for_seller(settings, cases.seller_id)
    with store.connect() as conn:
        audit = run_audit(conn, as_of, cases.marketplace)
        known = rules_with_reports(conn)  # a rule without its reports neither claims nor withdraws anything
        synced = cases.sync([f for f in audit.findings if f.type in known], as_of, types=known)
        matched = cases.match_reimbursements(conn, as_of)
    return Refreshed(as_of, audit, synced, matched)
