"""The alert rules: what about a shipment deserves the seller's attention today.

Each alert carries a key; the same key is raised once only (the store keeps
it), so a rule may see the same condition on every refresh.

- stalled: a parcel with no new scan for ``stall_days`` (key: the last scan's time)
- eta_slip: the ETA is ``eta_slip_days`` past the plan, or the plan passed that long ago undelivered (key: the ETA)
- customs_hold / exception: the shipment is held or in exception (key: the last scan's time)
- not_checked_in: delivered to Amazon ``checkin_days`` ago, not checked in
- received_short: a closed FBA shipment received fewer units of an FNSKU than shipped
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimpilot.config import LogisticsSettings
from claimpilot.tools.logistics.models import Shipment
from claimpilot.tools.logistics.status import FINAL, Status, checked_in


@dataclass
class AlertIn:
    kind: str
    key: str
    ref: str
    data: dict[str, Any] = field(default_factory=dict)
    fnsku: str | None = None


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:  # alert kind -> language -> sentence
    texts: dict[str, dict[str, str]] = yaml.safe_load(
        (resources.files("claimpilot.tools.logistics") / "alert_texts.yaml").read_text("utf-8"))
    return texts


def alert_text(kind: str, data: dict[str, Any], language: str) -> str:
    """The alert's sentence in the seller's language (zh or en)."""
    lang = "zh" if language.startswith("zh") else "en"
    values = {k: ("" if v is None else v) for k, v in data.items()}
    if kind == "received_short":
        values["claim_note"] = _texts()["claim_note"][lang].format(**values) if data.get("claim_id") else ""
    name = "eta_overdue" if kind == "eta_slip" and data.get("overdue") else kind
    return _texts()[name][lang].format_map(_Blank(values))


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return ""


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment else None


def shipment_alerts(sh: Shipment, today: date, cfg: LogisticsSettings, fba: Shipment | None) -> list[AlertIn]:
    """The alerts one shipment raises today; ``fba`` is its FBA inbound shipment, when known."""
    out: list[AlertIn] = []
    status = Status(sh.status)
    last = _day(sh.last_event_at) or _day(sh.created_at)  # never scanned: counted from when tracking began
    base = {"ref": sh.ref, "status": sh.status, "provider_status": sh.provider_status, "kind": sh.kind}
    # parcels only: a vessel or a plane scans nothing between milestones; their lateness is the ETA's to tell
    if status not in FINAL and sh.provider == "track17" and last and (today - last).days >= cfg.stall_days:
        stamp = sh.last_event_at.isoformat() if sh.last_event_at else "never-scanned"
        out.append(AlertIn("stalled", f"stalled:{sh.ref}:{stamp}", sh.ref,
                           {**base, "days": (today - last).days, "last_scan": last.isoformat()}))
    plan = sh.planned_eta
    if plan and status not in FINAL:
        eta = sh.eta or plan
        late_eta = (eta - plan).days >= cfg.eta_slip_days
        overdue = (today - plan).days >= cfg.eta_slip_days and (sh.eta is None or sh.eta <= today)
        if late_eta or overdue:
            slip = (eta - plan).days if late_eta else (today - plan).days
            out.append(AlertIn("eta_slip", f"eta_slip:{sh.ref}:{eta.isoformat()}", sh.ref,
                               {**base, "eta": eta.isoformat(), "planned_eta": plan.isoformat(), "days": slip,
                                "overdue": not late_eta}))
    stamp = sh.last_event_at.isoformat() if sh.last_event_at else "none"
    if sh.customs_hold and status is Status.CUSTOMS:
        out.append(AlertIn("customs_hold", f"customs_hold:{sh.ref}:{stamp}", sh.ref, base))
    if status is Status.EXCEPTION:
        out.append(AlertIn("exception", f"exception:{sh.ref}:{stamp}", sh.ref, base))
    out += _not_checked_in(sh, today, cfg, fba, base)
    out += _received_short(sh, base)
    return out


def _not_checked_in(sh: Shipment, today: date, cfg: LogisticsSettings, fba: Shipment | None,
                    base: dict[str, Any]) -> list[AlertIn]:
    if sh.delivered_at is None or fba is None or checked_in(fba.provider_status):
        return []
    if fba.provider_status in ("CANCELLED", "DELETED"):
        return []
    days = (today - sh.delivered_at.date()).days
    if days < cfg.checkin_days:
        return []
    return [AlertIn("not_checked_in", f"not_checked_in:{sh.ref}:{fba.ref}", sh.ref,
                    {**base, "delivered": sh.delivered_at.date().isoformat(), "days": days,
                     "fba_shipment_id": fba.ref, "amazon_status": fba.provider_status})]


def _received_short(sh: Shipment, base: dict[str, Any]) -> list[AlertIn]:
    if sh.kind != "fba" or sh.provider_status != "CLOSED":
        return []
    out = []
    for item in (sh.detail or {}).get("items") or []:
        short = int(item.get("shipped") or 0) - int(item.get("received") or 0)
        if short > 0 and item.get("fnsku"):
            out.append(AlertIn("received_short", f"received_short:{sh.ref}:{item['fnsku']}:{short}", sh.ref,
                               {**base, "fnsku": item["fnsku"], "sku": item.get("sku"), "shipped": item["shipped"],
                                "received": item["received"], "short": short}, fnsku=item["fnsku"]))
    return out


def planned_late(sh: Shipment, today: date) -> bool:
    """Whether a shipment is late: past its ETA or plan and not delivered."""
    due = sh.eta or sh.planned_eta
    return Status(sh.status) not in FINAL and due is not None and due < today
