"""A tiny seller in Amazon's raw layouts, shaped like the demo seller, for the
emulator and fetch tests; plus helpers to point Settings at an emulator."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from claimpilot.config import Settings

AS_OF = date(2026, 11, 20)
FIRST_DAY = AS_OF - timedelta(days=400)

HEADERS = {
    "ledger": ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity",
               "Fulfillment Center", "Disposition", "Reason", "Country", "Reconciled Quantity",
               "Unreconciled Quantity"],
    "reimbursements": ["approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku", "fnsku",
                       "asin", "condition", "currency-unit", "amount-per-unit", "amount-total",
                       "quantity-reimbursed-cash", "quantity-reimbursed-inventory", "quantity-reimbursed-total",
                       "original-reimbursement-id", "original-reimbursement-type"],
    "customer_returns": ["return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity",
                         "fulfillment-center-id", "detailed-disposition", "reason", "status",
                         "license-plate-number", "customer-comments"],
    "fee_estimates": ["sku", "fnsku", "asin", "longest-side", "median-side", "shortest-side", "unit-of-dimension",
                      "item-package-weight", "unit-of-weight", "product-size-tier", "currency",
                      "expected-fulfillment-fee-per-unit"],
    "orders": ["amazon-order-id", "purchase-date", "order-status", "fulfillment-channel", "sku", "asin",
               "item-status", "quantity", "currency", "item-price"],
    "settlement": ["settlement-id", "transaction-type", "order-id", "amount-type", "amount-description", "amount",
                   "posted-date", "sku", "quantity-purchased", "currency"],
    "removal_orders": ["request-date", "order-id", "order-type", "order-status", "last-updated-date", "sku", "fnsku",
                       "disposition", "requested-quantity", "cancelled-quantity", "disposed-quantity",
                       "shipped-quantity", "in-process-quantity"],
    "removal_shipments": ["request-date", "order-id", "shipment-date", "sku", "fnsku", "disposition",
                          "shipped-quantity", "carrier", "tracking-number", "removal-order-type"],
}


def _row(kind: str, day: date, n: int) -> list[str]:
    sku, fnsku, asin = f"SKU-{n % 7}", f"X00{n % 7:07d}", f"B0{n % 7:08d}"
    us, iso = day.strftime("%m/%d/%Y"), day.isoformat()
    if kind == "ledger":
        return [us, fnsku, asin, sku, "Widget", "Adjustments", f"REF{n}", "-1", "PHX7", "SELLABLE", "M", "US", "0", "1"]
    if kind == "reimbursements":
        return [f"{iso}T10:00:00+00:00", f"R{n}", "", "", "Lost_Warehouse", sku, fnsku, asin, "New", "USD",
                "12.50", "12.50", "1", "0", "1", "", ""]
    if kind == "customer_returns":
        return [f"{iso}T08:00:00+00:00", f"111-{n:07d}-0000001", sku, asin, fnsku, "Widget", "1", "PHX7",
                "SELLABLE", "UNWANTED_ITEM", "Unit returned to inventory", f"LPN{n}", ""]
    if kind == "orders":
        return [f"112-{n:07d}-0000002", f"{iso}T12:00:00+00:00", "Shipped", "Amazon", sku, asin, "Shipped", "1",
                "USD", "19.99"]
    if kind == "settlement":
        return [f"S{(day - date(2020, 1, 6)).days // 14}", "Order", f"113-{n:07d}-0000003", "ItemPrice",
                "Principal", "19.99", iso, sku, "1", "USD"]
    if kind == "removal_orders":
        return [f"{iso}T09:00:00+00:00", f"RMV{n}", "Return", "Completed", f"{iso}T09:00:00+00:00", sku, fnsku,
                "Unsellable", "2", "0", "0", "2", "0"]
    if kind == "removal_shipments":
        return [f"{iso}T09:00:00+00:00", f"RMV{n}", f"{iso}T15:00:00+00:00", sku, fnsku, "Unsellable", "2", "UPS",
                f"1Z{n:016d}", "Return"]
    raise KeyError(kind)


class TinySeller:
    """Every kind of report, a row every few days over ~400 days, 5 shipments,
    and financial events: small, but every range and page boundary is crossed."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.rows: dict[str, list[tuple[date, list[str]]]] = {}
        step = {"ledger": 2, "reimbursements": 9, "customer_returns": 5, "orders": 3, "settlement": 3,
                "removal_orders": 11, "removal_shipments": 13}
        n = 0
        for kind, every in step.items():
            self.rows[kind] = []
            day = FIRST_DAY
            while day <= AS_OF:
                n += 1
                self.rows[kind].append((day, _row(kind, day, n)))
                day += timedelta(days=every)
        self.fees = [[f"SKU-{i}", f"X00{i:07d}", f"B0{i:08d}", "10.0", "6.0", "2.0", "inches", "1.2", "pounds",
                      "Large standard-size", "USD", "5.40"] for i in range(7)]
        self.shipments = [
            {"ShipmentId": f"FBA17{i:05d}", "ShipmentName": f"Shipment {i}", "ShipmentStatus": status,
             "DestinationFulfillmentCenterId": "PHX7", "LabelPrepType": "SELLER_LABEL", "AreCasesRequired": False}
            for i, status in enumerate(["CLOSED", "CLOSED", "RECEIVING", "WORKING", "CLOSED"])
        ]
        self.events = {
            "ShipmentEventList": [
                {"AmazonOrderId": f"114-{i:07d}", "PostedDate": f"{(FIRST_DAY + timedelta(days=i)).isoformat()}T10:00:00Z"}
                for i in range(0, 400, 2)
            ],
            "RefundEventList": [
                {"AmazonOrderId": f"115-{i:07d}", "PostedDate": f"{(FIRST_DAY + timedelta(days=i)).isoformat()}T11:00:00Z"}
                for i in range(0, 400, 13)
            ],
        }

    # --- the DemoSeller interface -----------------------------------
    def report(self, kind: str, start: date | None = None, end: date | None = None) -> bytes:
        self.calls.append(("report", kind, start, end))
        lines = ["\t".join(HEADERS[kind])]
        if kind == "fee_estimates":
            lines += ["\t".join(r) for r in self.fees]
        else:
            lines += ["\t".join(r) for d, r in self.rows[kind]
                      if (start is None or d >= start) and (end is None or d <= end)]
        return ("\n".join(lines) + "\n").encode("utf-8")

    def inbound_shipments(self) -> list[dict]:
        return [dict(s) for s in self.shipments]

    def inbound_items(self, shipment_id: str) -> list[dict]:
        i = int(shipment_id[-5:])
        return [
            {"ShipmentId": shipment_id, "SellerSKU": f"SKU-{j}", "FulfillmentNetworkSKU": f"X00{j:07d}",
             "QuantityShipped": 10 + j, "QuantityReceived": 10 + j - (j == i), "QuantityInCase": 0}
            for j in range(3 + i)
        ]

    def financial_events(self, posted_after, posted_before) -> dict[str, list[dict]]:
        def inside(e: dict) -> bool:
            posted = datetime.fromisoformat(e["PostedDate"].replace("Z", "+00:00"))
            return posted_after <= posted < posted_before

        return {name: [e for e in events if inside(e)] for name, events in self.events.items()}

    # --- what a test expects ----------------------------------------
    def count(self, kind: str, start: date, end: date) -> int:
        if kind == "fee_estimates":
            return len(self.fees)
        return sum(1 for d, _ in self.rows[kind] if start <= d <= end)

    def inbound_item_count(self) -> int:
        return sum(len(self.inbound_items(s["ShipmentId"])) for s in self.shipments)

    def event_count(self, start: date, end: date) -> int:
        after = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
        before = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=UTC)
        return sum(len(v) for v in self.financial_events(after, before).values())


