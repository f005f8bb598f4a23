"""Amounts with their bound: "100刀以上", "超过200美金", "50块以下", "over $150", "under 20 dollars";
ranges, both bounds: "between £20 and £80", "$20-$80", "20到80刀之间", "50-100欧".

刀, 块, 美金, 美元 are dollars; 欧 euros; 镑 pounds; 日元/yen yen. The currency is noted; the filter is the number.
A number in Chinese numerals ("超过一百刀", "两千日元以下") counts only with its unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claimpilot.agent.understanding.dates import cn_number

_NUMBER = r"(\d+(?:[.,]\d+)*(?:\s*[万千kK](?![A-Za-z]))?)"  # 1,200 / 12.5 / 1万 / 2.5k
_SCALE = {"万": 10000, "千": 1000, "k": 1000}
_CN_NUMBER = r"([一二两三四五六七八九十百千万][零一二两三四五六七八九十百千万]*)"
_ZH_MIN = r"(?:以上|多|往上|起)"
_ZH_MAX = r"(?:以下|以内|之内|封顶)"
_ZH_MIN_BEFORE = r"(?:(?<!不)超过|(?<!不)超|大于|高于|多于|不少于|至少|下限(?:是|为|设为|定在)?)"
_ZH_MAX_BEFORE = r"(?:低于|小于|少于|不到|不超过|上限(?:是|为|设为|定在)?|最多)"
_EN_MIN = (r"(?:over|above|arriba de|m[aá]s de|north of|more than|more of|more then|greater than|at least|bigger than"
           r"|cut-?off (?:at|of)"
           r"|>=?)")
_EN_MAX = r"(?:under|below|menos de|less than|at most|up to|<=?)"
# Each currency's words and signs, as sellers write them; 元 alone names no currency.
_CURRENCY_WORDS = {
    "USD": ("$", "刀", "美刀", "块", "块钱", "美金", "美元", "dollar", "dollars", "bucks", "usd", "us dollar",
            "us dollars"),
    "EUR": ("€", "欧", "欧元", "eur", "euro", "euros"),
    "GBP": ("£", "镑", "英镑", "gbp", "pound", "pounds", "quid", "british pound", "british pounds"),
    "JPY": ("¥", "日元", "日圆", "円", "yen", "jpy"),
    "CAD": ("加元", "加币", "cad", "canadian dollar", "canadian dollars", "canadian"),
    "AUD": ("澳元", "澳币", "澳", "aud", "australian dollar", "australian dollars", "aussie dollar", "aussie dollars",
            "aussie"),
    "MXN": ("比索", "mxn", "peso", "pesos", "mexican peso", "mexican pesos"),
}
_CURRENCY: dict[str, str | None] = {w: code for code, words in _CURRENCY_WORDS.items() for w in words} | {"元": None}
CURRENCY_WORDS = frozenset(_CURRENCY)  # every word or sign of money, 元 included
# Words for any dollar: on the Australian, Canadian or Mexican store "50 bucks" is that store's dollars.
DOLLAR_WORDS = frozenset({"$", "刀", "块", "块钱", "dollar", "dollars", "bucks"})
LOCAL_DOLLARS = {"AU": "AUD", "CA": "CAD", "MX": "MXN"}


def _unit_word(word: str) -> str:
    if word.isascii():
        return re.escape(word) + r"(?![A-Za-z])"  # "500 aud", not "500 audit"
    return re.escape(word) + (r"(?!洲|大利亚)" if word == "澳" else "")  # 200澳 is AUD, 澳洲站 a store


_UNIT = "(" + "|".join(_unit_word(w) for w in sorted((w for w in _CURRENCY if w not in "$¥"), key=len,
                                                      reverse=True)) + ")"

CURRENCY_UNIT = _UNIT  # any currency's word, as a group: the one table of them, for follow-ups too


def currency_of(word: str) -> str | None:
    """The currency code of a currency's word or sign (英镑 -> GBP, bucks -> USD); None for 元 or no currency."""
    return _CURRENCY.get(word.strip().lower())


