"""The removal shipment detail report (Amazon's) and removal_receipts.csv (the seller's own file), as of a date.

Carriers and tracking numbers are derived from the removal order id, so they draw nothing from the timeline's
random stream."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from .layouts import Row, iso
from .model import World

REMOVAL_SHIPMENTS = ("request-date", "order-id", "shipment-date", "sku", "fnsku", "disposition", "shipped-quantity",
                     "carrier", "tracking-number", "removal-order-type")
# The seller's warehouse keeps its own columns, in its own order, with a note.
REMOVAL_RECEIPTS = ("received-date", "order-id", "sku", "fnsku", "received-quantity", "note")
CARRIERS = ("UPS", "USPS", "FedEx")


def _tracking(order_id: str) -> tuple[str, str]:
    digest = int(hashlib.sha256(order_id.encode()).hexdigest(), 16)
    carrier = CARRIERS[digest % len(CARRIERS)]
    number = f"1Z{digest % 10**16:016d}" if carrier == "UPS" else f"{digest % 10**22:022d}"
    return carrier, number


def shipment_rows(world: World, as_of: date) -> list[Row]:
    rows = []
    for r in world.removals:
        if r.order_type != "Return" or r.completed > as_of:
            continue
        carrier, number = _tracking(r.order_id)
        shipped = datetime(r.completed.year, r.completed.month, r.completed.day, 15, tzinfo=r.requested.tzinfo)
        rows.append((r.completed, [iso(r.requested), r.order_id, iso(shipped), r.product.sku, r.product.fnsku,
                                   r.disposition, str(r.quantity), carrier, number, r.order_type]))
    rows.sort(key=lambda x: x[0])
    return rows


def receipt_rows(world: World, as_of: date) -> list[list[str]]:
    rows = []
    for r in world.removals:
        for day, qty in r.receipts():
            if day <= as_of:
                note = "" if qty == r.quantity else f"{qty}/{r.quantity} 件到货"
                rows.append((day, [day.isoformat(), r.order_id, r.product.sku, r.product.fnsku, str(qty), note]))
    rows.sort(key=lambda x: x[0])
    return [cells for _, cells in rows]
