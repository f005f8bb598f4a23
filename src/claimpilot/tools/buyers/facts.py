"""What is true about an order now, from its context (Orders API, tracking and its alerts, the seller's
reports), as the few facts a reply may state, and where the order stands for "where is my order".

Dates a reply promises (ship by, delivery window) are kept only while they lie ahead; a window that has
passed makes the order *late*, never a promise. A parcel whose tracking has stalled, shows an exception or
is held in customs, an order late or not shipped in time, is one the seller must check: the reply says so
("we are checking with the carrier") and a follow-up task is raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from claimpilot import clock

STALL_DAYS = 4  # no new scan for this long while in transit: stalled, even before logistics raises its alert


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class OrderFacts:
    order_id: str | None
    known: bool = False  # the Orders API answered for this order
    status: str | None = None  # Shipped, Unshipped, Pending, Canceled
    marketplace: str | None = None
    purchase_date: date | None = None
    ship_by: date | None = None
    shipped: bool = False
    ship_date: date | None = None
    delivery_from: date | None = None
    delivery_to: date | None = None
    delivered: bool = False
    delivered_on: date | None = None
    carrier: str | None = None
    tracking_status: str | None = None
    eta: date | None = None
    last_scan: date | None = None
    alerts: list[str] = field(default_factory=list)
    refunded: bool = False
    refund_date: date | None = None
    refund_amount: str | None = None
    returned: bool = False
    return_date: date | None = None
    items: list[dict[str, Any]] = field(default_factory=list)
    today: date = field(default_factory=clock.today)

    @property
    def item(self) -> str:
        return str(self.items[0].get("title") or "") if self.items else ""

    @property
    def asin(self) -> str | None:
        return self.items[0].get("asin") if self.items else None

    @property
    def stalled(self) -> bool:
        if self.delivered or not self.shipped:
            return False
        if "stalled" in self.alerts:
            return True
        moving = self.tracking_status in ("in_transit", "info_received", "customs")
        return bool(moving and self.last_scan and (self.today - self.last_scan).days >= STALL_DAYS)

    @property
    def late(self) -> bool:
        """Past the promised delivery window and not delivered."""
        return bool(not self.delivered and self.delivery_to and self.delivery_to < self.today
                    and self.status != "Canceled")

    @property
    def ship_late(self) -> bool:
        return bool(not self.shipped and self.ship_by and self.ship_by < self.today and self.status != "Canceled")

    def ahead(self, d: date | None) -> date | None:
        """``d`` if it is today or later (a date a reply may promise), else None."""
        return d if d and d >= self.today else None


def from_context(context: dict[str, Any], today: date | None = None) -> OrderFacts:
    """The facts of a draft's context (``order_context``)."""
    order = context.get("order") or {}
    tracking = context.get("tracking") or {}
    reports = context.get("reports") or {}
    f = OrderFacts(order_id=context.get("order_id"), today=today or clock.today())
    if order:
        f.known = True
        f.status = order.get("status")
        f.marketplace = order.get("marketplace")
        f.purchase_date = _day(order.get("purchase_date"))
        f.ship_by = _day(order.get("latest_ship_date"))
        f.delivery_from = _day(order.get("earliest_delivery_date"))
        f.delivery_to = _day(order.get("latest_delivery_date"))
        f.shipped = f.status in ("Shipped", "PartiallyShipped")
        f.items = list(order.get("items") or [])
    if tracking:
        f.carrier = tracking.get("carrier")
        f.tracking_status = tracking.get("status")
        f.eta = _day(tracking.get("eta"))
        f.last_scan = _day(tracking.get("last_event_at"))
        f.alerts = [str(a) for a in tracking.get("alerts") or []]
        f.delivered = f.tracking_status == "delivered"
        f.delivered_on = _day(tracking.get("delivered_at")) if f.delivered else None
        if f.tracking_status and f.tracking_status != "info_received":
            f.shipped = True
        f.ship_date = _day(tracking.get("first_event_at"))
    refund = reports.get("refund") or {}
    if refund:
        f.refunded = True
        f.refund_date = _day(refund.get("date"))
        amount = refund.get("amount")
        if amount is not None:
            f.refund_amount = f"{abs(Decimal(str(amount))):.2f} {refund.get('currency') or ''}".strip()
    ret = reports.get("return") or {}
    if ret:
        f.returned = True
        f.return_date = _day(ret.get("date"))
    return f


# Where an order stands for "where is my order", in the order a reply checks them.
SITUATIONS = ("canceled", "refunded", "delivered", "exception", "customs", "stalled", "out_for_delivery", "late",
              "in_transit", "ship_late", "not_shipped", "unknown")


def situation(f: OrderFacts) -> str:
    if f.status == "Canceled":
        return "canceled"
    if f.refunded and not f.delivered:
        return "refunded"
    if f.delivered:
        return "delivered"
    if f.tracking_status == "exception" or "exception" in f.alerts:
        return "exception"
    if f.tracking_status == "customs" or "customs_hold" in f.alerts:
        return "customs"
    if f.stalled:
        return "stalled"
    if f.tracking_status == "out_for_delivery":
        return "out_for_delivery"
    if f.late and f.shipped:
        return "late"
    if f.shipped:
        return "in_transit"
    if f.ship_late:
        return "ship_late"
    if f.known and f.status in ("Unshipped", "Pending"):
        return "not_shipped"
    return "unknown"


# Situations the seller has to look into: the reply says "we are checking", and a task is raised.
NEEDS_CHECK = {"exception": "check_carrier", "customs": "check_carrier", "stalled": "check_carrier",
               "late": "check_carrier", "ship_late": "check_shipment", "unknown": "look_up_order"}


def expected_by(f: OrderFacts) -> tuple[date | None, date | None]:
    """The delivery window a reply may state: (from, to), each only while ahead; the carrier's ETA first."""
    if f.eta and f.eta >= f.today:
        return None, f.eta
    to = f.ahead(f.delivery_to)
    if to is None:
        return None, None
    return f.ahead(f.delivery_from), to


