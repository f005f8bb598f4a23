"""The report kinds claimpilot reads, as data.

Each kind names its SP-API report type, the normalised DuckDB table it loads
into, and its columns: the canonical (snake_case) name, the type, whether a
file must carry it, and the other header spellings Amazon has used. A file's
kind is recognised from its header row alone (``signature`` columns), never
from its name. Header names are compared after folding case, spaces, hyphens
and underscores, so "Event Type", "EventType" and "event-type" are one name.

``mode`` says how re-imports behave:
- ``events``: rows are facts that happened (a ledger event, a refund). A row
  already stored, from this file or an overlapping one, is not stored again.
- ``snapshot``: rows describe current state (a fee estimate, a shipment's
  received quantity); the newest file's row for a ``key`` replaces the old one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

ColumnType = Literal["text", "int", "decimal", "date"]


def fold(name: str) -> str:
    """Fold a header name: case, spaces, hyphens and underscores don't count."""
    return re.sub(r"[\s\-_]+", "", name.strip().lstrip("\ufeff")).lower()


@dataclass(frozen=True)
class Column:
    """One column. ``required``: the header row must carry it (an empty cell
    is still allowed and loads as NULL); an optional column missing from a
    file loads as NULL for every row."""

    name: str
    type: ColumnType = "text"
    required: bool = True
    aliases: tuple[str, ...] = ()

    def folded_names(self) -> set[str]:
        return {fold(self.name), *(fold(a) for a in self.aliases)}


@dataclass(frozen=True)
class ReportKind:
    name: str
    table: str
    title: str
    report_type: str | None
    columns: tuple[Column, ...]
    signature: tuple[str, ...]
    mode: Literal["events", "snapshot"] = "events"
    key: tuple[str, ...] = ()
    date_column: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    into: str | None = None  # another layout of that kind: its rows are derived into that kind's table
    derive: str | None = None  # with ``into``: the SQL file (under sql/) that derives them

    def __post_init__(self) -> None:
        required = {c.name for c in self.columns if c.required}
        missing = set(self.signature) - required
        assert not missing, f"{self.name}: signature columns must be required: {missing}"

    @property
    def title_zh(self) -> str:
        """The report's name in Chinese, as the seller's pages name it (the English title where none is)."""
        from claimpilot.vocabulary import ReportKind as Named
        from claimpilot.vocabulary import label

        try:
            return label(Named(self.name), "zh")
        except ValueError:
            return self.title

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def C(name: str, type: ColumnType = "text", required: bool = True, *aliases: str) -> Column:
    return Column(name, type, required, tuple(aliases))


LEDGER = ReportKind(
    name="ledger",
    table="ledger",
    title="Inventory ledger (detail)",
    report_type="GET_LEDGER_DETAIL_VIEW_DATA",
    columns=(
        C("date", "date", True, "Date and Time"),
        C("fnsku"),
        C("asin"),
        C("msku", "text", True, "sku"),
        C("title", "text", False),
        C("event_type"),
        C("reference_id"),
        C("quantity", "int"),
        C("fulfillment_center"),
        C("disposition"),
        C("reason", "text", False),
        C("country", "text", False),
        C("reconciled_quantity", "int", False),
        C("unreconciled_quantity", "int", False),
    ),
    signature=("event_type", "reference_id", "fulfillment_center", "disposition"),
    date_column="date",
)

REIMBURSEMENTS = ReportKind(
    name="reimbursements",
    table="reimbursements",
    title="Reimbursements",
    report_type="GET_FBA_REIMBURSEMENTS_DATA",
    columns=(
        C("approval_date", "date"),
        C("reimbursement_id"),
        C("case_id", "text", False),
        C("amazon_order_id", "text", False),
        C("reason"),
        C("sku", "text", False),
        C("fnsku"),
        C("asin", "text", False),
        C("condition", "text", False, "product-name-condition"),
        C("currency_unit", "text", True, "currency"),
        C("amount_per_unit", "decimal"),
        C("amount_total", "decimal"),
        C("quantity_reimbursed_cash", "int"),
        C("quantity_reimbursed_inventory", "int"),
        C("quantity_reimbursed_total", "int"),
        C("original_reimbursement_id", "text", False),
        C("original_reimbursement_type", "text", False),
    ),
    signature=("reimbursement_id", "amount_per_unit", "quantity_reimbursed_total"),
    date_column="approval_date",
)

CUSTOMER_RETURNS = ReportKind(
    name="customer_returns",
    table="customer_returns",
    title="FBA customer returns",
    report_type="GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA",
    columns=(
        C("return_date", "date"),
        C("order_id"),
        C("sku"),
        C("asin", "text", False),
        C("fnsku"),
        C("product_name", "text", False),
        C("quantity", "int"),
        C("fulfillment_center_id", "text", False),
        C("detailed_disposition"),
        C("reason", "text", False),
        C("status", "text", False),
        C("license_plate_number", "text", False),
        C("customer_comments", "text", False),
    ),
    signature=("return_date", "order_id", "detailed_disposition"),
    date_column="return_date",
)

FEE_ESTIMATES = ReportKind(
    name="fee_estimates",
    table="fee_estimates",
    title="Estimated FBA fees",
    report_type="GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA",
    columns=(
        C("sku"),
        C("fnsku"),
        C("asin", "text", False),
        C("longest_side", "decimal"),
        C("median_side", "decimal", False),
        C("shortest_side", "decimal", False),
        C("unit_of_dimension", "text", False),
        C("item_package_weight", "decimal", False),
        C("unit_of_weight", "text", False),
        C("product_size_tier", "text", True, "product-size-weight-band"),
        C("currency"),
        C(
            "expected_fulfillment_fee_per_unit",
            "decimal",
            True,
            "expected-domestic-fulfilment-fee-per-unit",
            "expected-domestic-fulfillment-fee-per-unit",
        ),
    ),
    signature=("longest_side", "product_size_tier", "expected_fulfillment_fee_per_unit"),
    mode="snapshot",
    key=("sku",),
)

