"""The shipments board: tracked shipments, one shipment's scans and ETA history, alerts; adding a number,
refreshing from the providers; and the 17TRACK push endpoint.

Refreshing delivers the alerts it raises to the seller's own alert channels
(``claimpilot sellers alerts``) when it has them, else to the installation's;
only that route reads (and decrypts) the seller's stored channels.

The push endpoint (``POST .../shipments/track17-webhook``) is called by
17TRACK, not by a member: it carries no session or API key, so it is left out
of the API schema and is authenticated by the push's own signature (``sign``
header, the account's webhook key), answering 401 to anything unsigned.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from claimpilot.accounts.models import SellerAccount
from claimpilot.server.answers.shipments import Alert, PushTaken, Refreshed, Shipment, ShipmentDetail, ShipmentList
from claimpilot.server.deps import DbDep, SellerAccess, SellerOperator, SettingsDep
from claimpilot.server.problems import Problem, language
from claimpilot.server.seller_settings import own_settings
from claimpilot.vocabulary import ShipmentKind, ShipmentState

router = APIRouter(prefix="/shipments", tags=["shipments"])
Ref = Annotated[str, Query(min_length=3, max_length=64, pattern=r"^[0-9A-Za-z\-]+$", description="tracking number, "
                           "FBA shipment id, bill of lading or container")]
MAX_PUSH_BYTES = 1_000_000


class ShipmentAdd(BaseModel):
    ref: str = Field(min_length=3, max_length=64, pattern=r"^[0-9A-Za-z\-]+$")
    kind: ShipmentKind | None = None
    order_id: str | None = Field(default=None, max_length=32)
    fba_shipment_id: str | None = Field(default=None, max_length=32)
    planned_eta: date | None = None
    carrier_code: int | None = Field(default=None, ge=1, le=10_000_000)


def _service(ctx):
    from claimpilot.tools.logistics.service import LogisticsService

    return LogisticsService(ctx.settings)


def _worded(alerts: list[dict], request: Request) -> list[dict]:
    """The alerts with their sentence in the reader's language (as stored: the seller's language)."""
    from claimpilot.tools.logistics.alerts import alert_text

    lang = language(request)
    return [{**a, "message": alert_text(a["kind"], a["data"], lang)} if a.get("data") is not None else a
            for a in alerts]


@router.get("")
def list_shipments(ctx: SellerAccess, request: Request, status: Annotated[ShipmentState | None, Query()] = None,
                   kind: Annotated[ShipmentKind | None, Query()] = None,
                   late: Annotated[bool, Query(description="only late, held or in exception")] = False,
                   ) -> ShipmentList:
    """The seller's shipments with their normalised and original status, ETA, and units received (FBA)."""
    svc = _service(ctx)
    rows = svc.late() if late else svc.list(status=status, kind=kind)
    if late:
        rows = [r for r in rows if (not status or r["status"] == status) and (not kind or r["kind"] == kind)]
    counts: dict[str, int] = {}
    for r in svc.list():
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    alerts = _worded(svc.alerts(limit=20), request)
    return ShipmentList.model_validate({"items": rows, "counts": counts, "alerts": alerts})


@router.get("/detail", responses={404: {"description": "no such shipment in this seller account"}})
def shipment_detail(ctx: SellerAccess, ref: Ref, request: Request) -> ShipmentDetail:
    """One shipment: its scans, ETA history, items shipped and received, and alerts (worded in the reader's
    language)."""
    shown = _service(ctx).show(ref)
    return ShipmentDetail.model_validate({**shown, "alerts": _worded(shown.get("alerts", []), request)})


@router.get("/alerts")
def shipment_alerts(ctx: SellerAccess, kind: Annotated[str | None, Query(max_length=24)] = None,
                    limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[Alert]:
    """Alerts raised, newest first, with where each was delivered."""
    return [Alert.model_validate(a) for a in _service(ctx).alerts(kind=kind, limit=limit)]


@router.post("")
async def add_shipment(body: ShipmentAdd, ctx: SellerOperator) -> Shipment:
    """Track a number (a parcel is registered with 17TRACK) or an FBA shipment id."""
    def add() -> dict:
        return _service(ctx).add(body.ref, kind=body.kind, carrier_code=body.carrier_code, order_id=body.order_id,
                                 fba_shipment_id=body.fba_shipment_id, planned_eta=body.planned_eta)

    return Shipment.model_validate(await run_in_threadpool(add))


@router.post("/refresh")
async def refresh_shipments(request: Request, ctx: SellerOperator, base: SettingsDep, db: DbDep) -> Refreshed:
    """Pull news from 17TRACK and the SP-API, raise the alerts due today, deliver them to the seller's own
    alert channels (else the installation's)."""
    from claimpilot.tools.logistics.service import LogisticsService

    settings = await run_in_threadpool(lambda: own_settings(request, ctx, base, db)[0])
    result = await run_in_threadpool(lambda: LogisticsService(settings).refresh())
    return Refreshed.model_validate(result.to_dict())


@router.post("/track17-webhook", include_in_schema=False)
async def track17_push(seller_id: str, request: Request, settings: SettingsDep, db: DbDep) -> PushTaken:
    """A 17TRACK push for this seller account; verified by its signature, applied once."""
    from claimpilot.tools.logistics.service import LogisticsService
    from claimpilot.tools.logistics.track17 import WebhookRejected, read_webhook

    body = await request.body()
    if len(body) > MAX_PUSH_BYTES:
        raise Problem(413, "push_too_large")
    key = settings.logistics.track17.webhook_key
    try:
        read_webhook(body, request.headers.get("sign"), key.get_secret_value() if key else None)
    except WebhookRejected as exc:
        raise Problem(401, "push_refused", reason=str(exc)) from None
    seller = db.get(SellerAccount, seller_id)
    db.commit()
    if seller is None:
        raise Problem(404, "seller_not_found")
    scoped = settings.model_copy(update={"seller_id": seller.id, "marketplace": seller.marketplace})
    result = await run_in_threadpool(
        lambda: LogisticsService(scoped).take_track17_push(body, request.headers.get("sign")))
    return PushTaken(event=result["event"], duplicate=result["duplicate"], applied=len(result["changes"]))
