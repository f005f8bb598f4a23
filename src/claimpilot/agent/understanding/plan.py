"""From an utterance (and the thread's subject) to the tool and its arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimpilot import clock
from claimpilot.agent.understanding import intent, thread
from claimpilot.agent.understanding.amounts import find_amounts, lone_currency
from claimpilot.agent.understanding.claim_types import claim_type
from claimpilot.agent.understanding.dates import HALF_MONTH, DateRange, find_dates, half_month
from claimpilot.agent.understanding.denials import denial_reason
from claimpilot.agent.understanding.filters import list_filters, one_range, report_args, shipment_filters
from claimpilot.agent.understanding.followups import asked_again, kept_store
from claimpilot.agent.understanding.ids import DAY_NUMBER, GOODS_IDS, PRODUCT_IDS, blanked, find_ids, loose_number
from claimpilot.agent.understanding.language import amazon_voice, answer_language
from claimpilot.agent.understanding.lexicon import find
from claimpilot.agent.understanding.normalize import normalize
from claimpilot.agent.understanding.picks import named_claims, named_span, picked_claim
from claimpilot.agent.understanding.places import DAY_FIRST_STORES, marketplace
from claimpilot.agent.understanding.reports import report_kinds
from claimpilot.agent.understanding.shipments import shipment_kind, shipment_state
from claimpilot.agent.understanding.slips import slip_taken_back
from claimpilot.agent.understanding.statuses import CLOSING_SOON, status_for, status_word
from claimpilot.agent.understanding.story import (
    drop_departure_days,
    drop_story_before_totals,
    drop_story_days,
    drop_story_shipment,
    drop_told_before_kind,
)

_WORD_HYPHEN = re.compile(r"(?<=[A-Za-z])[-_](?=[A-Za-z])"  # refund-above-paid, removal_shipment_short; not Aug-Oct
                          r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.I)
# Words of loss or damage that tell no loss of goods ("how bad is the damage", "what was lost", "I've lost track").
_WE = r"(?:was|we(?:'ve| have)?|i(?:'ve| have)?)"
_IDIOM = re.compile(rf"\bhow bad (?:is|was) the damage\b|\bdamage control\b|\bthe damage is done\b|\blost track\b"
                    rf"|\bwhat {_WE} lost\b|\bhow much {_WE} lost\b|\blost (?:out|money|sleep)\b"
                    rf"|\b(?:have|did) we claw(?:ed)? back\b|\bwe(?:'ve| have)? clawed back\b"  # recovered
                    rf"|\bwhat(?:'s| is) the damage\b"
                    r"|丢了?(?:好|大概|差不多)?[几一二两三四五六七八九十\d]+[百千万]?(?:多)?"  # 丢了好几百刀: money
                    r"(?:刀|美金|美元|块|欧|镑|元)",
                    re.I)
_WARNING = re.compile(r"(?:不要|别(?!的)|莫|免得|以免|省得|不然|否则)[^,，。!！?？\s]{0,10}(?:过期|到期)了?")
# An id's name ("移除单号 LR8… 系统里有对应的索赔没"): no kind of loss, unless a shortage is told ("…差8件 这单能赔吗").
_ID_NAME = re.compile(r"移除(?:订)?单号(?![^。?？]*(?:少|差|短|缺|丢|没收到))|\bremoval order (?:id|number|no\.?|#)"
                      r"(?![^.?]*\b(?:short|missing|lost|only got|only received)\b)", re.I)
_INSTEAD_OF = re.compile(r"\b(?:instead of|rather than)\s+(?:the\s+)?[a-z]+(?:\s+ones)?\b"
                         r"|(?<=[,.;] )not (?:the )?(?:damaged|lost|missing|stolen)(?: ones?)?\b",  # "…, not damaged."
                         re.I)
_THAT_CASE = re.compile(r"(?<!\bin )\b(?:that|this) case\b|(?:这个|那个|该)\s*(?:case|案子|案件|工单)|该案", re.I)
# The thread's claim said as such beside a case id pasted from Amazon ("… Case ID 1960…'. pls log it for that claim"):
# that claim's news, whatever case number Amazon quoted.
_THAT_CLAIM = re.compile(r"\b(?:for|to|on|under) (?:that|this|the same) claim\b|(?:这个|那个|该)索赔(?:上|里|下)?",
                         re.I)
# Another claim's number alone after one claim's turn ("那131呢", "and 131?", "what about #57"): that claim.
_ANOTHER_CLAIM = re.compile(r"^\W*(?:那|那么|还有|再看下?)?\s*(?:第|#|索赔|claim\s*)?(\d{1,6})"
                            r"\s*(?:号|个)?\s*(?:的)?呢\W*$"
                            r"|^\W*(?:and|what about|how about)\s+(?:claim\s*)?#?(\d{1,6})"
                            r"(?:\s+(?:too|as well|also|while (?:you.re|ur|u r|you are) at it|pls|please))?\W*$"
                            r"|^\W*(?:那|还有)?\s*(?:第|#|索赔|claim\s*)?(\d{1,6})\s*(?:号|个)?\s*也\s*(?:一样|要|写|弄|搞|做|来一个)?"
                            r"\s*(?:吧|一下|下)?\W*$", re.I)  # "89 也写" after claim 88's case
_THAT_SHIPMENT = re.compile(r"\b(?:that|this|the same) shipment\b|(?:这个|那个|该)货件|这票|那票", re.I)
_THAT_ORDER = re.compile(r"\b(?:that|this|the same) order\b|(?:这个|那个)订单|这一?单|那一?单", re.I)
_REPORT_PERIOD = re.compile(r"^\s*(?:份)?(?:的|'s|’s)?\s*(?:ledger|报告|报表|settlement|结算|reports?)", re.I)
TEXT_ARGS = ("query", "question", "message", "text")
REQUIRED = {"get_claim": ("claim_id|case_id",), "draft_case": ("claim_id",), "draft_appeal": ("claim_id|case_id",),
            "record_denial": ("claim_id|case_id",), "mark_case_submitted": ("claim_id", "case_id")}
CLAIM_ACTIONS = ("draft_case", "draft_appeal", "record_denial", "mark_case_submitted")
ALL_TOOLS = {"fetch_reports", "run_audit", "claims_summary", "list_claims", "get_claim", "draft_case",
             "draft_appeal", "mark_case_submitted", "record_denial", "search_policy", "track_shipment",
             "draft_buyer_reply"}


@dataclass
class Understanding:
    """What the person asked: the tool (or _help / _decline), its arguments, what is missing, the language."""

    lang: str
    tool: str
    args: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    named: list[int] = field(default_factory=list)  # claims named together, to be picked from later (picks.py)
    redone: bool = False  # the thread's last draft asked again in other words ("改短一点")
    declined_part: bool = False  # a part asked beside it is outside claimpilot ("…还有那个listing的标题顺便帮我改改")

    @property
    def kind(self) -> str:
        if self.tool.startswith("_"):
            return self.tool[1:]
        return "missing" if self.missing else "tool"


def resolve(text: str, today: date) -> dict[str, Any]:
    """Every slot the resolvers find in (normalised) ``text``."""
    ids = find_ids(text)
    rest = blanked(text, ids.spans)
    rest = _WORD_HYPHEN.sub(" ", rest)  # "refund-above-paid", "warehouse-lost": the words (ids are blanked)
    for unsaid in (_ID_NAME, _INSTEAD_OF, _IDIOM, _WARNING):  # "damaged instead of lost", "how bad is the damage",
        # 不要又…过期了
        rest = unsaid.sub(lambda m: " " * len(m.group(0)), rest)
    slots: dict[str, Any] = {"ids": ids.values, "id_spans": ids.spans}
    deadline = intent.has("deadline", rest) or status_word(rest) == CLOSING_SOON
    told_no = intent.has("denied", rest) or intent.has("note_it", rest)
    said = told_no or (intent.has("amazon_said", rest) and status_word(rest) != CLOSING_SOON)
    denied = told_no or amazon_voice(text)  # a denial told, or Amazon's reply pasted
    reasons = find("denial_reasons", rest) if said else []  # Amazon's reason, not a status to list
    unreasoned = _blank(rest, reasons)
    told_type = claim_type(rest, situations=_may_tell_a_situation(rest, ids.values))
    untyped = _blank(unreasoned, find("claim_types", unreasoned))  # "refund above paid claims": no status
    status = status_for(untyped, told_type)
    if told_type == "reimbursement_reversed_unfound" and not status and intent.has("own_filed", rest):
        told_type, status = None, "reversed"  # "我们提过的索赔里 赔了之后又被倒扣回去的": ours, paid then reversed
    for name, value in (("status", status), ("type", told_type),
                        ("marketplace", marketplace(rest)), ("denial_reason", denial_reason(rest, denied))):
        if value:
            slots[name] = value
    ahead = deadline and status_word(rest) != "expired" and not intent.has("audit", rest) \
        and not (intent.has("report", rest) and intent.has("fetch", rest))  # "截止9月30号跑个audit": a past day
    dates = find_dates(rest, today, ahead=ahead, day_first=slots.get("marketplace") in DAY_FIRST_STORES)
    if dates:
        slots["dates"] = dates
    amounts = [a for a in find_amounts(rest) if not any(a.span[0] < d.span[1] and d.span[0] < a.span[1]
                                                        for d in dates)]
    if amounts:
        slots["amounts"] = amounts
    elif currency := lone_currency(rest):
        slots["currency"] = currency  # "赔少了的 … 加币的": the claims in Canadian dollars
    kinds = report_kinds(rest)
    if kinds:
        slots["report_kinds"] = kinds
    for name, value in (("ship_state", shipment_state(rest)), ("ship_kind", shipment_kind(rest))):
        if value:
            slots[name] = value
    slots["deadline"] = deadline
    slots["loss_dates"] = intent.has("loss_dates", rest)  # "expired claims from losses between March and May"
    return slots


def _blank(text: str, hits: list[tuple[str, int, int]]) -> str:
    """``text`` with the phrases found (lexicon hits: value, start, end) blanked, its length kept."""
    return blanked(text, [(s, e) for _, s, e in hits])


def _may_tell_a_situation(text: str, ids: dict[str, Any]) -> bool:
    """Whether a claim type may be read from the situation ``text`` tells: not when an id already pins
    the claims, nor in a buyer's message to answer, nor of goods on their way by sea or air."""
    if ids or (intent.has("buyer_noun", text) and intent.has("buyer_reply", text)) or shipment_kind(text) \
            or ((intent.has("late", text) or (intent.has("arrival", text) and intent.has("shipment", text)
                                               and not find("statuses", text)))
                and not intent.has("claim_words", text)):  # "有没有卡住不动或者延误的货", "下礼拜能到仓的货有哪几票"
        return False
    if len(text) < 16 and find("statuses", text) and not find("claim_types", text):
        return False  # "昨晚有回款没 赔下来的给我看看": a status asked, no loss told
    if len(text) < 16 and _REDONE.search(text):
        return False  # "去掉金额条件 再拉一次": the list asked again, no loss told
    if intent.has("anaphora", text) and (intent.has("appeal", text) or intent.has("case_draft", text)) \
            and not find("claim_types", text):
        return False  # "给它写个申述 就说我们没看到有找回来的货": what to say for the thread's claim
    if intent.has("totals", text) and intent.has("summary", text) and (len(text) < 30 or not find("claim_types", text)):
        return False  # "五个店加起来 一共还有多少钱能追回来": the totals asked, no loss told
    if intent.has("ellipsis", text) and len(text) < 40:  # "same thing but damaged": the list's type, by its word
        return False  # "派送中的货件有哪几票" asks where goods are; "只签收了470 这种的有几条" tells a loss
    return not shipment_state(text) or intent.has("claim_words", text) or intent.has("kind_of", text)


