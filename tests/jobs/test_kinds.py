"""Every job kind a seller can schedule has a job that does it, and a new seller gets a schedule for each
of the kinds that run by default."""

from __future__ import annotations

import pytest

from claimpilot.accounts import sellers
from claimpilot.jobs.kinds import JOB_KINDS
from claimpilot.vocabulary import JobKind


def test_every_job_kind_has_a_job_and_no_job_lacks_a_kind():
    assert set(JOB_KINDS) == set(JobKind)


def test_the_default_schedules_name_only_job_kinds():
    assert set(sellers.DEFAULT_SCHEDULES) <= set(JobKind)


def test_a_schedule_for_an_unknown_kind_is_refused_naming_the_known_ones(tmp_path):
    from claimpilot.config import Settings
    from claimpilot.db import ensure_schema, session_factory

    settings = Settings(home=tmp_path)
    ensure_schema(settings)
    with session_factory(settings)() as db:
        sellers.add_seller(db, "acme")
        with pytest.raises(sellers.SellerError, match="unknown job kind 'scna'.*policy_watch"):
            sellers.set_schedule(db, "acme", "scna", at_utc="06:00")
        with pytest.raises(sellers.SellerError, match="HH:MM"):
            sellers.set_schedule(db, "acme", "scan", at_utc="6 o'clock")
