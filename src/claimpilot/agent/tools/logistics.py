"""track_shipment: where a shipment is (a tracking number, an FBA shipment id, a bill of lading, an order), or what is late."""

from __future__ import annotations

import re

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, parse_date, settings_of
from claimpilot.vocabulary import ShipmentKind, ShipmentState

_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]{6,40}")


TRACK_SHIPMENT = (
    "Where a shipment is: give a tracking number, an FBA shipment id (FBA...), a bill of lading or container number, "
    "or an Amazon order id. Or list shipments, filtered exactly by status ({states}), kind ({kinds}) and the day "
    "they are due to arrive, or were delivered, between arriving_from and arriving_by (YYYY-MM-DD). With none of "
    "these, lists what is late, held by customs or in exception, and the open alerts.").format(
        states=", ".join(ShipmentState), kinds=", ".join(ShipmentKind))


@tool(response_format="content_and_artifact", description=TRACK_SHIPMENT)
def track_shipment(query: str, runtime: ToolRuntime, shipment_id: str | None = None,
                   tracking_number: str | None = None, order_id: str | None = None, status: str | None = None,
                   kind: str | None = None, arriving_from: str | None = None,
                   arriving_by: str | None = None) -> tuple[str, dict]:
    def produce() -> dict:
        from claimpilot.tools.logistics.service import LogisticsError, LogisticsService

        svc = LogisticsService(settings_of(runtime))
        if not (shipment_id or tracking_number or order_id) and (status or kind or arriving_from or arriving_by):
            return _listed(svc, status, kind, parse_date(arriving_from), parse_date(arriving_by))
        if order_id:
            view = svc.tracking_for_order(order_id)
            if view is not None:
                return {"mode": "one", "shipment": _brief(svc.show(view.ref))}
        tokens = [t for t in _TOKEN.findall(query or "") if any(ch.isdigit() for ch in t)]
        for ref in [r for r in (shipment_id, tracking_number) if r] + tokens:
            try:
                return {"mode": "one", "shipment": _brief(svc.show(ref))}
            except LogisticsError:
                continue
        asked = shipment_id or tracking_number or order_id
        late = svc.late()
        out = {"mode": "late", "asked": asked, "not_found": bool(asked), "count": len(late), "late": late[:20],
               "alerts": svc.alerts(limit=10)}
        if asked:
            from claimpilot.agent.tools.suggest import close_to

            out["did_you_mean"] = close_to(asked, svc.refs())
        return out

    return answer("track_shipment", produce)


def _listed(svc, status: str | None, kind: str | None, arriving_from, arriving_by) -> dict:
    """The shipments in ``status`` of ``kind`` due (or delivered) between the two days, soonest first."""
    status = ShipmentState(status).value if status else None
    kind = ShipmentKind(kind).value if kind else None

    def day(row: dict):
        when = row.get("delivered_at") or row.get("eta") or row.get("planned_eta")
        return str(when)[:10] if when else None

    rows = svc.list(status=status, kind=kind)
    if arriving_from or arriving_by:
        rows = [r for r in rows if day(r) and (not arriving_from or day(r) >= arriving_from.isoformat())
                and (not arriving_by or day(r) <= arriving_by.isoformat())]
    rows.sort(key=lambda r: day(r) or "9999")
    filters = {k: v for k, v in (("status", status), ("kind", kind), ("arriving_from", arriving_from),
                                 ("arriving_by", arriving_by)) if v}
    return {"mode": "list", "filters": filters, "count": len(rows), "shipments": rows[:20]}


def _brief(shown: dict) -> dict:
    """The shipment with its newest scans and alerts only."""
    return {**shown, "events": shown["events"][-5:], "alerts": shown["alerts"][-5:], "items": shown["items"][:20]}


TOOLS = [track_shipment]