_ALSO_ASKED = re.compile(r"[\s,，。]+(?:还有|另外|顺便|再就是|(?:and\s+)?also\b|\bwhile you(?:'re| are) at it\b)", re.I)
_TAKEN_BACK = re.compile(r"[\s,，]*(?:还没|没有|先不|不是要|不用)[^,，。]{0,8}[\s,，]+(?:你|麻烦你?)?先?帮我")
_REDONE = re.compile(r"再(?:拉|查|看|列|跑|出|导)(?:一)?(?:次|遍|下|份)")
_REASON_FIRST = re.compile(r"\s*(?:因为|由于|\bbecause\b)", re.I)


def understand(text: str, today: date | None = None, subject: dict[str, Any] | None = None,
               tools: set[str] | None = None) -> Understanding:
    """The tool ``text`` asks for, with its arguments; ``subject`` is the thread's (see thread.py)."""
    today = today or clock.today()
    tools = tools if tools is not None else ALL_TOOLS
    lang = answer_language(text)
    plain = normalize(text)
    aside = intent.search("put_aside", plain)
    story = ""
    if aside and len(plain) - aside.end() >= 4:  # "…算了那个先不管，你就帮我看看现在有哪些能提的": the request alone
        story, plain = plain[:aside.end()], plain[aside.end():]
    slots = slip_taken_back(plain, resolve(plain, today), lambda said: resolve(said, today))
    if story and intent.has("anaphora", plain):  # "…我就想问这一票现在有没有能索赔的": the story's shipment
        slots["ids"] = {**{k: v for k, v in resolve(story, today)["ids"].items() if k in GOODS_IDS},
                        **slots["ids"]}
    slots = _with_loose_claim(plain, slots, tools)
    another = _ANOTHER_CLAIM.match(plain) if thread.claim_ref(subject) and not slots["ids"] else None
    if another:  # "那131呢" after claim 128: claim 131, asked as 128 was
        slots["ids"] = {"claim_id": int(next(g for g in another.groups() if g))}
    together = named_claims(plain)  # "ok 793 and 797 looks good. open the first one": of those just named
    picked = None if "claim_id" in slots["ids"] else picked_claim(
        plain, {**(subject or {}), "named_claims": together} if together else subject)
    if picked:  # "上面说的第二个也查一下" after "索赔 457和463 … 先查457": claim 463
        slots["ids"] = {**slots["ids"], "claim_id": picked}
    asked = intent.asked_part(plain)
    slots["asked_at"] = len(plain) - len(asked)  # where the request starts, after any reason
    said_now = [d for d in slots.get("dates", []) if d.span[0] >= slots["asked_at"]]
    if said_now:  # "老板今天又在群里催了…，麻烦帮我把10月份…列一下": the request's days, not the story's
        slots["dates"] = said_now
    elif slots.get("dates") and slots["asked_at"] and _REASON_FIRST.match(plain) \
            and all(d.future for d in slots["dates"]):  # "因为双十一前仓库要盘点 你先帮我把…列一下": the reason's day
        slots["dates"] = []  # ahead, not the request's ("因为客户说9月份到现在丢了好多货，所以…": the losses' days)
        slots["deadline"] = intent.has("deadline", asked)
    slots["asked"] = asked
    store_asked = marketplace(asked) if slots["asked_at"] else None
    if store_asked:  # "去年做美国站的时候…今年开了日本站 我就想问日本站…": the store of the request, not the story's
        slots["marketplace"] = store_asked
    drop_departure_days(plain, slots)
    drop_told_before_kind(plain, slots)
    slots["thread_store"] = ((subject or {}).get("lister") or {}).get("args", {}).get("marketplace")
    slots["rule_store"] = (subject or {}).get("rule_store")
    drop_story_days(plain, slots)
    drop_story_shipment(plain, slots)
    drop_story_before_totals(slots)
    half = HALF_MONTH.search(plain)
    if half and len(slots.get("dates", [])) == 1 and slots["dates"][0].span == half.span() \
            and (subject or {}).get("period"):  # "那个后半个月的也导一下" after October's first half: October's
        month = date.fromisoformat(subject["period"][0])
        slots["dates"] = [DateRange(*half_month(month.year, month.month, half.group(1)), span=half.span())]
    if not slots.get("type") and (subject or {}).get("topic_type") and intent.has("kind_of", plain):
        slots["type"] = subject["topic_type"]  # "有没有这种能追回来的" after a rule question about a kind of loss
    if intent.has("same_period", plain) and not slots.get("dates") and (subject or {}).get("period"):
        start, end = (date.fromisoformat(d) for d in subject["period"])  # "同期的退货报告": the last call's dates
        slots["dates"] = [DateRange(start, end)]
    if "order_id" not in slots["ids"] and (subject or {}).get("order_id") and _THAT_ORDER.search(plain) \
            and intent.has("claim_words", plain):
        slots["ids"] = {**slots["ids"], "order_id": subject["order_id"]}  # "do we have a claim on that order too?"
    pointed = intent.has("anaphora", plain)
    claim = thread.claim_ref(subject, case_word=bool(_THAT_CASE.search(plain)))
    ship = thread.shipment_ref(subject)
    ids = slots["ids"]
    pointed_claim = bool(claim) and "claim_id" not in ids and (pointed or _follow_up(plain, slots)
                                                               or intent.has("time_left", plain))
    pointed_ship = bool(ship) and (pointed or (_asks_of_one(plain, slots) and not slots.get("ship_kind"))) \
        and not intent.has("others", plain) \
        and not ({"shipment_id", "tracking_number", "order_id"} & set(ids)) \
        and not (slots.get("ship_kind") and intent.has("short_ne", plain))  # "我们其他那些海运的", "那空派那批呢"
    tool = _decided(plain, asked, slots, pointed_claim, pointed_ship, tools)
    fix = intent.search("correction", plain)  # "标一下已提交 哦不对不对 还没提 你先帮我把case写出来": the request
    if fix and asked == plain and _TAKEN_BACK.match(plain[fix.end():]):  # said after the slip
        again = intent.decide(plain[fix.end():], slots, pointed_claim, pointed_ship, tools, nearest=False)
        tool = again if again in ("draft_case", "draft_appeal", "draft_buyer_reply", "record_denial",
                                  "mark_case_submitted") else tool
    redo = (subject or {}).get("last_draft")
    if redo and redo["name"] in tools and intent.has("revise_draft", plain) and not _has_claim(ids) \
            and "order_id" not in ids:  # "make it shorter, and offer a replacement": the last draft, redone
        again = {**redo["args"], **({"seller_request": text.strip()} if redo["name"] == "draft_buyer_reply" else {})}
        return Understanding(lang, redo["name"], again, [], slots, redone=True)
    if not redo and intent.has("revise_draft", plain) and not _has_claim(ids) and "order_id" not in ids \
            and tool not in ("draft_case", "draft_appeal", "draft_buyer_reply"):
        return Understanding(lang, "_no_draft", slots=slots)  # "改短一点" with nothing drafted: which draft is meant
    if another and (subject or {}).get("last_action") in ("get_claim", "draft_case", "draft_appeal"):
        tool = subject["last_action"]
    elif tool == "get_claim" and "claim_id" in ids and intent.has("same_action", plain) \
            and (subject or {}).get("last_action") in tools:
        tool = subject["last_action"]  # "第24个也一样 顺手弄了" after an appeal written for another claim
    again = asked_again(tool, plain, slots, subject or {}, today, tools)
    if again:
        return Understanding(lang, again[0], {**again[1], **({"query": text.strip()} if again[0] == "track_shipment"
                                                              else {})}, [], slots)
    if tool.startswith("_") or tool not in tools:
        return Understanding(lang, tool if tool.startswith("_") else "_help", slots=slots)
    args = _arguments(tool, text, slots, today, claim if (pointed_claim or not _has_claim(ids)) else {},
                      ship if pointed_ship else {}, subject or {}, pointed, plain)
    store = kept_store(tool, plain, slots)
    if store:
        args["marketplace"] = store
    missing = [r for r in REQUIRED.get(tool, ()) if not any(k in args for k in r.split("|"))]
    also = _ALSO_ASKED.search(plain)
    return Understanding(lang, tool, args, [m.split("|")[0] for m in missing], slots,
                         named_claims(plain) or _one_after_another(args, subject or {}),
                         declined_part=also is not None and intent.has("out_of_scope", plain[also.start():]))