_SIGN = r"([$€£¥])?\s*"
_CN_RANGE = re.compile(rf"{_CN_NUMBER}\s*(?:{_UNIT})?\s*(?:至|到|-)\s*{_CN_NUMBER}\s*{_UNIT}")  # 五十至一百加元,
# 二百美金到五百美金
_CN_BETWEEN = re.compile(rf"{_CN_NUMBER}\s*(?:至|到|-)\s*{_CN_NUMBER}\s*之间")  # 一百到两百之间: a range, no currency
_RANGES = [  # a currency on one side at least (a sign or a unit): "20 to 80" alone may be days or units
    re.compile(rf"\bbetween\s*{_SIGN}{_NUMBER}\s*{_UNIT}?\s*(?:and|to|-|–)\s*{_SIGN}{_NUMBER}\s*{_UNIT}?", re.I),
    re.compile(rf"{_SIGN}{_NUMBER}\s*{_UNIT}?\s*(?:-|–|~|到|至|to)\s*{_SIGN}{_NUMBER}\s*{_UNIT}?(?:\s*之间)?", re.I),
]
_NOT_MONEY = (r"(?!\d|\s*(?:天|日(?!元)|周|个?月|年|个|件|条|单|次|小时|%|days?\b|weeks?\b|months?\b|years?\b|units?\b"
              r"|pcs\b|items?\b|claims?\b))")  # "超过60天": a time, not an amount
_NOT_COUNTED = r"(?!\s*(?:orders?|skus?|asins?|fnskus?|shipments?|boxes|cartons?|times|cases?|returns?|of)\b)"
_CODE = r"(usd|eur|gbp|cad|aud|jpy)"  # the currency's code before its figure ("CAD 50.00")
_OR_MORE = r"(?:(?:or (?:more|above|over|higher)|and (?:up|above|over))\b|\+(?!\s*\d))"  # "€100+"
_PATTERNS = [
    ("min", re.compile(rf"{_ZH_MIN_BEFORE}\s*[$€£¥]?\s*{_NUMBER}{_NOT_MONEY}\s*{_UNIT}?", re.I)),
    ("max", re.compile(rf"{_ZH_MAX_BEFORE}\s*[$€£¥]?\s*{_NUMBER}{_NOT_MONEY}\s*{_UNIT}?", re.I)),
    ("min", re.compile(rf"[$€£¥]?\s*{_NUMBER}\s*{_UNIT}\s*{_ZH_MIN}", re.I)),
    ("max", re.compile(rf"[$€£¥]?\s*{_NUMBER}\s*{_UNIT}\s*{_ZH_MAX}", re.I)),
    ("min", re.compile(rf"{_ZH_MIN_BEFORE}\s*{_CN_NUMBER}\s*{_UNIT}", re.I)),
    ("max", re.compile(rf"{_ZH_MAX_BEFORE}\s*{_CN_NUMBER}\s*{_UNIT}", re.I)),
    ("min", re.compile(rf"{_CN_NUMBER}\s*{_UNIT}\s*{_ZH_MIN}", re.I)),
    ("max", re.compile(rf"{_CN_NUMBER}\s*{_UNIT}\s*{_ZH_MAX}", re.I)),
    ("min", re.compile(rf"([$€£¥])\s*{_CN_NUMBER}\s*{_ZH_MIN}", re.I)),  # "$八十以上的"
    ("min", re.compile(rf"([$€£¥])\s*{_NUMBER}\s*{_ZH_MIN}", re.I)),  # "$200以上的"
    ("max", re.compile(rf"([$€£¥])\s*{_NUMBER}\s*{_ZH_MAX}", re.I)),
    ("max", re.compile(rf"([$€£¥])\s*{_CN_NUMBER}\s*{_ZH_MAX}", re.I)),
    ("min", re.compile(rf"([$€£¥])\s*{_NUMBER}\s*{_UNIT}?\s*{_OR_MORE}", re.I)),  # "€100 or more", "$50 and up"
    ("min", re.compile(rf"\b{_NUMBER}\s*{_UNIT}\s*{_OR_MORE}", re.I)),
    ("min", re.compile(rf"\b{_CODE}\s*{_NUMBER}\s*{_OR_MORE}", re.I)),  # "CAD 50.00 or more"
    ("min", re.compile(rf"\b{_EN_MIN}\s*{_CODE}\s*{_NUMBER}", re.I)),
    ("max", re.compile(rf"\b(?:{_EN_MAX}|cap(?:ped)?(?: (?:it|that|them))? at)\s*{_CODE}\s*{_NUMBER}", re.I)),
    ("max", re.compile(rf"\bcap(?:ped)?(?: (?:it|that|them))? at\s*([$€£¥])\s*{_NUMBER}", re.I)),
    ("max", re.compile(rf"\bcap(?:ped)?(?: (?:it|that|them))? at\s+(\d+(?:[.,]\d+)?){_NOT_MONEY}{_NOT_COUNTED}", re.I)),
    ("min", re.compile(rf"\b{_EN_MIN}\s*([$€£¥])\s*{_NUMBER}", re.I)),
    ("max", re.compile(rf"\b{_EN_MAX}\s*([$€£¥])\s*{_NUMBER}", re.I)),
    ("min", re.compile(rf"\b{_EN_MIN}\s+{_NUMBER}\s*{_UNIT}", re.I)),
    ("max", re.compile(rf"\b{_EN_MAX}\s+{_NUMBER}\s*{_UNIT}", re.I)),
    # a bare figure with its bound, no currency ("over 100", "30以上"): the seller's own money, not a count
    ("min", re.compile(rf"\b(?:over|above|more than|at least)\s+(\d+(?:[.,]\d+)?){_NOT_MONEY}{_NOT_COUNTED}", re.I)),
    ("max", re.compile(rf"\b(?:under|below|less than|at most)\s+(\d+(?:[.,]\d+)?){_NOT_MONEY}{_NOT_COUNTED}", re.I)),
    ("min", re.compile(rf"(?<![\d.:/-])(\d+(?:[.,]\d+)?)\s*{_ZH_MIN}(?!\s*[天日周月年件个条单次])")),
    ("max", re.compile(rf"(?<![\d.:/-])(\d+(?:[.,]\d+)?)\s*{_ZH_MAX}(?!\s*[天日周月年件个条单次])")),
]


