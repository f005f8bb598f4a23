"""A buyer message in: stored once, read (language, intent, suspicion), and given its reply draft.

Storing is idempotent: the key of the message's source (IMAP account, mailbox,
UIDVALIDITY and UID; or the caller's id) and its RFC Message-ID are unique per
seller, so a message seen twice is stored once. The draft is made after the
message is committed; a message left without one (a crash in between) is
drafted by ``draft_missing``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.tools.buyers import relay
from claimpilot.tools.buyers.compliance import check_reply
from claimpilot.tools.buyers.decide import initial_status
from claimpilot.tools.buyers.drafting import Request, draft_reply
from claimpilot.tools.buyers.intent import IntentGuess, classify_many
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.mime import ParsedMail, parse_mail
from claimpilot.tools.buyers.models import BuyerMessage, BuyerReply
from claimpilot.tools.buyers.order_context import order_context
from claimpilot.tools.buyers.safety import flags_for
from claimpilot.tools.buyers.tasks import raise_task
from claimpilot.tools.buyers.tone import is_angry


@dataclass
class Incoming:
    """A buyer message from any source, before it is stored."""

    source: str
    source_key: str
    relay_address: str
    body: str
    subject: str = ""
    buyer_name: str = ""
    order_id: str | None = None
    rfc_message_id: str | None = None
    received_at: datetime | None = None
    attachments: list[dict[str, object]] | None = None


@dataclass
class IngestResult:
    message_id: int | None
    created: bool
    skipped: str = ""


def from_mail(parsed: ParsedMail, source_key: str) -> Incoming:
    words = relay.buyer_words(parsed.text)
    return Incoming(source="imap", source_key=source_key, relay_address=parsed.from_address, body=words,
                    subject=parsed.subject, buyer_name=relay.buyer_name(parsed.from_name),
                    order_id=relay.find_order_id(parsed.subject, parsed.text), rfc_message_id=parsed.message_id,
                    received_at=parsed.date, attachments=parsed.attachments)


def mail_to_incoming(raw: bytes, source_key: str) -> Incoming | str:
    """A relay e-mail as an Incoming message, or the reason it is not one (raises MailError if unreadable)."""
    parsed = parse_mail(raw)
    if not relay.is_relay_address(parsed.from_address):
        return f"not from Amazon's buyer relay: {parsed.from_address}"
    return from_mail(parsed, source_key)


def ingest_mail(settings: Settings, raw: bytes, source_key: str) -> IngestResult:
    """A relay e-mail: parsed, checked to come from Amazon's relay, stored, drafted."""
    msg = mail_to_incoming(raw, source_key)
    return IngestResult(None, False, msg) if isinstance(msg, str) else ingest(settings, msg)


def api_source_key(relay_address: str, body: str, external_id: str | None) -> str:
    """The key of a message posted through the API: the caller's id, else a hash of sender and text."""
    if external_id:
        return f"api:{external_id}"[:300]
    return "api:sha256:" + hashlib.sha256(f"{relay_address}\n{body}".encode()).hexdigest()


def ingest(settings: Settings, msg: Incoming) -> IngestResult:
    """Store ``msg`` unless it is known already; draft its reply. Returns the stored message's id."""
    return ingest_many(settings, [msg])[0]


def _known(settings: Settings, msg: Incoming) -> int | None:
    with session_factory(settings)() as db:
        same = [BuyerMessage.source_key == msg.source_key[:300]]
        if msg.rfc_message_id:
            same.append(BuyerMessage.rfc_message_id == msg.rfc_message_id[:300])
        return db.scalar(select(BuyerMessage.id).where(BuyerMessage.seller_id == settings.seller_id, or_(*same)))


def ingest_many(settings: Settings, msgs: list[Incoming]) -> list[IngestResult]:
    """Store each new message (intents classified in one batch), then draft each; results in input order."""
    results: list[IngestResult | None] = [None] * len(msgs)
    fresh = []
    for i, msg in enumerate(msgs):
        if not msg.body.strip():
            results[i] = IngestResult(None, False, "the message has no text")
        elif (found := _known(settings, msg)) is not None:
            results[i] = IngestResult(found, False)
        else:
            fresh.append(i)
    guesses = classify_many([msgs[i].body for i in fresh]) if fresh else []
    for i, guess in zip(fresh, guesses, strict=True):
        results[i] = _store(settings, msgs[i], guess)
    for r in results:
        if r is not None and r.created:
            assert r.message_id is not None  # a stored message has its id
            draft_for(settings, r.message_id)
    return cast(list[IngestResult], results)  # every message has its result now


