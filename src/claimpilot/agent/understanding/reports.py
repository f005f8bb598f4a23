"""Report kinds named in a fetch request (赔偿报告, 分类账, the ledger ...)."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

# The books' own ledger ("tie them out to the general ledger"), no Amazon report.
_BOOKS = re.compile(r"\b(?:general|nominal|accounting|our|my) ledger\b|总账|总帐", re.I)


# A kind said in the singular before another that shares the noun ("reimbursement + ledger reports").
_SHARED_NOUN = re.compile(r"\breimbursement(?=\s*(?:\+|&|,|and)\s*[\w ]{2,30}\breports?\b)", re.I)


# Reports named by what they hold, before a report word ("removal orders and inbound items report").
_NAMED_BEFORE_REPORT = re.compile(r"\b(removal orders?|inbound items?)\b(?=[\w ,&+]{0,40}?\breports?\b)", re.I)
# 移除订单 named among other reports ("移除订单 入库明细 还有库存分类账 从10月15号拉到今天"): the removal orders report.
_REMOVALS_AMONG = re.compile(r"移除订单(?![\s的]*(?:少|丢|短|缺|报告|报表|索赔))"
                             r"(?=[\s、,，和跟及还有]+(?:入库|库存|分类账|赔偿|结算|退货|订单报告))")
# A kind joined to its report word by 的 ("那个移除订单的报告也要一起"): the kind's report.
_OF_REPORT = re.compile(r"(?<=[\u4e00-\u9fff])的\s*(?=报告|报表)")


def report_kinds(text: str) -> list[str]:
    text = _BOOKS.sub(lambda m: " " * len(m.group(0)), text)
    text = _OF_REPORT.sub("", text)
    text = _NAMED_BEFORE_REPORT.sub(lambda m: f"{m.group(1)} report", text)
    text = _REMOVALS_AMONG.sub("移除报告", text)
    text = _SHARED_NOUN.sub("reimbursements", text)
    return list(dict.fromkeys(h[0] for h in find("report_kinds", text)))


def kinds_added(before: list[str], more: list[str]) -> list[str]:
    """The reports asked before, then each of ``more`` not among them ("退货报告也一起拉")."""
    return list(dict.fromkeys([*before, *more]))
