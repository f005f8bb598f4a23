"""track_shipment: where a shipment is (a tracking number, an FBA shipment id, a bill of lading, an order), or what is late."""

from __future__ import annotations

import re

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, settings_of

_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]{6,40}")


@tool(response_format="content_and_artifact")
def track_shipment(query: str, runtime: ToolRuntime, shipment_id: str | None = None,
                   tracking_number: str | None = None, order_id: str | None = None) -> tuple[str, dict]:
    """Where a shipment is: give a tracking number, an FBA shipment id (FBA...), a bill of lading or container number, or an Amazon order id; with none, lists what is late, held by customs or in exception, and the open alerts. Statuses: info_received, in_transit, customs, out_for_delivery, delivered, exception, expired."""

    def produce() -> dict:
        from claimpilot.tools.logistics.service import LogisticsError, LogisticsService

        svc = LogisticsService(settings_of(runtime))
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


def _brief(shown: dict) -> dict:
    """The shipment with its newest scans and alerts only."""
    return {**shown, "events": shown["events"][-5:], "alerts": shown["alerts"][-5:], "items": shown["items"][:20]}


TOOLS = [track_shipment]
