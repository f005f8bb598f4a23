"""Findings out of DuckDB and into Finding objects, in one pass over plain values.

Money crosses as text (exact, and much faster than DuckDB's decimal
conversion), dates as day numbers and evidence as one string a finding; the
values that repeat across tens of thousands of findings (dates, money, the
products row every finding of a SKU cites) are made once and shared.
"""

from __future__ import annotations

import gc
from datetime import date, timedelta
from decimal import Decimal

import duckdb

from .finding import Evidence, Finding

EPOCH = date(1970, 1, 1)
COLUMNS = (
    "type, reference_id::VARCHAR, fnsku, sku, quantity::BIGINT, "
    "CAST(unit_value AS DECIMAL(18, 2))::VARCHAR, CAST(amount AS DECIMAL(18, 2))::VARCHAR, currency, "
    "event_date - DATE '1970-01-01', window_opens - DATE '1970-01-01', window_closes - DATE '1970-01-01', "
    "array_to_string(list_transform(evidence, lambda e: e.report || '|' || e.file || '|' || e.row::VARCHAR), ';'), "
    "coalesce(unit_value_estimated, false), "
    "finding_status(getvariable('audit_as_of'), window_opens, window_closes)"
)


def findings_from(con: duckdb.DuckDBPyConnection, relation: str, marketplace: str) -> list[Finding]:
    """The findings of ``relation`` (rule columns, without status), their status against
    audit_as_of, in a stable order (type, event date, reference, FNSKU)."""
    rows = con.execute(
        f"SELECT {COLUMNS} FROM {relation} ORDER BY type, event_date, reference_id, fnsku"
    ).fetchall()
    market = marketplace.upper()
    days: dict[int, date] = {}
    money: dict[str, Decimal] = {}
    evidence: dict[str, Evidence] = {}

    def day(n: int) -> date:
        d = days.get(n)
        if d is None:
            d = days[n] = EPOCH + timedelta(days=n)
        return d

    def cents(text: str) -> Decimal:
        m = money.get(text)
        if m is None:
            m = money[text] = Decimal(text)
        return m

    def item(text: str) -> Evidence:
        e = evidence.get(text)
        if e is None:
            report, file, row = text.split("|")
            e = evidence[text] = Evidence(report, file, int(row))
        return e

    out = []
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none in a cycle: no collection passes meanwhile
    try:
        for (t, ref, fnsku, sku, qty, uv, amt, cur, ev_date, opens, closes, ev, est, status) in rows:
            out.append(Finding(
                type=t, status=status, reference_id=ref, fnsku=fnsku, sku=sku, quantity=qty,
                unit_value=cents(uv), amount=cents(amt), currency=cur, event_date=day(ev_date),
                window_opens=day(opens), window_closes=day(closes),
                evidence=[item(x) for x in ev.split(";")] if ev else [],
                marketplace=market, unit_value_estimated=est,
            ))
    finally:
        if collecting:
            gc.enable()
    return out
