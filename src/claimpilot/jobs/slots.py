"""Schedule arithmetic: the slot a schedule last fell due in, its cycle key, the next slot.

Daily schedules fall due at ``HH:MM`` UTC; their cycle is the date
(``2026-11-27``). Interval schedules fall due every N minutes counted from
midnight UTC; their cycle is the slot's minute (``2026-11-27T06:15Z``).
Missed slots are not replayed one by one: the latest due slot stands for them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from claimpilot.accounts.sellers import parse_at

DAY = timedelta(days=1)


def as_utc(now: datetime) -> datetime:
    """``now`` in UTC; a time without its zone (as SQLite gives them back) was written in UTC."""
    return now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)


def latest_slot(now: datetime, at_utc: str | None = None, every_minutes: int | None = None) -> datetime:
    """The newest slot at or before ``now``."""
    now = as_utc(now)
    if at_utc is not None:
        slot = datetime.combine(now.date(), parse_at(at_utc))
        return slot if slot <= now else slot - DAY
    if not every_minutes:
        raise ValueError("a schedule needs a daily time or an interval")
    midnight = datetime.combine(now.date(), time(0, tzinfo=UTC))
    minutes = int((now - midnight).total_seconds() // 60)
    return midnight + timedelta(minutes=minutes - minutes % every_minutes)


def next_slot(now: datetime, at_utc: str | None = None, every_minutes: int | None = None) -> datetime:
    """The first slot strictly after ``now``."""
    last = latest_slot(now, at_utc, every_minutes)
    if at_utc is not None:
        return last + DAY
    following = last + timedelta(minutes=every_minutes)
    midnight = datetime.combine(last.date() + DAY, time(0, tzinfo=UTC))
    return min(following, midnight)


def cycle_key(slot: datetime, daily: bool) -> str:
    slot = as_utc(slot)
    return slot.date().isoformat() if daily else slot.strftime("%Y-%m-%dT%H:%MZ")


def cycle_date(cycle: str) -> date:
    """The as-of date a cycle stands for."""
    return date.fromisoformat(cycle[:10])
