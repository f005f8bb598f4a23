"""Polling the seller's mailbox over IMAP for Amazon's buyer relay e-mails.

UID-based: the mailbox is opened read-only (nothing is marked seen), only UIDs
above the stored cursor are fetched, and the cursor starts over when the
server's UIDVALIDITY changes. Each message is keyed by account, mailbox,
UIDVALIDITY and UID, and by its Message-ID, so a message seen twice (a crash
before the cursor moved, a reset UIDVALIDITY) is stored once.
"""

from __future__ import annotations

import imaplib
import re
import ssl
from dataclasses import dataclass, field

from sqlalchemy import select

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.netsafety import require_mailbox_owner, require_secure_or_local
from claimpilot.tools.buyers.intake import Incoming, ingest_many, mail_to_incoming
from claimpilot.tools.buyers.mime import MailError
from claimpilot.tools.buyers.models import MailCursor


class ImapError(RuntimeError):
    """The mailbox cannot be reached, logged into or read."""


@dataclass
class PollResult:
    seen: int = 0
    stored: list[int] = field(default_factory=list)
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)


def connect(settings: Settings) -> imaplib.IMAP4:
    """A logged-in IMAP connection per ``Settings.buyers.imap``."""
    cfg = settings.buyers.imap
    require_mailbox_owner(settings)
    if not cfg.host or not cfg.username or cfg.password is None:
        raise ImapError("IMAP is not configured: set CLAIMPILOT_BUYERS__IMAP__HOST, __USERNAME and __PASSWORD")
    require_secure_or_local(cfg.security, cfg.host, "IMAP")
    ctx = ssl.create_default_context()
    conn: imaplib.IMAP4
    try:
        if cfg.security == "ssl":
            conn = imaplib.IMAP4_SSL(cfg.host, cfg.port or 993, ssl_context=ctx, timeout=cfg.timeout_s)
        else:
            conn = imaplib.IMAP4(cfg.host, cfg.port or 143, timeout=cfg.timeout_s)
            if cfg.security == "starttls":
                conn.starttls(ssl_context=ctx)
        conn.login(cfg.username, cfg.password.get_secret_value())
    except (imaplib.IMAP4.error, OSError) as exc:
        raise ImapError(f"IMAP {cfg.host}: {type(exc).__name__}: {_clean(exc)}") from None
    return conn


def _clean(exc: Exception) -> str:
    return str(exc).replace("b'", "'")[:200]


def _uid_validity(conn: imaplib.IMAP4, mailbox: str) -> int:
    typ, data = conn.response("UIDVALIDITY")
    if not data or data[0] is None:
        typ, data = conn.status(_quote(mailbox), "(UIDVALIDITY)")
        m = re.search(rb"UIDVALIDITY (\d+)", data[0] or b"")
        return int(m.group(1)) if m else 0
    return int(data[0])


def _cursor(settings: Settings, account: str, mailbox: str) -> tuple[int, int]:
    with session_factory(settings)() as db:
        c = db.scalar(select(MailCursor).where(MailCursor.seller_id == settings.seller_id,
                                               MailCursor.account == account, MailCursor.mailbox == mailbox))
        return (c.uid_validity, c.last_uid) if c else (0, 0)


def _save_cursor(settings: Settings, account: str, mailbox: str, validity: int, last_uid: int) -> None:
    with session_factory(settings).begin() as db:
        c = db.scalar(select(MailCursor).where(MailCursor.seller_id == settings.seller_id,
                                               MailCursor.account == account, MailCursor.mailbox == mailbox))
        if c is None:
            c = MailCursor(seller_id=settings.seller_id, account=account, mailbox=mailbox)
            db.add(c)
        c.uid_validity, c.last_uid, c.polled_at = validity, last_uid, clock.now_utc()


def _fetch(conn: imaplib.IMAP4, uid: int) -> bytes:
    typ, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[])")
    if typ != "OK":
        raise ImapError(f"FETCH of UID {uid} failed")
    for part in data:
        if isinstance(part, tuple):
            body: bytes = part[1]
            return body
    raise ImapError(f"UID {uid} has no body")


def poll(settings: Settings, limit: int = 500) -> PollResult:
    """Fetch new messages (up to ``limit``), store the relay ones, draft their replies.

    The mailbox is read first and closed; then the messages are classified in
    one batch, stored and drafted; the cursor moves last (a crash before that
    re-reads messages that are then recognised as stored).
    """
    cfg = settings.buyers.imap
    account = f"{cfg.username}@{cfg.host}:{cfg.port or ''}"
    result = PollResult()
    incoming: list[Incoming] = []
    conn = connect(settings)
    try:
        typ, _ = conn.select(_quote(cfg.mailbox), readonly=True)
        if typ != "OK":
            raise ImapError(f"mailbox {cfg.mailbox!r} cannot be opened")
        validity = _uid_validity(conn, cfg.mailbox)
        known_validity, last_uid = _cursor(settings, account, cfg.mailbox)
        if known_validity != validity:
            last_uid = 0
        typ, data = conn.uid("SEARCH", f"UID {last_uid + 1}:*")  # no charset
        uids = sorted(u for u in (int(x) for x in (data[0] or b"").split()) if u > last_uid)[:limit]
        for uid in uids:
            result.seen += 1
            try:
                msg = mail_to_incoming(_fetch(conn, uid), f"imap:{account}:{cfg.mailbox}:{validity}:{uid}")
            except MailError as exc:
                msg = str(exc)
            if isinstance(msg, str):
                result.skipped.append(f"UID {uid}: {msg}")
            else:
                incoming.append(msg)
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
    for got in ingest_many(settings, incoming):
        if got.created:
            assert got.message_id is not None  # a stored message has its id
            result.stored.append(got.message_id)
        elif got.skipped:
            result.skipped.append(got.skipped)
        else:
            result.duplicates += 1
    _save_cursor(settings, account, cfg.mailbox, validity, uids[-1] if uids else last_uid)
    return result


def _quote(mailbox: str) -> str:
    return mailbox if re.fullmatch(r"[A-Za-z0-9._/-]+", mailbox) else '"' + mailbox.replace('"', '\\"') + '"'


def find_sent_copy(settings: Settings, message_id: str) -> bool:
    """Whether the seller's Sent mailbox (``imap.sent_mailbox``) holds a message with this Message-ID."""
    cfg = settings.buyers.imap
    if not cfg.sent_mailbox:
        return False
    conn = connect(settings)
    try:
        typ, _ = conn.select(_quote(cfg.sent_mailbox), readonly=True)
        if typ != "OK":
            return False
        typ, data = conn.uid("SEARCH", "HEADER", "Message-ID", f'"{message_id}"')
        return typ == "OK" and bool((data[0] or b"").split())
    finally:
        try:
            conn.logout()
        except (imaplib.IMAP4.error, OSError):
            pass
