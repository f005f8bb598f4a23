"""Time expressions made concrete date ranges against today.

今天, 前天, 本周/这周, 下周, 上周, 7天内, 两周内, 这两天, 这个月, 上个月, 月底, 12号, 下周三, 9月份,
10月15号之后, 今年, 去年, 最近30天; today, this week, next week, next 10 days, the next two weeks,
this month, last month, end of the month, since March, before October, Oct 31, 2026-10-31; days sellers date
things by: since Halloween, 黑五之后, 双十一前.

A range is (start, end), either side open (None). ``future`` says the words look ahead (7天内,
next 10 days): a deadline question reads such a range from today on, an event question reads a
bare "N days" backwards ("最近30天", "last 30 days"). Month names come from Babel's CLDR data.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from claimpilot.agent.understanding.days_in_passing import said_in_passing
from claimpilot.agent.understanding.named_days import named_days

_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "a": 1, "a couple of": 2, "couple of": 2, "few": 3}
_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


@dataclass(frozen=True)
class DateRange:
    start: date | None
    end: date | None
    future: bool = False  # the words look ahead from today
    past: bool = False  # the words look back from today
    span: tuple[int, int] = (0, 0)


def cn_number(text: str) -> int | None:
    """12, 十二, 两, 二十, 一百, 两千五, 一千零五, 一万二 -> int; None when it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    if len(text) >= 3 and "两" not in text and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # 四五七, read out digit by digit: 457
    total, section, digit = 0, 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
        else:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
    if digit and len(text) > 1 and text[-2] in _CN_UNITS and text[-2] != "十":  # 两千五: 五 is five hundred
        digit *= _CN_UNITS[text[-2]] // 10
    return total + section + digit


@cache
def _months() -> dict[str, int]:
    from babel.dates import get_month_names

    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            out[name.lower().rstrip(".")] = number
    out["sept"] = 9
    return out


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), _month_end(y, m)


def _shift_month(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


_NUM = r"(\d{1,3}|[一二两三四五六七八九十]{1,3})"
_EN_NUM = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|couple of|a few|few)"


def _en_num(word: str) -> int:
    return int(word) if word.isdigit() else _EN_NUMBERS.get(word.replace("a few", "few"), 3)


_WEEKDAY_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(week0: date, groups: tuple) -> date:
    zh = groups[0] or groups[1]
    en = groups[2]
    return week0 + timedelta(_WEEKDAY_ZH[zh] if zh else _WEEKDAY_EN.index(en.lower()))


_WEEK_SHIFT = {"上": -7, "下": 7}


def _quarter(q: int, today: date) -> tuple[date, date, bool, bool]:
    """Q3, 第三季度: this year's quarter, or last year's when it has not begun yet."""
    y = today.year if 3 * q - 2 <= today.month else today.year - 1
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), False, True


def _half(half: int, today: date, last_year: bool) -> tuple[date, date, bool, bool]:
    """上半年 / 下半年: this year's half, or last year's when it has not begun yet (or 去年 is said)."""
    y = today.year - 1 if last_year or (half == 2 and today.month < 7) else today.year
    start, end = (date(y, 1, 1), date(y, 6, 30)) if half == 1 else (date(y, 7, 1), date(y, 12, 31))
    return start, end, False, end < today


HALF_MONTH = re.compile(r"(前|上|后|下)半个月")


def half_month(y: int, mo: int, word: str) -> tuple[date, date]:
    """前半个月 / 后半个月 of a month: days 1-15 or 16 to its end."""
    return _days(y, mo, (1, 15) if word in "前上" else (16, 31))


def _days(y: int, mo: int, days: tuple[int, int]) -> tuple[date, date]:
    """Days ``first``-``last`` of a month (初, 中旬, 底: 1-10, 11-20, 21-31), the last cut to the month's length."""
    first, last = days
    return date(y, mo, first), date(y, mo, min(last, calendar.monthrange(y, mo)[1]))


def _last_quarter(today: date) -> tuple[date, date]:
    """The quarter before this one (上季度 in November: July to September)."""
    first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1) - timedelta(1)
    start = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    return start, first


def _part_of(month: tuple[int, int], part: str, today: date) -> tuple[date, date, bool, bool]:
    """A part of last or next month (上个月底, 下月初), as a range on its side of today."""
    now = (today.year, today.month)
    return *_days(*month, _PARTS[part]), month > now, month < now


