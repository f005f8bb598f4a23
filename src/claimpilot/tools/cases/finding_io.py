"""Findings read back from the audit's JSON (``claimpilot audit --json``)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from claimpilot.tools.audit.finding import Evidence, Finding


def _evidence(e: Any) -> Evidence:
    if isinstance(e, dict):
        return Evidence(str(e["report"]), str(e["file"]), int(e["row"]))
    report, file, row = e
    return Evidence(str(report), str(file), int(row))


def finding_from_json(d: dict[str, Any], marketplace: str = "US") -> Finding:
    return Finding(
        type=d["type"], status=d["status"], reference_id=str(d["reference_id"]), fnsku=d.get("fnsku"),
        sku=d.get("sku"), quantity=int(d["quantity"]), unit_value=Decimal(str(d["unit_value"])),
        amount=Decimal(str(d["amount"])), currency=d["currency"], event_date=date.fromisoformat(d["event_date"]),
        window_opens=date.fromisoformat(d["window_opens"]), window_closes=date.fromisoformat(d["window_closes"]),
        evidence=[_evidence(e) for e in d.get("evidence", [])], marketplace=d.get("marketplace", marketplace),
        unit_value_estimated=bool(d.get("unit_value_estimated", False)), detail=d.get("detail") or {},
    )


def read_findings(path: Path, marketplace: str = "US") -> tuple[date | None, list[Finding]]:
    """(as_of, findings) of an audit JSON file; a plain list of findings is accepted too."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if isinstance(data, list):
        return None, [finding_from_json(d, marketplace) for d in data]
    as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
    return as_of, [finding_from_json(d, marketplace) for d in data.get("findings", [])]
