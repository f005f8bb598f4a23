"""Amazon's raw report layouts: header rows, date formats, and row builders.

Event rows are built once for the whole timeline, each with the date that
decides its visibility; snapshot rows (orders' status, removals, inbound
shipments, fee estimates, products) are built for an as-of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .model import FCS, World

LEDGER = ("Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity", "Fulfillment Center",
          "Disposition", "Reason", "Country", "Reconciled Quantity", "Unreconciled Quantity")
REIMBURSEMENTS = ("approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku", "fnsku", "asin",
                  "product-name", "condition", "currency-unit", "amount-per-unit", "amount-total",
                  "quantity-reimbursed-cash", "quantity-reimbursed-inventory", "quantity-reimbursed-total",
                  "original-reimbursement-id", "original-reimbursement-type")
CUSTOMER_RETURNS = ("return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity", "fulfillment-center-id",
                    "detailed-disposition", "reason", "status", "license-plate-number", "customer-comments")
FEE_ESTIMATES = ("sku", "fnsku", "asin", "amazon-store", "product-name", "product-group", "brand", "fulfilled-by",
                 "your-price", "sales-price", "longest-side", "median-side", "shortest-side", "length-and-girth",
                 "unit-of-dimension", "item-package-weight", "unit-of-weight", "product-size-tier", "currency",
                 "estimated-fee-total", "estimated-referral-fee-per-unit", "estimated-variable-closing-fee",
                 "estimated-order-handling-fee-per-order", "estimated-pick-pack-fee-per-unit",
                 "estimated-weight-handling-fee-per-unit", "expected-fulfillment-fee-per-unit")
ORDERS = ("amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
          "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku",
          "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax",
          "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city",
          "ship-state", "ship-postal-code", "ship-country", "promotion-ids", "is-business-order",
          "purchase-order-number", "price-designation")
REMOVAL_ORDERS = ("request-date", "order-id", "order-source", "order-type", "order-status", "last-updated-date", "sku",
                  "fnsku", "disposition", "requested-quantity", "cancelled-quantity", "disposed-quantity",
                  "shipped-quantity", "in-process-quantity", "removal-fee", "currency")
INBOUND_ITEMS = ("ShipmentId", "ShipmentName", "ShipmentStatus", "DestinationFulfillmentCenterId", "SellerSKU",
                 "FulfillmentNetworkSKU", "QuantityShipped", "QuantityReceived", "QuantityInCase")
PRODUCTS = ("sku", "length", "width", "height", "dimension_unit", "weight", "weight_unit", "unit_cost", "currency")
CITIES = (("AUSTIN", "TX", "78701"), ("COLUMBUS", "OH", "43004"), ("SEATTLE", "WA", "98101"), ("TAMPA", "FL", "33602"),
          ("DENVER", "CO", "80202"), ("BROOKLYN", "NY", "11201"), ("FRESNO", "CA", "93650"))

Row = tuple[date, list[str]]


def iso(t: datetime) -> str:
    """ISO 8601 with the UTC offset, as Amazon's flat files write it (times carry no microseconds)."""
    return t.isoformat()


def mdy(d: date) -> str:
    return f"{d.month:02d}/{d.day:02d}/{d.year}"


def money(x: Decimal) -> str:
    return f"{x:.2f}"


