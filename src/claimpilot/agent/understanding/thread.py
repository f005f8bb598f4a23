"""What a conversation is about: the last claim, Amazon case, order and shipment named.

The subject is kept in the agent's state (and so in its checkpointer): 它/这个/那个/that one/it
and a follow-up that names nothing ("亚马逊拒了，说货已经找到了") refer to it, on a resumed thread too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

KINDS = ("claim_id", "case_id", "order_id", "shipment_id", "tracking_number")
LIST_FILTERS = ("status", "type", "closes_from", "closes_by", "since", "until", "amount_min", "amount_max", "currency",
                "marketplace", "fnsku", "sku", "asin", "order_id", "shipment_id")
CLAIM_REFS = ("claim_id", "case_id")
SHIPMENT_REFS = ("shipment_id", "tracking_number", "order_id")
PERIODS = (("start", "end"), ("since", "until"), ("closes_from", "closes_by"), ("arriving_from", "arriving_by"))
LISTS = {"list_claims": LIST_FILTERS, "claims_summary": ("marketplace",),
         "track_shipment": ("status", "kind", "arriving_from", "arriving_by"),
         "fetch_reports": ("kinds", "start", "end")}


def remember(subject: Mapping[str, Any] | None, named: Mapping[str, Any]) -> dict[str, Any]:
    """The subject after a turn that named ``named`` (tool arguments or ids); ``last`` is the newest kind."""
    out = dict(subject or {})
    for kind in KINDS:
        value = named.get(kind)
        if value not in (None, ""):
            out[kind] = value
            out["last"] = kind
    return out


def link_claim(subject: Mapping[str, Any], claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim's detail came back: its id and its Amazon case id belong to the subject (``last`` kept)."""
    out = dict(subject)
    if claim.get("id") is not None and out.get("case_id") == claim.get("amazon_case_id"):
        out["claim_id"] = claim["id"]
    elif claim.get("id") is not None and out.get("claim_id") == claim.get("id") and claim.get("amazon_case_id"):
        out["case_id"] = claim["amazon_case_id"]
    return out


def claim_ref(subject: Mapping[str, Any] | None, case_word: bool = False) -> dict[str, Any]:
    """The claim the thread is about, named as the person named it last (claim number or case id), or by
    its case id when the words point at the case ("they knocked that case back", "这个case")."""
    if not subject:
        return {}
    if case_word and subject.get("case_id") is not None:
        return {"case_id": subject["case_id"]}
    last = subject.get("last")
    if last in CLAIM_REFS:
        return {last: subject[last]}
    for kind in CLAIM_REFS:
        if subject.get(kind) is not None:
            return {kind: subject[kind]}
    return {}


def shipment_ref(subject: Mapping[str, Any] | None) -> dict[str, Any]:
    if not subject:
        return {}
    last = subject.get("last")
    if last in SHIPMENT_REFS:
        return {last: subject[last]}
    return {}


def _type_asked(question: str) -> str | None:
    """The claim type a rule question is about, if it names one."""
    from claimpilot.agent.understanding.claim_types import claim_type
    from claimpilot.agent.understanding.normalize import normalize

    found = claim_type(normalize(question))
    return str(found) if found else None


def noted(subject: Mapping[str, Any] | None, named: list[int]) -> dict[str, Any]:
    """The subject after a turn that named several claims together (picks.py): they can be picked by place."""
    out = dict(subject or {})
    if len(named) >= 2:
        out["named_claims"] = list(named)
    return out


def from_calls(subject: Mapping[str, Any] | None, calls: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The subject after a turn's tool calls. A list (of claims, of shipments, the totals) also leaves
    its tool and filters (``lister``), which a turn that only changes a filter ("那被拒的呢", "what about
    UK", "只看德国站的", "其中快过期的呢") asks again."""
    out = dict(subject or {})
    for call in calls:
        args = call.get("args") or {}
        name = str(call.get("name"))
        out = remember(out, args)
        if name == "mark_case_submitted" and args.get("claim_id") is not None:
            out["last"] = "claim_id"  # the case id of a filing belongs to the claim: "它" is the claim
        for a, b in PERIODS:  # "同期": the dates the last call was about
            if args.get(a) and args.get(b):
                out["period"] = [str(args[a]), str(args[b])]
        if name in ("draft_case", "draft_appeal"):
            out["last_action"] = name  # "第24个也一样": the same done to another claim
        if name in ("draft_case", "draft_appeal", "draft_buyer_reply"):
            out["last_draft"] = {"name": name, "args": dict(args)}  # "make it shorter": that draft, redone
        out.pop("topic_type", None)  # "这种": the kind of loss of the last rule question, not of an older one
        out.pop("rule_asked", None)  # "那英国站呢": the last rule question, asked of another store
        out.pop("rule_store", None)  # "德国站仓损 要在多久之内提" then "那要准备什么证明材料": the rules of that store
        if name == "search_policy" and args.get("query"):  # "赔了又扣回去是怎么回事" then "有没有这种能追回来的"
            out["topic_type"] = _type_asked(str(args["query"]))
            out["rule_asked"] = str(args["query"])
            if args.get("marketplace"):
                out["rule_store"] = str(args["marketplace"])
        if name in LISTS and not (name == "track_shipment" and any(args.get(k) for k in SHIPMENT_REFS)):
            out["lister"] = {"name": name, "args": {k: v for k, v in args.items() if k in LISTS[name]}}
            out.pop("named_claims", None)  # "第二个" after a list is not of the claims named before it
    return out
