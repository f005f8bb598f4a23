"""The demo seller's timeline as records: everything that happens, with its date.

Nothing here depends on an as-of date: the timeline is generated whole, and a
view (reports, truth) shows only what happened on or before its as-of date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from .catalog import Product, code

START = date(2025, 11, 1)  # first day of activity
END = date(2027, 1, 31)  # last day of activity (past the default as-of, for daily re-audits)
ANCHOR = date(2026, 11, 27)  # the default as-of; injected losses are placed around it
FCS = ("PHX7", "ONT8", "LGB8", "MDW2", "BFI4", "TEB9", "SMF3", "CLT2", "IND9", "RIC2")
TAX_RATE = Decimal("0.08")
COMMISSION_RATE = Decimal("0.15")


def at(d: date, seconds: int) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC) + timedelta(seconds=seconds)


@dataclass
class Order:
    order_id: str
    product: Product
    qty: int
    purchased: datetime
    shipped: datetime | None  # None: cancelled

    @property
    def principal(self) -> Decimal:
        return self.product.price * self.qty


@dataclass
class Refund:
    order: Order
    qty: int
    posted: datetime
    adjustment_id: str
    paid: Decimal | None = None  # the principal refunded where it is not the price of the units (an error)
    commission: Decimal | None = None  # the referral fee given back where Amazon got it wrong
    admin_fee: Decimal | None = None  # the refund administration fee kept where Amazon got it wrong

    @property
    def principal(self) -> Decimal:
        return self.order.product.price * self.qty if self.paid is None else self.paid


@dataclass
class Return:
    order: Order
    qty: int
    returned: datetime
    disposition: str
    reason: str
    lpn: str
    in_report: bool = True  # a customer-returns report row
    in_ledger: bool = True  # a ledger CustomerReturns event
    ledger_qty: int | None = None  # ledger quantity where it differs from the report's


@dataclass
class LedgerEvent:
    day: date
    product: Product
    event_type: str
    reference_id: str
    quantity: int
    fc: str
    disposition: str = "SELLABLE"
    reason: str = ""


@dataclass
class Reimbursement:
    approved: datetime
    reimbursement_id: str
    case_id: str
    order_id: str
    reason: str
    product: Product
    amount_per_unit: Decimal
    qty_cash: int
    qty_inventory: int = 0
    condition: str = "New"
    original_id: str = ""  # a reversal's original reimbursement (its units are then negative)
    original_type: str = ""


@dataclass
class InboundItem:
    product: Product
    shipped: int
    in_case: int
    received: list[tuple[date, int]] = field(default_factory=list)  # ledger Receipts

    def received_by(self, as_of: date) -> int:
        return sum(q for d, q in self.received if d <= as_of)


@dataclass
class InboundShipment:
    shipment_id: str
    name: str
    fc: str
    created: date
    sent: date
    closed: date | None
    items: list[InboundItem]

    def first_receipt(self) -> date | None:
        days = [d for i in self.items for d, _ in i.received]
        return min(days) if days else None

    def last_receipt(self, as_of: date | None = None) -> date | None:
        days = [d for i in self.items for d, _ in i.received if as_of is None or d <= as_of]
        return max(days) if days else None

    def status(self, as_of: date) -> str:
        if self.closed is not None and self.closed <= as_of:
            return "CLOSED"
        first = self.first_receipt()
        if first is not None and first <= as_of:
            return "RECEIVING"
        return "SHIPPED" if self.sent <= as_of else "WORKING"


@dataclass
class Removal:
    requested: datetime
    order_id: str
    order_type: str  # Return or Disposal
    completed: date  # a Return order's shipment date
    product: Product
    disposition: str
    quantity: int
    received: list[tuple[date, int]] | None = None  # the seller's receipts; None: all units, a few days later

    def receipts(self) -> list[tuple[date, int]]:
        """What arrived at the seller's door (a Return order only), as its removal_receipts.csv lists it."""
        if self.order_type != "Return":
            return []
        if self.received is not None:
            return self.received
        return [(self.completed + timedelta(days=4 + sum(map(ord, self.order_id)) % 7), self.quantity)]


@dataclass
class World:
    """Everything the demo seller did and everything Amazon did to it."""

    rng: random.Random
    products: list[Product]
    orders: list[Order] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    returns: list[Return] = field(default_factory=list)
    ledger: list[LedgerEvent] = field(default_factory=list)
    reimbursements: list[Reimbursement] = field(default_factory=list)
    shipments: list[InboundShipment] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    settlement_ids: list[str] = field(default_factory=list)
    report_ids: dict[str, str] = field(default_factory=dict)

    def order_id(self) -> str:
        r = self.rng
        return f"1{r.randint(11, 14)}-{r.randint(0, 9999999):07d}-{r.randint(0, 9999999):07d}"

    def number(self, digits: int) -> str:
        return str(self.rng.randint(10 ** (digits - 1), 10**digits - 1))

    def fc(self) -> str:
        return self.rng.choice(FCS)

    def ship_order(self, order: Order) -> None:
        """The ledger Shipments event of an order leaving the warehouse."""
        assert order.shipped is not None
        self.ledger.append(LedgerEvent(order.shipped.date(), order.product, "Shipments", "D" + code(self.rng, 9),
                                       -order.qty, self.fc()))

    def add_return(self, ret: Return) -> None:
        self.returns.append(ret)
        if ret.in_ledger:
            q = ret.qty if ret.ledger_qty is None else ret.ledger_qty
            self.ledger.append(LedgerEvent(ret.returned.date(), ret.order.product, "CustomerReturns",
                                           ret.order.order_id, q, self.fc(), ret.disposition))

    def shipments_of(self, fnsku: str) -> list[tuple[date, int]]:
        return [(e.day, -e.quantity) for e in self.ledger if e.event_type == "Shipments" and e.product.fnsku == fnsku]
