"""A turn that only changes a filter of the thread's last list: that list asked again, its other
filters kept ("那被拒的呢", "what about UK", "只看德国站的", "其中快过期的呢", "退货报告也一起拉")."""

from __future__ import annotations

from datetime import date
from typing import Any

from claimpilot.agent.understanding import intent, thread
from claimpilot.agent.understanding.filters import list_filters, report_args, shipment_filters

# Filters that replace each other: a turn naming one drops the last list's filters of its group.
FILTER_GROUPS = (("status", "closes_from", "closes_by"), ("since", "until"), ("amount_min", "amount_max", "currency"),
                 ("type",), ("marketplace",), ("fnsku", "sku", "asin", "order_id"), ("kind",),
                 ("arriving_from", "arriving_by"), ("kinds",), ("start", "end"))


def asked_again(tool: str, text: str, slots: dict[str, Any], subject: dict[str, Any], today: date,
                 tools: set[str]) -> tuple[str, dict[str, Any]] | None:
    """A turn that only changes a filter of the thread's last list ("那被拒的呢", "what about UK",
    "只看德国站的", "其中快过期的呢", "空运的呢"): that list again, its other filters kept."""
    lister = subject.get("lister")
    if not lister or lister.get("name") not in tools or tool not in ("list_claims", "claims_summary",
                                                                       "track_shipment", "fetch_reports", "_help"):
        return None
    if not (intent.has("refine", text) or intent.has("ellipsis", text) or intent.has("short_ne", text)) \
            or {"claim_id", "case_id", "shipment_id", "tracking_number"} & set(slots["ids"]):
        return None
    filters = {"list_claims": lambda: list_filters(slots, today),
               "claims_summary": lambda: {"marketplace": slots["marketplace"]} if slots.get("marketplace") else {},
               "track_shipment": lambda: shipment_filters(slots, text, today),
               "fetch_reports": lambda: report_args(slots, today)}
    name = lister["name"]
    new = filters[name]()
    if not new or not set(new) <= set(thread.LISTS[name]):  # "那被拒的呢" after the totals: a list of claims
        if tool not in filters or tool == name or not {name, tool} <= {"list_claims", "claims_summary"}:
            return None  # a claims question after a shipments list carries nothing of it
        name, new = tool, filters[tool]()
    kept = {k: v for k, v in lister.get("args", {}).items() if k in thread.LISTS[name]}
    if name == "fetch_reports" and "kinds" in new and intent.has("also", text):  # "退货报告也一起拉": one more kind
        new["kinds"] = [*kept.get("kinds", []), *(k for k in new["kinds"] if k not in kept.get("kinds", []))]
    for group in FILTER_GROUPS:
        if set(group) & set(new):
            kept = {k: v for k, v in kept.items() if k not in group}
    return name, {**kept, **new}
