"""A slip taken back ("日本站 哦不对不是日本 澳洲站", "第41号 呃不是41 是47号那个", "这周要到期的 不对 下周到期的",
"空运那批 呃 不是空运 海运那批", "sorry, I mean"): what follows the correction is meant (its words: ``correction`` in
cues.yaml)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from claimpilot.agent.understanding import intent
from claimpilot.agent.understanding.amounts import bare_amount
from claimpilot.agent.understanding.dates import cn_number
from claimpilot.agent.understanding.ids import loose_number
from claimpilot.agent.understanding.reports import kinds_added

_NUMBER_FIRST = re.compile(r"^\s*(?:是|就是)?\s*(?:第)?(\d{1,6}|[一二两三四五六七八九十百千零]{1,8})"
                           r"\s*(?:号|个)?(?![\d月.])")  # 不对 是二百四十七: 247, every numeral of it
# A report kind by the word sellers shorten it to ("订单的不要"), and the words that drop it.
_KIND_WORDS = {"orders": "订单|orders?", "customer_returns": "退货|returns?", "reimbursements": "赔偿|reimbursements?",
               "ledger": "库存|ledger", "settlement": "结算|settlements?", "removal_orders": "移除|removals?",
               "inbound_items": "入库|inbound", "fee_estimates": "费用|fees?"}
_DROPPED = r"\s*(?:不要了?|不用了?|去掉|别要|删掉|(?:已经)?有了|\b(?:not needed|no need|drop it)\b)"
_PRODUCT = {"sku", "asin", "fnsku"}
_TAKEN_OVER = ("marketplace", "ship_kind", "ship_state", "type", "status", "report_kinds", "denial_reason")
# Only the end of a range taken back ("从10月15号到10月31号 不对 改成到11月3号"): the start said before stays.
_END_ONLY = re.compile(r"^[\s,，]*(?:改成|换成|改为|应该是|是)?\s*(?:到|至|截止到?|\b(?:until|till|to|through)\b)\s*",
                       re.I)


def _dropped_kinds(after: str, kinds: list[str]) -> set[str]:
    """The report kinds said before that the words after the correction drop ("订单的不要", "退货的不用了")."""
    return {k for k in kinds if re.search(rf"(?:{_KIND_WORDS.get(k, k)})[^,，。\s]{{0,4}}?{_DROPPED}", after)}


def slip_taken_back(text: str, slots: dict[str, Any], resolve: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """``slots`` of ``text`` with what the person took back replaced by what they said after it (``resolve`` finds
    the slots of those words)."""
    fix = intent.search("correction", text)
    if fix is None:
        return slots
    at = fix.end()
    after = resolve(text[at:])
    dropped = _dropped_kinds(text[at:], slots.get("report_kinds") or [])
    for key in _TAKEN_OVER:
        if key == "report_kinds" and dropped:  # "结算报告跟订单报告 哦不对 订单的不要 换成入库货件明细": one swapped
            slots[key] = [k for k in slots[key] if k not in dropped] + [
                k for k in after.get(key) or [] if k not in slots[key] and k not in dropped]
        elif key == "report_kinds" and after.get(key) and intent.has("also", text[at:]):
            # "分类帐拉一下 从九月…到 哦不对 从十月一号开始 然后移除订单的报告也要一起": days taken back, a kind more
            slots[key] = kinds_added(slots.get(key) or [], after[key])
        elif after.get(key):
            slots[key] = after[key]
    if after["ids"]:
        if set(after["ids"]) & _PRODUCT:  # "用sku HZ-… 查 哦不对 … 用asin B0D4… 查": the product by the ASIN alone
            slots["ids"] = {k: v for k, v in slots["ids"].items() if k not in _PRODUCT}
        slots["ids"] = {**slots["ids"], **after["ids"]}
    elif "claim_id" in slots["ids"] or loose_number(text[:fix.start()], []) is not None \
            or re.match(r"不是\s*\d", fix.group(0)):  # "case 1930… 不是 1411 的 是 1418 的": claim 1418
        number = loose_number(text[at:], [])
        first = _NUMBER_FIRST.match(text[at:])
        if number is None and first:
            said = first.group(1)  # "第3个 呃不是3 是5号那个", "看下73号 不对 是五号": claim 5, not a day
            number = int(said) if said.isdigit() else cn_number(said)
            slots["dates"] = [d for d in slots.get("dates", []) if d.span[1] <= at]
            after["dates"] = []
        if number is not None:
            slots["ids"] = {**slots["ids"], "claim_id": number}  # "第41号 呃不是41 是47号那个": claim 47
    said = (slots.get("amounts") or [None])[0]
    before = (slots.get("dates") or [None])[0]
    if before and before.start and after.get("dates") and _END_ONLY.match(text[at:]):
        end = after["dates"][0]
        after["dates"] = [dataclasses.replace(before, end=end.end, span=end.span)]
    for key in ("dates", "amounts"):
        if after.get(key):  # the first said after: "不对 下周到期的 这周的我昨天弄完了" is next week
            slots[key] = [dataclasses.replace(x, span=(x.span[0] + at, x.span[1] + at)) for x in after[key][:1]]
    if said and said.currency and slots.get("amounts") and not slots["amounts"][0].currency:  # "150刀以上 不对是180"
        slots["amounts"] = [dataclasses.replace(slots["amounts"][0], currency=said.currency, dollar=said.dollar)]
    figure = bare_amount(text[at:]) if slots.get("amounts") and not after.get("amounts") else None
    if figure:  # "一百刀以上的 啊不是 一百镑": the bound kept, the figure and currency taken back
        slots["amounts"] = [dataclasses.replace(slots["amounts"][0], value=figure[0], currency=figure[1],
                                                dollar=False)]
    return slots
