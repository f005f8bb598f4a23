"""A turn that only changes a filter of the thread's last list: that list asked again, its other
filters kept ("那被拒的呢", "what about UK", "只看德国站的", "其中快过期的呢", "退货报告也一起拉")."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from claimpilot.agent.understanding import intent, thread
from claimpilot.agent.understanding.amounts import CURRENCY_UNIT, bare_amount, currency_of
from claimpilot.agent.understanding.filters import list_filters, report_args, shipment_filters
from claimpilot.agent.understanding.ids import GOODS_IDS
from claimpilot.agent.understanding.places import SWITCH, marketplace
from claimpilot.agent.understanding.reports import kinds_added, report_kinds
from claimpilot.agent.understanding.statuses import IMPLIED_BY_TYPE

# Filters that replace each other: a turn naming one drops the last list's filters of its group.
AMOUNT = ("amount_min", "amount_max", "currency")
FILTER_GROUPS = (("status", "closes_from", "closes_by"), ("since", "until"), AMOUNT,
                 ("type",), ("marketplace",), GOODS_IDS, ("kind",),
                 ("arriving_from", "arriving_by"), ("kinds",), ("start", "end"))
# How goods travel, said alone after a list of shipments ("what about air", "and sea?"): the kind.
_BARE_KIND = re.compile(r"^\W*(?:(?:what|how) about|and|then|now|same for|just|only)?\s*(?:the\s+)?(air|sea|ocean)"
                        r"(?:\s+ones)?(?:\s+(?:then|instead|please|too))?\W*$", re.I)

# A new figure for the last list's amount bound ("ok make it 200 lah", "改成500刀"): that bound, changed.
_NEW_AMOUNT = re.compile(r"^\W*(?:(?:ok(?:ay)?|好的?|嗯|then|so)[,，\s]*)?(?:金额|门槛)?"
                         r"(?:make it|change it to|change (?:that|this) to|改成|换成|改为)"
                         r"\s*[$€£¥]?\s*(\d+(?:[.,]\d+)?)"
                         rf"\s*{CURRENCY_UNIT}?"
                         r"\s*(?:(?:lah|la|lor|leh|ah|can|ok(?:ay)?|pls|please|thanks|then|instead|以上的?|吧|呢|好了|就行)\W*)*$",
                         re.I)


# The bound moved, said in a sentence ("would you mind raising the threshold to £200 instead?", "把门槛提高到300"):
# the last list's bound, changed, when the turn names no other filter.
_MOVED_AMOUNT = re.compile(r"(?:\b(?:rais(?:e|ing)|lower(?:ing)?|bump(?:ing)?|drop(?:ping)?|chang(?:e|ing)|set(?:ting)?"
                           r"|mov(?:e|ing)|put(?:ting)?|push(?:ing)?)\b.{0,30}?\b(?:threshold|limit|minimum|maximum"
                           r"|cut-?off|floor|bar|amount|it|that)\b(?:\s+(?:up|down))?\s+to"
                           r"|(?:门槛|金额|下限|上限)(?:提高到|提到|降到|降低到|调到|调成|改到|改成|换成|改为)"
                           r"|(?:提高到|提到|降到|降低到|调到|调成|改到))"
                           rf"\s*[$€£¥]?\s*(\d+(?:[.,]\d+)?)\s*{CURRENCY_UNIT}?", re.I)
# A chat line's acknowledgement or address before what it asks ("好的 换成法国站", "收到，只看德国站的").
_ACKNOWLEDGED = re.compile(r"^\s*(?:(?:好的?|收到|嗯+|行|可以|ok(?:ay)?|lovely|ta|cheers|brilliant|perfect|great|thanks"
                          r"|righto|thank you|[\u4e00-\u9fff]总)[,，。.!！\s]+)+", re.I)
# Words a voice-typed turn opens with that say nothing yet ("然后那个就是加拿大站呢也一样的").
_FILLER = re.compile(r"^\s*(?:然后|那个|就是|还有|另外|嗯+|呃+)+[,，\s]*")
# The way back to the list after another question ("righto, back to that list - anything over 100 bucks?", "回到刚才
# 那个列表"): the turn is what follows.
_BACK_TO_LIST = re.compile(r"^\s*(?:(?:go(?:ing)? |get(?:ting)? |coming )?back to (?:that|the|my|our|those|this) "
                           r"(?:list|claims|ones)|回到(?:刚才|之前|上面)?(?:那个|的)?(?:列表|清单|单子))\s*[-–—:：,，.。]*\s*",
                           re.I)
# A store switched to after what is put aside ("算了UK先不管 换成JP"): the turn is the switch.
_SWITCH = re.compile(SWITCH, re.I)
_ANY_AMOUNT = re.compile(r"金额不限|不限金额|(?:去掉|不要|取消|拿掉)(?:那个)?金额(?:的)?(?:条件|限制|门槛)?"
                         r"|金额(?:就)?不(?:卡|限|管)了?|不(?:卡|管)金额|金额无所谓|多少钱都(?:行|看|要)"
                         r"|\bany amount\b|\bregardless of (?:the )?amount\b|\b(?:drop|remove) the amount\b", re.I)
_SHORT_ZH, _SHORT_EN = 12, 40  # the longest turn read as narrowing the list before it
# What a correction keeps or takes back, said again ("still DE", "still 40 euro", "not damaged"; 还是德国站).
_KEPT_SAID = re.compile(r"[,.;，。]?\s*(?:\bstill (?:in |on |at )?(?:the )?[\w$€£¥ ]{1,15}?"
                        r"|\bnot (?:the )?[a-z]+(?: ones?)?"
                        r"|还是[^,，。\s]{1,10})(?=[,.;，。\s]*$|[,.;，。])", re.I)
_OTHER_FILTERS = ("status", "type", "marketplace", "dates", "ship_kind", "ship_state", "report_kinds")


def _only_bound(text: str, slots: dict[str, Any]) -> bool:
    """A short turn naming an amount or a time and no other filter ("然后就是超过一百欧的那些", "next week?"): the
    list's bound, changed."""
    return bool(slots.get("amounts") or slots.get("dates")) and not slots["ids"] and len(text) <= 24 \
        and not any(slots.get(k) for k in _OTHER_FILTERS if k != "dates")


