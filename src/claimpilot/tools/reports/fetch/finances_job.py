"""Finances v0 listFinancialEvents for one range, kept whole as JSON evidence; its reimbursement
adjustment events are loaded into the seller's store as a second source of reimbursements
(adjustments.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from claimpilot import clock
from claimpilot.tools.reports.downloads import FINANCIAL_EVENTS_FOLDER
from claimpilot.tools.reports.errors import ReportError

from .adjustments import reimbursement_document
from .errors import FetchError
from .model import FetchTask, ReportOutcome
from .report_job import FetchContext


def run_finances(ctx: FetchContext, task: FetchTask) -> ReportOutcome:
    what = f"financial events for {task.range}"
    finances = ctx.clients.finances
    assert task.range is not None  # financial events are fetched by ranges of days
    after = task.range.start_time()
    before = min(task.range.end_time() + timedelta(seconds=1),
                 clock.now_utc() - timedelta(minutes=3))
    ctx.progress(task, "requested")
    events: dict[str, list[dict[str, Any]]] = {}
    params = {"PostedAfter": after.isoformat(), "PostedBefore": before.isoformat(), "MaxResultsPerPage": 100}
    while True:
        res = ctx.call("listFinancialEvents", what, finances.list_financial_events, **params)
        for name, listed in (res.payload.get("FinancialEvents") or {}).items():
            events.setdefault(name, []).extend(listed or [])
        token = res.payload.get("NextToken")
        if not token:
            break
        params = {"NextToken": token}
        ctx.progress(task, "downloading")
    document = json.dumps(
        {"PostedAfter": after.isoformat(), "PostedBefore": before.isoformat(),
         "FinancialEvents": events},
        sort_keys=True, separators=(",", ":"),
    ).encode("utf-8")
    sha = hashlib.sha256(document).hexdigest()
    key = f"{FINANCIAL_EVENTS_FOLDER}/{sha}.json"
    if not ctx.store.vault.exists(key):
        ctx.store.vault.put(key, document)  # whole or nothing; a failure fails the run before the log says done
    _load_reimbursements(ctx, task, events.get("AdjustmentEventList") or [], what)
    rows = sum(len(v) for v in events.values())
    ctx.log.fetched(task.key, sha256=sha, rows=rows, kind=task.kind, evidence=ctx.store.vault.uri(key))
    return ReportOutcome(task.kind, task.range, "fetched", rows=rows, rows_added=rows, sha256=sha)


def _load_reimbursements(ctx: FetchContext, task: FetchTask, adjustments: list[dict[str, Any]], what: str) -> None:
    """The reimbursement adjustment events into the store, as rows of the Reimbursements report."""
    document = reimbursement_document(adjustments)
    if document is None:
        return
    name = f"financial-events-{task.range}-reimbursements.txt".replace("..", "_")
    try:
        ctx.store.import_bytes(document, name, source="sp-api")
    except ReportError as exc:
        raise FetchError(f"{what}: the adjustment events could not be loaded: {exc}") from None
