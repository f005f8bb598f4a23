"""Tiny hand-built sellers: report files written as TSV, imported through the real ReportStore."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from claimpilot.tools.audit import run_audit
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.store import ReportStore

_names = itertools.count(1)

# Per kind, what a row holds unless a test says otherwise.
DEFAULTS: dict[str, dict] = {
    "ledger": {"asin": "B000000001", "title": "Lamp", "fulfillment_center": "PHX7", "disposition": "SELLABLE",
               "country": "US"},
    "reimbursements": {"case_id": "", "amazon_order_id": "", "asin": "B000000001", "condition": "New",
                       "currency_unit": "USD", "quantity_reimbursed_inventory": 0},
    "customer_returns": {"asin": "B000000001", "product_name": "Lamp", "fulfillment_center_id": "PHX7",
                         "detailed_disposition": "SELLABLE", "reason": "UNWANTED_ITEM", "status": "Unit returned to inventory"},
    "fee_estimates": {"asin": "B000000001", "currency": "USD"},
    "orders": {"order_status": "Shipped", "fulfillment_channel": "Amazon", "item_status": "Shipped", "currency": "USD"},
    "settlement": {"settlement_id": "1000001", "currency": "USD", "marketplace_name": "Amazon.com"},
    "inbound_items": {"shipment_name": "FBA STA", "destination_fulfillment_center_id": "PHX7"},
    "products": {"currency": "USD"},
}


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, date):
        return v.isoformat()
    return str(v)


class Seller:
    """Collects report rows per kind; ``audit`` writes them as files, imports them, runs the audit."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rows: dict[str, list[dict]] = {}
        self.store = ReportStore(root / "warehouse.duckdb", root / "evidence")

    def add(self, kind: str, **row) -> Seller:
        if kind == "reimbursements":
            row.setdefault("quantity_reimbursed_cash", row.get("quantity_reimbursed_total", 0))
            row.setdefault("quantity_reimbursed_total", row["quantity_reimbursed_cash"] + row.get("quantity_reimbursed_inventory", 0))
            row.setdefault("amount_total", row.get("amount_per_unit", 0) * row["quantity_reimbursed_cash"])
        self.rows.setdefault(kind, []).append({**DEFAULTS.get(kind, {}), **row})
        return self

    def write(self) -> Path:
        folder = self.root / f"upload{next(_names)}"
        folder.mkdir()
        for kind, rows in self.rows.items():
            cols = [c.name for c in KINDS[kind].columns]
            lines = ["\t".join(c.replace("_", "-") for c in cols)]
            lines += ["\t".join(_cell(r.get(c)) for c in cols) for r in rows]
            (folder / f"file{next(_names)}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.rows = {}
        return folder

    def product(self, sku: str = "SKU-1", unit_cost: object = "10.00", **kw) -> Seller:
        row = {"sku": sku, "length": 10, "width": 6, "height": 3, "dimension_unit": "in", "weight": 1.5,
               "weight_unit": "lb", "unit_cost": unit_cost}
        row.update(kw)
        return self.add("products", **row)

    def audit(self, as_of: date, marketplace: str = "US"):
        if self.rows:
            self.store.import_path(self.write())
        con = self.store.connect()
        try:
            return run_audit(con, as_of, marketplace)
        finally:
            con.close()


@pytest.fixture
def seller(tmp_path: Path) -> Seller:
    return Seller(tmp_path)


@pytest.fixture
def only():
    """Findings of one type."""
    return lambda result, type_: [f for f in result.findings if f.type == type_]


