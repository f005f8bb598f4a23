"""Findings into claims: one claim a loss, changes recorded, windows followed - on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta

import pytest
from cases_helpers import make_finding
from sqlalchemy import func, select

from claimpilot.db import session_factory
from claimpilot.tools.cases.models import Claim, ClaimEvent

START = date(2026, 9, 1)


def status_for(f, as_of):
    if as_of < f.window_opens:
        return "pending"
    return "claimable" if as_of <= f.window_closes else "expired"


def at(f, as_of):
    return replace(f, status=status_for(f, as_of))


def count_claims(settings) -> int:
    with session_factory(settings)() as s:
        return s.scalar(select(func.count()).select_from(Claim))


def test_new_findings_become_claims_once(service, db_settings):
    fs = [make_finding(reference_id=f"R{i}", fnsku=f"X{i:03d}") for i in range(4)]
    first = service.sync(fs, date(2026, 10, 2))
    again = service.sync(fs, date(2026, 10, 2))
    assert (first.created, again.created, again.changed) == (4, 0, 0)
    assert count_claims(db_settings) == 4
    claims = service.list_claims()
    assert {c["reference_id"] for c in claims} == {"R0", "R1", "R2", "R3"}
    assert all(c["status"] == "claimable" for c in claims)
    history = service.get_claim(claims[0]["id"])["events"]
    assert [e["kind"] for e in history] == ["created"]


def test_thirty_daily_resyncs_of_evolving_findings(service, db_settings):
    """A month of daily audits: losses appear, units are found, windows open and close."""
    lost = make_finding(reference_id="LOST-1", fnsku="X001", quantity=5, event_date=START, window_days=20)
    ret = make_finding(type="customer_return_missing", reference_id="111-2223334-5556667", fnsku="X002",
                       quantity=1, event_date=START - timedelta(days=50), opens_after=60, window_days=120)
    found_later = make_finding(reference_id="LOST-2", fnsku="X003", quantity=2, event_date=START + timedelta(days=3))
    qty_by_day = {d: (5 if d < 10 else 3 if d < 15 else 2) for d in range(30)}
    for d in range(30):
        day = START + timedelta(days=d)
        findings = [at(replace(lost, quantity=qty_by_day[d], amount=lost.unit_value * qty_by_day[d]), day),
                    at(ret, day)]
        if 3 <= d < 12:  # seen from day 3, all units found on day 12
            findings.append(at(found_later, day))
        service.sync(findings, day)
        service.sync(findings, day)  # a second run of the same day changes nothing
    assert count_claims(db_settings) == 3
    by_ref = {c["reference_id"]: c for c in service.list_claims()}
    lost_claim = service.get_claim(by_ref["LOST-1"]["id"])
    changes = [(e["old_quantity"], e["new_quantity"], e["as_of"]) for e in lost_claim["events"]
               if e["kind"] == "quantity"]
    assert changes == [(5, 3, "2026-09-11"), (3, 2, "2026-09-16")]
    assert lost_claim["quantity"] == 2 and lost_claim["amount"] == "20.00"
    moves = [(e["from_status"], e["to_status"], e["as_of"]) for e in lost_claim["events"] if e["kind"] == "status"]
    assert moves == [("claimable", "expired", "2026-09-22")]
    ret_claim = service.get_claim(by_ref["111-2223334-5556667"]["id"])
    assert [(e["from_status"], e["to_status"], e["as_of"]) for e in ret_claim["events"] if e["kind"] == "status"] \
        == [("pending", "claimable", "2026-09-11")]
    gone = service.get_claim(by_ref["LOST-2"]["id"])
    assert gone["status"] == "withdrawn"
    assert [(e["to_status"], e["as_of"]) for e in gone["events"] if e["kind"] == "status"] \
        == [("withdrawn", "2026-09-13")]


def test_unfiled_claim_expires_when_its_window_closes_even_if_the_audit_drops_it(service):
    f = make_finding(event_date=date(2026, 8, 1), window_days=60)
    service.sync([f], date(2026, 9, 1))
    service.sync([], date(2026, 10, 5))
    [c] = service.list_claims()
    assert c["status"] == "expired"


def test_filed_claim_keeps_what_was_claimed_and_records_a_later_audit_change(service):
    f = make_finding(quantity=4)
    service.sync([f], date(2026, 10, 2))
    [c] = service.list_claims()
    service.mark_submitted(c["id"], "9876543210", date(2026, 10, 3))
    service.sync([replace(f, quantity=3, amount=f.unit_value * 3)], date(2026, 10, 4))
    service.sync([replace(f, quantity=3, amount=f.unit_value * 3)], date(2026, 10, 5))
    got = service.get_claim(c["id"])
    assert got["status"] == "submitted" and got["quantity"] == 4
    noted = [(e["old_quantity"], e["new_quantity"]) for e in got["events"] if e["kind"] == "audit_changed"]
    assert noted == [(4, 3)]


def test_an_older_audit_does_not_undo_a_newer_one(service):
    f = make_finding(quantity=4)
    service.sync([f], date(2026, 10, 10))
    result = service.sync([replace(f, quantity=9)], date(2026, 10, 3))
    assert result.skipped_stale == 1
    assert service.list_claims()[0]["quantity"] == 4


def test_a_crash_mid_sync_loses_and_duplicates_nothing(service, db_settings, monkeypatch):
    base = [make_finding(reference_id=f"R{i}", fnsku=f"X{i:03d}") for i in range(3)]
    service.sync(base, date(2026, 10, 2))
    changed = [replace(base[0], quantity=1, amount=base[0].unit_value)]
    new = [make_finding(reference_id=f"N{i}", fnsku=f"Y{i:03d}") for i in range(5)]
    import claimpilot.tools.cases.sync as sync_mod

    real_insert = sync_mod._insert_claims
    calls = {"n": 0}

    def crashing_insert(*args, **kwargs):
        inserted = real_insert(*args, **kwargs)  # the new rows are written, then the power goes
        calls["n"] += 1
        assert len(inserted) == 5
        raise RuntimeError("power cut")

    monkeypatch.setattr(sync_mod, "_insert_claims", crashing_insert)
    with pytest.raises(RuntimeError, match="power cut"):
        service.sync(changed + base[1:] + new, date(2026, 10, 3))
    assert calls["n"] == 1
    assert count_claims(db_settings) == 3
    assert service.list_claims()[0]["quantity"] == 2  # the quantity change was rolled back too
    monkeypatch.setattr(sync_mod, "_insert_claims", real_insert)
    result = service.sync(changed + base[1:] + new, date(2026, 10, 3))
    assert (result.created, result.changed) == (5, 1)
    assert count_claims(db_settings) == 8
    with session_factory(db_settings)() as s:
        created = s.scalar(select(func.count()).select_from(ClaimEvent).where(ClaimEvent.kind == "created"))
    assert created == 8


def test_concurrent_syncs_make_one_claim_a_loss(service, db_settings):
    from claimpilot.tools.cases.service import CaseService

    findings = [make_finding(reference_id=f"R{i}", fnsku=f"X{i:03d}", quantity=1 + i % 3) for i in range(40)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def run(i: int) -> None:
        try:
            svc = CaseService(db_settings)
            barrier.wait()
            svc.sync(findings[i * 5:] + findings[:i * 5], date(2026, 10, 2))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert count_claims(db_settings) == 40
    with session_factory(db_settings)() as s:
        created = s.scalar(select(func.count()).select_from(ClaimEvent).where(ClaimEvent.kind == "created"))
    assert created == 40


def test_findings_of_another_marketplace_are_refused(service):
    with pytest.raises(ValueError, match="DE"):
        service.sync([make_finding(marketplace="DE", currency="EUR")], date(2026, 10, 2))