def _rules(today: date):
    week0 = today - timedelta(days=today.weekday())
    y, m = today.year, today.month
    this_month = _month(y, m)
    last_month = _month(*_shift_month(today, -1))
    next_month = _month(*_shift_month(today, 1))
    quarter = (m - 1) // 3 * 3 + 1
    unit = {"天": 1, "日": 1, "周": 7, "星期": 7, "礼拜": 7, "个月": 30, "月": 30,
            "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "fortnight": 14, "fortnights": 14}

    def moved(n: int, u: str) -> date:
        """``n`` units from today: months are calendar months (近一个月 on 11-04: from 10-04)."""
        if unit[u] != 30:
            return today + timedelta(days=n * unit[u])
        yy, mm = _shift_month(today, n)
        return date(yy, mm, min(today.day, calendar.monthrange(yy, mm)[1]))

    def ahead(n: int, u: str) -> tuple[date, date, bool, bool]:
        return today, moved(n, u), True, False

    def back(n: int, u: str) -> tuple[date, date, bool, bool]:
        return moved(-n, u), today, False, True

    return [
        # Look back: 最近30天 / 近两周 / 过去7天 / last 30 days / past two weeks
        (r"(?:最近|近|过去|前)\s*半个?月", lambda g: back(15, "天")),
        (r"\b(?:last|past|previous)\s+(?:half (?:a |of a )?month|two weeks and a day)\b", lambda g: back(15, "day")),
        (rf"(?:最近|近|过去|前)\s*{_NUM}\s*(天|日|周|个星期|星期|个礼拜|礼拜|个月)",
         lambda g: back(cn_number(g[0]) or 1, g[1].lstrip("个"))),
        (rf"\b(?:last|past|previous)\s+{_EN_NUM}\s+(days?|weeks?|months?)\b",
         lambda g: back(_en_num(g[0]), g[1])),
        # Look ahead: 7天内 / 两周内 / 3天内 / next 10 days / within 2 weeks / in the next two weeks
        (rf"(?:还有|还剩|只剩|剩下?)\s*{_NUM}\s*(天|日|周|个星期|星期|个礼拜|礼拜|个月)",  # 还剩3天到期
         lambda g: ahead(cn_number(g[0]) or 1, g[1].lstrip("个"))),
        (rf"{_NUM}\s*(天|日|周|个星期|星期|个礼拜|礼拜|个月)\s*(?:内|之内|以内)",
         lambda g: ahead(cn_number(g[0]) or 1, g[1].lstrip("个"))),
        (rf"\b(?:next|within|in the next|within the next|in)\s+{_EN_NUM}\s+(days?|weeks?|months?)\b",
         lambda g: ahead(_en_num(g[0]), g[1])),
        (r"\b(?:in |within )?(?:the |a )?next fortnight\b|\bwithin a fortnight\b", lambda g: ahead(1, "fortnight")),
        (r"\b(?:the )?(?:last|past|previous) fortnight\b", lambda g: back(1, "fortnight")),
        (r"这两天|这几天|(?:the )?next (?:couple of|few) days",
         lambda g: (today, today + timedelta(days=2), True, False)),
        (r"今天|今日|\btoday\b", lambda g: (today, today, False, False)),
        # now, as one end of a range: "between now and the 20th" (from today), "本月一日至今" (to today)
        (r"\bbetween now and\b|\bfrom now (?:to|till|until)\b|从现在(?:起)?(?:到|至)|至今|到现在|迄今"
         r"|\b(?:up )?(?:to|till|until) (?:now|today|date)\b", lambda g: (today, today, False, False)),
        (r"明天|\btomorrow\b", lambda g: (today + timedelta(1), today + timedelta(1), True, False)),
        (r"大前天", lambda g: (today - timedelta(3), today - timedelta(3), False, True)),
        (r"前天|\b(?:the )?day before yesterday\b",
         lambda g: (today - timedelta(2), today - timedelta(2), False, True)),
        (r"后天|\b(?:the )?day after tomorrow\b", lambda g: (today + timedelta(2), today + timedelta(2), True, False)),
        (r"昨天|\byesterday\b", lambda g: (today - timedelta(1), today - timedelta(1), False, True)),
        # weekdays from one to another: 下礼拜一到礼拜五, 这周三到周五 (the second in the first's week)
        (r"(上|下|本|这)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])\s*(?:到|至|-|~)\s*(?:周|星期|礼拜)?([一二三四五六日天])",
         lambda g: (week0 + timedelta(_WEEK_SHIFT.get(g[0], 0) + _WEEKDAY_ZH[g[1]]),
                    week0 + timedelta(_WEEK_SHIFT.get(g[0], 0) + _WEEKDAY_ZH[g[2]]), g[0] == "下", g[0] == "上")),
        (r"下(?:个)?(?:周|星期|礼拜)([一二三四五六日天])",
         lambda g: (d := week0 + timedelta(7 + _WEEKDAY_ZH[g[0]]), d, True, False)),
        (r"\bnext (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",  # next week's, as 下周五
         lambda g: (d := week0 + timedelta(7 + _WEEKDAY_EN.index(g[0].lower())), d, True, False)),
        (r"\blast (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
         lambda g: (d := week0 - timedelta(7 - _WEEKDAY_EN.index(g[0].lower())), d, False, True)),
        (r"上(?:个)?(?:周|星期|礼拜)([一二三四五六日天])",
         lambda g: (d := week0 - timedelta(7 - _WEEKDAY_ZH[g[0]]), d, False, True)),
        (r"(?:本|这)(?:个)?(?:周|星期|礼拜)([一二三四五六日天])",
         lambda g: (d := week0 + timedelta(_WEEKDAY_ZH[g[0]]), d, False, False)),
        (r"(?:\bthe )?end of (?:the|this) week\b|\bthis weekend\b|周末",
         lambda g: (None, week0 + timedelta(6), True, False)),
        (r"(?:\bthe )?end of next week\b", lambda g: (None, week0 + timedelta(13), True, False)),
        # a weekday as a bound (周五之前, 截止周五, by Friday, since Monday): this week's; one said in
        # passing ("a call on Friday", "starting Monday") is no filter
        (r"(?<![上下本这个])(?:周|星期|礼拜)([一二三四五六日天])"
         r"(?=\s*(?:之前|以前|前|之后|以后|后|到|能到|过期|到期|截止|为止|以来|开始))"
         r"|(?:(?<=截止)|(?<=截至))(?:周|星期|礼拜)([一二三四五六日天])"
         r"|(?:(?<=\bby )|(?<=\bbefore )|(?<=\buntil )|(?<=\btill )|(?<=\bsince )|(?<=\bafter )|(?<=\bthis )"
         r"|(?<=\bnow and )|(?<=\btoday and )|(?<=\bnow to )|(?<=\bnow till ))"
         r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
         lambda g: (d := _weekday(week0, g), d, d > today, False)),
        (r"本周|这周|这个?星期|这个?礼拜|\bthis week\b", lambda g: (week0, week0 + timedelta(6), False, False)),
        # 看一下下周 is 看一下 + 下周 (and 查一下下个月, 一下 + 下个月)
        (r"(?<!一)下下(?:个)?(?:周|星期|礼拜)|\bthe week after next\b",
         lambda g: (week0 + timedelta(14), week0 + timedelta(20), True, False)),
        (r"下周|下个?星期|下个?礼拜|\bnext week\b",
         lambda g: (week0 + timedelta(7), week0 + timedelta(13), True, False)),
        (r"上上(?:个)?(?:周|星期|礼拜)|\bthe week before last\b",
         lambda g: (week0 - timedelta(14), week0 - timedelta(8), False, True)),
        (r"上周|上个?星期|上个?礼拜|\blast week\b",
         lambda g: (week0 - timedelta(7), week0 - timedelta(1), False, True)),
        # part of last or next month: 上个月底, 下月初, end of last month (as 10月底, 9月初)
        (r"(上|下)个?月份?的?\s*(上半月|下半月|上旬|中旬|下旬|初|底|末|中(?=那|左右|前后|\s|$))"
         r"|\b(?:the )?(start|beginning|end) of (last|next) month\b",
         lambda g: _part_of(_shift_month(today, -1 if "上" == g[0] or g[3] == "last" else 1),
                            g[1] or ("初" if g[2] in ("start", "beginning") else "底"), today)),
        (r"(?:本|这个?)?月底|\b(?:the )?end of (?:the |this )?month\b",
         lambda g: (None, this_month[1], True, False)),
        (r"(?:本|这个?)?月中(?=\s*(?:之前|以前|前|截止))|\b(?:by |before )the middle of (?:the |this )?month\b",
         lambda g: (None, this_month[0] + timedelta(14), True, False)),  # 月中之前要提的: by the 15th
        (r"(?:本|这个?)?月中(?=\s*(?:开始|起|以后|之后|到|至))",  # 从月中开始算 到月底: from the 15th
         lambda g: (this_month[0] + timedelta(14), this_month[0] + timedelta(14), False, False)),
        # a part of this month: 月初到现在, 本月上旬, 这个月中旬 (as 11月初)
        (r"(?:本|这个?)?月(初|上旬|中旬|下旬|上半月|下半月)|\b(?:the )?(?:start|beginning) of (?:the |this )month\b",
         lambda g: (*_days(y, m, _PARTS[g[0] or "初"]), False, False)),
        # half of a month named by none (前半个月, 后半个月): this month's, or the thread's month (plan.py)
        (HALF_MONTH.pattern, lambda g: (*half_month(y, m, g[0]), False, False)),
        (r"(?<![A-Za-z])MTD(?![A-Za-z])|\bmonth[- ]to[- ]date\b", lambda g: (this_month[0], today, False, False)),
        (r"(?<![A-Za-z])YTD(?![A-Za-z])|\byear[- ]to[- ]date\b", lambda g: (date(y, 1, 1), today, False, False)),
        (r"本月|这个月|当月|\bthis month\b", lambda g: (*this_month, False, False)),
        (r"上上个?月|\bthe month before last\b", lambda g: (*_month(*_shift_month(today, -2)), False, True)),
        (r"上个?月|\blast month(?:'s)?\b", lambda g: (*last_month, False, True)),
        (r"(?<!一)下下个?月|\bthe month after next\b", lambda g: (*_month(*_shift_month(today, 2)), True, False)),
        (r"下个?月|\bnext month\b", lambda g: (*next_month, True, False)),
        (r"(?<![A-Za-z0-9])[Qq]([1-4])(?![A-Za-z0-9])|第?([一二三四1-4])季度",
         lambda g: _quarter(cn_number(g[0] or g[1]) or 1, today)),
        (r"本季度|这个?季度|\bthis quarter\b",
         lambda g: (date(y, quarter, 1), _month_end(y, quarter + 2), False, False)),
        (r"上个?季度|\blast quarter\b|\bthe previous quarter\b",
         lambda g: (*_last_quarter(today), False, True)),
        # halves of a year: 上半年, 去年下半年, the first half of the year, H2 (last year's when not begun)
        (r"(今年|去年)?(上|下)半年|\b(?:the )?(first|second) half of (?:the |this |last )?year\b"
         r"|(?<![A-Za-z0-9])[Hh]([12])(?![A-Za-z0-9])",
         lambda g: _half(1 if (g[1] == "上" or g[2] == "first" or g[3] == "1") else 2, today, g[0] == "去年")),
        (r"今年(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)|\bthis year\b",  # 今年六月: June
         lambda g: (date(y, 1, 1), date(y, 12, 31), False, False)),
        (r"去年|\blast year\b", lambda g: (date(y - 1, 1, 1), date(y - 1, 12, 31), False, True)),
    ]


_ISO = re.compile(r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?!\d)")
_NUMERIC_MD = re.compile(r"(?<![\d.$€£¥/A-Za-z-])(1[0-2]|0?[1-9])[./-](3[01]|[12]\d|0?[1-9])(?![\d./%-])"  # 10.1, 11-20
                         r"(?!\s*(?:刀|块|美|欧|镑|元|万|千|k|dollars?|bucks|euros?|pounds?|usd|eur|gbp|jpy|cad|倍|星|stars?))"
                         r"(?!\s*(?:l|ml|kg|g|lbs?|oz|cm|mm|m|inch(?:es)?|ft|x|寸|升|公斤|克|磅|米)\b)",  # 5.5L, 1.5 kg
                         re.I)
# Day first ("30/10", "4/11" beside it): told by a first number no month can be; such a text is read day first.
_DAY_FIRST = re.compile(r"(?<![\d./$€£¥A-Za-z-])(?:1[3-9]|2\d|3[01])/(?:1[0-2]|0?[1-9])(?![\d./%-])")
# Day first with dots and a closing dot ("20.11.", "01.10.–31.10.", "15.11.2026"): the German way.
_DOTTED_DM = re.compile(r"(?<![\d.$€£¥A-Za-z-])(3[01]|[12]\d|0?[1-9])\.(1[0-2]|0?[1-9])\.(\d{4}|\d{2})?(?!\d)")
# Day first with dashes in an English line ("between 5-11 and 20-11", "to 3-11" beside a dotted date).
_DAY_FIRST_DASH = re.compile(r"(?<![\d./$€£¥A-Za-z-])(?:1[3-9]|2\d|3[01])-(?:1[0-2]|0?[1-9])(?![\d./%-])")
_NUMERIC_DM_DASH = re.compile(r"(?<![\d./$€£¥A-Za-z-])(3[01]|[12]\d|0?[1-9])-(1[0-2]|0?[1-9])(?![\d./%-])")
_NUMERIC_DM = re.compile(r"(?<![\d./$€£¥A-Za-z-])(3[01]|[12]\d|0?[1-9])/(1[0-2]|0?[1-9])(?![\d./%-])")
_DAY_END = (r"(?:[号日]|(?=\s*(?:到|至|~|～|—|-|的|之[前后]|以[前后]))"  # 9月15到10月15的: the day without 号
            r"|(?:(?<=月\d)|(?<=月\d\d)|(?<=月[一二三四五六七八九十])|(?<=月[一二三四五六七八九十]{2}))"
            r"(?=\s|$|[,，。]))")  # "9月15到10月15 美国站": the day written against its month, then a space
_CN_MONTH_DAY = re.compile(rf"(?<![\d-]){_NUM}\s*月\s*{_NUM}\s*{_DAY_END}")
_CN_REL_MONTH_DAY = re.compile(rf"(上上|上|下|本|这)个?月\s*{_NUM}\s*[号日]")  # 本月一日, 上个月15号
_REL_MONTH = {"上上": -2, "上": -1, "下": 1, "本": 0, "这": 0}
_CN_MONTH_PART = re.compile(rf"(?<![\d-]){_NUM}\s*月份?\s*(上半个?月|下半个?月|上旬|中旬|下旬|初|中|底|末)")
_PARTS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, 31), "底": (21, 31),
          "末": (21, 31), "上半月": (1, 15), "下半月": (16, 31)}
