"""A ledger that names the products of the claims ``seed_claims`` makes (FNSKU ``X00{n:07d}``, SKU ``SKU-{n}``)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from claimpilot.tools.reports.store import ReportStore

HEADER = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity", "Fulfillment Center",
          "Disposition", "Reason", "Country"]
TITLES = {0: ("B0ACME0000", "Bamboo cutting board, large"), 1: ("B0ACME0001", "硅胶厨房铲 三件套")}
BY_SKU = {2: ("B0ACME0002", "Stainless steel whisk")}  # the ledger knows this one by its SKU under another FNSKU


def import_product_ledger(settings, seller_id: str, as_of: date | None = None) -> None:
    """Ledger rows naming claims 0 and 1 by FNSKU and claim 2 only by SKU; the others are named nowhere."""
    day = (as_of or date.today()) - timedelta(days=70)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(HEADER)
    for n, (asin, title) in TITLES.items():
        w.writerow([day.isoformat(), f"X00{n:07d}", asin, f"SKU-{n}", title, "Receipts", f"FBA{n:09d}", 5, "PHX7",
                    "SELLABLE", "", "US"])
    for n, (asin, title) in BY_SKU.items():
        w.writerow([day.isoformat(), "XOTHER0002", asin, f"SKU-{n}", title, "Receipts", "FBA000000099", 5, "PHX7",
                    "SELLABLE", "", "US"])
    ReportStore.for_seller(settings, seller_id).import_bytes(out.getvalue().encode(), "ledger.csv", source="file")
