"""How much data Amazon hands out in one request, per report type, as data.

A report asked for over a longer range than its limit is refused by Amazon
(the order reports end with "Date range exceeded. Report can be requested
only upto 30 days"), so a fetch splits a range into chunks no longer than
these. ``None``: the report takes no range (a snapshot) or is never requested
(settlements, which Amazon generates on its own and lists in getReports).
"""

from __future__ import annotations

from datetime import date, timedelta

MAX_RANGE_DAYS: dict[str, int | None] = {
    "GET_LEDGER_DETAIL_VIEW_DATA": 90,
    "GET_FBA_REIMBURSEMENTS_DATA": 90,
    "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA": 90,
    "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA": 90,
    "GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA": 90,
    "GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL": 30,
    "GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA": None,
    "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2": None,
}

REQUESTABLE: frozenset[str] = frozenset(
    t for t in MAX_RANGE_DAYS if t != "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2"
)
"""Report types that createReport accepts; settlements are only listed."""

FINANCES_MAX_RANGE_DAYS = 180
"""listFinancialEvents: PostedAfter to PostedBefore must be under 180 days."""

SETTLEMENT_PERIOD_DAYS = 14
"""Amazon closes a seller's settlement every 14 days (US)."""

REPORT_RETENTION_DAYS = 90
"""getReports: "Reports are retained for a maximum of 90 days"; an older settlement is no longer listed,
and the seller downloads it by hand in Seller Central."""


def listed_since(today: date) -> date:
    """The first day whose reports getReports is sure to list: one day inside the retention, so that a
    report created on the retention's last day is named for a download by hand rather than missed."""
    return today - timedelta(days=REPORT_RETENTION_DAYS - 1)


def range_exceeded_message(report_type: str) -> str | None:
    limit = MAX_RANGE_DAYS.get(report_type)
    if limit is None:
        return None
    return f"Date range exceeded. Report can be requested only upto {limit} days"


DOCUMENTED_RATE: dict[str, float] = {
    "getReports": 0.0222,
    "createReport": 0.0167,
    "getReport": 2.0,
    "getReportDocument": 0.0167,
    "listFinancialEvents": 0.5,
    "getShipments": 2.0,
    "getShipmentItemsByShipmentId": 2.0,
}
"""Each operation's default rate (requests per second) from its usage plan in Amazon's API models (keyed by
the operationId the fetcher calls). A 429 answer carries no ``x-amzn-RateLimit-Limit`` header (the models
list none for it), so after a 429 the operation is paced at this rate unless Amazon named another one, on
the 429 or on an earlier answer of the operation."""
