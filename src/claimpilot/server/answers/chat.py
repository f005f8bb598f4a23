"""Answers of the chat routes (the chat itself streams server-sent events)."""

from __future__ import annotations

from typing import Any

from claimpilot.server.answers.base import Answer


class PendingAction(Answer):
    """A write the assistant holds until an approver says yes or no."""

    name: str
    args: dict[str, Any]
    description: str


class Thread(Answer):
    thread_id: str
    messages: list[dict[str, Any]]
    pending_actions: list[PendingAction]


class Turn(Answer):
    """One turn's outcome: the answer, the tools called, the passages cited, the writes still held."""

    thread_id: str
    answer: str
    tool_calls: list[dict[str, Any]]
    citations: list[dict[str, Any]]
    pending_actions: list[PendingAction]
