"""Amazon's real report layouts (header + one row per kind), file encoders, and the
``store`` and ``files`` fixtures that the intake tests import."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.store import ImportResult, ReportStore

# kind -> (header as Amazon writes it, one data row)
LAYOUTS: dict[str, tuple[list[str], list[str]]] = {
    "ledger": (
        ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity",
         "Fulfillment Center", "Disposition", "Reason", "Country", "Reconciled Quantity", "Unreconciled Quantity"],
        ["03/14/2025", "X001ABCDEF", "B0C1234567", "BOTTLE-750", "Water Bottle 750 ml", "Adjustments",
         "8841230917", "-2", "PHX7", "SELLABLE", "M", "US", "0", "2"],
    ),
    "reimbursements": (
        ["approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku", "fnsku", "asin",
         "product-name", "condition", "currency-unit", "amount-per-unit", "amount-total",
         "quantity-reimbursed-cash", "quantity-reimbursed-inventory", "quantity-reimbursed-total",
         "original-reimbursement-id", "original-reimbursement-type"],
        ["2025-03-20T08:15:42+00:00", "5522918374", "", "", "Lost_Warehouse", "BOTTLE-750", "X001ABCDEF",
         "B0C1234567", "Water Bottle 750 ml", "New", "USD", "7.85", "15.70", "2", "0", "2", "", ""],
    ),
    "customer_returns": (
        ["return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity", "fulfillment-center-id",
         "detailed-disposition", "reason", "status", "license-plate-number", "customer-comments"],
        ["2025-02-02T19:04:11+00:00", "113-4455667-8899001", "BOTTLE-750", "B0C1234567", "X001ABCDEF",
         "Water Bottle 750 ml", "1", "ONT8", "SELLABLE", "UNWANTED_ITEM", "Unit returned to inventory",
         "LPNRR123456789", "changed my mind"],
    ),
    "fee_estimates": (
        ["sku", "fnsku", "asin", "amazon-store", "product-name", "product-group", "brand", "fulfilled-by",
         "your-price", "sales-price", "longest-side", "median-side", "shortest-side", "length-and-girth",
         "unit-of-dimension", "item-package-weight", "unit-of-weight", "product-size-weight-band", "currency",
         "estimated-fee-total", "estimated-referral-fee-per-unit", "estimated-variable-closing-fee",
         "estimated-order-handling-fee-per-order", "estimated-pick-pack-fee-per-unit",
         "estimated-weight-handling-fee-per-unit", "expected-fulfillment-fee-per-unit"],
        ["BOTTLE-750", "X001ABCDEF", "B0C1234567", "US", "Water Bottle 750 ml", "Kitchen", "Acme", "AMAZON_NA",
         "24.99", "24.99", "10.20", "3.50", "3.40", "24.00", "inches", "1.10", "pounds", "Large Standard-Size",
         "USD", "10.49", "3.75", "0.00", "0.00", "0.00", "0.00", "6.74"],
    ),
    "orders": (
        ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
         "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku",
         "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax",
         "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount", "ship-promotion-discount", "ship-city",
         "ship-state", "ship-postal-code", "ship-country", "promotion-ids", "is-business-order",
         "purchase-order-number", "price-designation"],
        ["113-4455667-8899001", "", "2025-01-05T10:22:31-08:00", "2025-01-07T03:11:09+00:00", "Shipped", "Amazon",
         "Amazon.com", "", "", "Expedited", "Water Bottle 750 ml", "BOTTLE-750", "B0C1234567", "Shipped", "1", "USD",
         "24.99", "2.06", "0.00", "0.00", "", "", "", "", "AUSTIN", "TX", "78701", "US", "", "false", "", ""],
    ),
    "settlement": (
        ["settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
         "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id", "marketplace-name",
         "amount-type", "amount-description", "amount", "fulfillment-id", "posted-date", "posted-date-time",
         "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku", "quantity-purchased",
         "promotion-id"],
        ["11873499021", "", "", "", "", "", "Refund", "113-4455667-8899001", "", "70011223344", "",
         "Amazon.com", "ItemPrice", "Principal", "-24.99", "AFN", "2025-01-20", "2025-01-20 07:14:55 UTC",
         "55112233445566", "", "", "BOTTLE-750", "1", ""],
    ),
    "removal_shipments": (
        ["request-date", "order-id", "shipment-date", "sku", "fnsku", "disposition", "shipped-quantity", "carrier",
         "tracking-number", "removal-order-type"],
        ["2025-02-10T12:00:00+00:00", "RMV-0001", "2025-02-14T09:30:00+00:00", "BOTTLE-750", "X001ABCDEF",
         "Unsellable", "3", "UPS", "1Z999AA10123456784", "Return"],
    ),
    "removal_receipts": (
        ["order-id", "fnsku", "received-quantity", "received-date", "note"],
        ["RMV-0001", "X001ABCDEF", "2", "2025-02-20", "one carton crushed"],
    ),
    "removal_orders": (
        ["request-date", "order-id", "order-type", "order-status", "last-updated-date", "sku", "fnsku",
         "disposition", "requested-quantity", "cancelled-quantity", "disposed-quantity", "shipped-quantity",
         "in-process-quantity", "removal-fee", "currency"],
        ["2025-02-10T12:00:00+00:00", "RMV-0001", "Return", "Completed", "2025-02-25T12:00:00+00:00",
         "BOTTLE-750", "X001ABCDEF", "Unsellable", "5", "0", "0", "3", "0", "3.12", "USD"],
    ),
    "inbound_items": (
        ["ShipmentId", "ShipmentName", "ShipmentStatus", "DestinationFulfillmentCenterId", "SellerSKU",
         "FulfillmentNetworkSKU", "QuantityShipped", "QuantityReceived", "QuantityInCase"],
        ["FBA15XYZ1234", "FBA (01/02/2025 10:00) - 1", "CLOSED", "PHX7", "BOTTLE-750", "X001ABCDEF", "120",
         "117", "0"],
    ),
    "transactions": (  # the Date Range report as Seller Central writes it in English (see test_date_range_reports)
        ["date/time", "settlement id", "type", "order id", "sku", "description", "quantity", "marketplace",
         "fulfillment", "order city", "order state", "order postal", "tax collection model", "product sales",
         "product sales tax", "shipping credits", "shipping credits tax", "gift wrap credits", "giftwrap credits tax",
         "promotional rebates", "promotional rebates tax", "marketplace withheld tax", "selling fees", "fba fees",
         "other transaction fees", "other", "total"],
        ["Jan 20, 2025 7:14:55 AM PST", "11873499021", "Refund", "113-4455667-8899001", "BOTTLE-750",
         "Water Bottle 750 ml", "1", "amazon.com", "Amazon", "AUSTIN", "TX", "78701", "MarketplaceFacilitator",
         "-24.99", "-2.06", "0", "0", "0", "0", "0", "0", "2.06", "3.75", "0", "0", "0", "-21.24"],
    ),
    "products": (
        ["sku", "length", "width", "height", "dimension_unit", "weight", "weight_unit", "unit_cost", "currency"],
        ["BOTTLE-750", "26", "9", "8.6", "cm", "0.5", "kg", "6.40", "USD"],
    ),
}


def render(header: list[str], rows: list[list[str]], delimiter: str = "\t") -> str:
    return "".join(delimiter.join(r) + "\r\n" for r in [header, *rows])


def encode(text: str, encoding: str = "utf-8", bom: bool = False, gz: bool = False) -> bytes:
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    return gzip.compress(data) if gz else data


def refused(result: ImportResult, match: str | None = None) -> ReportError:
    """The error of the one file an import refused (and stored nothing of)."""
    assert len(result.refused) == 1 and not result.files, result
    err = result.refused[0].error
    assert match is None or re.search(match, str(err)), str(err)
    return err


@pytest.fixture
def store(tmp_path: Path) -> ReportStore:
    """An empty store in the test's own folder."""
    return ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")


@pytest.fixture
def files(tmp_path: Path):
    """Write a report file: files(name, header, rows, delimiter=, encoding=, bom=, gz=) -> path."""
    folder = tmp_path / "downloads"
    folder.mkdir()

    def write(name: str, header: list[str], rows: list[list[str]], *, delimiter: str = "\t",
              encoding: str = "utf-8", bom: bool = False, gz: bool = False) -> Path:
        path = folder / name
        path.write_bytes(encode(render(header, rows, delimiter), encoding, bom, gz))
        return path

    return write