ORDERS = ReportKind(
    name="orders",
    table="orders",
    title="All orders",
    report_type="GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL",
    columns=(
        C("amazon_order_id"),
        C("purchase_date", "date"),
        C("order_status"),
        C("fulfillment_channel"),
        C("sku"),
        C("asin", "text", False),
        C("item_status", "text", False),
        C("quantity", "int"),
        C("currency", "text", False),
        C("item_price", "decimal"),
    ),
    signature=("amazon_order_id", "purchase_date", "order_status", "item_price"),
    mode="snapshot",
    key=("amazon_order_id", "sku"),
    date_column="purchase_date",
)

SETTLEMENT = ReportKind(
    name="settlement",
    table="settlement",
    title="Settlement (flat file v2)",
    report_type="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2",
    columns=(
        C("settlement_id"),
        C("transaction_type", "text", True),
        C("order_id", "text", False),
        C("amount_type", "text", True),
        C("amount_description", "text", True),
        C("amount", "decimal", True),
        C("posted_date", "date", True),
        C("sku", "text", False),
        C("quantity_purchased", "int", False),
        C("currency", "text", False),
        C("marketplace_name", "text", False),
    ),
    signature=("settlement_id", "amount_type", "amount_description"),
    date_column="posted_date",
)

REMOVAL_ORDERS = ReportKind(
    name="removal_orders",
    table="removal_orders",
    title="Removal order detail",
    report_type="GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA",
    columns=(
        C("request_date", "date"),
        C("order_id"),
        C("order_type"),
        C("order_status"),
        C("last_updated_date", "date", False),
        C("sku"),
        C("fnsku"),
        C("disposition", "text", False),
        C("requested_quantity", "int"),
        C("cancelled_quantity", "int", False),
        C("disposed_quantity", "int"),
        C("shipped_quantity", "int", False),
        C("in_process_quantity", "int", False),
    ),
    signature=("order_type", "requested_quantity", "disposed_quantity"),
    mode="snapshot",
    key=("order_id", "fnsku", "disposition"),
    date_column="request_date",
)

INBOUND_ITEMS = ReportKind(
    name="inbound_items",
    table="inbound_items",
    title="Inbound shipment items",
    report_type=None,  # FBA Inbound API getShipments + getShipmentItems
    columns=(
        C("shipment_id"),
        C("shipment_status"),
        C("seller_sku", "text", True, "sku"),
        C("fnsku", "text", True, "FulfillmentNetworkSKU"),
        C("quantity_shipped", "int"),
        C("quantity_received", "int"),
        C("shipment_name", "text", False),
        C("destination_fulfillment_center_id", "text", False),
    ),
    signature=("shipment_id", "quantity_shipped", "quantity_received"),
    mode="snapshot",
    key=("shipment_id", "fnsku"),
)

PRODUCTS = ReportKind(
    name="products",
    table="products",
    title="Seller's products (products.csv)",
    report_type=None,  # the seller's own file
    columns=(
        C("sku"),
        C("length", "decimal"),
        C("width", "decimal"),
        C("height", "decimal"),
        C("dimension_unit"),
        C("weight", "decimal"),
        C("weight_unit"),
        C("unit_cost", "decimal", False),
        C("currency", "text", False),
    ),
    signature=("sku", "dimension_unit", "weight_unit"),
    mode="snapshot",
    key=("sku",),
)

@cache
def _date_range_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = yaml.safe_load(
        Path(__file__).with_name("date_range_headers.yaml").read_text(encoding="utf-8")
    )
    return names


def L(name: str, type: ColumnType = "text", required: bool = True) -> Column:  # noqa: N802 (like C)
    """A Date Range report column with its header in every language Seller Central writes."""
    return Column(name, type, required, tuple(_date_range_names()[name]))


TRANSACTIONS = ReportKind(
    name="transactions",
    table="transactions",
    title="Date Range transaction report",
    report_type=None,  # downloaded from Payments > Reports Repository; no SP-API report type
    columns=(
        L("date_time", "date"),
        L("settlement_id"),
        L("type"),
        L("order_id"),
        L("sku", "text", False),
        L("description", "text", False),
        L("quantity", "int", False),
        L("marketplace", "text", False),
        L("fulfillment", "text", False),
        L("product_sales", "decimal", False),
        L("selling_fees", "decimal", False),
        L("fba_fees", "decimal", False),
        L("other_transaction_fees", "decimal", False),
        L("other", "decimal", False),
        L("total", "decimal"),
    ),
    signature=("date_time", "settlement_id", "type", "order_id", "total"),
    date_column="date_time",
)

KINDS: dict[str, ReportKind] = {
    k.name: k
    for k in (
        LEDGER,
        REIMBURSEMENTS,
        CUSTOMER_RETURNS,
        FEE_ESTIMATES,
        ORDERS,
        SETTLEMENT,
        REMOVAL_ORDERS,
        INBOUND_ITEMS,
        PRODUCTS,
        TRANSACTIONS,
    )
}

from claimpilot.tools.reports.kinds_removals import REMOVAL_KINDS  # noqa: E402 (they are built from the above)

KINDS.update({k.name: k for k in REMOVAL_KINDS})

BY_REPORT_TYPE: dict[str, ReportKind] = {k.report_type: k for k in KINDS.values() if k.report_type}
