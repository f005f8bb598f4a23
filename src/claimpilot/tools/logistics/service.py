"""The logistics service: add, list and show shipments, import a forwarder's file, take 17TRACK pushes,
refresh from the providers, and raise and deliver alerts.

``LogisticsService(settings, seller_id=None)``; every method works on the
seller's shipments in the operational store.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.errors import Invalid, NotFound
from claimpilot.tools.logistics.alerts import planned_late
from claimpilot.tools.logistics.forwarder import read_forwarder_file
from claimpilot.tools.logistics.models import Shipment, ShipmentAlert, WebhookReceipt
from claimpilot.tools.logistics.status import Status
from claimpilot.tools.logistics.tracker import apply_update
from claimpilot.tools.logistics.update import TrackingUpdate
from claimpilot.tools.logistics.view import TrackingView, alert_row, shipment_detail, shipment_row, tracking_view

if TYPE_CHECKING:
    from claimpilot.tools.logistics.refresh import RefreshResult

FBA_ID = re.compile(r"^FBA[0-9A-Z]{6,12}$")
KINDS = ("parcel", "fba", "sea", "air")


class LogisticsError(Invalid):
    """A request the logistics service cannot do; the message says why."""


class ShipmentNotFound(NotFound, LogisticsError):
    """No such shipment is tracked for this seller."""

    public = "no such shipment in this seller account"



class LogisticsService:
    def __init__(self, settings: Settings, seller_id: str | None = None) -> None:
        self.settings = settings
        self.seller_id = seller_id or settings.seller_id
        ensure_schema(settings)
        self.sessions = session_factory(settings)
        self.reads = session_factory(settings, read_only=True)

    # --- helpers ---------------------------------------------------------
    def _find(self, s: Session, ref: str) -> Shipment | None:
        return s.scalars(select(Shipment).where(Shipment.seller_id == self.seller_id,
                                                Shipment.ref == ref.strip().upper())).first()

    def _get_or_new(self, s: Session, ref: str, kind: str, provider: str) -> Shipment:
        found = self._find(s, ref)
        if found is None:
            found = Shipment(seller_id=self.seller_id, ref=ref.strip().upper(), kind=kind, provider=provider,
                             status=Status.INFO_RECEIVED.value, provider_status="", detail={})
            s.add(found)
            s.flush()
        return found

    # --- adding and reading ------------------------------------------------
    def add(self, ref: str, kind: str | None = None, carrier_code: int | None = None, order_id: str | None = None,
            fba_shipment_id: str | None = None, planned_eta: date | None = None, label: str = "") -> dict[str, Any]:
        """Track a number: an FBA shipment id (SP-API) or a parcel (registered with 17TRACK)."""
        ref = (ref or "").strip().upper()
        if not ref or len(ref) > 64 or not re.fullmatch(r"[0-9A-Z\-]+", ref):
            raise LogisticsError(f"not a tracking number or shipment id: {ref!r}")
        kind = kind or ("fba" if FBA_ID.match(ref) else "parcel")
        if kind not in KINDS:
            raise LogisticsError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        provider = {"fba": "sp_api", "parcel": "track17"}.get(kind, "forwarder")
        with self.sessions.begin() as s:
            sh = self._get_or_new(s, ref, kind, provider)
            for name, value in (("carrier_code", carrier_code), ("order_id", order_id),
                                ("fba_shipment_id", fba_shipment_id or (ref if kind == "fba" else None)),
                                ("planned_eta", planned_eta), ("label", label)):
                if value:
                    setattr(sh, name, value)
            row = shipment_row(sh)
        if provider == "track17" and self.settings.logistics.track17.api_key is not None:
            from claimpilot.tools.logistics.refresh import register_parcels
            from claimpilot.tools.logistics.track17 import Track17Error

            try:  # kept either way: a refresh registers what is still unregistered
                rejected = register_parcels(self, [ref])
                row["registered"] = not rejected
                if rejected:
                    row["register_error"] = (rejected[0].get("error") or {}).get("message", "rejected")
            except Track17Error as exc:
                row["registered"], row["register_error"] = False, str(exc)
        return row

    def list(self, status: str | None = None, kind: str | None = None, late: bool = False,
             today: date | None = None) -> builtins.list[dict[str, Any]]:
        today = today or clock.today()
        with self.reads() as s:
            q = select(Shipment).where(Shipment.seller_id == self.seller_id)
            if status:
                q = q.where(Shipment.status == status)
            if kind:
                q = q.where(Shipment.kind == kind)
            rows = s.scalars(q.order_by(Shipment.updated_at.desc(), Shipment.id.desc())).all()
            if late:
                rows = [r for r in rows if planned_late(r, today)]
            return [shipment_row(r) for r in rows]

    def refs(self) -> builtins.list[str]:
        """Every tracked number (FBA shipment ids, tracking numbers, bills of lading) and the orders they carry."""
        with self.reads() as s:
            rows = s.execute(select(Shipment.ref, Shipment.order_id).where(Shipment.seller_id == self.seller_id)).all()
        return sorted({r.ref for r in rows} | {r.order_id for r in rows if r.order_id})

    def late(self, today: date | None = None) -> builtins.list[dict[str, Any]]:
        """What is late or stuck: past the ETA or plan undelivered, held by customs, or in exception."""
        today = today or clock.today()
        with self.reads() as s:
            rows = s.scalars(select(Shipment).where(Shipment.seller_id == self.seller_id)).all()
            return [shipment_row(r) for r in rows
                    if planned_late(r, today) or r.customs_hold or r.status == Status.EXCEPTION.value]

    def refresh(self, today: date | None = None, sources: tuple[str, ...] = ("track17", "sp_api"),
                now: datetime | None = None, notify: bool = True) -> RefreshResult:
        """Pull news from the providers, raise the alerts due, deliver them (``RefreshResult``)."""
        from claimpilot.tools.logistics.refresh import refresh

        return refresh(self, today, sources, now, notify)

    def show(self, ref: str) -> dict[str, Any]:
        with self.reads() as s:
            sh = self._find(s, ref)
            if sh is None:
                raise ShipmentNotFound(f"no shipment {ref!r} is tracked")
            alerts = s.scalars(select(ShipmentAlert).where(ShipmentAlert.shipment_id == sh.id)
                               .order_by(ShipmentAlert.id)).all()
            return shipment_detail(sh, list(alerts))

    def alerts(self, kind: str | None = None, limit: int = 100) -> builtins.list[dict[str, Any]]:
        with self.reads() as s:
            q = select(ShipmentAlert).where(ShipmentAlert.seller_id == self.seller_id)
            if kind:
                q = q.where(ShipmentAlert.kind == kind)
            return [alert_row(a) for a in s.scalars(q.order_by(ShipmentAlert.id.desc()).limit(limit))]

    def tracking_for_order(self, order_id: str) -> TrackingView | None:
        """The newest tracked shipment of an Amazon order, or None."""
        with self.reads() as s:
            sh = s.scalars(select(Shipment).where(Shipment.seller_id == self.seller_id,
                                                  Shipment.order_id == order_id.strip())
                           .order_by(Shipment.id.desc())).first()
            if sh is None:
                return None
            kinds = s.scalars(select(ShipmentAlert.kind).where(ShipmentAlert.shipment_id == sh.id)
                              .order_by(ShipmentAlert.id)).all()
            return tracking_view(sh, tuple(dict.fromkeys(kinds)))

    # --- writes from providers ---------------------------------------------
    def apply(self, updates: Iterable[TrackingUpdate], kind_of: Callable[[TrackingUpdate], str] | None = None,
              now: datetime | None = None) -> builtins.list[dict[str, Any]]:
        """Fold provider updates into the store in one transaction; returns each shipment's changes."""
        with self.sessions.begin() as s:
            return self._apply_in(s, updates, kind_of, now or clock.now_utc())

    def _apply_in(self, s: Session, updates: Iterable[TrackingUpdate],
                  kind_of: Callable[[TrackingUpdate], str] | None, now: datetime) -> builtins.list[dict[str, Any]]:
        out: builtins.list[dict[str, Any]] = []
        for update in updates:
            sh = self._find(s, update.ref)
            if sh is None:
                provider = {"track17": "track17", "sp_api": "sp_api"}.get(update.source, "forwarder")
                kind = (kind_of(update) if kind_of else None) or ("fba" if provider == "sp_api" else "parcel")
                sh = self._get_or_new(s, update.ref, kind, provider)
            out.append(apply_update(s, sh, update, now))
        return out

    def import_forwarder(self, path: Path) -> builtins.list[dict[str, Any]]:
        """A forwarder's CSV/Excel file of sea and air legs, all or nothing."""
        legs = read_forwarder_file(Path(path))
        kinds = {leg.ref: leg.kind for leg in legs}
        return self.apply([leg.update for leg in legs], kind_of=lambda u: kinds[u.ref])

    def take_track17_push(self, body: bytes, signature: str | None, now: datetime | None = None) -> dict[str, Any]:
        """A 17TRACK webhook push: checked, then applied once (a repeat is acknowledged and changes nothing)."""
        from claimpilot.tools.logistics.track17 import read_track_info, read_webhook

        key = self.settings.logistics.track17.webhook_key
        event, data, event_key = read_webhook(body, signature, key.get_secret_value() if key else None)
        update = read_track_info(data) if event == "TRACKING_UPDATED" and data.get("track_info") else None
        try:
            with self.sessions.begin() as s:
                s.add(WebhookReceipt(provider="track17", event_key=event_key, seller_id=self.seller_id))
                s.flush()
                if update is None or self._find(s, update.ref) is None:
                    return {"event": event, "duplicate": False, "changes": [],
                            **({"unknown": update.ref} if update else {})}
                changes = self._apply_in(s, [update], None, now or clock.now_utc())
                return {"event": event, "duplicate": False, "changes": changes}
        except IntegrityError:
            return {"event": event, "duplicate": True, "changes": []}
