"""Answers of the buyer-message routes."""

from __future__ import annotations

from typing import Any

from claimpilot.server.answers.base import Answer


class BuyerMessage(Answer):
    """A buyer's message and where its reply stands (``undrafted``, held, queued, approved, sent ...)."""

    id: int
    order_id: str | None
    subject: str | None
    language: str | None
    intent: str | None
    status: str
    received_at: str | None


class BuyerMessageDetail(BuyerMessage):
    """One message in full: its text, the Chinese translation and summary, and its reply draft."""

    message: str | None
    reply: dict[str, Any] | None = None


class BuyerThread(Answer):
    thread: str | None
    messages: int
    latest_id: int


class BuyerTask(Answer):
    """A follow-up a reply promised (check with the carrier, find a return, upload an invoice ...)."""

    id: int
    message_id: int | None
    order_id: str | None
    kind: str
    zh: str
    en: str
    status: str
    due_on: str | None


class ProductSheet(Answer):
    asin: str


class SheetStored(Answer):
    stored: str


class MessageAdded(Answer):
    id: int | None
    created: bool
    skipped: Any


class Polled(Answer):
    """One mailbox poll: mails seen, the ids of the messages stored, duplicates, and why others were skipped."""

    seen: int
    stored: list[int]
    duplicates: int
    skipped: list[str]


class Sent(Answer):
    sent: Any
    retry_later: Any
    failed: Any
    uncertain: Any
    recovered: Any
