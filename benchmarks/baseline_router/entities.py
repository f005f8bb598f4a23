"""Identifiers and filters found in an utterance by pattern: ids, dates, statuses, claim types."""

from __future__ import annotations

import re
from datetime import date, timedelta

from claimpilot import clock

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"

ID_PATTERNS: dict[str, re.Pattern[str]] = {
    "order_id": re.compile(r"(?<![\d-])(\d{3}-\d{7}-\d{7})(?![\d-])"),
    "fnsku": re.compile(_NOT_ALNUM_BEFORE + r"(X00[0-9A-Z]{7})" + _NOT_ALNUM_AFTER, re.I),
    "asin": re.compile(_NOT_ALNUM_BEFORE + r"(B0[0-9A-Z]{8})" + _NOT_ALNUM_AFTER, re.I),
    "shipment_id": re.compile(_NOT_ALNUM_BEFORE + r"(FBA[0-9A-Z]{6,12})" + _NOT_ALNUM_AFTER, re.I),
    "tracking_number": re.compile(_NOT_ALNUM_BEFORE + r"(1Z[0-9A-Z]{16}|9[2-5]\d{20}|TBA\d{12})" + _NOT_ALNUM_AFTER, re.I),
    "case_id": re.compile(r"(?<![\d-])(\d{10,11})(?![\d-])"),
}
_CLAIM_ID = [
    re.compile(r"(?:claim|索赔|理赔|案子)\s*(?:id|no\.?|number|编号|号)?\s*[#＃:：]?\s*(\d{1,7})(?![\d-])", re.I),
    re.compile(r"[#＃]\s*(\d{1,7})(?![\d-])"),
    re.compile(r"(?:第\s*)?(?<![\d-])(\d{1,7})\s*号"),
    re.compile(r"(?:编号|\bid)\s*[:：]?\s*(\d{1,7})(?![\d-])", re.I),
]
_DATE = re.compile(r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?!\d)")
_LAST_DAYS = re.compile(r"(?:last|past|最近|过去|近)\s*(\d{1,3})\s*(?:days?|天)", re.I)

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "claimable": ("claimable", "can claim", "can be claimed", "ready to file", "可索赔", "可以索赔", "能索赔", "可以申请"),
    "denied": ("denied", "rejected", "declined", "被拒", "拒绝了", "驳回", "拒赔"),
    "submitted": ("submitted", "filed", "awaiting", "已提交", "已递交", "提交了", "等待回复"),
    "reimbursed": ("reimbursed", "paid out", "were paid", "已赔付", "已到账", "赔付了", "已报销"),
    "pending": ("pending", "not yet claimable", "待定", "还不能索赔", "等待期"),
    "expired": ("expired", "past the window", "过期", "超期"),
    "drafted": ("drafted", "drafts", "草稿", "已起草"),
    "appealed": ("appealed", "已申诉", "申诉中"),
}
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "warehouse_lost": ("lost", "missing in the warehouse", "丢失", "丢了", "遗失"),
    "warehouse_damaged": ("damaged", "broken", "损坏", "破损", "损毁"),
    "customer_return_missing": ("return", "refund", "退货", "未退回", "退款"),
    "inbound_shortage": ("inbound", "short", "shortage", "入库", "短少", "少收", "到货少"),
    "fee_overcharge": ("fee", "overcharge", "dimension", "费用", "多收", "超收", "尺寸"),
    "reimbursement_underpaid": ("underpaid", "underpay", "paid too little", "少赔", "赔少", "赔付不足"),
}


def _words(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    low = text.lower()
    for value, words in table.items():
        for w in words:
            if (re.search(rf"\b{re.escape(w)}\w*", low) if w.isascii() else w in low):
                return value
    return None


def extract(text: str, today: date | None = None) -> dict[str, object]:
    """Every entity the patterns find, keyed by the tool argument it would fill."""
    found: dict[str, object] = {}
    rest = text
    for name, pattern in ID_PATTERNS.items():
        m = pattern.search(rest)
        if m:
            found[name] = m.group(1).upper()
            rest = rest.replace(m.group(1), " ")
    for pattern in _CLAIM_ID:
        m = pattern.search(rest)
        if m:
            found["claim_id"] = int(m.group(1))
            break
    dates = [date(int(y), int(mo), int(d)).isoformat() for y, mo, d in _DATE.findall(text)]
    if dates:
        found["as_of"] = dates[-1]
    m = _LAST_DAYS.search(text)
    if m and not dates:
        dates = [((today or clock.today()) - timedelta(days=int(m.group(1)))).isoformat()]
    if dates:
        found["start"] = dates[0]
        if len(dates) > 1:
            found["end"] = dates[1]
    status = _words(text, STATUS_WORDS)
    if status:
        found["status"] = status
    kind = _words(text, TYPE_WORDS)
    if kind:
        found["type"] = kind
    return found