def settings_for(emulator, home, **sp) -> Settings:
    """Settings whose SP-API is ``emulator``, with a fast clock for tests."""
    creds = emulator.credentials
    values = {
        "endpoint": emulator.url,
        "lwa_app_id": creds.client_id,
        "lwa_client_secret": creds.client_secret,
        "refresh_token": creds.refresh_token,
        "poll_interval_s": 0.01,
        "backoff_s": 0.01,
        "backoff_max_s": 0.5,
        "max_retries": 6,
        "request_timeout_s": 5.0,
        **sp,
    }
    return Settings(home=home, _env_file=None, sp_api=values)


def env_for(monkeypatch, emulator) -> None:
    """The environment that points ``claimpilot fetch`` (and every ``Settings()``) at ``emulator``."""
    monkeypatch.setenv("CLAIMPILOT_SP_API__ENDPOINT", emulator.url)
    monkeypatch.setenv("CLAIMPILOT_SP_API__LWA_APP_ID", emulator.credentials.client_id)
    monkeypatch.setenv("CLAIMPILOT_SP_API__LWA_CLIENT_SECRET", emulator.credentials.client_secret)
    monkeypatch.setenv("CLAIMPILOT_SP_API__REFRESH_TOKEN", emulator.credentials.refresh_token)
    monkeypatch.setenv("CLAIMPILOT_SP_API__POLL_INTERVAL_S", "0.01")
    monkeypatch.setenv("CLAIMPILOT_SP_API__BACKOFF_S", "0.01")


FETCH_START, FETCH_END = AS_OF - timedelta(days=139), AS_OF
RANGED = ["ledger", "reimbursements", "customer_returns", "orders", "removal_orders", "removal_shipments"]


def expected_counts(seller, result, start: date = FETCH_START, end: date = FETCH_END) -> dict[str, int]:
    """The rows a whole fetch of ``start``..``end`` from ``seller`` stores, table by table."""
    expected = {k: seller.count(k, start, end) for k in RANGED}
    expected["fee_estimates"] = seller.count("fee_estimates", start, end)
    expected["inbound_items"] = seller.inbound_item_count()
    settled = [r.range for r in result.reports if r.kind == "settlement"]
    expected["settlement"] = sum(seller.count("settlement", r.start, r.end) for r in settled)
    return expected
