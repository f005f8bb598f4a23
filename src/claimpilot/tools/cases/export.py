"""Export of case packets: a folder (or zip) with one folder a packet plus a
claims list as XLSX and CSV that sellers open in Excel."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from claimpilot.tools.cases import policy
from claimpilot.tools.cases.evidence import evidence_csv
from claimpilot.tools.cases.models import Case
from claimpilot.tools.cells import safe_row

LIST_COLUMNS = ["packet", "claim_id", "type", "status", "reference_id", "fnsku", "sku", "quantity", "unit_value",
                "amount", "currency", "unit_value_estimated", "event_date", "window_closes", "file_at",
                "compliance_ok", "compliance_issues", "folder"]


@dataclass
class ExportResult:
    path: Path
    packets: int
    claims: int


def packet_folder(case: Case) -> str:
    ref = case.group_key.rsplit("|", 1)[-1] or f"{case.claims[0].reference_id}"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in ref)[:40]
    return f"{case.id:05d}_{case.type}_{safe}"


def readme(case: Case) -> str:
    where = policy.filing(case.type, case.marketplace)
    deadline = min(c.window_closes for c in case.claims).isoformat()
    lines = [f"Packet {case.id}: {case.type}, {len(case.claims)} claim(s), marketplace {case.marketplace}",
             f"File at: {where['page']}", f"How: {where['how']}", f"提交位置：{where['zh']}",
             f"File before: {deadline}", f"Claims: {', '.join(str(c.id) for c in case.claims)}",
             f"Compliance check: {'passed' if case.compliance_ok else 'FAILED - ' + '; '.join(case.compliance_issues)}",
             "", "After filing: claimpilot cases mark-submitted <claim id> --case-id <Amazon case id>"]
    return "\n".join(lines) + "\n"


def list_rows(cases: list[Case]) -> list[list]:
    rows = []
    for case in cases:
        for c in case.claims:
            rows.append([case.id, c.id, c.type, c.status, c.reference_id, c.fnsku or "", c.sku or "", c.quantity,
                         float(c.unit_value), float(c.amount), c.currency, c.unit_value_estimated,
                         c.event_date.isoformat(), c.window_closes.isoformat(), policy.filing(c.type, c.marketplace)["page"],
                         case.compliance_ok, "; ".join(case.compliance_issues), packet_folder(case)])
    return rows


def xlsx_bytes(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "claims"
    ws.append(LIST_COLUMNS)
    for r in rows:
        ws.append(safe_row(r))
    for i, name in enumerate(LIST_COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, len(name) + 2)
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(LIST_COLUMNS)
    w.writerows(safe_row(r) for r in rows)
    return buf.getvalue()


def packet_files(cases: list[Case], store_conn=None) -> dict[str, bytes]:
    """Relative path -> content of every exported file."""
    files: dict[str, bytes] = {}
    for case in cases:
        folder = packet_folder(case)
        files[f"{folder}/case.txt"] = case.text.encode("utf-8")
        files[f"{folder}/explanation_zh.txt"] = case.explanation_zh.encode("utf-8")
        files[f"{folder}/evidence.csv"] = evidence_csv(list(case.claims), store_conn).encode("utf-8-sig")
        files[f"{folder}/README.txt"] = readme(case).encode("utf-8")
    rows = list_rows(cases)
    files["claims.xlsx"] = xlsx_bytes(rows)
    files["claims.csv"] = csv_text(rows).encode("utf-8-sig")
    return files


def write_export(cases: list[Case], target: Path, store_conn=None) -> ExportResult:
    """Write the packets to folder ``target``, or to a zip if it ends with ``.zip``."""
    files = packet_files(cases, store_conn)
    target = Path(target)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".zip.part")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in files.items():
                zf.writestr(name, data)
        tmp.replace(target)
    else:
        for name, data in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    return ExportResult(target, len(cases), sum(len(c.claims) for c in cases))