_CN_MONTH = re.compile(rf"(?<![\d-]){_NUM}\s*月份?(?!\s*[\d一二三四五六七八九十]+\s*{_DAY_END})")
# A span in dotted or slashed dates: month first in a Chinese line ("10.1-10.31的赔偿报告", "近两周(10/22-11/4)"), day
# first with two-digit months in an English one ("in September (1.09 - 30.09)").
_DOTTED_SPAN_MD = re.compile(r"(?<![\d./])(1[0-2]|0?[1-9])[./](3[01]|[12]\d|0?[1-9])\s*[-~～–到至]\s*"
                             r"(1[0-2]|0?[1-9])[./](3[01]|[12]\d|0?[1-9])(?![\d./])(?!\s*(?:刀|美|欧|镑|元|块|日元|加币|澳|\$|%))")
_DOTTED_SPAN_DM = re.compile(r"(?<![\d.])(3[01]|[12]\d|0?[1-9])\.(0[1-9]|1[0-2])\s*[-~–]\s*"
                             r"(3[01]|[12]\d|0?[1-9])\.(0[1-9]|1[0-2])(?![\d.])")
# The whole of a week named before, said again ("上上周的订单报告也要 周一到周日那七天"): no day of its own.
_WHOLE_WEEK_AGAIN = re.compile(r"(?<![上下本这个])(?:周|星期|礼拜)一\s*(?:到|至|-|~)\s*(?:周|星期|礼拜)?[日天七]"
                               r"\s*那?(?:七天|一周|整周)")
