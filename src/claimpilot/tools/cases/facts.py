"""What the reports show for one claim, read from its evidence rows, as a short
phrase in the case's language (fee tier charged and the seller's own measurements,
units shipped, received and already reimbursed, fulfillment center and reason code)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.templates import render

Rows = dict[tuple[str, str, int], dict[str, Any]]


def _rows(claim: Claim, rows: Rows, report: str) -> list[dict[str, Any]]:
    return [rows[k] for e in (claim.evidence or [])
            if e["report"] == report and (k := (e["report"], e["file"], int(e["row"]))) in rows]


def _joined(values: Iterable[Any]) -> str:
    return "/".join(dict.fromkeys(str(v) for v in values if v not in (None, "")))


def _num(value: Any) -> str:
    """A measurement as a person writes it: 36.3000 -> 36.3, 30.0000 -> 30."""
    return f"{Decimal(str(value)).normalize():f}"


def _measured(name: str, section: str, row: dict[str, Any], sides: tuple[str, ...], side_unit: str, weight: str,
              weight_unit: str) -> str:
    """A row's measurements, longest side first (empty when the row lacks one)."""
    if any(row.get(k) is None for k in (*sides, weight)):
        return ""
    values = sorted((Decimal(str(row[k])) for k in sides), reverse=True)
    return render(name, section, sides=" x ".join(_num(v) for v in values), dimension_unit=row.get(side_unit) or "",
                  weight=_num(row[weight]), weight_unit=row.get(weight_unit) or "")


def item_facts(claim: Claim, rows: Rows | None, language: str) -> str:
    """The facts phrase for ``claim`` (empty when its evidence rows are not at hand)."""
    if not rows:
        return ""
    name = f"common.{language}"
    if claim.type == "fee_overcharge":
        fee = _rows(claim, rows, "fee_estimates")
        out = ""
        if fee and fee[0].get("product_size_tier") and fee[0].get("expected_fulfillment_fee_per_unit") is not None:
            out = render(name, "facts_fee", tier=fee[0]["product_size_tier"],
                         fee=f'{Decimal(str(fee[0]["expected_fulfillment_fee_per_unit"])):.2f}',
                         currency=fee[0].get("currency") or claim.currency)
            out += _measured(name, "facts_fee_measured", fee[0], ("longest_side", "median_side", "shortest_side"),
                             "unit_of_dimension", "item_package_weight", "unit_of_weight")
        own = _rows(claim, rows, "products")
        if own:
            out += _measured(name, "facts_measured", own[0], ("length", "width", "height"), "dimension_unit", "weight",
                             "weight_unit")
        return out
    elif claim.type == "inbound_shortage":
        items = [r for r in _rows(claim, rows, "inbound_items") if r.get("fnsku") in (None, claim.fnsku)]
        if items and items[0].get("quantity_shipped") is not None:
            shipped, received = items[0]["quantity_shipped"], items[0]["quantity_received"]
            netted = int(shipped or 0) - int(received or 0) - claim.quantity
            if netted > 0:  # units of the shortfall Amazon reimbursed already: the claim is the rest
                return render(name, "facts_inbound_netted", shipped=shipped, received=received, reimbursed=netted)
            return render(name, "facts_inbound", shipped=shipped, received=received)
    elif claim.type in ("warehouse_lost", "warehouse_damaged"):
        ledger = [r for r in _rows(claim, rows, "ledger") if r.get("reference_id") == claim.reference_id]
        fc, reason = _joined(r.get("fulfillment_center") for r in ledger), _joined(r.get("reason") for r in ledger)
        if fc and reason:
            return render(name, "facts_ledger", fc=fc, reason=reason)
    return ""
