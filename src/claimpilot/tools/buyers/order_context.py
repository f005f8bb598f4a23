"""The facts a reply may state: the order (SP-API Orders getOrder/getOrderItems), its tracking and alerts, and
what the seller's own reports show for it (a refund in the settlement report, a return in the FBA customer
returns report).

Orders are read with python-amazon-sp-api's ``Orders`` client, pointed by
Settings at Amazon or at the local emulator exactly like the report fetch.
Tracking comes from the logistics capability through ``tracking_for_order``;
without it, or when it knows nothing of the order, the context says so and the
reply states no tracking facts. Failures never stop a draft: they are recorded
in the context as ``order_error`` (``tracking_error``, ``reports_error``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from claimpilot.config import Settings

if TYPE_CHECKING:
    from sp_api.api import Orders


def _orders_client(settings: Settings) -> Orders:
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
    """``{"order": {...}, "items": [...]}`` from the Orders API; raises on any failure. A refusal (403) is tried
    once more with a new access token: the library keeps tokens process-wide, and one may have expired or been
    revoked (as the report fetch does)."""
    from sp_api.base.exceptions import SellingApiForbiddenException

    from claimpilot.tools.reports.fetch.client import forget_access_tokens

    try:
        return _order_and_items(settings, order_id)
    except SellingApiForbiddenException:
        forget_access_tokens()
        return _order_and_items(settings, order_id)


def _order_and_items(settings: Settings, order_id: str) -> dict[str, Any]:
    client = _orders_client(settings)
    try:
        order = client.get_order(order_id).payload or {}
        items = (client.get_order_items(order_id).payload or {}).get("OrderItems", [])
    finally:
        client.close()
    return {"order": order, "items": items}


MARKETPLACES = {"ATVPDKIKX0DER": "US", "A2EUQ1WTGCTBG2": "CA", "A1AM78C64UM0Y8": "MX", "A2Q3Y263D00KWC": "BR",
                "A1F83G8C2ARO7P": "UK", "A1PA6795UKMFR9": "DE", "A13V1IB3VIYZZH": "FR", "APJ6JRA9NG5V4": "IT",
                "A1RKKUPIHCS9HS": "ES", "A1805IZSGTT6HS": "NL", "A2NODRKZP88ZB9": "SE", "A1C3SOZRARQ6R3": "PL",
                "AMEN7PMS3EDWL": "BE", "A33AVAJ2PDY3EV": "TR", "A1VC38T7YXB528": "JP", "A39IBJ37TRP1C6": "AU",
                "A21TJRUUN4KGV": "IN", "A19VAU5U5O7RUS": "SG", "A2VIGQ35RCS4UG": "AE", "A17E79C6D8DWNP": "SA"}


def summarise(order: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    """The few order facts a reply uses."""
    return {
        "status": order.get("OrderStatus"),
        "marketplace": MARKETPLACES.get(order.get("MarketplaceId") or ""),
        "purchase_date": (order.get("PurchaseDate") or "")[:10],
        "latest_ship_date": (order.get("LatestShipDate") or "")[:10],
        "earliest_delivery_date": (order.get("EarliestDeliveryDate") or "")[:10],
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


def report_facts(settings: Settings, order_id: str) -> dict[str, Any]:
    """A refund (settlement report) and a return (FBA customer returns report) of the order, from the seller's
    own store; empty when the store or the reports are absent."""
    path = settings.warehouse_path()
    if not path.exists():
        return {}
    from claimpilot.tools.reports import warehouse  # shares the file with this process, reads a snapshot meanwhile

    out: dict[str, Any] = {}
    with warehouse.connect(path, read_only=True) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if "settlement" in tables:
            row = con.execute("SELECT max(posted_date), sum(amount), any_value(currency) FROM settlement "
                              "WHERE order_id = ? AND transaction_type = 'Refund' AND amount_type = 'ItemPrice'",
                              [order_id]).fetchone()
            if row and row[0] is not None:
                out["refund"] = {"date": row[0].isoformat(), "amount": str(row[1]), "currency": row[2] or ""}
        if "customer_returns" in tables:
            row = con.execute("SELECT max(return_date), sum(quantity), any_value(detailed_disposition) "
                              "FROM customer_returns WHERE order_id = ?", [order_id]).fetchone()
            if row and row[0] is not None:
                out["return"] = {"date": row[0].isoformat(), "quantity": int(row[1] or 0), "disposition": row[2]}
    return out


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
    try:
        ctx["reports"] = report_facts(settings, order_id)
    except Exception as exc:  # noqa: BLE001 - a store busy or damaged: the reply states no refund or return
        ctx["reports_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    return ctx