# Two months said as one span ("八九月份丢的", "8-9月", "十一十二月", "8到10月份"): from the first to the last.
_CN_MONTHS = r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
_CN_MONTH_PAIR = re.compile(rf"(?<![\d./一二三四五六七八九十-]){_CN_MONTHS}\s*([-、~～和到至跟]?)\s*{_CN_MONTHS}"
                            r"\s*月份?"
                            r"(?!\s*[\d一二三四五六七八九十]+\s*[号日])")
_EN_DAY = re.compile(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b"  # "by the 20th", not "the 20th of October"
                     r"(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I)
_SINCE = re.compile(r"(?:\b(?:since|from|after)\s+|自|从)$", re.I)
_CN_DAY = re.compile(rf"(?<![\d月-]){_NUM}\s*号(?!\s*(?:索赔|案子))")
_BOUND = re.compile(r"^\s*(?:之前|以前|前)|^\s*(?:之后|以后|后|开始|起|以来)")
_EN_BOUND_BEFORE = re.compile(r"\b(?:before|by|until|till|up to)\s*$|(?:最晚|最迟|不晚于)\s*$", re.I)
_ONWARDS = re.compile(r"\s*(?:on|onwards?|and (?:after|later|since))\b", re.I)  # "from September on"
_EN_BOUND_AFTER = re.compile(r"\b(?:since|after|from)\s*$", re.I)
_START_OF = re.compile(r"\b(?:the\s+)?(?:start|beginning)\s+of\s*$|\bearly\s*$", re.I)  # "since the start of October"


def _en_month_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted(_months(), key=len, reverse=True))
    md = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
    dm = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({names})\b", re.I)
    mo = re.compile(rf"\b(?:in\s+)?({names})\b", re.I)
    return md, dm, mo