def _with_loose_claim(text: str, slots: dict[str, Any], tools: set[str]) -> dict[str, Any]:
    """``slots`` with a bare number as the claim number when, so read, the words ask for something done
    to that claim ("给33写个case", "amz denied 31, said the unit was found"); else as they were."""
    ids = slots["ids"]
    if "claim_id" in ids or ("case_id" in ids and not (intent.has("filed", text) or (
            intent.has("case_number", text) and not intent.has("denied", text)))):
        return slots  # "22号那个仓损的我刚提了 案例号 1883…": the case number of claim 22's filing; a denial of
        # the case named ("12号那个case被驳回了 … 案例号1503…") is of that case
    listed = named_span(text)  # "518 and 522 …, write the case text for 518 first": the one asked of
    number = loose_number(text, [*slots["id_spans"], *(d.span for d in slots.get("dates", [])),
                                 *(a.span for a in slots.get("amounts", [])), *([listed] if listed else [])])
    if number is not None and not _in_pasted_reply(text, number):
        trial = {**slots, "ids": {**ids, "claim_id": number}}
        tool = intent.decide(text, trial, False, False, tools, phrases=_blank_phrases(text))
        asked = tool in CLAIM_ACTIONS or (tool == "get_claim" and (intent.has("claim_status_q", text)
                                                                   or intent.has("paid_asked", text)))
        return trial if asked else slots  # "88号 入库少件那个 现在到哪一步了", "98号那个赔偿到账了没有": claim 88, 98
    day = DAY_NUMBER.search(text)
    if day is None or intent.has("deadline", text) or any(k in ids for k in (*GOODS_IDS, "tracking_number")):
        return slots  # "12号前到期的": a date; "FBA15…这票…29号就送到仓库了": a day of those goods
    dates = [d for d in slots.get("dates", []) if not (d.span[0] < day.end() and day.start() < d.span[1])]
    trial = {**slots, "ids": {**ids, "claim_id": int(day.group(1))}, "dates": dates}
    if not dates:
        trial.pop("dates")
    tool = intent.decide(text, trial, False, False, tools, phrases=_blank_phrases(text))
    asked = tool in CLAIM_ACTIONS or (tool == "get_claim" and intent.has("claim_status_q", text))
    return trial if asked else slots  # "5号被拒了 理由是…", "22号啥情况": claim 5, claim 22


