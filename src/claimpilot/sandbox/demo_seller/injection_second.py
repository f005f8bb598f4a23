"""The second wave's losses and decoys, placed around the anchor date after the first wave's (so the first
wave's placement, and its truth, stay as they were for a seed). Each scenario uses products of its own."""

from __future__ import annotations

from datetime import timedelta

from .catalog import code
from .injection import Injector, day
from .model import Refund, Return, at
from .scenarios_second import DamagedReturn, SecondWave
from .timeline import place_order


def damaged_return(inj: Injector, grade: str, at_day: int, name: str, qty: int = 1,
                   paid: tuple[int, int] | None = None) -> DamagedReturn:
    """An order returned and graded ``grade``; the buyer's refund posts the next day (the unit is back, so no
    customer-return claim); ``paid``: (day, units) reimbursed for the order."""
    w, p = inj.world, inj.take()
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


def inject_second_wave(inj: Injector) -> list[SecondWave]:
    """Place the second wave's cases; returns their scenarios (also added to ``inj.scenarios``)."""
    before = len(inj.scenarios)
    damaged_return_cases(inj)
    return [s for s in inj.scenarios[before:] if isinstance(s, DamagedReturn)]
