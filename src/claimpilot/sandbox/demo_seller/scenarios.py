"""Injected losses and decoys, each able to say what it amounts to as of a date.

The truth is computed from what was injected: each scenario knows the events
it put into the timeline and applies CLAIM_RULES.md to them alone. Windows
and thresholds below are the US ones of CLAIM_RULES.md (Amazon's FBA
reimbursement policy, windows in force since 2024-10-23, manufacturing-cost
valuation since 2025-03-10), kept here independently of the audit's policy data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from . import fees
from .catalog import Product
from .model import InboundItem, InboundShipment, LedgerEvent, Refund, Reimbursement, Return, World
from .truth import Decoy, TruthFinding, finding

WAREHOUSE_WINDOW = (0, 60)
RETURN_WINDOW = (60, 120)
INBOUND_WINDOW = (15, 60)
UNDERPAID_WINDOW = (0, 60)
FEE_DISPUTE_DAYS = 90
VALUATION_SINCE = date(2025, 3, 10)
UNDERPAID_TOLERANCE = Decimal("0.01")

Result = tuple[list[TruthFinding], list[Decoy]]


def _with_window_decoys(f: TruthFinding, decoys: list[Decoy] | None = None) -> Result:
    decoys = decoys or []
    if f.status == "pending":
        decoys.append(Decoy(f.type, f.reference_id, f.fnsku, "window_not_open", f"window opens {f.window_opens}"))
    elif f.status == "expired":
        decoys.append(Decoy(f.type, f.reference_id, f.fnsku, "window_closed", f"window closed {f.window_closes}"))
    return [f], decoys


def unit_value(product: Product) -> tuple[Decimal, bool]:
    """unit_cost, else the SKU's item price (every order of such a SKU is one unit at one price)."""
    if product.unit_cost is not None:
        return product.unit_cost, False
    return product.price, True


@dataclass
class WarehouseLoss:
    """An Adjustments event (lost: M/5, damaged: 6/7/E/H/K/U), later found or reimbursed in part or whole."""

    type: str
    event: LedgerEvent
    found: list[tuple[date, int]] = field(default_factory=list)
    reimbursed: list[Reimbursement] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        e = self.event
        if e.day > as_of:
            return [], []
        found = sum(q for d, q in self.found if d <= as_of)
        paid = sum(r.qty_cash + r.qty_inventory for r in self.reimbursed if r.approved.date() <= as_of)
        left = -e.quantity - found - paid
        if left <= 0:
            category = "found_later" if found else "already_reimbursed"
            return [], [Decoy(self.type, e.reference_id, e.product.fnsku, category,
                              f"{-e.quantity} units: {found} found, {paid} reimbursed")]
        value, estimated = unit_value(e.product)
        return _with_window_decoys(finding(self.type, e.reference_id, e.product, left, value, e.day,
                                           *WAREHOUSE_WINDOW, as_of, self.name, estimated))


@dataclass
class RefundLoss:
    """A refund; maybe a unit back (returns report and/or ledger), maybe a reimbursement for the order."""

    refund: Refund
    back: list[Return] = field(default_factory=list)
    reimbursement: Reimbursement | None = None
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        rf = self.refund
        if rf.posted.date() > as_of:
            return [], []
        oid, fnsku = rf.order.order_id, rf.order.product.fnsku
        if self.reimbursement is not None and self.reimbursement.approved.date() <= as_of:
            return [], [Decoy("customer_return_missing", oid, fnsku, "order_reimbursed",
                              f"reimbursement {self.reimbursement.reimbursement_id} carries the order id")]
        seen = [r for r in self.back if r.returned.date() <= as_of]
        in_report = sum(r.qty for r in seen if r.in_report)
        in_ledger = sum((r.qty if r.ledger_qty is None else r.ledger_qty) for r in seen if r.in_ledger)
        missing = rf.qty - max(in_report, in_ledger)
        if missing <= 0:
            return [], [Decoy("customer_return_missing", oid, fnsku, "returned",
                              f"refunded {rf.qty}; returns report shows {in_report}, ledger {in_ledger}")]
        return _with_window_decoys(finding("customer_return_missing", oid, rf.order.product, missing,
                                           rf.order.product.price, rf.posted.date(), *RETURN_WINDOW, as_of, self.name))


