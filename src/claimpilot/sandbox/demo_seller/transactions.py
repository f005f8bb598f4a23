"""The demo seller's Date Range transaction report (Payments > Reports Repository), in English.

One row per posting of an order, refund or adjustment, as Seller Central sums a settlement's
lines into product sales, selling fees, FBA fees, other and total, under its two note lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from .money import Posting

NOTES = ("Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
         "All amounts in USD, unless specified")
HEADER = ("date/time", "settlement id", "type", "order id", "sku", "description", "quantity", "marketplace",
          "fulfillment", "order city", "order state", "order postal", "tax collection model", "product sales",
          "product sales tax", "shipping credits", "shipping credits tax", "gift wrap credits",
          "giftwrap credits tax", "promotional rebates", "promotional rebates tax", "marketplace withheld tax",
          "selling fees", "fba fees", "other transaction fees", "other", "total")
_TYPE = {"Order": "Order", "Refund": "Refund"}
_COLUMN = {("ItemPrice", "Principal"): "product sales", ("ItemPrice", "Tax"): "product sales tax",
           ("ItemFees", "Commission"): "selling fees", ("ItemFees", "RefundCommission"): "selling fees",
           ("ItemFees", "FBAPerUnitFulfillmentFee"): "fba fees"}
# settlement cells: 6 transaction-type, 7 order-id, 12 amount-type, 13 amount-description, 14 amount,
# 17 posted-date-time, 21 sku, 22 quantity-purchased
_SUMMED = ("product sales", "product sales tax", "selling fees", "fba fees", "other")


def transaction_report(postings: list[Posting], as_of: date, start: date | None, end: date | None) -> bytes:
    """The report's bytes for the postings visible at ``as_of`` within [start, end]."""
    rows: dict[tuple[str, str, str, str], dict] = {}
    for p in postings:
        if p.day > as_of or (start and p.day < start) or (end and p.day > end):
            continue
        c = p.cells
        key = (c[17], c[0], c[6], c[7])
        row = rows.setdefault(key, {"sku": c[21], "quantity": c[22], "description": c[13],
                                    **{name: Decimal(0) for name in _SUMMED}})
        row[_COLUMN.get((c[12], c[13]), "other")] += p.amount
    return report_bytes({
        "date/time": as_written(posted), "settlement id": sid, "type": _TYPE.get(kind, "Adjustment"),
        "order id": order, "sku": r["sku"], "quantity": r["quantity"],
        "description": r["description"] if kind not in _TYPE else "", "marketplace": "amazon.com",
        "fulfillment": "Amazon", "total": f"{sum(r[n] for n in _SUMMED):,.2f}",
        **{n: f"{r[n]:,.2f}" for n in _SUMMED}} for (posted, sid, kind, order), r in rows.items())


def report_bytes(rows: Iterable[dict[str, str]]) -> bytes:
    """The report's notes, header and ``rows`` (cells by header name; amounts not given are 0)."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([[note] for note in NOTES])
    writer.writerow(HEADER)
    writer.writerows([row.get(h, "0" if h in HEADER[13:] else "") for h in HEADER] for row in rows)
    return buf.getvalue().encode("utf-8")


def as_written(posted: str | datetime) -> str:
    """'2025-11-01 13:02:47 UTC' as the English report writes it: 'Nov 1, 2025 1:02:47 PM UTC'."""
    t = posted if isinstance(posted, datetime) else datetime.strptime(posted, "%Y-%m-%d %H:%M:%S UTC")
    return f"{t:%b} {t.day}, {t.year} {t.hour % 12 or 12}:{t:%M:%S %p} UTC"
