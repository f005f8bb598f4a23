"""The offline router as a LangChain chat model, so it runs in the same graph as a real model.

On the person's message it reads the request with the understanding layer (intent, slots, the
thread's subject) and emits the tool call, or a plain answer (help, a decline, what is missing).
On the tools' results it renders the answer from templates, in the person's language; after a
denial is recorded it goes on to draft the appeal that answers it, in the same turn. A write that
names a claim or case the seller does not have is never put up for approval: the answer asks which
one was meant, offering the seller's ids close to the one typed. It never
reads tool output as a request: only the person's message decides which tool runs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from langchain_core.utils.function_calling import convert_to_openai_tool
from pydantic import ConfigDict, Field

from claimpilot.agent.router.render import render, render_tool
from claimpilot.agent.understanding import understand
from claimpilot.agent.understanding.completion import completed
from claimpilot.agent.understanding.language import thread_language

WRITES = ("record_denial", "mark_case_submitted")  # the writes that name an existing claim
FIXED_FORM = ("draft_case", "draft_appeal")  # drafts whose text is the evidence in Amazon's form, not restyled


class RouterChatModel(BaseChatModel):
    """A chat model with no language model behind it: the understanding layer and templates."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    params: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    subject: dict[str, Any] = Field(default_factory=dict)
    today: date | None = None
    known: Callable[[], dict[str, list[str]]] | None = None  # the seller's claim numbers and case ids

    @classmethod
    def for_settings(cls, settings: Any = None) -> RouterChatModel:
        return cls()

    @property
    def _llm_type(self) -> str:
        return "claimpilot-offline-router"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> RouterChatModel:
        params = {}
        for t in tools:
            fn = convert_to_openai_tool(t)["function"]
            params[fn["name"]] = tuple(fn.get("parameters", {}).get("properties", {}))
        return self.model_copy(update={"params": params})

    def with_thread(self, subject: dict[str, Any], today: date | None,
                    known: Callable[[], dict[str, list[str]]] | None = None) -> RouterChatModel:
        """This model reading the thread's subject, against ``today``; ``known`` gives the seller's
        claim numbers and case ids, so that a write is never proposed for a claim that is not there."""
        return self.model_copy(update={"subject": dict(subject or {}), "today": today, "known": known})

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: Any = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=self.respond(messages))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: Any = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        message = self.respond(messages)
        if message.tool_calls:
            yield ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=[
                {"name": c["name"], "args": json.dumps(c["args"], ensure_ascii=False), "id": c["id"], "index": i}
                for i, c in enumerate(message.tool_calls)], additional_kwargs=message.additional_kwargs))
            return
        for i, line in enumerate(message.content.splitlines(keepends=True)):
            chunk = ChatGenerationChunk(message=AIMessageChunk(
                content=line, additional_kwargs=message.additional_kwargs if i == 0 else {}))
            if run_manager:
                run_manager.on_llm_new_token(line, chunk=chunk)
            yield chunk

    # --- the router's turn ---------------------------------------------------
    def respond(self, messages: list[BaseMessage]) -> AIMessage:
        start = max((i for i, m in enumerate(messages) if isinstance(m, HumanMessage)), default=-1)
        text = messages[start].text if start >= 0 else ""
        lang = thread_language([m.text for m in messages[:start + 1] if isinstance(m, HumanMessage)])
        turn = messages[start + 1:]
        if turn and isinstance(messages[-1], ToolMessage):
            follow = self._follow_on(turn)
            if follow:
                return AIMessage(content="", tool_calls=[follow])
            return AIMessage(content=self._render_results(turn, lang))
        asked = _asked_for(messages[:start])
        filled = completed(text, asked) if asked else None
        if asked and filled is not None:  # "12" after "which claim?": the request asked before, with it
            return self._tool_call(asked["tool"], filled, lang)
        u = understand(text, today=self.today, subject=self.subject, tools=set(self.params))
        if u.kind == "tool":
            call = self._tool_call(u.tool, u.args, lang)
            if u.named:  # "索赔 457和463 … 先查457": both kept in the thread, to be picked from ("第二个")
                call.additional_kwargs["named_claims"] = u.named
            if u.redone and u.tool in FIXED_FORM:  # "改短一点" after a case text: said why it stays as it is
                call.additional_kwargs["redone"] = True
            if u.declined_part:  # "…还有那个listing的标题顺便帮我改改": the claim's work done, the rest declined
                call.additional_kwargs["declined_part"] = True
            return call
        if u.kind == "missing":
            return AIMessage(content=render("_missing", lang, tool=u.tool, missing=u.missing),
                             additional_kwargs={"asked_for": {"tool": u.tool, "args": u.args, "missing": u.missing,
                                                              "text": text}})
        return AIMessage(content=render(u.tool if u.tool in ("_decline", "_no_draft") else "_help", lang))

    def _tool_call(self, tool: str, understood: dict[str, Any], lang: str) -> AIMessage:
        allowed = self.params.get(tool, ())
        args = {k: v for k, v in understood.items() if k in allowed}
        unknown = self._unknown_claim(tool, args)
        if unknown is not None:  # the call understood, kept beside the answer (the thread, the scores)
            return AIMessage(content=render_tool(tool, unknown, lang, args),
                             additional_kwargs={"refused_call": {"name": tool, "args": args}})
        return AIMessage(content="", tool_calls=[_call(tool, args)])

    def _unknown_claim(self, tool: str, args: dict[str, Any]) -> dict[str, Any] | None:
        """A write naming a claim number or case id the seller does not have ("案例 1835444555 6 被拒了",
        one digit off): not proposed for approval; the answer names the seller's ids close to it."""
        if tool not in WRITES or self.known is None:
            return None
        refs = {k: str(args[k]) for k in (("claim_id",) if tool == "mark_case_submitted" else ("claim_id", "case_id"))
                if args.get(k) not in (None, "")}
        if not refs:
            return None
        known = self.known()
        missing = {k: v for k, v in refs.items() if v not in known.get(k, [])}
        if not missing:
            return None
        from claimpilot.agent.tools.suggest import for_claim

        return {"error": "no such claim", "error_type": "ClaimNotFound", "did_you_mean": for_claim(known, missing)}

    def _follow_on(self, turn: list[BaseMessage]) -> dict[str, Any] | None:
        """A denial just recorded: draft the appeal that answers its reason, in the same turn."""
        last = turn[-1]
        called = {c["name"] for m in turn if isinstance(m, AIMessage) for c in m.tool_calls}
        if (isinstance(last, ToolMessage) and last.name == "record_denial" and last.status != "error"
                and isinstance(last.artifact, dict) and last.artifact.get("status") == "denied"
                and "draft_appeal" in self.params and "draft_appeal" not in called):
            return _call("draft_appeal", {"claim_id": last.artifact["id"]})
        return None

    def _render_results(self, turn: list[BaseMessage], lang: str) -> str:
        calls = {c["id"]: c for m in turn if isinstance(m, AIMessage) for c in m.tool_calls}
        redone = any(isinstance(m, AIMessage) and m.additional_kwargs.get("redone") for m in turn)
        parts = [render("_fixed_form", lang)] if redone else []
        for m in turn:
            if not isinstance(m, ToolMessage):
                continue
            args = (calls.get(m.tool_call_id) or {}).get("args", {})
            if m.status == "error" or m.artifact is None:
                parts.append(render("_rejected", lang, tool=m.name))
            else:
                parts.append(render_tool(m.name, m.artifact, lang, args))
        if any(isinstance(m, AIMessage) and m.additional_kwargs.get("declined_part") for m in turn):
            parts.append(render("_declined_part", lang))
        return "\n\n".join(p for p in parts if p)


def _asked_for(earlier: list[BaseMessage]) -> dict[str, Any] | None:
    """What the answer just before asked the person for (a claim number, a case id), if it asked."""
    last = earlier[-1] if earlier else None
    return last.additional_kwargs.get("asked_for") if isinstance(last, AIMessage) else None


def _call(name: str, args: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}"}
