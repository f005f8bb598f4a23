"""Read-only views of shipments: the one-line view other capabilities use, and JSON-able rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from claimpilot.tools.logistics.models import Shipment, ShipmentAlert
from claimpilot.tools.logistics.update import as_utc


@dataclass(frozen=True)
class TrackingView:
    """An order's (or any shipment's) tracking as a buyer reply can state it."""

    ref: str
    kind: str
    carrier: str | None
    status: str
    provider_status: str
    eta: date | None
    delivered_at: datetime | None
    last_event_at: datetime | None
    last_event: str
    last_location: str
    first_event_at: datetime | None = None
    alerts: tuple[str, ...] = ()  # the kinds of the alerts raised for it (stalled, exception, ...)

    def to_dict(self) -> dict[str, object]:
        return {k: list(v) if isinstance(v, tuple) else _iso(v) for k, v in asdict(self).items()}


def tracking_view(sh: Shipment, alerts: tuple[str, ...] = ()) -> TrackingView:
    last = sh.events[-1] if sh.events else None
    first = sh.events[0] if sh.events else None
    def utc(v: datetime | None) -> datetime | None:
        return as_utc(v) if v else None

    return TrackingView(sh.ref, sh.kind, sh.carrier, sh.status, sh.provider_status, sh.eta, utc(sh.delivered_at),
                        utc(sh.last_event_at), last.description if last else "", last.location if last else "",
                        utc(first.at) if first else None, alerts)


def _iso(v: object) -> object:  # a date or time as ISO text, anything else as it is
    if isinstance(v, datetime):
        return as_utc(v).isoformat()
    return v.isoformat() if isinstance(v, date) else v


def shipment_row(sh: Shipment) -> dict[str, Any]:
    detail = sh.detail or {}
    return {"ref": sh.ref, "kind": sh.kind, "provider": sh.provider, "label": sh.label, "carrier": sh.carrier,
            "status": sh.status, "provider_status": sh.provider_status, "customs_hold": sh.customs_hold,
            "order_id": sh.order_id, "fba_shipment_id": sh.fba_shipment_id, "container": sh.container,
            "origin": sh.origin, "destination": sh.destination, "etd": _iso(sh.etd),
            "planned_eta": _iso(sh.planned_eta), "eta": _iso(sh.eta), "last_event_at": _iso(sh.last_event_at),
            "delivered_at": _iso(sh.delivered_at), "shipped": detail.get("shipped"), "received": detail.get("received")}


def shipment_detail(sh: Shipment, alerts: list[ShipmentAlert]) -> dict[str, Any]:
    return {**shipment_row(sh), "items": (sh.detail or {}).get("items", []),
            "events": [{"at": _iso(e.at), "status": e.status, "provider_status": e.provider_status,
                        "description": e.description, "location": e.location, "source": e.source}
                       for e in sh.events],
            "eta_history": [{"at": _iso(c.at), "old_eta": _iso(c.old_eta), "new_eta": _iso(c.new_eta),
                             "source": c.source} for c in sh.eta_changes],
            "alerts": [alert_row(a) for a in alerts]}


def alert_row(a: ShipmentAlert) -> dict[str, Any]:
    return {"id": a.id, "kind": a.kind, "ref": a.ref, "message": a.message, "claim_id": a.claim_id,
            "raised_on": _iso(a.raised_on), "deliveries": a.deliveries or {}, "data": a.data or {}}
