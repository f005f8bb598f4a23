"""The marketplace an utterance names (德国站, the UK store, japan, a bare code such as "UK claims"):
the most specific one wins."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find

# A marketplace's code typed on its own, in capitals ("UK claims", "DE的索赔"); "us" in lower case is a word.
_CODE = re.compile(r"(?<![A-Za-z0-9-])(US|UK|GB|DE|FR|IT|ES|JP|CA|MX|AU|BR|NL|SE|PL|BE|IE|uk|jp|au)(?![A-Za-z0-9$-])"
                   r"|\b(?:claims?|ones|store|site|marketplace)\s+(us)\s*[?？!.。]*\s*$")  # "show denied claims us"


# A store's code in any case before 站 ("de站佣金没退够的", "uk 站"): a store.
_CODE_STATION = re.compile(r"(?<![A-Za-z0-9-])(us|uk|gb|de|fr|it|es|jp|ca|mx|au)(?=\s*站)", re.I)


# A store's code in lower case after "on" ("any claims on ca where we refunded more"), where no word could be meant.
_ON_CODE = re.compile(r"\bon (ca|de|fr|mx)(?=\s+(?:where|that|which|with|store|site|marketplace|side)\b"
                      r"|\s*[?？.。!,]*\s*$)"
                      r"|\b(?:now|and|then|what about|how about) (ca|de|fr|mx|uk|jp|au)"  # "ok now de"
                      r"(?=\s*[?？.。!]*\s*$)")


# Australia as its sellers call it ("how much are we owed all up in Oz"); "oz" in lower case weighs.
_OZ = re.compile(r"\b(?:in|on|for|from|across|at) Oz\b")


# A store as its sellers shorten it ("美亚", "日亚那边"): the country and 亚 of 亚马逊, not 亚马逊 or 亚洲 itself. Read
# here, not from the lexicon, whose words a slip of the input method is corrected to (叫亚马逊 is no 加亚).
_SHORT_NAME = re.compile(r"(美|日|英|德|加|法|意|墨)亚(?![马洲太非])")
_SHORT_CODES = {"美": "US", "日": "JP", "英": "UK", "德": "DE", "加": "CA", "法": "FR", "意": "IT", "墨": "MX"}


# Stores whose sellers write the day first ("since 1/10" on the Australian store is the 1st of October).
DAY_FIRST_STORES = frozenset({"UK", "AU", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "BR"})


# A store named as the one compared with ("the same in AU as in the US", "跟美国站一样吗"): not the store asked about.
_COMPARED = re.compile(r"(?:\bas (?:in |on |for |with |at )?(?:the )?|\bthan (?:in |on |for )?(?:the )?"
                       r"|(?:跟|和|同|与|比)\s*)$", re.I)


# A store taken back ("美国站 哦不是 英国站", "the US, sorry, I mean the UK"): the one said after it.
_CORRECTED = re.compile(r"哦?不是|不对|说错了|\bsorry\b|\bi mean\b|\bno wait\b|\bactually\b", re.I)


# A store switched to ("法国的看过了 换意站的", "UK先不管 换成JP", "switch to Japan"): the one asked for.
# A store said as not the one meant ("是意大利站 不是法国"); after 哦 or 呃 ("美国站 哦不是 英国站") 不是 takes
# back the one before it.
_TAKEN_BACK = re.compile(r"(?<![哦呃啊额噢哎唉])(?:不是|而不是)\s*$|\bnot\s+(?:the\s+)?$", re.I)
# A store named as the one the list goes past ("不光德国", "not just the UK"): no store of the list.
_NOT_ONLY = re.compile(r"(?:不光|不只|不止|不仅|不单|\bnot (?:just|only)\s+(?:the\s+)?)(?:是|看)?\s*$", re.I)
SWITCH = r"(?:换成|换|改成|改为|切到|切换到|\bswitch (?:it )?to\b|\bchange (?:it )?to\b)"
_SWITCHED_TO = re.compile(SWITCH + r"\s*(?:the\s+)?$", re.I)


# A country named as where a warehouse of the seller's own stands ("退回我们美国海外仓", "our UK 3PL"): no store asked.
_WAREHOUSE_AFTER = re.compile(r"^\s*(?:的)?\s*(?:海外仓|自己的仓|第三方仓|3PL|warehouse of ours|3pl)", re.I)


# A store set aside ("意大利西班牙先不看 只看法国站", "澳洲站不用"), with any stores listed just before it; one
# asked for alone ("只要美国站"); several asked for together ("德国 法国都要": the one store a list holds is none).
_SET_ASIDE = re.compile(r"^\s*(?:站)?\s*(?:的)?\s*(?:(?:先|就|暂时|都)\s*)?"
                        r"(?:不看|不用(?:看|管)?|不要|不管|不算|除外|先放放|放一放)(?:了|的|啦)?(?=\s|[,，。;；!！]|$)")
_LISTED_WITH = re.compile(r"^\s*(?:站)?\s*[、,，/和跟及与]?\s*$")
_ALONE = re.compile(r"(?:只看|只要|只列|只查|只留|只需要)\s*$")
_TOGETHER = re.compile(r"^\s*(?:站)?\s*(?:的)?\s*(?:都要|都看|都列|都查|都算|两个都|both)")


def _set_aside(text: str, hits: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``hits`` less the stores set aside, each with the stores listed just before it."""
    aside: set[int] = set()
    for i in reversed(range(len(hits))):
        if _SET_ASIDE.match(text[hits[i][2]:]) or (
                i + 1 in aside and _LISTED_WITH.match(text[hits[i][2]:hits[i + 1][1]])):
            aside.add(i)
    return [h for i, h in enumerate(hits) if i not in aside]