@dataclass(frozen=True)
class Amount:
    bound: str  # "min" or "max"
    value: float
    currency: str | None
    span: tuple[int, int]
    dollar: bool = False  # said as any dollar ("50 bucks", "$50"), not as the US dollar ("USD", 美金)


def _digits(number: str) -> float:
    """"1,200" and "1.200" (thousands), "12,5" and "12.5" (decimals), "1万", "2.5k"."""
    scale = _SCALE.get(number[-1].lower(), 1)
    digits = number.rstrip("万千kK ").strip()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits) and not re.fullmatch(r"\d\.\d{3}", digits):
        digits = digits.replace(",", "").replace(".", "")
    return float(digits.replace(",", ".")) * scale


def _value(number: float) -> float:
    return int(number) if float(number).is_integer() else number


def _overlaps(m: re.Match[str], found: list[Amount]) -> bool:
    return any(m.start() < a.span[1] and a.span[0] < m.end() for a in found)


def _ranges(text: str) -> list[Amount]:
    """Both bounds of a range: a currency on one side at least, or 五十至一百加元 in Chinese numerals."""
    out: list[Amount] = []
    for pattern in _RANGES:
        for m in pattern.finditer(text):
            sign1, low, unit1, sign2, high, unit2 = m.groups()
            currency = next((c for c in (sign1, unit1, sign2, unit2) if c), None)
            if currency is not None and not _overlaps(m, out):
                out += [Amount(bound, _value(_digits(n)), _CURRENCY.get(currency.lower()), m.span(),
                               currency.lower() in DOLLAR_WORDS) for bound, n in (("min", low), ("max", high))]
    for m in _CN_RANGE.finditer(text):
        low, _, high, unit = m.groups()
        if not _overlaps(m, out):
            out += [Amount(bound, cn_number(n) or 0, _CURRENCY.get(unit.lower()), m.span())
                    for bound, n in (("min", low), ("max", high))]
    for m in _CN_BETWEEN.finditer(text):
        if not _overlaps(m, out):
            out += [Amount(bound, cn_number(n) or 0, None, m.span()) for bound, n in (("min", m.group(1)),
                                                                                     ("max", m.group(2)))]
    return out


