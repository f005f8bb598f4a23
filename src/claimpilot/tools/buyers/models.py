"""Buyer messages in the operational store: inbound messages, reply drafts with their outbox state, mail cursors."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimpilot import clock
from claimpilot.db.base import Base


class BuyerMessage(Base):
    """One message from a buyer, stored once per seller whatever the number of times it is seen."""

    __tablename__ = "buyer_messages"
    __table_args__ = (
        UniqueConstraint("seller_id", "source_key"),
        UniqueConstraint("seller_id", "rfc_message_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(16))  # imap | api
    source_key: Mapped[str] = mapped_column(String(300))
    rfc_message_id: Mapped[str | None] = mapped_column(String(300), nullable=True)
    order_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    relay_address: Mapped[str] = mapped_column(String(254))
    buyer_name: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {name, type, size}
    language: Mapped[str] = mapped_column(String(8))
    language_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    intent: Mapped[str] = mapped_column(String(32))
    intent_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    suspicious: Mapped[bool] = mapped_column(Boolean, default=False)  # any flag raised
    flags: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {code, evidence} (safety.Flag)
    angry: Mapped[bool] = mapped_column(Boolean, default=False)
    translation_zh: Mapped[str | None] = mapped_column(Text, nullable=True)  # by the configured model, if any
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    reply: Mapped[BuyerReply | None] = relationship(back_populates="message", uselist=False)


class BuyerReply(Base):
    """The reply to one buyer message: the draft, its compliance verdict, the decision and the outbox state.

    ``status``: held (failed compliance), queued (waits for a person), approved,
    rejected, reserved, transmitting, sent, uncertain, failed (see ``outbox``).
    """

    __tablename__ = "buyer_replies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("buyer_messages.id", ondelete="CASCADE"), unique=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    order_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    language: Mapped[str] = mapped_column(String(8))
    intent: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    drafted_by: Mapped[str] = mapped_column(String(16))  # template | llm | person
    seller_text: Mapped[str | None] = mapped_column(Text, nullable=True)  # the seller's own words, if translated
    note_zh: Mapped[str] = mapped_column(Text, default="")  # what the seller must add before it may leave
    context: Mapped[str] = mapped_column(Text, default="{}")  # JSON: order, items, tracking
    compliance_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    compliance_issues: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of reasons
    status: Mapped[str] = mapped_column(String(16), index=True)
    status_reason: Mapped[str] = mapped_column(String(500), default="")
    auto: Mapped[bool] = mapped_column(Boolean, default=False)
    to_address: Mapped[str] = mapped_column(String(254))
    from_address: Mapped[str | None] = mapped_column(String(254), nullable=True)
    outbox_message_id: Mapped[str | None] = mapped_column(String(300), nullable=True, unique=True)
    reservation: Mapped[str | None] = mapped_column(String(64), nullable=True)
    reserved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    decided_by: Mapped[str] = mapped_column(String(120), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc, onupdate=clock.now_utc)

    message: Mapped[BuyerMessage] = relationship(back_populates="reply")


class BuyerTask(Base):
    """A follow-up the seller owes a buyer: check with the carrier, find a return, upload an invoice, answer a
    product question. Raised once per message and kind; open until a person marks it done."""

    __tablename__ = "buyer_tasks"
    __table_args__ = (UniqueConstraint("message_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("buyer_messages.id", ondelete="CASCADE"), index=True)
    order_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: the facts behind it (carrier, last scan, ...)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)  # open | done
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_by: Mapped[str] = mapped_column(String(120), default="")
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)


class MailCursor(Base):
    """How far a mailbox has been read: the highest UID seen under one UIDVALIDITY."""

    __tablename__ = "buyer_mail_cursors"
    __table_args__ = (UniqueConstraint("seller_id", "account", "mailbox"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64))
    account: Mapped[str] = mapped_column(String(300))
    mailbox: Mapped[str] = mapped_column(String(200))
    uid_validity: Mapped[int] = mapped_column(BigInteger, default=0)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