@dataclass
class Shortage:
    """An inbound shipment item received short; maybe reimbursed (Lost_Inbound / Damaged_Inbound)."""

    shipment: InboundShipment
    item: InboundItem
    reimbursed: list[Reimbursement] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        s, p = self.shipment, self.item.product
        first = s.first_receipt()
        if first is None or first > as_of:
            return [], []
        short = self.item.shipped - self.item.received_by(as_of)
        if s.status(as_of) != "CLOSED":
            return [], [Decoy("inbound_shortage", s.shipment_id, p.fnsku, "shipment_not_closed",
                              f"{short} units short, shipment {s.status(as_of)}")]
        paid = sum(r.qty_cash + r.qty_inventory for r in self.reimbursed if first < r.approved.date() <= as_of)
        left = short - paid
        if left <= 0:
            return [], [Decoy("inbound_shortage", s.shipment_id, p.fnsku, "already_reimbursed",
                              f"{short} units short, {paid} reimbursed")]
        value, estimated = unit_value(p)
        last = s.last_receipt(as_of)
        assert last is not None
        return _with_window_decoys(finding("inbound_shortage", s.shipment_id, p, left, value, last,
                                           *INBOUND_WINDOW, as_of, self.name, estimated))


@dataclass
class FeeOvercharge:
    """A product whose fee report tier may be dearer than its own dimensions give."""

    product: Product
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        p = self.product
        if fees.TIER_ORDER.index(p.fee_tier) <= fees.TIER_ORDER.index(p.tier):
            return [], [Decoy("fee_overcharge", p.fnsku, p.fnsku, "same_size_tier",
                              f"fee report {p.fee_tier}; own dimensions give {p.tier}: {self.name}")]
        since = as_of - timedelta(days=FEE_DISPUTE_DAYS)
        shipped = [(d, q) for d, q in world.shipments_of(p.fnsku) if since <= d <= as_of]
        units = sum(q for _, q in shipped)
        if not units:
            return [], [Decoy("fee_overcharge", p.fnsku, p.fnsku, "no_units_in_90_days",
                              f"charged {p.fee_tier}, own tier {p.tier}, nothing shipped since {since}")]
        first = min(d for d, _ in shipped)
        return [finding("fee_overcharge", p.fnsku, p, units, p.fee - p.correct_fee, first, 0, FEE_DISPUTE_DAYS,
                        as_of, self.name)], []


@dataclass
class Underpaid:
    """A warehouse or inbound reimbursement paid below, at or near the unit cost."""

    reimbursement: Reimbursement
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        r = self.reimbursement
        day = r.approved.date()
        if day > as_of:
            return [], []
        cost = r.product.unit_cost
        assert cost is not None
        if day < VALUATION_SINCE:
            return [], [Decoy("reimbursement_underpaid", r.reimbursement_id, r.product.fnsku, "before_valuation_date",
                              f"approved {day}, before {VALUATION_SINCE}")]
        if r.amount_per_unit >= cost:
            return [], [Decoy("reimbursement_underpaid", r.reimbursement_id, r.product.fnsku, "paid_at_cost",
                              f"paid {r.amount_per_unit} a unit against cost {cost}")]
        if r.amount_per_unit >= cost * (1 - UNDERPAID_TOLERANCE):
            return [], [Decoy("reimbursement_underpaid", r.reimbursement_id, r.product.fnsku, "underpaid_within_1pct",
                              f"paid {r.amount_per_unit} a unit against cost {cost}")]
        return _with_window_decoys(finding("reimbursement_underpaid", r.reimbursement_id, r.product, r.qty_cash,
                                           cost - r.amount_per_unit, day, *UNDERPAID_WINDOW, as_of, self.name))


Scenario = WarehouseLoss | RefundLoss | Shortage | FeeOvercharge | Underpaid  # and scenarios_second.SecondWave
