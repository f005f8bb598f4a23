"""The audit's summary: counts and money by type and status, what to act on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict

import duckdb

from .finding import Finding

EXPIRING_DAYS = 7
# One row per type x status x currency: its findings' count, units and money, how many of them (and how
# much) are claimable with the window closing within EXPIRING_DAYS, and where the type x status first
# appears in the findings' order (the summary lists statuses in that order, as summarize does).
# (A struct orders field by field with NULL last, as ORDER BY type, event_date, reference_id, fnsku does.)
CELLS = """
WITH f AS (
    SELECT type, currency, quantity::BIGINT AS quantity, CAST(amount AS DECIMAL(18, 2)) AS amount, window_closes,
           finding_status(getvariable('audit_as_of'), window_opens, window_closes) AS status,
           {{'event_date': event_date, 'reference_id': reference_id, 'fnsku': fnsku}} AS position
    FROM {relation}
),
cells AS (
    SELECT type, status, currency, count(*) AS n, sum(quantity) AS units, sum(amount)::VARCHAR AS money,
           min(position) AS first,
           count(*) FILTER (WHERE status = 'claimable' AND window_closes <= ?) AS soon_n,
           sum(amount) FILTER (WHERE status = 'claimable' AND window_closes <= ?)::VARCHAR AS soon_money
    FROM f GROUP BY type, status, currency
)
SELECT type, status, currency, n, units, money, soon_n, soon_money FROM cells ORDER BY type, first
"""
Cell = tuple[str, str, str, int, int, Decimal, int, Decimal | int]  # type, status, currency, count, units, money,
# count and money expiring soon


class CellSummary(TypedDict):
    """The findings of one type x status: how many, their units, their money per currency."""

    count: int
    quantity: int
    amount: dict[str, str]


class Total(TypedDict):
    count: int
    amount: dict[str, str]  # currency -> money


class Summary(TypedDict):
    by_type: dict[str, dict[str, CellSummary]]  # type -> status -> its findings
    claimable: Total
    pending: Total
    expiring_7d: Total
    lost_to_expiry: Total


class _Tally(TypedDict):
    count: int
    quantity: int
    amount: defaultdict[str, Decimal]


def summarize(findings: list[Finding], as_of: date) -> Summary:
    """Counts and amounts by type x status, per currency; claimable total,
    claimable money whose window closes within the next 7 days, money lost to
    expired windows."""
    horizon = as_of + timedelta(days=EXPIRING_DAYS)
    soon: Callable[[Finding], bool] = lambda f: f.status == "claimable" and f.window_closes <= horizon  # noqa: E731
    return _summary((f.type, f.status, f.currency, 1, f.quantity, f.amount, int(soon(f)), f.amount if soon(f) else 0)
                    for f in findings)


def summary_from(con: duckdb.DuckDBPyConnection, relation: str, as_of: date) -> Summary:
    """``summarize`` of the findings of ``relation`` (rule columns, without status) against
    audit_as_of, computed in DuckDB: no Finding objects needed."""
    horizon = as_of + timedelta(days=EXPIRING_DAYS)
    rows = con.execute(CELLS.format(relation=relation), [horizon, horizon]).fetchall()
    return _summary((t, s, cur, n, units, Decimal(money), soon_n, Decimal(soon_money) if soon_n else 0)
                    for t, s, cur, n, units, money, soon_n, soon_money in rows)


def _summary(cells: Iterable[Cell]) -> Summary:
    by: dict[str, dict[str, _Tally]] = defaultdict(dict)
    totals: dict[str, defaultdict[str, Decimal]] = {
        "claimable": defaultdict(Decimal), "expiring_7d": defaultdict(Decimal), "expired": defaultdict(Decimal),
        "pending": defaultdict(Decimal)}
    counts = {"claimable": 0, "expiring_7d": 0, "expired": 0, "pending": 0}
    for type_, status, currency, n, units, amount, soon_n, soon_amount in cells:
        cell = by[type_].setdefault(status, {"count": 0, "quantity": 0, "amount": defaultdict(Decimal)})
        cell["count"] += n
        cell["quantity"] += units
        cell["amount"][currency] += amount
        totals[status][currency] += amount
        counts[status] += n
        if soon_n:
            totals["expiring_7d"][currency] += soon_amount
            counts["expiring_7d"] += soon_n

    def money(d: dict[str, Decimal]) -> dict[str, str]:
        return {cur: str(amount) for cur, amount in sorted(d.items())}

    return {
        "by_type": {
            t: {s: {"count": c["count"], "quantity": c["quantity"], "amount": money(c["amount"])}
                for s, c in st.items()}
            for t, st in sorted(by.items())
        },
        "claimable": {"count": counts["claimable"], "amount": money(totals["claimable"])},
        "pending": {"count": counts["pending"], "amount": money(totals["pending"])},
        "expiring_7d": {"count": counts["expiring_7d"], "amount": money(totals["expiring_7d"])},
        "lost_to_expiry": {"count": counts["expired"], "amount": money(totals["expired"])},
    }
