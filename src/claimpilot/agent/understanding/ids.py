"""Identifiers in an utterance: claim numbers, Amazon case ids, order ids, FNSKUs, ASINs, SKUs,
FBA shipment ids, tracking, container and bill-of-lading numbers, buyer message numbers.

Ids are often typed with spaces or dashes in odd places ("X00 K7PQ 2ZM", "X00-2KF 97QL", "1839 0012 345",
"151-2047-7380", "114-39 28475-6650213") or in lower case; all are read as the id. An order id that lost a
digit keeps its shape and is passed on as typed, so the lookup says it found nothing rather than matching
another order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimpilot.agent.understanding.dates import cn_number

_A = r"(?<![0-9A-Za-z])"
_Z = r"(?![0-9A-Za-z])"


def _spaced(head: str, body: str, n: str) -> re.Pattern[str]:
    """``head`` then ``n`` characters of class ``body``, a single space or dash allowed between them."""
    return re.compile(_A + f"({head}(?:[ -]?{body}){n})" + _Z, re.I)


# A removal order's id, after its name ("Removal order 8UZK3TQ9PL", "移除订单号 8UZK3TQ9PL"): an order of the seller's.
REMOVAL_ORDER = re.compile(r"(?:\bremoval order|移除订单|移除单)\s*(?:id|#|no\.?|number|号)?\s*(?:是|为)?\s*[:：#]?\s*"
                           r"(?=[0-9A-Z-]*\d)(?=[0-9A-Z-]*[A-Z])([0-9A-Z](?:[0-9A-Z]|-(?=[0-9A-Z])){7,15})"
                           r"(?![0-9A-Za-z-])", re.I)  # RMV-WANG-0918 too
ORDER = re.compile(r"(?<![\d-])(\d{3}[- ]\d(?: ?\d){5,6}[- ]\d(?: ?\d){5,6})(?![\d-])")
# An order id after its word, in pieces of any length ("订单1114827339 1026051", "order # 1114827 339 1026051"):
# the first pieces that hold its 17 digits (``_pieces``).
ORDER_SAID = re.compile(r"(?:订单号?|\border\s*(?:id|#|no\.?|number)?)\s*(?:是|为)?\s*[:：#]?\s*"
                        r"(\d{1,16}(?:[ -]\d{1,16}){1,4})(?![\d-])", re.I)
FNSKU = _spaced("X00", "[0-9A-Z]", "{6,8}")
ASIN = _spaced("B0", "[0-9A-Z]", "{8}")
SHIPMENT = _spaced("FBA", "[0-9A-Z]", "{6,12}")
TRACKING = [
    _spaced("1Z", "[0-9A-Z]", "{16}"),
    _spaced("TBA", r"\d", "{12}"),
    re.compile(r"(?<!\d)(9[2-5](?: ?\d){20})(?!\d)"),
    re.compile(_A + r"([A-Z]{4,5}\d{7,12})" + _Z),  # container (MSKU1234567) or bill of lading (MEDUJ5529318)
    re.compile(_A + r"([A-Z]{2}\d{9}[A-Z]{2})" + _Z),  # a postal parcel's (Royal Mail's RM482915337GB)
]
# A carrier's number said as one (FedEx's 12 digits, a 快递单号): whatever its form, after the word.
TRACKING_SAID = re.compile(r"(?:\btracking\b|运单号?|快递单号|物流单号|追踪号|(?<![工订案])单号"
                           r"|\b(?:fedex|ups|usps|dhl|dpd|yodel|royal mail|canada post|auspost)(?: one| parcel)?\b"
                           r"(?:[^\d\n]{0,16}?(?=\d))?)"  # "that FedEx parcel at, 7749 3120 5586"
                           r"\s*(?:tracking|number|no\.?|#|号|id)?\s*(?:number|no\.?|#)?\s*[:：#]?\s*"
                           r"(?=[0-9A-Z]*\d)(\d{4}(?: \d{4}){2,3}|\d{4} \d{4} \d{2}|[0-9A-Z]{10,34})"  # DHL's 4 4 2 too
                           r"(?![0-9A-Za-z])",
                           re.I)  # 工单号 names a case, 订单号 an order
CASE = re.compile(r"(?<![\d-])(\d{10,11}|\d(?: \d){9,10}|\d \d{9,10}|\d{2,6}(?: \d{2,6}){2,4}"
                  r"|\d{3,4}(?:[ -]\d{3,4}){2,3}|\d{2,9} \d{2,9})(?![\d-])")
# SKU是CB-…; not a word after it ("这个sku fba费多扣了")
SKU = re.compile(r"(?<![A-Za-z0-9])sku\s*(?:[:：]|是|为|号是?)?\s*"
                 r"(?!(?:fba|fee|fees|the|is|was|has|had|and|for|of|that|this|it|not|no|ok|too|also)(?![0-9A-Za-z._-]))"
                 r"([0-9A-Za-z][0-9A-Za-z._-]{2,39})", re.I)
# A seller's SKU typed without the word: capitals and digits in three or more parts ("窗帘 CT-BLK-84-GRY 移除单少件",
# "LED-STRP-5M-WW这个sku").
BARE_SKU = re.compile(r"(?<![A-Za-z0-9_-])((?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{1,12}(?:-[A-Z0-9]{1,12}){2,5})"
                      r"(?![A-Za-z0-9_-])")
MESSAGE = re.compile(r"(?:buyer message|message|消息|站内信)\s*(?:id|#|no\.?|编号)?\s*[:：#]?\s*(\d{1,7})(?!\d)", re.I)
# The ids that name goods (what a list of claims may be narrowed to), and those of goods on their way or sold.
PRODUCT_IDS = ("fnsku", "sku", "asin")
GOODS_IDS = (*PRODUCT_IDS, "order_id", "shipment_id")
_NOT_A_CLAIM = r"(?!\s*(?:规|政|消息|站内信|评|报告|货|物流|运单|回复(?!了)|邮件))"  # 第3条规则, 第2条消息: no claim
_CLAIM = [
    re.compile(r"(?:claim|索赔|案子)\s*(?:id|no\.?|number|编号|号)?\s*[#:：]?\s*(\d{1,6})(?![\d-])"
               r"(?!\s*(?:欧|刀|块|美|镑|元|日元|加币|澳|%|以上|以下|件|天|\$|dollars?\b|bucks\b|euros?\b|usd\b"
               r"|eur\b))", re.I),
    re.compile(r"(?<![\d-])(\d{1,6})\s*号\s*(?:(?:那|这)\s*[个条单]|的)?\s*(?:索赔|案子|claim)", re.I),
    re.compile(r"(?<![\d-])(\d{1,6})\s*(?:这|那)\s*[个条单]\s*(?:索赔|案子|claim)", re.I),  # 233 这个索赔
    re.compile(r"(?<![\d.-])(?<![的了着])(\d{1,4})\s*(?:这|那)\s*[个条](?!\s*[月天号])"),  # 看下12这个, not 写的45 这个
    re.compile(r"第\s*(\d{1,6})\s*[条个笔]\s*索赔"),
    re.compile(r"索赔\s*第\s*(\d{1,6})\s*[条个]"),  # 索赔第18条
    re.compile(r"第\s*(\d{1,6})\s*(?:个(?!\s*(?:货|单|订|包|箱|柜|月|星|周|站|品|产|件|批|票|(?![Cc]laim|[Cc]ase)[A-Za-z]))|[条笔])"
               + _NOT_A_CLAIM),  # 第12条, 第31个那个, 第27个提了没; 第2个货件 is no claim
    re.compile(r"[#]\s*(\d{1,6})(?![\d-])"),
    re.compile(r"(?<![\d./:-])(3[2-9]|[4-9]\d|\d{3,6})\s*号(?!\s*(?:之前|以前|前|之后|以后|后|到|至|截止|过期|到期|仓|店|站"
               r"|柜|线|楼|路|货|包|箱))"),  # 九十九号又被拒了: a number no day can be, before 号
    re.compile(r"(?:编号|\bID\b)\s*[#:：]?\s*(\d{1,6})(?![\d-])"  # 编号12的那个索赔, ID 7 的索赔
               r"(?=\s*(?:的)?\s*(?:这|那)?\s*[个条笔]?\s*(?:索赔|案子|claim))", re.I),
]
_CASE_WORD = re.compile(r"(?:case|案例|案件|案列|工单|case\s*id|case\s*number|case号|案例号)"
                        r"\s*(?:id|号|编号|no\.?|number)?\s*(?:是|为)?\s*[:：#]?\s*$", re.I)
_OTHER_NUMBER = re.compile(r"(?:reimbursement|赔偿|refund|退款|order|订单|shipment|tracking"
                           r"|de remboursement|du remboursement|erstattungs|de reembolso|del reembolso|di rimborso"
                           r"|del rimborso)"
                           r"\s*(?:id|编号|号|no\.?|number)\s*[:：#]?\s*$"
                           r"|\b(?:id|numéro|nummer|número|numero) (?:de |du |del |di |der )?"
                           r"(?:remboursement|erstattung|reembolso|rimborso)\s*[:：#]?\s*$"
                           r"|\breimbursement\s*[:：#]?\s*$", re.I)  # "We have reversed reimbursement 3381920475"
# 22号: a day, or claim 22 when something is done to it; 10月18号 is a day, always
DAY_NUMBER = re.compile(r"(?<![\d-])(?<!月)(?<!月\s)(\d{1,2})\s*号(?![\d])")
_CN = "[一二两三四五六七八九十百千零]{1,8}"
_CLAIM_CN = [re.compile(rf"(?:索赔|案子)\s*(?:编号|号)?\s*({_CN})"  # not 索赔一共, 索赔一千多块
                        r"(?![一二两三四五六七八九十百千零天周月个件条号共起直般定样遍些点下半多块刀元欧镑])"),
             re.compile(rf"第\s*({_CN})\s*[条个笔]\s*索赔"),  # 索赔十二, 第三条索赔
             re.compile(rf"第\s*({_CN})\s*[条笔]" + _NOT_A_CLAIM)]  # 第十二条


# A claim's number said again to settle it, after a first try ("…一百四十几来着 嗯 对 就是147号那个").
_RESTATED = re.compile(r"(?:对|就是)\s*(?:第)?(\d{1,6})\s*号\s*(?:那个|那条|那单)")


_LOOSE = re.compile(r"(?<![A-Za-z0-9.$€£¥#/:_-])(\d{1,4})(?![A-Za-z0-9%/:_-])(?![.,]\d)"
                    r"(?!\s*(?:of\s+\d|天|日|号|月|周|年|件|个|条|单|次|刀|块|美|欧|镑|元|澳|加币|加元|円|比索|星|%|days?\b|weeks?\b|months?\b|years?\b|units?\b|claims?\b|items?\b|pcs\b"
                    r"|pieces\b|cartons?\b|boxe?s?\b|cases\b|pallets?\b|packs?\b|箱|托|dollars?\b|bucks\b|euros?\b|pounds?\b|yen\b|usd\b|eur\b|gbp\b|jpy\b|am\b|pm\b"
                    r"|stars?\b))", re.I)
_NOT_AFTER = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                        r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?"
                        r"|\b(?:last|past|next|over|under|above|below|top|within|in|than|about|around|of|at|day|days|week|hour|hours)"
                        r"|第|近|最近|过去|前|超过|低于|大于|小于|不到|满|共|一共|总共|[$€£¥]"
                        r"|(?:只|实|共|才)?(?:收|到|发|少|丢|坏|卖|退)了?|收到|到货|入库|上架|写的|写着|显示的?|点了|数了)\s*$",
                        re.I)  # 只收了276: a count


_CASE_NUMBER_WORD = re.compile(r"(?:案例|案件|工单|case)\s*(?:号|编号)\s*(?:是|为|:|：)?\s*$"
                               r"|\bcase\s*(?:id|number|no\.?|#)\s*(?:is|was|:)?\s*$", re.I)
_NOT_A_DAY = re.compile(r"(?<![\d-])(3[2-9]|[4-9]\d|\d{3,4})\s*号(?!\s*(?:索赔|案子))")  # 40号: no month has a 40th


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) of ``spans`` written as spaces, its length kept (so other spans still fit)."""
    return "".join(" " if any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(text))


