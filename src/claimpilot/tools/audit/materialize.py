"""Findings out of DuckDB: one JSON text at audit time, Finding objects on first use.

The audit fetches its findings as one JSON array of plain values in a stable
order (type, event date, reference, FNSKU): money as exact text, dates as day
numbers, evidence as one string a finding, status against audit_as_of. That
is one Python string, cheap to fetch whatever the count; the Finding objects
are built from it when a caller first asks for them (``build_findings``),
sharing the values that repeat across tens of thousands of findings (dates,
money, the products row every finding of a SKU cites).
"""

from __future__ import annotations

import gc
import json
from datetime import date, timedelta
from decimal import Decimal

import duckdb

from .finding import Evidence, Finding

EPOCH = date(1970, 1, 1)
ORDER = "type, event_date, reference_id, fnsku"
ROW = (
    "json_array(type, reference_id::VARCHAR, fnsku, sku, quantity::BIGINT, "
    "CAST(unit_value AS DECIMAL(18, 2))::VARCHAR, CAST(amount AS DECIMAL(18, 2))::VARCHAR, currency, "
    "event_date - DATE '1970-01-01', window_opens - DATE '1970-01-01', window_closes - DATE '1970-01-01', "
    "array_to_string(list_transform(evidence, lambda e: e.report || '|' || e.file || '|' || e.row::VARCHAR), ';'), "
    "coalesce(unit_value_estimated, false), "
    "finding_status(getvariable('audit_as_of'), window_opens, window_closes))::VARCHAR"
)


def fetch_findings(con: duckdb.DuckDBPyConnection, relation: str) -> tuple[str, int]:
    """The findings of ``relation`` (rule columns, without status) as one JSON array of rows, with
    their status against audit_as_of, in a stable order; and how many there are."""
    row = con.execute(
        f"SELECT '[' || coalesce(string_agg({ROW}, ',' ORDER BY {ORDER}), '') || ']', count(*) FROM {relation}"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    text, count = row
    return text, count


def build_findings(packed: str, marketplace: str) -> list[Finding]:
    """Finding objects from ``fetch_findings``'s JSON, in its order."""
    rows = json.loads(packed)
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

