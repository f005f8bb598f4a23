"""Settlement reports: Amazon makes them on its own when a settlement period
closes (every 14 days) and lists them in getReports; they cannot be requested."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime, time, timedelta

from claimpilot.tools.reports.fetch.limits import REPORT_RETENTION_DAYS, SETTLEMENT_PERIOD_DAYS
from claimpilot.tools.reports.kinds import SETTLEMENT

from .state import StoredReport

SETTLEMENT_EPOCH = date(2020, 1, 6)
"""The first day of a settlement period; the periods follow every 14 days."""


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


def _has_rows(raw: bytes) -> bool:
    return len([line for line in raw.splitlines() if line.strip()]) > 1


def list_settlements(state, since: datetime, until: datetime) -> list[StoredReport]:
    """Settlement reports Amazon generated on its own: one a closed period."""
    out = []
    today = state.current_day()
    since = max(since, midnight(today - timedelta(days=REPORT_RETENTION_DAYS)))  # older ones are not listed
    k = max(0, (since.date() - SETTLEMENT_EPOCH).days // SETTLEMENT_PERIOD_DAYS - 1)
    while True:
        p_start = SETTLEMENT_EPOCH + timedelta(days=k * SETTLEMENT_PERIOD_DAYS)
        p_end = p_start + timedelta(days=SETTLEMENT_PERIOD_DAYS - 1)
        created = midnight(p_end + timedelta(days=1))
        if created > until or p_end >= today:
            break
        k += 1
        if created < since:
            continue
        key = f"settlement-{p_start.isoformat()}"
        with state.lock:
            report = state.reports.get(key)
        if report is None:
            raw = state.source.report(SETTLEMENT.name, p_start, p_end)
            if not _has_rows(raw):
                continue
            report = StoredReport(
                report_id=state.next_id(), report_type=SETTLEMENT.report_type,
                start=midnight(p_start), end=created - timedelta(seconds=1),
                marketplace_ids=["ATVPDKIKX0DER"], created=created,
                document_id=state.new_document(gzip.compress(raw)),
            )
            with state.lock:
                state.reports[key] = report
                state.reports[report.report_id] = report
            report.polls = state.polls_to_done
        out.append(report)
    return out


def closed_periods(first: date, before: date) -> list[tuple[date, date]]:
    """The settlement periods that end on or after ``first`` and closed before ``before`` (created before it)."""
    out = []
    k = max(0, (first - SETTLEMENT_EPOCH).days // SETTLEMENT_PERIOD_DAYS - 1)
    while True:
        p_start = SETTLEMENT_EPOCH + timedelta(days=k * SETTLEMENT_PERIOD_DAYS)
        p_end = p_start + timedelta(days=SETTLEMENT_PERIOD_DAYS - 1)
        if p_end + timedelta(days=1) >= before:
            return out
        if p_end >= first:
            out.append((p_start, p_end))
        k += 1
