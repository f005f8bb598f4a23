"""SQL builders that turn a report's text cells into typed values.

Every cell arrives as VARCHAR (DuckDB's CSV reader with ``all_varchar``); each
column type has one cast expression and one validity test, so that a cell that
cannot be read is found (the first bad cell is reported) instead of silently
becoming NULL. Dates keep the calendar date as written (a time or offset after
it is ignored, never converted). Numbers follow the file's decimal mark.
"""

from __future__ import annotations

from functools import cache

from claimpilot.tools.reports.kinds import ColumnType

DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d")
DATE_TOKEN = r"^\s*([0-9./-]+)(?:[T ]|\s*$)"  # the date before a time, as written
# Dates with a month name, as the Date Range reports write them: "3 janv. 2025 05:19:39 UTC",
# "Jan 3, 2025 5:19:39 PM PST" (day, month, year groups below).
DAY_FIRST = r"^\s*(\d{1,2})\.?\s+([^\d\s,.]+)\.?,?\s+(\d{4})(?:[\s,T]|$)"
MONTH_FIRST = r"^\s*([^\d\s,.]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:[\s,T]|$)"
# Dates as Seller Central writes them in Chinese and Japanese: "2025年1月3日 17:19:39 PST" (year, month, day).
YEAR_MONTH_DAY = r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
MONTH_LOCALES = ("en", "en_GB", "en_CA", "de", "fr", "it", "es", "es_MX", "nl")
MONEY_MARKS = "$€£¥ \u00a0\u202f"
NO_VALUE = ("--",)  # a number or date cell that holds one of these is empty, as Amazon means it