def _store(settings: Settings, msg: Incoming, guess: IntentGuess) -> IngestResult:
    seller = settings.seller_id
    Session = session_factory(settings)
    lang = detect(msg.body)
    flags = [f.to_dict() for f in flags_for(msg.body)]
    row = BuyerMessage(seller_id=seller, source=msg.source, source_key=msg.source_key[:300],
                       rfc_message_id=(msg.rfc_message_id or None) and msg.rfc_message_id[:300],
                       order_id=msg.order_id or relay.find_order_id(msg.subject, msg.body),
                       relay_address=msg.relay_address.lower()[:254], buyer_name=msg.buyer_name[:200],
                       subject=msg.subject[:500], body=msg.body, attachments=json.dumps(msg.attachments or []),
                       language=lang.code, language_confidence=lang.confidence, intent=guess.intent,
                       intent_confidence=guess.confidence, suspicious=bool(flags),
                       flags=json.dumps([{"code": f["code"], "evidence": f["evidence"]} for f in flags],
                                        ensure_ascii=False),
                       angry=is_angry(msg.body), translation_zh=_translation(settings, msg.body, lang.code),
                       received_at=msg.received_at or clock.now_utc())
    try:
        with Session.begin() as db:
            db.add(row)
            db.flush()
            return IngestResult(row.id, True)
    except IntegrityError:  # stored meanwhile (a concurrent poll, or the same message twice in one batch)
        return IngestResult(_known(settings, msg), False)


def _translation(settings: Settings, body: str, language: str) -> str | None:
    """The buyer's words in Chinese for the seller, when a model is configured (None without one or on failure)."""
    if language == "zh" or not settings.llm.configured:
        return None
    from claimpilot.tools.buyers.translate import to_chinese

    try:
        return to_chinese(settings, body)
    except Exception:  # noqa: BLE001 - the message is stored and drafted all the same
        return None


def draft_for(settings: Settings, message_id: int) -> None:
    """Make the message's reply draft (once), check it, and queue, hold or auto-approve it."""
    Session = session_factory(settings)
    with Session() as db:
        m = db.get(BuyerMessage, message_id)
        if m is None or m.reply is not None:
            return
        m_data = {c.key: getattr(m, c.key) for c in BuyerMessage.__table__.columns}
    context = order_context(settings, m_data["order_id"])
    certainty = m_data["intent_confidence"] * m_data["language_confidence"]
    codes = tuple(f["code"] for f in json.loads(m_data["flags"] or "[]"))
    request = Request(intent=m_data["intent"], lang=m_data["language"], order_id=m_data["order_id"],
                      name=m_data["buyer_name"], message=m_data["body"], context=context, certainty=certainty,
                      subject=m_data["subject"], angry=bool(m_data["angry"]), flags=codes)
    tasks: list[str] = []
    hold = note_zh = ""
    try:
        draft = draft_reply(settings, request)
        body, subject, by, confidence = draft.body, draft.subject, draft.drafted_by, draft.confidence
        tasks, hold, note_zh = draft.tasks, draft.hold, draft.note_zh
        context["situation"] = draft.situation
    except Exception as exc:  # noqa: BLE001 - an unreachable model leaves a held, empty draft
        body, subject, by, confidence = "", f"Re: {m_data['subject']}", "llm", 0.0
        context["draft_error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    verdict = check_reply(body, order_id=m_data["order_id"], language=m_data["language"], settings=settings)
    status, reason, auto = initial_status(settings, m_data, verdict, confidence, hold=hold)
    reply = BuyerReply(message_id=message_id, seller_id=m_data["seller_id"], order_id=m_data["order_id"],
                       language=m_data["language"], intent=m_data["intent"], subject=subject[:500], body=body,
                       confidence=confidence, drafted_by=by, context=json.dumps(context, default=str),
                       compliance_ok=verdict.ok, compliance_issues=json.dumps(verdict.issues, ensure_ascii=False),
                       note_zh=note_zh,
                       status=status, status_reason=reason[:500], auto=auto, to_address=m_data["relay_address"],
                       from_address=settings.buyers.smtp.from_address,
                       decided_by="auto" if auto else "", decided_at=clock.now_utc() if auto else None)
    try:
        with Session.begin() as db:
            db.add(reply)
    except IntegrityError:
        return  # drafted meanwhile by another worker
    for kind in tasks:
        raise_task(settings, message_id, m_data["order_id"], kind,
                   {k: context.get(k) for k in ("situation",)} | {"tracking": context.get("tracking")})


def draft_missing(settings: Settings) -> int:
    """Draft every stored message of the seller that has no reply yet; returns how many."""
    Session = session_factory(settings)
    with Session() as db:
        ids = db.scalars(select(BuyerMessage.id).outerjoin(BuyerReply).where(
            BuyerMessage.seller_id == settings.seller_id, BuyerReply.id.is_(None))).all()
    for mid in ids:
        draft_for(settings, mid)
    return len(ids)
