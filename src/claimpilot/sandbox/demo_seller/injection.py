"""Losses of every CLAIM_RULES.md type, and decoys, placed around the anchor date.

Dates are offsets from ``ANCHOR`` (the default as-of), chosen so that at the
anchor the findings fall in all three statuses, with a few days of seed
jitter that never moves a status across its boundary. Each scenario uses
products of its own, so no two scenarios net against each other.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from . import fees
from .catalog import Product
from .model import ANCHOR, END, START, LedgerEvent, Refund, Reimbursement, Return, World, at
from .scenarios import VALUATION_SINCE, FeeOvercharge, RefundLoss, Scenario, Shortage, Underpaid, WarehouseLoss
from .scenarios_second import SecondWave
from .timeline import inbound_shipment, place_order

CENT = Decimal("0.01")
FULL = Decimal(1)
LOST, DAMAGED = "warehouse_lost", "warehouse_damaged"
WAREHOUSE_AND_INBOUND = ("Lost_Warehouse", "Damaged_Warehouse", "Lost_Inbound", "Damaged_Inbound")


def day(offset: int) -> date:
    return ANCHOR + timedelta(days=offset)


class Injector:
    def __init__(self, world: World):
        self.world, self.rng = world, world.rng
        self.scenarios: list[Scenario | SecondWave] = []
        self.pool = [p for p in world.products]
        self.rng.shuffle(self.pool)
        self.shared: list[Product] = []  # the second wave's order-keyed scenarios share these

    def take(self) -> Product:
        return self.pool.pop()

    def jitter(self, spread: int = 3) -> int:
        return self.rng.randint(0, spread)

    def reimburse(self, p: Product, d: date, reason: str, per_unit: Decimal, cash: int, inventory: int = 0,
                  order_id: str = "", seconds: int | None = None) -> Reimbursement:
        w = self.world
        r = Reimbursement(at(d, self.rng.randint(0, 86399) if seconds is None else seconds), w.number(10), w.number(11) if self.rng.random() < 0.5 else "",
                          order_id, reason, p, per_unit, cash, inventory)
        w.reimbursements.append(r)
        return r

    def adjustment(self, p: Product, d: date, qty: int, reason: str) -> LedgerEvent:
        e = LedgerEvent(d, p, "Adjustments", self.world.number(11), qty, self.world.fc(), "SELLABLE", reason)
        self.world.ledger.append(e)
        return e

    # warehouse_lost / warehouse_damaged --------------------------------------------------------
    def warehouse(self, type: str, reason: str, qty: int, at_day: int, name: str, found: tuple[int, int] | None = None,
                  paid: tuple[int, int, Decimal] | None = None, product: Product | None = None) -> WarehouseLoss:
        p = product or self.take()
        e = self.adjustment(p, day(at_day), -qty, reason)
        s = WarehouseLoss(type, e, name=name)
        if found:
            self.adjustment(p, day(found[0]), found[1], "F")
            s.found.append((day(found[0]), found[1]))
        if paid:
            why = "Lost_Warehouse" if type == "warehouse_lost" else "Damaged_Warehouse"
            assert p.unit_cost is not None
            s.reimbursed.append(self.reimburse(p, day(paid[0]), why, (p.unit_cost * paid[2]).quantize(CENT), paid[1]))
        self.scenarios.append(s)
        return s

    # customer_return_missing --------------------------------------------------------------------
    def refund(self, qty: int, refunded: int, refund_day: int, name: str, back: tuple[int, int, bool, bool, int | None] | None = None,
               reimbursed_day: int | None = None) -> RefundLoss:
        w, p = self.world, self.take()
        order = place_order(w, p, day(refund_day - 10 - self.jitter()), qty)
        rf = Refund(order, refunded, at(day(refund_day), self.rng.randint(0, 86399)), w.number(14))
        w.refunds.append(rf)
        s = RefundLoss(rf, name=name)
        if back:
            ret_day, ret_qty, in_report, in_ledger, ledger_qty = back
            ret = Return(order, ret_qty, at(day(ret_day), self.rng.randint(0, 86399)), "SELLABLE", "UNWANTED_ITEM",
                         "LPN" + w.number(10), in_report, in_ledger, ledger_qty)
            w.add_return(ret)
            s.back.append(ret)
        if reimbursed_day is not None:
            s.reimbursement = self.reimburse(p, day(reimbursed_day), "CustomerReturn", p.price, refunded, 0, order.order_id)
        self.scenarios.append(s)
        return s

    # inbound_shortage -----------------------------------------------------------------------------
    def shortage(self, short: int, last_receipt: int, close_lag: int | None, name: str,
                 paid: tuple[int, int, Decimal, str] | None = None) -> Shortage:
        p = self.take()
        others = self.rng.sample(self.pool[:40], 2)
        lag = self.rng.randint(8, 14)
        ship = inbound_shipment(self.world, [p, *others], day(last_receipt - lag), lag, 1, close_lag, {p.fnsku: short})
        item = ship.items[0]
        s = Shortage(ship, item, name=name)
        if paid:
            assert p.unit_cost is not None
            s.reimbursed.append(self.reimburse(p, day(paid[0]), paid[3], (p.unit_cost * paid[2]).quantize(CENT), paid[1]))
        self.scenarios.append(s)
        return s


def fee_products(rng: random.Random, products: list[Product]) -> list[tuple[Product, str]]:
    """Replace a few catalog products with fee-overcharge and same-tier cases (before any order)."""
    specs = [
        # name, seller's sides, unit, weight, weight unit, Amazon's measured sides (in), Amazon's tier
        ("small standard charged as large standard", (9.0, 6.0, 0.5), "in", 9.0, "oz", (9.0, 6.0, 1.0), fees.LARGE_STANDARD),
        ("sides in cm, listed unordered", (1.5, 30.0, 20.0), "cm", 320.0, "g", (11.9, 7.9, 0.8), fees.LARGE_STANDARD),
        ("large bulky charged as extra-large, fee by dimensional weight", (30.0, 20.0, 10.0), "in", 20.0, "lb",
         (60.0, 20.0, 5.0), fees.EXTRA_LARGE),
        ("large standard charged as large bulky, fee by dimensional weight", (16.0, 12.0, 7.0), "in", 3.5, "lb",
         (19.2, 10.0, 7.0), fees.LARGE_BULKY),
        ("decoy: re-measured a little larger, same tier", (10.0, 7.0, 0.4), "in", 6.0, "oz", (10.3, 7.2, 0.5), fees.SMALL_STANDARD),
        ("decoy: dimensional weight makes it extra-large", (30.0, 20.0, 14.0), "in", 25.0, "lb", (30.0, 20.0, 14.0), fees.EXTRA_LARGE),
        ("decoy: charged dearer, nothing shipped in 90 days", (8.0, 5.0, 0.5), "in", 7.0, "oz", (8.0, 5.0, 1.2), fees.LARGE_STANDARD),
    ]
    out = []
    for n, (name, sides, dunit, weight, wunit, amazon_sides, amazon_tier) in enumerate(specs):
        p = products[n]
        p.sides, p.dimension_unit, p.weight, p.weight_unit = sides, dunit, weight, wunit
        p.price = Decimal(rng.randint(12, 45)) + Decimal("0.99")
        p.unit_cost = (p.price * Decimal("0.3")).quantize(CENT)
        p.popularity = 0.0 if "nothing shipped" in name else 2.5
        p.charge_as(amazon_tier, amazon_sides, p.weight_lb)
        assert fees.size_tier(amazon_sides, p.weight_lb) == amazon_tier, name
        out.append((p, name))
    return out


def fee_cases(inj: Injector, cases: list[tuple[Product, str]]) -> None:
    for p, name in cases:
        inj.scenarios.append(FeeOvercharge(p, name))
        if p.popularity == 0.0:  # sold only long ago
            for back in (200, 170, 140, 125):
                place_order(inj.world, p, day(-back - inj.jitter()), 1)


def warehouse_cases(inj: Injector, no_cost: Product) -> None:
    j = inj.jitter
    inj.warehouse(LOST, "M", 3, -20 - j(), "misplaced, not found, not reimbursed")
    inj.warehouse(LOST, "M", 4, -40 - j(), "misplaced 4, one found", found=(-30, 1))
    inj.warehouse(LOST, "5", 2, -25 - j(), "reason 5, one of two reimbursed", paid=(-10, 1, FULL))
    inj.warehouse(LOST, "M", 2, -100 - j(), "misplaced long ago, window closed")
    loss_day = -15 - j()
    sold_before(inj.world, no_cost, day(loss_day))
    inj.warehouse(LOST, "M", 2, loss_day, "product without unit_cost: value from item price", product=no_cost)
    inj.warehouse(LOST, "M", 1, -10, "misplaced, found after the anchor date", found=(6, 1))
    inj.warehouse(LOST, "M", 1, -60, "misplaced 60 days before the anchor: the window's last day")
    inj.warehouse(LOST, "M", 2, -50 - j(), "decoy: found later", found=(-35, 2))
    inj.warehouse(LOST, "M", 2, -45 - j(), "decoy: reimbursed in full", paid=(-20, 2, FULL))
    for reason, qty, offset in (("E", 2, -12), ("6", 1, -30), ("7", 1, -18), ("K", 3, -22), ("U", 1, -40), ("H", 1, -95)):
        inj.warehouse(DAMAGED, reason, qty, offset - j(), f"damaged at Amazon, reason {reason}")
    inj.warehouse(DAMAGED, "E", 2, -50 - j(), "decoy: damaged, reimbursed in full", paid=(-30, 2, FULL))


def sold_before(world: World, p: Product, loss: date) -> None:
    """Make sure ``p`` sold before ``loss``: a product without unit_cost is valued from its orders' item price,
    so without an earlier order no report would show what its lost units are worth."""
    if any(o.product is p and o.shipped is not None and o.purchased.date() < loss for o in world.orders):
        return
    for back in (40, 25):
        place_order(world, p, loss - timedelta(days=back), 1)


def refund_cases(inj: Injector) -> None:
    j = inj.jitter
    inj.refund(1, 1, -70 - j(), "refunded, nothing came back")
    inj.refund(3, 2, -80 - j(), "two of three units refunded, nothing came back")
    inj.refund(1, 1, -20 - j(), "refunded recently: window not open")
    inj.refund(1, 1, -60, "refunded 60 days before the anchor: the window's first day")
    inj.refund(1, 1, -150 - j(), "refunded long ago: window closed")
    inj.refund(2, 2, -75, "one unit back, shown in both reports: the larger, not the sum", back=(-78, 1, True, True, None))
    inj.refund(1, 1, -40, "refunded before the return, which comes after the anchor", back=(5, 1, True, True, None))
    inj.refund(1, 1, -87, "decoy: returned, returns report only", back=(-88, 1, True, False, None))
    inj.refund(1, 1, -86, "decoy: returned, ledger only", back=(-89, 1, False, True, None))
    inj.refund(2, 2, -84, "decoy: returns report 2, ledger 1", back=(-90, 2, True, True, 1))
    inj.refund(1, 1, -100 - j(), "decoy: reimbursed for the order", reimbursed_day=-30)


def shortage_cases(inj: Injector) -> None:
    j = inj.jitter
    inj.shortage(5, -30 - j(), 4, "closed, five units short")
    inj.shortage(4, -35 - j(), 4, "closed, four short, one reimbursed", paid=(-15, 1, FULL, "Lost_Inbound"))
    inj.shortage(2, -100 - j(), 5, "closed long ago: window closed")
    inj.shortage(3, -8, 4, "closed recently: window not open")
    inj.shortage(2, -45, 4, "closed, two short; an earlier Lost_Inbound reimbursement predates its first receipt",
                 paid=(-80, 1, FULL, "Lost_Inbound"))
    inj.shortage(2, -3, 14, "decoy: still receiving")
    inj.shortage(2, -60 - j(), 5, "decoy: shortage reimbursed in full", paid=(-40, 2, FULL, "Damaged_Inbound"))


def underpaid_cases(inj: Injector) -> None:
    """Reimbursements below cost, within 1% of it, and around the valuation date.

    Every warehouse or inbound reimbursement of the timeline is then checked as an Underpaid scenario.
    """
    j = inj.jitter
    inj.warehouse(LOST, "M", 2, -40 - j(), "lost, reimbursed below cost", paid=(-12, 2, Decimal("0.80")))
    damaged = inj.warehouse(DAMAGED, "E", 2, -35 - j(), "damaged, reimbursed below cost, one unit as inventory")
    p = damaged.event.product
    damaged.reimbursed.append(inj.reimburse(p, day(-20), "Damaged_Warehouse", _per_unit(p, "0.7"), 1, 1))
    inj.shortage(3, -50 - j(), 4, "shortage reimbursed below cost", paid=(-25, 3, Decimal("0.85"), "Lost_Inbound"))
    inj.shortage(2, -140 - j(), 4, "shortage reimbursed below cost long ago", paid=(-100, 2, Decimal("0.75"), "Damaged_Inbound"))
    near = inj.warehouse(LOST, "M", 1, -30 - j(), "lost, reimbursed within 1% of cost")
    p = near.event.product
    near.reimbursed.append(inj.reimburse(p, day(-15), "Lost_Warehouse", _per_unit(p, "0.995", ROUND_CEILING), 1))
    old = inj.take()
    inj.reimburse(old, date(2025, 2, 20), "Lost_Warehouse", _per_unit(old, "0.6"), 2)
    first = inj.take()
    inj.reimburse(first, VALUATION_SINCE, "Damaged_Warehouse", _per_unit(first, "0.7"), 1, seconds=36000)


def routine_reimbursements(inj: Injector) -> None:
    """Reimbursements Amazon paid in full on its own, for products no loss scenario uses."""
    r, w = inj.rng, inj.world
    for _ in range(r.randint(25, 40)):
        p = r.choice(inj.pool)
        d = START + timedelta(days=r.randint(0, (END - START).days))
        reason = r.choice(WAREHOUSE_AND_INBOUND)
        inj.reimburse(p, d, reason, _per_unit(p, r.choice(("1", "1", "1.02"))), r.randint(1, 3))
    for o in r.sample([x.order for x in w.returns if x.order.product in inj.pool], 8):
        d = o.shipped.date() + timedelta(days=r.randint(40, 70))  # type: ignore[union-attr]
        if d <= END:
            inj.reimburse(o.product, d, "CustomerServiceIssue", o.product.price, 1, 0, o.order_id)


def _per_unit(p: Product, share: str, rounding: str = ROUND_HALF_UP) -> Decimal:
    assert p.unit_cost is not None
    return (p.unit_cost * Decimal(share)).quantize(CENT, rounding)


def inject(world: World, fees_cases: list[tuple[Product, str]], no_cost: Product) -> list[Scenario | SecondWave]:
    """Place every loss and decoy; returns the scenarios that make up the truth."""
    inj = Injector(world)
    reserved = {p.sku for p, _ in fees_cases} | {no_cost.sku}
    inj.pool = [p for p in inj.pool if p.sku not in reserved]
    fee_cases(inj, fees_cases)
    warehouse_cases(inj, no_cost)
    refund_cases(inj)
    shortage_cases(inj)
    underpaid_cases(inj)
    routine_reimbursements(inj)
    for r in world.reimbursements:
        if r.reason in WAREHOUSE_AND_INBOUND:
            inj.scenarios.append(Underpaid(r, f"{r.reason} reimbursement checked against unit cost"))
    from .injection_second import inject_second_wave  # it builds on this module's Injector
    inject_second_wave(inj)
    return inj.scenarios