def num(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def ledger_rows(world: World) -> list[Row]:
    rows = [(e.day, [mdy(e.day), e.product.fnsku, e.product.asin, e.product.sku, e.product.title,
                     e.event_type, e.reference_id, str(e.quantity), e.fc, e.disposition, e.reason, "US", "", ""])
            for e in world.ledger]
    rows.sort(key=lambda r: r[0])
    return rows


def reimbursement_rows(world: World) -> list[Row]:
    rows = []
    for r in world.reimbursements:
        p = r.product
        rows.append((r.approved.date(), [iso(r.approved), r.reimbursement_id, r.case_id, r.order_id, r.reason, p.sku,
                                         p.fnsku, p.asin, p.title, r.condition, "USD", money(r.amount_per_unit),
                                         money(r.amount_per_unit * r.qty_cash), str(r.qty_cash), str(r.qty_inventory),
                                         str(r.qty_cash + r.qty_inventory), r.original_id, r.original_type]))
    rows.sort(key=lambda r: r[0])
    return rows


def return_rows(world: World) -> list[Row]:
    rows = []
    for r in world.returns:
        if not r.in_report:
            continue
        p = r.order.product
        status = "Unit returned to inventory" if r.disposition == "SELLABLE" else "Unit returned to inventory - unsellable"
        rows.append((r.returned.date(), [iso(r.returned), r.order.order_id, p.sku, p.asin, p.fnsku, p.title, str(r.qty),
                                         FCS[sum(map(ord, r.lpn)) % len(FCS)], r.disposition, r.reason, status, r.lpn, ""]))
    rows.sort(key=lambda r: r[0])
    return rows


@dataclass
class OrderLine:
    """An order's cells that do not change with the as-of date, and what does."""

    purchased: date
    shipped: date | None
    cells: list[str]
    shipped_iso: str


def order_lines(world: World) -> list[OrderLine]:
    out = []
    for i, o in enumerate(world.orders):
        p, city = o.product, CITIES[i % len(CITIES)]
        qty = "0" if o.shipped is None else str(o.qty)
        price = "" if o.shipped is None else money(o.principal)
        tax = "" if o.shipped is None else money((o.principal * Decimal("0.08")).quantize(Decimal("0.01")))
        cells = [o.order_id, "", iso(o.purchased), iso(o.purchased), "", "Amazon", "Amazon.com", "", "",
                 "Expedited", p.title, p.sku, p.asin, "", qty, "USD", price, tax, "", "", "", "", "", "",
                 city[0], city[1], city[2], "US", "", "false", "", ""]
        out.append(OrderLine(o.purchased.date(), o.shipped.date() if o.shipped else None, cells,
                             iso(o.shipped) if o.shipped else ""))
    out.sort(key=lambda x: x.purchased)
    return out


def order_rows(lines: list[OrderLine], as_of: date) -> list[Row]:
    """Orders placed by ``as_of``, with their status as it stands then."""
    rows = []
    for x in lines:
        if x.purchased > as_of:
            break
        cells = list(x.cells)
        if x.shipped is None:
            cells[4] = cells[13] = "Cancelled"
        elif x.shipped <= as_of:
            cells[4] = cells[13] = "Shipped"
            cells[3] = x.shipped_iso
        else:
            cells[4], cells[13] = "Pending", "Unshipped"
        rows.append((x.purchased, cells))
    return rows


def removal_rows(world: World, as_of: date) -> list[Row]:
    rows = []
    for r in world.removals:
        if r.requested.date() > as_of:
            continue
        done = r.completed <= as_of
        disposed = r.quantity if done and r.order_type == "Disposal" else 0
        shipped = r.quantity if done and r.order_type == "Return" else 0
        updated = datetime(r.completed.year, r.completed.month, r.completed.day, 12, tzinfo=r.requested.tzinfo) if done else r.requested
        fee = Decimal("0.97") * r.quantity
        rows.append((r.requested.date(), [iso(r.requested), r.order_id, "Seller-initiated Manual Removal", r.order_type,
                                          "Completed" if done else "Pending", iso(updated), r.product.sku, r.product.fnsku,
                                          r.disposition, str(r.quantity), "0", str(disposed), str(shipped),
                                          str(0 if done else r.quantity), money(fee), "USD"]))
    rows.sort(key=lambda r: r[0])
    return rows


def fee_rows(world: World) -> list[list[str]]:
    rows = []
    for p in world.products:
        s = p.amazon_sides
        referral = (p.price * Decimal("0.15")).quantize(Decimal("0.01"))
        rows.append([p.sku, p.fnsku, p.asin, "US", p.title, "Home", "Generic", "Amazon", money(p.price), money(p.price),
                     num(s[0]), num(s[1]), num(s[2]), num(s[0] + 2 * (s[1] + s[2])), "inches",
                     num(round(p.amazon_weight_lb, 2)), "pounds", p.fee_tier, "USD", money(referral + p.fee),
                     money(referral), "0.00", "0.00", "", "", money(p.fee)])
    return rows


def inbound_rows(world: World, as_of: date) -> list[list[str]]:
    rows = []
    for s in world.shipments:
        if s.created > as_of:
            continue
        for i in s.items:
            rows.append([s.shipment_id, s.name, s.status(as_of), s.fc, i.product.sku, i.product.fnsku, str(i.shipped),
                         str(i.received_by(as_of)), str(i.in_case)])
    return rows


def product_rows(world: World) -> list[list[str]]:
    return [[p.sku, *(num(x) for x in p.sides), p.dimension_unit, f"{p.weight:g}",
             p.weight_unit, "" if p.unit_cost is None else money(p.unit_cost), "USD"] for p in world.products]
