"""Older or other layouts of a report kind, read as they are and derived into that kind's table.

A variant is a ``ReportKind`` with ``into`` (the kind whose table its rows go to)
and ``derive`` (the SQL file that turns its stage rows into that kind's columns).
It is recognised from its own header, like any kind, but it has no table and no
``in_<table>`` view of its own: the audit sees its rows as the target kind's.
``READABLE`` is every layout a file may have: the kinds, then the variants.
"""

from __future__ import annotations

from claimpilot.tools.reports.kinds import KINDS, C, ReportKind

# Settlement "Flat File" (V1, GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE): one row carries several typed
# amounts side by side. Amazon still writes it; sellers keep years of it.
SETTLEMENT_V1 = ReportKind(
    name="settlement_v1",
    table="settlement",
    title="Settlement (flat file V1)",
    report_type="GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE",
    columns=(
        C("settlement_id"),
        C("transaction_type", "text", False),
        C("order_id", "text", False),
        C("posted_date", "date", False),
        C("sku", "text", False),
        C("quantity_purchased", "int", False),
        C("currency", "text", False),
        C("marketplace_name", "text", False),
        C("shipment_fee_type", "text", False),
        C("shipment_fee_amount", "decimal", False),
        C("order_fee_type", "text", False),
        C("order_fee_amount", "decimal", False),
        C("price_type"),
        C("price_amount", "decimal"),
        C("item_related_fee_type"),
        C("item_related_fee_amount", "decimal"),
        C("misc_fee_amount", "decimal", False),
        C("other_fee_amount", "decimal", False),
        C("other_fee_reason_description", "text", False),
        C("promotion_type", "text", False),
        C("promotion_amount", "decimal", False),
        C("direct_payment_type", "text", False),
        C("direct_payment_amount", "decimal", False),
        C("other_amount", "decimal", False),
    ),
    signature=("settlement_id", "price_type", "item_related_fee_type"),
    date_column="posted_date",
    into="settlement",
    derive="settlement_v1.sql",
)

# The fee preview as Amazon.ca writes it: no product-size-tier, and the fulfilment fee split into
# estimated-pick-pack-fee-per-unit and estimated-weight-handling-fee-per-unit. Other marketplaces'
# layouts (US, UK and EU spellings) are aliases of the fee_estimates kind itself.
FEE_ESTIMATES_CA = ReportKind(
    name="fee_estimates_ca",
    table="fee_estimates",
    title="Estimated FBA fees (Canada)",
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
        C("currency"),
        C("estimated_pick_pack_fee_per_unit", "decimal"),
        C("estimated_weight_handling_fee_per_unit", "decimal"),
    ),
    signature=("longest_side", "estimated_pick_pack_fee_per_unit", "estimated_weight_handling_fee_per_unit"),
    mode="snapshot",
    key=("sku",),
    into="fee_estimates",
    derive="fee_estimates_ca.sql",
)

VARIANTS: dict[str, ReportKind] = {k.name: k for k in (SETTLEMENT_V1, FEE_ESTIMATES_CA)}

READABLE: dict[str, ReportKind] = {**KINDS, **VARIANTS}


def prefer_kinds(matched: list[str]) -> list[str]:
    """Of the layouts a header matches, drop a variant when the kind it derives into matches too
    (a US fee preview carries the Canadian columns as well as its own)."""
    return [m for m in matched if not (READABLE[m].into and READABLE[m].into in matched)]


def target(kind: ReportKind) -> ReportKind:
    """The kind whose table a layout's rows go to (itself, unless it is a variant)."""
    return KINDS[kind.into] if kind.into else kind
