"""Refreshing shipments from the providers (17TRACK for parcels, the SP-API for FBA inbound), then alerts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from claimpilot import clock
from claimpilot.tools.logistics.alerting import deliver_pending, raise_alerts
from claimpilot.tools.logistics.models import Shipment
from claimpilot.tools.logistics.status import FINAL

if TYPE_CHECKING:
    from claimpilot.tools.logistics.service import LogisticsService
    from claimpilot.tools.logistics.track17 import Track17Client


@dataclass
class RefreshResult:
    updated: list[dict[str, Any]] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    new_alerts: list[int] = field(default_factory=list)
    deliveries: dict[int, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"updated": len(self.updated), "new_scans": sum(u["new_scans"] for u in self.updated),
                "eta_moved": [u["ref"] for u in self.updated if u["eta_moved"]], "errors": self.errors,
                "rejected": self.rejected, "new_alerts": self.new_alerts,
                "deliveries": {str(k): v for k, v in self.deliveries.items()}}


def _client(svc: LogisticsService) -> Track17Client:
    from claimpilot.tools.logistics.track17 import Track17Client

    return Track17Client(svc.settings.logistics.track17)


def register_parcels(svc: LogisticsService, refs: list[str]) -> list[dict[str, Any]]:
    """Register parcels with 17TRACK; mark the accepted ones. Returns the rejected."""
    with svc.reads() as s:
        items = [{"number": sh.ref, **({"carrier": sh.carrier_code} if sh.carrier_code else {})}
                 for sh in s.scalars(select(Shipment).where(Shipment.seller_id == svc.seller_id,
                                                            Shipment.ref.in_(refs)))]
    with _client(svc) as client:
        accepted, rejected = client.register(items)
    done = {str(a.get("number", "")).upper() for a in accepted}
    with svc.sessions.begin() as s:
        for sh in s.scalars(select(Shipment).where(Shipment.seller_id == svc.seller_id, Shipment.ref.in_(done))):
            sh.registered = True
    return rejected


def refresh(svc: LogisticsService, today: date | None = None, sources: tuple[str, ...] = ("track17", "sp_api"),
            now: datetime | None = None, notify: bool = True) -> RefreshResult:
    """Pull every open shipment's news from its provider, raise the alerts due today, deliver them."""
    from claimpilot.tools.logistics.track17 import Track17Error, read_track_info

    today = today or clock.today()
    now = now or clock.now_utc()
    result = RefreshResult()
    with svc.reads() as s:
        open_parcels = [(sh.ref, sh.carrier_code, sh.registered) for sh in s.scalars(select(Shipment).where(
            Shipment.seller_id == svc.seller_id, Shipment.provider == "track17",
            Shipment.status.notin_([x.value for x in FINAL])))]
        has_fba = s.scalars(select(Shipment.id).where(Shipment.seller_id == svc.seller_id,
                                                      Shipment.kind == "fba")).first() is not None
    if "track17" in sources and open_parcels:
        try:
            unregistered = [ref for ref, _, registered in open_parcels if not registered]
            if unregistered:
                result.rejected += register_parcels(svc, unregistered)
            with _client(svc) as client:
                accepted, rejected = client.track_info(
                    [{"number": ref, **({"carrier": code} if code else {})} for ref, code, _ in open_parcels])
            result.rejected += rejected
            result.updated += svc.apply([read_track_info(a) for a in accepted], now=now)
        except Track17Error as exc:
            result.errors["track17"] = str(exc)
    if "sp_api" in sources and (has_fba or svc.settings.sp_api.refresh_token is not None):
        result.updated += _refresh_fba(svc, result, now)
    result.new_alerts = raise_alerts(svc, today)
    if notify:
        result.deliveries = deliver_pending(svc)
    return result


def _refresh_fba(svc: LogisticsService, result: RefreshResult, now: datetime) -> list[dict[str, Any]]:
    from claimpilot.tools.logistics.fba import fetch_fba_shipments
    from claimpilot.tools.reports.fetch import FetchError

    try:
        updates = fetch_fba_shipments(svc.settings)
    except FetchError as exc:
        result.errors["sp_api"] = str(exc)
        return []
    return svc.apply(updates, now=now)