def _narrowed(text: str, tool: str, lister: dict[str, Any]) -> bool:
    """A short turn asking the same kind of list again with a filter of its own ("哪些在清关" after the sea shipments,
    "anything closing before 20/11?" after the AU claims): the list narrowed, its other filters kept."""
    short = _SHORT_EN if text.isascii() else _SHORT_ZH
    return tool == lister.get("name") and len(text.strip()) <= short and bool(lister.get("args"))


def _short_slip(text: str) -> bool:
    """What follows a slip taken back is short, less what it keeps ("I mean the lost one leh, not damaged. still DE,
    still 40 euro": the lost ones)."""
    said = _KEPT_SAID.sub("", text).strip()
    return len(said) <= (_SHORT_EN if said.isascii() else _SHORT_ZH)


def _kind(bare: re.Match[str]) -> str:
    return "sea" if bare.group(1).lower() == "ocean" else bare.group(1).lower()


def _new_amount(text: str, slots: dict[str, Any], lister: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    args = lister.get("args", {})
    bound = _bound_key(args)
    m = _NEW_AMOUNT.match(text)
    if m is None and not any(slots.get(k) for k in _OTHER_FILTERS) and not slots["ids"]:
        m = _MOVED_AMOUNT.search(text)
    if m is None or bound is None:
        return None
    return lister["name"], {**args, **_bound_of(m, bound)}


def _bound_key(args: dict[str, Any]) -> str | None:
    """The amount bound the last list had (amount_min before amount_max), if any."""
    return next((k for k in ("amount_min", "amount_max") if k in args), None)


def _bound_of(m: re.Match[str], bound: str) -> dict[str, Any]:
    """The bound a turn moves, with the currency it names (改成40英镑: 40, GBP)."""
    value = float(m.group(1).replace(",", "."))
    out: dict[str, Any] = {bound: int(value) if value.is_integer() else value}
    currency = currency_of(m.group(2)) if m.lastindex and m.lastindex >= 2 and m.group(2) else None
    if currency:
        out["currency"] = currency
    return out


def _moved_with_others(text: str, new: dict[str, Any], lister: dict[str, Any]) -> dict[str, Any]:
    """``new`` with the bound moved by a turn that changes other filters too ("英国站那边呢，金额门槛改成40英镑")."""
    bound = _bound_key(lister.get("args", {}))
    m = _MOVED_AMOUNT.search(text)
    if m is None or bound is None or any(k in new for k in AMOUNT):
        return new
    return {**new, **_bound_of(m, bound)}


def asked_again(tool: str, text: str, slots: dict[str, Any], subject: dict[str, Any], today: date,
                 tools: set[str]) -> tuple[str, dict[str, Any]] | None:
    """A turn that only changes a filter of the thread's last list ("那被拒的呢", "what about UK",
    "只看德国站的", "其中快过期的呢", "空运的呢"): that list again, its other filters kept."""
    lister = subject.get("lister")
    text = _BACK_TO_LIST.sub("", _FILLER.sub("", _ACKNOWLEDGED.sub("", text)))  # "好的 换成法国站再拉一次": the
    # change after the thanks
    slip = intent.search("correction", text)
    if slip:  # "德国站那边的 哎说错了 是英国站": what is meant
        text = text[slip.end():]
    switch = _SWITCH.search(text)
    if switch and marketplace(text[switch.end():]):  # "法国的我已经看过了 换意站的", "算了UK先不管 换成JP": the switch
        text = text[switch.start():]
    changed = _new_amount(text, slots, lister) if lister and lister.get("name") in tools else None
    if changed:
        return changed
    swapped = (_report_swapped(text, slots, lister) or _report_added(text, lister)) \
        if lister and "fetch_reports" in tools else None
    if swapped:
        return "fetch_reports", swapped
    rule = _rule_again(text, slots, subject)
    if rule and "search_policy" in tools:
        return "search_policy", rule
    bare = _BARE_KIND.match(text)  # "what about air": how goods travel, after shipments
    if bare and "track_shipment" in tools and not lister and thread.shipment_ref(subject):
        return "track_shipment", {"kind": _kind(bare)}  # "where's FBA15…" then "what about the air ones"
    listed = (lister or {}).get("name")
    unbound = (listed == "list_claims" and bool(_ANY_AMOUNT.search(text))) or (
        listed == "claims_summary" and bool(slots.get("marketplace")) and len(text.strip()) <= 14
        and intent.has("ellipsis", text))  # "去掉金额条件 再拉一次", "德国站那边又么样": the list, the totals again
    if not lister or lister.get("name") not in tools or (tool not in (
            "list_claims", "claims_summary", "track_shipment", "fetch_reports", "_help", "_decline") and not unbound):
        return None  # "去掉金额条件 再拉一次": the list again, whatever "再拉" alone would ask
    if tool == "claims_summary" and intent.has("whole_picture", text):
        return None  # "那德国站整体各个状态的总数也发我一下": the totals of everything, not the last list again
    if tool == "fetch_reports" and lister.get("name") != "fetch_reports":
        return None  # "那把上个月的移除订单报告导给我" after a list of claims: the reports, nothing of the list
    if tool == "_decline" and (intent.has("out_of_scope", text) or intent.has("hard_out_of_scope", text)):
        return None  # "what about ads": declined, whatever the list before
    by_arrival = lister.get("name") == "track_shipment" and bool(slots.get("dates")) and (
        intent.has("arrival", text) or any(k in lister.get("args", {}) for k in ("arriving_from", "arriving_by")))
    those_total = intent.has("those_total", text)  # "这些加起来多少": the list's total
    if tool == "claims_summary" and not those_total and slots.get("marketplace") \
            and (slots["marketplace"] != lister.get("args", {}).get("marketplace") or intent.has("summary", text)):
        return None  # "and how much are we owed all up in Oz" after the UK's list: Australia's totals; "那德国站总共
        # 能赔多少呢，麻烦出个汇总" after a list of German claims: the store's totals
    every_store = intent.has("every_store", text)  # "四个站都看 不光德国": the list again, of every store
    widened = every_store and "marketplace" in lister.get("args", {}) \
        and not slots.get("marketplace") and not intent.has("summary", text) and not those_total \
        and len(text.strip()) <= _SHORT_ZH * 2  # "四个站都看一下": the list of every store
    if not (intent.has("refine", text) or intent.has("ellipsis", text) or intent.has("short_ne", text) or those_total
            or unbound or widened
            or _only_bound(text, slots) or _narrowed(text, tool, lister) or (slip and _short_slip(text))
            or (by_arrival and intent.has("arrival", text))
            or (tool == lister.get("name") == "fetch_reports" and intent.has("also", text))) \
            or {"claim_id", "case_id", "shipment_id", "tracking_number"} & set(slots["ids"]):
        return None
    filters = {"list_claims": lambda: list_filters(slots, today),
               "claims_summary": lambda: {"marketplace": slots["marketplace"]} if slots.get("marketplace") else {},
               "track_shipment": lambda: shipment_filters(slots, text, today, arrival=by_arrival),
               "fetch_reports": lambda: report_args(slots, today)}
    name = lister["name"]
    if name == "claims_summary" and tool == "list_claims" and (slots.get("status") or slots.get("type")) \
            and not intent.has("those_total", text):
        name = tool  # "righto, and which of the AU ones got knocked back?" after the totals: those claims, listed
    new = filters[name]()
    if name == "list_claims":
        new = _moved_with_others(text, new, lister)
    if not new and (unbound or widened) and name == "list_claims":  # "那么金额不限的呢": without its bounds
        dropped = {*(AMOUNT if unbound else ()), *(("marketplace",) if widened else ())}
        return name, {k: v for k, v in lister.get("args", {}).items()
                      if k in thread.LISTS[name] and k not in dropped}
    if bare and name == "track_shipment":
        new = {"kind": _kind(bare)}
    totals_of_those = name == "list_claims" and tool == "claims_summary" and (intent.has("refine", text)
                                                                              or those_total)
    if (not new or not set(new) <= set(thread.LISTS[name])) and not totals_of_those:  # "那被拒的呢" after the totals
        if tool not in filters or tool == name or not {name, tool} <= {"list_claims", "claims_summary"}:
            return None  # a claims question after a shipments list carries nothing of it
        name, new = tool, filters[tool]()
    kept = {k: v for k, v in lister.get("args", {}).items() if k in thread.LISTS[name]}
    if "closes_by" in kept and "until" in new and "closes_by" not in new and new["until"] >= today.isoformat():
        # "那下周的呢", "放宽到11.15前", "and before the 20th?": closing then
        start = new.pop("since", None) or kept.get("closes_from") or today.isoformat()
        new["closes_from"], new["closes_by"] = max(start, today.isoformat()), new.pop("until")
        new.setdefault("status", kept.get("status", "claimable"))
    if name == "fetch_reports" and "kinds" in new and intent.has("also", text) and not intent.has("separately", text):
        # "退货报告也一起拉": one more kind; "也单独拉一份": that one alone
        new["kinds"] = kinds_added(kept.get("kinds", []), new["kinds"])
    if by_arrival and "status" not in new and "arriving_by" in new \
            and kept.get("status") not in ("in_transit", "out_for_delivery"):  # "空运的下周能到不" after "还在清关吗":
        kept = {k: v for k, v in kept.items() if k != "status"}  # when they arrive, not those held at customs
    if "marketplace" in new and "order_id" in kept:  # "and the Mexico claims that are still pending" after one
        kept = {k: v for k, v in kept.items() if k not in ("order_id", "type")}  # order's: the store's, not the order's
    if new.get("type") in IMPLIED_BY_TYPE and kept.get("status") in ("reimbursed", "partly_reimbursed", "reversed"):
        kept = {k: v for k, v in kept.items() if k != "status"}  # "And any UK ones where they clawed the reimbursement
        # back" after the partly paid ones: a kind told by its payment, not among the partly paid
    if intent.has("others", text):  # "那别的sku仓丢的呢": the other goods, not the ones of the list before
        kept = {k: v for k, v in kept.items() if k not in GOODS_IDS}
    if every_store and "marketplace" not in new:  # the store of the list before is not kept
        kept = {k: v for k, v in kept.items() if k != "marketplace"}
    if _ANY_AMOUNT.search(text):  # "any amount, but in Germany": the same list without its amount bounds
        kept = {k: v for k, v in kept.items() if k not in AMOUNT}
    new.update(_bound_again(text, kept, new))
    other = _other_bound(kept, new)
    if any(k in new for k in ("amount_min", "amount_max")) and "currency" not in new and "currency" in kept:
        other["currency"] = kept["currency"]  # "cap it at 200 as well": in the list's currency
    for group in FILTER_GROUPS:
        if set(group) & set(new):
            kept = {k: v for k, v in kept.items() if k not in group}
    return name, {**kept, **other, **new}


def _report_swapped(text: str, slots: dict[str, Any], lister: dict[str, Any]) -> dict[str, Any] | None:
    """A short turn after reports that names another report by what it holds ("换成移除订单的", "the removal orders
    instead"): that report, for the same days."""
    if lister.get("name") != "fetch_reports" or slots["ids"] \
            or len(text.strip()) > (_SHORT_EN if text.isascii() else _SHORT_ZH):
        return None
    said = re.sub(r"(?:的|\s*instead|\s*ones?)?\W*$", "", text, flags=re.I)
    kinds = report_kinds(said + (" report" if said.isascii() else "报告"))
    if not kinds or kinds == slots.get("report_kinds"):
        return None  # "退货报告也一起拉": the kind said as it is, added below
    return {**_reports_kept(lister), "kinds": kinds}


# A kind of report said by what it holds, added to the reports before ("哦还有退货的 也加上 时间不变").
_KIND_ADDED = re.compile(r"([\u4e00-\u9fff]{2,6})的\s*(?:也|一起|都)\s*(?:加上|加进去|要|拉|带上)")


def _report_added(text: str, lister: dict[str, Any]) -> dict[str, Any] | None:
    """After reports, a kind said without its report word and added to them: the same days, one kind more."""
    added = _KIND_ADDED.search(text) if lister.get("name") == "fetch_reports" else None
    kinds = report_kinds(added.group(1) + "报告") if added else []
    if not kinds:
        return None
    kept = _reports_kept(lister)
    return {**kept, "kinds": kinds_added(kept.get("kinds", []), kinds)}


def _reports_kept(lister: dict[str, Any]) -> dict[str, Any]:
    """What the reports asked before were asked with (their days, their kinds)."""
    return {k: v for k, v in lister.get("args", {}).items() if k in thread.LISTS["fetch_reports"]}


def kept_store(tool: str, text: str, slots: dict[str, Any]) -> str | None:
    """The store the thread's last list was of (``thread_store``), for a new list or totals that name none ("UK only"
    then "list the ones still pending over £100"), and the store of the rule question just asked (``rule_store``)
    for the next ("德国站仓损 要在多久之内提" then "那要准备什么证明材料"): a thread stays on its store until another is
    named or every store is asked."""
    store = slots.get("rule_store") if tool == "search_policy" else slots.get("thread_store")
    if tool not in ("list_claims", "claims_summary", "search_policy") or not store or slots.get("marketplace") \
            or intent.has("every_store", text):
        return None
    return str(store)


def _rule_again(text: str, slots: dict[str, Any], subject: dict[str, Any]) -> dict[str, Any] | None:
    """The last rule question asked of another store ("那英国站呢 时效一样吗", "and for DE?"): its query and the store
    named, when the turn names nothing else to list."""
    asked = subject.get("rule_asked")
    if not asked or not slots.get("marketplace") or slots["ids"] \
            or any(slots.get(k) for k in ("status", "type", "dates", "amounts", "ship_kind", "ship_state")) \
            or not (intent.has("short_ne", text) or intent.has("ellipsis", text) or len(text.strip()) <= 24):
        return None
    if intent.has("list", text) and not intent.has("rule_words", text) and not intent.has("deadline", text):
        return None  # "英国站有哪些呢": the store's claims
    return {"query": f"{asked} {text.strip()}", "marketplace": slots["marketplace"]}


def _bound_again(text: str, kept: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A figure said with its currency and no bound, where the list had one bound ("澳洲站也查哈 100澳币" after
    "加拿大站呢 一百加币以上"): that bound again, at the figure and in its currency."""
    bounds = [k for k in ("amount_min", "amount_max") if k in kept]
    if any(k in new for k in AMOUNT) or len(bounds) != 1 or (figure := bare_amount(text)) is None:
        return {}
    value, currency = figure
    return {bounds[0]: value, **({"currency": currency} if currency else {})}


def _other_bound(kept: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The last list's other amount bound, kept when the turn sets one bound that fits with it ("cap it at CAD
    300" after "CAD 50 or more": 50 to 300); a bound that would pass the other replaces both."""
    for bound, other in (("amount_max", "amount_min"), ("amount_min", "amount_max")):
        if bound in new and other not in new and other in kept and new.get("currency", kept.get("currency")) \
                == kept.get("currency"):
            low, high = (kept[other], new[bound]) if bound == "amount_max" else (new[bound], kept[other])
            return {other: kept[other]} if low < high else {}
    return {}
