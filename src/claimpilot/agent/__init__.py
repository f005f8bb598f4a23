"""The claimpilot agent: a LangGraph tool-calling agent, or the offline router when no model is set.

    from claimpilot.agent import chat
    result = chat("列出可以索赔的案件", thread_id="t1", settings=settings)
    result.answer, result.tool_calls, result.citations, result.pending_actions

Names are loaded lazily so that importing the CLI stays quick.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Agent", "ChatResult", "chat", "chat_stream", "decide", "event_to_json"]


def __getattr__(name: str) -> Any:
    if name in ("ChatResult", "event_to_json"):
        from claimpilot.agent import state

        return getattr(state, name)
    if name in ("Agent", "chat", "chat_stream", "decide"):
        from claimpilot.agent import service

        return getattr(service, name)
    raise AttributeError(name)
