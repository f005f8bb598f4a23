"""Thirty daily re-audits of a demo seller whose data moves day by day:
import the day's reports, audit, sync - one claim a loss, every state change right."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.audit import run_audit
from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.store import ReportStore

START = date(2026, 10, 1)
DAYS = 30


@pytest.mark.slow
def test_thirty_daily_reaudits_of_a_demo_seller(isolated_home, tmp_path):
    settings = Settings(home=isolated_home, _env_file=None)
    service = CaseService(settings)
    store = ReportStore(settings.warehouse_path(), settings.evidence_dir())
    history: dict[str, list[tuple[date, str]]] = {}  # truth status changes a key went through
    filed: dict[str, date] = {}
    last: dict = {}
    for d in range(DAYS):
        day = START + timedelta(days=d)
        seller = generate(seed=11, as_of=day, skus=80)
        store.import_path(seller.write(tmp_path / f"day{d:02d}")[0].parent)
        with store.connect(read_only=True) as conn:
            audit = run_audit(conn, day)
        service.sync(audit.findings, day)
        service.sync(audit.findings, day)  # the same day twice: nothing changes

        truth = {f.key: f for f in seller.truth.findings}
        for key, f in truth.items():
            seq = history.setdefault(key, [])
            if not seq or seq[-1][1] != f.status:
                seq.append((day, f.status))
            last[key] = f
        for key, seq in history.items():  # a loss no longer found: lost to expiry, or withdrawn
            if key not in truth and seq[-1][1] in ("pending", "claimable"):
                seq.append((day, "expired" if day > last[key].window_closes else "withdrawn"))
        claims = {c["key"]: c for c in service.list_claims()}
        assert set(truth) <= set(claims), f"{day}: losses without a claim"
        for key, f in truth.items():
            c = claims[key]
            if key in filed:
                assert c["status"] == "submitted", (day, c)
                continue
            assert (c["status"], c["quantity"], c["amount"]) == (f.status, f.quantity, f"{f.amount:.2f}"), (day, f)
        for key in set(claims) - set(truth):
            assert claims[key]["status"] in ("withdrawn", "expired", "submitted"), (day, claims[key])
        if d == 10:  # the seller files the first claimable loss
            first = next(c for c in claims.values() if c["status"] == "claimable")
            done = service.mark_submitted(first["id"], "17000000001", day)
            assert done["packet"]["claim_ids"] == [first["id"]]  # filed alone: it had no packet
            filed[first["key"]] = day

    with session_factory(settings)() as s:
        total = s.scalar(select(func.count()).select_from(Claim))
        keys = s.scalar(select(func.count(func.distinct(Claim.key))))
    assert total == keys == len(history)
    for key, seq in history.items():
        claim = next(c for c in service.list_claims() if c["key"] == key)
        events = service.get_claim(claim["id"])["events"]
        got = [(e["as_of"], e["to_status"]) for e in events if e["to_status"]]
        expected = [(day.isoformat(), status) for day, status in seq]
        if key in filed:
            cut = [x for x in expected if x[0] <= filed[key].isoformat()]
            expected = cut + [(filed[key].isoformat(), "drafted"), (filed[key].isoformat(), "submitted")]
        assert got == expected, key