# Below a figure not wanted ("五十块钱美金以下的就不用看了", "ignore anything under $50"): the figure is the minimum.
_SKIP_BELOW = [
    re.compile(rf"(?:{_NUMBER}|{_CN_NUMBER})\s*{_UNIT}?(?:\s*{_UNIT})?\s*(?:以下|以内|之内)的?\s*(?:就|都)?\s*"
               r"(?:(?:不用|不要|不必|不需要|别|甭)\s*(?:看|管|列|理)|算了|免了|跳过)", re.I),
    re.compile(rf"\b(?:ignore|skip|leave out|don.t (?:need|want|bother with)|no need for)\s+(?:anything|any|the ones"
               rf"|claims?|those)?\s*(?:under|below|less than)\s*([$€£¥])?\s*{_NUMBER}\s*{_UNIT}?", re.I),
]


def _amount(bound: str, m: re.Match[str]) -> Amount:
    """The amount a pattern matched: its figure (digits or Chinese numerals) and the last of its units or signs
    that names a currency ("五十块钱美金": USD)."""
    groups = [g for g in m.groups() if g]
    number = next(g for g in groups if re.fullmatch(_NUMBER, g) or re.fullmatch(_CN_NUMBER, g))
    value = _digits(number) if number[0].isdigit() else float(cn_number(number) or 0)
    said = next((g.lower() for g in reversed(groups) if g is not number and _CURRENCY.get(g.lower())), "")
    return Amount(bound, _value(value), _CURRENCY.get(said), m.span(), said in DOLLAR_WORDS)


# A price of one unit told in a story ("一个才赔8刀 我们出厂成本都要11刀多", "they paid $8 each"): no filter.
_UNIT_PRICE_BEFORE = re.compile(r"(?:一个|每个|一件|每件|每单|一单|单价|成本|进价|出厂价|售价|卖价)"
                                r"(?![^,，。;；\d]{0,4}(?:的|差|相差|差价)\s*$)"  # not "不够成本的 100加币以上的"
                                r"[^,，。;；\d]{0,5}$"
                                r"|(?:亏了|亏损了?|损失了?|退了[他她]?|该退|应该退|应退|才给了?|只给了?|只付了|付了|(?:以前|之前|原来|本来)才"
                                r"|变成?了?|涨到|涨了|涨成|降到|一直)\s*$"
                                r"|\b(?:jumped|went up|increased|rose|changed|was|were|paid)\s+(?:from\s+)?$", re.I)
# A bound said with the figure ("over 500 pesos each"): a filter on each claim, however priced.
_BOUND_SAID = re.compile(r"^(?:over|under|above|below|more than|less than|at least|at most|超过|低于|大于|小于)"
                         r"|(?:以上|以下)$", re.I)
_UNIT_PRICE_AFTER = re.compile(r"^\s*(?:多\s*)?(?:一个|一件|每个|每件|一双|每双|一条|一只|一台|一套|一盒|/个|/件"
                               r"|\beach\b|\bper (?:unit|item|piece)\b|\ba piece\b|\bapiece\b)", re.I)


# A bound said only to let those amounts in too ("不到三十镑的也算上", "including the ones under £30"): no filter.
_ALSO_COUNTED = re.compile(r"^\s*的?\s*(?:也\s*(?:算上?|要|包括|列上?|加上|带上|放进来|一起)"
                           r"|都\s*(?:算上?|包括|加上|带上|放进来))")  # but "5000比索以上的都列出来": those
