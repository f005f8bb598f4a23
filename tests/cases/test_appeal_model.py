"""The LLM polish of appeals is optional: without a reachable model the template stands."""

from __future__ import annotations

from datetime import date

from claimpilot.config import LlmSettings
from claimpilot.tools.cases.service import CaseService
from conftest import make_finding


def test_appeal_falls_back_to_the_template_when_the_model_is_unreachable(settings):
    llm = LlmSettings(base_url="http://127.0.0.1:9/v1", model="stub", timeout_s=2)
    assert llm.configured
    svc = CaseService(settings.model_copy(update={"llm": llm}))
    svc.sync([make_finding(reference_id="R6", fnsku="X006")], date(2026, 10, 2))
    [c] = svc.list_claims()
    svc.mark_submitted(c["id"], "6666", date(2026, 10, 3))
    svc.record_denial(c["id"], "unit found", date(2026, 10, 9))
    appeal = svc.draft_appeal(c["id"])
    assert appeal["polished"] is False and appeal["compliance_ok"]
    assert "X006" in appeal["text"] and "6666" in appeal["text"]
