"""The one place product code reads the time.

Every "today" and "now" in claimpilot comes from here, in UTC: the audit's
as-of date, claim windows, job cycles, timestamps in the operational store.
Tests move this clock (and only this clock needs moving) with time-machine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def now_utc() -> datetime:
    """The current moment, timezone-aware, in UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in UTC."""
    return now_utc().date()
