"""Audit runs (the same steps as ``claimpilot cases sync``), the dashboard, and the batch packet export."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from claimpilot import clock
from claimpilot.server.answers.claims import AuditRun, Dashboard
from claimpilot.server.deps import SellerAccess, SellerContext, SellerOperator
from claimpilot.server.home_node import READS_WAREHOUSE
from claimpilot.server.schemas import AuditRequest
from claimpilot.server.workspace import case_service, report_store
from claimpilot.tools.cases.claims_query import ClaimFilter
from claimpilot.vocabulary import OPEN_STATUSES

router = APIRouter(tags=["audit"])
DEADLINE_DAYS = 7


def _audit(ctx: SellerContext, as_of: date, sync: bool) -> dict:
    from claimpilot.tools.audit import run_audit
    from claimpilot.tools.cases.refresh import refresh_claims

    marketplace = ctx.seller.marketplace
    if sync:
        refreshed = refresh_claims(ctx.settings, as_of, marketplace=marketplace, cases=case_service(ctx.settings))
        audit, synced, matched = refreshed.audit, refreshed.sync.to_json(), len(refreshed.matched)
    else:
        with report_store(ctx.settings).connect() as conn:
            audit, synced, matched = run_audit(conn, as_of, marketplace), None, 0
    return {"as_of": as_of.isoformat(), "findings": audit.count, "summary": audit.summary,
            "sync": synced, "reimbursements_matched": matched}


@router.post("/audit", dependencies=[READS_WAREHOUSE])
async def run_audit_route(body: AuditRequest, ctx: SellerOperator) -> AuditRun:
    """Audit the seller's stored reports as of a day; with ``sync``, findings become claims and new
    reimbursements are matched to filed claims."""
    return AuditRun.model_validate(await run_in_threadpool(_audit, ctx, body.as_of or clock.today(), body.sync))


def _rows(mapping: dict, key_name: str) -> list[dict]:
    return [{key_name: key, "claimable": v.get("open", "0.00"), "recovered": v.get("recovered", "0.00"),
             "lost_to_expiry": v.get("lost_to_expiry", "0.00"), "claimed": v.get("claimed", "0.00"),
             "pending": v.get("pending", "0.00")} for key, v in mapping.items()]


@router.get("/dashboard")
def dashboard(ctx: SellerAccess) -> Dashboard:
    """The money (claimable, pending, recovered, lost to expiry) by type and month, and this week's deadlines."""
    today = clock.today()
    soon = ClaimFilter(status=tuple(sorted(OPEN_STATUSES)), closes_from=today,
                       closes_by=today + timedelta(days=DEADLINE_DAYS))
    svc = case_service(ctx.settings)
    deadlines = svc.claims_page(soon, limit=100).items
    money = svc.summary()
    total = money["total"]
    return Dashboard.model_validate({
        "currency": money["currency"] if money["currency"] not in (None, "mixed") else "USD",
        "totals": {"claimable": total["open"], "pending": total["pending"], "recovered": total["recovered"],
                   "lost_to_expiry": total["lost_to_expiry"], "claimed": total["claimed"], "denied": total["denied"]},
        "by_type": _rows(money["by_type"], "type"),
        "by_month": _rows(money["by_month"], "month"),
        "claims_by_status": money["claims_by_status"],
        "deadlines": deadlines,
    })


@router.post("/cases/export", dependencies=[READS_WAREHOUSE], response_class=Response,
             responses={200: {"content": {"application/zip": {}}}})
def export_cases(ctx: SellerOperator) -> Response:
    """Every claimable claim drafted into packets, and all unsubmitted packets as one zip with a claims list."""
    svc = case_service(ctx.settings)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "packets.zip"
        svc.export(target)
        body = target.read_bytes()
    name = f"packets-{ctx.seller_id}-{clock.today().isoformat()}.zip"
    return Response(body, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
