"""Days sellers date things by: the shopping days of the marketplaces and the holidays ("since Halloween",
黑五之后, 双十一前, last Christmas, 去年国庆), each as a date range in the year the words mean."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta


def _nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month: Thanksgiving is the fourth Thursday of November."""
    first = date(y, month, 1)
    return first + timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))


_YearOf = Callable[[int], tuple[date, date]]  # a named day's range in a year

# Days sellers date things by (the shopping days of the marketplaces, the holidays): each a year's range.
_NAMED_DAYS: list[tuple[str, _YearOf]] = [
    (r"\bhalloween\b|万圣节?", lambda y: (date(y, 10, 31),) * 2),
    (r"\bblack friday\b|黑五|黑色星期五", lambda y: (_nth_weekday(y, 11, 3, 4) + timedelta(1),) * 2),
    (r"\bcyber monday\b|网一|网络星期一", lambda y: (_nth_weekday(y, 11, 3, 4) + timedelta(4),) * 2),
    (r"\bthanksgiving\b|感恩节", lambda y: (_nth_weekday(y, 11, 3, 4),) * 2),
    (r"\b(?:christmas|xmas)(?: day)?\b|圣诞节?", lambda y: (date(y, 12, 25),) * 2),
    (r"\bboxing day\b", lambda y: (date(y, 12, 26),) * 2),
    (r"\bnew year'?s?(?: day)?\b|元旦", lambda y: (date(y, 1, 1),) * 2),
    (r"\bvalentine'?s?(?: day)?\b|情人节", lambda y: (date(y, 2, 14),) * 2),
    (r"双\s*(?:十一|11)(?!\s*[号日])", lambda y: (date(y, 11, 11),) * 2),
    (r"双\s*(?:十二|12)(?!\s*[号日])", lambda y: (date(y, 12, 12),) * 2),
    (r"国庆(?:节|假期|长假|放假|假)?", lambda y: (date(y, 10, 1), date(y, 10, 7))),
]


_SEASON_AHEAD = timedelta(days=60)  # a day this close ahead is the coming one ("双十一前到仓的" in November)


_WHICH_YEAR = r"(?:\b(last|next|this)\s+|(去年|明年|今年)的?)?"


def _named_day(rule: _YearOf, today: date, ahead: bool, which: str | None = None) -> tuple[date, date, bool, bool]:
    """This year's day; last year's when this year's is still well ahead, next year's when looking ahead
    and this year's is past. 去年/明年/今年 name the year; "last Christmas" is the one before today, "next
    Halloween" the one after."""
    year = today.year
    if which in ("去年", "明年"):
        year += -1 if which == "去年" else 1
    elif which == "last":
        year -= rule(year)[0] > today
    elif which == "next":
        year += rule(year)[1] < today
    elif which not in ("this", "今年"):
        if ahead and rule(year)[1] < today:
            year += 1
        elif not ahead and rule(year)[0] > today + _SEASON_AHEAD:
            year -= 1
    start, end = rule(year)
    return start, end, start > today, end < today


def named_days(text: str, today: date, ahead: bool) -> Iterator[tuple[re.Match[str], tuple[date, date, bool, bool]]]:
    """Each named day in ``text``: its match and (start, end, future, past); ``ahead``: a day past this year is
    next year's."""
    for pattern, named in _NAMED_DAYS:
        for m in re.finditer(_WHICH_YEAR + f"(?:{pattern})", text, re.I):
            which = (m.group(1) or m.group(2) or "").lower() or None
            yield m, _named_day(named, today, ahead, which)
