"""The LLM polish of appeals is optional: a configured OpenAI-compatible model edits the
template appeal, the edit is kept only if it passes the compliance check."""

from __future__ import annotations

from datetime import date

from cases_helpers import make_finding
from cases_llm_stub import StubLLM
from pydantic import SecretStr

from claimpilot.config import LlmSettings
from claimpilot.tools.cases.service import CaseService


def denied_claim(svc: CaseService) -> int:
    svc.sync([make_finding(reference_id="R6", fnsku="X006", quantity=2)], date(2026, 10, 2))
    [c] = svc.list_claims()
    svc.mark_submitted(c["id"], "6666", date(2026, 10, 3))
    svc.record_denial(c["id"], "unit found", date(2026, 10, 9))
    return c["id"]


def service_with(settings, llm: LlmSettings) -> CaseService:
    assert llm.configured
    return CaseService(settings.model_copy(update={"llm": llm}))


def test_appeal_is_polished_by_the_configured_model(settings):
    def edit(text: str) -> str:
        return text.replace("Hello,", "Dear Seller Support team,")

    with StubLLM(edit) as stub:
        svc = service_with(settings, LlmSettings(base_url=stub.base_url, model="stub-model",
                                                 api_key=SecretStr("sk-local"), timeout_s=10))
        appeal = svc.draft_appeal(denied_claim(svc))
    assert appeal["polished"] is True and appeal["compliance_ok"]
    assert appeal["text"].startswith("Subject:") and "Dear Seller Support team," in appeal["text"]
    [request] = stub.requests
    assert request["model"] == "stub-model"
    assert "X006" in request["messages"][-1]["content"]
    assert "identifier" in request["messages"][0]["content"]


def test_a_polished_text_that_breaks_the_rules_is_dropped(settings):
    def edit(text: str) -> str:
        return text.replace("X006", "the item") + "\nWe will take legal action otherwise.\n"

    with StubLLM(edit) as stub:
        svc = service_with(settings, LlmSettings(base_url=stub.base_url, model="stub-model", timeout_s=10))
        appeal = svc.draft_appeal(denied_claim(svc))
    assert len(stub.requests) == 1
    assert appeal["polished"] is False and appeal["compliance_ok"]
    assert "X006" in appeal["text"] and "legal" not in appeal["text"]


def test_appeal_falls_back_to_the_template_when_the_model_is_unreachable(settings):
    svc = service_with(settings, LlmSettings(base_url="http://127.0.0.1:9/v1", model="stub", timeout_s=2))
    appeal = svc.draft_appeal(denied_claim(svc))
    assert appeal["polished"] is False and appeal["compliance_ok"]
    assert "X006" in appeal["text"] and "6666" in appeal["text"]
