"""Agent test helpers: a scripted chat model that really drives the graph, and seeded claims."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage

from claimpilot.config import Settings
from claimpilot.tools.audit.finding import Evidence, Finding

AS_OF = date(2026, 11, 1)


class ScriptedChatModel(GenericFakeChatModel):
    """Answers with the scripted AIMessages in order, tool calls included; remembers what it was shown."""

    seen: list[list[BaseMessage]] = []

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def scripted(*turns: AIMessage | str) -> ScriptedChatModel:
    messages = [AIMessage(content=t) if isinstance(t, str) else t for t in turns]
    return ScriptedChatModel(messages=iter(messages), seen=[], disable_streaming=True)


def call(name: str, args: dict, call_id: str = "call_1") -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": call_id}])


def make_finding(reference_id: str, fnsku: str, quantity: int = 2, unit_value: str = "12.50",
                 type: str = "warehouse_lost", status: str = "claimable") -> Finding:
    unit = Decimal(unit_value)
    event = AS_OF - timedelta(days=10)
    return Finding(type=type, status=status, reference_id=reference_id, fnsku=fnsku, sku=f"SKU-{fnsku}",
                   quantity=quantity, unit_value=unit, amount=unit * quantity, currency="USD", event_date=event,
                   window_opens=event, window_closes=event + timedelta(days=60),
                   evidence=[Evidence("ledger", "a" * 64, 7)], marketplace="US")


def seed(settings: Settings, findings: Iterable[Finding]) -> list[dict]:
    """Claims in the real case service, as the audit would leave them."""
    from claimpilot.tools.cases.service import CaseService

    service = CaseService(settings)
    service.sync(list(findings), AS_OF)
    return service.list_claims()
