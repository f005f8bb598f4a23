"""A notice by email over SMTP (SSL, STARTTLS, or plain to this machine only)."""

from __future__ import annotations

import re
import smtplib
from email.message import EmailMessage

from claimpilot.config import AlertChannelSettings, SmtpSettings
from claimpilot.netsafety import is_local
from claimpilot.notify.http import DeliveryError

NO_ALERT_SMTP = "no SMTP for alert e-mail"
NOT_IN_MESSAGE_ID = re.compile(r"[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]")


def send_email(cfg: AlertChannelSettings, smtp: SmtpSettings, notice) -> None:
    if not smtp.host or not smtp.from_address:
        raise DeliveryError(f"email: {NO_ALERT_SMTP}: set the alert channels' smtp host and from_address "
                            "(logistics.alerts.smtp), or give the seller a mailbox of its own "
                            "(claimpilot sellers mailbox)")
    if smtp.security == "plain" and not is_local(smtp.host):
        raise DeliveryError("email: plain SMTP is allowed only to this machine; use ssl or starttls")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = smtp.from_address, ", ".join(cfg.email_to), notice.title
    msg["Message-ID"] = f"<{NOT_IN_MESSAGE_ID.sub('.', notice.event_id)}@claimpilot>"  # ':' would cut it short
    msg.set_content(notice.text)
    port = smtp.port or (465 if smtp.security == "ssl" else 587 if smtp.security == "starttls" else 25)
    try:
        cls = smtplib.SMTP_SSL if smtp.security == "ssl" else smtplib.SMTP
        with cls(smtp.host, port, timeout=smtp.timeout_s) as server:
            if smtp.security == "starttls":
                server.starttls()
            if smtp.username and smtp.password is not None:
                server.login(smtp.username, smtp.password.get_secret_value())
            server.send_message(msg)
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"email: {type(exc).__name__}: {exc}"[:300]) from None
