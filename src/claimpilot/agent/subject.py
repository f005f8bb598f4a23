"""The thread's subject kept in the agent's state: the last claim, case, order and shipment named.

A middleware: before each model call it updates ``subject`` from the turn's tool calls (and a
claim's detail, which links a claim number and its Amazon case id), so it is checkpointed with
the thread; the offline router reads it to resolve 它/这个/that one, and a language model gets it
as one line of its system prompt, with today's date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NotRequired

from langchain.agents.middleware import AgentMiddleware, AgentState
from langchain.agents.middleware.types import ModelRequest, ModelResponse
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from claimpilot import clock
from claimpilot.agent.understanding import thread


class SubjectState(AgentState):
    subject: NotRequired[dict[str, Any]]


def _updated(state: dict[str, Any]) -> dict[str, Any]:
    subject = dict(state.get("subject") or {})
    messages = state.get("messages", [])
    start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
    for m in messages[start + 1:]:
        if isinstance(m, AIMessage):
            refused = m.additional_kwargs.get("refused_call")  # "claim 77" not found: still what was named
            subject = thread.from_calls(subject, [*m.tool_calls, *([refused] if refused else [])])
            subject = thread.noted(subject, m.additional_kwargs.get("named_claims") or [])
        elif isinstance(m, ToolMessage) and m.name in ("get_claim", "record_denial", "mark_case_submitted") \
                and isinstance(m.artifact, dict) and "id" in m.artifact:
            subject = thread.link_claim(subject, m.artifact)
        elif isinstance(m, ToolMessage) and m.name == "list_claims" and isinstance(m.artifact, dict):
            shown = [c["id"] for c in m.artifact.get("claims") or [] if isinstance(c, dict) and "id" in c]
            subject = thread.noted(subject, shown)  # "给第二个写个case" after a list: its second claim
    return subject


def _known_ids(context: Any) -> Callable[[], dict[str, list[str]]] | None:
    """The seller's claim numbers and case ids, read when asked (only before a write)."""
    settings = getattr(context, "settings", None)
    if settings is None:
        return None

    def read() -> dict[str, list[str]]:
        from claimpilot.tools.cases.service import CaseService

        return CaseService(settings).known_ids()
    return read


class ThreadSubject(AgentMiddleware[SubjectState]):
    state_schema = SubjectState

    def before_model(self, state: SubjectState, runtime: Any) -> dict[str, Any] | None:
        subject = _updated(dict(state))
        return {"subject": subject} if subject != state.get("subject") else None

    def after_model(self, state: SubjectState, runtime: Any) -> dict[str, Any] | None:
        return self.before_model(state, runtime)  # a turn that ends on a plain answer still names its subject

    def wrap_model_call(self, request: ModelRequest, handler: Callable[[ModelRequest], ModelResponse]) -> ModelResponse:
        subject = dict((request.state or {}).get("subject") or {})
        context = getattr(request.runtime, "context", None)
        today = getattr(context, "today", None) or clock.today()
        if hasattr(request.model, "with_thread"):
            known = _known_ids(context)
            return handler(request.override(model=request.model.with_thread(subject, today, known)))
        note = f"Today is {today.isoformat()}."
        if subject:
            named = ", ".join(f"{k}={v}" for k, v in subject.items() if k not in ("last", "lister"))
            note += f" The conversation is about: {named} (most recently {subject.get('last')})."
        prompt = f"{request.system_prompt}\n\n{note}" if request.system_prompt else note
        return handler(request.override(system_prompt=prompt))