def marketplace(text: str) -> str | None:
    """The store named first: a name from the lexicon or a bare code in capitals, the most specific (not EU),
    and not one named only as the store compared with or set aside; one asked for alone ("只看法国站") before the
    others; none where several are asked for together ("德国 法国都要")."""
    codes = [("UK" if (c := (m.group(1) or m.group(2)).upper()) == "GB" else c, m.start(), m.end())
             for m in _CODE.finditer(text)]
    codes += [((m.group(1) or m.group(2)).upper(), *m.span(m.lastindex or 1)) for m in _ON_CODE.finditer(text)]
    codes += [("UK" if (c := m.group(1).upper()) == "GB" else c, m.start(), m.end())
              for m in _CODE_STATION.finditer(text) if not m.group(1).isupper()]
    codes += [("AU", m.end() - 2, m.end()) for m in _OZ.finditer(text)]
    codes += [(_SHORT_CODES[m.group(1)], *m.span()) for m in _SHORT_NAME.finditer(text)]
    named = find("marketplaces", text)
    hits = sorted(named + [c for c in codes if not any(c[1] < e and s < c[2] for _, s, e in named)],
                  key=lambda h: h[1])
    hits = [h for h in hits if text[h[2] - 1] == "站" or not _WAREHOUSE_AFTER.match(text[h[2]:])]
    specific = [h for h in hits if h[0] != "EU"] or hits
    asked = [h for h in specific if not _COMPARED.search(text[max(0, h[1] - 16):h[1]])] or specific
    asked = [h for h in asked if not _TAKEN_BACK.search(text[max(0, h[1] - 6):h[1]])] or asked  # "是意大利站 不是法国"
    asked = [h for i, h in enumerate(asked) if not (i + 1 < len(asked)
                                                    and _CORRECTED.search(text[h[2]:asked[i + 1][1]]))] or asked
    asked = [h for h in asked if not _NOT_ONLY.search(text[max(0, h[1] - 12):h[1]])]  # the list widened past it
    asked = _set_aside(text, asked)
    if len({h[0] for h in asked}) > 1 and _TOGETHER.match(text[asked[-1][2]:]):
        return None
    switched = [h for h in asked if _SWITCHED_TO.search(text[max(0, h[1] - 8):h[1]])]
    alone = [h for h in asked if _ALONE.search(text[max(0, h[1] - 6):h[1]])]
    return (switched or alone or asked)[0][0] if asked else None
