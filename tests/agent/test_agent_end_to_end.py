"""A seller's path in the offline agent, on real parts: fetch from the SP-API emulator, audit, summarise."""

from __future__ import annotations

from datetime import timedelta

import pytest

from claimpilot.agent.service import Agent
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.store import ReportStore
from spapi_seller import AS_OF, TinySeller, settings_for


@pytest.fixture
def sp_settings(isolated_home):
    forget_access_tokens()
    with start_emulator(TinySeller(), rate_scale=1000, today=AS_OF + timedelta(days=1)) as emu:
        yield settings_for(emu, isolated_home)
    forget_access_tokens()


def test_fetch_audit_and_summary_by_chat(sp_settings):
    start = (AS_OF - timedelta(days=120)).isoformat()
    with Agent(sp_settings) as agent:
        fetched = agent.chat(f"download reports from {start} to {AS_OF.isoformat()}", "t-e2e")
        audited = agent.chat(f"审计截至{AS_OF.isoformat()}的数据", "t-e2e")
        summary = agent.chat("claims summary", "t-e2e")
    assert fetched.tool_calls == [{"name": "fetch_reports", "args": {"start": start, "end": AS_OF.isoformat()}}]
    counts = ReportStore(sp_settings.warehouse_path(), sp_settings.evidence_dir()).counts()
    assert counts["ledger"] > 0 and "Reports fetched" in fetched.answer and "failed" not in fetched.answer
    assert audited.tool_calls == [{"name": "run_audit", "args": {"as_of": AS_OF.isoformat()}}]
    claims = CaseService(sp_settings).list_claims()
    assert f"发现 {len(claims)} 项" in audited.answer
    by_status = CaseService(sp_settings).summary()["claims_by_status"]
    assert summary.tool_calls == [{"name": "claims_summary", "args": {}}]
    claimable = by_status.get("claimable", 0) + by_status.get("drafted", 0)
    money = CaseService(sp_settings).summary()["total"]["open"]
    assert f"- Claimable now: {claimable}, worth ${float(money):,.2f}" in summary.answer
