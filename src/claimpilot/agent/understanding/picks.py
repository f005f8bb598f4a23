"""Claims named together, then one of them picked by its place ("日本站有两个索赔 457和463 … 先查457", then
"上面说的第二个也查一下": claim 463; "claims 12 and 15, show me 12 first", then "now the other one": 15).

A turn that names two or more claim numbers leaves them in the thread's subject (``named_claims``); a later turn
that names no claim but a place among them ("第二个", "the second one", "另一个") means that claim.
"""

from __future__ import annotations

import re
from typing import Any

from claimpilot.agent.understanding.dates import cn_number

_NUM = r"(\d{1,6}|[零一二两三四五六七八九十百千]{1,8})"
_JOIN = (r"(?:\s*(?:和|跟|与|及|、|,|，|还有|或者?|\band\b|\bor\b|&)\s*(?:索赔|claim|#)?\s*"
         r"|\s+(?=\d{2,6}\b)|(?<=\s)(?=\d{2,6}\b))")  # "441 447 452 第二只": numbers apart by spaces too
# A claim word, then numbers joined by 和 / 、 / and ("索赔 457和463", "claims 12, 15 and 19", "#7 & #9"), or numbers
# that open the line ("518 and 522 both inside this list right, …").
_LISTED = re.compile(rf"(?:(?:索赔|案子|(?<![A-Za-z])claims?|#|我看|看着像是|应该是)\s*(?:号|no\.?|#)?\s*"
                     # or a few words after the claim word, before a comma ("2 claim to draft, 388 and 402")
                     rf"|(?:索赔|(?<![A-Za-z])claims?\b)[^\d\n,，:：]{{0,24}}[,，:：]\s*(?=\d{{2,6}}{_JOIN}\d)"
                     rf"|^\W*(?:(?:ok(?:ay)?|好的?|嗯|so|yes|yeah|就|就是)[\s,，]*)?(?=\d{{2,6}}{_JOIN}\d))"
                     rf"{_NUM}\s*号?((?:{_JOIN}{_NUM}\s*号?)+)", re.I)
_PLACES = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
           "first": 1, "second": 2, "third": 3, "1st": 1, "2nd": 2, "3rd": 3}
# A place among the claims named ("上面说的第二个", "第2个也查一下", "the second one", "the last one"); not a claim
# number said with its word (第二个索赔, 第2号).
_PICK = re.compile(r"第\s*([一二两三四五12345])\s*[个只条](?!\s*(?:索赔|号|claim)|\s*case(?!\s*(?:写|文案|草稿)))"
                   r"|\b(?:the )?(first|second|third|1st|2nd|3rd)(?: (?:one|claim)\b|(?=,? (?:too|also|as well)\b))",
                   re.I)
_FIRST = re.compile(r"(?:前面|前头|头)(?:那|一)个|\bthe first one\b", re.I)
_LAST = re.compile(r"(?:最后|后面|后头)(?:那|一)个|\bthe last one\b", re.I)
_OTHER = re.compile(r"另一个|另外一个|另外那个|\bthe other (?:one|claim)\b", re.I)


def named_span(text: str) -> tuple[int, int] | None:
    """Where ``text`` names claims together, if it does."""
    m = _LISTED.search(text)
    return m.span() if m and _numbers(m) else None


def named_claims(text: str) -> list[int]:
    """The claim numbers ``text`` names together, in order (none unless two or more)."""
    m = _LISTED.search(text)
    return _numbers(m) if m else []


def _numbers(m: re.Match[str]) -> list[int]:
    said = [m.group(1), *re.findall(_NUM, m.group(2))]
    numbers = [n for n in (int(s) if s.isdigit() else cn_number(s) for s in said) if n]
    return numbers if len(numbers) >= 2 else []


def picked_claim(text: str, subject: dict[str, Any] | None) -> int | None:
    """The claim among the thread's ``named_claims`` that ``text`` picks by its place, if any."""
    subject = subject or {}
    named = subject.get("named_claims") or []
    if len(named) < 2:
        return None
    if _OTHER.search(text) and len(named) == 2 and subject.get("claim_id") in named:
        return next(int(n) for n in named if n != subject["claim_id"])
    if _LAST.search(text):
        return int(named[-1])
    if _FIRST.search(text):
        return int(named[0])
    m = _PICK.search(text)
    place = _PLACES.get((m.group(1) or m.group(2)).lower()) if m else None
    return int(named[place - 1]) if place and place <= len(named) else None
