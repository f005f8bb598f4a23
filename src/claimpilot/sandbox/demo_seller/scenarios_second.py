"""The second wave's losses and decoys (CLAIM_RULES.md, "The second wave"), each able to say what it
amounts to as of a date. Windows are the US ones, kept here independently of the audit's policy data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .model import COMMISSION_RATE, Order, Refund, Reimbursement, Removal, Return, World
from .scenarios import Result, _with_window_decoys, unit_value
from .truth import Decoy, finding, status_of

DAMAGED_RETURN_WINDOW = (0, 60)
REFUND_DISPUTE_WINDOW = (0, 90)
AMAZON_DAMAGED = ("DAMAGED", "CARRIER_DAMAGED")


@dataclass
class DamagedReturn:
    """A customer return graded on arrival; maybe reimbursed for its order."""

    ret: Return
    reimbursed: list[Reimbursement] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        r, p = self.ret, self.ret.order.product
        day, oid = r.returned.date(), r.order.order_id
        if day > as_of:
            return [], []
        if r.disposition not in AMAZON_DAMAGED:
            return [], [Decoy("return_damaged_unreimbursed", oid, p.fnsku, "not_damaged_by_amazon",
                              f"graded {r.disposition}: {self.name}")]
        paid = sum(x.qty_cash + x.qty_inventory for x in self.reimbursed if x.approved.date() <= as_of)
        if r.qty - paid <= 0:
            return [], [Decoy("return_damaged_unreimbursed", oid, p.fnsku, "already_reimbursed",
                              f"{r.qty} damaged, {paid} reimbursed")]
        value, estimated = unit_value(p)
        return _with_window_decoys(finding("return_damaged_unreimbursed", oid, p, r.qty - paid, value, day,
                                           *DAMAGED_RETURN_WINDOW, as_of, self.name, estimated))


def _once(type: str, reference_id: str, product, units: int, amount: Decimal, day: date, window: tuple[int, int],
          as_of: date, name: str) -> Result:
    """A finding owed once, not per unit: its unit value and its amount are the sum owed, its quantity the units."""
    f = finding(type, reference_id, product, 1, amount, day, *window, as_of, name)
    f.quantity = units
    return _with_window_decoys(f)


@dataclass
class RefundAbovePaid:
    """An order line refunded once or more; maybe more than the buyer paid."""

    order: Order
    refunds: list[Refund] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        seen = [r for r in self.refunds if r.posted.date() <= as_of]
        if not seen:
            return [], []
        o = self.order
        refunded = sum((r.principal for r in seen), Decimal(0))
        if refunded <= o.principal:
            return [], [Decoy("refund_above_paid", o.order_id, o.product.fnsku, "refund_within_price",
                              f"refunded {refunded} of {o.principal} charged")]
        last = max(r.posted.date() for r in seen)
        return _once("refund_above_paid", o.order_id, o.product, sum(r.qty for r in seen), refunded - o.principal,
                     last, REFUND_DISPUTE_WINDOW, as_of, self.name)


ADMIN_FEE_RATE, ADMIN_FEE_CAP, COMMISSION_TOLERANCE = Decimal("0.2"), Decimal("5.00"), Decimal("0.01")
CENT = Decimal("0.01")


def order_commission(o: Order) -> Decimal:
    """The referral fee charged on the order line, as money.order_lines posts it."""
    return (o.principal * COMMISSION_RATE).quantize(CENT)


def netted(r: Refund) -> Decimal:
    """What a refund's Commission and RefundCommission rows net, as money.refund_lines posts them."""
    commission = (r.principal * COMMISSION_RATE).quantize(CENT) if r.commission is None else r.commission
    admin = min(ADMIN_FEE_CAP, (commission * ADMIN_FEE_RATE).quantize(CENT)) if r.admin_fee is None else r.admin_fee
    return commission - admin


