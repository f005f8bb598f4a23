"""Chat with the agent: answers stream as server-sent events; writes wait for an approver.

A conversation belongs to one seller account: the thread id the client sees
is stored as ``<seller>.<thread>``, so a member of another seller account can
never reach it, whatever id they send; within the account, an approver can
decide on the writes an operator's question left pending. A "yes" typed into
the chat approves like the decision route, so it too needs the approver role.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from claimpilot.accounts.roles import allows
from claimpilot.server.answers.chat import Thread, Turn
from claimpilot.server.deps import DbDep, SellerAccess, SellerApprover, SellerContext, SellerOperator, SettingsDep
from claimpilot.server.home_node import READS_WAREHOUSE
from claimpilot.server.problems import Problem
from claimpilot.server.schemas import ChatRequest, DecisionRequest
from claimpilot.server.seller_settings import with_own_settings
from claimpilot.server.sse import SSE_HEADERS, frame

log = logging.getLogger("claimpilot.server.chat")
router = APIRouter(prefix="/chat", tags=["chat"])
ThreadId = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


def stored_thread(ctx: SellerContext, thread_id: str) -> str:
    return f"{ctx.seller_id}.{thread_id}"


def _result_out(result, thread_id: str) -> dict:
    out = result.to_dict()
    out["thread_id"] = thread_id
    return out


def _refuse_typed_approval(ctx: SellerContext, message: str, thread_id: str) -> None:
    from claimpilot.agent import Agent
    from claimpilot.agent.turn import verdict

    if verdict(message) is not True:
        return
    with Agent(ctx.settings) as agent:
        if agent.pending(stored_thread(ctx, thread_id)):
            raise Problem(403, "chat_approver_only")


def _events(ctx: SellerContext, message: str, thread_id: str) -> Iterator[bytes]:
    from claimpilot.agent import chat_stream

    yield frame("thread", {"thread_id": thread_id})
    try:
        for event in chat_stream(message, stored_thread(ctx, thread_id), ctx.settings):
            kind = event["type"]
            if kind == "token":
                yield frame("token", {"text": event["text"]})
            elif kind == "tool_call":
                yield frame("tool_call", {"name": event["name"], "args": event["args"]})
            elif kind == "tool_result":
                yield frame("tool_result", {"name": event["name"]})
            elif kind == "pending":
                yield frame("pending", {"actions": [asdict(a) for a in event["actions"]]})
            elif kind == "done":
                yield frame("done", _result_out(event["result"], thread_id))
    except Exception:
        log.exception("chat failed for seller %s", ctx.seller_id)
        yield frame("error", {"detail": "the assistant failed to answer; the server log has the details"})


@router.post("", dependencies=[READS_WAREHOUSE], response_class=StreamingResponse, responses={200: {
    "description": "server-sent events: thread, token, tool_call, tool_result, pending, done (or error)",
    "content": {"text/event-stream": {"schema": {"type": "string"}}}}})
def chat(body: ChatRequest, request: Request, ctx: SellerOperator, base: SettingsDep, db: DbDep) -> StreamingResponse:
    """Ask the assistant; the answer streams in as server-sent events."""
    ctx = with_own_settings(request, ctx, base, db)  # its tools fetch with the seller's own credentials
    thread_id = body.thread_id or uuid.uuid4().hex
    if body.thread_id and not allows(ctx.role, "approver"):
        _refuse_typed_approval(ctx, body.message, thread_id)
    return StreamingResponse(_events(ctx, body.message, thread_id), media_type="text/event-stream",
                             headers=SSE_HEADERS)


@router.get("/{thread_id}")
async def thread(thread_id: ThreadId, ctx: SellerAccess) -> Thread:
    """A conversation's messages and the writes awaiting approval."""
    from claimpilot.agent import Agent

    def read() -> dict:
        with Agent(ctx.settings) as agent:
            stored = stored_thread(ctx, thread_id)
            return {"thread_id": thread_id, "messages": agent.history(stored),
                    "pending_actions": [asdict(a) for a in agent.pending(stored)]}

    return Thread.model_validate(await run_in_threadpool(read))


@router.post("/{thread_id}/decision", dependencies=[READS_WAREHOUSE],
             responses={409: {"description": "nothing awaits approval"}})
async def decide(thread_id: ThreadId, body: DecisionRequest, request: Request, ctx: SellerApprover,
                 base: SettingsDep, db: DbDep) -> Turn:
    """Approve or reject the writes the assistant holds on this thread (approvers only)."""
    from claimpilot.agent import decide as agent_decide

    def run() -> dict:
        own = with_own_settings(request, ctx, base, db)
        try:
            result = agent_decide(stored_thread(own, thread_id), body.approve, own.settings, body.note)
        except ValueError:
            raise Problem(409, "chat_nothing_pending") from None
        return _result_out(result, thread_id)

    return Turn.model_validate(await run_in_threadpool(run))
