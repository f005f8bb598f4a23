"""Splitting a date range into the chunks Amazon accepts in one report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True, order=True)
class DayRange:
    """Days ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def start_time(self) -> datetime:
        return datetime.combine(self.start, time(0, 0, 0), tzinfo=UTC)

    def end_time(self) -> datetime:
        return datetime.combine(self.end, time(23, 59, 59), tzinfo=UTC)

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def split(start: date, end: date, max_days: int | None) -> list[DayRange]:
    """Consecutive chunks of at most ``max_days`` covering ``start``..``end``."""
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    if not max_days:
        return [DayRange(start, end)]
    chunks = []
    cursor = start
    while cursor <= end:
        last = min(end, cursor + timedelta(days=max_days - 1))
        chunks.append(DayRange(cursor, last))
        cursor = last + timedelta(days=1)
    return chunks