def _in_pasted_reply(text: str, number: int) -> bool:
    """Whether ``number`` is said only inside Amazon's reply pasted in the line ("60 jours", "6 unità"), not in the
    seller's own first or last line around it ("filed for 1255, confirmation below")."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    if len(lines) < 3 or not amazon_voice(text):
        return False
    return not re.search(rf"(?<!\d){number}(?!\d)", lines[0] + "\n" + lines[-1])


def _decided(text: str, asked: str, slots: dict[str, Any], pointed_claim: bool, pointed_ship: bool,
             tools: set[str]) -> str:
    """The tool of the request: of the words after the background told first ("客户下周要对账 所以你先帮我出个汇总")
    when their cues decide one, else of the whole."""
    if asked != text and not intent.has("hard_out_of_scope", text):  # "德国站的VAT…你帮我算一下": out of scope
        tool = intent.decide(asked, slots, pointed_claim, pointed_ship, tools, phrases=_blank_phrases(asked),
                             nearest=False)
        if tool is not None and tool != "_help":
            return tool
    tool = intent.decide(text, slots, pointed_claim, pointed_ship, tools, phrases=_blank_phrases(text)) or "_help"
    also = _ALSO_ASKED.search(text)
    named = any(k in slots["ids"] for k in ("claim_id", "case_id"))  # its span, as said ("索赔一千零五十二")
    if tool == "_decline" and also and named and any(end <= also.start() for _, end in slots.get("id_spans", [])):
        # "索赔352的case帮我写一下 还有那个listing的标题顺便帮我改改": the claim's case; the listing is no claim work
        first = text[:also.start()]
        mine = intent.decide(first, slots, pointed_claim, pointed_ship, tools, phrases=_blank_phrases(first),
                             nearest=False)
        if mine and not mine.startswith("_") and not intent.has("out_of_scope", first):
            return mine
    return tool


def _blank_phrases(text: str) -> str:
    """``text`` with its claim-type, denial-reason and report-kind phrases blanked (slots, not requests: the
    reimbursements report asks for no claims)."""
    spans = [(s, e) for table in ("claim_types", "denial_reasons", "report_kinds") for _, s, e in find(table, text)]
    return blanked(text, spans)


def _asks_of_one(text: str, slots: dict[str, Any]) -> bool:
    """A yes/no or when question about where goods stand, naming none ("扣关了没", "delivered yet?"): the
    thread's shipment, not a list of every shipment in that state."""
    return intent.has("track_it", text) or bool(slots.get("ship_state") or intent.has("shipment", text)) \
        and (intent.has("yes_no", text) or intent.has("arrival", text)) \
        and not intent.has("list", text) and not intent.has("claim_words", text)  # "那啥时候能到仓", "查物流"


