"""The approval queue: list and show messages with their drafts; approve, edit, reject; settle uncertain sends.

Every id here is the buyer message's id (one reply per message). Moves:
queued -> approved | rejected; held or queued -> edited (checked again: queued
or held); an approved reply not yet taken by the outbox may be edited or
rejected too. Nothing here sends: ``sending.send_approved`` does.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.errors import Conflict, NotFound
from claimpilot.tools.buyers import outbox
from claimpilot.tools.buyers.compliance import check_reply
from claimpilot.tools.buyers.facts import from_context
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.models import BuyerMessage, BuyerReply
from claimpilot.tools.buyers.translate import summary_zh
from claimpilot.vocabulary import BuyerFlag, BuyerIntent, label


class MessageNotFound(NotFound):
    """No such buyer message in this seller account."""

    public = "no such buyer message in this seller account"


class QueueError(Conflict):
    """The reply's state does not allow this move."""


EDITABLE = ("held", "queued", "approved")


def _intent_label(intent: str, lang: str) -> str:
    try:
        return label(BuyerIntent(intent), lang)
    except ValueError:
        return intent
STATUSES = ("held", "queued", "approved", "rejected", "reserved", "transmitting", "sent", "uncertain", "failed")


def _flags(m: BuyerMessage) -> list[dict[str, Any]]:
    """Each flag with its stable code, its Chinese and English name and the buyer's words that raised it."""
    out: list[dict[str, Any]] = []
    for f in json.loads(m.flags or "[]"):
        member = BuyerFlag(f["code"])
        out.append({"code": f["code"], "zh": label(member, "zh"), "en": label(member, "en"),
                    "evidence": f.get("evidence", "")})
    return out


def _row(m: BuyerMessage, full: bool = False) -> dict[str, Any]:
    r = m.reply
    out: dict[str, Any] = {"id": m.id, "order_id": m.order_id, "buyer": m.buyer_name, "relay_address": m.relay_address,
           "subject": m.subject, "language": m.language, "intent": m.intent,
           "intent_zh": _intent_label(m.intent, "zh"), "intent_confidence": m.intent_confidence,
           "suspicious": m.suspicious, "flags": _flags(m), "angry": bool(m.angry),
           "received_at": m.received_at.isoformat() if m.received_at else None,
           "status": r.status if r else "undrafted", "confidence": r.confidence if r else None,
           "reason": r.status_reason if r else ""}
    if full:
        out["message"] = m.body
        out["translation_zh"] = m.translation_zh
        out["attachments"] = json.loads(m.attachments or "[]")
        context = json.loads(r.context or "{}") if r is not None else {}
        out["summary_zh"] = summary_zh(m.intent, m.language, from_context(context), out["flags"], bool(m.angry))
        if r is not None:
            out["reply"] = {"subject": r.subject, "body": r.body, "drafted_by": r.drafted_by,
                            "compliance_ok": r.compliance_ok, "compliance_issues": json.loads(r.compliance_issues),
                            "auto": r.auto, "to": r.to_address, "from": r.from_address,
                            "message_id": r.outbox_message_id, "attempts": r.attempts, "last_error": r.last_error,
                            "decided_by": r.decided_by, "sent_at": r.sent_at.isoformat() if r.sent_at else None,
                            "note_zh": r.note_zh or "", "seller_text": r.seller_text, "context": context}
    else:
        out["excerpt"] = m.body[:120]
    return out


