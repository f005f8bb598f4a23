"""Raising alerts once (by key) and delivering each to the seller's channels until every channel took it."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot.notify import Notice, alert_email_fallback, configured_channels, deliver
from claimpilot.tools.logistics.alerts import AlertIn, alert_text, shipment_alerts
from claimpilot.tools.logistics.models import Shipment, ShipmentAlert

if TYPE_CHECKING:
    from claimpilot.tools.logistics.service import LogisticsService

TITLES = {"en": "claimpilot shipment alert", "zh": "claimpilot 物流提醒"}


def _shortage_claim(s: Session, seller_id: str, marketplace: str, shipment_id: str, fnsku: str | None) -> int | None:
    """The inbound_shortage claim of this shipment and FNSKU, when the audit has made one."""
    from claimpilot.tools.cases.models import Claim

    return s.scalars(select(Claim.id).where(
        Claim.seller_id == seller_id, Claim.marketplace == marketplace, Claim.type == "inbound_shortage",
        Claim.reference_id == shipment_id, Claim.fnsku == fnsku).order_by(Claim.id)).first()


def raise_alerts(svc: LogisticsService, today: date) -> list[int]:
    """Evaluate every open shipment of the seller; store the alerts not raised before. Returns their ids."""
    cfg, lang = svc.settings.logistics, svc.settings.language
    marketplace = svc.settings.marketplace.upper()
    new_ids: list[int] = []
    with svc.sessions.begin() as s:
        shipments = s.scalars(select(Shipment).where(Shipment.seller_id == svc.seller_id)).all()
        fba = {sh.ref: sh for sh in shipments if sh.kind == "fba"}
        known = {a.key: a for a in s.scalars(select(ShipmentAlert).where(ShipmentAlert.seller_id == svc.seller_id))}
        for sh in shipments:
            link = fba.get((sh.fba_shipment_id or "").upper()) if sh.kind != "fba" else sh
            for found in shipment_alerts(sh, today, cfg, link):
                existing = known.get(found.key)
                if existing is not None and (existing.claim_id or found.kind != "received_short"):
                    continue
                claim_id = (_shortage_claim(s, svc.seller_id, marketplace, sh.ref, found.fnsku)
                            if found.kind == "received_short" else None)
                if existing is not None:
                    if claim_id and existing.claim_id is None:  # the audit found the claim after the alert
                        existing.claim_id = claim_id
                        existing.data = {**existing.data, "claim_id": claim_id}
                    continue
                alert = _new(svc.seller_id, sh, found, claim_id, today, lang)
                s.add(alert)
                s.flush()
                known[found.key] = alert
                new_ids.append(alert.id)
    return new_ids


def _new(seller_id: str, sh: Shipment, found: AlertIn, claim_id: int | None, today: date, lang: str) -> ShipmentAlert:
    data = {**found.data, "claim_id": claim_id}
    return ShipmentAlert(seller_id=seller_id, key=found.key[:160], kind=found.kind, shipment_id=sh.id, ref=found.ref,
                         message=alert_text(found.kind, data, lang), data=data, claim_id=claim_id, raised_on=today,
                         deliveries={})


def deliver_pending(svc: LogisticsService) -> dict[int, dict[str, str]]:
    """Send every alert to each configured channel that has not taken it yet; returns the outcomes."""
    cfg = svc.settings.logistics.alerts
    channels = set(configured_channels(cfg))
    if not channels:
        return {}
    lang = "zh" if svc.settings.language.startswith("zh") else "en"
    fallback_smtp = alert_email_fallback(svc.settings)
    with svc.reads() as s:
        pending = [(a.id, a.key, a.kind, a.message, dict(a.data or {}), dict(a.deliveries or {}))
                   for a in s.scalars(select(ShipmentAlert).where(ShipmentAlert.seller_id == svc.seller_id))
                   if channels - {c for c, v in (a.deliveries or {}).items() if v == "sent"}]
    results: dict[int, dict[str, str]] = {}
    for alert_id, key, kind, message, data, done in pending:
        event_id = hashlib.sha256(f"{svc.seller_id}|{key}".encode()).hexdigest()[:32]
        notice = Notice(event_id, kind, TITLES[lang], message, {**data, "seller_id": svc.seller_id})
        sent = {c for c, v in done.items() if v == "sent"}
        outcome = deliver(cfg, notice, skip=sent, fallback_smtp=fallback_smtp)
        results[alert_id] = outcome
        with svc.sessions.begin() as s:
            alert = s.get(ShipmentAlert, alert_id)
            assert alert is not None  # listed above
            alert.deliveries = {**(alert.deliveries or {}), **outcome}
    return results
