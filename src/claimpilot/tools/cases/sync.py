"""Findings into claims: one claim a loss, kept current by every audit.

``sync_findings`` runs inside the caller's transaction. It creates a claim for
each finding key never seen, records quantity and amount changes (a unit found
since), follows the audit's status (pending, claimable, expired) for claims not
yet filed, withdraws unfiled claims whose loss the audit no longer finds, and
expires those whose window closed. Two syncs at once queue: PostgreSQL on an
advisory lock per seller, SQLite on its write lock; the unique key
(seller, marketplace, key) makes a second claim for one loss impossible.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from claimpilot.tools.audit.finding import Finding
from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.models import Claim, ClaimEvent

CENT = Decimal("0.01")
ALL_TYPES = ("warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage",
             "fee_overcharge", "reimbursement_underpaid", "return_damaged_unreimbursed",
             "refund_above_paid", "refund_commission_short", "reimbursement_reversed_unfound",
             "removal_shipment_short")


@dataclass
class SyncResult:
    """What one sync changed."""

    as_of: date
    created: int = 0
    changed: int = 0
    moves: Counter[str] = field(default_factory=Counter)  # "from->to": count
    skipped_stale: int = 0

    def to_json(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "created": self.created, "changed": self.changed,
                "moves": dict(self.moves), "skipped_stale": self.skipped_stale}


def money(value: object) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


def lock_seller(session: Session, seller_id: str) -> None:
    """Serialise syncs of one seller (PostgreSQL); SQLite serialises by its write lock."""
    if session.get_bind().dialect.name == "postgresql":
        k = int.from_bytes(hashlib.sha256(f"claims:{seller_id}".encode()).digest()[:8], "big", signed=True)
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": k})


def add_event(session: Session, claim: Claim, kind: str, as_of: date | None, **values: object) -> None:
    session.add(ClaimEvent(claim_id=claim.id, kind=kind, as_of=as_of, **values))


def move(session: Session, claim: Claim, new: str, as_of: date | None, note: str = "",
         result: SyncResult | None = None) -> None:
    """Move ``claim`` to status ``new`` (checked) and record the event."""
    S.check_move(claim.id, claim.status, new)
    add_event(session, claim, "status", as_of, from_status=claim.status, to_status=new, note=note)
    if result is not None:
        result.moves[f"{claim.status}->{new}"] += 1
    claim.status = new


INSERT_CHUNK = 400


def _claim_values(seller_id: str, f: Finding, as_of: date) -> dict[str, object]:
    return dict(
        seller_id=seller_id, marketplace=f.marketplace, key=f.key, type=f.type, status=f.status,
        reference_id=f.reference_id, fnsku=f.fnsku, sku=f.sku, quantity=int(f.quantity),
        unit_value=money(f.unit_value), amount=money(f.amount), currency=f.currency,
        unit_value_estimated=bool(f.unit_value_estimated), event_date=f.event_date,
        window_opens=f.window_opens, window_closes=f.window_closes,
        evidence=[{"report": e.report, "file": e.file, "row": int(e.row)} for e in f.evidence],
        detail=_plain(f.detail), first_seen=as_of, last_seen=as_of,
    )


def _insert_claims(session: Session, seller_id: str, findings: list[Finding], as_of: date) -> dict[str, int]:
    """Insert claims for findings whose key is not stored; ``{key: new id}`` of those inserted."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    created: dict[str, int] = {}
    for i in range(0, len(findings), INSERT_CHUNK):
        rows = [_claim_values(seller_id, f, as_of) for f in findings[i:i + INSERT_CHUNK]]
        stmt = insert(Claim).values(rows).on_conflict_do_nothing(
            index_elements=["seller_id", "marketplace", "key"]).returning(Claim.id, Claim.key)
        created.update({key: claim_id for claim_id, key in session.execute(stmt)})
    return created


def _plain(detail: dict[str, object]) -> dict[str, object]:
    """JSON-safe copy of a finding's detail."""
    out: dict[str, object] = {}
    for k, v in (detail or {}).items():
        out[str(k)] = v if isinstance(v, (str, int, float, bool, type(None), list, dict)) else str(v)
    return out


def _update_unfiled(session: Session, c: Claim, f: Finding, as_of: date, result: SyncResult) -> None:
    qty, amount = int(f.quantity), money(f.amount)
    figures_changed = qty != c.quantity or amount != c.amount
    if figures_changed:
        add_event(session, c, "quantity", as_of, old_quantity=c.quantity, new_quantity=qty,
                  old_amount=c.amount, new_amount=amount,
                  note=f"audit of {as_of.isoformat()}: {c.quantity} -> {qty} units")
        result.changed += 1
    c.quantity, c.amount, c.unit_value = qty, amount, money(f.unit_value)
    c.unit_value_estimated = bool(f.unit_value_estimated)
    c.event_date, c.window_opens, c.window_closes = f.event_date, f.window_opens, f.window_closes
    c.evidence = [{"report": e.report, "file": e.file, "row": int(e.row)} for e in f.evidence]
    c.detail = _plain(f.detail)
    target = f.status
    if c.status == S.DRAFTED and target == S.CLAIMABLE and not figures_changed:
        return
    if c.status == S.DRAFTED:
        _detach_from_packet(session, c)
    if target != c.status:
        move(session, c, target, as_of, note="audit status", result=result)


