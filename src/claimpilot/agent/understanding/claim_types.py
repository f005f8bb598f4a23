"""Claim types from the seller's words (仓丢, 退款不退货, 尺寸量错, below cost ...), the second wave too, and from the
stories that tell a loss without naming it (``loss_stories.yaml``: "才给了九镑多一双 我们进价二十三镑")."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

from claimpilot import yamlfile
from claimpilot.agent.understanding.lexicon import find, lexicon
from claimpilot.vocabulary import ClaimType

_CONTRAST = re.compile(r"\W*(?:vs\.?|versus|or|还是|或者?)\W*", re.I)
# "之前仓库弄坏了一批…亚马逊是赔了 但是…这种赔少了的有几单": the kind pointed at (这种) is the one asked for.
_KIND_BEFORE = re.compile(r"(?:这种|这类|那种|那类|这样的)\s*$")
# A customer return that came back damaged at Amazon's hands ("退回来被亚马逊弄坏的"): a damaged return, unless a type
# word says more.
_RETURN_DAMAGED = re.compile(r"退(?:回来|回仓|回|货)[^,，。;；]{0,24}"
                             r"(?:弄坏|损坏|坏了|是坏的|破损|摔坏|压烂|压坏|压扁|污渍|弄脏|脏了|撕破|damaged|defective)"
                             r"|\b(?:customer|buyer)s? return(?:ed|s)?\b[^.;]{0,60}"
                             r"\b(?:damaged|broken|crush\w*|smashed)\b",
                             re.I)
# Money the seller got back from Amazon ("what we've actually clawed back from Amazon UK so far"): recovered, not a
# reimbursement Amazon clawed back.
_RECOVERED = re.compile(r"\bclawed back from (?:amazon|amz)\b"
                        r"|\b(?:we.ve|we have|we) (?:actually |already )?clawed back\b", re.I)
# Money the seller lost, not goods ("how much money have we lost to expired claims"): no loss in the warehouse.
_MONEY_LOST = re.compile(r"\b(?:money|cash|revenue|dollars|bucks)\b[^.?!,]{0,24}\blost\b"
                         r"|\blost (?:out )?(?:to|on|by) (?:the )?(?:expired|expiring|lapsed|missed|late)\b", re.I)
FUZZY_SCORE = 90  # an English phrase typed with a slip ("damged") still names its type


def claim_type(text: str, situations: bool = False) -> ClaimType | None:
    """The claim type ``text`` names, the most specific phrase winning; with ``situations``, else the
    type whose situation it tells (situations.py); None when it names none."""
    told = _told_by_story(text, "before_words")
    if told:
        return told
    hits = find("claim_types", _MONEY_LOST.sub(blank, _RECOVERED.sub(blank, text)))
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
    told = _told_by_story(text, "after_words")
    if told:
        return told
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


@cache
def _stories() -> dict[str, list[tuple[ClaimType, re.Pattern[str]]]]:
    """loss_stories.yaml: each section's (type, pattern) pairs, in order."""
    text = (resources.files("claimpilot.agent.understanding") / "loss_stories.yaml").read_text(encoding="utf-8")
    return {section: [(ClaimType(kind), re.compile(p, re.I)) for entry in entries for kind, patterns in entry.items()
                      for p in patterns]
            for section, entries in yamlfile.safe_load(text).items()}


def _told_by_story(text: str, section: str) -> ClaimType | None:
    """The type of the first loss story of ``section`` that ``text`` tells."""
    return next((kind for kind, pattern in _stories()[section] if pattern.search(text)), None)


def blank(m: re.Match[str]) -> str:
    """The match as spaces, so that spans after it stay where they were."""
    return " " * len(m.group(0))


def _broad(phrase: str) -> bool:
    """A phrase that names a kind of loss only broadly (损坏, 丢了, damaged, lost; lexicon.yaml's
    ``broad_type_words``): a situation told around it may name the claim more precisely."""
    return phrase.strip().lower() in lexicon()["broad_type_words"]


def _told(text: str) -> str | None:
    from claimpilot.agent.understanding.situations import situation_type

    return situation_type(text)
