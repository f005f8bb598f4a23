"""Claims, packets and their history as plain JSON-ready dicts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from claimpilot.tools.cases import policy
from claimpilot.tools.cases.models import Appeal, Case, Claim, ClaimEvent, ReimbursementMatch


def _d(v: date | datetime | None) -> str | None:
    return v.isoformat() if v is not None else None


def _row(r: Any, amazon_case_id: str | None) -> dict[str, Any]:
    return {"id": r.id, "key": r.key, "type": r.type, "status": r.status, "marketplace": r.marketplace,
            "reference_id": r.reference_id, "fnsku": r.fnsku, "sku": r.sku, "quantity": r.quantity,
            "unit_value": f"{r.unit_value:.2f}", "amount": f"{r.amount:.2f}", "currency": r.currency,
            "unit_value_estimated": r.unit_value_estimated, "event_date": _d(r.event_date),
            "window_opens": _d(r.window_opens), "window_closes": _d(r.window_closes),
            "first_seen": _d(r.first_seen), "last_seen": _d(r.last_seen), "packet_id": r.case_id,
            "amazon_case_id": amazon_case_id}


def claim_row(c: Claim) -> dict[str, Any]:
    return _row(c, c.case.amazon_case_id if c.case else None)


def listed_claim(r: Any) -> dict[str, Any]:
    """``claim_row`` of a row of ``claims_query.LISTED`` (the claim's columns and its case's Amazon case id)."""
    return _row(r, r.amazon_case_id)


def event_row(e: ClaimEvent) -> dict[str, Any]:
    return {"kind": e.kind, "as_of": _d(e.as_of), "from_status": e.from_status, "to_status": e.to_status,
            "old_quantity": e.old_quantity, "new_quantity": e.new_quantity,
            "old_amount": None if e.old_amount is None else f"{e.old_amount:.2f}",
            "new_amount": None if e.new_amount is None else f"{e.new_amount:.2f}", "note": e.note,
            "at": _d(e.at)}


def match_row(m: ReimbursementMatch) -> dict[str, Any]:
    return {"reimbursement_id": m.reimbursement_id, "kind": m.kind, "matched_by": m.matched_by,
            "approval_date": _d(m.approval_date), "quantity": m.quantity, "amount": f"{m.amount:.2f}",
            "currency": m.currency}


def appeal_row(a: Appeal) -> dict[str, Any]:
    return {"id": a.id, "language": a.language, "text": a.text, "polished": a.polished,
            "compliance_ok": a.compliance_ok, "compliance_issues": list(a.compliance_issues),
            "created_at": _d(a.created_at)}


def packet_row(case: Case) -> dict[str, Any]:
    where = policy.filing(case.type, case.marketplace)
    return {"packet_id": case.id, "type": case.type, "marketplace": case.marketplace, "language": case.language,
            "amazon_case_id": case.amazon_case_id, "submitted_on": _d(case.submitted_on),
            "claim_ids": [c.id for c in case.claims], "text": case.text, "explanation_zh": case.explanation_zh,
            "file_at": where["page"], "how_to_file": where["how"], "compliance_ok": case.compliance_ok,
            "compliance_issues": list(case.compliance_issues)}


def claim_detail(c: Claim) -> dict[str, Any]:
    return {**claim_row(c), "evidence": list(c.evidence or []), "detail": dict(c.detail or {}),
            "events": [event_row(e) for e in c.events],
            "reimbursements": [match_row(m) for m in c.reimbursements],
            "denials": [{"reason_code": d.reason_code, "reason": d.reason_text, "at": _d(d.at)} for d in c.denials],
            "appeals": [appeal_row(a) for a in c.appeals],
            "packet": packet_row(c.case) if c.case else None}
