"""Schedule arithmetic: the slot a schedule last fell due in, its cycle, the next slot."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from claimpilot.jobs.slots import cycle_date, cycle_key, latest_slot, next_slot


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_daily_slots():
    assert latest_slot(utc(2026, 11, 27, 6, 0), at_utc="06:00") == utc(2026, 11, 27, 6, 0)
    assert latest_slot(utc(2026, 11, 27, 5, 59), at_utc="06:00") == utc(2026, 11, 26, 6, 0)
    assert next_slot(utc(2026, 11, 27, 6, 0), at_utc="06:00") == utc(2026, 11, 28, 6, 0)
    assert next_slot(utc(2026, 12, 31, 23, 0), at_utc="06:00") == utc(2027, 1, 1, 6, 0)
    assert cycle_key(utc(2026, 11, 27, 6, 0), daily=True) == "2026-11-27"


def test_interval_slots_restart_at_midnight():
    assert latest_slot(utc(2026, 11, 27, 6, 44), every_minutes=15) == utc(2026, 11, 27, 6, 30)
    assert next_slot(utc(2026, 11, 27, 6, 44), every_minutes=15) == utc(2026, 11, 27, 6, 45)
    # 7-minute slots: the last of the day is 23:55, the next is midnight, not 00:02
    assert latest_slot(utc(2026, 11, 27, 23, 59), every_minutes=7) == utc(2026, 11, 27, 23, 55)
    assert next_slot(utc(2026, 11, 27, 23, 59), every_minutes=7) == utc(2026, 11, 28, 0, 0)
    assert cycle_key(utc(2026, 11, 27, 6, 30), daily=False) == "2026-11-27T06:30Z"
    assert cycle_date("2026-11-27T06:30Z") == date(2026, 11, 27)


def test_other_time_zones_are_read_as_the_same_instant():
    shanghai = timezone(timedelta(hours=8))
    # 13:00 in Shanghai is 05:00 UTC: the 06:00 UTC slot of that day has not come yet
    assert latest_slot(datetime(2026, 11, 27, 13, 0, tzinfo=shanghai), at_utc="06:00") == utc(2026, 11, 26, 6, 0)


@pytest.mark.parametrize("bad", ["6", "24:00", "06:60", "ab:cd"])
def test_a_bad_time_of_day_is_refused(bad):
    with pytest.raises(ValueError, match="HH:MM"):
        latest_slot(utc(2026, 11, 27), at_utc=bad)
