"""The main job for one seller account: fetch, audit, claims, cases, money.

The CLI's ``demo`` and the scheduler run this chain; its middle (audit, sync claims, match
reimbursements) is ``tools.cases.refresh.refresh_claims``, the call every face shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.tools.audit import AuditResult
from claimpilot.tools.cases.refresh import refresh_claims
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.cases.sync import SyncResult
from claimpilot.tools.reports.fetch import FetchResult, fetch_reports
from claimpilot.tools.reports.fetch.model import Progress
from claimpilot.tools.reports.store import ReportStore


@dataclass
class ScanResult:
    as_of: date
    audit: AuditResult
    sync: SyncResult
    fetch: FetchResult | None = None
    reimbursements_matched: list[dict] = field(default_factory=list)
    packets: list[dict] = field(default_factory=list)
    money: Mapping[str, object] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "fetched": None if self.fetch is None else {
                "ok": self.fetch.ok, "rows_by_kind": self.fetch.rows_by_kind(),
                "failed": [f"{r.kind} {r.range}: {r.error}" for r in self.fetch.failed],
                "by_hand": [{"kind": h.kind, "before": h.before.isoformat(), "zh": h.text("zh"), "en": h.text("en")}
                            for h in self.fetch.by_hand],
            },
            "audit": self.audit.summary,
            "claims": self.sync.to_json(),
            "reimbursements_matched": len(self.reimbursements_matched),
            "packets": len(self.packets),
            "money": self.money,
        }


def run_scan(settings: Settings, as_of: date | None = None, *, fetch: bool = True, since: date | None = None,
             progress: Progress | None = None) -> ScanResult:
    """One full pass over ``settings.seller_id``: new reports in (from ``since``,
    default the fetcher's own), every claim up to date.

    The seller's report store is held open for the whole pass, so that its stages (each import, the
    audit, the claims) share one open file: it is opened, checkpointed and published to readers once,
    when the pass ends, not once a stage (18 times a rescan)."""
    as_of = as_of or clock.now_utc().date()
    with ReportStore.for_seller(settings).connect():
        fetched = fetch_reports(settings, start=since, end=as_of, progress=progress) if fetch else None
        cases = CaseService(settings)
        refreshed = refresh_claims(settings, as_of, cases=cases)
        packets = cases.draft_all(as_of)
    return ScanResult(as_of, refreshed.audit, refreshed.sync, fetched, refreshed.matched, packets, cases.summary())
