"""Status words of a claim list: 快过期 (the window closes soon), 已过期, 已提交/等回复, 被拒,
已到账/赔了, 可以索赔, 还不能提 ...; ``closing_soon`` is not a status but a deadline.

An expiry word said of the near future is a deadline, however it is put: 马上过期, 就要到期,
快超时了, 眼看要过时效, "about to close", "expiring": soon, not expired."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

CLOSING_SOON = "closing_soon"
_SOON_ZH = re.compile(r"(?:快|马上|立刻|就要|快要|即将|将要|眼看|眼看着|没几天就?|差不多|(?<![只不想需主重还])要"
                      r"|(?:还有|还剩|只剩|剩下?)\s*(?:几|\d{1,2}|[一二两三四五六七八九十]{1,2})\s*天\s*就?)"
                      r"\s*(?:就\s*)?(?:要\s*)?(?:过期|到期|超时|超期|过时效|超时效|截止|失效|关闭|closes?|expires?)")
_SOON_EN = re.compile(r"\b(?:about to|going to|gonna|fixin'?|fixing to|soon to|set to|will soon|almost|nearly)"
                      r"\s+(?:to\s+)?(?:expire|close|run out)"
                      r"|\b(?:expiring|closing|running out)\b(?!\s+(?:in|on)\s+(?:the\s+)?past)"
                      r"|\b(?:expire|close)s?\s+soon\b", re.I)


# Written and not filed yet ("你帮我写好了但是我还没交上去的", "写好了还没提交", "drafts … not submitted"): drafted.
_WRITTEN_NOT_FILED = re.compile(r"写好了?.{0,8}(?:还)?没(?:有)?(?:交|提交|提|递交)"
                                r"|\b(?:written|drafted) but (?:not|never)(?: yet)? (?:filed|submitted|sent)"
                                r"|\bdrafts?\b.{0,40}\b(?:not|never|un)(?: yet)? ?(?:filed|submitted|sent)\b")


# A claim type that is itself a status's story: 赔了又扣回去 was reimbursed and reversed, "reimbursed below cost" was
# reimbursed; the status word inside its description does not filter the list again ("reimburse 了又被倒扣回去的
# 还有能 claim 的吗": claimable).
IMPLIED_BY_TYPE = {"reimbursement_reversed_unfound": ("reversed", "reimbursed"),
                   "reimbursement_underpaid": ("reimbursed",)}
_NOT_PAID = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:been\s+|yet\s+)?(?:reimbursed|paid)"
                       r"|(?:没|未|没有|还没)(?:有)?(?:见到?|看到|收到)?(?:赔|到账|到帐|回款|打款)")


def status_for(text: str, claim_type: str | None, before: str = "") -> str | None:
    """``status_word``, less a status the claim type already tells or the words deny ("weren't reimbursed"), the
    denial perhaps begun in the words just ``before`` the text (没|见到账)."""
    implied = IMPLIED_BY_TYPE.get(claim_type or "", ())
    status = status_word(text, exclude=implied)
    if status == "reimbursed" and _NOT_PAID.search(before[-4:] + text):  # "一直没到账 能不能赔": the other one
        return status_word(text, exclude=(*implied, "reimbursed"))
    return status


# A status set aside beside the one asked for ("还没到时间提的先不看 只看现在就能提的", "除了已经赔了的"): not asked.
_ASIDE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,2}?的?\s*(?:先|都|就|暂时)?\s*"
                          r"(?:不看|不要|不用看?|不管|别管|除外|不算|去掉|先放)")
_ASIDE_BEFORE = re.compile(r"(?:不要|除了|排除|去掉|不看|别管)\s*$")


def _set_aside(text: str, hit: tuple[str, int, int]) -> bool:
    return bool(_ASIDE_AFTER.match(text[hit[2]:]) or _ASIDE_BEFORE.search(text[:hit[1]]))


def status_word(text: str, exclude: tuple[str, ...] = ()) -> str | None:
    """The status (or ``closing_soon``) the words ask for; the longest phrase wins (of those not in ``exclude``),
    and an expiry word said of the near future (马上过期, about to close) is ``closing_soon``."""
    if _SOON_ZH.search(text) or _SOON_EN.search(text):
        return CLOSING_SOON
    if _WRITTEN_NOT_FILED.search(text):
        return "drafted"
    hits = [h for h in find("statuses", text) if h[0] not in exclude]
    asked = [h for h in hits if not _set_aside(text, h)]
    hits = asked if asked and len(asked) < len(hits) else hits  # one set aside, another asked: the other
    if not hits:
        return None
    if any(h[0] == "pending" for h in hits) and any(h[0] == "awaiting" and "pending" in text[h[1]:h[2]].lower()
                                                    for h in hits):
        return "pending"  # "还在 pending 没到时间提的": not claimable yet, whatever the English word says
    if {h[0] for h in hits} >= {"appealed", "awaiting"}:
        return "appealed"  # "appealed and still no answer from Amazon": the appeal is what waits
    return max(hits, key=lambda h: h[2] - h[1])[0]
