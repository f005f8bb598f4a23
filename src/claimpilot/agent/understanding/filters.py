"""The filters of a list, from the resolved slots: claims (status, window, dates, type, ids, amounts,
marketplace), shipments (state, kind, arrival) and the reports to fetch (kinds, dates)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from claimpilot.agent.understanding import intent
from claimpilot.agent.understanding.amounts import LOCAL_DOLLARS
from claimpilot.agent.understanding.dates import DateRange
from claimpilot.agent.understanding.statuses import CLOSING_SOON

CLOSING_SOON_DAYS = 7  # the dashboard's "deadlines" panel looks this far ahead; "快过期" means the same


def report_args(slots: dict[str, Any], today: date) -> dict[str, Any]:
    """The reports to fetch: the dates (never past today) and the kinds named."""
    args: dict[str, Any] = {}
    rng = one_range(slots)
    if rng and rng.start:
        args["start"] = rng.start.isoformat()
    if rng and rng.end and rng.start:
        args["end"] = min(rng.end, today).isoformat()
    if slots.get("report_kinds"):
        args["kinds"] = slots["report_kinds"]
    return args


def one_range(slots: dict[str, Any]) -> DateRange | None:
    dates = slots.get("dates") or []
    if not dates:
        return None
    return dates[-1]  # ranges said from one day to another are one (find_dates); of others, the last said (the
    # request comes after the story: "10月中旬一批货入仓少了…想问下从10月1号以来…能索赔的")


def _window_and_event(slots: dict[str, Any], today: date) -> tuple[DateRange | None, DateRange | None]:
    """The range a list is filtered by and, when a deadline is asked with two ranges said apart, the range of the
    losses too: the window is the last that reaches today or later, the losses the last before it ends."""
    dates = slots.get("dates") or []
    if not slots.get("deadline") or len(dates) < 2:
        return one_range(slots), None
    ahead = [d for d in dates if d.end is None or d.end >= today]
    window = ahead[-1] if ahead else dates[-1]
    past = [d for d in dates if d is not window and d.start and d.end and d.start < today and d.end <= today]
    return window, past[-1] if past else None


def list_filters(slots: dict[str, Any], today: date) -> dict[str, Any]:
    ids = slots["ids"]
    out: dict[str, Any] = {}
    status = slots.get("status")
    rng, event = _window_and_event(slots, today)
    if rng and status == CLOSING_SOON and rng.end and rng.end < today:
        rng = None  # "去年有个赔偿拖过了时效…快过期的都给我拉出来": last year is the story's
    if rng and rng.start == rng.end == today and (status == CLOSING_SOON or (
            status == "claimable" and not slots.get("deadline") and not slots.get("loss_dates"))):
        rng = None  # "今天有啥快到期的", "今天有啥能索赔的": asked today (今天就到期, 今天丢的 are today's)
    if status == CLOSING_SOON or (slots.get("deadline") and rng and status in (None, "claimable")) \
            or (status == "claimable" and rng and (rng.future or (rng.start is None and rng.end and rng.end >= today))):
        # "can still claim before the end of the month", "I can still file before 20 of November"
        out["status"] = "claimable"
        if rng and rng.past and rng.start and rng.end == today:  # "最近7天到期": an open claim closes ahead
            rng = DateRange(today, today + (rng.end - rng.start), future=True, span=rng.span)
        start = rng.start if rng and rng.start else today
        out["closes_from"] = max(start, today).isoformat()
        out["closes_by"] = (rng.end if rng and rng.end else today + timedelta(days=CLOSING_SOON_DAYS)).isoformat()
        if event:  # "过去30天内发生的…下周到期的": when it happened, and when its window closes
            out.update(_event_range(event))
    elif status == "expired" and slots.get("deadline") and rng and rng.future and rng.end and rng.end >= today:
        out["status"] = "claimable"  # "月底之前过期的": nothing has expired in the future, it closes by then
        out["closes_from"], out["closes_by"] = max(rng.start or today, today).isoformat(), rng.end.isoformat()
    elif status:
        out["status"] = str(status)
        if rng and status == "expired" and slots.get("deadline") and rng.start and rng.end \
                and (rng.past or rng.end < today) and not slots.get("loss_dates"):  # "closed in October": closing
            out["closes_from"], out["closes_by"] = rng.start.isoformat(), rng.end.isoformat()
        elif rng and not _only_ahead(rng, today):
            out.update(_event_range(rng))
    elif rng and not _only_ahead(rng, today):
        out.update(_event_range(rng))
    if slots.get("type"):
        out["type"] = str(slots["type"])
    for k in ("fnsku", "sku", "asin", "order_id", "shipment_id", "case_id"):  # a shipment's claims: its shortages
        if k in ids:
            out[k] = ids[k]
    for a in slots.get("amounts", []):
        out[f"amount_{a.bound}"] = a.value
        if a.currency:  # "anything over 50 bucks" on the AU store: Australian dollars
            store = slots.get("marketplace") or slots.get("thread_store") or ""  # "$50" in an AU thread: AUD
            out["currency"] = LOCAL_DOLLARS.get(store, a.currency) if a.dollar else a.currency
    if slots.get("currency") and "currency" not in out:
        out["currency"] = slots["currency"]
    if slots.get("marketplace") and slots["marketplace"] != "EU":
        out["marketplace"] = slots["marketplace"]
    return out


def shipment_filters(slots: dict[str, Any], text: str, today: date, arrival: bool = False) -> dict[str, Any]:
    """A list of shipments: where they stand, how they travel, when they are due to arrive (from today on,
    unless delivered: "这周能到的" cannot arrive on Monday past). A question about what is late or stuck is
    answered by the late list, whatever the kind named. ``arrival``: the dates are of arrival, said or not (a
    follow-up of a list by arrival: "下周的")."""
    out: dict[str, Any] = {}
    if intent.has("late", text) and str(slots.get("ship_state") or "in_transit") == "in_transit":
        return out  # "stuck in transit" is late; "stuck in customs" names a state: that state's list
    if slots.get("ship_state"):
        out["status"] = str(slots["ship_state"])
    if slots.get("ship_kind"):
        out["kind"] = str(slots["ship_kind"])
    rng = one_range(slots)
    if rng and (arrival or intent.has("arrival", text) or out.get("status") == "delivered"):
        if rng.start:
            ahead = out.get("status") != "delivered" and rng.end is not None and rng.end >= today
            out["arriving_from"] = (max(rng.start, today) if ahead else rng.start).isoformat()
        if rng.end:
            out["arriving_by"] = rng.end.isoformat()
    return out


def _only_ahead(rng: DateRange, today: date) -> bool:
    """"阿妹 月底前给它交了" beside the drafts: a day by which the seller means to act; no loss happens ahead."""
    return rng.start is None and rng.end is not None and rng.end > today and rng.future


def _event_range(rng: DateRange) -> dict[str, str]:
    out = {}
    if rng.start:
        out["since"] = rng.start.isoformat()
    if rng.end:
        out["until"] = rng.end.isoformat()
    return out
