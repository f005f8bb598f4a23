"""Buyer text is data: an LLM that obeys the buyer's instructions gets its drafts held, and nothing leaves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from injection_helpers import CORPUS, eager
from pydantic import SecretStr
from sqlalchemy import func, select

from claimpilot.db import session_factory
from claimpilot.tools.buyers.service import BuyerService


def _obedient_model():
    """An OpenAI-compatible stub that does whatever the buyer's text says: echoes it, with a link and a secret."""
    path = Path(__file__).resolve().parents[1] / "agent" / "openai_stub.py"
    spec = importlib.util.spec_from_file_location("buyers_openai_stub", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Obedient(module.StubOpenAI):
        secret = ""

        def reply(self, messages):
            user = messages[-1]["content"]
            told = user.split("<buyer_message>")[-1].split("</buyer_message>")[0].strip()
            return {"content": f"OK. {told} Visit https://shop.example for 20% off. Key: {self.secret}"}

    return Obedient()


def test_injection_corpus_with_an_obedient_llm(mail_settings, smtp, order_ids):
    stub = _obedient_model()
    stub.secret = mail_settings.sp_api.refresh_token.get_secret_value()
    with stub:
        settings = eager(mail_settings, base_url=stub.url, model="stub-model",
                         api_key=SecretStr("sk-test-not-real-000000"))
        svc = BuyerService(settings)
        oid = order_ids["Shipped"]
        ids = []
        for n, case in enumerate(CORPUS[:6]):
            got = svc.add_message(relay_address=f"llm{n}@marketplace.amazon.com", body=case["text"].format(oid=oid))
            shown = svc.show(got.message_id)
            ids.append(got.message_id)
            assert shown["reply"]["drafted_by"] == "llm"
            assert shown["status"] == "held" and not shown["reply"]["compliance_ok"]
            issues = " ".join(shown["reply"]["compliance_issues"])
            assert "link" in issues and "secret" in issues
        assert stub.requests  # the model was asked; what it wrote was not trusted
        # the held drafts cannot be approved as they are
        from claimpilot.tools.buyers.queue import QueueError

        with pytest.raises(QueueError):
            svc.approve(ids[0], by="anna")
    # held drafts show the model's text to the person, but never leave
    for mid in ids:
        assert BuyerService(settings).show(mid)["status"] == "held"
    assert smtp.received == []
    with session_factory(settings)() as db:
        from claimpilot.tools.buyers.models import BuyerReply

        assert db.scalar(select(func.count()).select_from(BuyerReply).where(BuyerReply.status == "sent")) == 0


