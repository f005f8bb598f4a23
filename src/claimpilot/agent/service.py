"""The one entry the CLI and the web server use: chat on a thread, stream it, decide pending writes."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from datetime import date
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage, ToolMessage
from langchain_core.tools import BaseTool
from langgraph.types import Checkpointer, Command

from claimpilot.agent.graph import build_graph
from claimpilot.agent.memory import open_checkpointer
from claimpilot.agent.model import make_chat_model
from claimpilot.agent.prompts import load_prompt
from claimpilot.agent.state import AgentContext, ChatResult, PendingAction
from claimpilot.agent.tools import load_tools
from claimpilot.agent.turn import approval_note, citations, verdict
from claimpilot.agent.understanding.language import thread_language
from claimpilot.config import Settings, get_settings

# The runtime context (Settings) passes through tool inputs that pydantic would warn about serialising.
warnings.filterwarnings("ignore", message="Pydantic serializer warnings", category=UserWarning)


class Agent:
    """The agent for one settings: model (or offline router), tools, prompt and conversation store.

    Use as a context manager; it holds the checkpointer's connection while open.
    """

    def __init__(self, settings: Settings, *, model: BaseChatModel | None = None,
                 tools: Sequence[BaseTool] | None = None, checkpointer: Checkpointer | None = None,
                 today: date | None = None):
        self.settings = settings
        self.today = today  # the day requests are read against; None: the clock's
        self.model = model or make_chat_model(settings)
        self.tools = list(tools) if tools is not None else load_tools()
        self._checkpointer = checkpointer
        self._stack = ExitStack()
        self._graph = None

    def __enter__(self) -> Agent:
        if self._checkpointer is None:
            self._checkpointer = self._stack.enter_context(open_checkpointer(self.settings))
        prompt = load_prompt("system", self.settings.language)
        self._graph = build_graph(self.model, self.tools, prompt, self._checkpointer)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    # --- turns ------------------------------------------------------------
    def chat(self, message: str, thread_id: str) -> ChatResult:
        """Send the person's message; returns when the answer is ready or a write awaits approval."""
        result = None
        for event in self.stream(message, thread_id):
            if event["type"] == "done":
                result = event["result"]
        assert result is not None
        return result

    def stream(self, message: str, thread_id: str) -> Iterator[dict[str, Any]]:
        """Events: token, tool_call, tool_result, pending, then done (with the ChatResult).

        While a write awaits approval, a yes/no message answers it; anything else
        declines it and is taken as a new message.
        """
        if self.pending(thread_id):
            choice = verdict(message)
            if choice is not None:
                yield from self._run(self._resume(thread_id, choice, None), thread_id)
                return
            for _ in self._run(self._resume(thread_id, False, "The person moved on without approving."), thread_id):
                pass
        yield from self._run({"messages": [HumanMessage(content=message)]}, thread_id)

    def decide(self, thread_id: str, approve: bool, note: str | None = None) -> ChatResult:
        """Approve or reject every write awaiting approval on this thread, then finish the turn."""
        if not self.pending(thread_id):
            raise ValueError(f"nothing awaits approval on thread {thread_id!r}")
        result = None
        for event in self._run(self._resume(thread_id, approve, note), thread_id):
            if event["type"] == "done":
                result = event["result"]
        assert result is not None
        return result

    def pending(self, thread_id: str) -> list[PendingAction]:
        """The writes on this thread awaiting the person's decision."""
        state = self._graph.get_state(_config(thread_id))
        actions: list[PendingAction] = []
        for interrupt in state.interrupts:
            for request in (interrupt.value or {}).get("action_requests", []):
                actions.append(PendingAction(request["name"], dict(request["args"]), request.get("description", "")))
        return actions

    def history(self, thread_id: str) -> list[dict[str, str]]:
        """The thread's messages as role/text pairs (tool traffic left out)."""
        state = self._graph.get_state(_config(thread_id))
        return [{"role": "user" if isinstance(m, HumanMessage) else "assistant", "text": m.text}
                for m in state.values.get("messages", [])
                if isinstance(m, HumanMessage) or (isinstance(m, AIMessage) and m.text and not m.tool_calls)]

    # --- internals -----------------------------------------------------------
    def _resume(self, thread_id: str, approve: bool, note: str | None) -> Command:
        count = len(self.pending(thread_id))
        decision = {"type": "approve"} if approve else {
            "type": "reject", "message": note or "The person rejected this action; it was not done."}
        return Command(resume={"decisions": [decision] * count})

    def _run(self, payload: Any, thread_id: str) -> Iterator[dict[str, Any]]:
        config = _config(thread_id)
        context = AgentContext(self.settings, today=self.today)
        for mode, data in self._graph.stream(payload, config, context=context, stream_mode=["messages", "updates"]):
            if mode == "messages":
                chunk = data[0]
                if isinstance(chunk, (AIMessageChunk, AIMessage)) and chunk.text and not chunk.tool_calls:
                    yield {"type": "token", "text": chunk.text}
                continue
            for node, update in data.items():
                if node.startswith("__") or not isinstance(update, dict):
                    continue
                for msg in update.get("messages", []):
                    if isinstance(msg, AIMessage):
                        for call in msg.tool_calls:
                            yield {"type": "tool_call", "name": call["name"], "args": call["args"]}
                    elif isinstance(msg, ToolMessage):
                        yield {"type": "tool_result", "name": msg.name, "data": msg.artifact}
        result = self._result(thread_id)
        if result.pending_actions:
            yield {"type": "pending", "actions": result.pending_actions}
        yield {"type": "done", "result": result}

    def _result(self, thread_id: str) -> ChatResult:
        messages = self._graph.get_state(_config(thread_id)).values.get("messages", [])
        start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
        turn = messages[start + 1:]
        lang = thread_language([m.text for m in messages[:start + 1] if isinstance(m, HumanMessage)])
        calls = [{"name": c["name"], "args": c["args"]} for m in turn if isinstance(m, AIMessage) for c in m.tool_calls]
        refused = [m.additional_kwargs["refused_call"] for m in turn
                   if isinstance(m, AIMessage) and m.additional_kwargs.get("refused_call")]
        pending = self.pending(thread_id)
        answers = [m.text for m in turn if isinstance(m, AIMessage) and not m.tool_calls and m.text]
        answer = approval_note(pending, lang) if pending else (answers[-1] if answers else "")
        return ChatResult(answer=answer, thread_id=thread_id, tool_calls=calls,
                          citations=citations(turn, answer), pending_actions=pending,
                          refused_calls=refused)


def _config(thread_id: str) -> dict:
    return {"configurable": {"thread_id": thread_id}}


def chat(message: str, thread_id: str | None = None, settings: Settings | None = None,
         stream: bool = False) -> ChatResult | Iterator[dict[str, Any]]:
    """One turn on a thread (a new thread when none is given); ``stream=True`` yields events instead."""
    settings = settings or get_settings()
    thread_id = thread_id or uuid.uuid4().hex
    if stream:
        return chat_stream(message, thread_id, settings)
    with Agent(settings) as agent:
        return agent.chat(message, thread_id)


def chat_stream(message: str, thread_id: str, settings: Settings | None = None) -> Iterator[dict[str, Any]]:
    """The streaming variant of chat(): token, tool_call, tool_result, pending and done events."""
    with Agent(settings or get_settings()) as agent:
        yield from agent.stream(message, thread_id)


def decide(thread_id: str, approve: bool, settings: Settings | None = None, note: str | None = None) -> ChatResult:
    """Approve or reject the writes awaiting approval on a thread."""
    with Agent(settings or get_settings()) as agent:
        return agent.decide(thread_id, approve, note)
