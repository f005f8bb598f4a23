"""The encrypted variants: IMAP over SSL and STARTTLS (Dovecot), SMTP with STARTTLS (aiosmtpd), certificates checked."""

from __future__ import annotations

import pytest
from mailservers import append, start_smtp_starttls
from relay_mail import relay_mail

from claimpilot.tools.buyers.imap_intake import ImapError
from claimpilot.tools.buyers.service import BuyerService


def _with(settings, imap: dict | None = None, smtp: dict | None = None):
    buyers = settings.buyers
    return settings.model_copy(update={"buyers": buyers.model_copy(update={
        "imap": buyers.imap.model_copy(update=imap or {}), "smtp": buyers.smtp.model_copy(update=smtp or {})})})


def test_imap_ssl_and_starttls_and_smtp_starttls(mail_settings, dovecot, order_ids, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.cert))  # trust the test servers' self-signed certificate
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Where is my order {oid}?", oid))
    over_ssl = _with(mail_settings, imap={"security": "ssl", "port": dovecot.ssl_port})
    assert len(BuyerService(over_ssl).poll().stored) == 1
    append(dovecot, relay_mail(f"Can I return order {oid}?", oid, relay="r2@marketplace.amazon.com"))
    append(dovecot, relay_mail(f"Please cancel order {oid}.", oid, relay="r3@marketplace.amazon.com"))
    upgraded = _with(mail_settings, imap={"security": "starttls", "port": dovecot.port})
    first, second = BuyerService(upgraded).poll().stored

    sink = start_smtp_starttls(dovecot.cert, dovecot.folder / "key.pem")
    try:
        svc = BuyerService(_with(upgraded, smtp={"security": "starttls", "port": sink.port}))
        svc.approve(first, by="anna")
        assert len(svc.send().sent) == 1 and len(sink.received) == 1
        # the server insists on TLS: the same server without STARTTLS refuses the mail
        clear = BuyerService(_with(upgraded, smtp={"security": "plain", "port": sink.port}))
        clear.approve(second, by="anna")
        assert clear.send().failed == [second] and len(sink.received) == 1
        assert "530" in clear.show(second)["reply"]["last_error"]
    finally:
        sink.stop()


def test_an_untrusted_certificate_is_refused(mail_settings, dovecot, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    over_ssl = _with(mail_settings, imap={"security": "ssl", "port": dovecot.ssl_port})
    with pytest.raises(ImapError, match="CERTIFICATE_VERIFY_FAILED|certificate"):
        BuyerService(over_ssl).poll()
