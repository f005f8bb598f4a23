"""A short reply that gives what the last answer asked for ("要记录被拒，我还需要索赔编号" -> "12", "是12号",
"索赔十二", "case 18457730921", "it's claim 12"): the request asked before, with it. A reply that says more than a
number or an id is a request of its own."""

from __future__ import annotations

import re
from typing import Any

from claimpilot.agent.understanding.dates import cn_number
from claimpilot.agent.understanding.ids import blanked, find_ids
from claimpilot.agent.understanding.normalize import normalize
from claimpilot.agent.understanding.plan import REQUIRED

# The words around a number or an id given alone ("是12号那个", "就是索赔 12 吧", "it's claim #12", "case号是…").
_FILLER = re.compile(r"就是|是|索赔|编号|号码|号|第|个|条|笔|那个|这个|那条|这条|的|吧|啊|呀|哦|嗯|呢|对"
                     r"|case|案例|案件|工单|\b(?:it'?s|it is|that'?s|that is|the|claim|number|no|id|one"
                     r"|sorry|oh|yes|yeah|ok|okay|pls|please)\b"
                     r"|[#:：,，.。!！?？\s]", re.I)
_NUMBER = re.compile(r"(\d{1,6})|([一二两三四五六七八九十百]{1,5})")


def completed(text: str, asked: dict[str, Any]) -> dict[str, Any] | None:
    """The arguments of the request ``asked`` ({"tool", "args", "missing"}) with what ``text`` gives, when ``text``
    is nothing but the number or id asked for; else None."""
    plain = normalize(text)
    found = find_ids(plain)
    rest = blanked(plain, found.spans)
    ids = dict(found.values)
    if not ids:
        number = _NUMBER.search(rest)
        if number is None:
            return None
        value = int(number.group(1)) if number.group(1) else cn_number(number.group(2))
        if not value:
            return None
        ids["claim_id"] = value
        rest = rest[:number.start()] + rest[number.end():]
    if _FILLER.sub("", rest):
        return None  # more than the number: a request of its own
    args = dict(asked.get("args") or {})
    for need in REQUIRED.get(asked["tool"], ()):
        if any(k in args for k in need.split("|")):
            continue
        key = next((k for k in need.split("|") if k in ids), None)
        if key is None:
            return None
        args[key] = ids[key]
    return args
