"""Export of case packets: a folder (or zip) with one folder a packet plus the claims spreadsheet
(``spreadsheet.py``) as XLSX and CSV that sellers open in Excel."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimpilot.tools.cases import policy, spreadsheet, views
from claimpilot.tools.cases.evidence import evidence_csv
from claimpilot.tools.cases.models import Case


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


def list_rows(cases: list[Case]) -> list[dict[str, Any]]:
    """The claims spreadsheet's lines: every claim of every packet, with its packet."""
    return [spreadsheet.line(views.claim_row(c), {"packet": case.id, "compliance_ok": case.compliance_ok,
                                                  "compliance_issues": list(case.compliance_issues),
                                                  "folder": packet_folder(case)})
            for case in cases for c in case.claims]


def packet_files(cases: list[Case], store_conn: Any = None) -> dict[str, bytes]:
    """Relative path -> content of every exported file."""
    files: dict[str, bytes] = {}
    for case in cases:
        folder = packet_folder(case)
        files[f"{folder}/case.txt"] = case.text.encode("utf-8")
        files[f"{folder}/explanation_zh.txt"] = case.explanation_zh.encode("utf-8")
        files[f"{folder}/evidence.csv"] = evidence_csv(list(case.claims), store_conn).encode("utf-8-sig")
        files[f"{folder}/README.txt"] = readme(case).encode("utf-8")
    rows = list_rows(cases)
    files["claims.xlsx"] = spreadsheet.xlsx_bytes(rows)
    files["claims.csv"] = spreadsheet.csv_bytes(rows)
    return files


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """``files`` (relative path -> content) as one zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def write_export(cases: list[Case], target: Path, store_conn: Any = None) -> ExportResult:
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
