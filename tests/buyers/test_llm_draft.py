"""Drafts by the configured model (an OpenAI-compatible server on this machine): prompt, facts, checks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from pydantic import SecretStr

from claimpilot.tools.buyers.service import BuyerService


def _stub_class():
    path = Path(__file__).resolve().parents[1] / "agent" / "openai_stub.py"
    spec = importlib.util.spec_from_file_location("buyers_llm_stub", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.StubOpenAI


class PoliteModel(_stub_class()):
    """Answers in German with the order id it was given."""

    def reply(self, messages):
        if "Simplified Chinese" in messages[0]["content"]:
            return {"content": "您好，我的订单什么时候到？"}
        user = messages[-1]["content"]
        order = user.split("Order id: ")[1].split("\n")[0]
        return {"content": f"Hallo, vielen Dank für Ihre Nachricht. Ihre Bestellung {order} wurde versandt und ist "
                           "unterwegs. Mit freundlichen Grüßen"}


def test_a_good_model_reply_is_queued_with_the_facts_in_the_prompt(mail_settings, smtp, order_ids):
    oid = order_ids["Shipped"]
    with PoliteModel() as stub:
        settings = mail_settings.model_copy(update={"llm": mail_settings.llm.model_copy(
            update={"base_url": stub.url, "model": "stub-model", "api_key": SecretStr("sk-local-stub-key-000000")})})
        svc = BuyerService(settings)
        mid = svc.add_message(relay_address="g1@marketplace.amazon.de",
                              body=f"Guten Tag, wann kommt meine Bestellung {oid}?").message_id
        shown = svc.show(mid)
    assert shown["reply"]["drafted_by"] == "llm" and shown["reply"]["compliance_ok"]
    assert shown["status"] == "queued" and oid in shown["reply"]["body"]
    translation, request = stub.requests  # the buyer's words for the seller in Chinese, then the draft
    assert "Simplified Chinese" in translation["messages"][0]["content"]
    assert shown["translation_zh"] == "您好，我的订单什么时候到？"
    system, user = request["messages"][0]["content"], request["messages"][-1]["content"]
    assert "Never ask for a review" in system or "never mention reviews" in system
    assert "<buyer_message>" in user and "wann kommt meine Bestellung" in user
    assert '"status": "Shipped"' in user  # the order facts from the Orders API
    assert "sk-local-stub-key" not in user and smtp.received == []


def test_an_unreachable_model_leaves_a_held_draft(mail_settings, order_ids):
    oid = order_ids["Shipped"]
    settings = mail_settings.model_copy(update={"llm": mail_settings.llm.model_copy(
        update={"base_url": "http://127.0.0.1:9/v1", "model": "gone", "timeout_s": 2.0})})
    svc = BuyerService(settings)
    mid = svc.add_message(relay_address="g2@marketplace.amazon.com", body=f"Where is {oid}?").message_id
    shown = svc.show(mid)
    assert shown["status"] == "held" and "empty" in shown["reason"]
    assert "draft_error" in shown["reply"]["context"]
