"""Which tool a request needs, from cues (``cues.yaml``) and the slots already resolved.

Precedence, first that holds:
 1. help words alone -> _help; outside claimpilot's scope (ads, listings, poems) -> _decline;
 2. a buyer's message to answer -> draft_buyer_reply;
 3. with a claim named (number, case id, or the thread's claim when the words point back):
    a denial (not asked "why") -> record_denial; appeal words -> draft_appeal; filing words ->
    mark_case_submitted; case-writing words -> draft_case; else get_claim;
 4. reports to fetch -> fetch_reports (before questions: "能帮我拉一下报告吗" fetches);
 5. a follow-up on the thread's shipment ("is it delivered", "这票什么时候能到") -> track_shipment;
    the seller's own totals ("一共", "so far") -> claims_summary; a question about the rules ->
    search_policy; shipments (ids or words) -> track_shipment;
    an audit -> run_audit; totals of money -> claims_summary; claim filters or list words ->
    list_claims;
 6. else the nearest example utterances (the embedding index of agent/router), or help.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from claimpilot import yamlfile
from claimpilot.agent.understanding.ids import GOODS_IDS, PRODUCT_IDS

FALLBACK_THRESHOLD = 0.84
_CASE_NOUN = re.compile(r"case|案件|工单", re.I)
# Said after a request, taking it back ("帮我把它标成已提交 哦不对 … 算了 你看下…"): the request after it counts.
_TAKEN_BACK_AFTER = re.compile(r"不对|算了|不用了|\bnever ?mind\b|\bnvm\b|\bscratch that\b|\bno wait\b", re.I)


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    text = (resources.files("claimpilot.agent.understanding") / "cues.yaml").read_text(encoding="utf-8")
    data = yamlfile.safe_load(text)
    return {name: re.compile("|".join(f"(?:{p})" for p in patterns), re.I | re.A)  # \b: ASCII words only
            for name, patterns in data.items()}  # ("report拉", "被deny了": a Chinese character ends an English word)


def has(cue: str, text: str) -> bool:
    return bool(_cues()[cue].search(text))


def search(cue: str, text: str) -> re.Match[str] | None:
    """The first word of ``cue`` in ``text``, as a match."""
    return _cues()[cue].search(text)


def asked_to_mark_filed(text: str) -> bool:
    """Asked in so many words to record a filing ("please mark it as filed"), and not taken back after."""
    m = _cues()["mark_filed"].search(text)
    return m is not None and not _TAKEN_BACK_AFTER.search(text, m.end())


def first_match(cue: str, text: str) -> int | None:
    """Where the first word of ``cue`` in ``text`` starts, if any."""
    m = search(cue, text)
    return m.start() if m else None


def _found(cue: str, text: str) -> set[str]:
    """The different words of ``cue`` in ``text`` (lower case)."""
    return {m.group(0).lower() for m in _cues()[cue].finditer(text)}


def asked_part(text: str) -> str:
    """The request of ``text``: what follows the last clause that tells the background ("客户下周要对账 所以你先帮我
    出个汇总": 出个汇总), or all of it."""
    first = _cues()["first_step"].search(text)  # "你先看一下第7个索赔…然后再帮我写个case": the look, first
    if first:
        return first.group(first.lastindex or 0)
    ends = [m.end() for m in _cues()["background"].finditer(text)]
    rest = text[ends[-1]:] if ends else text
    return rest if len(rest.strip()) >= 4 else text


def decide(text: str, slots: dict, pointed_claim: bool, pointed_shipment: bool, tools: set[str],
           phrases: str | None = None, nearest: bool = True) -> str | None:
    """The tool (or _help / _decline) for ``text`` with its resolved ``slots``. ``phrases``: the text
    with the phrases already resolved as slots (claim types, denial reasons) blanked, so that a word
    inside one ("入库差异", "全部收到") is not also read as a request (an audit, a list). Without ``nearest``,
    None when no cue decides (instead of the nearest example utterances)."""
    ids = slots.get("ids", {})
    bare = text if phrases is None else phrases
    report_asked = bool(slots.get("report_kinds")) and has("fetch", text) and not has("denied", text)
    claim_named = ("claim_id" in ids or "case_id" in ids or pointed_claim) and not report_asked  # "sync the
    # reimbursements report so I can check whether that's true", "… issued for case 1827…, pull the reimbursements
    # report": the report, whatever claim is named
    filters = any(k in slots for k in ("status", "type", "dates", "amounts")) or any(
        k in ids for k in PRODUCT_IDS)
    if has("help", text):
        return "_help"
    unworried = _cues()["worry"].sub(" ", _cues()["done_myself"].sub(" ", text))  # "我怕提错了被封号": a fear, not a
    # request about the account; "广告那边我自己弄 你帮我看下空派…": another matter, handled by the seller
    if has("hard_out_of_scope", unworried) or (has("out_of_scope", unworried) and not has("in_scope", text)) \
            or len(_found("out_of_scope", unworried)) >= 2:  # "lower the bids on my Sponsored Products campaigns"
        return "_decline"
    if has("buyer_noun", text) and (has("buyer_reply", text) or "message_id" in ids) \
            and not (slots.get("type") and not has("buyer_reply", text)):
        return "draft_buyer_reply"
    if claim_named and has("time_left", text) and not slots.get("type"):
        return "get_claim"  # "还有几天过期": the days left of the claim named or the thread's
    told = pointed_claim and has("denied", text) and has("anaphora", text) and not has("others", text)
    # "Amazon denied it, said ...", but "pull everything else that's been denied" lists
    kind_without_report = bool(slots.get("type")) and not slots.get("report_kinds")  # "后台按大号收 … 多收费的拉出来":
    # the claims of that kind, whatever 后台 or 拉 say of reports
    audit_after_fetch = has("audit", bare) and has("fetched", text)  # "报告更新了 跑一遍审计": the audit
    why = has("why", text) and not (slots.get("denial_reason") and has("amazon_said", text))  # 何解又被驳回了 说是…
    if claim_named and (has("proof_needed", text) or has("window_question", text)) \
            and "claim_id" not in ids and "case_id" not in ids:
        return "search_policy"  # "what proof do they usually want, in case they knock it back", "how long do I
        # have to push back on a denial like that": a rule, asked in the thread of one claim
    reply_told = bool(slots.get("denial_reason")) and has("replied", text)  # Amazon's reply, pasted
    if claim_named and has("paid_asked", text) and has("yes_no", text) and not has("list", bare) and not reply_told:
        return "get_claim"  # "sent the appeal last week... did they pay yet": where the claim stands
    asked_of_it = pointed_claim and has("it_self", text) and has("claim_status_q", text)  # 它现在什么状态
    if claim_named and (told or asked_of_it
                        or not (filters and has("list", bare) and "claim_id" not in ids and "case_id" not in ids)):
        appeal_now = has("appeal", text) and not has("appeal_later", text) and not has("appeal_filed", text) \
            and not (has("appeal_whether", text) and slots.get("denial_reason")) and not (
            has("appeal_denied", text) and not (has("appeal_again", text) and not has("policy", text)))
        # "申诉被驳回了 你帮我再写一个申诉": the appeal; "申诉的事情明天再说", "the appeal was rejected": the denial
        if has("denied", text) and not appeal_now and not why and not has("denial_supposed", text) \
                and not has("unsure", text) and not has("status_asked", text) \
                and (slots.get("denial_reason") or "claim_id" in ids or "case_id" in ids or pointed_claim):
            return "record_denial"
        if slots.get("denial_reason") and (has("note_it", text) or has("status_asked", text)) \
                and not (has("appeal", text) and not has("appeal_later", text)):  # "这个是不是拒了" above Amazon's
            # reason: it is; "先记一下 … 明天再申述": noted now, the appeal later
            return "record_denial"  # "The reimbursement request was submitted after the eligible period … 记一下吧"
        if slots.get("denial_reason") and (has("amazon_said", text) or has("replied", text)) \
                and not (has("yes_no", text) and not has("replied", text)) \
                and not (has("appeal", text) and not has("appeal_whether", text)) \
                and not (has("why", text) and not has("appeal_whether", text)):
            return "record_denial"  # "Amazon says they already reimbursed it": Amazon's reason for a no
        if has("appeal", text) and not has("case_draft", text) \
                and ((has("policy", text) and (not has("anaphora", text) or has("hypothetical", text)
                                                or has("rule_words", text))) or has("rule_question", text)) \
                and not has("asks_for_text", text) and "claim_id" not in ids and "case_id" not in ids:
            return "search_policy"  # "申诉再被拒还能二次申诉吗": a rule about appeals, asked in the thread of one
        if has("appeal", text) and not has("status_asked", text) and not has("appeal_filed", text):
            return "draft_appeal"  # but "那个case申诉完现在啥状态了" asks where it stands
        # "给索赔16准备提交的材料": not filed yet; "第27个提了没": asked, not told
        if (has("filed", text) or asked_to_mark_filed(text)) and ("claim_id" in ids or pointed_claim) \
                and not has("policy", text) \
                and not has("about_to_file", text) and not (has("yes_no", text) and "case_id" not in ids) \
                and not has("unsure", text) and not (has("claim_status_q", text) and "case_id" not in ids):
            return "mark_case_submitted"  # but "第41条 现在啥状态 上礼拜就提交了" asks where it stands
        if "case_id" in ids and has("case_number", text) and not has("yes_no", text) \
                and not has("about_to_file", text) and ("claim_id" in ids or pointed_claim or has("filed", text)):
            return "mark_case_submitted"  # "第45号索赔 工单号 18374650921": the case it was filed under; "提交了
            # case号 1937…" of no claim named: a filing, whose claim is asked next
        if (has("case_draft", text) or has("about_to_file", text)) \
                and not ("case_id" in ids and has("claim_status_q", text)):  # "开case的那个 1963… 现在啥进度了": filed
            return "draft_case"
        return "get_claim"
    if asked_to_mark_filed(text) and not has("yes_no", text) and not has("which_asked", text) \
            and not has("show_me", text):
        return "mark_case_submitted"  # "please mark it as filed" with no claim in sight: which claim is asked next
    if amazon_reason(text, slots) and not has("policy", text) and not has("appeal", text):
        return "record_denial"  # "亚马逊回复了 说货在仓库里又找到了 所以不赔": a denial; which claim is asked next
    if (has("report", text) or (slots.get("report_kinds") and has("fetch", text))) \
            and (has("fetch", text) or (slots.get("report_kinds") and not has("audit", bare))) \
            and not has("claim_words", bare) and not kind_without_report \
            and not (slots.get("type") and has("list", bare) and not has("fetch", text)) \
            and not audit_after_fetch and not has("policy", text) \
            and not (has("summary", text) and has("totals", text) and len(slots.get("report_kinds") or []) < 2):
        # "一共能追回多少 我先拉个汇总": the totals; "把…库存分类账还有赔偿报告…都拉一下…欠我们多少钱": the reports;
        # "我去ledger里查了…这种赔了又扣回去的…列出来": a kind of claim listed, the report only where it was seen
        return "fetch_reports"  # "need ledger + customer returns reports from oct 15": the kinds say it
    if has("appeal", bare) and has("asks_for_text", text) and not has("policy", text) and not has("list", bare) \
            and not has("proof_needed", text) and not has("window_question", text):
        return "draft_appeal"  # "帮我写个东西去跟他们再讲讲道理": an appeal; which claim is asked next
    if has("case_draft", text) and _CASE_NOUN.search(text) and not filters and not has("list", bare) \
            and not has("policy", text) and not has("out_of_scope", text) \
            and not any(k in ids for k in ("shipment_id", "tracking_number", "order_id")):
        return "draft_case"  # "帮我开个case 那个索赔号我找不到了": which claim is asked next
    if _CASE_NOUN.search(text) and has("claim_status_q", text) and has("anaphora", text) and not filters \
            and not has("list", bare) and not has("policy", text) and not has("buyer_noun", text):
        return "get_claim"  # "那个case有回复吗": which case is asked next
    if pointed_shipment and has("late", text) and has("anaphora", text) and not has("claim_exists", text) \
            and not has("window_question", text) and not has("rule_question", text):
        return "track_shipment"  # "它咋两天没更新了 是不是丢件了": where it stands, lost or only late
    if pointed_shipment and not has("claim_words", text) and not has("window_question", text) \
            and (has("shipment", text) or not has("policy", text) or not has("policy_topic", text)):
        return "track_shipment"  # "它签收了吗", "is it delivered", "这票什么时候能到": the thread's shipment
    audit_asked = has("audit", bare) and not _found("audit", bare) <= _found("reconcile", bare)  # 对下账: the work
    if has("number_asked", text) and not any(slots.get(k) for k in ("status", "type", "dates")) and not ids:
        return "claims_summary"  # "英国站单独出个数": its totals
    if has("summary", text) and has("totals", text) and not has("rule_words", text) and not audit_asked \
            and not has("kinds_asked", text) and not has("which_ones", text) \
            and not ("order_id" in ids or "fnsku" in ids) and not slots.get("type") \
            and not (slots.get("status") and has("count_asked", text)):  # "申诉了还没回音的一共几个": that list
        return "claims_summary"  # "一共还能赔多少钱": the seller's own totals, not a rule about amounts
    own = any(k in ids for k in PRODUCT_IDS) or (
        pointed_shipment and has("claim_exists", text) and not has("hypothetical", text)) or (
        # "X00… 丢了几件 能赔吗": the seller's own goods; "这票有能赔得吗": the thread's shipment's claims;
        ("shipment_id" in ids or "tracking_number" in ids) and not has("policy_topic", text)) or (  # "FBA… 啥时候上架"
        (slots.get("ship_kind") or slots.get("ship_state")) and (has("arrival", text) or has("late", text))
        and not has("policy_topic", text)) or (  # "快船的柜子什么时候到港": the seller's own goods
        ("order_id" in ids or "shipment_id" in ids
         or (slots.get("type") and (slots.get("dates") or slots.get("marketplace") or slots.get("told_story"))))
        and has("claim_exists", text) and not has("rule_words", text)
        and not has("supposition" if any(k in ids for k in ("order_id", "shipment_id")) else "hypothetical", text))
    # "113-… 这种还能找亚马逊要吗": this one, the seller's own; "这单要是退款不退货 能赔吗": a rule
    # "do i have a claim for order …", "订单… 退款了货没退回来 能赔吗", "前天跟大前天…弄坏的 能赔吗": theirs
    rule_asked = has("window_question", text) or has("proof_needed", text) or has("kinds_asked", text) \
        or has("rule_named", text) or has("rule_question", text) or (
        has("supposed", text) and not any(k in ids for k in GOODS_IDS)) or (
        has("denial_supposed", text) and has("appeal", text))  # "if a claim gets denied can we appeal a second time?"
    # 多少天之后才能开case, 要准备什么单据, 能索赔的一共有哪几类: rules
    if rule_asked or (has("policy", text) and not (slots.get("status") and has("list", bare))
                      and not (slots.get("type") and has("which_mine", bare))
                      and not (slots.get("type") and has("how_many_mine", text)) and not own):
        return "search_policy"
    if ("shipment_id" in ids or "tracking_number" in ids or pointed_shipment) and not has("claim_words", text) \
            and not (slots.get("type") and slots.get("status")):  # "FBA15… 少了24个 … 入库少件的现在有哪些能提了"
        return "track_shipment"
    if (has("shipment", text) or slots.get("ship_state")
            or (slots.get("ship_kind") and (has("arrival", text) or has("late", text)))) \
            and not has("claim_words", text) and not slots.get("type"):
        return "track_shipment"  # "在路上的货有哪些": where goods stand is a shipment question
    if has("report", text) and has("fetch", text) and not audit_after_fetch \
            and not kind_without_report:
        return "fetch_reports"
    # "what did the audit find": its claims; "退款佣金没退够的那些…都给我找出来": the claims of that type, listed
    # "对账发现十月有赔了又扣回去的 … 有哪些": the seller's reconciling is the story, the kind is asked
    reconciling = _found("audit", bare) <= _found("reconcile", bare) and bool(slots.get("type")) \
        and has("which_asked", bare)
    if has("audit", bare) and not has("findings", text) and not (own and has("claim_exists", text)) \
            and not reconciling \
            and not ((slots.get("type") or slots.get("status")) and has("list_those", bare)) \
            and not (slots.get("type") and any(k in ids for k in PRODUCT_IDS)):  # "sku … 这种退回来就是坏的 帮我查查
        # 有没有": that product's claims of the kind
        # but "check if order … can still be claimed": its claims
        return "run_audit"
    if has("summary", text) and not ("order_id" in ids or "fnsku" in ids) and not slots.get("type") \
            and not has("itemized", bare) and not has("which_ones", text) \
            and not (slots.get("status") and (slots.get("dates") or has("show_me", bare) or has("count_asked", text))):
        # "how much stuff expired in october", "show me everything that got denied … how much is tied up", "申诉了还没
        # 回音的一共几个": a list
        return "claims_summary"  # with a claim type ("丢件的能赔多少"): the list of that type, with its totals
    if filters or "order_id" in ids or slots.get("marketplace") or has("list", bare) \
            or ("shipment_id" in ids and has("claim_words", text)):  # "FBA15… 入库少了 能不能赔": its claims
        if "order_id" in ids and not has("claim_words", text) and has("shipment", text) and not slots.get("type"):
            return "track_shipment"
        return "list_claims"
    return _nearest(text, tools) if nearest else None


def amazon_reason(text: str, slots: dict) -> bool:
    """Amazon's no, told with its reason ("亚马逊回复了 说那几个货在仓库里又找到了 … 所以不赔"), not asked about."""
    return bool(slots.get("denial_reason")) and has("denied", text) and has("amazon_said", text) \
        and not has("yes_no", text) and not has("why", text)


def _nearest(text: str, tools: set[str]) -> str:
    from claimpilot.agent.router.intents import default_index, pick

    scores = default_index().score_texts([text])[0]
    intent = pick(scores, tools)
    if intent.score < FALLBACK_THRESHOLD or intent.name.startswith("_"):
        return "_decline" if intent.name == "_cannot" and intent.score >= FALLBACK_THRESHOLD else "_help"
    return intent.name
