"""Finances' adjustment events as reimbursement rows: the second source of reimbursements.

Amazon posts every cash reimbursement as an ``AdjustmentEvent`` of listFinancialEvents, often before the
Reimbursements report lists it. Each event item becomes one row in the Reimbursements report's own layout,
imported as such (``financial-events-….txt``), so the audit and the claim matching read it beside the
report's rows. Its reimbursement-id is ``FE-`` and a digest of the event item: the same event fetched twice
is the same row. ``tools/reports/sql/reimbursements_once.sql`` reads a row of the report and the event of
the same reimbursement as one.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from claimpilot.tools.reports.reimbursement_sources import EVENT_ID_PREFIX

HEADER = ("approval-date", "reimbursement-id", "case-id", "amazon-order-id", "reason", "sku", "fnsku", "asin",
          "product-name", "condition", "currency-unit", "amount-per-unit", "amount-total",
          "quantity-reimbursed-cash", "quantity-reimbursed-inventory", "quantity-reimbursed-total",
          "original-reimbursement-id", "original-reimbursement-type")

# AdjustmentType (as Amazon posts a reimbursement) -> the reason the Reimbursements report gives it.
REASONS = {
    "WAREHOUSE_LOST": "Lost_Warehouse",
    "WAREHOUSE_DAMAGE": "Damaged_Warehouse",
    "MISSING_FROM_INBOUND": "Lost_Inbound",
    "INBOUND_LOST": "Lost_Inbound",
    "INBOUND_CARRIER_DAMAGE": "Damaged_Inbound",
    "CUSTOMER_RETURN": "CustomerReturn",
    "REVERSAL_REIMBURSEMENT": "Reimbursement_Reversal",
    "FREE_REPLACEMENT_REFUND_ITEMS": "CustomerServiceIssue",
    "FBAInventoryReimbursement": "FBAInventoryReimbursement",
}
# Adjustments that are not reimbursements of units (reserves, postage, rewards) are left out.
NOT_REIMBURSEMENTS = frozenset({"ReserveEvent", "PostageBilling", "PostageRefund", "SellerRewards"})


def _money(value: Any) -> tuple[Decimal, str] | None:
    if not isinstance(value, dict):
        return None
    try:
        return Decimal(str(value.get("CurrencyAmount"))), str(value.get("CurrencyCode") or "")
    except InvalidOperation:
        return None


def _posted(text: str) -> str:
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(UTC).isoformat()


def reimbursement_rows(events: list[dict[str, Any]]) -> list[list[str]]:
    """One Reimbursements-report row per item of the reimbursement adjustment events."""
    rows: list[list[str]] = []
    for event in events:
        kind = str(event.get("AdjustmentType") or "")
        if kind in NOT_REIMBURSEMENTS or not event.get("PostedDate"):
            continue
        posted = _posted(str(event["PostedDate"]))
        for item in event.get("AdjustmentItemList") or []:
            total, per_unit = _money(item.get("TotalAmount")), _money(item.get("PerUnitAmount"))
            fnsku = str(item.get("FnSKU") or "")
            if total is None or not fnsku:
                continue
            try:
                qty = int(Decimal(str(item.get("Quantity") or 0)))
            except InvalidOperation:
                qty = 0
            unit = per_unit[0] if per_unit else (total[0] / qty if qty else total[0])
            digest = hashlib.sha256(json.dumps([kind, posted, item], sort_keys=True, default=str).encode()).hexdigest()
            rows.append([
                posted, EVENT_ID_PREFIX + digest[:16], "", "", REASONS.get(kind, kind),
                str(item.get("SellerSKU") or ""), fnsku, str(item.get("ASIN") or ""),
                str(item.get("ProductDescription") or ""), "",
                total[1], f"{unit:.2f}", f"{total[0]:.2f}", str(qty), "0", str(qty), "", "",
            ])
    return rows


def reimbursement_document(events: list[dict[str, Any]]) -> bytes | None:
    """The rows as a Reimbursements report (tab-separated, its header first); None without any."""
    rows = reimbursement_rows(events)
    if not rows:
        return None
    lines = ["\t".join(HEADER)] + ["\t".join(cell.replace("\t", " ") for cell in r) for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")
