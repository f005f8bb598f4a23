"""The claims table as a file sellers open in Excel: CSV (UTF-8 with BOM) or XLSX, no cell a formula."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from claimpilot.tools.cells import safe_row

COLUMNS = ["id", "type", "status", "reference_id", "fnsku", "sku", "quantity", "unit_value", "amount", "currency",
           "unit_value_estimated", "event_date", "window_opens", "window_closes", "amazon_case_id"]
NUMERIC = {"unit_value", "amount"}


def csv_bytes(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(safe_row("" if row.get(c) is None else row.get(c) for c in COLUMNS))
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[dict]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "claims"
    ws.append(COLUMNS)
    for row in rows:
        ws.append(safe_row(float(row[c]) if c in NUMERIC and row.get(c) is not None else row.get(c) for c in COLUMNS))
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