_EN_PARTS = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31), "end of": (21, 31),
             "the end of": (21, 31), "start of": (1, 10), "the start of": (1, 10), "beginning of": (1, 10),
             "the beginning of": (1, 10), "the middle of": (11, 20),
             "first half of": (1, 15), "the first half of": (1, 15), "second half of": (16, 31),
             "the second half of": (16, 31)}


@cache
def _en_month_part() -> re.Pattern[str]:
    names = "|".join(sorted(_months(), key=len, reverse=True))
    return re.compile(rf"\b(early|mid|(?:the )?middle of|late|(?:the )?end of|(?:the )?(?:start|beginning) of"
                      rf"|(?:the )?(?:first|second) half of)[- ]+({names})\b", re.I)


@cache
def _en_day_ranges() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Days of one month: "1-15 October", "the 1st to the 15th of October"; "October 1-15", "Oct 16 through 31"."""
    names = "|".join(sorted(_months(), key=len, reverse=True))
    to = r"\s*(?:-|–|~|to|through|thru|till|until|(?<=\d )and)\s*(?:the\s+)?"  # "between 15 and 25 Nov"
    dm = re.compile(rf"\b(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?{to}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({names})\b",
                    re.I)
    md = re.compile(rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{to}(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
    return dm, md


def _year_for(month: int, today: date, ahead: bool) -> int:
    """This year's month, unless looking ahead to a month already well past (then next year's)."""
    return today.year + 1 if ahead and month < today.month - 1 else today.year


_END_PART = re.compile(r"月底|月末|\bend of\b", re.I)


_AFTER_HOLIDAY = re.compile(r"\s*(?:之后|以后|后|回来|结束|过完|放完)")  # a holiday of several days, then: after it
_THIS_NEXT = re.compile(r"\b(?:this|next|the coming|coming|the)\s+$", re.I)  # "before the 20th of November"


def _bounded(text: str, start: int, end: int, rng: tuple[date, date]) -> tuple[date | None, date | None]:
    """'之前/before' keeps the end of a range, '之后/since' the start."""
    after = text[end:end + 4]
    before = _THIS_NEXT.sub("", text[max(0, start - 16):start])[-8:]  # "before this Friday": before Friday
    if rng[0] is None or rng[1] is None:
        return rng
    lead = _START_OF.search(text[:start])
    if lead and _EN_BOUND_AFTER.search(text[max(0, lead.start() - 8):lead.start()]):
        return rng[0], None  # "since the start of October", "from the beginning of March": open-ended
    since = rng[1] if _END_PART.search(text[start:end]) else rng[0]  # "since the end of last month": its last day
    m = _BOUND.match(after)
    if m:
        return (None, rng[1]) if m.group(0).strip() in ("之前", "以前", "前") else (since, None)
    if _EN_BOUND_BEFORE.search(before):
        by = before.strip().lower().endswith(("by", "until", "till", "up to")) or rng[0] == rng[1] \
            or bool(_END_PART.search(text[start:end]))  # "before the end of November": by the 30th
        return None, rng[1] if by else rng[0] - timedelta(1)
    if _EN_BOUND_AFTER.search(before) and not (before.strip().lower().endswith("from") and rng[0] != rng[1]
                                               and not _ONWARDS.match(text[end:])):
        return since, None  # "since March", "from Oct 3", "from September on"; but "claims from last month" are
        # last month's
    return rng


_FROM_SAID = r"\s*(?:开始算?|起算?)?\s*[,，]?\s*"  # "从10月1号开始 到15号": the start said as such, then its end
_TO = re.compile(rf"{_FROM_SAID}(?:到|至|一直到|-|~|～|—)\s*$")


def _range_month(text: str, found: list[DateRange], at: int) -> tuple[int, int] | None:
    """The year and month of the day just before ``at`` when a bare day closes a range from it."""
    for r in found:
        if r.start and r.span[1] <= at and _TO.match(text[r.span[1]:at]):
            return r.start.year, r.start.month
    return None


def _month_with_day(found: list[DateRange], at: int, day: int) -> tuple[int, int] | None:
    """The month of the last range said before ``at`` that has a ``day``-th (a bare "31st" after October)."""
    for r in sorted(found, key=lambda r: r.span, reverse=True):
        if r.span[1] <= at and r.end and calendar.monthrange(r.end.year, r.end.month)[1] >= day:
            return r.end.year, r.end.month
    return None


def _near_today(month: int, day: int, today: date, days: int = 21) -> bool:
    """Whether the ``day`` of ``month`` this year (or the next or last) lies within ``days`` of ``today``."""
    return any(abs((date(today.year + k, month, min(day, calendar.monthrange(today.year + k, month)[1])) - today).days)
               <= days for k in (-1, 0, 1))


def find_dates(text: str, today: date, ahead: bool = False, day_first: bool = False) -> list[DateRange]:
    """Every time expression in ``text``, in order, a range said from one to another ("10月1号到15号", "between 01/10
    and 15/10") as one; ``ahead``: a bare date means the next one; ``day_first``: "1/10" is the 1st of October (the
    seller's store writes dates so, or the text has a date that can only be day-first)."""
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []

    def add_at(span: tuple[int, int], start: date | None, end: date | None, future: bool = False, past: bool = False):
        if any(span[0] < e and s < span[1] for s, e in taken):
            return
        taken.append(span)
        if not said_in_passing(text, *span):
            found.append(DateRange(start, end, future, past, span))

    def add(m: re.Match[str], start: date | None, end: date | None, future: bool = False, past: bool = False):
        add_at(m.span(), start, end, future, past)

    taken += [m.span() for m in _WHOLE_WEEK_AGAIN.finditer(text)]
    for m in _ISO.finditer(text):
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        add(m, *_bounded(text, m.start(), m.end(), (d, d)))
    for m in (_DOTTED_SPAN_DM if text.isascii() else _DOTTED_SPAN_MD).finditer(text):
        a, b, c, d = (int(g) for g in m.groups())
        (m1, d1, m2, d2) = (b, a, d, c) if text.isascii() else (a, b, c, d)
        y = _year_for(m2, today, ahead)
        if (m1, d1) <= (m2, d2) and d1 <= calendar.monthrange(y, m1)[1] and d2 <= calendar.monthrange(y, m2)[1]:
            add(m, date(y, m1, d1), date(y, m2, d2))
    for m in _CN_MONTH_PAIR.finditer(text):
        first, joined, last = cn_number(m.group(1)), m.group(2), cn_number(m.group(3))
        if first and last and (last == first + 1 if not joined and not m.group(1).isdigit() else
                               joined and first < last):  # 八九月, 8-9月, 8到10月; not "5 9月" nor 十一月
            y = _year_for(last, today, ahead)
            add(m, _month(y, first)[0], _month(y, last)[1])
    dm_range, md_range = _en_day_ranges()
    for pattern, order in ((dm_range, (3, 1, 2)), (md_range, (1, 2, 3))):  # "1-15 October", "October 1-15"
        for m in pattern.finditer(text):
            month = _months()[m.group(order[0]).lower().rstrip(".")]
            first, last = int(m.group(order[1])), int(m.group(order[2]))
            y = _year_for(month, today, ahead)
            if 1 <= first <= last <= calendar.monthrange(y, month)[1]:
                add(m, *_bounded(text, m.start(), m.end(), (date(y, month, first), date(y, month, last))))
    for m in _DOTTED_DM.finditer(text):
        dd, mo = int(m.group(1)), int(m.group(2))
        yy = (int(m.group(3)) % 100 + 2000) if m.group(3) else _year_for(mo, today, ahead)
        d = date(yy, mo, min(dd, calendar.monthrange(yy, mo)[1]))
        add(m, *_bounded(text, m.start(), m.end(), (d, d)))
    day_first = day_first or _DAY_FIRST.search(text) is not None  # "30/10": the day first in this text too
    dashed = text.isascii() and (_DAY_FIRST_DASH.search(text) is not None or _DOTTED_DM.search(text) is not None
                                 or (day_first and _DAY_FIRST_DASH.search(text) is not None))
    # "close between 5-11 and 20-11", "01.10. to 3-11": an English line's dashes, day first (a Chinese line's 11-20 is
    # the 20th of November, whatever the store)
    day_first = day_first or dashed
    for m in [*_CN_MONTH_DAY.finditer(text), *_NUMERIC_MD.finditer(text),
              *(_NUMERIC_DM.finditer(text) if day_first else ()), *(_NUMERIC_DM_DASH.finditer(text) if dashed else ())]:
        mo, dd = cn_number(m.group(1)), cn_number(m.group(2))
        if m.re is _NUMERIC_MD and dashed and "-" in m.group(0):
            continue  # read day first, below
        if m.re is _NUMERIC_DM_DASH:
            mo, dd = dd, mo
        if day_first and m.re is not _CN_MONTH_DAY and "/" in m.group(0):
            if m.re is _NUMERIC_MD and _NUMERIC_DM.fullmatch(m.group(0)):
                continue  # read day first, below
            mo, dd = dd, mo
        elif m.re is _NUMERIC_MD and "/" in m.group(0) and text.isascii() and mo and dd and dd <= 12 \
                and _near_today(dd, mo, today) and not _near_today(mo, dd, today):
            mo, dd = dd, mo  # "arrive until 05/11", asked on 4 November: the 5th of November, as most of the world
            # writes it; May is half a year away
        if mo and dd and 1 <= mo <= 12:
            d = date(_year_for(mo, today, ahead), mo, min(dd, calendar.monthrange(today.year, mo)[1]))
            add(m, *_bounded(text, m.start(), m.end(), (d, d)))
    for m in _CN_REL_MONTH_DAY.finditer(text):
        y, mo = _shift_month(today, _REL_MONTH[m.group(1)])
        dd = cn_number(m.group(2))
        if dd and 1 <= dd <= calendar.monthrange(y, mo)[1]:
            add(m, *_bounded(text, m.start(), m.end(), (date(y, mo, dd), date(y, mo, dd))))
    for m in _CN_MONTH_PART.finditer(text):  # 10月中旬, 9月初, 8月底
        month = cn_number(m.group(1))
        if month and 1 <= month <= 12:
            days = _PARTS[m.group(2).replace("个", "")]
            add(m, *_bounded(text, m.start(), m.end(), _days(_year_for(month, today, ahead), month, days)))
    md, dm, mo_pattern = _en_month_patterns()
    for m in _en_month_part().finditer(text):  # mid-October, early March, late Sept: as 中旬, 初, 底
        month = _months()[m.group(2).lower().rstrip(".")]
        days = _EN_PARTS[m.group(1).lower()]
        add(m, *_bounded(text, m.start(), m.end(), _days(_year_for(month, today, ahead), month, days)))
    for pattern, order in ((md, (0, 1)), (dm, (1, 0))):
        for m in pattern.finditer(text):
            month = _months()[m.group(order[0] + 1).lower().rstrip(".")]
            day = int(m.group(order[1] + 1))
            if 1 <= day <= 31:
                d = date(_year_for(month, today, ahead), month, min(day, calendar.monthrange(today.year, month)[1]))
                add(m, *_bounded(text, m.start(), m.end(), (d, d)))
    for m, (start, end, future, past) in named_days(text, today, ahead):  # since Halloween, 黑五之后, 双十一前
        after = _AFTER_HOLIDAY.match(text, m.end())
        if start != end and after:  # "国庆长假回来到现在": from the day after it, the words "回来" with it
            add_at((m.start(), after.end()), end + timedelta(1), None, future=future, past=past)
            continue
        add(m, *_bounded(text, m.start(), m.end(), (start, end)), future=future, past=past)
    for pattern, rule in _rules(today):
        for m in re.finditer(pattern, text, re.I):
            start, end, future, past = rule(m.groups())
            add(m, *_bounded(text, m.start(), m.end(), (start, end)), future=future, past=past)
    for m in _CN_MONTH.finditer(text):
        month = cn_number(m.group(1))
        if month and 1 <= month <= 12:
            add(m, *_bounded(text, m.start(), m.end(), _month(_year_for(month, today, ahead), month)))
    for m in mo_pattern.finditer(text):
        name = m.group(1).lower()
        if name in ("may", "march") and not re.search(r"\b(?:in|since|before|after|from|by|until|between|through|thru"
                                                      r"|till|(?:[a-z]{3,9}\s+(?:and|to)))\s+$",
                                                      text[:m.start(1)], re.I):
            continue  # "may" and "march" are words too
        month = _months()[name.rstrip(".")]
        add(m, *_bounded(text, m.start(1), m.end(), _month(_year_for(month, today, ahead), month)))
    for m in [*_CN_DAY.finditer(text), *_EN_DAY.finditer(text)]:
        day = cn_number(m.group(1))
        if day and 1 <= day <= 31:
            y, mo = (today.year, today.month) if day >= today.day or not ahead else _shift_month(today, 1)
            if day > today.day and not ahead and _SINCE.search(text[max(0, m.start() - 7):m.start()]):
                y, mo = _shift_month(today, -1)  # "since the 15th" on the 4th: last month's
            y, mo = _range_month(text, found, m.start()) or (y, mo)  # "10月1号到15号": October's 15th
            if day > calendar.monthrange(y, mo)[1]:  # "the end of October ... up to the 31st": October's 31st
                y, mo = _month_with_day(found, m.start(), day) or _shift_month(date(y, mo, 1), 1 if ahead else -1)
            d = date(y, mo, min(day, calendar.monthrange(y, mo)[1]))
            add(m, *_bounded(text, m.start(), m.end(), (d, d)))
    return _joined(text, sorted(found, key=lambda r: r.span))


_JOIN = re.compile(rf"{_FROM_SAID}(?:到|至|一直到|(?:拉|导|下|查|抓)到|和|跟|与|及|-|~|～|—|–|&"
                   r"|\b(?:(?:up |right up )?(?:to|till|until)|thru|through(?: to)?|and)\b)\s*(?:the\s+)?", re.I)
_BARE_MONTH_END = re.compile(r"\s*(?:月底|月末)\s*")  # a month's end said without its month
_LISTED = re.compile(r"\s*[,，、]?\s*(?:和|跟|与|及|、|&|\band\b)\s*(?:the\s+)?", re.I)  # days listed, any order
_JOINS_FROM = re.compile(r"^(?:到|至|一直到|\b(?:to|till|until|through|thru|up to)\b)", re.I)  # "9月份到现在": 到现在
_JOINS_TO = re.compile(r"\b(?:and|to|through)$|[到至]$", re.I)  # "between now and the 20th": "between now and"


def _in_a_row(first: DateRange, then: DateRange) -> bool:
    """Two whole months one after the other ("9月10月")."""
    return bool(first.start and first.end and then.start and then.end and first.start.day == 1
                and then.start.day == 1 and first.end + timedelta(1) == then.start
                and then.end == _month_end(then.end.year, then.end.month))


def _joined(text: str, found: list[DateRange]) -> list[DateRange]:
    """``found`` with each range said from one day to another ("10月1号到15号", "since Oct 1, till Oct 15") made one."""
    out: list[DateRange] = []
    for r in found:
        last = out[-1] if out else None
        gap = text[last.span[1]:r.span[0]] if last else ""
        joins = last is not None and (_JOIN.fullmatch(gap) is not None or not gap.strip() and (
            _JOINS_FROM.match(text[r.span[0]:r.span[1]]) is not None
            or _JOINS_TO.search(text[last.span[0]:last.span[1]]) is not None))
        if last and joins and last.start == last.end and r.start == r.end and last.start and r.end \
                and last.start > r.end and last.start.day <= r.end.day:  # "十月份的…1号到31号": the 31st's month's 1st
            last = DateRange(r.end.replace(day=last.start.day), r.end, span=last.span)
        if last and joins and last.end and r.start is None and _BARE_MONTH_END.fullmatch(text[r.span[0]:r.span[1]]):
            r = DateRange(None, _month_end(last.end.year, last.end.month), span=r.span)  # 10月中旬到月底: October's
        if last and joins and last.start and r.end and last.start <= r.end:
            out[-1] = DateRange(last.start, r.end, span=(last.span[0], r.span[1]))
        elif last and (_LISTED.fullmatch(gap) or (not gap.strip(" ,，、") and _in_a_row(last, r))) \
                and last.start and last.end and r.start and r.end:  # 前天跟大前天, 9月10月发生的: both
            out[-1] = DateRange(min(last.start, r.start), max(last.end, r.end), span=(last.span[0], r.span[1]))
        else:
            out.append(r)
    return out
