"""The two removal reports the removal_shipment_short rule reads: Amazon's removal shipment detail and the
seller's own file of what arrived back (removal_receipts.csv). Kept apart from kinds.py's first kinds;
``kinds.KINDS`` includes them."""

from __future__ import annotations

from claimpilot.tools.reports.kinds import C, ReportKind

REMOVAL_SHIPMENTS = ReportKind(
    name="removal_shipments",
    table="removal_shipments",
    title="Removal shipment detail",
    report_type="GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA",
    columns=(
        C("request_date", "date"),
        C("order_id"),
        C("shipment_date", "date"),
        C("sku"),
        C("fnsku"),
        C("disposition", "text", False),
        C("shipped_quantity", "int"),
        C("carrier"),
        C("tracking_number"),
        C("removal_order_type", "text", False, "order-type"),
    ),
    signature=("shipment_date", "carrier", "tracking_number", "shipped_quantity"),
    date_column="shipment_date",
)

REMOVAL_RECEIPTS = ReportKind(
    name="removal_receipts",
    table="removal_receipts",
    title="Seller's removal receipts (removal_receipts.csv)",
    report_type=None,  # the seller's own file: what arrived at its (or its warehouse's) door
    columns=(
        C("order_id", "text", True, "removal-order-id"),
        C("fnsku"),
        C("received_quantity", "int"),
        C("received_date", "date"),
        C("sku", "text", False),
        C("note", "text", False),
    ),
    signature=("order_id", "received_quantity", "received_date"),
    mode="snapshot",
    key=("order_id", "fnsku", "received_date"),  # a corrected file replaces a day's count; other days are kept
    date_column="received_date",
)

REMOVAL_KINDS = (REMOVAL_SHIPMENTS, REMOVAL_RECEIPTS)
