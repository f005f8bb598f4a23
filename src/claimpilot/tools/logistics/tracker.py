"""Applying a provider's update to a stored shipment: new scans only, status, ETA and its history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.tools.logistics.models import EtaChange, Shipment, ShipmentEvent
from claimpilot.tools.logistics.status import Status
from claimpilot.tools.logistics.update import ScanIn, TrackingUpdate, as_utc

SETTABLE = ("etd", "planned_eta", "origin", "destination", "container", "label", "order_id", "fba_shipment_id")


def apply_update(s: Session, shipment: Shipment, update: TrackingUpdate, now: datetime) -> dict[str, Any]:
    """Fold ``update`` into ``shipment``; returns what changed (new scans, status, ETA)."""
    for name, value in update.fields.items():
        if name in SETTABLE and value not in (None, ""):
            setattr(shipment, name, value)
    if update.carrier:
        shipment.carrier = update.carrier
    if update.carrier_code is not None:
        shipment.carrier_code = update.carrier_code
    if update.detail:
        shipment.detail = {**(shipment.detail or {}), **update.detail}
    scans = list(update.scans)
    if not scans and update.mapped is not None and update.mapped.original != shipment.provider_status:
        scans = [ScanIn(as_utc(now), update.mapped, f"status {update.mapped.original}")]
    known = set(s.scalars(select(ShipmentEvent.key).where(ShipmentEvent.shipment_id == shipment.id))) \
        if shipment.id else set()
    added = []
    for scan in sorted(scans, key=lambda x: x.at):
        if scan.key in known:
            continue
        known.add(scan.key)
        event = ShipmentEvent(key=scan.key, at=as_utc(scan.at), status=scan.mapped.status.value,
                              provider_status=scan.mapped.original[:120], description=scan.description,
                              location=scan.location[:200], source=update.source)
        shipment.events.append(event)
        added.append(event)
    before = shipment.status
    latest_scan = max(scans, key=lambda x: x.at) if scans else None
    mapped = update.mapped or (latest_scan.mapped if latest_scan else None)
    if mapped is not None:
        shipment.status = mapped.status.value
        shipment.provider_status = mapped.original[:120]
        shipment.customs_hold = mapped.hold
    if scans:
        assert latest_scan is not None  # the latest of the scans
        newest = as_utc(latest_scan.at)
        last = as_utc(shipment.last_event_at) if shipment.last_event_at else None
        shipment.last_event_at = newest if last is None or newest > last else last
    if shipment.status == Status.DELIVERED.value and shipment.delivered_at is None:
        delivered = [x.at for x in scans if x.mapped.status is Status.DELIVERED]
        shipment.delivered_at = as_utc(min(delivered)) if delivered else as_utc(now)
    eta_moved = _set_eta(shipment, update.eta, update.source, now)
    return {"ref": shipment.ref, "new_scans": len(added), "status_before": before, "status": shipment.status,
            "eta_moved": eta_moved}


def _set_eta(shipment: Shipment, eta: date | None, source: str, now: datetime) -> bool:
    if eta is None or eta == shipment.eta:
        return False
    shipment.eta_changes.append(EtaChange(old_eta=shipment.eta, new_eta=eta, source=source, at=as_utc(now)))
    shipment.eta = eta
    if shipment.planned_eta is None:
        shipment.planned_eta = eta  # the first ETA told is the plan, unless the seller set one
    return True
