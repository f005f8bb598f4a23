"""Reading a 17TRACK ``track_info`` (from gettrackinfo or a webhook) into a TrackingUpdate."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from claimpilot.tools.logistics.status import from_track17
from claimpilot.tools.logistics.update import ScanIn, TrackingUpdate, as_utc


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def _day(value: str | None) -> date | None:
    moment = _time(value)
    if moment is not None:
        return moment.date()
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _location(event: dict[str, Any]) -> str:
    if event.get("location"):
        return str(event["location"])
    address = event.get("address") or {}
    return ", ".join(str(address[k]) for k in ("city", "state", "country") if address.get(k))


def read_track_info(item: dict[str, Any]) -> TrackingUpdate:
    """One accepted gettrackinfo item (``number``, ``carrier``, ``track_info``) as an update."""
    info = item.get("track_info") or {}
    latest = info.get("latest_status") or {}
    eta_range = (info.get("time_metrics") or {}).get("estimated_delivery_date") or {}
    scans: list[ScanIn] = []
    carrier_name = None
    for provider in (info.get("tracking") or {}).get("providers") or []:
        carrier_name = carrier_name or (provider.get("provider") or {}).get("name")
        for event in provider.get("events") or []:
            at = _time(event.get("time_utc")) or _time(event.get("time_iso"))
            if at is None:
                continue
            sub = event.get("sub_status") or ""
            main = sub.split("_")[0] if sub else (event.get("stage") or "InTransit")
            scans.append(ScanIn(at, from_track17(main, sub or None), str(event.get("description") or ""),
                                _location(event)))
    return TrackingUpdate(
        ref=str(item.get("number") or "").upper(),
        source="track17",
        mapped=from_track17(latest.get("status"), latest.get("sub_status")) if latest else None,
        eta=_day(eta_range.get("to")) or _day(eta_range.get("from")),
        scans=scans,
        carrier=carrier_name,
        carrier_code=item.get("carrier") if isinstance(item.get("carrier"), int) else None,
    )