def loose_number(text: str, spans: list[tuple[int, int]]) -> int | None:
    """The one bare number of ``text`` outside ``spans`` that is no count, amount or date ("给33写个case",
    "amz denied 31"): a claim number if the words ask for something done to a claim."""
    found = [m for m in _LOOSE.finditer(text) if not any(m.start() < e and s < m.end() for s, e in spans)
             and not _NOT_AFTER.search(text[max(0, m.start() - 12):m.start()])]
    found += [m for m in _NOT_A_DAY.finditer(text) if not any(m.start() < e and s < m.end() for s, e in spans)]
    return int(found[0].group(1)) if len(found) == 1 else None


@dataclass
class Ids:
    """What was found; ``spans`` are the (start, end) of each, so other resolvers can skip them."""

    values: dict[str, object] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _squeeze(value: str) -> str:
    return value.replace(" ", "").replace("-", "").upper()


def _own(value: str) -> str:
    """An id typed in pieces, without the English words that followed it: "FBA15QW3ER7T get" is
    FBA15QW3ER7T (a piece after a space must hold a digit or be typed in capitals: "FBA fees on my US stuff" is
    no id)."""
    parts = value.split(" ")
    kept = parts[:1]
    for part in parts[1:]:
        if not (any(ch.isdigit() for ch in part) or part.isupper()):
            break
        kept.append(part)
    return _squeeze(" ".join(kept))


