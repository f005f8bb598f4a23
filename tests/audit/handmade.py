"""Hand-made report folders shaped the way sellers download them, and running ``claimpilot audit --json`` over
them: the file writers, the column lists and the comparison shared by the hand-made audit tests."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimpilot.cli import app

# --- file writing ------------------------------------------------------------


def tsv(*rows: list[str]) -> str:
    """Amazon's flat-file shape: tab separated, nothing quoted, LF line ends."""
    return "".join("\t".join(row) + "\n" for row in rows)


def quoted_csv(*rows: list[str], newline: str = "\r\n") -> str:
    """Seller Central's CSV download shape: every field quoted, CRLF line ends."""
    return "".join(",".join('"' + cell.replace('"', '""') + '"' for cell in row) + newline for row in rows)


def plain_csv(*rows: list[str]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


PRODUCTS = ["sku", "length", "width", "height", "dimension_unit", "weight", "weight_unit", "unit_cost", "currency"]
LEDGER = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity", "Fulfillment Center",
          "Disposition", "Reason", "Country"]
LEDGER_RECONCILED = LEDGER + ["Reconciled Quantity", "Unreconciled Quantity"]
REIMBURSEMENTS = ["approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku", "fnsku", "asin",
                  "product-name", "condition", "currency-unit", "amount-per-unit", "amount-total",
                  "quantity-reimbursed-cash", "quantity-reimbursed-inventory", "quantity-reimbursed-total",
                  "original-reimbursement-id", "original-reimbursement-type"]
RETURNS = ["return-date", "order-id", "sku", "asin", "fnsku", "product-name", "quantity", "fulfillment-center-id",
           "detailed-disposition", "reason", "status", "license-plate-number", "customer-comments"]
SETTLEMENT = ["settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount",
              "currency", "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id",
              "marketplace-name", "amount-type", "amount-description", "amount", "fulfillment-id", "posted-date",
              "posted-date-time", "order-item-code", "merchant-order-item-id", "merchant-adjustment-item-id", "sku",
              "quantity-purchased", "promotion-id"]
ORDERS = ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
          "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level", "product-name", "sku",
          "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price", "shipping-tax"]
INBOUND = ["ShipmentId", "ShipmentName", "ShipmentStatus", "DestinationFulfillmentCenterId", "SellerSKU",
           "FulfillmentNetworkSKU", "QuantityShipped", "QuantityReceived", "QuantityInCase"]


def reimbursement(day: str, rid: str, reason: str, sku: str, fnsku: str, per_unit: str, cash: int,
                  inventory: int = 0, order: str = "", currency: str = "USD") -> list[str]:
    total = f"{float(per_unit) * cash:.2f}"
    return [day, rid, "", order, reason, sku, fnsku, "B0" + fnsku, "Item " + sku, "New", currency, per_unit, total,
            str(cash), str(inventory), str(cash + inventory), "", ""]


def settlement_summary(sid: str, start: str, end: str, currency: str) -> list[str]:
    """The first row of each settlement: its totals, no transaction."""
    return [sid, start, end, end, "100.00", currency] + [""] * (len(SETTLEMENT) - 6)


def settlement_row(sid: str, kind: str, order: str, amount_type: str, description: str, amount: str, posted: str,
                   sku: str, qty: str, marketplace: str = "Amazon.com") -> list[str]:
    row = dict.fromkeys(SETTLEMENT, "")
    row.update({"settlement-id": sid, "transaction-type": kind, "order-id": order, "merchant-order-id": order,
                "marketplace-name": marketplace, "amount-type": amount_type, "amount-description": description,
                "amount": amount, "fulfillment-id": "AFN", "posted-date": posted,
                "posted-date-time": posted + " 08:49:04 UTC", "sku": sku, "quantity-purchased": qty})
    return [row[c] for c in SETTLEMENT]


def refund(sid: str, order: str, principal: str, posted: str, sku: str, qty: str,
           marketplace: str = "Amazon.com") -> list[list[str]]:
    """A refund as the settlement shows it: principal, tax and the commission given back."""
    return [settlement_row(sid, "Refund", order, "ItemPrice", "Principal", principal, posted, sku, qty, marketplace),
            settlement_row(sid, "Refund", order, "ItemPrice", "Tax", "-1.50", posted, sku, qty, marketplace),
            settlement_row(sid, "Refund", order, "ItemFees", "Commission", "2.40", posted, sku, qty, marketplace)]


# --- running the command -----------------------------------------------------


@dataclass(frozen=True)
class Expected:
    type: str
    status: str
    reference_id: str
    fnsku: str | None
    sku: str | None
    quantity: int
    unit_value: str
    amount: str
    window_opens: str
    window_closes: str
    currency: str = "USD"
    estimated: bool = False


def _shape(f: dict) -> Expected:
    return Expected(f["type"], f["status"], f["reference_id"], f["fnsku"], f["sku"], f["quantity"], f["unit_value"],
                    f["amount"], f["window_opens"], f["window_closes"], f["currency"], f["unit_value_estimated"])


class Folder:
    """One seller's home and download folders; ``audit`` runs ``claimpilot audit --json``,
    importing the files written since the last audit (a later folder is a later day's download)."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.downloads = 0
        self.pending: Path | None = None
        monkeypatch.setenv("CLAIMPILOT_HOME", str(root / "home"))
        monkeypatch.delenv("CLAIMPILOT_MARKETPLACE", raising=False)

    def file(self, name: str, content: str | bytes, encoding: str = "utf-8", gz: bool = False) -> None:
        if self.pending is None:
            self.downloads += 1
            self.pending = self.root / f"downloads{self.downloads}"
            self.pending.mkdir()
        data = content.encode(encoding) if isinstance(content, str) else content
        (self.pending / name).write_bytes(gzip.compress(data) if gz else data)

    def audit(self, as_of: str, marketplace: str | None = None) -> list[Expected]:
        args = ["audit", "--as-of", as_of, "--json"]
        if self.pending is not None:
            args += ["--reports", str(self.pending)]
            self.pending = None
        if marketplace:
            args += ["--marketplace", marketplace]
        out = CliRunner().invoke(app, args)
        assert out.exit_code == 0, out.output
        return sorted((_shape(f) for f in json.loads(out.stdout)["findings"]), key=_order)


def _order(e: Expected) -> tuple[str, str, str]:
    return e.type, e.reference_id, e.fnsku or ""


def same(found: list[Expected], *expected: Expected) -> None:
    assert found == sorted(expected, key=_order)
