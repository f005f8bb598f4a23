"""Orders v0: getOrder and getOrderItems, built from the source's All Orders report.

One report row is one order line; lines of the same amazon-order-id make one
order. Statuses follow the API (Shipped, Unshipped, Canceled); ship and
delivery windows are derived from the purchase date the way FBA Expedited
promises them.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from decimal import Decimal

from fastapi import APIRouter, Request

from .state import error_body

MARKETPLACE_ID = "ATVPDKIKX0DER"
STATUS = {"Shipped": "Shipped", "Pending": "Unshipped", "Unshipped": "Unshipped", "Cancelled": "Canceled"}


def _orders(state) -> dict[str, list[dict]]:
    """The source's orders by id (read once per emulator)."""
    cached = getattr(state, "_orders_by_id", None)
    if cached is None:
        text = state.source.report("orders").decode("utf-8")
        cached = {}
        for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
            cached.setdefault(row["amazon-order-id"], []).append(row)
        state._orders_by_id = cached
    return cached


def _money(amount: Decimal, currency: str) -> dict:
    return {"CurrencyCode": currency or "USD", "Amount": f"{amount:.2f}"}


def _dec(cell: str) -> Decimal:
    return Decimal(cell) if cell else Decimal("0")


def order_payload(lines: list[dict]) -> dict:
    first = lines[0]
    purchased = datetime.fromisoformat(first["purchase-date"])
    status = STATUS.get(first["order-status"], "Pending")
    shipped = sum(int(x["quantity"] or 0) for x in lines) if status == "Shipped" else 0
    ordered = sum(max(1, int(x["quantity"] or 0)) for x in lines)
    total = sum((_dec(x["item-price"]) + _dec(x["item-tax"]) for x in lines), Decimal("0"))

    def iso(delta_days: int) -> str:
        return (purchased + timedelta(days=delta_days)).strftime("%Y-%m-%dT%H:%M:%SZ")

    return {
        "AmazonOrderId": first["amazon-order-id"], "PurchaseDate": iso(0),
        "LastUpdateDate": datetime.fromisoformat(first["last-updated-date"]).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "OrderStatus": status, "FulfillmentChannel": "AFN", "SalesChannel": first["sales-channel"],
        "ShipServiceLevel": first["ship-service-level"], "ShipmentServiceLevelCategory": first["ship-service-level"],
        "OrderTotal": _money(total, first["currency"]),
        "NumberOfItemsShipped": shipped, "NumberOfItemsUnshipped": 0 if status == "Canceled" else ordered - shipped,
        "MarketplaceId": MARKETPLACE_ID, "EarliestShipDate": iso(0), "LatestShipDate": iso(2),
        "EarliestDeliveryDate": iso(2), "LatestDeliveryDate": iso(5), "IsPrime": True,
        "IsBusinessOrder": first["is-business-order"] == "true",
        "ShippingAddress": {"City": first["ship-city"], "StateOrRegion": first["ship-state"],
                            "PostalCode": first["ship-postal-code"], "CountryCode": first["ship-country"]},
    }


def items_payload(lines: list[dict]) -> dict:
    items = []
    for n, x in enumerate(lines, start=1):
        qty = max(1, int(x["quantity"] or 0))
        item = {"ASIN": x["asin"], "SellerSKU": x["sku"], "OrderItemId": f"{x['amazon-order-id'][-7:]}{n:05d}",
                "Title": x["product-name"], "QuantityOrdered": qty,
                "QuantityShipped": int(x["quantity"] or 0) if x["order-status"] == "Shipped" else 0}
        if x["item-price"]:
            item["ItemPrice"] = _money(_dec(x["item-price"]), x["currency"])
            item["ItemTax"] = _money(_dec(x["item-tax"]), x["currency"])
        items.append(item)
    return {"AmazonOrderId": lines[0]["amazon-order-id"], "OrderItems": items}


def router(state) -> APIRouter:
    api = APIRouter()

    async def _order_answer(op: str, order_id: str, request: Request, payload):
        """Gate ``op``, then answer with ``payload(lines)`` of the order, or Amazon's 404."""
        denied = await state.gate(op, request)
        if denied:
            return denied
        lines = _orders(state).get(order_id)
        if not lines:
            return state.answer(op, 404, error_body(404, f"Order {order_id} not found."))
        return state.answer(op, 200, {"payload": payload(lines)})

    @api.get("/orders/v0/orders/{order_id}")
    async def get_order(order_id: str, request: Request):
        return await _order_answer("getOrder", order_id, request, order_payload)

    @api.get("/orders/v0/orders/{order_id}/orderItems")
    async def get_order_items(order_id: str, request: Request):
        return await _order_answer("getOrderItems", order_id, request, items_payload)

    return api