def list_messages(settings: Settings, status: str | None = None, order_id: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The seller's messages, newest first, with their reply status."""
    with session_factory(settings, read_only=True)() as db:
        q = select(BuyerMessage).outerjoin(BuyerReply).where(BuyerMessage.seller_id == settings.seller_id)
        if status:
            q = q.where(BuyerReply.status == status)
        if order_id:
            q = q.where(BuyerMessage.order_id == order_id)
        rows = db.scalars(q.order_by(BuyerMessage.id.desc()).limit(limit).offset(offset)).all()
        return [_row(m) for m in rows]


def threads(settings: Settings, limit: int = 50) -> list[dict[str, Any]]:
    """Messages grouped by order id (or by relay address where no order is named), latest thread first."""
    with session_factory(settings, read_only=True)() as db:
        key = func.coalesce(BuyerMessage.order_id, BuyerMessage.relay_address)
        rows = db.execute(select(key.label("thread"), func.count(BuyerMessage.id), func.max(BuyerMessage.id))
                          .where(BuyerMessage.seller_id == settings.seller_id)
                          .group_by(key).order_by(func.max(BuyerMessage.id).desc()).limit(limit)).all()
    return [{"thread": t, "messages": n, "latest_id": latest} for t, n, latest in rows]


def _load(db: Session, settings: Settings, message_id: int) -> BuyerMessage:
    m = db.get(BuyerMessage, message_id)
    if m is None or m.seller_id != settings.seller_id:
        raise MessageNotFound(f"no buyer message {message_id} in this seller account")
    return m


def get_message(settings: Settings, message_id: int) -> dict[str, Any]:
    with session_factory(settings, read_only=True)() as db:
        return _row(_load(db, settings, message_id), full=True)


def _reply(m: BuyerMessage) -> BuyerReply:
    if m.reply is None:
        raise QueueError(f"message {m.id} has no draft yet")
    return m.reply


def _reply_for_update(db: Session, m: BuyerMessage) -> BuyerReply:
    """The reply, row-locked and re-read, so that a decision never overwrites the outbox's own move."""
    r = db.scalars(select(BuyerReply).where(BuyerReply.message_id == m.id).with_for_update()
                   .execution_options(populate_existing=True)).one_or_none()
    if r is None:
        raise QueueError(f"message {m.id} has no draft yet")
    return r


def approve(settings: Settings, message_id: int, by: str) -> dict[str, Any]:
    """A queued draft may leave (the outbox sends it)."""
    with session_factory(settings).begin() as db:
        r = _reply_for_update(db, _load(db, settings, message_id))
        if r.status != "queued":
            why = "; ".join(json.loads(r.compliance_issues)) if r.status == "held" else ""
            raise QueueError(f"message {message_id}: a {r.status} reply cannot be approved"
                             + (f" ({why})" if why else ""))
        r.status, r.status_reason, r.decided_by = "approved", f"approved by {by}", by[:120]
        r.decided_at = clock.now_utc()
    return get_message(settings, message_id)


def _in_buyers_language(settings: Settings, body: str, language: str, order_id: str | None) -> tuple[str, str | None]:
    """(the text to send, the seller's own Chinese words or None): a reply the seller wrote in Chinese to a buyer
    who wrote in another language goes out translated by the configured model; without one it is refused."""
    if language == "zh" or detect(body).code != "zh":
        return body, None
    if not settings.llm.configured:
        raise QueueError("回复是中文，但买家用的是其他语言；未配置模型，无法翻译。请用买家的语言写回复。"
                         " (the reply is in Chinese, the buyer wrote in another language and no model is configured "
                         "to translate it)")
    from claimpilot.tools.buyers.translate import to_buyer

    try:
        return to_buyer(settings, body, language, order_id), body
    except Exception as exc:  # noqa: BLE001 - said to the person as it is
        raise QueueError(f"the model could not translate the reply: {type(exc).__name__}") from None


def edit(settings: Settings, message_id: int, body: str, by: str) -> dict[str, Any]:
    """Replace the draft's text; it is checked again and waits for approval (or is held). A reply written in
    Chinese to a foreign buyer is translated into the buyer's language first (with a model configured)."""
    with session_factory(settings, read_only=True)() as db:
        m = _load(db, settings, message_id)
        language, order_id = m.language, m.order_id
    body, seller_text = _in_buyers_language(settings, body, language, order_id)
    with session_factory(settings).begin() as db:
        m = _load(db, settings, message_id)
        r = _reply_for_update(db, m)
        if r.status not in EDITABLE:
            raise QueueError(f"message {message_id}: a {r.status} reply cannot be edited")
        verdict = check_reply(body, order_id=m.order_id, language=m.language, settings=settings)
        r.body, r.drafted_by, r.compliance_ok, r.seller_text = body, "person", verdict.ok, seller_text
        r.note_zh = ""
        r.compliance_issues = json.dumps(verdict.issues, ensure_ascii=False)
        r.status = "queued" if verdict.ok else "held"
        r.status_reason = (f"edited by {by}" if verdict.ok else "; ".join(verdict.issues))[:500]
        r.auto, r.decided_by = False, by[:120]
    return get_message(settings, message_id)


def reject(settings: Settings, message_id: int, by: str, reason: str = "") -> dict[str, Any]:
    """The draft will never be sent."""
    with session_factory(settings).begin() as db:
        r = _reply_for_update(db, _load(db, settings, message_id))
        if r.status not in EDITABLE:
            raise QueueError(f"message {message_id}: a {r.status} reply cannot be rejected")
        r.status, r.status_reason, r.decided_by = "rejected", (reason or f"rejected by {by}")[:500], by[:120]
        r.decided_at = clock.now_utc()
    return get_message(settings, message_id)


def resolve(settings: Settings, message_id: int, delivered: bool, by: str) -> dict[str, Any]:
    """Settle an uncertain send: it was delivered (sent), or it was not (approved, to be sent again)."""
    with session_factory(settings, read_only=True)() as db:
        r = _reply(_load(db, settings, message_id))
        reply_id, status = r.id, r.status
    if status != outbox.UNCERTAIN or not outbox.resolve_uncertain(settings, reply_id, delivered, by):
        raise QueueError(f"message {message_id}: only an uncertain send can be resolved (it is {status})")
    return get_message(settings, message_id)


def reply_ids(settings: Settings, message_ids: list[int]) -> list[int]:
    with session_factory(settings, read_only=True)() as db:
        return list(db.scalars(select(BuyerReply.id).where(BuyerReply.seller_id == settings.seller_id,
                                                           BuyerReply.message_id.in_(message_ids))).all())


def message_ids(settings: Settings, reply_ids_: list[int]) -> list[int]:
    """The messages the given replies answer, in the same order."""
    if not reply_ids_:
        return []
    with session_factory(settings, read_only=True)() as db:
        found = dict(db.execute(select(BuyerReply.id, BuyerReply.message_id)
                                .where(BuyerReply.id.in_(reply_ids_))).all())
    return [found[r] for r in reply_ids_ if r in found]
