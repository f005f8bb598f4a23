"""Closing the loop: reimbursement rows matched to filed claims, and denials.

A row is matched by its case-id to the claims of that Amazon case (by FNSKU
when the case holds several), else by FNSKU + quantity to a filed claim
submitted on or before the approval date (the earliest submitted first). A row
whose original-reimbursement-id points at a matched payment, or whose type or
reason names a reversal, or whose amount is negative, is a clawback: the claim
moves to ``reversed``. Each row is matched once (unique per reimbursement-id,
FNSKU and kind), so re-running is harmless.

The rows are the Reimbursements report's and Finances' adjustment events', each
reimbursement once (reports/reimbursement_sources.py). An event row matched
before the report listed its reimbursement is that reimbursement: when the
report's row arrives, the match takes the report's reimbursement-id, file and
row, and is not counted again.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.denials import CODES, classify_denial
from claimpilot.tools.cases.models import Case, Claim, Denial, ReimbursementMatch
from claimpilot.tools.cases.sync import money, move
from claimpilot.tools.reports.reimbursement_sources import reimbursements_once

if TYPE_CHECKING:
    from claimpilot.tools.reports.warehouse import WarehouseConnection

REVERSAL = re.compile(r"revers|clawback|claw back|recover", re.I)
PAID_IN_FULL_TOLERANCE = Decimal("0.99")
# The reasons an appeal answers (``other`` aside), classified by ``denials.classify_denial``.
DENIAL_REASONS = CODES - {"other"}


def _rows(store_conn: WarehouseConnection) -> list[dict[str, Any]]:
    tables = {r[0] for r in store_conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "reimbursements" not in tables:
        return []
    cur = store_conn.execute(f"SELECT * FROM ({reimbursements_once()}) AS once "
                             "ORDER BY approval_date, reimbursement_id, _row")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _is_reversal(row: dict[str, Any]) -> bool:
    amount = Decimal(str(row.get("amount_total") or 0))
    named = any(REVERSAL.search(str(row.get(k) or "")) for k in ("original_reimbursement_type", "reason"))
    return named or amount < 0


def _settle(session: Session, claim: Claim, as_of: date | None) -> None:
    """Set the claim's status from what its matches add up to."""
    net = sum((m.amount for m in claim.reimbursements), Decimal(0))
    reversed_any = any(m.kind == "reversal" for m in claim.reimbursements)
    if reversed_any and net <= 0:
        target = S.REVERSED
    elif net >= money(claim.amount) * PAID_IN_FULL_TOLERANCE:
        target = S.REIMBURSED
    elif net > 0 or any(m.quantity > 0 for m in claim.reimbursements):
        target = S.PARTLY_REIMBURSED
    else:
        return
    if target != claim.status:
        move(session, claim, target, as_of, note=f"reimbursements net {net} {claim.currency}")


def _candidates(session: Session, seller_id: str, marketplace: str, row: dict[str, Any]) -> tuple[list[Claim], str]:
    fnsku = row.get("fnsku") or ""
    case_id = str(row.get("case_id") or "").strip()
    if case_id:
        claims = list(session.scalars(select(Claim).join(Case, Claim.case_id == Case.id).where(
            Claim.seller_id == seller_id, Claim.marketplace == marketplace, Case.amazon_case_id == case_id)))
        same = [c for c in claims if c.fnsku == fnsku] or (claims if len(claims) == 1 else [])
        if same:
            return same, "case_id"
    approved = row["approval_date"]
    qty = int(row.get("quantity_reimbursed_total") or 0)
    found = session.scalars(select(Claim).join(Case, Claim.case_id == Case.id).where(
        Claim.seller_id == seller_id, Claim.marketplace == marketplace, Claim.fnsku == fnsku,
        Claim.quantity == qty, Claim.status.in_(S.AWAITING | {S.DENIED}), Case.submitted_on <= approved,
    ).order_by(Case.submitted_on, Claim.id))
    return list(found)[:1], "fnsku"