_NOT_WANTED = re.compile(r"^\s*的?\s*(?:都|就)?\s*(?:不看|不要|不用看?|别列|不列|\bno need\b|\bnot needed\b"
                         r"|\bdon'?t need\b|\bskip (?:them|those|it)\b)", re.I)
_INCLUDING_BEFORE = re.compile(r"\b(?:including|incl\.?|even)\s+(?:the ones |those |ones |anything |claims )?$", re.I)


_BARE = re.compile(rf"(?:{_NUMBER}|{_CN_NUMBER})\s*{_UNIT}", re.I)


def bare_amount(text: str) -> tuple[float, str | None] | None:
    """A figure said with its currency and no bound ("一百镑", "50 euros"), as (value, currency), if any."""
    m = _BARE.search(text)
    if m is None:
        return None
    number = m.group(1) or m.group(2)
    value = _digits(number) if number[0].isdigit() else float(cn_number(number) or 0)
    return _value(value), _CURRENCY.get(m.group(3).lower())


# A currency asked for on its own, no figure with it ("加币的那些", "欧元的", "the ones in euros", "in CAD"): the claims
# in that currency. Single characters (刀, 欧, 镑) and "dollars" name amounts, not a currency asked for.
_LONE_CURRENCY = re.compile(r"(?<![\d一二两三四五六七八九十百千万.])\s*"
                            r"(加币|加元|欧元|英镑|日元|比索|澳元|澳币|美金|美元)"
                            r"(?=的|那些|那几)"
                            r"|\b(?:in|paid in|priced in) (euros?|pounds?|pesos?|yen|cad|aud|gbp|eur|mxn|jpy"
                            r"|canadian dollars|australian dollars)\b", re.I)


def lone_currency(text: str) -> str | None:
    """The currency asked for with no amount ("加币的"), if any."""
    m = _LONE_CURRENCY.search(text)
    return currency_of(m.group(1) or m.group(2)) if m else None


def find_amounts(text: str) -> list[Amount]:
    """Every amount said as a filter (not a unit's price told in passing, nor one let in too), in order found; a bound
    said as the ones not wanted ("一百二十刀以下不看", "below 50 pound no need") keeps the others."""
    found = [a for a in _all_amounts(text) if not _UNIT_PRICE_BEFORE.search(text[:a.span[0]])
             and not (_UNIT_PRICE_AFTER.match(text[a.span[1]:]) and not _BOUND_SAID.search(text[a.span[0]:a.span[1]]))
             and not _ALSO_COUNTED.match(text[a.span[1]:]) and not _INCLUDING_BEFORE.search(text[:a.span[0]])]
    skipped = {m.span() for pattern in _SKIP_BELOW for m in pattern.finditer(text)}  # "以下的就算了": read already
    kept = [replace(a, bound="min" if a.bound == "max" else "max")
            if _NOT_WANTED.match(text[a.span[1]:]) and a.span not in skipped else a for a in found]
    return [a for i, a in enumerate(kept) if (a.bound, a.value) not in {(b.bound, b.value) for b in kept[:i]}]


def _all_amounts(text: str) -> list[Amount]:
    out: list[Amount] = [_amount("min", m) for pattern in _SKIP_BELOW for m in pattern.finditer(text)]
    out += [a for a in _ranges(text) if not any(a.span[0] < b.span[1] and b.span[0] < a.span[1] for b in out)]
    for bound, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not _overlaps(m, out):
                amount = _amount(bound, m)
                code = _CODE_AFTER.match(text, m.end())  # "over $100 CAD": Canadian dollars
                if code and (amount.currency is None or amount.dollar):
                    amount = Amount(bound, amount.value, code.group(1).upper(), (m.start(), code.end()))
                out.append(amount)
    return out


_CODE_AFTER = re.compile(r"\s*(usd|cad|aud|mxn)\b", re.I)