INT_PATTERN = {False: r"[+-]?(\d{1,3}(,\d{3})+|\d+)", True: r"[+-]?(\d{1,3}(\.\d{3})+|\d+)"}
DECIMAL_PATTERN = {
    False: r"[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)",
    True: r"[+-]?((\d{1,3}(\.\d{3})+|\d+)(,\d*)?|,\d+)",
}
SQL_TYPES: dict[ColumnType, str] = {"text": "VARCHAR", "int": "BIGINT", "decimal": "DECIMAL(18,4)", "date": "DATE"}
EXPECTED: dict[ColumnType, str] = {
    "int": "is not a whole number",
    "decimal": "is not a decimal amount",
    "date": "is not a date (MM/DD/YYYY, YYYY-MM-DD, DD.MM.YYYY, 3 Jan 2025, Jan 3, 2025 or 2025年1月3日)",
}
EXPECTED_ZH: dict[ColumnType, str] = {
    "int": "不是整数",
    "decimal": "不是金额数字",
    "date": "不是日期（可写作 MM/DD/YYYY、YYYY-MM-DD、DD.MM.YYYY、3 Jan 2025、Jan 3, 2025 或 2025年1月3日）",
}


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@cache
def _month_map() -> str:
    """A DuckDB MAP from month names and abbreviations (CLDR, lower case, no dot) to 1..12."""
    from babel.dates import get_month_names

    months: dict[str, int] = {}
    for locale in MONTH_LOCALES:
        for width in ("abbreviated", "wide"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    months.setdefault(name.lower().rstrip("."), number)
    months.setdefault("sept", 9)
    return "MAP {" + ", ".join(f"{quote_literal(k)}: {v}" for k, v in sorted(months.items())) + "}"


def _named_month_date(cell: str) -> str:
    """The date of a cell written with a month name (any of MONTH_LOCALES); NULL otherwise."""
    def iso(pattern: str, day: int, month: int, year: int) -> str:
        def part(group: int) -> str:
            return f"regexp_extract({cell}, {quote_literal(pattern)}, {group})"

        number = f"map_extract({_month_map()}, lower({part(month)}))[1]"
        return f"try_strptime(concat({part(year)}, '-', {number}, '-', {part(day)}), '%Y-%m-%d')"

    def ymd(group: int) -> str:
        return f"regexp_extract({cell}, {quote_literal(YEAR_MONTH_DAY)}, {group})"

    cjk = f"try_strptime(concat({ymd(1)}, '-', {ymd(2)}, '-', {ymd(3)}), '%Y-%m-%d')"
    return (f"CASE WHEN regexp_matches({cell}, {quote_literal(DAY_FIRST)}) THEN {iso(DAY_FIRST, 1, 2, 3)} "
            f"WHEN regexp_matches({cell}, {quote_literal(MONTH_FIRST)}) THEN {iso(MONTH_FIRST, 2, 1, 3)} "
            f"WHEN regexp_matches({cell}, {quote_literal(YEAR_MONTH_DAY)}) THEN {cjk} END")


def cast_expr(type_: ColumnType, cell: str, decimal_comma: bool) -> str:
    """The typed value of ``cell`` (a VARCHAR expression); NULL if unreadable.

    Each type has a fast path for the plain spelling (``-12``, ``7.85``,
    ``03/14/2025``) and a slower, stricter one for the rest (thousands marks,
    currency signs, a decimal comma, a time after the date).
    """
    if type_ == "text":
        return cell
    if type_ == "date":
        formats = "[" + ", ".join(quote_literal(f) for f in DATE_FORMATS) + "]"
        token = f"regexp_extract({cell}, {quote_literal(DATE_TOKEN)}, 1)"
        # ISO dates, with or without a time after them, are the most common spelling by far
        iso = (f"CASE WHEN substr({cell}, 5, 1) = '-' AND substr({cell}, 8, 1) = '-' AND (length({cell}) = 10 "
               f"OR substr({cell}, 11, 1) IN ('T', ' ')) THEN TRY_CAST(substr({cell}, 1, 10) AS DATE) END")
        return (f"CAST(coalesce({iso}, try_strptime({cell}, {formats}), try_strptime({token}, {formats}), "
                f"{_named_month_date(cell)}) AS DATE)")
    if type_ == "int":
        # the plain spelling round-trips exactly (this refuses "12.5", "0x1F", "1e3")
        fast = f"CASE WHEN CAST(TRY_CAST({cell} AS BIGINT) AS VARCHAR) = {cell} THEN TRY_CAST({cell} AS BIGINT) END"
        clean = f"trim({cell})"
        sep = "." if decimal_comma else ","
        pattern = quote_literal(INT_PATTERN[decimal_comma])
        slow = (f"CASE WHEN regexp_full_match({clean}, {pattern}) "
                f"THEN TRY_CAST(replace({clean}, '{sep}', '') AS BIGINT) END")
        return f"coalesce({fast}, {slow})"
    if type_ == "decimal":
        # no exponents ("1e3"); with a decimal comma "1.234" is a thousand, so dots go the slow way
        plain = f"NOT contains({cell}, 'e') AND NOT contains({cell}, 'E')"
        if decimal_comma:
            plain += f" AND NOT contains({cell}, '.')"
        fast = f"CASE WHEN {plain} THEN TRY_CAST({cell} AS DECIMAL(18,4)) END"
        clean = f"translate({cell}, {quote_literal(MONEY_MARKS)}, '')"
        if decimal_comma:
            normal = f"replace(replace({clean}, '.', ''), ',', '.')"
        else:
            normal = f"replace({clean}, ',', '')"
        pattern = quote_literal(DECIMAL_PATTERN[decimal_comma])
        slow = f"CASE WHEN regexp_full_match({clean}, {pattern}) THEN TRY_CAST({normal} AS DECIMAL(18,4)) END"
        return f"coalesce({fast}, {slow})"
    raise ValueError(f"unknown column type {type_!r}")


def content_hash(columns: list[str]) -> str:
    """A stable 128-bit hash of a row's typed values (NULL kept distinct from '')."""
    parts = ", ".join(f"coalesce(CAST({quote_ident(c)} AS VARCHAR), chr(30))" for c in columns)
    return f"md5_number(concat_ws(chr(31), {parts}))"
