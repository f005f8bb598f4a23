"""The claims spreadsheet sellers open in Excel: one set of columns, as CSV (UTF-8 with a BOM) or XLSX.

The claims export (``GET /api/sellers/{id}/claims/export``) and the packet export's claims list
(``claims.csv`` and ``claims.xlsx`` beside the packet folders) both write it: a claim's own fields, where
to file it, and its packet (number, compliance check, folder) once it is in one. Every cell goes through
``cells.safe_cell``: a title or SKU that looks like a formula is written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from claimpilot.tools.cases import policy
from claimpilot.tools.cells import safe_row

COLUMNS = ["id", "type", "status", "reference_id", "fnsku", "sku", "asin", "title", "quantity", "unit_value", "amount",
           "currency", "unit_value_estimated", "event_date", "window_opens", "window_closes", "amazon_case_id",
           "file_at", "packet", "compliance_ok", "compliance_issues", "folder"]
NUMERIC = {"unit_value", "amount"}


def line(claim: dict[str, Any], packet: dict[str, Any] | None = None) -> dict[str, Any]:
    """One spreadsheet line: a claim as ``views.claim_row`` gives it, with where to file it, and ``packet``
    (``packet``, ``compliance_ok``, ``compliance_issues``, ``folder``) when the claim is in one."""
    out = {**claim, "file_at": policy.filing(claim["type"], claim["marketplace"])["page"],
           "packet": claim.get("packet_id")}
    return {**out, **(packet or {})}


def _cell(row: dict[str, Any], column: str) -> Any:
    value = row.get(column)
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return value


def csv_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(safe_row("" if _cell(row, c) is None else _cell(row, c) for c in COLUMNS))
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Iterable[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook  # loaded here: every claims question imports this module, few export
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "claims"
    ws.append(COLUMNS)
    for row in rows:
        ws.append(safe_row(float(row[c]) if c in NUMERIC and row.get(c) is not None else _cell(row, c)
                           for c in COLUMNS))
    for i, name in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 2)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
