"""What a run carries (the runtime context) and what a turn returns (ChatResult, events)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from claimpilot.config import Settings


@dataclass
class AgentContext:
    """Handed to every tool through LangGraph's runtime; never stored in the checkpoint."""

    settings: Settings
    today: date | None = None  # the day requests are read against (an evaluation fixes it); else the clock's


@dataclass
class PendingAction:
    """A write the agent wants to make, waiting for the person's yes or no."""

    name: str
    args: dict[str, Any]
    description: str


@dataclass
class ChatResult:
    """One turn's outcome: the answer, the tools called, the passages cited, the writes awaiting approval."""

    answer: str
    thread_id: str
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, str]] = field(default_factory=list)
    pending_actions: list[PendingAction] = field(default_factory=list)
    refused_calls: list[dict[str, Any]] = field(default_factory=list)  # writes not proposed: no such claim

    def to_json(self) -> dict[str, Any]:
        """The CLI's one-object shape: answer, tool_calls, citations."""
        return {"answer": self.answer, "tool_calls": self.tool_calls, "citations": self.citations}

    def to_dict(self) -> dict[str, Any]:
        """Everything, for the web server."""
        d = self.to_json()
        d["thread_id"] = self.thread_id
        d["pending_actions"] = [asdict(p) for p in self.pending_actions]
        return d


def event_to_json(event: dict[str, Any]) -> dict[str, Any]:
    """A streaming event as plain JSON (for server-sent events): results and pending actions as dicts."""
    out = dict(event)
    if "result" in out:
        out["result"] = out["result"].to_dict()
    if "actions" in out:
        out["actions"] = [asdict(a) for a in out["actions"]]
    return out