def _adopt(session: Session, seller_id: str, marketplace: str, event: tuple[str, str, str],
           row: dict[str, Any]) -> None:
    """The match of an adjustment event now names the report's row of the same reimbursement."""
    rid, fnsku, kind = event
    m = session.scalars(select(ReimbursementMatch).where(
        ReimbursementMatch.seller_id == seller_id, ReimbursementMatch.marketplace == marketplace,
        ReimbursementMatch.reimbursement_id == rid, ReimbursementMatch.fnsku == fnsku,
        ReimbursementMatch.kind == kind)).one()
    m.reimbursement_id, m.source_file, m.source_row = str(row["reimbursement_id"]), row.get("_file"), row.get("_row")
    session.flush()


def match_reimbursements(session: Session, seller_id: str, marketplace: str, store_conn: WarehouseConnection,
                         as_of: date | None = None) -> list[ReimbursementMatch]:
    """Match the store's reimbursement rows not matched yet; the new matches."""
    done = {(m.reimbursement_id, m.fnsku, m.kind) for m in session.scalars(select(ReimbursementMatch).where(
        ReimbursementMatch.seller_id == seller_id, ReimbursementMatch.marketplace == marketplace))}
    filed = session.execute(select(Claim.fnsku, Case.amazon_case_id).join(Case, Claim.case_id == Case.id).where(
        Claim.seller_id == seller_id, Claim.marketplace == marketplace, Case.amazon_case_id.is_not(None))).all()
    fnskus, case_ids = {f for f, _ in filed}, {c for _, c in filed}
    paid_ids = {rid for rid, _, kind in done if kind == "payment"}
    new: list[ReimbursementMatch] = []
    for row in _rows(store_conn):
        rid, fnsku = str(row["reimbursement_id"]), row.get("fnsku") or ""
        kind = "reversal" if _is_reversal(row) else "payment"
        if (rid, fnsku, kind) in done:
            continue
        twin = row.get("_twin")
        if twin and (twin, fnsku, kind) in done:
            _adopt(session, seller_id, marketplace, (twin, fnsku, kind), row)
            done.add((rid, fnsku, kind))
            if kind == "payment":
                paid_ids.add(rid)
            continue
        if kind == "payment" and fnsku not in fnskus and str(row.get("case_id") or "").strip() not in case_ids:
            continue  # nothing filed that this row could pay
        if kind == "reversal" and str(row.get("original_reimbursement_id") or "") not in paid_ids:
            continue
        if kind == "reversal":
            original = str(row.get("original_reimbursement_id") or "")
            paid = session.scalars(select(ReimbursementMatch).where(
                ReimbursementMatch.seller_id == seller_id, ReimbursementMatch.marketplace == marketplace,
                ReimbursementMatch.reimbursement_id == original, ReimbursementMatch.kind == "payment")).first()
            targets, how = ([paid.claim], "original_id") if paid else ([], "")
        else:
            targets, how = _candidates(session, seller_id, marketplace, row)
        if not targets:
            continue
        claim = targets[0]
        amount = money(row.get("amount_total") or 0)
        if kind == "reversal":
            amount = -abs(amount)
        m = ReimbursementMatch(
            seller_id=seller_id, marketplace=marketplace, claim_id=claim.id, reimbursement_id=rid, fnsku=fnsku,
            kind=kind, matched_by=how, approval_date=row["approval_date"],
            quantity=int(row.get("quantity_reimbursed_total") or 0), amount=amount,
            currency=row.get("currency_unit") or claim.currency, source_file=row.get("_file"),
            source_row=row.get("_row"))
        session.add(m)
        session.flush()
        session.refresh(claim)
        done.add((rid, fnsku, kind))
        if kind == "payment":
            paid_ids.add(rid)
        new.append(m)
        _settle(session, claim, as_of or row["approval_date"])
    return new


def record_denial(session: Session, claim: Claim, reason: str, as_of: date | None = None,
                  reason_code: str | None = None) -> Denial:
    """Record Amazon's denial of ``claim`` with its reason; the claim moves to ``denied``."""
    code = reason_code if reason_code in DENIAL_REASONS or reason_code == "other" else classify_denial(reason)
    denial = Denial(claim_id=claim.id, reason_code=code, reason_text=reason)
    session.add(denial)
    move(session, claim, S.DENIED, as_of, note=f"denied: {reason}")
    session.flush()
    return denial