@dataclass
class CommissionShort:
    """An order line refunded once or more; maybe with the referral fee returned short."""

    order: Order
    refunds: list[Refund] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        seen = [r for r in self.refunds if r.posted.date() <= as_of]
        if not seen:
            return [], []
        o, short = self.order, Decimal(0)
        for r in seen:
            back = (order_commission(o) * r.principal / o.principal).quantize(CENT)
            short += back - min(ADMIN_FEE_CAP, (back * ADMIN_FEE_RATE).quantize(CENT)) - netted(r)
        if short <= COMMISSION_TOLERANCE:
            return [], [Decoy("refund_commission_short", o.order_id, o.product.fnsku, "fee_returned_as_due",
                              f"short {short}: {self.name}")]
        days = [r.posted.date() for r in seen]
        f = finding("refund_commission_short", o.order_id, o.product, 1, short, max(days), *REFUND_DISPUTE_WINDOW,
                    as_of, self.name)
        f.quantity, f.window_closes = sum(r.qty for r in seen), min(days) + timedelta(days=REFUND_DISPUTE_WINDOW[1])
        f.status = status_of(as_of, f.window_opens, f.window_closes)
        return _with_window_decoys(f)


REVERSAL_WINDOW, FOUND_AFTER_REVERSAL = (30, 90), 30


@dataclass
class ReversedUnfound:
    """A warehouse loss reimbursed, the reimbursement reversed; maybe a unit found (F) that covers it. ``netted``:
    found units that cover an earlier loss never reimbursed (they never cover the reversal)."""

    original: Reimbursement
    reversal: Reimbursement
    found: list[tuple[date, int]] = field(default_factory=list)
    netted: int = 0
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        r, p = self.reversal, self.reversal.product
        day = r.approved.date()
        if day > as_of:
            return [], []
        since, until = self.original.approved.date(), day + timedelta(days=FOUND_AFTER_REVERSAL)
        before = sum(q for d, q in self.found if d < since)
        inside = sum(q for d, q in self.found if since <= d <= min(until, as_of))
        covered = min(-r.qty_cash, max(0, inside - max(0, self.netted - before)))
        left = -r.qty_cash - covered
        if left <= 0:
            return [], [Decoy("reimbursement_reversed_unfound", r.reimbursement_id, p.fnsku, "found_after_reversal",
                              f"{-r.qty_cash} reversed, {covered} found")]
        return _with_window_decoys(finding("reimbursement_reversed_unfound", r.reimbursement_id, p, left,
                                           r.amount_per_unit, day, *REVERSAL_WINDOW, as_of, self.name))


REMOVAL_WINDOW = (15, 75)


@dataclass
class RemovalShort:
    """A removal order sent back to the seller; maybe fewer units arrived than shipped, maybe some reimbursed."""

    removal: Removal
    reimbursed: list[Reimbursement] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        r, p = self.removal, self.removal.product
        if r.completed > as_of:
            return [], []
        seen = [q for d, q in r.receipts() if d <= as_of]
        if not seen:
            return [], [Decoy("removal_shipment_short", r.order_id, p.fnsku, "no_receipt",
                              f"shipped {r.completed}, no receipts row: {self.name}")]
        paid = sum(x.qty_cash + x.qty_inventory for x in self.reimbursed if x.approved.date() <= as_of)
        left = r.quantity - sum(seen) - paid
        if left <= 0:
            return [], [Decoy("removal_shipment_short", r.order_id, p.fnsku, "received_in_full",
                              f"shipped {r.quantity}, received {sum(seen)}, reimbursed {paid}")]
        value, estimated = unit_value(p)
        return _with_window_decoys(finding("removal_shipment_short", r.order_id, p, left, value, r.completed,
                                           *REMOVAL_WINDOW, as_of, self.name, estimated))


SecondWave = DamagedReturn | RefundAbovePaid | CommissionShort | ReversedUnfound | RemovalShort
SECOND_WAVE = (DamagedReturn, RefundAbovePaid, CommissionShort, ReversedUnfound, RemovalShort)
