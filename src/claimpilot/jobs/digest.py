"""The daily digest of one seller: claims found, deadlines in the next 7 days, reimbursements,
reversals, delayed shipments; rendered from a template file and sent through ``claimpilot.notify``.

Deliveries are remembered per cycle in ``<seller_dir>/digests/<cycle>.json``, so a
retried digest goes only to the channels that did not get it; receivers can
also drop repeats by the notice's ``event_id``.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import jinja2
from sqlalchemy import select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.notify import Notice, alert_email_fallback, configured_channels, deliver
from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.models import Claim, ReimbursementMatch
from claimpilot.tools.logistics.models import ShipmentAlert

TEMPLATES = Path(__file__).with_name("templates")
DEADLINE_DAYS = 7
OPEN_FOR_FILING = (S.PENDING, S.CLAIMABLE, S.DRAFTED)
SHIPMENT_ALERT_KINDS = ("stalled", "eta_slip", "customs_hold", "exception", "not_checked_in", "received_short")


class DigestNotDelivered(RuntimeError):
    """At least one configured channel did not take the digest (the run is retried for those)."""


def _claim(c: Claim) -> dict:
    return {"id": c.id, "type": c.type, "reference_id": c.reference_id, "amount": str(c.amount),
            "currency": c.currency, "status": c.status, "window_closes": c.window_closes.isoformat()}


def _money(r: ReimbursementMatch) -> dict:
    return {"claim_id": r.claim_id, "reimbursement_id": r.reimbursement_id, "amount": str(r.amount),
            "currency": r.currency, "approval_date": r.approval_date.isoformat()}


def _total(rows: list[dict]) -> str:
    by_currency: dict[str, Decimal] = {}
    for row in rows:
        by_currency[row["currency"]] = by_currency.get(row["currency"], Decimal(0)) + Decimal(row["amount"])
    return ", ".join(f"{v} {k}" for k, v in sorted(by_currency.items()))


def gather_digest(settings: Settings, as_of: date, window_days: int = 1) -> dict:
    """What happened to the seller in the ``window_days`` up to ``as_of``, and what is due within a week."""
    seller, since = settings.seller_id, as_of - timedelta(days=window_days)
    with session_factory(settings, read_only=True)() as s:
        claims = select(Claim).where(Claim.seller_id == seller, Claim.marketplace == settings.marketplace.upper())
        new = [_claim(c) for c in s.scalars(claims.where(Claim.first_seen > since, Claim.first_seen <= as_of,
                                                          Claim.status != S.WITHDRAWN).order_by(Claim.id))]
        due = [_claim(c) for c in s.scalars(claims.where(
            Claim.status.in_(OPEN_FOR_FILING), Claim.window_closes >= as_of,
            Claim.window_closes <= as_of + timedelta(days=DEADLINE_DAYS)).order_by(Claim.window_closes, Claim.id))]
        money = select(ReimbursementMatch).where(ReimbursementMatch.seller_id == seller,
                                                 ReimbursementMatch.approval_date > since,
                                                 ReimbursementMatch.approval_date <= as_of)
        paid = [_money(r) for r in s.scalars(money.where(ReimbursementMatch.kind == "payment")
                                             .order_by(ReimbursementMatch.id))]
        reversed_ = [_money(r) for r in s.scalars(money.where(ReimbursementMatch.kind == "reversal")
                                                  .order_by(ReimbursementMatch.id))]
        alerts = [{"kind": a.kind, "ref": a.ref, "message": a.message} for a in s.scalars(
            select(ShipmentAlert).where(ShipmentAlert.seller_id == seller, ShipmentAlert.raised_on > since,
                                        ShipmentAlert.raised_on <= as_of,
                                        ShipmentAlert.kind.in_(SHIPMENT_ALERT_KINDS)).order_by(ShipmentAlert.id))]
    return {"seller_id": seller, "as_of": as_of.isoformat(), "new_claims": new, "new_total": _total(new),
            "deadlines": due, "reimbursements": paid, "reimbursed_total": _total(paid), "reversals": reversed_,
            "shipments": alerts}


def render_digest(digest: dict, language: str) -> str:
    name = f"digest.{language}.txt" if (TEMPLATES / f"digest.{language}.txt").exists() else "digest.en.txt"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                             autoescape=False)
    return env.get_template(name).render(**digest)


def has_news(digest: dict) -> bool:
    return any(digest[k] for k in ("new_claims", "deadlines", "reimbursements", "reversals", "shipments"))


def send_digest(settings: Settings, as_of: date, cycle: str | None = None, window_days: int = 1) -> dict:
    """Gather, render and deliver the digest; returns counts and each channel's outcome."""
    cycle = cycle or as_of.isoformat()
    digest = gather_digest(settings, as_of, window_days)
    counts = {k: len(digest[k]) for k in ("new_claims", "deadlines", "reimbursements", "reversals", "shipments")}
    if not has_news(digest):
        return {"counts": counts, "deliveries": {}, "sent": False}
    text = render_digest(digest, settings.language)
    folder = settings.seller_dir() / "digests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{cycle.replace(':', '')}.txt").write_text(text, encoding="utf-8")
    record = folder / f"{cycle.replace(':', '')}.json"
    before = json.loads(record.read_text()) if record.exists() else {}
    sent = {name for name, outcome in before.items() if outcome == "sent"}
    cfg = settings.logistics.alerts
    notice = Notice(event_id=f"digest:{settings.seller_id}:{cycle}", kind="digest",
                    title=text.splitlines()[0], text=text, data=digest)
    outcome = {**before, **deliver(cfg, notice, skip=sent, fallback_smtp=alert_email_fallback(settings))}
    record.write_text(json.dumps(outcome, ensure_ascii=False, indent=1))
    failed = {k: v for k, v in outcome.items() if v != "sent"}
    if failed:
        raise DigestNotDelivered("; ".join(f"{k}: {v}" for k, v in failed.items()))
    return {"counts": counts, "deliveries": outcome, "sent": bool(configured_channels(cfg))}
