"""What the reports show for one claim, read from its evidence rows, as a short
phrase in the case's language (fee tier charged, units shipped and received,
fulfillment center and reason code)."""

from __future__ import annotations

from decimal import Decimal

from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.templates import render

Rows = dict[tuple[str, str, int], dict]


def _rows(claim: Claim, rows: Rows, report: str) -> list[dict]:
    return [rows[k] for e in (claim.evidence or [])
            if e["report"] == report and (k := (e["report"], e["file"], int(e["row"]))) in rows]


def _joined(values) -> str:
    return "/".join(dict.fromkeys(str(v) for v in values if v not in (None, "")))


def item_facts(claim: Claim, rows: Rows | None, language: str) -> str:
    """The facts phrase for ``claim`` (empty when its evidence rows are not at hand)."""
    if not rows:
        return ""
    name = f"common.{language}"
    if claim.type == "fee_overcharge":
        fee = _rows(claim, rows, "fee_estimates")
        if fee and fee[0].get("product_size_tier") and fee[0].get("expected_fulfillment_fee_per_unit") is not None:
            return render(name, "facts_fee", tier=fee[0]["product_size_tier"],
                          fee=f'{Decimal(str(fee[0]["expected_fulfillment_fee_per_unit"])):.2f}',
                          currency=fee[0].get("currency") or claim.currency)
    elif claim.type == "inbound_shortage":
        items = [r for r in _rows(claim, rows, "inbound_items") if r.get("fnsku") in (None, claim.fnsku)]
        if items and items[0].get("quantity_shipped") is not None:
            return render(name, "facts_inbound", shipped=items[0]["quantity_shipped"],
                          received=items[0]["quantity_received"])
    elif claim.type in ("warehouse_lost", "warehouse_damaged"):
        ledger = [r for r in _rows(claim, rows, "ledger") if r.get("reference_id") == claim.reference_id]
        fc, reason = _joined(r.get("fulfillment_center") for r in ledger), _joined(r.get("reason") for r in ledger)
        if fc and reason:
            return render(name, "facts_ledger", fc=fc, reason=reason)
    return ""