def _thread_order(text: str, subject: dict[str, Any]) -> bool:
    """Whether the words point at the thread's order: it was named last, or they say "that order" / 这单."""
    return bool(subject.get("order_id")) and (subject.get("last") == "order_id" or bool(_THAT_ORDER.search(text)))


def _one_after_another(args: dict[str, Any], subject: dict[str, Any]) -> list[int]:
    """Claims named one a turn ("索赔318 现在啥情况", "那322呢"): the two, to be picked from by place ("第一个")."""
    before, now = subject.get("claim_id"), args.get("claim_id")
    if before is None or now is None or before == now:
        return []
    named = [int(n) for n in subject.get("named_claims") or []]
    if named and named[-1] == int(before):  # one more after those named together, unless it is one of them
        return [] if int(now) in named else [*named, int(now)]
    return [int(before), int(now)]


def _has_claim(ids: dict[str, Any]) -> bool:
    return "claim_id" in ids or "case_id" in ids


def _follow_up(text: str, slots: dict[str, Any]) -> bool:
    """A short turn naming no claim but saying something happened to one (a denial, a filing)."""
    return bool(intent.has("denied", text) or intent.has("filed", text) or intent.has("appeal", text)
                or intent.has("case_draft", text) or (slots.get("denial_reason") and intent.has("amazon_said", text))) \
        and not (intent.has("list", _blank_phrases(text)) and not intent.amazon_reason(text, slots))
    # Amazon's no with its reason: whatever else the words hold (那几个 of the goods), news of the thread's claim


