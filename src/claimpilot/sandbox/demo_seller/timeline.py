"""Background activity: a year of ordinary selling that owes the seller nothing.

Orders and their shipments, customer returns (each refund follows its
returned unit), inbound shipments received in full, warehouse transfers and
removal orders. Losses are added on top by ``injection``.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from .catalog import Product, code
from .model import END, START, InboundItem, InboundShipment, LedgerEvent, Order, Refund, Removal, Return, World, at

ORDERS_PER_SKU_DAY = 0.085
RETURN_RATE = 0.06
RETURN_REASONS = ("DEFECTIVE", "NOT_AS_DESCRIBED", "UNWANTED_ITEM", "SWITCHEROO", "ORDERED_WRONG_ITEM", "DAMAGED_BY_CARRIER")
RETURN_DISPOSITIONS = (("SELLABLE", 0.7), ("CUSTOMER_DAMAGED", 0.15), ("DEFECTIVE", 0.15))


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


def place_order(world: World, product: Product, day: date, qty: int, cancelled: bool = False) -> Order:
    r = world.rng
    purchased = at(day, r.randint(0, 86399))
    shipped = None if cancelled else purchased + timedelta(hours=r.randint(3, 30))
    order = Order(world.order_id(), product, qty, purchased, shipped)
    world.orders.append(order)
    if shipped is not None:
        world.ship_order(order)
    return order


def return_and_refund(world: World, order: Order, qty: int, returned_on: date, refund_lag: int) -> Return:
    """A unit back at Amazon, then the buyer's refund (the ordinary, owed-nothing case)."""
    r = world.rng
    ret = Return(order, qty, at(returned_on, r.randint(0, 86399)), _disposition(world), r.choice(RETURN_REASONS),
                 "LPN" + code(r, 10))
    world.add_return(ret)
    posted = ret.returned + timedelta(days=refund_lag, hours=r.randint(1, 20))
    world.refunds.append(Refund(order, qty, posted, world.number(14)))
    return ret


def _disposition(world: World) -> str:
    names = [d for d, _ in RETURN_DISPOSITIONS]
    return world.rng.choices(names, [w for _, w in RETURN_DISPOSITIONS])[0]


def orders(world: World, np_rng: np.random.Generator, reserved_qty1: set[str]) -> None:
    """Orders day by day; ``reserved_qty1`` SKUs always sell one unit, never cancelled."""
    r = world.rng
    all_days = days(START, END)
    season = np.array([1.5 if d.month in (11, 12) else 1.0 for d in all_days])
    popularity = np.array([p.popularity for p in world.products])
    counts = np_rng.poisson(np.outer(season, popularity) * ORDERS_PER_SKU_DAY)
    for di, pi in zip(*np.nonzero(counts), strict=False):
        product, day = world.products[pi], all_days[di]
        for _ in range(int(counts[di, pi])):
            single = product.sku in reserved_qty1
            qty = 1 if single else r.choices((1, 2, 3), (85, 12, 3))[0]
            cancelled = not single and r.random() < 0.02
            order = place_order(world, product, day, qty, cancelled)
            if not cancelled and r.random() < RETURN_RATE:
                back = order.shipped.date() + timedelta(days=r.randint(6, 30))  # type: ignore[union-attr]
                if back <= END:
                    return_and_refund(world, order, qty, back, r.randint(0, 2))


def inbound_shipment(world: World, products: list[Product], sent: date, receipt_lag: int,
                     receiving_days: int, close_lag: int | None, short: dict[str, int] | None = None) -> InboundShipment:
    """An inbound shipment; ``short`` maps an FNSKU to units that never arrive."""
    r = world.rng
    items = []
    for p in products:
        case = r.choice((6, 10, 12, 20, 24))
        items.append(InboundItem(p, case * r.randint(2, 10), case))
    fc = world.fc()
    ship = InboundShipment("FBA15" + code(r, 7), f"FBA STA ({sent:%m/%d/%Y} {r.randint(0, 23):02d}:{r.randint(0, 59):02d})-{fc}",
                           fc, sent - timedelta(days=2), sent, None, items)
    first = sent + timedelta(days=receipt_lag)
    for item in items:
        left = item.shipped - (short or {}).get(item.product.fnsku, 0)
        for n in range(receiving_days):
            q = left if n == receiving_days - 1 else r.randint(0, left)
            if q:
                item.received.append((first + timedelta(days=n), q))
                world.ledger.append(LedgerEvent(first + timedelta(days=n), item.product, "Receipts", ship.shipment_id, q, fc))
            left -= q
    last = ship.last_receipt()
    ship.closed = None if close_lag is None or last is None else last + timedelta(days=close_lag)
    world.shipments.append(ship)
    return ship


def inbound(world: World) -> None:
    r = world.rng
    sent = START - timedelta(days=20)
    while sent <= END - timedelta(days=20):
        chosen = r.sample(world.products, r.randint(5, 12))
        inbound_shipment(world, chosen, sent, r.randint(8, 14), r.randint(1, 3), r.randint(3, 8))
        sent += timedelta(days=r.randint(7, 12))


def transfers(world: World) -> None:
    """Warehouse transfers, and inventory corrections (reason O) that cancel out the same day."""
    r = world.rng
    for day in days(START, END):
        if r.random() < 0.08:
            p, q, fc = r.choice(world.products), r.randint(1, 3), world.fc()
            for sign in (-1, 1):
                world.ledger.append(LedgerEvent(day, p, "Adjustments", world.number(11), sign * q, fc, "SELLABLE", "O"))
        if r.random() < 0.25:
            p = r.choice(world.products)
            ref, q, src, dst = world.number(10), r.randint(1, 12), world.fc(), world.fc()
            world.ledger.append(LedgerEvent(day, p, "WhseTransfers", ref, -q, src))
            world.ledger.append(LedgerEvent(day + timedelta(days=r.randint(2, 6)), p, "WhseTransfers", ref, q, dst))


def removals(world: World) -> None:
    r = world.rng
    for day in days(START, END):
        if r.random() < 0.06:
            p = r.choice(world.products)
            kind = r.choice(("Return", "Disposal"))
            disposition = r.choice(("SELLABLE", "CUSTOMER_DAMAGED", "DEFECTIVE")) if kind == "Return" else "DEFECTIVE"
            rem = Removal(at(day, r.randint(0, 86399)), code(r, 10), kind, day + timedelta(days=r.randint(5, 20)),
                          p, disposition, r.randint(1, 8))
            world.removals.append(rem)
            world.ledger.append(LedgerEvent(rem.completed, p, "VendorReturns", rem.order_id, -rem.quantity,
                                            world.fc(), disposition))


def background(world: World, np_rng: np.random.Generator, reserved_qty1: set[str]) -> None:
    orders(world, np_rng, reserved_qty1)
    inbound(world)
    transfers(world)
    removals(world)
