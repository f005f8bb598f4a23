"""The second wave's losses and decoys, placed around the anchor date after the first wave's (so the first
wave's placement, and its truth, stay as they were for a seed). Each scenario uses products of its own."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from .catalog import Product, code
from .injection import FULL, Injector, day
from .model import LedgerEvent, Refund, Removal, Return, at
from .scenarios_second import (
    SECOND_WAVE,
    CommissionShort,
    DamagedReturn,
    RefundAbovePaid,
    RemovalShort,
    ReversedUnfound,
    SecondWave,
)
from .timeline import place_order

WAREHOUSE = ("Lost_Warehouse", "Damaged_Warehouse")
SHARED = 4  # products the order-keyed scenarios share (their rules judge each order on its own)


def shared(inj: Injector):
    """One of the products the order-keyed scenarios share (damaged returns, refunds, removals)."""
    return inj.rng.choice(inj.shared)


def _touched(inj: Injector) -> set[str]:
    """FNSKUs a warehouse loss, found unit or warehouse reimbursement touches: a reversal, and the loss behind
    it, net per FNSKU (inbound and order reimbursements net nothing there)."""
    touched = {e.product.fnsku for e in inj.world.ledger if e.event_type == "Adjustments"}
    return touched | {r.product.fnsku for r in inj.world.reimbursements if r.reason in WAREHOUSE}


def clean(inj: Injector) -> Product | None:
    """A product of the pool nothing touches yet (see _touched), or None when none is left."""
    touched = _touched(inj)
    for i in range(len(inj.pool) - 1, -1, -1):
        if inj.pool[i].fnsku not in touched:
            return inj.pool.pop(i)
    return None


def spare(inj: Injector) -> Product:
    """A product of the pool for a case that nets nothing per FNSKU: a touched one first, to keep the untouched
    ones for the reversals."""
    touched = _touched(inj)
    for i in range(len(inj.pool) - 1, -1, -1):
        if inj.pool[i].fnsku in touched:
            return inj.pool.pop(i)
    return inj.take()


def damaged_return(inj: Injector, grade: str, at_day: int, name: str, qty: int = 1,
                   paid: tuple[int, int] | None = None) -> DamagedReturn:
    """An order returned and graded ``grade``; the buyer's refund posts the next day (the unit is back, so no
    customer-return claim); ``paid``: (day, units) reimbursed for the order."""
    w, p = inj.world, shared(inj)
    order = place_order(w, p, day(at_day - 12 - inj.jitter()), qty)
    reason = {"CARRIER_DAMAGED": "DAMAGED_BY_CARRIER", "DEFECTIVE": "DEFECTIVE"}.get(grade, "UNWANTED_ITEM")
    ret = Return(order, qty, at(day(at_day), inj.rng.randint(0, 86399)), grade, reason, "LPN" + code(inj.rng, 10))
    w.add_return(ret)
    w.refunds.append(Refund(order, qty, ret.returned + timedelta(days=1, hours=inj.rng.randint(1, 20)), w.number(14)))
    s = DamagedReturn(ret, name=name)
    if paid:
        s.reimbursed.append(inj.reimburse(p, day(paid[0]), "CustomerReturn", p.unit_cost or p.price, paid[1], 0,
                                          order.order_id))
    inj.scenarios.append(s)
    return s


def damaged_return_cases(inj: Injector) -> None:
    j = inj.jitter
    damaged_return(inj, "DAMAGED", -20 - j(), "returned damaged by Amazon, never reimbursed")
    damaged_return(inj, "CARRIER_DAMAGED", -35 - j(), "carrier-damaged return, two units", qty=2)
    damaged_return(inj, "DAMAGED", -45 - j(), "damaged return, two units, one reimbursed", qty=2, paid=(-30, 1))
    damaged_return(inj, "DAMAGED", -60, "damaged return 60 days before the anchor: the window's last day")
    damaged_return(inj, "CARRIER_DAMAGED", -110 - j(), "carrier-damaged return long ago: window closed")
    damaged_return(inj, "DAMAGED", -50 - j(), "decoy: damaged return reimbursed in full", paid=(-25, 1))
    damaged_return(inj, "CUSTOMER_DAMAGED", -15 - j(), "decoy: damaged by the customer")
    damaged_return(inj, "DEFECTIVE", -25 - j(), "decoy: defective")
    damaged_return(inj, "SELLABLE", -30 - j(), "decoy: back in sellable stock")


def refund_above(inj: Injector, qty: int, refunds: list[tuple[int, int, str]], name: str) -> RefundAbovePaid:
    """An order of ``qty`` units refunded as ``refunds``: (day, units, extra over their price); the units came
    back (a sellable return the day before the first refund), so no customer-return claim."""
    w, p = inj.world, shared(inj)
    first = min(d for d, _, _ in refunds)
    order = place_order(w, p, day(first - 10 - inj.jitter()), qty)
    w.add_return(Return(order, sum(u for _, u, _ in refunds), at(day(first - 1), inj.rng.randint(0, 86399)),
                        "SELLABLE", "UNWANTED_ITEM", "LPN" + code(inj.rng, 10)))
    s = RefundAbovePaid(order, name=name)
    for d, units, extra in refunds:
        rf = Refund(order, units, at(day(d), inj.rng.randint(0, 86399)), w.number(14),
                    paid=p.price * units + Decimal(extra))
        w.refunds.append(rf)
        s.refunds.append(rf)
    inj.scenarios.append(s)
    return s


def refund_above_cases(inj: Injector) -> None:
    """Refunds 15 days or more before the anchor: in settlement periods Amazon has closed by then (the SP-API
    lists a settlement only once its period closes)."""
    j = inj.jitter
    refund_above(inj, 1, [(-15 - j(), 1, "4.00")], "refunded 4.00 more than the price")
    refund_above(inj, 2, [(-40 - j(), 1, "0"), (-30, 1, "3.50")], "two refunds of a two-unit line, 3.50 over")
    refund_above(inj, 1, [(-90, 1, "1.25")], "refunded above the price 90 days before the anchor: the window's last day")
    refund_above(inj, 1, [(-130 - j(), 1, "6.00")], "refunded above the price long ago: window closed")
    refund_above(inj, 2, [(-20 - j(), 1, "0")], "decoy: one unit of two refunded at its price")
    refund_above(inj, 1, [(-25 - j(), 1, "0")], "decoy: refunded exactly the price")


def commission_short(inj: Injector, qty: int, refunds: list[tuple[int, int, str | None, str | None]], name: str,
                     price: str | None = None) -> CommissionShort:
    """An order of ``qty`` units refunded as ``refunds``: (day, units, referral fee returned, administration fee
    kept; None: as Amazon's formula gives it); the units came back the day before the first refund."""
    w, p = inj.world, shared(inj) if price is None else spare(inj)
    if price is not None:  # a dearer product of its own, for the 5.00 cap
        p.price = Decimal(price)
    first = min(d for d, _, _, _ in refunds)
    order = place_order(w, p, day(first - 10 - inj.jitter()), qty)
    w.add_return(Return(order, sum(u for _, u, _, _ in refunds), at(day(first - 1), inj.rng.randint(0, 86399)),
                        "SELLABLE", "UNWANTED_ITEM", "LPN" + code(inj.rng, 10)))
    s = CommissionShort(order, name=name)
    for d, units, back, kept in refunds:
        rf = Refund(order, units, at(day(d), inj.rng.randint(0, 86399)), w.number(14),
                    commission=None if back is None else Decimal(back), admin_fee=None if kept is None else Decimal(kept))
        w.refunds.append(rf)
        s.refunds.append(rf)
    inj.scenarios.append(s)
    return s


def commission_cases(inj: Injector) -> None:
    j = inj.jitter
    commission_short(inj, 1, [(-16 - j(), 1, "0.00", "0.00")], "referral fee not returned on a refund")
    commission_short(inj, 3, [(-50 - j(), 1, None, None), (-22 - j(), 1, "0.50", None)],
                     "two refunds of a three-unit line, the second returning 0.50 of the referral fee")
    commission_short(inj, 1, [(-90, 1, "0.00", "0.00")], "fee not returned 90 days before the anchor: the last day")
    commission_short(inj, 1, [(-140 - j(), 1, "0.00", "0.00")], "fee not returned long ago: window closed")
    commission_short(inj, 1, [(-18 - j(), 1, None, "12.00")], "administration fee kept above its 5.00 cap",
                     price="249.99")
    commission_short(inj, 1, [(-28 - j(), 1, None, None)], "decoy: fee returned as due, capped at 5.00",
                     price="249.99")
    commission_short(inj, 2, [(-33 - j(), 1, None, None)], "decoy: partial refund, fee returned as due")


def reversed_unfound(inj: Injector, lost_day: int, qty: int, paid_day: int, reversed_day: int, name: str,
                     found: tuple[int, int] | None = None, why: str = "Lost_Warehouse",
                     earlier: tuple[int, int] | None = None) -> ReversedUnfound | None:
    """``qty`` units lost (M) or damaged (E) on ``lost_day``, reimbursed at cost on ``paid_day``, the whole
    reimbursement reversed on ``reversed_day``; ``found``: (day, units) found (F); ``earlier``: (day, found day)
    of one more unit lost before, never reimbursed, and found (that found unit nets that loss). A seller of few
    SKUs may have no product left that nothing else nets against: the case is then left out (None)."""
    p = clean(inj)
    if p is None:
        return None
    assert p.unit_cost is not None
    if earlier:
        inj.warehouse("warehouse_lost", "M", 1, earlier[0], "decoy: lost, found later", found=(earlier[1], 1), product=p)
    kind, code = ("warehouse_lost", "M") if why == "Lost_Warehouse" else ("warehouse_damaged", "E")
    loss = inj.warehouse(kind, code, qty, lost_day, f"the loss behind a reversal: {name}", paid=(paid_day, qty, FULL),
                         product=p)
    original = loss.reimbursed[0]
    reversal = inj.reimburse(p, day(reversed_day), "Reimbursement_Reversal", p.unit_cost, -qty)
    reversal.original_id, reversal.original_type, reversal.case_id = original.reimbursement_id, why, ""
    s = ReversedUnfound(original, reversal, netted=1 if earlier else 0, name=name)
    if earlier:
        s.found.append((day(earlier[1]), 1))
    if found:
        inj.adjustment(p, day(found[0]), found[1], "F")
        s.found.append((day(found[0]), found[1]))
    inj.scenarios.append(s)
    return s


def reversal_cases(inj: Injector) -> None:
    """In order of what matters most: a seller of few SKUs may have room for the first few alone."""
    j = inj.jitter
    reversed_unfound(inj, -95 - j(), 2, -80, -50 - j(), "reimbursement reversed, units never found")
    reversed_unfound(inj, -80 - j(), 2, -65, -55 - j(), "decoy: reversal covered by units found", found=(-58, 2))
    reversed_unfound(inj, -90 - j(), 3, -75, -45 - j(), "three reversed, one found", found=(-60, 1))
    reversed_unfound(inj, -75 - j(), 1, -50, -35, "decoy: found within 30 days after the reversal", found=(-20, 1))
    reversed_unfound(inj, -40 - j(), 1, -25, -10 - j(), "reversed recently: window not open")
    reversed_unfound(inj, -180 - j(), 1, -160, -130 - j(), "reversed long ago: window closed")
    reversed_unfound(inj, -70 - j(), 1, -55, -40 - j(), "damaged reimbursement reversed, never found",
                     why="Damaged_Warehouse")
    reversed_unfound(inj, -88 - j(), 1, -70, -60, "the unit found earlier nets a loss never reimbursed, not the reversal",
                     earlier=(-140, -130))
    reversed_unfound(inj, -120 - j(), 1, -100, -90, "reversed 90 days before the anchor: the window's last day")


def removal_short(inj: Injector, shipped_day: int, qty: int, received: list[tuple[int, int]], name: str,
                  paid: tuple[int, int] | None = None) -> RemovalShort:
    """A Return removal of ``qty`` units shipped on ``shipped_day``; ``received``: (day, units) rows of the seller's
    receipts file; ``paid``: (day, units) reimbursed for the removal order."""
    w, p = inj.world, shared(inj)
    requested = at(day(shipped_day - 3 - inj.jitter()), inj.rng.randint(0, 86399))
    rem = Removal(requested, code(inj.rng, 10), "Return", day(shipped_day), p, "SELLABLE", qty,
                  [(day(d), units) for d, units in received])
    w.removals.append(rem)
    w.ledger.append(LedgerEvent(rem.completed, p, "VendorReturns", rem.order_id, -qty, w.fc(), "SELLABLE"))
    s = RemovalShort(rem, name=name)
    if paid:
        assert p.unit_cost is not None
        s.reimbursed.append(inj.reimburse(p, day(paid[0]), "RemovalOrderLost", p.unit_cost, paid[1], 0, rem.order_id))
    inj.scenarios.append(s)
    return s


def removal_cases(inj: Injector) -> None:
    j = inj.jitter
    s = -30 - j()
    removal_short(inj, s, 5, [(s + 6, 3)], "removal shipped 5, 3 arrived")
    s = -45 - j()
    removal_short(inj, s, 4, [(s + 5, 1)], "removal shipped 4, 1 arrived, 1 reimbursed", paid=(s + 20, 1))
    s = -40 - j()
    removal_short(inj, s, 3, [(s + 4, 1), (s + 9, 1)], "removal arriving in two deliveries, one unit short")
    removal_short(inj, -8, 2, [(-3, 1)], "removal shipped 8 days before the anchor: window not open")
    removal_short(inj, -75, 2, [(-70, 1)], "removal shipped 75 days before the anchor: the window's last day")
    s = -120 - j()
    removal_short(inj, s, 2, [(s + 7, 0)], "removal long ago, nothing arrived: window closed")
    s = -35 - j()
    removal_short(inj, s, 3, [(s + 5, 3)], "decoy: removal received in full")
    removal_short(inj, -50 - j(), 3, [], "decoy: removal with no receipts row")
    s = -55 - j()
    removal_short(inj, s, 2, [(s + 6, 1)], "decoy: short unit reimbursed", paid=(s + 25, 1))


def inject_second_wave(inj: Injector) -> list[SecondWave]:
    """Place the second wave's cases; returns their scenarios (also added to ``inj.scenarios``)."""
    before = len(inj.scenarios)
    inj.shared = [spare(inj) for _ in range(SHARED)]
    damaged_return_cases(inj)
    refund_above_cases(inj)
    commission_cases(inj)
    reversal_cases(inj)
    removal_cases(inj)
    return [s for s in inj.scenarios[before:] if isinstance(s, SECOND_WAVE)]
