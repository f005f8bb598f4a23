"""Approved replies out by SMTP, from the seller's registered address to the buyer's relay address.

The SMTP transaction is split so that the outbox knows where it stands:
MAIL FROM and RCPT TO while the reply is ``reserved``, then ``transmitting``
is committed, then DATA. See ``outbox`` for why this sends each reply once.
"""

from __future__ import annotations

import json
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from typing import cast

from sqlalchemy import select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.netsafety import require_mailbox_owner, require_secure_or_local
from claimpilot.tools.buyers import outbox
from claimpilot.tools.buyers.models import BuyerReply

SmtpFactory = Callable[..., smtplib.SMTP]


class SendError(RuntimeError):
    """Sending is not configured, or the server cannot be reached."""


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retry_later: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    uncertain: list[int] = field(default_factory=list)
    recovered: dict[str, int] = field(default_factory=dict)


def open_smtp(settings: Settings, factory: SmtpFactory | None = None) -> smtplib.SMTP:
    """A logged-in SMTP connection per ``Settings.buyers.smtp`` (SSL, STARTTLS, or plain on this machine)."""
    cfg = settings.buyers.smtp
    require_mailbox_owner(settings)
    if not cfg.host or not cfg.from_address:
        raise SendError("SMTP is not configured: set CLAIMPILOT_BUYERS__SMTP__HOST and __FROM_ADDRESS")
    require_secure_or_local(cfg.security, cfg.host, "SMTP")
    ctx = ssl.create_default_context()
    smtp: smtplib.SMTP
    if cfg.security == "ssl":
        smtp = smtplib.SMTP_SSL(cfg.host, cfg.port or 465, timeout=cfg.timeout_s, context=ctx)
    else:
        smtp = (factory or smtplib.SMTP)(cfg.host, cfg.port or 587, timeout=cfg.timeout_s)
        if cfg.security == "starttls":
            smtp.starttls(context=ctx)
    smtp.ehlo_or_helo_if_needed()
    if cfg.username and cfg.password:
        smtp.login(cfg.username, cfg.password.get_secret_value())
    return smtp


def build_email(reply: BuyerReply, sender: str, message_id: str, in_reply_to: str | None) -> EmailMessage:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = reply.to_address
    mail["Subject"] = reply.subject
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    mail["Message-ID"] = message_id
    if in_reply_to:
        mail["In-Reply-To"] = in_reply_to
        mail["References"] = in_reply_to
    mail.set_content(reply.body, charset="utf-8")
    return mail


def _transmit(settings: Settings, smtp: smtplib.SMTP, r: outbox.Reservation, mail: EmailMessage,
              sender: str, recipient: str) -> str:
    """One SMTP transaction for a reserved reply; returns sent | retry | disconnected | failed | uncertain."""
    try:
        code, resp = smtp.mail(sender)
        if code == 250:
            code, resp = smtp.rcpt(recipient)
    except (smtplib.SMTPServerDisconnected, OSError) as exc:  # before DATA: nothing was delivered
        outbox.release(settings, r, f"connection lost before DATA: {type(exc).__name__}", permanent=False)
        return "disconnected"
    if code not in (250, 251):
        smtp.rset()
        outbox.release(settings, r, f"{code} {resp.decode(errors='replace')}", permanent=code >= 500)
        return "failed" if code >= 500 else "retry"
    try:
        outbox.begin_transmit(settings, r)
    except outbox.LostReservation:
        smtp.rset()
        return "retry"
    try:
        code, resp = smtp.data(mail.as_bytes())
    except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354): nothing was transmitted
        code, resp = exc.smtp_code, cast(bytes, exc.smtp_error)  # smtplib raises it with the server's reply
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        outbox.mark_uncertain(settings, r, f"connection lost during DATA: {type(exc).__name__}")
        return "uncertain"
    if code != 250:  # a definite refusal: the server does not hold the message
        outbox.release(settings, r, f"{code} {resp.decode(errors='replace')}", permanent=code >= 500)
        return "failed" if code >= 500 else "retry"
    outbox.mark_sent(settings, r)
    return "sent"


def send_approved(settings: Settings, factory: SmtpFactory | None = None,
                  only: list[int] | None = None) -> SendReport:
    """Recover after any crash, then send every approved reply of the seller (or only the given reply ids)."""
    report = SendReport(recovered=outbox.recover(settings))
    Session = session_factory(settings)
    with Session() as db:
        q = select(BuyerReply.id).where(BuyerReply.seller_id == settings.seller_id,
                                        BuyerReply.status == outbox.APPROVED)
        if only is not None:
            q = q.where(BuyerReply.id.in_(only))
        ids = db.scalars(q.order_by(BuyerReply.id)).all()
    if not ids:
        return report
    smtp = open_smtp(settings, factory)
    try:
        for reply_id in ids:
            r = outbox.reserve(settings, reply_id)
            if r is None:
                continue
            with Session() as db:
                reply = db.get(BuyerReply, reply_id)
                assert reply is not None  # reserved above
                in_reply_to = reply.message.rfc_message_id
                if not reply.compliance_ok or json.loads(reply.compliance_issues or "[]"):
                    outbox.release(settings, r, "the reply does not pass the compliance check", permanent=True)
                    report.failed.append(reply_id)
                    continue
                sender, recipient = reply.from_address or settings.buyers.smtp.from_address, reply.to_address
                assert sender is not None  # open_smtp refuses a configuration without a from address
                mail = build_email(reply, sender, r.message_id, in_reply_to)
            outcome = _transmit(settings, smtp, r, mail, sender, recipient)
            {"sent": report.sent, "retry": report.retry_later, "disconnected": report.retry_later,
             "failed": report.failed, "uncertain": report.uncertain}[outcome].append(reply_id)
            if outcome in ("uncertain", "disconnected"):
                break  # the connection is gone; the rest wait for the next run
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return report
