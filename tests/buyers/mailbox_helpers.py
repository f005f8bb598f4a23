"""Helpers of the buyer-message tests: delivering a message into a test mailbox; configuring the
installation from the environment, as the CLI reads it."""

from __future__ import annotations

import imaplib
import threading


def append(dovecot, raw: bytes, mailbox: str = "INBOX") -> None:
    """Deliver a message into the mailbox the way a mail server would (IMAP APPEND)."""
    conn = imaplib.IMAP4("127.0.0.1", dovecot.port)
    conn.login(dovecot.user, dovecot.password)
    if mailbox != "INBOX":
        conn.create(mailbox)
    conn.append(mailbox, None, None, raw)
    conn.logout()


def installation_env(settings, monkeypatch, database_url: str | None = None) -> None:
    """Set the ``CLAIMPILOT_*`` environment that configures ``settings``' mailbox, sender and SP-API."""
    b, sp = settings.buyers, settings.sp_api
    values = {
        "DATABASE_URL": database_url or settings.database_url,
        "BUYERS__IMAP__HOST": b.imap.host, "BUYERS__IMAP__PORT": str(b.imap.port), "BUYERS__IMAP__SECURITY": "plain",
        "BUYERS__IMAP__USERNAME": b.imap.username, "BUYERS__IMAP__PASSWORD": b.imap.password.get_secret_value(),
        "BUYERS__SMTP__HOST": b.smtp.host, "BUYERS__SMTP__PORT": str(b.smtp.port), "BUYERS__SMTP__SECURITY": "plain",
        "BUYERS__SMTP__FROM_ADDRESS": b.smtp.from_address,
        "SP_API__ENDPOINT": sp.endpoint, "SP_API__LWA_APP_ID": sp.lwa_app_id,
        "SP_API__LWA_CLIENT_SECRET": sp.lwa_client_secret.get_secret_value(),
        "SP_API__REFRESH_TOKEN": sp.refresh_token.get_secret_value(),
    }
    for k, v in values.items():
        monkeypatch.setenv(f"CLAIMPILOT_{k}", v)


def send_concurrently(settings, senders: int = 3) -> list[Exception]:
    """``senders`` BuyerServices sending the approved replies at once; what any of them raised."""
    from claimpilot.tools.buyers.service import BuyerService

    errors: list[Exception] = []

    def send() -> None:
        try:
            BuyerService(settings).send()
        except Exception as exc:  # noqa: BLE001 - collected for the test to assert on
            errors.append(exc)

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
