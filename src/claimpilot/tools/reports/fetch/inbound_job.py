"""FBA inbound shipments and their items (FBA Inbound v0) as one CSV with the
API's field names, imported like any report."""

from __future__ import annotations

import csv
import io
from typing import Any, Protocol

from claimpilot.tools.reports.errors import ReportError

from .client import SpApiClients
from .errors import FetchError
from .model import FetchTask, ReportOutcome
from .report_job import FetchContext
from .retry import ApiCaller

SHIPMENT_STATUSES = [
    "WORKING", "READY_TO_SHIP", "SHIPPED", "IN_TRANSIT", "DELIVERED", "CHECKED_IN",
    "RECEIVING", "CLOSED", "CANCELLED", "DELETED", "ERROR",
]
COLUMNS = [
    "ShipmentId", "ShipmentName", "ShipmentStatus", "DestinationFulfillmentCenterId",
    "SellerSKU", "FulfillmentNetworkSKU", "QuantityShipped", "QuantityReceived",
]


class InboundCalls(Protocol):
    """What listing the inbound shipments needs: the clients and the retrying caller (a fetch's context has them)."""

    @property
    def clients(self) -> SpApiClients: ...

    @property
    def call(self) -> ApiCaller: ...


def _shipments(ctx: InboundCalls, what: str) -> list[dict[str, Any]]:
    inbound, mp = ctx.clients.inbound, ctx.clients.marketplace_id
    res = ctx.call("getShipments", what, inbound.get_shipments,
                   QueryType="SHIPMENT", ShipmentStatusList=",".join(SHIPMENT_STATUSES), MarketplaceId=mp)
    shipments = list(res.payload.get("ShipmentData") or [])
    token = res.payload.get("NextToken")
    while token:
        res = ctx.call("getShipments", what, inbound.get_shipments,
                       QueryType="NEXT_TOKEN", NextToken=token, MarketplaceId=mp)
        shipments += res.payload.get("ShipmentData") or []
        token = res.payload.get("NextToken")
    return shipments


def _items(ctx: InboundCalls, shipment_id: str, what: str) -> list[dict[str, Any]]:
    inbound, mp = ctx.clients.inbound, ctx.clients.marketplace_id
    items: list[dict[str, Any]] = []
    token = None
    while True:
        params = {"MarketplaceId": mp, **({"NextToken": token} if token else {})}
        res = ctx.call("getShipmentItemsByShipmentId", what, inbound.shipment_items_by_shipment, shipment_id, **params)
        items += res.payload.get("ItemData") or []
        token = res.payload.get("NextToken")
        if not token:
            return items


def run_inbound(ctx: FetchContext, task: FetchTask) -> ReportOutcome:
    what = "FBA inbound shipments"
    ctx.progress(task, "requested")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    shipments = _shipments(ctx, what)
    ctx.progress(task, "downloading")
    lines = 0
    for shipment in sorted(shipments, key=lambda s: s.get("ShipmentId", "")):
        sid = shipment["ShipmentId"]
        for item in _items(ctx, sid, f"{what} ({sid})"):
            writer.writerow({**shipment, **item, "ShipmentId": sid})
            lines += 1
    if lines == 0:
        ctx.log.fetched(task.key, rows=0, kind=task.kind)
        return ReportOutcome(task.kind, task.range, "fetched", rows=0)
    try:
        result = ctx.store.import_bytes(out.getvalue().encode("utf-8"), f"inbound-shipments-{task.range}.csv",
                                        source="sp-api")
    except ReportError as exc:
        raise FetchError(f"{what}: the shipment items could not be loaded: {exc}") from None
    imported = result.files[0]
    ctx.log.fetched(task.key, sha256=imported.sha256, rows=imported.rows_read, kind=task.kind,
                    shipments=len(shipments))
    return ReportOutcome(task.kind, task.range, "fetched", rows=imported.rows_read,
                         rows_added=imported.rows_added, sha256=imported.sha256)