def _arguments(tool: str, text: str, slots: dict[str, Any], today: date, claim: dict[str, Any],
               ship: dict[str, Any], subject: dict[str, Any], pointed: bool, plain: str) -> dict[str, Any]:
    """The tool's arguments; ``plain`` is ``text`` as normalised, which the slots' spans are of."""
    ids = slots["ids"]
    args: dict[str, Any] = {}
    if tool in ("get_claim", "draft_case", "draft_appeal", "record_denial", "mark_case_submitted"):
        if "claim_id" in ids:
            args["claim_id"] = ids["claim_id"]
        elif "case_id" in ids and tool != "mark_case_submitted" and not (
                claim.get("claim_id") is not None and _THAT_CLAIM.search(text)):
            args["case_id"] = ids["case_id"]
        else:
            args.update(claim)
        if tool == "mark_case_submitted":
            args.pop("case_id", None)  # the case id given now is the filing's, not a reference to the claim
            if "case_id" in ids:
                args["case_id"] = ids["case_id"]
            if "claim_id" not in args and subject.get("claim_id") is not None:
                args["claim_id"] = subject["claim_id"]
        if tool == "draft_case" and "case_id" in args and "claim_id" not in args:
            args.pop("case_id")
        if tool == "record_denial":
            args["reason"] = text.strip()
            if slots.get("denial_reason"):
                args["reason_code"] = str(slots["denial_reason"])
    elif tool == "list_claims":
        args.update(list_filters(slots, today))
        if "shipment_id" in args:
            args.pop("marketplace", None)  # "发了一批货到美国 货件号FBA15…": the shipment is of one store
        if "order_id" not in args and pointed and _thread_order(text, subject):
            args["order_id"] = subject["order_id"]
        elif not {"order_id", "shipment_id", *PRODUCT_IDS} & set(args) and pointed \
                and subject.get("last") == "shipment_id" \
                and (slots.get("type") or _THAT_SHIPMENT.search(text)) and not intent.has("all_of", text):
            args["shipment_id"] = subject["shipment_id"]  # "那它入仓以后有没有少收的": the thread shipment's claims
    elif tool == "claims_summary":
        if slots.get("marketplace"):
            args["marketplace"] = slots["marketplace"]
    elif tool == "search_policy":
        args["query"] = text.strip()
        store = slots.get("marketplace") or (subject.get("lister") or {}).get("args", {}).get("marketplace")
        if store:
            args["marketplace"] = store  # a rule asked after a store's list: that store's rule
        if "order_id" in ids:
            args["order_id"] = ids["order_id"]  # the seller's own order: its claims come with the rule
        elif pointed and _thread_order(text, subject):
            args["order_id"] = subject["order_id"]  # "这单要是退款不退货 能赔吗": the thread's order
    elif tool == "track_shipment":
        args["query"] = text.strip()
        for k in ("shipment_id", "tracking_number", "order_id"):
            if k in ids:
                args[k] = ids[k]
        if not any(k in args for k in ("shipment_id", "tracking_number", "order_id")):
            args.update(ship or shipment_filters(slots, slots.get("asked") or text, today))
            # arrival words of the request, not of the story told first ("货代讲上周到港了…我就想问一下…还在清关的")
    elif tool == "draft_buyer_reply":
        args["message"] = text.strip()
        for k in ("order_id", "message_id"):
            if k in ids:
                args[k] = ids[k]
        if "order_id" not in args and pointed and subject.get("order_id"):
            args["order_id"] = subject["order_id"]  # "这单再帮我回一条": the thread's order
    elif tool == "fetch_reports":
        args.update(report_args(slots, today))
    elif tool == "run_audit":  # its day is said in the request, not in the reason told first ("因为客户今天早上…所以")
        said = [d for d in slots.get("dates", []) if d.span[0] >= slots.get("asked_at", 0)
                and not (d.start != d.end and _REPORT_PERIOD.match(plain[d.span[1]:]))]
        rng = one_range({"dates": ([d for d in said if (d.end or d.start) != today] or said)[:1]})
        # one day, the first said other than today in passing: "as of oct 31 please, client wants an end-of-month
        # number" is October's; "你今天要是还没跑…数据截止到上周五" last Friday
        # "刚把10月的ledger…重新传了一遍 再跑一遍": October is the report's, not the audit's day
        if rng and (rng.end or rng.start) and not ((rng.end or rng.start) == today and (
                intent.has("fetched", text) or not intent.has("as_of_said", text))):  # "今天又多了几单…跑下audit"
            args["as_of"] = (rng.end or rng.start).isoformat()  # "I upload new reports today": the upload's day
    return args
