"""Buyer messages of one seller, in one place: intake (IMAP, API), the queue, the outbox.

    svc = BuyerService(settings)
    svc.poll()                          # relay e-mails in, drafts made
    svc.add_message(relay_address=..., body=...)   # any other source
    svc.list(status="queued"); svc.show(3)
    svc.approve(3, by="anna"); svc.edit(3, "...", by="anna"); svc.reject(3, by="anna")
    svc.send()                          # approved replies out, each exactly once
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from claimpilot.config import Settings
from claimpilot.db import ensure_schema
from claimpilot.tools.buyers import queue
from claimpilot.tools.buyers.intake import Incoming, IngestResult, api_source_key, draft_missing, ingest, ingest_mail
from claimpilot.tools.buyers.relay import find_order_id, is_relay_address

if TYPE_CHECKING:
    from claimpilot.tools.buyers.imap_intake import PollResult
    from claimpilot.tools.buyers.sending import SendReport, SmtpFactory


class BuyerService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        ensure_schema(settings)

    # intake ------------------------------------------------------------------
    def poll(self, limit: int = 500) -> PollResult:
        from claimpilot.tools.buyers.imap_intake import poll

        result = poll(self.settings, limit)
        draft_missing(self.settings)
        return result

    def add_message(self, *, relay_address: str, body: str, subject: str = "", order_id: str | None = None,
                    buyer_name: str = "", external_id: str | None = None) -> IngestResult:
        """A buyer message from a source other than the mailbox (the API)."""
        if not is_relay_address(relay_address):
            raise ValueError(f"not an Amazon buyer relay address: {relay_address!r} "
                             "(expected like xxxxx@marketplace.amazon.com)")
        if order_id and find_order_id(order_id) != order_id:
            raise ValueError(f"not an Amazon order id (3-7-7 digits): {order_id!r}")
        msg = Incoming(source="api", source_key=api_source_key(relay_address, body, external_id),
                       relay_address=relay_address, body=body.strip(), subject=subject, buyer_name=buyer_name,
                       order_id=order_id or find_order_id(subject, body))
        return ingest(self.settings, msg)

    def add_mail(self, raw: bytes, key: str) -> IngestResult:
        return ingest_mail(self.settings, raw, key)

    # queue -------------------------------------------------------------------
    def list(self, status: str | None = None, order_id: str | None = None, limit: int = 50,
             offset: int = 0) -> builtins.list[dict[str, Any]]:
        return queue.list_messages(self.settings, status, order_id, limit, offset)

    def threads(self, limit: int = 50) -> builtins.list[dict[str, Any]]:
        return queue.threads(self.settings, limit)

    def show(self, message_id: int) -> dict[str, Any]:
        from claimpilot.tools.buyers.tasks import list_tasks

        row = queue.get_message(self.settings, message_id)
        row["tasks"] = list_tasks(self.settings, status=None, message_id=message_id)
        return row

    def approve(self, message_id: int, by: str) -> dict[str, Any]:
        return queue.approve(self.settings, message_id, by)

    def edit(self, message_id: int, body: str, by: str) -> dict[str, Any]:
        return queue.edit(self.settings, message_id, body, by)

    def reject(self, message_id: int, by: str, reason: str = "") -> dict[str, Any]:
        return queue.reject(self.settings, message_id, by, reason)

    def resolve(self, message_id: int, delivered: bool, by: str) -> dict[str, Any]:
        return queue.resolve(self.settings, message_id, delivered, by)

    # outbox ------------------------------------------------------------------
    def send(self, message_ids: builtins.list[int] | None = None, factory: SmtpFactory | None = None) -> SendReport:
        """Send approved replies (all, or those of the given messages); uncertain ones are checked in Sent."""
        from claimpilot.tools.buyers.sending import send_approved

        only = queue.reply_ids(self.settings, message_ids) if message_ids is not None else None
        report = send_approved(self.settings, factory=factory, only=only)
        self.settle_from_sent_mailbox()
        for name in ("sent", "retry_later", "failed", "uncertain"):  # reported by message id, as everywhere
            setattr(report, name, queue.message_ids(self.settings, getattr(report, name)))
        return report

    def settle_from_sent_mailbox(self) -> builtins.list[int]:
        """Uncertain replies whose Message-ID is in the seller's Sent mailbox are sent; returns their message ids."""
        from claimpilot.tools.buyers.imap_intake import find_sent_copy

        if not self.settings.buyers.imap.sent_mailbox:
            return []
        settled: builtins.list[int] = []
        for row in queue.list_messages(self.settings, status="uncertain", limit=500):
            full = queue.get_message(self.settings, row["id"])
            mid = full["reply"]["message_id"]
            if mid and find_sent_copy(self.settings, mid):
                queue.resolve(self.settings, row["id"], True, "sent mailbox")
                settled.append(row["id"])
        return settled


def scheduled_run(settings: Settings) -> dict[str, object]:
    """The scheduled buyer job: poll the mailbox, then send what is approved (auto-send), for its owner only."""
    cfg = settings.buyers
    if not cfg.imap.host:
        return {"skipped": "no mailbox configured (buyers.imap)"}
    if settings.seller_id != cfg.seller_id:
        return {"skipped": f"the mailbox belongs to seller account {cfg.seller_id!r}"}
    svc = BuyerService(settings)
    polled = svc.poll()
    out: dict[str, object] = {"seen": polled.seen, "stored": len(polled.stored), "duplicates": polled.duplicates,
           "skipped": polled.skipped[:20]}
    if cfg.smtp.host and cfg.smtp.from_address:
        sent = svc.send()
        out.update(sent=len(sent.sent), retry_later=len(sent.retry_later), failed=len(sent.failed),
                   uncertain=len(sent.uncertain))
    return out
