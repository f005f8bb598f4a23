"""The facts a reply may state: the order (SP-API Orders getOrder/getOrderItems) and, where available, its tracking.

Orders are read with python-amazon-sp-api's ``Orders`` client, pointed by
Settings at Amazon or at the local emulator exactly like the report fetch.
Tracking comes from the logistics capability through ``tracking_for_order``;
without it, or when it knows nothing of the order, the context says so and the
reply states no tracking facts. Failures never stop a draft: they are recorded
in the context as ``order_error``.
"""

from __future__ import annotations

import importlib
from typing import Any

from claimpilot.config import Settings


def _orders_client(settings: Settings):
    from sp_api.api import Orders
    from sp_api.base.credential_provider import FromCodeCredentialProvider

    from claimpilot.tools.reports.fetch.client import _credentials, marketplace_for, token_client_for
    from claimpilot.tools.reports.fetch.redact import guard_library_logs

    guard_library_logs()
    marketplace = marketplace_for(settings)
    return Orders(marketplace=marketplace, credentials=_credentials(settings),
                  credential_providers=(FromCodeCredentialProvider,),
                  auth_token_client_class=token_client_for(marketplace.endpoint),
                  timeout=settings.sp_api.request_timeout_s)


def fetch_order(settings: Settings, order_id: str) -> dict[str, Any]:
    """``{"order": {...}, "items": [...]}`` from the Orders API; raises on any failure."""
    client = _orders_client(settings)
    try:
        order = client.get_order(order_id).payload or {}
        items = (client.get_order_items(order_id).payload or {}).get("OrderItems", [])
    finally:
        client.close()
    return {"order": order, "items": items}


def summarise(order: dict, items: list[dict]) -> dict[str, Any]:
    """The few order facts a reply uses."""
    return {
        "status": order.get("OrderStatus"),
        "purchase_date": (order.get("PurchaseDate") or "")[:10],
        "latest_delivery_date": (order.get("LatestDeliveryDate") or "")[:10],
        "ship_service_level": order.get("ShipServiceLevel"),
        "fulfillment_channel": order.get("FulfillmentChannel"),
        "items": [{"title": i.get("Title"), "sku": i.get("SellerSKU"), "asin": i.get("ASIN"),
                   "quantity": i.get("QuantityOrdered")} for i in items],
    }


LOGISTICS_MODULE = "claimpilot.tools.logistics"
LOGISTICS_FUNCTION = "tracking_for_order"


def tracking_for_order(settings: Settings, order_id: str) -> dict[str, Any] | None:
    """The seam to the logistics capability: its ``tracking_for_order(settings, order_id)`` when it offers one.

    Returns None when the capability is absent or knows nothing of the order.
    """
    try:
        module = importlib.import_module(LOGISTICS_MODULE)
    except ImportError:
        return None
    fn = getattr(module, LOGISTICS_FUNCTION, None)
    if fn is None:
        return None
    found = fn(settings, order_id)
    if found is None:
        return None
    if isinstance(found, dict):
        return found
    return found.to_dict() if callable(getattr(found, "to_dict", None)) else {"status": str(found)}


def order_context(settings: Settings, order_id: str | None) -> dict[str, Any]:
    """Everything known about the order, with the reason for whatever is missing."""
    ctx: dict[str, Any] = {"order_id": order_id, "order": None, "tracking": None}
    if not order_id:
        ctx["order_error"] = "the message names no order"
        return ctx
    try:
        fetched = fetch_order(settings, order_id)
        ctx["order"] = summarise(fetched["order"], fetched["items"])
    except Exception as exc:  # noqa: BLE001 - a draft is still made, without order facts
        ctx["order_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    try:
        ctx["tracking"] = tracking_for_order(settings, order_id)
    except Exception as exc:  # noqa: BLE001
        ctx["tracking_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return ctx
