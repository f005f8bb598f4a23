"""The offline router as a LangChain chat model, so it runs in the same graph as a real model.

On the person's message it emits a tool call (or a plain answer); on the tool's
result it renders the answer from templates. It never reads tool output as a
request: only the person's message decides which tool runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

from claimpilot.agent.router.entities import extract
from claimpilot.agent.router.language import detect_language
from claimpilot.agent.router.render import render, render_tool
from claimpilot.agent.router.route import Route, Router, ToolSpec


class RouterChatModel(BaseChatModel):
    """A chat model with no language model behind it: embeddings + patterns + templates."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    specs: list[ToolSpec] = Field(default_factory=list)

    @classmethod
    def for_settings(cls, settings: Any = None) -> RouterChatModel:
        return cls()

    @property
    def _llm_type(self) -> str:
        return "claimpilot-offline-router"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> RouterChatModel:
        specs = []
        for t in tools:
            fn = convert_to_openai_tool(t)["function"]
            params = fn.get("parameters", {})
            specs.append(ToolSpec(fn["name"], tuple(params.get("properties", {})), tuple(params.get("required", []))))
        return self.model_copy(update={"specs": specs})

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.respond(messages))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        message = self.respond(messages)
        if message.tool_calls:
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[
                {"name": c["name"], "args": _json(c["args"]), "id": c["id"], "index": i}
                for i, c in enumerate(message.tool_calls)]))
            return
        for line in message.content.splitlines(keepends=True):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=line))
            if run_manager:
                run_manager.on_llm_new_token(line, chunk=chunk)
            yield chunk

    # --- the router's turn ---------------------------------------------------
    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        asked = next((m for m in reversed(messages) if isinstance(m, HumanMessage)), None)
        text = asked.text if asked else ""
        lang = detect_language(text)
        if isinstance(messages[-1], ToolMessage):
            return AIMessage(content=self._render_results(messages, lang))
        route = Router(self.specs).route(text, remembered=_remembered(messages[:-1]))
        if route.kind == "tool":
            call = {"name": route.tool, "args": route.args, "id": f"call_{uuid.uuid4().hex[:12]}"}
            return AIMessage(content="", tool_calls=[call])
        return AIMessage(content=_plain(route, [s.name for s in self.specs]))

    def _render_results(self, messages: list[BaseMessage], lang: str) -> str:
        results = []
        for m in reversed(messages):
            if not isinstance(m, ToolMessage):
                break
            results.append(m)
        parts = []
        for m in reversed(results):
            if m.status == "error" or m.artifact is None:
                parts.append(render("_rejected", lang, tool=m.name, note=m.text))
            else:
                parts.append(render_tool(m.name, m.artifact, lang))
        return "\n\n".join(parts)


def _plain(route: Route, tools: list[str]) -> str:
    if route.kind == "missing":
        return render("_missing", route.lang, tool=route.tool, missing=route.missing)
    if route.kind == "cannot":
        return render("_cannot", route.lang, tools=tools)
    return render("_help", route.lang, tools=tools)


def _remembered(history: list[BaseMessage]) -> dict[str, Any]:
    """Ids the person gave earlier in the conversation (the most recent wins)."""
    found: dict[str, Any] = {}
    for m in history:
        if isinstance(m, HumanMessage):
            found.update({k: v for k, v in extract(m.text).items() if k in ("claim_id", "case_id", "fnsku",
                          "order_id", "asin", "shipment_id", "tracking_number")})
        elif isinstance(m, AIMessage):
            for call in m.tool_calls:
                found.update({k: v for k, v in call["args"].items() if k in ("claim_id", "case_id")})
    return found


def _json(args: dict) -> str:
    import json

    return json.dumps(args, ensure_ascii=False)
