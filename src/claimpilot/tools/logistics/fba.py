"""FBA inbound shipments from the SP-API Fulfillment Inbound API (v0): status, and units shipped against received.

The clients, the pacing and the throttling/fault retries are the report
fetch's own (``tools/reports/fetch``): the same python-amazon-sp-api clients,
pointed at Amazon or at the local emulator by ``settings.sp_api.endpoint``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimpilot.config import Settings
from claimpilot.tools.logistics.status import from_sp_api
from claimpilot.tools.logistics.update import TrackingUpdate
from claimpilot.tools.reports.fetch.client import SpApiClients
from claimpilot.tools.reports.fetch.inbound_job import _items, _shipments
from claimpilot.tools.reports.fetch.retry import ApiCaller


@dataclass
class _Context:
    """What the fetch layer's inbound calls read: the clients and the retrying caller."""

    clients: SpApiClients
    call: ApiCaller


def _update(shipment: dict[str, Any], items: list[dict[str, Any]]) -> TrackingUpdate:
    lines = [{"sku": i.get("SellerSKU"), "fnsku": i.get("FulfillmentNetworkSKU"),
              "shipped": int(i.get("QuantityShipped") or 0), "received": int(i.get("QuantityReceived") or 0)}
             for i in items]
    sid = shipment["ShipmentId"]
    return TrackingUpdate(
        ref=sid.upper(), source="sp_api", mapped=from_sp_api(shipment.get("ShipmentStatus") or ""),
        fields={"label": (shipment.get("ShipmentName") or "")[:200],
                "destination": shipment.get("DestinationFulfillmentCenterId"), "fba_shipment_id": sid},
        detail={"items": lines, "shipped": sum(x["shipped"] for x in lines),
                "received": sum(x["received"] for x in lines)},
    )


def fetch_fba_shipments(settings: Settings, shipment_ids: set[str] | None = None) -> list[TrackingUpdate]:
    """Every inbound shipment (or only those named) with its items, as updates."""
    clients = SpApiClients(settings, timeout=settings.sp_api.request_timeout_s)
    try:
        ctx = _Context(clients, ApiCaller(settings.sp_api))
        what = "FBA inbound shipments"
        wanted = {s.upper() for s in shipment_ids} if shipment_ids else None
        updates = []
        for shipment in sorted(_shipments(ctx, what), key=lambda s: s.get("ShipmentId", "")):
            sid = shipment.get("ShipmentId") or ""
            if wanted is not None and sid.upper() not in wanted:
                continue
            updates.append(_update(shipment, _items(ctx, sid, f"{what} ({sid})")))
        return updates
    finally:
        clients.close()
