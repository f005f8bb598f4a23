"""Claim types from the seller's words (仓丢, 退款不退货, 尺寸量错, below cost ...), the second wave too."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from claimpilot.agent.understanding.lexicon import find, lexicon
from claimpilot.vocabulary import ClaimType

_CONTRAST = re.compile(r"\W*(?:vs\.?|versus|or|还是|或者?)\W*", re.I)
# Goods gone missing where Amazon keeps them, whichever store's ("went missing in the UK warehouse"): lost there.
_MISSING_THERE = re.compile(r"\bmissing (?:at|in|from) (?:the |an? |my |our |amazon'?s? )?(?:[\w-]+ ){0,2}"
                            r"(?:warehouses?|fcs?|fulfil?ment cent(?:er|re)s?|inventory)\b", re.I)
# A buyer who never sent the goods back, whatever they are called ("never sent the thing back"): a return missing.
_NOT_SENT_BACK = re.compile(r"\b(?:never|didn't|did not|haven't|hasn't|not|never even) "
                            r"(?:sent|send|returned|mailed|shipped|posted) (?:the |it |them |their |her |his )?"
                            r"(?:[\w-]+ )?back\b", re.I)
# "之前仓库弄坏了一批…亚马逊是赔了 但是…这种赔少了的有几单": the kind pointed at (这种) is the one asked for.
_KIND_BEFORE = re.compile(r"(?:这种|这类|那种|那类|这样的)\s*$")
# Goods a removal order brought back short ("移除订单退回仓库少了几件"): whatever warehouse words come between.
_REMOVAL_SHORT = re.compile(r"(?:移除|退仓|弃置)[^,，。;；]{0,24}(?:少了|少件|少货|短少|没收到|缺了|缺货)")
# A customer return that came back damaged at Amazon's hands ("退回来被亚马逊弄坏的"): a damaged return.
_RETURN_DAMAGED = re.compile(r"退(?:回来|回仓|回|货)[^,，。;；]{0,24}"
                             r"(?:弄坏|损坏|坏了|是坏的|破损|摔坏|压烂|压坏|压扁|污渍|弄脏|脏了|撕破|damaged|defective)"
                             r"|\b(?:customer|buyer)s? return(?:ed|s)?\b[^.;]{0,60}"
                             r"\b(?:damaged|broken|crush\w*|smashed)\b",
                             re.I)
# Paid, then taken back because Amazon says it found the unit the seller cannot see ("仓库说货找到了 但是库存里根本
# 没有 钱还给倒扣了"): a reversal of a unit never found.
_FOUND_TAKEN_BACK = re.compile(r"(?:找到|found).{0,24}(?:倒扣|扣回|扣走|扣了|收回|reversed|clawed back"
                               r"|took (?:it |the money )?back)", re.I)
# Amazon's measuring taken for the wrong size ("Amazon measure my 28cm frying pan wrong", "sure they measure the size
# wrong"): a fee overcharge, whatever comes between.
_MEASURED_WRONG = re.compile(r"\b(?:re-?)?measur\w*\s+(?:[\w'-]+\s+){0,5}"
                             r"(?:wrong|wrongly|incorrectly|too big|bigger)\b", re.I)
# Goods damaged where Amazon keeps them, however the seller says it ("got tore up in the warehouse"): damaged there.
_DAMAGED_THERE = re.compile(r"\b(?:tore|torn|ripped|wrecked|busted|smashed|crushed|broke|broken|damaged)(?: up)?\s+"
                            r"(?:at|in|inside) (?:the |an? |amazon'?s? )?(?:warehouse|fc|fulfil?ment cent(?:er|re))\b",
                            re.I)
# Paid for the seller's goods, then taken back ("八月份仓丢赔了十二件给我 昨天…又倒扣回了"): a reversal, whatever loss
# was paid for first.
_PAID_TAKEN_BACK = re.compile(r"赔(?:了|过|咗)[^,，。;；]{0,24}(?:倒扣|扣回|扣走|收回)")
# A fee that jumped with nothing changed ("配送费一直是三块二 这个月突然跳到五块九", "fulfillment fee … jumped from
# $6.12 to $9.47"): charged for a bigger size than the goods have.
_FEE_JUMPED = re.compile(r"(?:配送费|fba费|派送费|物流费|仓储费)[^。;；]{0,20}(?:跳到|涨到|变成了?|涨了|翻倍|突然)"
                         r"|\b(?:fba|fulfil?ment|pick and pack) fees?\b[^.;]{0,30}"
                         r"\b(?:jumped|went up|increased|doubled|shot up)\b", re.I)
# Paid, and only a part of what the goods cost ("亚马逊reimburse才给了九镑多一双 我们进价二十三镑"): underpaid.
_PAID_BELOW_COST = re.compile(r"(?:才|只)(?:给|赔|reimburse)了?[^,，。;；]{0,16}(?:进价|成本|采购价|进货价)", re.I)
# A refund bigger than the sale, told as its two sums ("refunded some punter 64 quid on a UK order that only went
# for 42"): a refund above what was paid.
_REFUND_OVER_SALE = re.compile(r"\brefunded\b[^.;]{0,60}\bonly (?:went|sold|paid|cost) for\b", re.I)
FUZZY_SCORE = 90  # an English phrase typed with a slip ("damged") still names its type


def claim_type(text: str, situations: bool = False) -> ClaimType | None:
    """The claim type ``text`` names, the most specific phrase winning; with ``situations``, else the
    type whose situation it tells (situations.py); None when it names none."""
    if _FOUND_TAKEN_BACK.search(text):
        return ClaimType.REIMBURSEMENT_REVERSED_UNFOUND
    if _REMOVAL_SHORT.search(text):
        return ClaimType.REMOVAL_SHIPMENT_SHORT
    if _PAID_TAKEN_BACK.search(text):
        return ClaimType.REIMBURSEMENT_REVERSED_UNFOUND
    if _PAID_BELOW_COST.search(text):
        return ClaimType.REIMBURSEMENT_UNDERPAID
    if _REFUND_OVER_SALE.search(text):
        return ClaimType.REFUND_ABOVE_PAID
    hits = find("claim_types", text)
    if _RETURN_DAMAGED.search(text) and all(v == "warehouse_damaged" or _broad(text[s:e]) for v, s, e in hits):
        return ClaimType.RETURN_DAMAGED_UNREIMBURSED
    if any(a[0] != b[0] and _CONTRAST.fullmatch(text[a[2]:b[1]]) for a, b in zip(hits, hits[1:], strict=False)):
        return None  # "which of those are damaged vs lost": both, no one type
    pointed = [h for h in hits if _KIND_BEFORE.search(text[max(0, h[1] - 4):h[1]])]
    if pointed and len({h[0] for h in hits}) > 1:
        return ClaimType(pointed[-1][0])
    if hits:
        longest = max(hits, key=lambda h: h[2] - h[1])
        if situations and _broad(text[longest[1]:longest[2]]):  # "退货回仓被判损坏 但没赔": more than 损坏
            found = _told(text)
            if found:
                return ClaimType(found)
        return ClaimType(longest[0])
    if _MISSING_THERE.search(text):
        return ClaimType.WAREHOUSE_LOST
    if _DAMAGED_THERE.search(text):
        return ClaimType.WAREHOUSE_DAMAGED
    if _MEASURED_WRONG.search(text) or _FEE_JUMPED.search(text):
        return ClaimType.FEE_OVERCHARGE
    if _NOT_SENT_BACK.search(text):
        return ClaimType.CUSTOMER_RETURN_MISSING
    words = [w for w in text.lower().split() if len(w) >= 5]
    choices = {w: v for v, ws in lexicon()["claim_types"].items() for w in ws if w.isascii() and " " not in w
               and len(w) >= 5}
    for word in words:
        best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE)
        if best:
            return ClaimType(choices[best[0]])
    if situations:
        found = _told(text)
        return ClaimType(found) if found else None
    return None


def _broad(phrase: str) -> bool:
    """A phrase that names a kind of loss only broadly (损坏, 丢了, damaged, lost; lexicon.yaml's
    ``broad_type_words``): a situation told around it may name the claim more precisely."""
    return phrase.strip().lower() in lexicon()["broad_type_words"]


def _told(text: str) -> str | None:
    from claimpilot.agent.understanding.situations import situation_type

    return situation_type(text)