def _detach_from_packet(session: Session, c: Claim) -> None:
    """A drafted packet no longer matches the claim: drop the claim from it."""
    case = c.case
    c.case_id = None
    c.case = None
    session.flush()
    if case is not None and case.amazon_case_id is None and not case.claims:
        session.delete(case)


def expire_lapsed(session: Session, seller_id: str, marketplace: str, as_of: date) -> list[int]:
    """Claims not yet filed (pending, claimable, drafted) whose window closed before ``as_of``: expired, and out
    of their packets, so that no case asks Amazon for what it no longer takes. Returns their numbers."""
    lapsed = list(session.scalars(select(Claim).where(
        Claim.seller_id == seller_id, Claim.marketplace == marketplace,
        Claim.status.in_((S.PENDING, S.CLAIMABLE, S.DRAFTED)), Claim.window_closes < as_of)))
    for c in lapsed:
        if c.status == S.DRAFTED:
            _detach_from_packet(session, c)
        move(session, c, S.EXPIRED, as_of, note="window closed")
    session.flush()
    return [c.id for c in lapsed]


def _note_filed_change(session: Session, c: Claim, f: Finding, as_of: date, result: SyncResult) -> None:
    """A filed claim keeps what was claimed; a later audit's different figure is recorded once."""
    seen: dict[str, Any] = (c.detail or {}).get("audit_now") or {"quantity": c.quantity, "amount": str(c.amount)}
    now: dict[str, int | str] = {"quantity": int(f.quantity), "amount": str(money(f.amount))}
    if now != seen:
        add_event(session, c, "audit_changed", as_of, old_quantity=seen["quantity"],
                  new_quantity=now["quantity"], old_amount=Decimal(seen["amount"]),
                  new_amount=Decimal(now["amount"]), note="audit figure changed after filing")
        c.detail = {**(c.detail or {}), "audit_now": now}
        result.changed += 1


def sync_findings(session: Session, seller_id: str, marketplace: str, findings: Iterable[Finding],
                  as_of: date, types: Iterable[str] | None = None) -> SyncResult:
    """Bring the claims of ``seller_id`` in ``marketplace`` in line with an audit as of ``as_of``.

    ``types``: the claim types this audit covered (default: all); unfiled claims
    of those types that the audit no longer finds are withdrawn.
    """
    result = SyncResult(as_of=as_of)
    lock_seller(session, seller_id)
    by_key: dict[str, Finding] = {}
    for f in findings:
        if f.marketplace != marketplace:
            raise ValueError(f"finding {f.key} is for {f.marketplace}, this sync is for {marketplace}")
        by_key[f.key] = f
    covered = set(ALL_TYPES if types is None else types)
    claims = {c.key: c for c in session.scalars(
        select(Claim).where(Claim.seller_id == seller_id, Claim.marketplace == marketplace))}
    fresh = [f for key, f in by_key.items() if key not in claims]
    created = _insert_claims(session, seller_id, fresh, as_of)
    session.add_all(ClaimEvent(claim_id=created[f.key], kind="created", as_of=as_of, to_status=f.status,
                               new_quantity=int(f.quantity), new_amount=money(f.amount), note="found by the audit")
                    for f in fresh if f.key in created)
    result.created = len(created)
    raced = [f.key for f in fresh if f.key not in created]  # stored meanwhile by another sync
    if raced:
        claims.update({c.key: c for c in session.scalars(select(Claim).where(
            Claim.seller_id == seller_id, Claim.marketplace == marketplace, Claim.key.in_(raced)))})
    for key, f in by_key.items():
        if key in created:
            continue
        c = claims[key]
        if c.last_seen > as_of:
            result.skipped_stale += 1
            continue
        c.last_seen = as_of
        if c.status in S.UNFILED:
            _update_unfiled(session, c, f, as_of, result)
        else:
            _note_filed_change(session, c, f, as_of, result)
    for key, c in claims.items():
        if key in by_key or c.type not in covered or c.last_seen > as_of:
            continue
        if c.status in (S.PENDING, S.CLAIMABLE, S.DRAFTED):
            if c.status == S.DRAFTED:
                _detach_from_packet(session, c)
            if as_of > c.window_closes:
                move(session, c, S.EXPIRED, as_of, note="window closed", result=result)
            else:
                move(session, c, S.WITHDRAWN, as_of, note="the audit no longer finds this loss", result=result)
    session.flush()
    return result