def _pieces(typed: str, digits: int) -> int | None:
    """The length of the first pieces of ``typed`` (digits split by spaces or dashes) that hold exactly
    ``digits`` digits; None when no such first pieces do."""
    count = 0
    for m in re.finditer(r"\d+", typed):
        count += len(m.group())
        if count >= digits:
            return m.end() if count == digits else None
    return None


def _order(typed: str) -> str:
    """An order id as Amazon writes it (3-7-7 digits), however it was spaced; one that lost a digit as typed."""
    digits = re.sub(r"\D", "", typed)
    return f"{digits[:3]}-{digits[3:10]}-{digits[10:]}" if len(digits) == 17 else typed.replace(" ", "-")


def find_ids(text: str) -> Ids:
    """Every identifier in ``text`` (the first of each kind), keyed by the tool argument it fills."""
    out = Ids()

    def take(name: str, span: tuple[int, int], value: object) -> None:
        start, end = span
        if any(start < e and s < end for s, e in out.spans):
            return
        if name not in out.values:
            out.values[name] = value
        out.spans.append(span)  # a second id of a kind is no other id's digits either

    for m in ORDER.finditer(text):
        take("order_id", m.span(1), _order(m.group(1)))
    for m in ORDER_SAID.finditer(text):
        if (end := _pieces(m.group(1), 17)) is not None:
            # the pieces after its 17 digits are other numbers
            take("order_id", (m.start(1), m.start(1) + end), _order(m.group(1)[:end]))
    for m in REMOVAL_ORDER.finditer(text):
        take("order_id", m.span(1), m.group(1))  # as typed
    for name, pattern, shortest in (("fnsku", FNSKU, 9), ("asin", ASIN, 10), ("shipment_id", SHIPMENT, 9)):
        for m in pattern.finditer(text):
            if len(value := _own(m.group(1))) >= shortest:  # "FBA fulfillment fee" names no shipment
                take(name, m.span(1), value)
    for pattern in (*TRACKING, TRACKING_SAID):
        for m in pattern.finditer(text):
            take("tracking_number", m.span(1), _own(m.group(1)))
    for m in BARE_SKU.finditer(text):
        take("sku", m.span(1), m.group(1))
    for m in SKU.finditer(text):
        take("sku", m.span(1), m.group(1))  # as typed: a seller's SKUs are their own spelling
    for m in MESSAGE.finditer(text):
        take("message_id", m.span(1), int(m.group(1)))
    cases = [m for m in CASE.finditer(text) if len(re.sub(r"[ -]", "", m.group(1))) in (10, 11)
             and not _OTHER_NUMBER.search(text[max(0, m.start() - 24):m.start()])]
    named = [m for m in cases if _CASE_WORD.search(text[max(0, m.start() - 12):m.start()])]
    cases = [m for m in cases if m.group(1).count(" ") not in (1, 9, 10) or m in named]  # "case号18375 092461",
    # "案列号 1 5 2 3 4 8 7 6 9 0 1": after a case word only
    numbered = [m for m in named if _CASE_NUMBER_WORD.search(text[max(0, m.start() - 12):m.start()])]
    # "上次那个case 1935…是问别的事的 … 索赔340我刚刚提交了，案例号是1942…": the one given as a case number
    for m in numbered or named or cases:  # a pasted reply names other numbers too: the one called the case wins
        take("case_id", m.span(1), re.sub(r"[ -]", "", m.group(1)))
    for pattern in _CLAIM:
        for m in pattern.finditer(text):
            take("claim_id", m.span(1), int(m.group(1)))
    for pattern in _CLAIM_CN:
        for m in pattern.finditer(text):
            number = cn_number(m.group(1))
            if number:
                take("claim_id", m.span(1), number)
    restated = [m for m in _RESTATED.finditer(text) if "claim_id" in out.values]
    if restated:  # "索赔 一百 一百四十几来着 嗯 一百四十七 对 就是一百四十七号那个": the number settled on
        out.values["claim_id"] = int(restated[-1].group(1))
    return out
