"""Money movements: settlement (flat file v2) rows and Finances v0 financial events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from .model import COMMISSION_RATE, END, START, TAX_RATE, Order, Refund, World

SETTLEMENT = ("settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
              "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
              "amount-type", "amount-description", "amount", "fulfillment-id", "posted-date", "posted-date-time",
              "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
              "promotion-id")
PERIOD_DAYS = 14
# Settlement periods run every 14 days from a fixed Monday (as the emulator's settlement schedule does).
PERIOD_EPOCH = date(2020, 1, 6)
FIRST_PERIOD = START - timedelta(days=(START - PERIOD_EPOCH).days % PERIOD_DAYS)
CENT = Decimal("0.01")
REIMBURSEMENT_DESCRIPTIONS = {"Lost_Warehouse": "WAREHOUSE_LOST", "Damaged_Warehouse": "WAREHOUSE_DAMAGE",
                              "Lost_Inbound": "INBOUND_LOST", "Damaged_Inbound": "INBOUND_CARRIER_DAMAGE",
                              "CustomerReturn": "CUSTOMER_RETURN"}
# A cash reimbursement's AdjustmentType in Finances' adjustment events (a reversal is Amazon's REVERSAL_REIMBURSEMENT).
ADJUSTMENT_TYPES = {**REIMBURSEMENT_DESCRIPTIONS, "Reimbursement_Reversal": "REVERSAL_REIMBURSEMENT"}


@dataclass
class Line:
    """One settlement row: a posting of one amount."""

    posted: datetime
    transaction_type: str
    order_id: str
    adjustment_id: str
    amount_type: str
    amount_description: str
    amount: Decimal
    sku: str
    quantity: str
    item_code: str


def period(d: date) -> int:
    return (d - FIRST_PERIOD).days // PERIOD_DAYS


def period_bounds(k: int) -> tuple[datetime, datetime]:
    first = FIRST_PERIOD
    start = datetime(first.year, first.month, first.day, 7, 18, 25, tzinfo=UTC) + timedelta(days=PERIOD_DAYS * k)
    return start, start + timedelta(days=PERIOD_DAYS)


def _q(x: Decimal) -> Decimal:
    return x.quantize(CENT)


def order_lines(o: Order) -> list[Line]:
    assert o.shipped is not None
    p, code = o.product, o.order_id[-7:] + "01"
    tax, commission = _q(o.principal * TAX_RATE), _q(o.principal * COMMISSION_RATE)
    parts = (("ItemPrice", "Principal", o.principal), ("ItemPrice", "Tax", tax),
             ("ItemFees", "FBAPerUnitFulfillmentFee", -p.fee * o.qty), ("ItemFees", "Commission", -commission),
             ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", -tax))
    return [Line(o.shipped, "Order", o.order_id, "", t, d, a, p.sku, str(o.qty), code) for t, d, a in parts]


def refund_lines(r: Refund) -> list[Line]:
    o, code = r.order, r.order.order_id[-7:] + "01"
    tax = _q(r.principal * TAX_RATE)
    commission = _q(r.principal * COMMISSION_RATE) if r.commission is None else r.commission
    admin = min(Decimal("5.00"), _q(commission * Decimal("0.2"))) if r.admin_fee is None else r.admin_fee
    parts = (("ItemPrice", "Principal", -r.principal), ("ItemPrice", "Tax", -tax), ("ItemFees", "Commission", commission),
             ("ItemFees", "RefundCommission", -admin),
             ("ItemWithheldTax", "MarketplaceFacilitatorTax-Principal", tax))
    return [Line(r.posted, "Refund", o.order_id, r.adjustment_id, t, d, a, o.product.sku, str(r.qty), code)
            for t, d, a in parts]


def all_lines(world: World) -> list[Line]:
    lines = [x for o in world.orders if o.shipped is not None for x in order_lines(o)]
    lines += [x for r in world.refunds for x in refund_lines(r)]
    for r in world.reimbursements:
        if r.qty_cash:
            lines.append(Line(r.approved, "other-transaction", r.order_id, "", "FBA Inventory Reimbursement",
                              REIMBURSEMENT_DESCRIPTIONS.get(r.reason, r.reason.upper()), r.amount_per_unit * r.qty_cash,
                              r.product.sku, "", ""))
    last = END + timedelta(days=PERIOD_DAYS)  # the timeline's last settlement period
    lines = [x for x in lines if START <= x.posted.date() <= last]
    lines.sort(key=lambda x: x.posted)
    return lines


def settlement_id(world: World, k: int) -> str:
    while len(world.settlement_ids) <= k:
        world.settlement_ids.append(str(world.rng.randint(10**10, 10**11 - 1)))
    return world.settlement_ids[k]


@dataclass
class Posting:
    """A settlement row ready to write, with what selects and sums it."""

    day: date
    period: int
    amount: Decimal
    cells: list[str]


def _utc(t: datetime) -> str:
    return f"{t.date().isoformat()} {t.hour:02d}:{t.minute:02d}:{t.second:02d} UTC"


def postings(world: World, lines: list[Line]) -> list[Posting]:
    """Every settlement row of the timeline (settlement ids must exist for every period)."""
    out = []
    when: dict[datetime, tuple[date, int, str, str]] = {}  # the lines of one posting share its time
    for x in lines:
        if x.posted not in when:
            d = x.posted.date()
            when[x.posted] = (d, period(d), d.isoformat(), _utc(x.posted))
        d, k, day, utc = when[x.posted]
        out.append(Posting(d, k, x.amount, [
            world.settlement_ids[k], "", "", "", "", "", x.transaction_type, x.order_id, x.order_id, x.adjustment_id, "",
            "Amazon.com", x.amount_type, x.amount_description, str(x.amount), "AFN", day, utc,
            x.item_code, "", "", x.sku, x.quantity, ""]))
    return out


def settlement_files(world: World, rows: list[Posting], as_of: date, start: date | None, end: date | None) -> dict[str, list[list[str]]]:
    """Settlement id -> rows (the summary row first), each settlement with its lines visible at ``as_of``."""
    groups: dict[int, list[Posting]] = {}
    for x in rows:
        if x.day <= as_of and (start is None or x.day >= start) and (end is None or x.day <= end):
            groups.setdefault(x.period, []).append(x)
    files = {}
    for k, group in sorted(groups.items()):
        sid = world.settlement_ids[k]
        s, e = period_bounds(k)
        total = sum((x.amount for x in group), Decimal(0))
        summary = [sid, _utc(s), _utc(e), _utc(e + timedelta(days=1)), f"{total:.2f}", "USD"] + [""] * (len(SETTLEMENT) - 6)
        files[sid] = [summary] + [x.cells for x in group]
    return files


def _amount(x: Decimal) -> dict:
    return {"CurrencyCode": "USD", "CurrencyAmount": float(x)}


def adjustment_events(world: World, visible) -> list[dict]:
    """The cash reimbursements as Finances v0 AdjustmentEvents, one item each (units a reimbursement returns
    to inventory move no money and post no event)."""
    out = []
    for r in world.reimbursements:
        if not r.qty_cash or not visible(r.approved):
            continue
        p, total = r.product, r.amount_per_unit * r.qty_cash
        out.append({"AdjustmentType": ADJUSTMENT_TYPES.get(r.reason, r.reason.upper()),
                    "PostedDate": r.approved.strftime("%Y-%m-%dT%H:%M:%SZ"), "AdjustmentAmount": _amount(total),
                    "AdjustmentItemList": [{"Quantity": str(r.qty_cash), "PerUnitAmount": _amount(r.amount_per_unit),
                                            "TotalAmount": _amount(total), "SellerSKU": p.sku, "FnSKU": p.fnsku,
                                            "ProductDescription": p.title, "ASIN": p.asin}]})
    out.sort(key=lambda e: e["PostedDate"])
    return out


def financial_events(world: World, as_of: date, after: datetime, before: datetime) -> dict:
    """Finances v0 listFinancialEvents payload: ShipmentEventList, RefundEventList and AdjustmentEventList."""
    after, before = (t if t.tzinfo else t.replace(tzinfo=UTC) for t in (after, before))
    def visible(t: datetime) -> bool:
        return after <= t < before and t.date() <= as_of

    shipments, refunds = [], []
    for o in world.orders:
        if o.shipped is None or not visible(o.shipped):
            continue
        lines = order_lines(o)
        shipments.append({"AmazonOrderId": o.order_id, "SellerOrderId": o.order_id, "MarketplaceName": "Amazon.com",
                          "PostedDate": o.shipped.strftime("%Y-%m-%dT%H:%M:%SZ"), "ShipmentItemList": [{
                              "SellerSKU": o.product.sku, "OrderItemId": lines[0].item_code, "QuantityShipped": o.qty,
                              "ItemChargeList": [{"ChargeType": x.amount_description, "ChargeAmount": _amount(x.amount)}
                                                 for x in lines if x.amount_type == "ItemPrice"],
                              "ItemFeeList": [{"FeeType": x.amount_description, "FeeAmount": _amount(x.amount)}
                                              for x in lines if x.amount_type == "ItemFees"]}]})
    for r in world.refunds:
        if not visible(r.posted):
            continue
        lines = refund_lines(r)
        refunds.append({"AmazonOrderId": r.order.order_id, "SellerOrderId": r.order.order_id, "MarketplaceName": "Amazon.com",
                        "PostedDate": r.posted.strftime("%Y-%m-%dT%H:%M:%SZ"), "ShipmentItemAdjustmentList": [{
                            "SellerSKU": r.order.product.sku, "OrderAdjustmentItemId": r.adjustment_id,
                            "QuantityShipped": r.qty,
                            "ItemChargeAdjustmentList": [{"ChargeType": x.amount_description, "ChargeAmount": _amount(x.amount)}
                                                         for x in lines if x.amount_type == "ItemPrice"],
                            "ItemFeeAdjustmentList": [{"FeeType": x.amount_description, "FeeAmount": _amount(x.amount)}
                                                      for x in lines if x.amount_type == "ItemFees"]}]})
    shipments.sort(key=lambda e: e["PostedDate"])
    refunds.sort(key=lambda e: e["PostedDate"])
    return {"ShipmentEventList": shipments, "RefundEventList": refunds,
            "AdjustmentEventList": adjustment_events(world, visible)}
