"""17TRACK v2.2 payloads: a parcel's ``track_info`` and a webhook push, in 17TRACK's field names."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from .state import CARRIERS, Parcel


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _stage(sub_status: str) -> str:
    return sub_status.split("_")[0] if sub_status else "InTransit"


def _event(scan) -> dict:
    return {"time_iso": scan.at.isoformat(), "time_utc": _iso(scan.at),
            "time_raw": {"date": scan.at.date().isoformat(), "time": scan.at.strftime("%H:%M:%S"), "timezone": None},
            "description": scan.description, "description_translation": None, "location": scan.location,
            "stage": _stage(scan.sub_status), "sub_status": scan.sub_status,
            "address": {"country": None, "state": None, "city": scan.location or None, "street": None,
                        "postal_code": None, "coordinates": {"longitude": None, "latitude": None}}}


def track_info(parcel: Parcel, now: datetime) -> dict:
    scans = sorted(parcel.scans, key=lambda s: s.at, reverse=True)
    latest = scans[0] if scans else None
    status = _stage(latest.sub_status) if latest else "NotFound"
    sub = latest.sub_status if latest else "NotFound_Other"
    eta = ({"source": "Official", "from": f"{parcel.eta.isoformat()}T00:00:00Z",
            "to": f"{parcel.eta.isoformat()}T23:59:59Z"} if parcel.eta else
           {"source": None, "from": None, "to": None})
    events = [_event(s) for s in scans]
    return {
        "shipping_info": {"shipper_address": {"country": "CN"}, "recipient_address": {"country": "US"}},
        "latest_status": {"status": status, "sub_status": sub, "sub_status_descr": None},
        "latest_event": events[0] if events else None,
        "time_metrics": {"days_after_order": 0, "days_of_transit": 0, "days_of_transit_done": 0,
                         "days_after_last_update": (now - latest.at).days if latest else 0,
                         "estimated_delivery_date": eta},
        "milestone": [{"key_stage": _stage(s.sub_status), "time_iso": s.at.isoformat(), "time_utc": _iso(s.at),
                       "time_raw": None} for s in reversed(scans)],
        "misc_info": {"risk_factor": 0, "service_type": None, "weight_raw": None},
        "tracking": {"providers_hash": len(events), "providers": [{
            "provider": {"key": parcel.carrier, "name": CARRIERS.get(parcel.carrier, "Carrier"),
                         "alias": CARRIERS.get(parcel.carrier, "Carrier"), "tel": None, "homepage": None,
                         "country": None},
            "service_type": None, "latest_sync_status": "Success", "latest_sync_time": _iso(now),
            "events_hash": len(events), "events": events}]},
    }


def accepted_item(parcel: Parcel, now: datetime) -> dict:
    return {"number": parcel.number, "carrier": parcel.carrier, "param": None, "tag": parcel.tag,
            "track_info": track_info(parcel, now)}


def push_body(parcel: Parcel, now: datetime, event: str = "TRACKING_UPDATED") -> bytes:
    """The JSON body 17TRACK POSTs to a webhook for this parcel."""
    return json.dumps({"event": event, "data": accepted_item(parcel, now)}, ensure_ascii=False).encode()
