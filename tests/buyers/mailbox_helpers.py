"""Helpers of the buyer-message tests: delivering a message into a test mailbox."""

from __future__ import annotations

import imaplib


def append(dovecot, raw: bytes, mailbox: str = "INBOX") -> None:
    """Deliver a message into the mailbox the way a mail server would (IMAP APPEND)."""
    conn = imaplib.IMAP4("127.0.0.1", dovecot.port)
    conn.login(dovecot.user, dovecot.password)
    if mailbox != "INBOX":
        conn.create(mailbox)
    conn.append(mailbox, None, None, raw)
    conn.logout()
